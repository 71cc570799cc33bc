use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;
use wksbm_domain::katalog as dom;

/// The catalogs the API serves.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum KatalogName {
    Ppks,
    Psks,
    JenisKegiatan,
    MetodePenggalanganDana,
    KategoriPenyaluran,
    Asnaf,
    Jabatan,
    BukuAdministrasi,
    TahapanPenumbuhan,
}

impl From<KatalogName> for dom::Katalog {
    fn from(k: KatalogName) -> Self {
        match k {
            KatalogName::Ppks => dom::Katalog::Ppks,
            KatalogName::Psks => dom::Katalog::Psks,
            KatalogName::JenisKegiatan => dom::Katalog::JenisKegiatan,
            KatalogName::MetodePenggalanganDana => dom::Katalog::MetodePenggalanganDana,
            KatalogName::KategoriPenyaluran => dom::Katalog::KategoriPenyaluran,
            KatalogName::Asnaf => dom::Katalog::Asnaf,
            KatalogName::Jabatan => dom::Katalog::Jabatan,
            KatalogName::BukuAdministrasi => dom::Katalog::BukuAdministrasi,
            KatalogName::TahapanPenumbuhan => dom::Katalog::TahapanPenumbuhan,
        }
    }
}

impl From<dom::Katalog> for KatalogName {
    fn from(k: dom::Katalog) -> Self {
        match k {
            dom::Katalog::Ppks => KatalogName::Ppks,
            dom::Katalog::Psks => KatalogName::Psks,
            dom::Katalog::JenisKegiatan => KatalogName::JenisKegiatan,
            dom::Katalog::MetodePenggalanganDana => KatalogName::MetodePenggalanganDana,
            dom::Katalog::KategoriPenyaluran => KatalogName::KategoriPenyaluran,
            dom::Katalog::Asnaf => KatalogName::Asnaf,
            dom::Katalog::Jabatan => KatalogName::Jabatan,
            dom::Katalog::BukuAdministrasi => KatalogName::BukuAdministrasi,
            dom::Katalog::TahapanPenumbuhan => KatalogName::TahapanPenumbuhan,
        }
    }
}

/// One entry of a catalog.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[schema(example = json!({"code": "PPKS-08", "name": "Lanjut Usia Telantar", "abbreviation": "LUT", "parent": null, "description": null, "aliases": ["Lanjut Usia Terlantar"]}))]
pub struct KatalogItem {
    /// Stable code other records refer to.
    pub code: String,
    pub name: String,
    pub abbreviation: Option<String>,
    /// Code of the entry this one belongs under, if any.
    pub parent: Option<String>,
    pub description: Option<String>,
    /// Other spellings accepted on import (e.g. "Terlantar").
    pub aliases: Vec<String>,
}

impl From<&dom::Item> for KatalogItem {
    fn from(i: &dom::Item) -> Self {
        KatalogItem {
            code: i.code.to_owned(),
            name: i.name.to_owned(),
            abbreviation: i.abbreviation.map(str::to_owned),
            parent: i.parent.map(str::to_owned),
            description: i.description.map(str::to_owned),
            aliases: i.aliases.iter().map(|a| (*a).to_owned()).collect(),
        }
    }
}

/// A whole catalog.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"name": "asnaf", "source": "UU 23/2011; QS At-Taubah 60", "items": [
    {"code": "fakir", "name": "Fakir", "abbreviation": null, "parent": null, "description": null, "aliases": []}
]}))]
pub struct Katalog {
    pub name: KatalogName,
    /// The regulation or practice the list comes from.
    pub source: String,
    pub items: Vec<KatalogItem>,
}

impl Katalog {
    pub fn new(name: KatalogName) -> Self {
        let k: dom::Katalog = name.into();
        Katalog {
            name,
            source: k.source().to_owned(),
            items: k.items().iter().map(KatalogItem::from).collect(),
        }
    }
}

/// Every catalog's name, source and size.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct KatalogSummary {
    pub name: KatalogName,
    pub source: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"items": [{"name": "ppks", "source": "Permensos 8/2012", "count": 26}]}))]
pub struct KatalogList {
    pub items: Vec<KatalogSummary>,
}

/// Values to look up: codes, names or aliases, e.g. from a spreadsheet column.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"values": ["Lanjut Usia Terlantar", "PPKS-16", "tidak ada"]}))]
pub struct ResolveRequest {
    /// 1-500 values of 1-200 characters each.
    #[validate(length(min = 1, max = 500))]
    #[schema(min_items = 1, max_items = 500)]
    pub values: Vec<ResolveValue>,
}

/// A code, name or alias to look up.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(value_type = String, min_length = 1, max_length = 200)]
pub struct ResolveValue(pub String);

impl ResolveRequest {
    /// Indexes of values outside 1-200 characters (counted as JSON Schema counts).
    pub fn bad_values(&self) -> Vec<usize> {
        self.values
            .iter()
            .enumerate()
            .filter(|(_, v)| !(1..=200).contains(&v.0.chars().count()))
            .map(|(i, _)| i)
            .collect()
    }
}

/// The entry each value names, or null when none does.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Resolved {
    pub value: String,
    pub item: Option<KatalogItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"items": [
    {"value": "odha", "item": {"code": "PPKS-16", "name": "Orang dengan HIV/AIDS", "abbreviation": "ODHA", "parent": null, "description": null, "aliases": []}},
    {"value": "tidak ada", "item": null}
]}))]
pub struct ResolveResponse {
    pub items: Vec<Resolved>,
}
