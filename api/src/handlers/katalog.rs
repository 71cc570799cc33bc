use crate::error::{ApiError, FieldErr};
use crate::i18n::Text;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;
use wksbm_domain::katalog as dom;
use wksbm_openapi::katalog::{
    Katalog, KatalogItem, KatalogList, KatalogName, KatalogSummary, ResolveRequest,
    ResolveResponse, Resolved,
};
use wksbm_openapi::responses::{
    BadRequest, InternalError, NotFound, PayloadTooLarge, Unprocessable, UnsupportedMediaType,
};

/// List the reference catalogs
///
/// Public. Every catalog (PPKS types, asnaf, jabatan, …) with its source regulation and its
/// number of entries.
#[utoipa::path(
    tag = "katalog",
    operation_id = "listKatalog",
    responses(
        (status = 200, description = "The catalogs", body = KatalogList),
        (status = 500, response = InternalError)
    )
)]
#[get("/katalog")]
pub async fn list() -> HttpResponse {
    let items = dom::Katalog::ALL
        .iter()
        .map(|k| KatalogSummary {
            name: (*k).into(),
            source: k.source().to_owned(),
            count: k.items().len(),
        })
        .collect();
    HttpResponse::Ok().json(KatalogList { items })
}

/// Get one catalog with its entries
///
/// Public. All entries of the catalog `name` with their codes, names and aliases. An unknown
/// catalog name is 404 `not_found`.
#[utoipa::path(
    tag = "katalog",
    operation_id = "getKatalog",
    params(("name" = KatalogName, Path, description = "Catalog name")),
    responses(
        (status = 200, description = "The catalog", body = Katalog),
        (status = 404, response = NotFound),
        (status = 500, response = InternalError)
    )
)]
#[get("/katalog/{name}")]
pub async fn get(name: web::Path<KatalogName>) -> HttpResponse {
    HttpResponse::Ok().json(Katalog::new(name.into_inner()))
}

/// Match values to catalog codes
///
/// Public. For clients mapping spreadsheet columns to codes: each value is looked up by code,
/// name or alias, ignoring case, and the results come back in the order sent; an unknown value
/// resolves to `null`, never to an error.
///
/// Errors: 404 `not_found` for an unknown catalog; 422 `validation_failed` for too many or too
/// long values.
///
/// Example: `{"values": ["lansia terlantar", "X99"]}` gives the code of the first and `null`
/// for the second.
#[utoipa::path(
    tag = "katalog",
    operation_id = "resolveKatalog",
    params(("name" = KatalogName, Path, description = "Catalog name")),
    request_body = ResolveRequest,
    responses(
        (status = 200, description = "One result per value, in order", body = ResolveResponse),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = Unprocessable),
        (status = 500, response = InternalError)
    )
)]
#[post("/katalog/{name}/cocokkan")]
pub async fn resolve(
    name: web::Path<KatalogName>,
    body: web::Json<ResolveRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut errors: Vec<FieldErr> = body
        .bad_values()
        .into_iter()
        .map(|i| FieldErr {
            field: format!("values[{i}]"),
            code: "length",
            message: Text::new(
                "panjang harus 1 sampai 200 karakter",
                "must be 1 to 200 characters",
            ),
        })
        .collect();
    if body.validate().is_err() {
        errors.insert(
            0,
            FieldErr {
                field: "values".into(),
                code: "length",
                message: Text::new("isi 1 sampai 500 nilai", "give 1 to 500 values"),
            },
        );
    }
    if !errors.is_empty() {
        let n = errors.len();
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Text::new(
                format!("Ada {n} isian yang tidak valid."),
                format!("{n} field(s) are invalid."),
            ),
        )
        .with_errors(errors));
    }
    let katalog: dom::Katalog = name.into_inner().into();
    let items = body
        .into_inner()
        .values
        .into_iter()
        .map(|v| Resolved {
            item: katalog.find(&v.0).map(KatalogItem::from),
            value: v.0,
        })
        .collect();
    Ok(HttpResponse::Ok().json(ResolveResponse { items }))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(get).service(resolve);
}
