//! The public JSON API under `/api/v1`. Handlers carry their OpenAPI description (utoipa); the
//! router and the document at `/api/v1/openapi.json` come from the same declarations.

pub mod cursor;
pub mod dto;
pub mod organisations;
pub mod portals;
pub mod problem;
pub mod vocabularies;

use crate::AppState;
use axum::Json;
use axum::Router;
use axum::routing::get;
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hiroba API",
        version = "1",
        description = "Public data of Hiroba's public-benefit portals and the organisations they list. \
Read-only and open; errors are RFC 9457 problem details; lists use cursor paging.",
        license(name = "Data: CC BY 4.0; software: AGPL-3.0-or-later")
    ),
    tags(
        (name = "portals", description = "Regional and theme portals"),
        (name = "organisations", description = "Organisation profiles"),
        (name = "vocabularies", description = "Code lists used by the other endpoints")
    ),
    components(schemas(problem::Problem, problem::ProblemField))
)]
struct ApiDoc;

fn api_router() -> OpenApiRouter<AppState> {
    let v1 = OpenApiRouter::new()
        .routes(routes!(portals::list))
        .routes(routes!(portals::get_one))
        .routes(routes!(portals::organisations))
        .routes(routes!(organisations::list))
        .routes(routes!(organisations::get_one))
        .routes(routes!(vocabularies::get_all));
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1)
}

/// The OpenAPI document, built once.
pub fn openapi() -> &'static utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(|| api_router().split_for_parts().1)
}

pub fn router() -> Router<AppState> {
    let (router, _) = api_router().split_for_parts();
    router.route(
        "/api/v1/openapi.json",
        get(|| async { Json(openapi().clone()) }),
    )
}
