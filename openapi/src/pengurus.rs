//! The board (pengurus) on the wire: jabatan, seats with their SK, appointments and the
//! accounts of seats.

use crate::formation::Sk;
use crate::text::Printable;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;
use wksbm_domain::pengurus::{Position, Seat as DomSeat};

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
