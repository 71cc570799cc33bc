//! The PPKS register on the wire: requests, codes, filters. The two views of a record
//! are in `ppks_view`.

use crate::text::Printable;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};
use wksbm_domain::nik::Sex as DomSex;
use wksbm_domain::ppks::{
    ConsentBy as DomConsentBy, InactiveReason as DomReason, LawfulBasis as DomBasis,
};

/// `^[0-9]{16}$`
pub fn sixteen_digits(s: &str) -> Result<(), ValidationError> {
    if s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ValidationError::new("sixteen_digits"))
    }
}

/// `^[0-9]{1,3}$`
pub fn rt_rw(s: &str) -> Result<(), ValidationError> {
    if (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ValidationError::new("rt_rw"))
    }
}

/// `^\+?[0-9]{6,15}$`
pub fn phone_number(s: &str) -> Result<(), ValidationError> {
    let digits = s.strip_prefix('+').unwrap_or(s);
    if (6..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ValidationError::new("phone"))
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Laki-laki.
    L,
    /// Perempuan.
    P,
}

impl From<Sex> for DomSex {
    fn from(s: Sex) -> Self {
        match s {
            Sex::L => DomSex::L,
            Sex::P => DomSex::P,
        }
    }
}
impl From<DomSex> for Sex {
    fn from(s: DomSex) -> Self {
        match s {
            DomSex::L => Sex::L,
            DomSex::P => Sex::P,
        }
    }
}

/// The lawful basis of processing (UU 27/2022 article 20).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LawfulBasis {
    Persetujuan,
    KewajibanHukum,
    TugasPublik,
}

impl From<LawfulBasis> for DomBasis {
    fn from(b: LawfulBasis) -> Self {
        match b {
            LawfulBasis::Persetujuan => DomBasis::Persetujuan,
            LawfulBasis::KewajibanHukum => DomBasis::KewajibanHukum,
            LawfulBasis::TugasPublik => DomBasis::TugasPublik,
        }
    }
}
impl From<DomBasis> for LawfulBasis {
    fn from(b: DomBasis) -> Self {
        match b {
            DomBasis::Persetujuan => LawfulBasis::Persetujuan,
            DomBasis::KewajibanHukum => LawfulBasis::KewajibanHukum,
            DomBasis::TugasPublik => LawfulBasis::TugasPublik,
        }
    }
}

/// Who consented: the person, or for a child a parent or guardian.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ConsentBy {
    DiriSendiri,
    OrangTua,
    Wali,
}

impl From<ConsentBy> for DomConsentBy {
    fn from(b: ConsentBy) -> Self {
        match b {
            ConsentBy::DiriSendiri => DomConsentBy::DiriSendiri,
            ConsentBy::OrangTua => DomConsentBy::OrangTua,
            ConsentBy::Wali => DomConsentBy::Wali,
        }
    }
}
impl From<DomConsentBy> for ConsentBy {
    fn from(b: DomConsentBy) -> Self {
        match b {
            DomConsentBy::DiriSendiri => ConsentBy::DiriSendiri,
            DomConsentBy::OrangTua => ConsentBy::OrangTua,
            DomConsentBy::Wali => ConsentBy::Wali,
        }
    }
}

/// Why a person is no longer served (`dianonimkan` is set by anonymisation only).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InactiveReason {
    Meninggal,
    Pindah,
    SudahMampu,
    Menolak,
    TidakDitemukan,
    Lainnya,
    Dianonimkan,
}

impl From<DomReason> for InactiveReason {
    fn from(r: DomReason) -> Self {
        match r {
            DomReason::Meninggal => InactiveReason::Meninggal,
            DomReason::Pindah => InactiveReason::Pindah,
            DomReason::SudahMampu => InactiveReason::SudahMampu,
            DomReason::Menolak => InactiveReason::Menolak,
            DomReason::TidakDitemukan => InactiveReason::TidakDitemukan,
            DomReason::Lainnya => InactiveReason::Lainnya,
            DomReason::Dianonimkan => InactiveReason::Dianonimkan,
        }
    }
}

/// The reasons a user may give (anonymisation has its own operation).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DeactivationReason {
    Meninggal,
    Pindah,
    SudahMampu,
    Menolak,
    TidakDitemukan,
    Lainnya,
}

impl From<DeactivationReason> for DomReason {
    fn from(r: DeactivationReason) -> Self {
        match r {
            DeactivationReason::Meninggal => DomReason::Meninggal,
            DeactivationReason::Pindah => DomReason::Pindah,
            DeactivationReason::SudahMampu => DomReason::SudahMampu,
            DeactivationReason::Menolak => DomReason::Menolak,
            DeactivationReason::TidakDitemukan => DomReason::TidakDitemukan,
            DeactivationReason::Lainnya => DomReason::Lainnya,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PpksStatus {
    Aktif,
    Nonaktif,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    Belum,
    Terverifikasi,
}

/// A person to register, or the corrected record (PATCH replaces these fields).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "padukuhan_id": "0193a5b0-7c1e-7000-8000-000000000001",
    "nik": "3402015205900001", "no_kk": "3402011012150003", "name": "Sri Lestari",
    "birth_place": "Bantul", "birth_date": "1990-05-12", "sex": "p", "rt": "03", "rw": "01",
    "address": "Kuwaru RT 03", "phone": "081234567890", "types": ["PPKS-24", "PPKS-23"],
    "asnaf": "miskin", "needs": "Modal usaha warung", "lawful_basis": "persetujuan",
    "consent_proof": "Formulir persetujuan No. 12/2026", "consent_by": "diri_sendiri",
    "consent_name": "Sri Lestari"
}))]
pub struct PpksRequest {
    /// Optional client-chosen UUID (create only).
    pub id: Option<Uuid>,
    pub padukuhan_id: Uuid,
    /// 16 digits; checked against DOMAIN.md's NIK rules (each its own error code).
    #[schema(pattern = r"^[0-9]{16}$", example = "3402015205900001")]
    #[validate(custom(function = "sixteen_digits"))]
    pub nik: String,
    #[schema(pattern = r"^[0-9]{16}$")]
    #[validate(custom(function = "sixteen_digits"))]
    pub no_kk: Option<String>,
    #[schema(inline)]
    #[validate(nested)]
    pub name: Printable<200>,
    #[schema(schema_with = Printable::<100>::nullable)]
    #[validate(nested)]
    pub birth_place: Option<Printable<100>>,
    /// Checked against the NIK; derived from it when absent.
    pub birth_date: Option<NaiveDate>,
    /// Checked against the NIK; derived from it when absent.
    pub sex: Option<Sex>,
    #[schema(pattern = r"^[0-9]{1,3}$")]
    #[validate(custom(function = "rt_rw"))]
    pub rt: Option<String>,
    #[schema(pattern = r"^[0-9]{1,3}$")]
    #[validate(custom(function = "rt_rw"))]
    pub rw: Option<String>,
    #[schema(schema_with = Printable::<500>::nullable)]
    #[validate(nested)]
    pub address: Option<Printable<500>>,
    #[schema(pattern = r"^\+?[0-9]{6,15}$", example = "081234567890")]
    #[validate(custom(function = "phone_number"))]
    pub phone: Option<String>,
    /// PPKS type codes (`PPKS-01` … `PPKS-26`, see `/api/v1/katalog/ppks`), at least one.
    #[schema(min_items = 1, max_items = 26, example = json!(["PPKS-24"]))]
    #[validate(length(min = 1, max = 26))]
    pub types: Vec<String>,
    /// An asnaf code (`/api/v1/katalog/asnaf`), for zakat.
    #[schema(max_length = 20)]
    #[validate(length(max = 20))]
    pub asnaf: Option<String>,
    #[schema(schema_with = Printable::<1000>::nullable)]
    #[validate(nested)]
    pub needs: Option<Printable<1000>>,
    #[schema(schema_with = Printable::<2000>::nullable)]
    #[validate(nested)]
    pub notes: Option<Printable<2000>>,
    pub lawful_basis: LawfulBasis,
    /// Needed when the basis is consent: the reference of the signed form.
    // Spelled out: utoipa drops a doc comment beside `schema_with` and wraps it wrongly
    // beside `inline`; the type still does the checking.
    #[schema(
        value_type = Option<String>,
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]*[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb][^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]*$"
    )]
    #[validate(nested)]
    pub consent_proof: Option<Printable<200>>,
    /// Needed when the basis is consent; a parent or guardian for a child.
    pub consent_by: Option<ConsentBy>,
    #[schema(schema_with = Printable::<200>::nullable)]
    #[validate(nested)]
    pub consent_name: Option<Printable<200>>,
}

/// Something worth knowing that did not stop the request.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Warning {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// Search filters of the register.
#[derive(Debug, Clone, Default, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct PpksQuery {
    /// Part of the name, ignoring case and accents.
    #[param(inline)]
    #[validate(nested)]
    pub q: Option<Printable<100>>,
    /// A whole NIK (exact match): only for those who see personal data in full, and rate-
    /// limited per account.
    #[param(pattern = r"^[0-9]{16}$")]
    #[validate(custom(function = "sixteen_digits"))]
    pub nik: Option<String>,
    /// A PPKS type code. Sensitive types only for those who may see them.
    #[param(pattern = r"^PPKS-(0[1-9]|1[0-9]|2[0-6])$", example = "PPKS-24")]
    #[validate(custom(function = "type_code"))]
    pub r#type: Option<String>,
    pub status: Option<PpksStatus>,
    pub verification: Option<VerificationStatus>,
    #[param(pattern = r"^[0-9]{1,3}$")]
    #[validate(custom(function = "rt_rw"))]
    pub rt: Option<String>,
    #[param(pattern = r"^[0-9]{1,3}$")]
    #[validate(custom(function = "rt_rw"))]
    pub rw: Option<String>,
    pub padukuhan_id: Option<Uuid>,
    pub wksbm_id: Option<Uuid>,
    /// Only people inside this kapanewon or kalurahan.
    #[param(
        pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$",
        example = "34.02.01"
    )]
    pub wilayah_code: Option<String>,
    /// Only records changed at or after this time (RFC 3339), for sync.
    pub updated_since: Option<DateTime<Utc>>,
}

/// `^PPKS-(0[1-9]|1[0-9]|2[0-6])$`
pub fn type_code(s: &str) -> Result<(), ValidationError> {
    let ok = s
        .strip_prefix("PPKS-")
        .and_then(|n| (n.len() == 2).then_some(n))
        .and_then(|n| n.parse::<u8>().ok())
        .is_some_and(|n| (1..=26).contains(&n));
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("ppks_type"))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"status": "nonaktif", "reason": "pindah", "date": "2026-11-20", "note": "Pindah ke Sleman"}))]
pub struct PpksStatusRequest {
    pub status: PpksStatus,
    /// Required for `nonaktif`.
    pub reason: Option<DeactivationReason>,
    /// The day it happened (default today); not in the future.
    pub date: Option<NaiveDate>,
    #[schema(schema_with = Printable::<500>::nullable)]
    #[validate(nested)]
    pub note: Option<Printable<500>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"status": "terverifikasi"}))]
pub struct VerifyRequest {
    pub status: VerificationStatus,
}
