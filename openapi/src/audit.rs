use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;
use wksbm_domain::audit::Record;

/// One audit-log row. `hash` covers every field and `prev_hash`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"seq": 42, "id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "at": "2026-11-29T05:00:00.000000Z", "actor_id": "01938f4e-0000-7000-8000-000000000001", "actor_role": "admin", "actor_wilayah_code": "34.02", "actor_padukuhan_id": null, "action": "user.create", "resource_type": "user", "resource_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "wilayah_code": "34.02.01.2001", "request_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5f", "changed_fields": ["username", "name", "role", "wilayah_code"], "prev_hash": "9f2c…", "hash": "a41b…"}))]
pub struct AuditEntry {
    pub seq: i64,
    pub id: uuid::Uuid,
    pub at: String,
    pub actor_id: Option<uuid::Uuid>,
    pub actor_role: String,
    /// The region the actor's token was scoped to; `null` for a board member, whose
    /// scope is its padukuhan.
    pub actor_wilayah_code: Option<String>,
    /// The padukuhan a board member's token was scoped to; `null` for other roles.
    pub actor_padukuhan_id: Option<uuid::Uuid>,
    pub action: String,
    pub resource_type: String,
    pub resource_id: Option<String>,
    pub wilayah_code: String,
    pub request_id: String,
    pub changed_fields: Vec<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl From<&Record> for AuditEntry {
    fn from(r: &Record) -> Self {
        // The stored scope is the token's claim: a region code, or a padukuhan id.
        let actor_padukuhan = uuid::Uuid::parse_str(&r.entry.actor_scope).ok();
        AuditEntry {
            seq: r.seq,
            id: r.id,
            at: r.at.clone(),
            actor_id: r.entry.actor_id,
            actor_role: r.entry.actor_role.clone(),
            actor_wilayah_code: actor_padukuhan
                .is_none()
                .then(|| r.entry.actor_scope.clone()),
            actor_padukuhan_id: actor_padukuhan,
            action: r.entry.action.to_string(),
            resource_type: r.entry.resource_type.to_string(),
            resource_id: r.entry.resource_id.clone(),
            wilayah_code: r.entry.territory.to_string(),
            request_id: r.entry.request_id.clone(),
            changed_fields: r.entry.changed_fields.clone(),
            prev_hash: r.prev_hash.clone(),
            hash: r.hash.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub actor_id: Option<uuid::Uuid>,
    /// e.g. `user.create`, `auth.login`.
    #[param(min_length = 1, max_length = 64)]
    #[validate(length(min = 1, max = 64))]
    pub action: Option<String>,
    #[param(min_length = 1, max_length = 32)]
    #[validate(length(min = 1, max = 32))]
    pub resource_type: Option<String>,
    #[param(min_length = 1, max_length = 64)]
    #[validate(length(min = 1, max = 64))]
    pub resource_id: Option<String>,
    /// Only rows at or after this time (RFC 3339).
    pub since: Option<chrono::DateTime<chrono::Utc>>,
}

/// A signed statement of the audit chain's head, for keeping outside this server.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"seq": 4211, "hash": "a41b9c…", "at": "2026-11-30T06:00:00Z", "token": "eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiJ9.eyJzZXEiOjQyMTF9.c2ln"}))]
pub struct AuditCheckpoint {
    /// The chain's last row when signed.
    pub seq: i64,
    /// That row's hash (SHA-256, hex).
    pub hash: String,
    pub at: chrono::DateTime<chrono::Utc>,
    /// A compact JWS (EdDSA) over `seq` and `hash`, audience `wksbm-audit-checkpoint`;
    /// verify it with the keys at `/.well-known/jwks.json`.
    pub token: String,
}
