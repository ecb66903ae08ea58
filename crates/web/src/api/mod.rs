//! The public JSON API under `/api/v1`. Handlers carry their OpenAPI description (utoipa); the
//! router and the document at `/api/v1/openapi.json` come from the same declarations.

pub mod certification;
pub mod cursor;
pub mod dto;
pub mod me;
pub mod organisation_edit;
pub mod organisations;
pub mod portal_admin;
pub mod portals;
pub mod problem;
pub mod profile_edit;
pub mod profiles;
pub mod rate_limit;
pub mod search;
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
Reading is open; writing needs a personal API token (Authorization: Bearer). Errors are RFC 9457 \
problem details; lists use cursor paging. Documents are uploaded in the browser only (no multipart API).\n\n\
**Caching.** Every successful GET carries a strong `ETag` computed from the body; send it back in \
`If-None-Match` to get `304 Not Modified` without a body when nothing changed. An organisation and \
its sections (reports, programmes, metrics, documents) also carry `Last-Modified` for \
`If-Modified-Since`; `If-None-Match` takes precedence. Public data is `Cache-Control: public, no-cache`; \
responses to requests with a token are `private`.\n\n\
**Rate limits.** Without a token, requests are counted per client IP address (by default 600 per \
600 seconds); with a personal API token, per account against a higher limit (by default 6000). \
Every counted response carries `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds \
until the window ends) and `RateLimit-Policy` (e.g. `600;w=600`); beyond the limit the answer is \
`429` with `Retry-After` and a problem body. The site's actual limits are on the `/api` page.\n\n\
**Open data.** Licence, credit line and formats (CSV, JSON Lines, schema.org JSON-LD per organisation \
at `/organisations/{id}/schema.jsonld`): `/help/open-data`.",
        license(name = "Data: CC BY 4.0; software: AGPL-3.0-or-later")
    ),
    tags(
        (name = "portals", description = "Regional and theme portals"),
        (name = "organisations", description = "Organisation profiles"),
        (name = "search", description = "Full-text search of organisations, with facets"),
        (name = "profiles", description = "A profile's further sections: the ★ disclosure checklist, yearly reports and finances, programmes, outcome metrics and public documents"),
        (name = "certification", description = "Certification steps granted by portal operators"),
        (name = "vocabularies", description = "Code lists used by the other endpoints"),
        (name = "accounts", description = "The caller's account (personal API tokens)")
    ),
    components(schemas(problem::Problem, problem::ProblemField)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// OpenAPI 3.1 requires a description on every response; where a handler gives none, the
/// status's reason phrase ("OK", "Not Found") stands in. Applied to the finished document (the
/// paths join it after `ApiDoc`'s own modifiers ran).
struct ResponseDescriptions;

impl utoipa::Modify for ResponseDescriptions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        for item in openapi.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                for (status, response) in op.responses.responses.iter_mut() {
                    if let RefOr::T(r) = response
                        && r.description.trim().is_empty()
                    {
                        r.description = status
                            .parse::<u16>()
                            .ok()
                            .and_then(|s| axum::http::StatusCode::from_u16(s).ok())
                            .and_then(|s| s.canonical_reason())
                            .unwrap_or("Response")
                            .to_owned();
                    }
                }
            }
        }
    }
}

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
        .routes(routes!(search::search_organisations))
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
        .routes(routes!(portal_admin::get_platform_audit))
        .routes(routes!(profiles::get_disclosure))
        .routes(routes!(profiles::list_reports))
        .routes(routes!(
            profile_edit::save_report,
            profile_edit::delete_report
        ))
        .routes(routes!(
            profiles::list_programmes,
            profile_edit::create_programme
        ))
        .routes(routes!(
            profile_edit::get_programme,
            profile_edit::update_programme,
            profile_edit::delete_programme
        ))
        .routes(routes!(profiles::list_metrics, profile_edit::create_metric))
        .routes(routes!(
            profile_edit::get_metric,
            profile_edit::update_metric,
            profile_edit::delete_metric
        ))
        .routes(routes!(
            profile_edit::set_metric_value,
            profile_edit::delete_metric_value
        ))
        .routes(routes!(profiles::list_documents))
        .routes(routes!(profile_edit::mark_reviewed))
        .routes(routes!(certification::get_certifications))
        .routes(routes!(certification::grant_certification))
        .routes(routes!(certification::revoke_certification))
        .routes(routes!(certification::get_certification_queue));
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1)
}

/// The OpenAPI document, built once.
pub fn openapi() -> &'static utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(|| {
        use utoipa::Modify;
        let mut doc = api_router().split_for_parts().1;
        rate_limit::CommonResponses.modify(&mut doc);
        ResponseDescriptions.modify(&mut doc);
        doc
    })
}

pub fn router() -> Router<AppState> {
    let (router, _) = api_router().split_for_parts();
    router.route(
        "/api/v1/openapi.json",
        get(|| async { Json(openapi().clone()) }),
    )
}
