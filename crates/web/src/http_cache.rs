//! HTTP caching of public data (the JSON API under `/api/v1`, the open-data downloads and the
//! JSON-LD of each organisation), written once as a middleware:
//!
//! - every successful `GET` (and `HEAD`, answered as `GET` without the body) gets a strong `ETag`: a hash of the body itself, so it is correct
//!   on any number of stateless app nodes and changes exactly when the content does;
//! - `If-None-Match` matching it gives `304 Not Modified` without a body;
//! - handlers that know when their data last changed send `Last-Modified` (see
//!   [`LastModified`]); without `If-None-Match`, `If-Modified-Since` not older than it gives
//!   304 (RFC 9110 §13.2.2: `If-None-Match` takes precedence);
//! - `Cache-Control: public, no-cache` (shared caches may keep a copy but must revalidate it),
//!   or `private, no-cache` when the request carried credentials (a bearer token or a session).

use crate::auth::{SESSION_COOKIE, cookies};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponseParts, Response, ResponseParts};
use base64::Engine;
use chrono::{DateTime, TimeZone, Utc};
use sha2::{Digest, Sha256};

/// Bodies larger than this are passed on without an ETag rather than held in memory.
const MAX_BODY: usize = 64 * 1024 * 1024;

pub const PUBLIC: &str = "public, no-cache";
pub const PRIVATE: &str = "private, no-cache";

/// Whether a path serves public data this layer looks after.
pub fn applies(path: &str) -> bool {
    path.starts_with("/api/v1/")
        || path.ends_with(".csv")
        || path.ends_with(".jsonl")
        || path.ends_with(".jsonld")
}

/// Whether a response body is data (not a page, not a file such as a logo).
fn is_data(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            let ct = ct.split(';').next().unwrap_or("").trim();
            matches!(
                ct,
                "application/json"
                    | "application/ld+json"
                    | "application/jsonl"
                    | "application/x-ndjson"
                    | "text/csv"
            )
        })
}

/// The strong validator of a body: 128 bits of its SHA-256, base64url, quoted.
pub fn etag_of(body: &[u8]) -> String {
    let hash = Sha256::digest(body);
    format!(
        "\"{}\"",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&hash[..16])
    )
}

/// `If-None-Match` against the current tag, by the weak comparison RFC 9110 §13.1.2 asks for
/// (`W/"x"` matches `"x"`); `*` matches any current representation.
pub fn none_match(header_value: &str, etag: &str) -> bool {
    let current = etag.trim_start_matches("W/");
    header_value.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || (!candidate.is_empty() && candidate.trim_start_matches("W/") == current)
    })
}

/// An HTTP date (IMF-fixdate), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Reads an HTTP date (IMF-fixdate; RFC 850 and asctime forms are obsolete and ignored).
pub fn parse_http_date(value: &str) -> Option<DateTime<Utc>> {
    let naive =
        chrono::NaiveDateTime::parse_from_str(value.trim(), "%a, %d %b %Y %H:%M:%S GMT").ok()?;
    Some(Utc.from_utc_datetime(&naive))
}

/// When a resource last changed, as a `Last-Modified` header (to whole seconds, as HTTP dates
/// are). Handlers return it beside their body; this layer answers `If-Modified-Since` with it.
#[derive(Debug, Clone, Copy)]
pub struct LastModified(pub DateTime<Utc>);

impl IntoResponseParts for LastModified {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        if let Ok(v) = HeaderValue::from_str(&http_date(self.0)) {
            res.headers_mut().insert(header::LAST_MODIFIED, v);
        }
        Ok(res)
    }
}

/// When anything published about an organisation (its profile, programmes, reports, metrics,
/// documents, certifications, ★ level) last changed: its own row's times and its newest log
/// entry. Views that depend on today's date as well (the ★ checklist, whether a certification
/// still holds) do not send it; their ETag alone decides.
pub async fn organisation_changed(
    state: &crate::AppState,
    org: &hiroba_store::organisations::Organisation,
) -> crate::errors::AppResult<LastModified> {
    let logged = state.store.audit().last_change(org.id).await?;
    Ok(LastModified(
        [Some(org.updated_at), org.reviewed_at, logged]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(org.updated_at),
    ))
}

/// Whether the client's copy is current: `If-None-Match` when sent, else `If-Modified-Since`
/// against `Last-Modified` (compared to the second).
fn not_modified(request: &HeaderMap, etag: &str, response: &HeaderMap) -> bool {
    if let Some(inm) = request.get(header::IF_NONE_MATCH) {
        return inm.to_str().is_ok_and(|v| none_match(v, etag));
    }
    let since = request
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date);
    let modified = response
        .get(header::LAST_MODIFIED)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date);
    matches!((since, modified), (Some(since), Some(modified)) if modified <= since)
}

/// The middleware; see the module documentation.
pub async fn conditional(mut request: Request, next: Next) -> Response {
    let head = request.method() == Method::HEAD;
    if !(head || request.method() == Method::GET) || !applies(request.uri().path()) {
        return next.run(request).await;
    }
    // HEAD is answered as GET would be, without the body: the router would strip the body
    // before this layer saw it, and the tag must be the one GET gives.
    if head {
        *request.method_mut() = Method::GET;
    }
    let private = request.headers().contains_key(header::AUTHORIZATION)
        || cookies::read(request.headers(), SESSION_COOKIE).is_some();
    let is_api = request.uri().path().starts_with("/api/");
    let conditions = request.headers().clone();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || !is_data(response.headers()) {
        return response;
    }
    let size = axum::body::HttpBody::size_hint(response.body()).upper();
    if size.is_none_or(|n| n > MAX_BODY as u64) {
        // A stream of unknown or very large size: passed on as it is.
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(%error, "response body unreadable");
            return Response::from_parts(parts, Body::empty());
        }
    };
    let etag = etag_of(&bytes);
    let h = &mut parts.headers;
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    let cache = if private { PRIVATE } else { PUBLIC };
    let handler_said = h
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match handler_said {
        None => {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        }
        // A handler's own policy stands, except that nothing a credential fetched is public.
        Some(v) if private && v.contains("public") => {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
        }
        Some(_) => {}
    }
    if is_api {
        // Bodies differ for token holders, and problem texts follow Accept-Language.
        h.append(
            header::VARY,
            HeaderValue::from_static("Authorization, Accept-Language"),
        );
    }
    if not_modified(&conditions, &etag, h) {
        parts.status = StatusCode::NOT_MODIFIED;
        for name in [
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            header::CONTENT_DISPOSITION,
            header::CONTENT_LANGUAGE,
        ] {
            parts.headers.remove(name);
        }
        return Response::from_parts(parts, Body::empty());
    }
    if head {
        if let Ok(v) = HeaderValue::from_str(&bytes.len().to_string()) {
            parts.headers.insert(header::CONTENT_LENGTH, v);
        }
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_follow_the_content() {
        let a = etag_of(br#"{"a":1}"#);
        assert_eq!(a, etag_of(br#"{"a":1}"#));
        assert_ne!(a, etag_of(br#"{"a":2}"#));
        assert!(
            a.starts_with('"') && a.ends_with('"') && a.len() == 24,
            "{a}"
        );
    }

    #[test]
    fn if_none_match_lists_wildcards_and_weak_tags() {
        let tag = "\"abc\"";
        assert!(none_match("\"abc\"", tag));
        assert!(none_match("\"x\", \"abc\"", tag));
        assert!(none_match("W/\"abc\"", tag), "weak comparison");
        assert!(none_match("*", tag));
        assert!(!none_match("\"abd\"", tag));
        assert!(!none_match("", tag));
        assert!(!none_match("abc", tag), "unquoted is not the tag");
    }

    #[test]
    fn http_dates_round_trip_to_the_second() {
        let at = Utc.with_ymd_and_hms(1994, 11, 6, 8, 49, 37).unwrap();
        assert_eq!(http_date(at), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(at));
        assert_eq!(parse_http_date("yesterday"), None);
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
    }

    #[test]
    fn if_none_match_wins_over_if_modified_since() {
        let mut request = HeaderMap::new();
        let mut response = HeaderMap::new();
        response.insert(
            header::LAST_MODIFIED,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"),
        );
        request.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"),
        );
        assert!(not_modified(&request, "\"t\"", &response), "same second");
        request.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:49:36 GMT"),
        );
        assert!(!not_modified(&request, "\"t\"", &response), "changed since");
        request.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("Sun, 06 Nov 1994 09:00:00 GMT"),
        );
        request.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"old\""));
        assert!(
            !not_modified(&request, "\"t\"", &response),
            "a stale tag is not overridden by the date"
        );
        response.remove(header::LAST_MODIFIED);
        request.remove(header::IF_NONE_MATCH);
        assert!(!not_modified(&request, "\"t\"", &response), "no date known");
    }
}
