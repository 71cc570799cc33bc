//! Every documented route, registered once: utoipa-actix-web collects the specification
//! from the same registration that serves requests.

use crate::handlers::{
    audit, auth, dana, fallback, fundraising, health, jejaring, katalog, laporan, metrics,
    padukuhan, pengurus, penyaluran, ppks, ppks_io, ppks_rights, psks, rapat, stempel, tahapan,
    users, wilayah, wksbm,
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
                .service(wilayah::list)
                .service(wilayah::get)
                .service(katalog::list)
                .service(katalog::get)
                .service(katalog::resolve)
                .service(auth::login)
                .service(auth::refresh)
                .service(auth::logout)
                .service(auth::me)
                .service(auth::token)
                .service(auth::change_password)
                .service(users::create)
                .service(users::list)
                .service(users::get)
                .service(users::update)
                .service(users::deactivate)
                .service(users::reset_password)
                .service(audit::list)
                .service(padukuhan::create)
                .service(padukuhan::list)
                .service(padukuhan::get)
                .service(padukuhan::update)
                .service(padukuhan::deactivate)
                .service(wksbm::create)
                .service(wksbm::list)
                // Before /wksbm/{id}, which would otherwise try "ringkasan" as an id.
                .service(wksbm::summary)
                // Other methods on the literal path get 405, not a try as an {id}.
                .route(
                    "/wksbm/ringkasan",
                    actix_web::web::route().to(fallback::fallback),
                )
                .service(wksbm::get)
                .service(wksbm::update)
                .service(wksbm::set_status)
                .service(tahapan::list)
                .service(tahapan::complete)
                .service(tahapan::legalise)
                .service(pengurus::list)
                .service(pengurus::appoint)
                .service(pengurus::end)
                .service(pengurus::create_account)
                .service(rapat::create)
                .service(rapat::list)
                .service(rapat::get)
                .service(stempel::upload)
                .service(stempel::download)
                .service(ppks::create)
                .service(ppks::list)
                // The literal paths before /ppks/{id}; other methods on them get 405.
                .service(ppks_io::import)
                .service(ppks_io::export)
                .route(
                    "/ppks/impor",
                    actix_web::web::route().to(fallback::fallback),
                )
                .route(
                    "/ppks/ekspor",
                    actix_web::web::route().to(fallback::fallback),
                )
                .service(ppks::get)
                .service(ppks::update)
                .service(ppks::set_status)
                .service(ppks::verify)
                .service(ppks_rights::data_subject_export)
                .service(ppks_rights::anonymise)
                .service(ppks_rights::household)
                .service(psks::create)
                .service(psks::list)
                .service(psks::get)
                .service(psks::update)
                .service(psks::deactivate)
                .service(jejaring::create_donatur)
                .service(jejaring::list_donatur)
                .service(jejaring::get_donatur)
                .service(jejaring::update_donatur)
                .service(jejaring::deactivate_donatur)
                .service(jejaring::create_mitra)
                .service(jejaring::list_mitra)
                .service(jejaring::get_mitra)
                .service(jejaring::update_mitra)
                .service(jejaring::deactivate_mitra)
                .service(dana::list_funds)
                .service(dana::open_fund)
                .service(dana::list_entries)
                .service(dana::create_entry)
                .service(dana::get_entry)
                .service(dana::reverse)
                .service(dana::transfer)
                .service(laporan::get_report)
                .service(fundraising::get_basis)
                .service(fundraising::set_basis)
                .service(fundraising::list_usaha)
                .service(fundraising::create_usaha)
                .service(fundraising::list_proposals)
                .service(fundraising::create_proposal)
                .service(fundraising::pledge)
                .service(fundraising::receive)
                .service(fundraising::list_jimpitan)
                .service(fundraising::create_jimpitan)
                .service(fundraising::get_jimpitan)
                .service(fundraising::close_jimpitan)
                .service(fundraising::sell_rice)
                .service(penyaluran::create)
                .service(penyaluran::list)
                .service(penyaluran::get)
                .service(penyaluran::add_recipients)
                .service(penyaluran::submit)
                .service(penyaluran::approve)
                .service(penyaluran::cancel)
                .service(penyaluran::disburse),
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
