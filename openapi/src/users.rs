use crate::auth::Role;
use crate::rules::username_chars;
use crate::text::Printable;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;
use wksbm_domain::account::User as DomUser;

/// An account. Fields a caller may not see are absent, not null.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "username": "lurah.poncosari", "name": "Sri Rahayu", "role": "kalurahan", "wilayah_code": "34.02.01.2001", "padukuhan_id": null, "wksbm_id": null, "jabatan": null, "personal_data_grant": false, "active": true, "deactivated_at": null, "status_reason": null, "created_at": "2026-11-29T05:00:00Z", "updated_at": "2026-11-29T05:00:00Z"}))]
pub struct User {
    pub id: uuid::Uuid,
    pub username: String,
    pub name: String,
    pub role: Role,
    /// The region the account is scoped to (the kalurahan for board members).
    pub wilayah_code: String,
    pub padukuhan_id: Option<uuid::Uuid>,
    pub wksbm_id: Option<uuid::Uuid>,
    pub jabatan: Option<crate::pengurus::Jabatan>,
    pub personal_data_grant: bool,
    pub active: bool,
    pub deactivated_at: Option<chrono::DateTime<chrono::Utc>>,
    pub status_reason: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<&DomUser> for User {
    fn from(u: &DomUser) -> Self {
        User {
            id: u.id,
            username: u.username.as_str().to_owned(),
            name: u.name.clone(),
            role: u.role.into(),
            wilayah_code: u.territory.wilayah().to_string(),
            padukuhan_id: u.territory.padukuhan_id(),
            wksbm_id: u.wksbm_id,
            jabatan: u.jabatan.map(Into::into),
            personal_data_grant: u.personal_data_grant,
            active: u.active,
            deactivated_at: u.deactivated_at,
            status_reason: u.status_reason.clone(),
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"username": "lurah.poncosari", "password": "kata-sandi-rahasia", "name": "Sri Rahayu", "role": "kalurahan", "wilayah_code": "34.02.01.2001"}))]
pub struct CreateUserRequest {
    /// Optional client-chosen UUID (offline-first clients).
    pub id: Option<uuid::Uuid>,
    /// Case-insensitive; stored lower-case.
    #[schema(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")]
    #[validate(custom(function = "username_chars"))]
    pub username: String,
    /// 10-128 characters, not the username.
    #[schema(min_length = 10, max_length = 128)]
    #[validate(length(min = 10, max = 128))]
    pub password: String,
    #[schema(inline)]
    #[validate(nested)]
    pub name: Printable<200>,
    pub role: Role,
    #[schema(pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$")]
    pub wilayah_code: String,
    /// Only an administrator may grant an `integrasi` account access to personal data.
    pub personal_data_grant: Option<bool>,
}

/// Fields to change; absent fields stay. Requires `If-Match`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Sri Rahayu, S.Sos."}))]
pub struct UpdateUserRequest {
    #[schema(schema_with = Printable::<200>::nullable)]
    #[validate(nested)]
    pub name: Option<Printable<200>>,
    pub role: Option<Role>,
    #[schema(pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$")]
    pub wilayah_code: Option<String>,
    pub personal_data_grant: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Pindah tugas ke kalurahan lain"}))]
pub struct DeactivateRequest {
    #[schema(inline)]
    #[validate(nested)]
    pub reason: Printable<500>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"new_password": "kata-sandi-baru-panjang"}))]
pub struct ResetPasswordRequest {
    /// 10-128 characters, not the username.
    #[schema(min_length = 10, max_length = 128)]
    #[validate(length(min = 10, max = 128))]
    pub new_password: String,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// Username or name contains this text (case-insensitive).
    #[param(min_length = 1, max_length = 100)]
    #[validate(length(min = 1, max = 100))]
    pub q: Option<String>,
    /// Only accounts changed at or after this time (RFC 3339), for sync.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}
