//! Padukuhan, WKSBM, growth steps, legalisation and the board on the wire.

use crate::text::Printable;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;
use wksbm_domain::formation::{
    Sk as DomSk, Stage, Status, Step as DomStep, StepRecord, Wksbm as DomWksbm,
};
use wksbm_domain::padukuhan::{Padukuhan as DomPadukuhan, RwRt as DomRwRt};
use wksbm_domain::pengurus::{Position, Seat as DomSeat};

/// One RW and its RTs.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"rw": "01", "rt": ["01", "02", "03"]}))]
pub struct RwRt {
    #[schema(pattern = r"^[0-9]{1,3}$")]
    pub rw: String,
    #[schema(inline, max_items = 100)]
    pub rt: Vec<RtNumber>,
}

/// An RT number, 1-3 digits.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(value_type = String, pattern = r"^[0-9]{1,3}$")]
pub struct RtNumber(pub String);

impl From<&DomRwRt> for RwRt {
    fn from(r: &DomRwRt) -> Self {
        RwRt {
            rw: r.rw.clone(),
            rt: r.rt.iter().map(|t| RtNumber(t.clone())).collect(),
        }
    }
}

impl From<&RwRt> for DomRwRt {
    fn from(r: &RwRt) -> Self {
        DomRwRt {
            rw: r.rw.clone(),
            rt: r.rt.iter().map(|t| t.0.clone()).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "kalurahan_code": "34.02.01.2001", "name": "Kuwaru", "dukuh": "Sutrisno", "rw_rt": [{"rw": "01", "rt": ["01", "02"]}], "latitude": -8.0012, "longitude": 110.2345, "active": true, "status_reason": null, "created_at": "2026-11-29T05:00:00Z", "updated_at": "2026-11-29T05:00:00Z"}))]
pub struct Padukuhan {
    pub id: Uuid,
    pub kalurahan_code: String,
    pub name: String,
    /// The head of the padukuhan.
    pub dukuh: Option<String>,
    pub rw_rt: Vec<RwRt>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub active: bool,
    pub status_reason: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<&DomPadukuhan> for Padukuhan {
    fn from(p: &DomPadukuhan) -> Self {
        Padukuhan {
            id: p.id,
            kalurahan_code: p.kalurahan.to_string(),
            name: p.name.clone(),
            dukuh: p.dukuh.clone(),
            rw_rt: p.rw_rt.iter().map(RwRt::from).collect(),
            latitude: p.latitude,
            longitude: p.longitude,
            active: p.active,
            status_reason: p.status_reason.clone(),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Kuwaru", "dukuh": "Sutrisno", "rw_rt": [{"rw": "01", "rt": ["01", "02"]}], "latitude": -8.0012, "longitude": 110.2345}))]
pub struct PadukuhanRequest {
    /// Optional client-chosen UUID (create only).
    pub id: Option<Uuid>,
    /// Unique within the kalurahan (ignoring case and accents).
    // Spelled out: utoipa drops a doc comment beside `schema_with` and wraps it wrongly
    // beside `inline`; the type still does the checking.
    #[schema(
        value_type = String,
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"
    )]
    #[validate(nested)]
    pub name: Printable<100>,
    #[schema(schema_with = Printable::<200>::nullable)]
    #[validate(nested)]
    pub dukuh: Option<Printable<200>>,
    #[schema(max_items = 50)]
    #[validate(length(max = 50))]
    #[serde(default)]
    pub rw_rt: Vec<RwRt>,
    #[schema(minimum = -90.0, maximum = 90.0)]
    pub latitude: Option<f64>,
    #[schema(minimum = -180.0, maximum = 180.0)]
    pub longitude: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Digabung dengan padukuhan Kuwaru"}))]
pub struct DeactivatePadukuhanRequest {
    #[schema(inline)]
    #[validate(nested)]
    pub reason: Printable<500>,
}

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

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Jabatan {
    Pelindung,
    Penasehat,
    Ketua,
    WakilKetua,
    Sekretaris,
    Bendahara,
    Seksi,
    Anggota,
}

impl From<Jabatan> for Position {
    fn from(p: Jabatan) -> Self {
        match p {
            Jabatan::Pelindung => Position::Pelindung,
            Jabatan::Penasehat => Position::Penasehat,
            Jabatan::Ketua => Position::Ketua,
            Jabatan::WakilKetua => Position::WakilKetua,
            Jabatan::Sekretaris => Position::Sekretaris,
            Jabatan::Bendahara => Position::Bendahara,
            Jabatan::Seksi => Position::Seksi,
            Jabatan::Anggota => Position::Anggota,
        }
    }
}

/// An account's jabatan is the position of its seat (a `seksi` seat's account acts as
/// `anggota`), so one enum serves both on the wire.
impl From<wksbm_domain::access::Jabatan> for Jabatan {
    fn from(j: wksbm_domain::access::Jabatan) -> Self {
        use wksbm_domain::access::Jabatan as J;
        match j {
            J::Ketua => Jabatan::Ketua,
            J::WakilKetua => Jabatan::WakilKetua,
            J::Sekretaris => Jabatan::Sekretaris,
            J::Bendahara => Jabatan::Bendahara,
            J::Anggota => Jabatan::Anggota,
        }
    }
}

impl From<Position> for Jabatan {
    fn from(p: Position) -> Self {
        match p {
            Position::Pelindung => Jabatan::Pelindung,
            Position::Penasehat => Jabatan::Penasehat,
            Position::Ketua => Jabatan::Ketua,
            Position::WakilKetua => Jabatan::WakilKetua,
            Position::Sekretaris => Jabatan::Sekretaris,
            Position::Bendahara => Jabatan::Bendahara,
            Position::Seksi => Jabatan::Seksi,
            Position::Anggota => Jabatan::Anggota,
        }
    }
}

/// A board seat, current (`ended_at` null) or past.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "jabatan": "ketua", "holder_name": "Sri Rahayu", "term_start": "2026-11-01", "term_end": "2029-11-01", "sk": {"number": "12/KPTS/2026", "date": "2026-10-30", "signed_by": "Lurah Poncosari"}, "ended_at": null, "status_reason": null, "account_id": null}))]
pub struct Seat {
    pub id: Uuid,
    pub jabatan: Jabatan,
    pub holder_name: String,
    pub term_start: chrono::NaiveDate,
    pub term_end: chrono::NaiveDate,
    pub sk: Option<Sk>,
    pub ended_at: Option<chrono::DateTime<chrono::Utc>>,
    pub status_reason: Option<String>,
    /// The `pengurus` account given to this seat, if any.
    pub account_id: Option<Uuid>,
}

impl From<&DomSeat> for Seat {
    fn from(s: &DomSeat) -> Self {
        Seat {
            id: s.id,
            jabatan: s.position.into(),
            holder_name: s.holder_name.clone(),
            term_start: s.term_start,
            term_end: s.term_end,
            sk: s.sk.as_ref().map(Sk::from),
            ended_at: s.ended_at,
            status_reason: s.status_reason.clone(),
            account_id: s.account_id,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"items": []}))]
pub struct Board {
    /// Newest first; current seats have no `ended_at`.
    pub items: Vec<Seat>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"jabatan": "ketua", "holder_name": "Sri Rahayu", "term_start": "2026-11-01", "sk": {"number": "12/KPTS/2026", "date": "2026-10-30", "signed_by": "Lurah Poncosari"}}))]
pub struct AppointRequest {
    pub id: Option<Uuid>,
    pub jabatan: Jabatan,
    #[schema(inline)]
    #[validate(nested)]
    pub holder_name: Printable<200>,
    pub term_start: chrono::NaiveDate,
    /// Defaults to the configured term (3 years) after `term_start`; must come after it.
    pub term_end: Option<chrono::NaiveDate>,
    /// For a ketua, wakil ketua, sekretaris or bendahara seat that has a holder: end that
    /// holder's term and appoint this one. Without it such an appointment is refused
    /// (409 `seat_taken`).
    #[serde(default)]
    pub replace: bool,
    /// The decree that appoints the holder, shaped as the legalisation SK.
    #[validate(nested)]
    pub sk: Option<Sk>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Mengundurkan diri"}))]
pub struct EndSeatRequest {
    #[schema(inline)]
    #[validate(nested)]
    pub reason: Printable<500>,
}

/// A login for the holder of a seat: role `pengurus`, scoped to the WKSBM's padukuhan,
/// with the seat's jabatan.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"username": "ketua.kuwaru", "password": "kata-sandi-rahasia"}))]
pub struct SeatAccountRequest {
    #[schema(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")]
    #[validate(custom(function = "crate::rules::username_chars"))]
    pub username: String,
    /// 10-128 characters, not the username.
    #[schema(min_length = 10, max_length = 128)]
    #[validate(length(min = 10, max = 128))]
    pub password: String,
}
