//! The data subject's rights on the wire (UU 27/2022): what is held about a person and
//! every disclosure of it, the household view, and anonymisation.

use crate::ppks_view::{Ppks, PpksSummary};
use crate::text::Printable;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Permintaan subjek data tanggal 2026-11-28"}))]
pub struct AnonymiseRequest {
    #[schema(inline)]
    #[validate(nested)]
    pub reason: Printable<500>,
}

/// One processing of the person's data, from the audit log.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AccessRecord {
    pub at: String,
    pub actor_id: Option<Uuid>,
    pub actor_role: String,
    pub action: String,
    pub request_id: String,
}

/// Everything held about a person and who processed it (UU 27/2022 articles 7 and 32).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"generated_at": "2026-11-29T08:00:00Z", "person": {}, "access_log": [{"at": "2026-11-29T07:59:00.000000Z", "actor_id": "0193a5b0-7c1e-7000-8000-0000000000b1", "actor_role": "kalurahan", "action": "ppks.read_full", "request_id": "01J..."}], "access_log_truncated": false}))]
pub struct DataSubjectExport {
    pub generated_at: DateTime<Utc>,
    pub person: Ppks,
    pub access_log: Vec<AccessRecord>,
    /// True when the log holds more entries than listed (the newest 1,000 are).
    pub access_log_truncated: bool,
}

/// The members of a household (same No. KK) that the caller may see.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"no_kk": "340201******0003", "members": []}))]
pub struct Household {
    /// Full or masked as for the person asked about; `null` when none is recorded.
    pub no_kk: Option<String>,
    pub members: Vec<PpksSummary>,
}
