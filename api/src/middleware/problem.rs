//! Turns every 4xx and 5xx, including actix's own (extractor errors, unknown routes,
//! wrong methods, CORS rejections), into `application/problem+json`.

use crate::error::ApiError;
use crate::i18n::{self, Lang, Text};
use crate::middleware::request_id::{self, RequestId};
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::{
    JsonPayloadError, PathError, PayloadError, QueryPayloadError, UrlencodedError,
};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse};
use wksbm_openapi::{FieldError, PROBLEM_JSON, Problem};

pub async fn render_problems(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody + 'static, BoxBody>>, Error> {
    // Captured now: the request must not be cloned while routing runs.
    let lang = Lang::of(req.request());
    let id = request_id_of(req.request());
    let res = match next.call(req).await {
        Ok(res) => res,
        Err(e) => {
            let api = classify(&e, e.as_response_error().status_code());
            let body = render(lang, &id, &api, None);
            return Err(actix_web::error::InternalError::from_response(api, body).into());
        }
    };
    let status = res.status();
    if status.as_u16() < 400 || is_problem(res.headers()) {
        return Ok(res.map_into_left_body());
    }
    let api = match res.response().error() {
        Some(e) => classify(e, status),
        None => by_status(status),
    };
    let old_headers = res.headers().clone();
    let (req, _old) = res.into_parts();
    let body = render(lang, &id, &api, Some(&old_headers));
    Ok(ServiceResponse::new(req, body).map_into_right_body())
}

fn is_problem(headers: &header::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(wksbm_openapi::PROBLEM_JSON))
}

/// Renders the problem; keeps the headers the inner layers set (Allow, CORS, ...).
fn request_id_of(req: &HttpRequest) -> String {
    req.extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default()
}

/// The request id as a URI: `urn:uuid:` for UUIDs (ours), `urn:wksbm:request:` for ids
/// a client supplied in another shape.
pub fn instance_uri(request_id: &str) -> String {
    if uuid::Uuid::parse_str(request_id).is_ok() {
        format!("urn:uuid:{request_id}")
    } else {
        format!("urn:wksbm:request:{request_id}")
    }
}

pub fn render(
    lang: Lang,
    request_id: &str,
    e: &ApiError,
    keep: Option<&header::HeaderMap>,
) -> HttpResponse {
    if e.status.is_server_error() {
        tracing::error!(
            code = e.code,
            cause = e.cause.as_deref().unwrap_or("-"),
            "request failed"
        );
    } else {
        tracing::debug!(code = e.code, "request rejected");
    }
    let problem = Problem {
        problem_type: Problem::type_uri(e.code),
        title: i18n::title(e.code, lang).to_owned(),
        status: e.status.as_u16(),
        detail: e.detail.get(lang).to_owned(),
        instance: instance_uri(request_id),
        code: e.code.to_owned(),
        errors: e
            .errors
            .iter()
            .map(|f| FieldError {
                field: f.field.clone(),
                code: f.code.to_owned(),
                message: f.message.get(lang).to_owned(),
            })
            .collect(),
    };
    let mut builder = HttpResponse::build(e.status);
    if let Some(headers) = keep {
        for (name, value) in headers {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                builder.append_header((name.clone(), value.clone()));
            }
        }
    }
    for (name, value) in &e.headers {
        builder.insert_header((*name, value.as_str()));
    }
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    builder
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)))
        .insert_header((
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.tag()),
        ))
        .insert_header((request_id::HEADER, request_id.to_owned()))
        .body(body)
}

fn classify(e: &Error, status: StatusCode) -> ApiError {
    if let Some(api) = e.as_error::<ApiError>() {
        return api.clone();
    }
    if let Some(j) = e.as_error::<JsonPayloadError>() {
        return json_error(j);
    }
    if let Some(q) = e.as_error::<QueryPayloadError>() {
        let QueryPayloadError::Deserialize(inner) = q else {
            return by_status(status);
        };
        return ApiError::new(
            StatusCode::BAD_REQUEST,
            "query_invalid",
            Text::new(
                format!("Parameter query tidak valid: {inner}."),
                format!("Invalid query parameter: {inner}."),
            ),
        );
    }
    if let Some(p) = e.as_error::<PathError>() {
        let PathError::Deserialize(inner) = p else {
            return by_status(status);
        };
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            Text::new(
                format!("Alamat tidak menunjuk data apa pun: {inner}."),
                format!("The address names nothing: {inner}."),
            ),
        );
    }
    if let Some(p) = e.as_error::<PayloadError>() {
        return payload_error(p);
    }
    if let Some(u) = e.as_error::<UrlencodedError>() {
        return match u {
            UrlencodedError::Overflow { limit, .. } => too_large(*limit),
            UrlencodedError::ContentType => unsupported_type(),
            UrlencodedError::Parse(_) => ApiError::new(
                StatusCode::BAD_REQUEST,
                "form_invalid",
                Text::new(
                    "Isi formulir tidak sesuai skema (misalnya grant_type selain client_credentials).",
                    "The form does not match the schema (for example a grant_type other than client_credentials).",
                ),
            ),
            _ => by_status(StatusCode::BAD_REQUEST),
        };
    }
    if status.is_server_error() {
        return ApiError::internal(e);
    }
    by_status(status)
}

fn json_error(j: &JsonPayloadError) -> ApiError {
    match j {
        JsonPayloadError::OverflowKnownLength { limit, .. }
        | JsonPayloadError::Overflow { limit } => too_large(*limit),
        JsonPayloadError::ContentType => unsupported_type(),
        JsonPayloadError::Deserialize(inner) if inner.is_data() => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "body_invalid",
            Text::new(
                format!("Isi permintaan tidak sesuai skema: {inner}."),
                format!("The body does not match the schema: {inner}."),
            ),
        ),
        JsonPayloadError::Deserialize(inner) => ApiError::new(
            StatusCode::BAD_REQUEST,
            "json_invalid",
            Text::new(
                format!("Isi permintaan bukan JSON yang sah: {inner}."),
                format!("The body is not valid JSON: {inner}."),
            ),
        ),
        JsonPayloadError::Payload(p) => payload_error(p),
        other => ApiError::internal(other),
    }
}

fn payload_error(p: &PayloadError) -> ApiError {
    match p {
        PayloadError::Overflow => too_large(0),
        _ => by_status(StatusCode::BAD_REQUEST),
    }
}

fn too_large(limit: usize) -> ApiError {
    let (id, en) = if limit > 0 {
        (
            format!("Isi permintaan melebihi batas {limit} byte."),
            format!("The body exceeds the limit of {limit} bytes."),
        )
    } else {
        (
            "Isi permintaan melebihi batas.".to_owned(),
            "The body exceeds the limit.".to_owned(),
        )
    };
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        Text::new(id, en),
    )
}

fn unsupported_type() -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "content_type_unsupported",
        Text::new(
            "Kirim isi permintaan sebagai application/json.",
            "Send the body as application/json.",
        ),
    )
}

/// For responses that carry no error value: actix's 404 and 405, CORS rejections.
pub fn by_status(status: StatusCode) -> ApiError {
    let (code, id, en) = match status.as_u16() {
        400 => (
            "bad_request",
            "Permintaan tidak valid.",
            "The request is invalid.",
        ),
        404 => (
            "route_not_found",
            "Alamat ini tidak ada di API.",
            "There is no such route in this API.",
        ),
        405 => (
            "method_not_allowed",
            "Metode ini tidak didukung pada alamat ini; lihat header Allow.",
            "This method is not supported here; see the Allow header.",
        ),
        411 => (
            "length_required",
            "Sebutkan Content-Length.",
            "Send a Content-Length.",
        ),
        413 => (
            "payload_too_large",
            "Isi permintaan melebihi batas.",
            "The body exceeds the limit.",
        ),
        415 => (
            "content_type_unsupported",
            "Jenis konten tidak didukung.",
            "Unsupported content type.",
        ),
        503 => (
            "database_unavailable",
            "Layanan belum siap.",
            "The service is not ready.",
        ),
        s if s >= 500 => (
            "internal",
            "Terjadi kesalahan pada server.",
            "Something went wrong on the server.",
        ),
        _ => (
            "request_rejected",
            "Permintaan ditolak.",
            "The request was rejected.",
        ),
    };
    ApiError::new(status, code, Text::new(id, en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::MessageBody;

    fn body_of(res: HttpResponse) -> serde_json::Value {
        let bytes = res.into_body().try_into_bytes().unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn server_errors_hide_their_cause() {
        let e = ApiError::internal("password authentication failed for user wksbm");
        let body = body_of(render(
            Lang::En,
            "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e",
            &e,
            None,
        ));
        let text = body.to_string();
        assert_eq!(body["status"], 500);
        assert_eq!(body["code"], "internal");
        assert!(!text.contains("password"), "{text}");
        assert_eq!(
            body["instance"],
            "urn:uuid:01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e"
        );
    }

    #[test]
    fn statuses_without_an_error_get_a_named_code() {
        assert_eq!(
            by_status(StatusCode::METHOD_NOT_ALLOWED).code,
            "method_not_allowed"
        );
        assert_eq!(by_status(StatusCode::NOT_FOUND).code, "route_not_found");
        assert_eq!(by_status(StatusCode::BAD_GATEWAY).code, "internal");
        assert_eq!(instance_uri("trace-1"), "urn:wksbm:request:trace-1");
    }
}
