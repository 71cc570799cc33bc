use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Liveness or readiness of the server.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"status": "ok", "database": "ok"}))]
pub struct Health {
    /// `ok` or `unavailable`.
    pub status: HealthState,
    /// The database's state; absent for liveness, which does not look at it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<HealthState>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum HealthState {
    Ok,
    Unavailable,
}
