//! The public JSON API under `/api/v1`. Handlers carry their OpenAPI description (utoipa); the
//! router and the document at `/api/v1/openapi.json` come from the same declarations.

pub mod cursor;
pub mod dto;
pub mod me;
pub mod organisation_edit;
pub mod organisations;
pub mod portal_admin;
pub mod portals;
pub mod problem;
pub mod team;
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
        (name = "vocabularies", description = "Code lists used by the other endpoints"),
        (name = "accounts", description = "The caller's account (personal API tokens)")
    ),
    components(schemas(problem::Problem, problem::ProblemField)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// Personal API tokens, sent as `Authorization: Bearer hiroba_…`.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

fn api_router() -> OpenApiRouter<AppState> {
    let v1 = OpenApiRouter::new()
        .routes(routes!(portals::list))
        .routes(routes!(portals::get_one))
        .routes(routes!(portals::organisations))
        .routes(routes!(organisations::list))
        .routes(routes!(organisations::get_one))
        .routes(routes!(vocabularies::get_all))
        .routes(routes!(me::get_me))
        .routes(routes!(organisation_edit::create_organisation))
        .routes(routes!(organisation_edit::update_organisation))
        .routes(routes!(organisation_edit::claim_organisation))
        .routes(routes!(team::get_organisation_team))
        .routes(routes!(team::invite_to_organisation))
        .routes(routes!(team::invite_to_portal))
        .routes(routes!(portal_admin::update_portal))
        .routes(routes!(
            portal_admin::set_curation,
            portal_admin::clear_curation
        ))
        .routes(routes!(portal_admin::list_claims))
        .routes(routes!(portal_admin::decide_claim))
        .routes(routes!(portal_admin::get_portal_audit))
        .routes(routes!(portal_admin::get_platform_audit));
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
