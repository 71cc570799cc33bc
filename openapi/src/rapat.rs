//! Meetings and decisions on the wire.

use crate::text::Printable;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;
use wksbm_domain::rapat::{Outcome as DomOutcome, Rapat as DomRapat};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Disetujui,
    Ditolak,
    Ditunda,
}

impl From<Outcome> for DomOutcome {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Disetujui => DomOutcome::Disetujui,
            Outcome::Ditolak => DomOutcome::Ditolak,
            Outcome::Ditunda => DomOutcome::Ditunda,
        }
    }
}

impl From<DomOutcome> for Outcome {
    fn from(o: DomOutcome) -> Self {
        match o {
            DomOutcome::Disetujui => Outcome::Disetujui,
            DomOutcome::Ditolak => Outcome::Ditolak,
            DomOutcome::Ditunda => Outcome::Ditunda,
        }
    }
}

/// Someone present: a board member (give `seat_id`) or a guest.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    #[schema(inline)]
    #[validate(nested)]
    pub name: Printable<200>,
    pub seat_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    #[schema(inline)]
    #[validate(nested)]
    pub text: Printable<2000>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"date": "2026-11-20", "place": "Rumah Dukuh Kuwaru", "agenda": "Penyaluran tahap 1", "minutes": "Rapat dibuka pukul 19.30…", "attendees": [{"name": "Sri Rahayu", "seat_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e"}, {"name": "Bu Bidan", "seat_id": null}], "decisions": [{"text": "Menyetujui daftar penerima tahap 1", "outcome": "disetujui"}]}))]
pub struct RapatRequest {
    pub id: Option<Uuid>,
    pub date: chrono::NaiveDate,
    #[schema(inline)]
    #[validate(nested)]
    pub place: Printable<200>,
    #[schema(inline)]
    #[validate(nested)]
    pub agenda: Printable<2000>,
    #[schema(min_length = 1, max_length = 20000)]
    #[validate(length(min = 1, max = 20000))]
    pub minutes: Option<String>,
    #[schema(max_items = 200)]
    #[validate(length(max = 200), nested)]
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    #[schema(max_items = 100)]
    #[validate(length(max = 100), nested)]
    #[serde(default)]
    pub decisions: Vec<DecisionRequest>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Quorum {
    /// Board members present.
    pub present: u32,
    /// Active seats when the minutes were recorded.
    pub board_size: u32,
    /// More than half of the active board present.
    pub reached: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Decision {
    /// Cite this id (a distribution's approval, for example).
    pub id: Uuid,
    pub number: u32,
    pub text: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d60", "wksbm_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "date": "2026-11-20", "place": "Rumah Dukuh Kuwaru", "agenda": "Penyaluran tahap 1", "minutes": null, "attendees": [], "quorum": {"present": 3, "board_size": 4, "reached": true}, "decisions": [{"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d61", "number": 1, "text": "Menyetujui daftar penerima tahap 1", "outcome": "disetujui"}], "created_by": "01938f4e-0000-7000-8000-000000000001", "created_at": "2026-11-20T13:00:00Z"}))]
pub struct Rapat {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub date: chrono::NaiveDate,
    pub place: String,
    pub agenda: String,
    pub minutes: Option<String>,
    pub attendees: Vec<Attendee>,
    pub quorum: Quorum,
    pub decisions: Vec<Decision>,
    pub created_by: Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&DomRapat> for Rapat {
    fn from(r: &DomRapat) -> Self {
        Rapat {
            id: r.id,
            wksbm_id: r.wksbm_id,
            date: r.date,
            place: r.place.clone(),
            agenda: r.agenda.clone(),
            minutes: r.minutes.clone(),
            attendees: r
                .attendees
                .iter()
                .map(|a| Attendee {
                    name: a.name.clone().into(),
                    seat_id: a.seat_id,
                })
                .collect(),
            quorum: Quorum {
                present: r.quorum.present,
                board_size: r.quorum.board_size,
                reached: r.quorum.reached,
            },
            decisions: r
                .decisions
                .iter()
                .map(|(id, d)| Decision {
                    id: *id,
                    number: d.number,
                    text: d.text.clone(),
                    outcome: d.outcome.into(),
                })
                .collect(),
            created_by: r.created_by,
            created_at: r.created_at,
        }
    }
}
