use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// Roles (GUIDE.md section 3).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Dinsos,
    Kapanewon,
    Kalurahan,
    Pengurus,
    Integrasi,
}

impl From<wksbm_domain::access::Role> for Role {
    fn from(r: wksbm_domain::access::Role) -> Self {
        use wksbm_domain::access::Role as R;
        match r {
            R::Admin => Role::Admin,
            R::Dinsos => Role::Dinsos,
            R::Kapanewon => Role::Kapanewon,
            R::Kalurahan => Role::Kalurahan,
            R::Pengurus => Role::Pengurus,
            R::Integrasi => Role::Integrasi,
        }
    }
}

impl From<Role> for wksbm_domain::access::Role {
    fn from(r: Role) -> Self {
        use wksbm_domain::access::Role as R;
        match r {
            Role::Admin => R::Admin,
            Role::Dinsos => R::Dinsos,
            Role::Kapanewon => R::Kapanewon,
            Role::Kalurahan => R::Kalurahan,
            Role::Pengurus => R::Pengurus,
            Role::Integrasi => R::Integrasi,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"username": "lurah.poncosari", "password": "kata-sandi-rahasia"}))]
pub struct LoginRequest {
    #[schema(min_length = 1, max_length = 64)]
    #[validate(length(min = 1, max = 64))]
    pub username: String,
    #[schema(min_length = 1, max_length = 128)]
    #[validate(length(min = 1, max = 128))]
    pub password: String,
}

/// Tokens. `refresh_token` is absent for client credentials.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"access_token": "eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiJ9.eyJzdWIiOiIuLi4ifQ.c2ln", "refresh_token": "8b0f4c1e3d2a4f6b9c7e5d3a1f0e2d4c6b8a0f1e3d5c7b9a", "token_type": "Bearer", "expires_in": 900}))]
pub struct TokenResponse {
    pub access_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"refresh_token": "8b0f4c1e3d2a4f6b9c7e5d3a1f0e2d4c6b8a0f1e3d5c7b9a"}))]
pub struct RefreshRequest {
    #[schema(min_length = 1, max_length = 512)]
    #[validate(length(min = 1, max = 512))]
    pub refresh_token: String,
}

/// The only grant this endpoint serves.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum GrantType {
    ClientCredentials,
}

/// OAuth 2.0 client credentials (RFC 6749 section 4.4), form-encoded.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"grant_type": "client_credentials", "client_id": "dinsos-sync", "client_secret": "rahasia-layanan-123"}))]
pub struct ClientCredentialsRequest {
    pub grant_type: GrantType,
    #[schema(min_length = 1, max_length = 64)]
    #[validate(length(min = 1, max = 64))]
    pub client_id: String,
    #[schema(min_length = 1, max_length = 128)]
    #[validate(length(min = 1, max = 128))]
    pub client_secret: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"current_password": "kata-sandi-lama", "new_password": "kata-sandi-baru-panjang"}))]
pub struct PasswordChangeRequest {
    #[schema(min_length = 1, max_length = 128)]
    #[validate(length(min = 1, max = 128))]
    pub current_password: String,
    /// 10-128 characters, not the username.
    #[schema(min_length = 10, max_length = 128)]
    #[validate(length(min = 10, max = 128))]
    pub new_password: String,
}

/// The caller: account, role, region and what the policy lets it do.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "username": "lurah.poncosari", "name": "Sri Rahayu", "role": "kalurahan", "wilayah_code": "34.02.01.2001", "padukuhan_id": null, "wksbm_id": null, "jabatan": null, "permissions": ["user.read", "user.create", "audit.read"]}))]
pub struct Me {
    pub id: uuid::Uuid,
    pub username: String,
    pub name: String,
    pub role: Role,
    /// The region the account works in (for a board member, its padukuhan's kalurahan).
    pub wilayah_code: String,
    /// The padukuhan of a board member; `null` for other roles.
    pub padukuhan_id: Option<uuid::Uuid>,
    pub wksbm_id: Option<uuid::Uuid>,
    pub jabatan: Option<crate::pengurus::Jabatan>,
    pub permissions: Vec<String>,
}

/// JSON Web Key Set (RFC 7517) of the access-token signing keys.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"keys": [{"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": "Zm9vYmFy", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}))]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Jwk {
    pub kty: String,
    pub crv: String,
    pub alg: String,
    #[serde(rename = "use")]
    pub use_: String,
    pub kid: String,
    pub x: String,
}
