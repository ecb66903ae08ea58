//! `/api/v1/portals`

use super::cursor;
use super::dto::{ListLinks, OrganisationList, PortalDto, PortalList, portal};
use super::organisations::{DEFAULT_LIMIT, OrganisationListParams, list_organisations};
use super::problem::Problem;
use crate::AppState;
use crate::errors::{AppError, AppResult, Missing};
use crate::query::Params;
use axum::Json;
use axum::extract::OriginalUri;
use axum::extract::{Path, State};
use hiroba_domain::FieldErrors;
use hiroba_domain::portals::PortalKind;
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_store::paging::Cursor;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

#[derive(Debug, Default, Clone, Deserialize, Serialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct PortalListParams {
    /// `regional` or `theme`.
    pub kind: Option<String>,
    /// Only portals that show organisations in this prefecture (code or name); nationwide
    /// portals always do.
    pub prefecture: Option<String>,
    /// Items per page, 1–100 (default 20).
    pub limit: Option<String>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Language of error messages: `ja` (default) or `en`.
    pub lang: Option<String>,
}

fn present(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// List portals, oldest first, optionally by kind or by the prefecture they reach.
#[utoipa::path(
    get, path = "/portals", operation_id = "list_portals", tag = "portals",
    params(PortalListParams),
    responses(
        (status = 200, description = "Portals, oldest first", body = PortalList),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn list(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    Params(params): Params<PortalListParams>,
) -> AppResult<Json<PortalList>> {
    let mut errors = FieldErrors::new();
    let kind = present(&params.kind).and_then(|k| errors.check("kind", PortalKind::parse(&k)));
    let prefecture = present(&params.prefecture)
        .and_then(|p| errors.check("prefecture", PrefectureCode::parse(&p)));
    let limit = errors
        .check("limit", super::organisations::limit(&params.limit))
        .unwrap_or(DEFAULT_LIMIT);
    let after = present(&params.cursor).and_then(|c| errors.check("cursor", cursor::decode(&c)));
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    // Portals are few (tens): filter and page them in memory, in id order.
    let counts = state.store.portals().member_counts().await?;
    let mut matching = state.store.portals().list().await?.into_iter().filter(|p| {
        kind.is_none_or(|k| p.settings.kind == k)
            && prefecture.is_none_or(|pref| p.settings.scope.reaches_prefecture(pref))
            && after.as_ref().is_none_or(|c| p.id > c.id)
    });
    let page: Vec<_> = matching.by_ref().take(limit as usize).collect();
    let next_cursor = match (matching.next(), page.last()) {
        (Some(_), Some(last)) => Some(cursor::encode(&Cursor {
            rank: 0,
            sort_key: String::new(),
            id: last.id,
        })),
        _ => None,
    };
    let base = &state.config.base_url;
    let next = next_cursor.as_ref().map(|c| {
        let mut p = params.clone();
        p.cursor = Some(c.clone());
        format!(
            "{base}{}?{}",
            uri.path(),
            serde_html_form::to_string(&p).unwrap_or_default()
        )
    });
    let items = page
        .iter()
        .map(|p| portal(base, p, counts.get(&p.id).copied().unwrap_or(0)))
        .collect();
    Ok(Json(PortalList {
        items,
        next_cursor,
        links: ListLinks { next },
    }))
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
