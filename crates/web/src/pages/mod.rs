//! Server-rendered pages. Each feature has its module; handlers load, build a view and render.

pub mod api_docs;
pub mod errors;
pub mod home;
pub mod organisations;
pub mod portals;

use crate::AppState;
use crate::errors::AppError;
use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/organisations", get(organisations::list_all))
        .route("/organisations/{id}", get(organisations::profile))
        .route("/p/{slug}", get(portals::home))
        .route("/p/{slug}/theme.css", get(portals::theme_css))
        .route(
            "/p/{slug}/organisations",
            get(organisations::list_in_portal),
        )
        .route(
            "/p/{slug}/organisations/{id}",
            get(organisations::profile_in_portal),
        )
        .route("/api", get(api_docs::page))
        .route("/lang/{code}", get(crate::lang::switch))
}

/// Renders a template as an HTML response; a rendering failure is a 500.
pub fn html(template: &impl Template) -> Result<Response, AppError> {
    let body = template
        .render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))?;
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    Ok(response)
}
