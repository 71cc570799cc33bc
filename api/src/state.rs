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
}
