//! `X-Request-Id`: taken from the request when it is sane, generated otherwise, echoed in
//! the response, and recorded on the span so that every log line of the request has it.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};
use std::time::Instant;
use tracing::Instrument;

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The request id, in request extensions.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Accepts ids a client or proxy may send (UUIDs, ULIDs, trace ids): 1-128 characters of
/// `[A-Za-z0-9._:-]`. Anything else is replaced, so logs cannot be forged through it.
pub fn accept(value: &str) -> bool {
    (1..=128).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

/// The id of a request being handled (empty outside the middleware, as in unit tests).
pub fn of(req: &actix_web::HttpRequest) -> String {
    req.extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default()
}

pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, Error> {
    let id = req
        .headers()
        .get(&HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| accept(v))
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_owned);
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %req.method(),
        path = %req.path(),
    );
    let started = Instant::now();
    let result = next.call(req).instrument(span.clone()).await;
    let _enter = span.enter();
    match result {
        Ok(mut res) => {
            if let Ok(v) = HeaderValue::from_str(&id) {
                res.headers_mut().insert(HEADER, v);
            }
            tracing::info!(
                status = res.status().as_u16(),
                latency_ms = started.elapsed().as_secs_f64() * 1000.0,
                "request completed"
            );
            Ok(res)
        }
        Err(e) => {
            tracing::error!(error = %e, "request failed before a response");
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::accept;

    #[test]
    fn accepts_common_ids_and_rejects_injection() {
        assert!(accept("01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e"));
        assert!(accept("trace:abc.def_1"));
        assert!(!accept(""));
        assert!(!accept("a b"));
        assert!(!accept("x\nlevel=error"));
        assert!(!accept(&"a".repeat(129)));
    }
}
