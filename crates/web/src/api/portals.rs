//! `/api/v1/portals`

use super::dto::{OrganisationList, PortalDto, PortalList, portal};
use super::organisations::{OrganisationListParams, list_organisations};
use super::problem::Problem;
use crate::AppState;
use crate::errors::{AppError, AppResult, Missing};
use crate::query::Params;
use axum::Json;
use axum::extract::OriginalUri;
use axum::extract::{Path, State};

/// List every portal.
#[utoipa::path(
    get, path = "/portals", operation_id = "list_portals", tag = "portals",
    responses((status = 200, description = "All portals, oldest first", body = PortalList))
)]
pub async fn list(State(state): State<AppState>) -> AppResult<Json<PortalList>> {
    let portals = state.store.portals().list().await?;
    let counts = state.store.portals().member_counts().await?;
    let items = portals
        .iter()
        .map(|p| {
            portal(
                &state.config.base_url,
                p,
                counts.get(&p.id).copied().unwrap_or(0),
            )
        })
        .collect();
    Ok(Json(PortalList { items }))
}

/// One portal by its slug.
#[utoipa::path(
    get, path = "/portals/{slug}", operation_id = "get_portal", tag = "portals",
    params(("slug" = String, Path, description = "The portal's URL name, e.g. `okayama`")),
    responses(
        (status = 200, body = PortalDto),
        (status = 404, description = "No such portal", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_one(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Json<PortalDto>> {
    let p = crate::pages::portals::load(&state, &slug).await?;
    let count = state
        .store
        .portals()
        .member_counts()
        .await?
        .get(&p.id)
        .copied()
        .unwrap_or(0);
    Ok(Json(portal(&state.config.base_url, &p, count)))
}

/// The organisations a portal lists, filtered, in 五十音 order.
#[utoipa::path(
    get, path = "/portals/{slug}/organisations", operation_id = "list_portal_organisations", tag = "portals",
    params(("slug" = String, Path, description = "The portal's URL name"), OrganisationListParams),
    responses(
        (status = 200, body = OrganisationList),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such portal", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn organisations(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    OriginalUri(uri): OriginalUri,
    Params(params): Params<OrganisationListParams>,
) -> AppResult<Json<OrganisationList>> {
    let portal = state
        .store
        .portals()
        .get_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound(Missing::Portal))?;
    list_organisations(&state, Some(portal.id), &uri, params)
        .await
        .map(Json)
}
