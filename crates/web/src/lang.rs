//! Which language a request is answered in, and the switch between languages.
//!
//! Pages: `?lang=` (shareable links) > the `hiroba_lang` cookie (set by the switch) > Japanese.
//! API: `?lang=` > `Accept-Language` > Japanese.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::{HeaderMap, HeaderValue, header, request::Parts};
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_i18n::Lang;
use serde::Deserialize;
use std::convert::Infallible;

pub const COOKIE: &str = "hiroba_lang";

/// The language of this request.
#[derive(Debug, Clone, Copy)]
pub struct ReqLang(pub Lang);

fn query_lang(query: Option<&str>) -> Option<Lang> {
    let q = query?;
    form_pairs(q)
        .into_iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::parse(&v))
}

fn form_pairs(q: &str) -> Vec<(String, String)> {
    serde_html_form::from_str::<Vec<(String, String)>>(q).unwrap_or_default()
}

pub fn cookie_lang(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .and_then(|(_, v)| Lang::parse(v))
}

/// The language for a request, by the rules above.
pub fn negotiate(uri: &axum::http::Uri, headers: &HeaderMap) -> Lang {
    if let Some(lang) = query_lang(uri.query()) {
        return lang;
    }
    if uri.path().starts_with("/api/") {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
            .unwrap_or_default()
    } else {
        cookie_lang(headers).unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ReqLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        // Under a nested router (the API) `parts.uri` has lost its prefix; the rules need it.
        let uri = parts
            .extensions
            .get::<axum::extract::OriginalUri>()
            .map_or(&parts.uri, |u| &u.0);
        Ok(ReqLang(negotiate(uri, &parts.headers)))
    }
}

#[derive(Deserialize)]
pub struct SwitchQuery {
    next: Option<String>,
}

/// Only same-site paths are followed, so the switch cannot be used as an open redirect.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n,
        _ => "/",
    }
}

/// `GET /lang/{code}?next=/path`: remembers the choice in a cookie and goes back.
pub async fn switch(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    Path(code): Path<String>,
    Query(q): Query<SwitchQuery>,
) -> Response {
    let next = safe_next(q.next.as_deref()).to_owned();
    let Some(lang) = Lang::parse(&code) else {
        return Redirect::to(&next).into_response();
    };
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        lang.code()
    );
    let mut response = Redirect::to(&next).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// The current URL with `lang` removed, for building the switch link.
pub fn path_without_lang(uri: &axum::http::Uri) -> String {
    let pairs: Vec<(String, String)> = uri
        .query()
        .map(form_pairs)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k != "lang")
        .collect();
    if pairs.is_empty() {
        uri.path().to_owned()
    } else {
        format!(
            "{}?{}",
            uri.path(),
            serde_html_form::to_string(&pairs).unwrap_or_default()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    #[test]
    fn pages_use_query_then_cookie_then_japanese() {
        let uri = |s: &str| s.parse::<axum::http::Uri>().unwrap();
        let cookie = headers(&[("cookie", "a=b; hiroba_lang=en")]);
        assert_eq!(negotiate(&uri("/p/okayama"), &HeaderMap::new()), Lang::Ja);
        assert_eq!(negotiate(&uri("/p/okayama"), &cookie), Lang::En);
        assert_eq!(negotiate(&uri("/p/okayama?lang=ja"), &cookie), Lang::Ja);
        let accept = headers(&[("accept-language", "en-US,en;q=0.9")]);
        assert_eq!(
            negotiate(&uri("/p/okayama"), &accept),
            Lang::Ja,
            "pages ignore Accept-Language"
        );
        assert_eq!(negotiate(&uri("/api/v1/portals"), &accept), Lang::En);
        assert_eq!(
            negotiate(&uri("/api/v1/portals?lang=ja"), &accept),
            Lang::Ja
        );
    }

    #[test]
    fn next_must_be_a_local_path() {
        assert_eq!(safe_next(Some("/p/okayama?x=1")), "/p/okayama?x=1");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn switch_link_drops_lang() {
        let uri: axum::http::Uri = "/p/x/organisations?lang=en&prefecture=33".parse().unwrap();
        assert_eq!(path_without_lang(&uri), "/p/x/organisations?prefecture=33");
    }
}
