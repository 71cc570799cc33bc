//! Opaque page tokens and the `Link: rel="next"` header.

use crate::error::ApiError;
use crate::i18n::Text;
use actix_web::HttpRequest;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use wksbm_domain::page::PageSize;
use wksbm_openapi::page::{Page, PageParams};

/// Encodes the position after the last item of a page, tagged with the list it belongs to.
pub fn encode(list: &str, after: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{list}:v1:{after}"))
}

pub fn bad_token() -> ApiError {
    ApiError::query(
        "page_token",
        "page_token_invalid",
        Text::new(
            "bukan next_page_token dari daftar ini",
            "not a next_page_token of this list",
        ),
    )
}

/// Decodes a token made by [`encode`] for the same list.
pub fn decode(list: &str, token: &str) -> Result<String, ApiError> {
    URL_SAFE_NO_PAD
        .decode(token)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix(&format!("{list}:v1:")).map(str::to_owned))
        .ok_or_else(bad_token)
}

/// The id a page of `list` starts after, from its `page_token` (lists ordered by id).
pub fn after_id(list: &str, token: Option<&str>) -> Result<Option<uuid::Uuid>, ApiError> {
    token
        .map(|t| uuid::Uuid::parse_str(&decode(list, t)?).map_err(|_| bad_token()))
        .transpose()
}

pub fn page_size(requested: Option<u32>) -> Result<PageSize, ApiError> {
    PageSize::parse(requested).map_err(|_| {
        ApiError::query(
            "page_size",
            "out_of_range",
            Text::new(
                "page_size harus antara 1 dan 200",
                "page_size must be between 1 and 200",
            ),
        )
    })
}

/// Cuts a page fetched with one row more than `limit`; the extra row's presence means
/// a next page, whose token points after the last row kept.
pub fn split_page<T>(
    mut rows: Vec<T>,
    limit: usize,
    list: &str,
    key: impl Fn(&T) -> String,
) -> (Vec<T>, Option<String>) {
    if rows.len() <= limit {
        return (rows, None);
    }
    rows.truncate(limit);
    let next = rows.last().map(|r| encode(list, &key(r)));
    (rows, next)
}

/// A 200 builder carrying `Link: rel="next"` when there is a next page.
pub fn page_response(req: &HttpRequest, next: Option<&str>) -> actix_web::HttpResponseBuilder {
    let mut res = actix_web::HttpResponse::Ok();
    if let Some(t) = next {
        res.insert_header((actix_web::http::header::LINK, next_link(req, t)));
    }
    res
}

/// One list request's page: its size, and the key its first row comes after (decoded from
/// `page_token`, bound to the list it was issued for). Every list endpoint goes through
/// this: parse, fetch `limit + 1` rows in the repository, then [`PageRequest::respond`].
#[derive(Debug)]
pub struct PageRequest<K> {
    pub after: Option<K>,
    pub limit: usize,
    list: &'static str,
}

impl<K> PageRequest<K> {
    /// Parses `page_size` and `page_token`, the token's key with `key`.
    pub fn parse_with(
        list: &'static str,
        params: &PageParams,
        key: impl FnOnce(&str) -> Option<K>,
    ) -> Result<Self, ApiError> {
        let limit = page_size(params.page_size)?.get() as usize;
        let after = match &params.page_token {
            Some(t) => Some(key(&decode(list, t)?).ok_or_else(bad_token)?),
            None => None,
        };
        Ok(Self { after, limit, list })
    }

    /// Parses `page_size` and `page_token` for a list keyed by anything `FromStr` (ids,
    /// sequence numbers).
    pub fn parse(list: &'static str, params: &PageParams) -> Result<Self, ApiError>
    where
        K: std::str::FromStr,
    {
        Self::parse_with(list, params, |s| s.parse().ok())
    }

    /// The limit as repositories take it.
    pub fn limit(&self) -> u64 {
        self.limit as u64
    }

    /// Cuts rows fetched with one more than the limit into this page; `key` is what the
    /// next page starts after.
    pub fn split<R>(&self, rows: Vec<R>, key: impl Fn(&R) -> String) -> Paged<R> {
        let (rows, next) = split_page(rows, self.limit, self.list, key);
        Paged { rows, next }
    }

    /// [`Self::split`], then [`Paged::respond`].
    pub fn respond<R, T: Serialize>(
        &self,
        req: &HttpRequest,
        rows: Vec<R>,
        key: impl Fn(&R) -> String,
        dto: impl Fn(&R) -> T,
    ) -> actix_web::HttpResponse {
        self.split(rows, key).respond(req, dto)
    }
}

/// The rows of one page and the token of the next.
pub struct Paged<R> {
    pub rows: Vec<R>,
    pub next: Option<String>,
}

impl<R> Paged<R> {
    /// 200 with the wire [`Page`] and `Link: rel="next"` when there is a next page.
    pub fn respond<T: Serialize>(
        self,
        req: &HttpRequest,
        dto: impl Fn(&R) -> T,
    ) -> actix_web::HttpResponse {
        page_response(req, self.next.as_deref()).json(Page {
            items: self.rows.iter().map(dto).collect(),
            next_page_token: self.next,
        })
    }
}

/// `<path?query-with-page_token>; rel="next"`, keeping the other query parameters.
pub fn next_link(req: &HttpRequest, token: &str) -> String {
    let mut parts: Vec<String> = req
        .query_string()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("page_token="))
        .map(str::to_owned)
        .collect();
    parts.push(format!("page_token={token}"));
    format!("<{}?{}>; rel=\"next\"", req.path(), parts.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_with_one_row_too_many_has_a_next_token_after_its_last_row() {
        let (rows, next) = split_page(vec![1, 2, 3], 2, "n", |r| r.to_string());
        assert_eq!(rows, [1, 2]);
        assert_eq!(decode("n", &next.unwrap()).unwrap(), "2");
        let (rows, next) = split_page(vec![1, 2], 2, "n", |r| r.to_string());
        assert_eq!((rows, next), (vec![1, 2], None));
    }

    #[test]
    fn tokens_round_trip_and_are_bound_to_their_list() {
        let t = encode("wilayah", "34.02.01");
        assert_eq!(decode("wilayah", &t).unwrap(), "34.02.01");
        assert!(decode("ppks", &t).is_err());
        assert!(decode("wilayah", "not base64!").is_err());
    }
}
