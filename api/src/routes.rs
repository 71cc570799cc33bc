//! Every documented route, registered once: utoipa-actix-web collects the specification
//! from the same registration that serves requests.

use crate::handlers::{
    audit, auth, buku_kas, dana, dasar_zakat, donatur, health, jimpitan, katalog, laporan, metrics,
    mitra, padukuhan, pengesahan, pengurus, penjualan_beras, penyaluran, ppks, ppks_ekspor,
    ppks_impor, ppks_rights, proposal, psks, rapat, stempel, tahapan, transfer_dana, usaha, users,
    wilayah, wksbm,
};
use utoipa::OpenApi;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{AppExt, scope};
use wksbm_openapi::ApiDoc;

pub const API_BASE: &str = "/api/v1";
pub const SPEC_PATH: &str = "/api/v1/openapi.json";

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::live)
        .service(health::ready)
        .service(metrics::metrics)
        .service(auth::jwks)
        .service(
            scope::scope(API_BASE)
                .configure(wilayah::configure)
                .configure(katalog::configure)
                .configure(auth::configure)
                .configure(users::configure)
                .configure(audit::configure)
                .configure(padukuhan::configure)
                .configure(wksbm::configure)
                .configure(tahapan::configure)
                .configure(pengesahan::configure)
                .configure(pengurus::configure)
                .configure(rapat::configure)
                .configure(stempel::configure)
                // The literal /ppks/impor and /ppks/ekspor before /ppks/{id}.
                .configure(ppks_impor::configure)
                .configure(ppks_ekspor::configure)
                .configure(ppks::configure)
                .configure(ppks_rights::configure)
                .configure(psks::configure)
                .configure(donatur::configure)
                .configure(mitra::configure)
                .configure(dana::configure)
                .configure(buku_kas::configure)
                .configure(transfer_dana::configure)
                .configure(laporan::configure)
                .configure(dasar_zakat::configure)
                .configure(usaha::configure)
                .configure(proposal::configure)
                .configure(jimpitan::configure)
                .configure(penjualan_beras::configure)
                .configure(penyaluran::configure),
        );
}

/// The full specification: the base document plus every registered path.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, spec) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(configure)
        .split_for_parts();
    spec
}

/// The specification as served and committed: pretty JSON with a final newline.
pub fn openapi_json() -> String {
    let mut s = openapi().to_pretty_json().unwrap_or_default();
    s.push('\n');
    s
}
