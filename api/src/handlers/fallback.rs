//! What answers when no route matches: 405 with `Allow` when the path exists in the
//! specification under other methods, 404 otherwise. The specification is the route
//! table, so the two cannot drift.

use crate::error::ApiError;
use crate::i18n::Text;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::openapi::OpenApi;

/// Path templates of the specification, split into segments, with their methods.
pub struct RouteTable(Vec<(Vec<Segment>, Vec<String>)>);

enum Segment {
    Literal(String),
    Param,
}

impl RouteTable {
    pub fn from_spec(spec: &OpenApi) -> Self {
        let mut routes = Vec::new();
        for (path, item) in &spec.paths.paths {
            let segments = path
                .split('/')
                .map(|s| {
                    if s.starts_with('{') && s.ends_with('}') {
                        Segment::Param
                    } else {
                        Segment::Literal(s.to_owned())
                    }
                })
                .collect();
            let methods: Vec<String> = [
                ("GET", item.get.is_some()),
                ("POST", item.post.is_some()),
                ("PUT", item.put.is_some()),
                ("PATCH", item.patch.is_some()),
                ("DELETE", item.delete.is_some()),
            ]
            .into_iter()
            .filter(|(_, present)| *present)
            .map(|(m, _)| m.to_owned())
            .collect();
            routes.push((segments, methods));
        }
        RouteTable(routes)
    }

    /// The methods the path accepts; empty when no route has this shape. When several
    /// templates fit, the most literal wins (`/wksbm/ringkasan` over `/wksbm/{id}`), as
    /// in routing.
    pub fn allowed(&self, path: &str) -> Vec<String> {
        let parts: Vec<&str> = path.split('/').collect();
        let mut best = 0;
        let mut out: Vec<String> = Vec::new();
        for (segments, methods) in &self.0 {
            let fits = segments.len() == parts.len()
                && segments.iter().zip(&parts).all(|(s, p)| match s {
                    Segment::Literal(l) => l == p,
                    Segment::Param => !p.is_empty(),
                });
            if !fits {
                continue;
            }
            let literal = segments
                .iter()
                .filter(|s| matches!(s, Segment::Literal(_)))
                .count();
            if literal > best {
                best = literal;
                out.clear();
            }
            if literal == best {
                out.extend(methods.iter().cloned());
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

pub async fn fallback(
    req: HttpRequest,
    table: web::Data<RouteTable>,
) -> Result<HttpResponse, ApiError> {
    let allowed = table.allowed(req.path());
    if allowed.is_empty() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "route_not_found",
            Text::new(
                format!("Alamat {} tidak ada di API ini.", req.path()),
                format!("There is no route {} in this API.", req.path()),
            ),
        ));
    }
    // The problem middleware renders the body and keeps this Allow header.
    Ok(HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, allowed.join(", ")))
        .finish())
}
