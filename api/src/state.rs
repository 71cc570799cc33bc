use crate::middleware::metrics::Metrics;
use actix_web::web;
use wksbm_persistence::Db;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub metrics: web::Data<Metrics>,
}
