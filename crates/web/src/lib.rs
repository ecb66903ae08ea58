//! Hiroba's web layer: server-rendered pages (work without JavaScript), the JSON API, and
//! operations endpoints, on axum. Handlers are thin: parse, call the store, build a view,
//! render. Errors from any of them are rendered by one middleware (see [`errors`]).

pub mod actions;
pub mod api;
pub mod assets;
pub mod auth;
pub mod errors;
pub mod forms;
pub mod http_cache;
pub mod lang;
pub mod ops;
pub mod page;
pub mod pages;
pub mod query;
pub mod search;
pub mod security;
pub mod state;
pub mod views;

pub use axum::Router;
pub use state::{ApiLimits, AppState, WebConfig};

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;
use errors::{AppError, Missing};
use std::time::Duration;
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Today's date in Japan: fiscal years, founding dates and review dates are counted in it.
pub fn today() -> chrono::NaiveDate {
    hiroba_store::disclosure::today_in_japan()
}

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    let (pages, _) = pages::router();
    let secure = state.config.secure_cookies;
    Router::new()
        .merge(pages)
        .merge(api::router())
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/static/{name}", get(assets::serve))
        .fallback(|| async { AppError::NotFound(Missing::Page) })
        .route_layer(from_fn(auth::mutations::guard))
        .route_layer(from_fn(http_cache::conditional))
        .route_layer(from_fn_with_state(state.clone(), api::rate_limit::limit))
        .route_layer(from_fn(ops::track))
        // Inner to outer: who is asking, their CSRF token, panics turned into 500s, and every
        // error explained in the reader's language.
        .layer(from_fn_with_state(state.clone(), auth::authenticate))
        .layer(from_fn(move |req, next| {
            auth::csrf::ensure_token(secure, req, next)
        }))
        .layer(CatchPanicLayer::custom(|_| {
            AppError::Internal("handler panicked".into()).into_response_for_panic()
        }))
        .layer(from_fn_with_state(state.clone(), errors::render_errors))
        .layer(from_fn(security::headers))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(LatencyUnit::Millis),
                ),
        )
        .with_state(state)
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // With the peer's address, for per-client limits (`ConnectInfo`).
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
