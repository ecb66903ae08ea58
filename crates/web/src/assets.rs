//! Static files, embedded so the binary is self-contained. Names carry a content hash in the
//! query string (see [`asset_url`]) so they can be cached for a year.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

static ASSETS: &[Asset] = &[
    Asset {
        name: "hiroba.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../static/hiroba.css"),
    },
    Asset {
        name: "charts.css",
        content_type: "text/css; charset=utf-8",
        body: hiroba_charts::STYLESHEET.as_bytes(),
    },
    Asset {
        name: "hiroba.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/hiroba.js"),
    },
    Asset {
        name: "search.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../static/search.js"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        body: include_bytes!("../static/favicon.svg"),
    },
];

fn fingerprint(body: &[u8]) -> String {
    // FNV-1a: a stable short hash is all cache busting needs.
    let mut hash: u64 = 0xcbf29ce484222325;
    for b in body {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    format!("{:08x}", hash as u32)
}

/// `/static/{name}?v={hash}` for an embedded asset.
pub fn asset_url(name: &str) -> String {
    let v = ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| fingerprint(a.body))
        .unwrap_or_default();
    format!("/static/{name}?v={v}")
}

pub async fn serve(Path(name): Path<String>) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name) else {
        return crate::errors::AppError::NotFound(crate::errors::Missing::Page).into_response();
    };
    let mut response = (StatusCode::OK, asset.body).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    response
}
