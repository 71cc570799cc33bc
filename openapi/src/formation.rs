//! The WKSBM on the wire: formation, growth steps, legalisation (its SK) and status.
//! Padukuhan and the board have their own modules.

use crate::text::Printable;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;
use wksbm_domain::formation::{
    Sk as DomSk, Stage, Status, Step as DomStep, StepRecord, Wksbm as DomWksbm,
};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WksbmStatus {
    Pembentukan,
    Aktif,
    Dibekukan,
    Dibubarkan,
}

impl From<Status> for WksbmStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Pembentukan => WksbmStatus::Pembentukan,
            Status::Aktif => WksbmStatus::Aktif,
            Status::Dibekukan => WksbmStatus::Dibekukan,
            Status::Dibubarkan => WksbmStatus::Dibubarkan,
        }
    }
}

impl From<WksbmStatus> for Status {
    fn from(s: WksbmStatus) -> Self {
        match s {
            WksbmStatus::Pembentukan => Status::Pembentukan,
            WksbmStatus::Aktif => Status::Aktif,
            WksbmStatus::Dibekukan => Status::Dibekukan,
            WksbmStatus::Dibubarkan => Status::Dibubarkan,
        }
    }
}

/// The legalisation decree (SK) of the lurah: the same shape in the request that records
/// it and in the WKSBM that carries it. `number` as written on the decree; `signed_by`
/// the Lurah, or an official acting as Lurah by SK.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"number": "12/KEP/2026", "date": "2026-11-28", "signed_by": "Lurah Poncosari"}))]
pub struct Sk {
    // No doc comment on an inlined Printable: utoipa would wrap it in an `allOf` with an
    // object, which no string matches.
    #[schema(inline)]
    #[validate(nested)]
    pub number: Printable<100>,
    pub date: chrono::NaiveDate,
    #[schema(inline)]
    #[validate(nested)]
    pub signed_by: Printable<200>,
}

impl From<&DomSk> for Sk {
    fn from(s: &DomSk) -> Self {
        Sk {
            number: s.number.clone().into(),
            date: s.date,
            signed_by: s.signed_by.clone().into(),
        }
    }
}

impl From<&Sk> for DomSk {
    fn from(s: &Sk) -> Self {
        DomSk {
            number: s.number.trim().to_owned(),
            date: s.date,
            signed_by: s.signed_by.trim().to_owned(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "padukuhan_id": "01938f4e-0000-7000-8000-000000000001", "kalurahan_code": "34.02.01.2001", "name": "WKSBM Kuwaru Peduli", "address": "Kuwaru RT 01", "phone": "081234567890", "status": "pembentukan", "status_reason": null, "sk": null, "created_at": "2026-11-29T05:00:00Z", "updated_at": "2026-11-29T05:00:00Z"}))]
pub struct Wksbm {
    pub id: Uuid,
    pub padukuhan_id: Uuid,
    pub kalurahan_code: String,
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub status: WksbmStatus,
    pub status_reason: Option<String>,
    pub sk: Option<Sk>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<&DomWksbm> for Wksbm {
    fn from(w: &DomWksbm) -> Self {
        Wksbm {
            id: w.id,
            padukuhan_id: w.padukuhan_id,
            kalurahan_code: w.kalurahan.to_string(),
            name: w.name.clone(),
            address: w.address.clone(),
            phone: w.contact_phone.clone(),
            status: w.status.into(),
            status_reason: w.status_reason.clone(),
            sk: w.sk.as_ref().map(Sk::from),
            created_at: w.created_at,
            updated_at: w.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"padukuhan_id": "01938f4e-0000-7000-8000-000000000001", "name": "WKSBM Kuwaru Peduli", "address": "Kuwaru RT 01", "phone": "081234567890"}))]
pub struct CreateWksbmRequest {
    pub id: Option<Uuid>,
    pub padukuhan_id: Uuid,
    #[schema(inline)]
    #[validate(nested)]
    pub name: Printable<200>,
    #[schema(schema_with = Printable::<500>::nullable)]
    #[validate(nested)]
    pub address: Option<Printable<500>>,
    #[schema(pattern = r"^\+?[0-9]{6,15}$")]
    #[validate(custom(function = "phone_number"))]
    pub phone: Option<String>,
}

/// Fields to change; absent fields stay. Requires `If-Match`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"address": "Kuwaru RT 02", "phone": "081234567891"}))]
pub struct UpdateWksbmRequest {
    #[schema(schema_with = Printable::<200>::nullable)]
    #[validate(nested)]
    pub name: Option<Printable<200>>,
    #[schema(schema_with = Printable::<500>::nullable)]
    #[validate(nested)]
    pub address: Option<Printable<500>>,
    #[schema(pattern = r"^\+?[0-9]{6,15}$")]
    #[validate(custom(function = "phone_number"))]
    pub phone: Option<String>,
}

/// `+` and 6-15 digits.
pub fn phone_number(s: &str) -> Result<(), validator::ValidationError> {
    let digits = s.strip_prefix('+').unwrap_or(s);
    if (6..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("phone"))
    }
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WksbmQuery {
    pub status: Option<WksbmStatus>,
    /// Only WKSBM being formed whose next step is in this stage.
    pub stage: Option<StageName>,
    /// Only WKSBM inside this kapanewon or kalurahan.
    #[param(
        pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$",
        example = "34.02.01"
    )]
    pub wilayah_code: Option<String>,
    /// Only WKSBM changed at or after this time (RFC 3339), for sync.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// The kabupaten, kapanewon or kalurahan to count in (default: the caller's region).
    #[param(
        pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$",
        example = "34.02"
    )]
    pub wilayah_code: Option<String>,
}

/// Counts by status for one region one level below the one asked about.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SummaryRow {
    pub wilayah_code: String,
    /// Of those being formed: next step in the persiapan stage.
    pub persiapan: i64,
    /// Of those being formed: next step in the pelaksanaan stage.
    pub pelaksanaan: i64,
    pub pembentukan: i64,
    pub aktif: i64,
    pub dibekukan: i64,
    pub dibubarkan: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"wilayah_code": "34.02.01", "items": [{"wilayah_code": "34.02.01.2001", "persiapan": 1, "pelaksanaan": 0, "pembentukan": 1, "aktif": 2, "dibekukan": 0, "dibubarkan": 1}], "total": {"wilayah_code": "34.02.01", "persiapan": 1, "pelaksanaan": 0, "pembentukan": 1, "aktif": 2, "dibekukan": 0, "dibubarkan": 1}}))]
pub struct Summary {
    pub wilayah_code: String,
    pub items: Vec<SummaryRow>,
    pub total: SummaryRow,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StepName {
    KoordinasiLurah,
    KoordinasiKeperangkatan,
    PersiapanAdministrasi,
    Sosialisasi,
    PembentukanKepengurusan,
    Pengesahan,
}

impl From<StepName> for DomStep {
    fn from(s: StepName) -> Self {
        match s {
            StepName::KoordinasiLurah => DomStep::KoordinasiLurah,
            StepName::KoordinasiKeperangkatan => DomStep::KoordinasiKeperangkatan,
            StepName::PersiapanAdministrasi => DomStep::PersiapanAdministrasi,
            StepName::Sosialisasi => DomStep::Sosialisasi,
            StepName::PembentukanKepengurusan => DomStep::PembentukanKepengurusan,
            StepName::Pengesahan => DomStep::Pengesahan,
        }
    }
}

impl From<DomStep> for StepName {
    fn from(s: DomStep) -> Self {
        match s {
            DomStep::KoordinasiLurah => StepName::KoordinasiLurah,
            DomStep::KoordinasiKeperangkatan => StepName::KoordinasiKeperangkatan,
            DomStep::PersiapanAdministrasi => StepName::PersiapanAdministrasi,
            DomStep::Sosialisasi => StepName::Sosialisasi,
            DomStep::PembentukanKepengurusan => StepName::PembentukanKepengurusan,
            DomStep::Pengesahan => StepName::Pengesahan,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StageName {
    Persiapan,
    Pelaksanaan,
}

impl From<Stage> for StageName {
    fn from(s: Stage) -> Self {
        match s {
            Stage::Persiapan => StageName::Persiapan,
            Stage::Pelaksanaan => StageName::Pelaksanaan,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Step {
    pub step: StepName,
    pub stage: StageName,
    pub date: chrono::NaiveDate,
    pub notes: Option<String>,
    pub evidence_ref: Option<String>,
    pub done_by: Uuid,
}

impl From<&StepRecord> for Step {
    fn from(r: &StepRecord) -> Self {
        Step {
            step: r.step.into(),
            stage: r.step.stage().into(),
            date: r.date,
            notes: r.notes.clone(),
            evidence_ref: r.evidence_ref.clone(),
            done_by: r.done_by,
        }
    }
}

/// Progress through the six steps.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"done": 2, "total": 6, "current_stage": "persiapan", "next_step": "persiapan_administrasi", "steps": []}))]
pub struct Tahapan {
    pub done: usize,
    pub total: usize,
    /// The stage of the next step; `pelaksanaan` once all are done.
    pub current_stage: StageName,
    pub next_step: Option<StepName>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"date": "2026-11-20", "notes": "Rapat koordinasi di balai kalurahan", "evidence_ref": "Notulen 12/XI/2026"}))]
pub struct CompleteStepRequest {
    pub date: chrono::NaiveDate,
    #[schema(min_length = 1, max_length = 2000)]
    #[validate(length(min = 1, max = 2000))]
    pub notes: Option<String>,
    #[schema(schema_with = Printable::<500>::nullable)]
    #[validate(nested)]
    pub evidence_ref: Option<Printable<500>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"sk": {"number": "12/KEP/2026", "date": "2026-11-28", "signed_by": "Lurah Poncosari"}}))]
pub struct PengesahanRequest {
    #[validate(nested)]
    pub sk: Sk,
}

/// A status the lurah may set after legalisation.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StatusTarget {
    Aktif,
    Dibekukan,
    Dibubarkan,
}

impl From<StatusTarget> for Status {
    fn from(s: StatusTarget) -> Self {
        match s {
            StatusTarget::Aktif => Status::Aktif,
            StatusTarget::Dibekukan => Status::Dibekukan,
            StatusTarget::Dibubarkan => Status::Dibubarkan,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"status": "dibekukan", "reason": "Pengurus tidak aktif selama enam bulan"}))]
pub struct StatusRequest {
    /// `dibekukan` (suspend), `aktif` (reactivate) or `dibubarkan` (dissolve).
    pub status: StatusTarget,
    #[schema(inline)]
    #[validate(nested)]
    pub reason: Printable<500>,
}
