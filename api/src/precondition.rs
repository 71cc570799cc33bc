//! `ETag` and `If-Match` (GUIDE.md section 2): updates name the version they change.

use crate::error::ApiError;
use crate::i18n::Text;
use actix_web::HttpRequest;
use actix_web::http::StatusCode;
use actix_web::http::header::IF_MATCH;

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// A 200 carrying a versioned resource and its `ETag`.
pub fn with_etag<T: serde::Serialize>(version: i64, body: &T) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .insert_header((actix_web::http::header::ETAG, etag(version)))
        .json(body)
}

/// A 201 carrying a new versioned resource, where it lives and its `ETag`.
pub fn created_with_etag<T: serde::Serialize>(
    location: String,
    version: i64,
    body: &T,
) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, location))
        .insert_header((actix_web::http::header::ETAG, etag(version)))
        .json(body)
}

/// The version `If-Match` names: 428 without it, 412 when it names another version.
pub fn required_version(req: &HttpRequest, current: i64) -> Result<i64, ApiError> {
    let Some(value) = req.headers().get(IF_MATCH) else {
        return Err(ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "precondition_required",
            Text::new(
                "Sertakan header If-Match berisi ETag terakhir.",
                "Send If-Match with the latest ETag.",
            ),
        ));
    };
    let raw = value.to_str().unwrap_or("").trim();
    let matches = raw == "*"
        || raw
            .split(',')
            .any(|t| t.trim().trim_start_matches("W/") == etag(current));
    if matches {
        Ok(current)
    } else {
        Err(crate::error::ApiError::from(
            wksbm_persistence::StoreError::Stale,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn if_match_rules() {
        let req = TestRequest::default().to_http_request();
        assert_eq!(required_version(&req, 3).unwrap_err().status.as_u16(), 428);
        let req = TestRequest::default()
            .insert_header(("If-Match", "\"3\""))
            .to_http_request();
        assert_eq!(required_version(&req, 3).unwrap(), 3);
        let req = TestRequest::default()
            .insert_header(("If-Match", "\"2\""))
            .to_http_request();
        assert_eq!(required_version(&req, 3).unwrap_err().status.as_u16(), 412);
        let req = TestRequest::default()
            .insert_header(("If-Match", "W/\"1\", \"3\""))
            .to_http_request();
        assert!(required_version(&req, 3).is_ok());
    }
}
