//! The padukuhan (hamlets) of a kalurahan on the wire.

use crate::text::Printable;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;
use wksbm_domain::padukuhan::{Padukuhan as DomPadukuhan, RwRt as DomRwRt};

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
        pattern = r"^[^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]*[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb][^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]*$"
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
