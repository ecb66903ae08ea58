//! Clients as the server sees them: from an address (`ConnectInfo`), with an API token, and an
//! app with chosen API limits.

use super::{App, BASE_URL, Resp};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request};
use hiroba_web::{ApiLimits, WebConfig};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use tower::ServiceExt;

/// A request from the client at `ip`, as the server sees it (`ConnectInfo`).
pub async fn from(app: &App, ip: &str, uri: &str, headers: &[(&str, &str)]) -> Resp {
    let mut req = Request::builder().method(Method::GET).uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut req = req.body(Body::empty()).unwrap();
    let peer = SocketAddr::new(ip.parse().unwrap(), 40000);
    req.extensions_mut().insert(ConnectInfo(peer));
    let response = app.router.clone().oneshot(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Resp {
        status,
        headers,
        text: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

pub async fn token_for(app: &App, email: &str) -> String {
    let user = app.user(email, "correct horse battery").await;
    let token = hiroba_auth::new_api_token();
    app.db
        .store
        .api_tokens()
        .create(
            user.id,
            "test",
            &token.display_prefix,
            &hiroba_auth::digest(&token.secret),
            hiroba_domain::roles::TokenScope::Read,
        )
        .await
        .unwrap();
    token.secret
}

pub fn limited(db: hiroba_testkit::TestDb, anonymous: u32, token: u32) -> App {
    App::with_config(
        db,
        WebConfig {
            base_url: BASE_URL.into(),
            api_limits: ApiLimits {
                anonymous,
                token,
                window_secs: 600,
            },
            ..Default::default()
        },
    )
}
