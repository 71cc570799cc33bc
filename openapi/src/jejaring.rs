//! PSKS, donors and partners on the wire: a request per register (their kinds differ)
//! and one response shape (`register` says which; fields of other registers are null).

use crate::text::Printable;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};
use wksbm_domain::jejaring::Partner as DomPartner;

/// `^[^@\s]+@[^@\s.]+\.[^@\s]+$`, at most 254 characters.
pub fn email_address(s: &str) -> Result<(), ValidationError> {
    let ok = s.chars().count() <= 254
        && !s.chars().any(crate::rules::pattern_space)
        && s.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain
                    .split_once('.')
                    .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        });
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("email"))
    }
}

/// `^PSKS-(0[1-9]|1[0-2])$`
pub fn psks_code(s: &str) -> Result<(), ValidationError> {
    let ok = s
        .strip_prefix("PSKS-")
        .filter(|n| n.len() == 2)
        .and_then(|n| n.parse::<u8>().ok())
        .is_some_and(|n| (1..=12).contains(&n));
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("psks_type"))
    }
}

/// The services a PSKS or partner offers: at most 200 characters each (`length`), printable
/// text (`printable`); the first failing rule names the whole list.
pub fn services(list: &[Printable<200>]) -> Result<(), ValidationError> {
    for s in list {
        if s.chars().count() > 200 {
            return Err(ValidationError::new("length"));
        }
        crate::rules::printable_text(s)?;
    }
    Ok(())
}

wksbm_domain::str_enum! {
    #[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
    #[serde(rename_all = "snake_case")]
    pub enum PsksForm {
        Perorangan = "perorangan",
        Lembaga = "lembaga",
    }
}

wksbm_domain::str_enum! {
    #[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
    #[serde(rename_all = "snake_case")]
    pub enum DonaturKind {
        Perorangan = "perorangan",
        Organisasi = "organisasi",
        Usaha = "usaha",
    }
}

wksbm_domain::str_enum! {
    #[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
    #[serde(rename_all = "snake_case")]
    pub enum MitraKind {
        Puskesmas = "puskesmas",
        Lks = "lks",
        BaznasUpz = "baznas_upz",
        DinasSosial = "dinas_sosial",
        Sekolah = "sekolah",
        KarangTaruna = "karang_taruna",
        Kua = "kua",
        RumahSakit = "rumah_sakit",
        Lainnya = "lainnya",
    }
}

/// How to reach a PSKS, donor or partner.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"person": "Pak Harjo", "phone": "0274123456", "email": "kontak@example.org", "address": "Jl. Srandakan 1"}))]
pub struct Contact {
    /// The person to talk to (for an organisation).
    // Spelled out: utoipa drops a doc comment beside `schema_with` and wraps it wrongly
    // beside `inline`; the type still does the checking.
    #[schema(
        value_type = Option<String>,
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]*[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb][^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]*$"
    )]
    #[validate(nested)]
    pub person: Option<Printable<200>>,
    #[schema(pattern = r"^\+?[0-9]{6,15}$", example = "081234567890")]
    #[validate(custom(function = "crate::ppks::phone_number"))]
    pub phone: Option<String>,
    #[schema(
        max_length = 254,
        pattern = r"^[^@\s]+@[^@\s.]+\.[^@\s]+$",
        example = "kontak@example.org"
    )]
    #[validate(custom(function = "email_address"))]
    pub email: Option<String>,
    #[schema(schema_with = Printable::<500>::nullable)]
    #[validate(nested)]
    pub address: Option<Printable<500>>,
}

/// A PSKS (one of the 12 types of Permensos 8/2012) linked to a WKSBM.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"wksbm_id": "0193a5b0-7c1e-7000-8000-000000000002", "kind": "PSKS-02", "form": "perorangan", "name": "Sumarni", "within_area": true, "contact": {"phone": "081234567890"}, "services": ["Pendampingan lansia"], "capacity": 10}))]
pub struct PsksRequest {
    /// Optional client-chosen UUID (create only).
    pub id: Option<Uuid>,
    pub wksbm_id: Uuid,
    /// `PSKS-01` … `PSKS-12` (see `/api/v1/katalog/psks`).
    #[schema(pattern = r"^PSKS-(0[1-9]|1[0-2])$", example = "PSKS-02")]
    #[validate(custom(function = "psks_code"))]
    pub kind: String,
    pub form: PsksForm,
    #[schema(inline)]
    #[validate(nested)]
    pub name: Printable<200>,
    /// Inside the WKSBM's area (default true).
    pub within_area: Option<bool>,
    #[serde(default)]
    #[schema(inline, max_items = 20)]
    #[validate(length(max = 20), custom(function = "services"))]
    pub services: Vec<Printable<200>>,
    /// People it can serve at once.
    #[schema(minimum = 0, maximum = 1000000)]
    #[validate(range(min = 0, max = 1_000_000))]
    pub capacity: Option<i64>,
    #[validate(nested)]
    pub contact: Option<Contact>,
    #[schema(schema_with = Printable::<2000>::nullable)]
    #[validate(nested)]
    pub notes: Option<Printable<2000>>,
}

/// A donor of a WKSBM: a person, an organisation or a business.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "usaha", "name": "Toko Makmur", "contact": {"person": "Pak Harjo", "phone": "0274123456"}}))]
pub struct DonaturRequest {
    pub id: Option<Uuid>,
    pub kind: DonaturKind,
    #[schema(inline)]
    #[validate(nested)]
    pub name: Printable<200>,
    #[validate(nested)]
    pub contact: Option<Contact>,
    #[schema(schema_with = Printable::<2000>::nullable)]
    #[validate(nested)]
    pub notes: Option<Printable<2000>>,
}

/// A partner organisation (jejaring kerja) with the services it offers for referrals and
/// its MoU.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "puskesmas", "name": "Puskesmas Srandakan", "services": ["Posyandu lansia", "Pemeriksaan gratis"], "mou_number": "01/MoU/WKSBM/2026", "mou_start": "2026-01-01", "mou_end": "2027-12-31"}))]
pub struct MitraRequest {
    pub id: Option<Uuid>,
    pub kind: MitraKind,
    #[schema(inline)]
    #[validate(nested)]
    pub name: Printable<200>,
    #[serde(default)]
    #[schema(inline, max_items = 20)]
    #[validate(length(max = 20), custom(function = "services"))]
    pub services: Vec<Printable<200>>,
    #[schema(schema_with = Printable::<100>::nullable)]
    #[validate(nested)]
    pub mou_number: Option<Printable<100>>,
    pub mou_start: Option<NaiveDate>,
    /// Not before `mou_start`.
    pub mou_end: Option<NaiveDate>,
    #[validate(nested)]
    pub contact: Option<Contact>,
    #[schema(schema_with = Printable::<2000>::nullable)]
    #[validate(nested)]
    pub notes: Option<Printable<2000>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Tidak aktif lagi sejak 2026"}))]
pub struct DeactivatePartnerRequest {
    #[schema(inline)]
    #[validate(nested)]
    pub reason: Printable<500>,
}

/// A PSKS, donor or partner.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "0193a5b0-7c1e-7000-8000-0000000000c1", "register": "mitra", "wksbm_id": "0193a5b0-7c1e-7000-8000-000000000002", "padukuhan_id": "0193a5b0-7c1e-7000-8000-000000000001", "kalurahan_code": "34.02.01.2001", "kind": "puskesmas", "name": "Puskesmas Srandakan", "form": null, "within_area": null, "contact": {"person": null, "phone": null, "email": null, "address": null}, "services": ["Posyandu lansia"], "capacity": null, "mou_number": "01/MoU/WKSBM/2026", "mou_start": "2026-01-01", "mou_end": "2027-12-31", "notes": null, "active": true, "status_reason": null, "version": 1, "created_at": "2026-11-29T08:00:00Z", "updated_at": "2026-11-29T08:00:00Z"}))]
pub struct Partner {
    pub id: Uuid,
    /// `psks`, `donatur` or `mitra`.
    pub register: String,
    pub wksbm_id: Uuid,
    pub padukuhan_id: Uuid,
    pub kalurahan_code: String,
    /// The PSKS type code, the donor kind or the partner kind.
    pub kind: String,
    pub name: String,
    pub form: Option<String>,
    pub within_area: Option<bool>,
    pub contact: Contact,
    pub services: Vec<String>,
    pub capacity: Option<i64>,
    pub mou_number: Option<String>,
    pub mou_start: Option<NaiveDate>,
    pub mou_end: Option<NaiveDate>,
    pub notes: Option<String>,
    pub active: bool,
    pub status_reason: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&DomPartner> for Partner {
    fn from(p: &DomPartner) -> Self {
        Partner {
            id: p.id,
            register: p.register.as_str().to_owned(),
            wksbm_id: p.wksbm_id,
            padukuhan_id: p.padukuhan_id,
            kalurahan_code: p.kalurahan.to_string(),
            kind: p.kind.clone(),
            name: p.name.clone(),
            form: p.form.clone(),
            within_area: p.within_area,
            contact: Contact {
                person: p.contact_person.clone().map(Into::into),
                phone: p.phone.clone(),
                email: p.email.clone(),
                address: p.address.clone().map(Into::into),
            },
            services: p.services.clone(),
            capacity: p.capacity,
            mou_number: p.mou_number.clone(),
            mou_start: p.mou_start,
            mou_end: p.mou_end,
            notes: p.notes.clone(),
            active: p.active,
            status_reason: p.status_reason.clone(),
            version: p.version,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// Search filters of the three registers.
#[derive(Debug, Clone, Default, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct PartnerQuery {
    /// Part of the name, ignoring case and accents.
    #[param(inline)]
    #[validate(nested)]
    pub q: Option<Printable<100>>,
    /// The PSKS type code, donor kind or partner kind.
    #[param(min_length = 1, max_length = 20, pattern = r"^[A-Za-z0-9_-]+$")]
    #[validate(length(min = 1, max = 20), custom(function = "kind_chars"))]
    pub kind: Option<String>,
    /// `true` for active entries only, `false` for deactivated ones.
    pub active: Option<bool>,
    /// Only entries changed at or after this time (RFC 3339), for sync.
    pub updated_since: Option<DateTime<Utc>>,
}

/// `^[A-Za-z0-9_-]+$`
pub fn kind_chars(s: &str) -> Result<(), ValidationError> {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        Ok(())
    } else {
        Err(ValidationError::new("kind"))
    }
}

/// The PSKS list's extra filters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PsksScope {
    pub wksbm_id: Option<Uuid>,
    /// Only PSKS of WKSBM inside this kapanewon or kalurahan.
    #[param(
        pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$",
        example = "34.02.01"
    )]
    pub wilayah_code: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_and_code_checks_match_their_patterns() {
        assert!(email_address("a@b.id").is_ok());
        assert!(email_address("a@b").is_err());
        assert!(email_address("a b@c.id").is_err());
        assert!(email_address("@c.id").is_err());
        assert!(email_address("a@b.c.").is_ok(), "as the pattern allows");
        assert!(psks_code("PSKS-12").is_ok());
        assert!(psks_code("PSKS-13").is_err());
        assert!(psks_code("PSKS-1").is_err());
        assert!(kind_chars("baznas_upz").is_ok());
        assert!(kind_chars("x y").is_err());
    }
}
