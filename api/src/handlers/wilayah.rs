use crate::error::ApiError;
use crate::i18n::Text;
use crate::pagination::PageRequest;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, web};
use utoipa_actix_web::service_config::ServiceConfig;
use wksbm_domain::wilayah::KodeWilayah;
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{BadRequest, InternalError, NotFound};
use wksbm_openapi::wilayah::{Wilayah, WilayahDetail, WilayahQuery};
use wksbm_persistence::wilayah_repo::WilayahFilter;

const LIST: &str = "wilayah";

/// List regions
///
/// Public. Regions (provinsi, kabupaten, kapanewon, kalurahan) ordered by code, filtered by
/// level, parent or name. Served from memory: an import by `wksbm-api import-wilayah` shows up
/// within `WKSBM_REFERENCE_REFRESH_SECS`.
///
/// Cursor pages: `page_size` 1-200 (default 50), `page_token` from `next_page_token` (400
/// `query_invalid` / `page_token_invalid` when malformed), a `Link: rel="next"` header. A
/// malformed filter is 400 `query_invalid`.
///
/// Example: `GET /api/v1/wilayah?parent=34.02` lists the kapanewon of Bantul.
#[utoipa::path(
    tag = "wilayah",
    operation_id = "listWilayah",
    params(WilayahQuery, PageParams),
    responses(
        (status = 200, description = "One page of regions", body = Page<Wilayah>,
         headers(("Link" = String, description = "`<…?page_token=…>; rel=\"next\"` when there is a next page")),
         example = json!({"items": [{"code": "34.02.01", "parent_code": "34.02", "level": "kapanewon", "name": "Srandakan"}], "next_page_token": "d2lsYXlhaDp2MTozNC4wMi4wMQ"})),
        (status = 400, response = BadRequest),
        (status = 500, response = InternalError)
    )
)]
#[get("/wilayah")]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: web::Query<WilayahQuery>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let page = PageRequest::parse_with(LIST, &page, |t| KodeWilayah::parse(t).ok())?;
    let parent = filter
        .parent
        .as_deref()
        .map(|p| crate::validation::query_wilayah_code("parent", p))
        .transpose()?;
    let within = filter
        .within
        .as_deref()
        .map(|p| crate::validation::query_wilayah_code("within", p))
        .transpose()?;
    if let Some(q) = &filter.q
        && !(1..=100).contains(&q.chars().count())
    {
        return Err(ApiError::query(
            "q",
            "length",
            Text::new(
                "panjang q harus 1 sampai 100 karakter",
                "q must be 1 to 100 characters",
            ),
        ));
    }
    let f = WilayahFilter {
        parent,
        within,
        level: filter.level.map(Into::into),
        q: filter.q.clone(),
    };
    let rows = state.wilayah.list(&f, page.after.as_ref(), page.limit);
    Ok(page.respond(&req, rows, |w| w.code.to_string(), |r| Wilayah::from(r)))
}

/// Get one region with its ancestors
///
/// Public. The region with its chain of ancestors from the province down. An unknown or
/// malformed code is 404 `not_found`.
///
/// Example: `GET /api/v1/wilayah/34.02.01.2001`.
#[utoipa::path(
    tag = "wilayah",
    operation_id = "getWilayah",
    params(("code" = String, Path, description = "Kemendagri code", example = "34.02.01.2001",
            pattern = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$")),
    responses(
        (status = 200, description = "The region", body = WilayahDetail),
        (status = 404, response = NotFound),
        (status = 500, response = InternalError)
    )
)]
#[get("/wilayah/{code}")]
pub async fn get(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let not_found = || ApiError::not_found("Wilayah", "Region", &code);
    let kode = KodeWilayah::parse(&code).map_err(|_| not_found())?;
    let (w, ancestors) = state.wilayah.get(&kode).ok_or_else(not_found)?;
    Ok(HttpResponse::Ok().json(WilayahDetail::new(&w, &ancestors)))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(get);
}
