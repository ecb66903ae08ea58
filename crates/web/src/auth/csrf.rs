//! Cross-site request forgery protection for every state-changing form:
//!
//! 1. **Fetch Metadata / Origin**: a browser tells where a request comes from. A post whose
//!    `Sec-Fetch-Site` is anything but `same-origin` (or `none`, typed by the user), or whose
//!    `Origin` is another site, is refused before anything else.
//! 2. **A token**: every visitor has a random `hiroba_csrf` cookie; every form carries the same
//!    value in a hidden `_csrf` field, compared in constant time. Another site can neither read
//!    the cookie nor set it.

use crate::auth::cookies;
use axum::extract::Request;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;

pub const COOKIE: &str = "hiroba_csrf";
pub const FIELD: &str = "_csrf";

/// The visitor's token, available to every handler that renders a form.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// Makes sure every visitor has a token cookie (set on the first response).
pub async fn ensure_token(secure: bool, mut request: Request, next: Next) -> Response {
    let existing = cookies::read(request.headers(), COOKIE);
    let token = existing.clone().unwrap_or_else(hiroba_auth::new_token);
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none() {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(COOKIE, &token, 365 * 24 * 3600, secure),
        );
    }
    response
}

/// Whether the browser says the request comes from this site (or says nothing, in which case
/// the token alone decides).
pub fn same_origin(headers: &HeaderMap, base_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None | Some("null") => true,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            origin == base_url.trim_end_matches('/')
                || origin.split_once("://").map(|(_, h)| h) == Some(host)
        }
    }
}

/// The token check: the form field equals the cookie.
pub fn token_matches(headers: &HeaderMap, submitted: Option<&str>) -> bool {
    match (cookies::read(headers, COOKIE), submitted) {
        (Some(cookie), Some(field)) => hiroba_auth::constant_time_eq(&cookie, field),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(
                axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    #[test]
    fn fetch_metadata_and_origin() {
        let base = "https://hiroba.example";
        assert!(same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            base
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            base
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            base
        ));
        assert!(same_origin(
            &headers(&[("origin", "https://hiroba.example")]),
            base
        ));
        assert!(!same_origin(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "hiroba.example")
            ]),
            base
        ));
        assert!(same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:8080"),
                ("host", "127.0.0.1:8080")
            ]),
            base
        ));
        assert!(
            same_origin(&headers(&[]), base),
            "old browsers: the token decides"
        );
    }

    #[test]
    fn tokens_must_match_the_cookie() {
        let h = headers(&[("cookie", "hiroba_csrf=abc")]);
        assert!(token_matches(&h, Some("abc")));
        assert!(!token_matches(&h, Some("abd")));
        assert!(!token_matches(&h, None));
        assert!(!token_matches(&headers(&[]), Some("abc")));
    }
}
