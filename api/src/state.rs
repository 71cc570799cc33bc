use crate::auth::password::Hasher;
use crate::auth::ratelimit::Limiter;
use crate::auth::tokens::TokenService;
use crate::auth::users_cache::UsersCache;
use crate::middleware::metrics::Metrics;
use actix_web::web;
use std::sync::Arc;
use wksbm_persistence::Db;
use wksbm_persistence::wilayah_cache::WilayahCache;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub metrics: web::Data<Metrics>,
    pub wilayah: Arc<WilayahCache>,
    pub tokens: Arc<TokenService>,
    pub users: Arc<UsersCache>,
    pub hasher: Hasher,
    /// Failed logins and password checks (`auth::login_limits`).
    pub login: Arc<crate::auth::login_limits::LoginLimits>,
    /// Exact NIK searches per account (`NIK_SEARCH_LIMITS`).
    pub nik_search: Arc<Limiter>,
    pub refresh_ttl: chrono::Duration,
    pub board_term_years: u32,
    /// Distribution cap per person (rupiah) and its period in days.
    pub distribution_cap: Option<i64>,
    pub distribution_cap_days: u32,
    /// Encrypts and looks up personal data (PPKS).
    pub vault: Arc<wksbm_persistence::vault::Vault>,
    /// Where each WKSBM is (it never moves), for the money write path.
    pub places: Arc<std::sync::Mutex<std::collections::HashMap<uuid::Uuid, crate::guards::Place>>>,
    /// Group-commits the audit rows of reads.
    pub audit: wksbm_persistence::audit_writer::AuditWriter,
}
