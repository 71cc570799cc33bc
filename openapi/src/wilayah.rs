use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use wksbm_domain::wilayah as dom;

/// Pattern of a Kemendagri region code, as the API accepts it.
pub const KODE_PATTERN: &str = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$";

/// Level of the territory tree.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WilayahLevel {
    Provinsi,
    Kabupaten,
    Kapanewon,
    Kalurahan,
}

impl From<dom::Level> for WilayahLevel {
    fn from(l: dom::Level) -> Self {
        match l {
            dom::Level::Provinsi => WilayahLevel::Provinsi,
            dom::Level::Kabupaten => WilayahLevel::Kabupaten,
            dom::Level::Kapanewon => WilayahLevel::Kapanewon,
            dom::Level::Kalurahan => WilayahLevel::Kalurahan,
        }
    }
}

impl From<WilayahLevel> for dom::Level {
    fn from(l: WilayahLevel) -> Self {
        match l {
            WilayahLevel::Provinsi => dom::Level::Provinsi,
            WilayahLevel::Kabupaten => dom::Level::Kabupaten,
            WilayahLevel::Kapanewon => dom::Level::Kapanewon,
            WilayahLevel::Kalurahan => dom::Level::Kalurahan,
        }
    }
}

/// A region: province, kabupaten, kapanewon (kecamatan) or kalurahan (desa).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[schema(example = json!({"code": "34.02.01.2001", "parent_code": "34.02.01", "level": "kalurahan", "name": "Poncosari"}))]
pub struct Wilayah {
    /// Kemendagri code.
    #[schema(pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$")]
    pub code: String,
    /// The code one level up; null for a province.
    pub parent_code: Option<String>,
    pub level: WilayahLevel,
    pub name: String,
}

impl From<&dom::Wilayah> for Wilayah {
    fn from(w: &dom::Wilayah) -> Self {
        Wilayah {
            code: w.code.to_string(),
            parent_code: w.parent_code.as_ref().map(ToString::to_string),
            level: w.level.into(),
            name: w.name.clone(),
        }
    }
}

/// A region with the chain above it, from the province down.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[schema(example = json!({
    "code": "34.02.01.2001", "parent_code": "34.02.01", "level": "kalurahan", "name": "Poncosari",
    "ancestors": [
        {"code": "34", "parent_code": null, "level": "provinsi", "name": "Daerah Istimewa Yogyakarta"},
        {"code": "34.02", "parent_code": "34", "level": "kabupaten", "name": "Kabupaten Bantul"},
        {"code": "34.02.01", "parent_code": "34.02", "level": "kapanewon", "name": "Srandakan"}
    ]
}))]
pub struct WilayahDetail {
    #[schema(pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$")]
    pub code: String,
    pub parent_code: Option<String>,
    pub level: WilayahLevel,
    pub name: String,
    pub ancestors: Vec<Wilayah>,
}

impl WilayahDetail {
    pub fn new(w: &dom::Wilayah, ancestors: &[dom::Wilayah]) -> Self {
        WilayahDetail {
            code: w.code.to_string(),
            parent_code: w.parent_code.as_ref().map(ToString::to_string),
            level: w.level.into(),
            name: w.name.clone(),
            ancestors: ancestors.iter().map(Wilayah::from).collect(),
        }
    }
}

/// Filters of the region list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WilayahQuery {
    /// Only the direct children of this code.
    #[param(
        pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$",
        example = "34.02"
    )]
    pub parent: Option<String>,
    /// Every region below this code, at any depth (e.g. all kalurahan of a kabupaten).
    #[param(
        pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$",
        example = "34.02"
    )]
    pub within: Option<String>,
    /// Only regions of this level.
    pub level: Option<WilayahLevel>,
    /// Name contains this text (case- and accent-insensitive).
    #[param(min_length = 1, max_length = 100, example = "bangun")]
    pub q: Option<String>,
}
