//! `/api/v1/organisations`

use super::cursor;
use super::dto::{ListLinks, OrganisationDto, OrganisationList, organisation};
use super::problem::Problem;
use crate::AppState;
use crate::errors::{AppError, AppResult, Missing};
use crate::http_cache::{LastModified, organisation_changed};
use crate::query::Params;
use crate::views::places::Places;
use axum::Json;
use axum::extract::OriginalUri;
use axum::extract::{Path, State};
use hiroba_domain::organisations::{OrganisationFilter, OrganisationFilterInput};
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_store::organisations::OrganisationQuery;
use hiroba_store::paging::PageRequest;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;

#[derive(Debug, Default, Clone, Deserialize, Serialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct OrganisationListParams {
    /// Only organisations listed in this portal (its slug). Ignored under `/portals/{slug}`.
    pub portal: Option<String>,
    /// Prefecture of the office: code `01`–`47` or a name such as `Okayama` or `岡山県`.
    pub prefecture: Option<String>,
    /// Municipality of the office: a 6-digit code with check digit; a designated city includes its wards.
    pub municipality: Option<String>,
    /// Activity field, 1–20.
    pub activity_field: Option<String>,
    /// SDG goal, 1–17.
    pub sdg: Option<String>,
    /// Legal form code, e.g. `npo`, `certified_npo` (see /vocabularies).
    pub legal_form: Option<String>,
    /// 法人番号 (13 digits): exact lookup.
    pub corporate_number: Option<String>,
    /// Minimum ★ disclosure level, 1–5.
    pub level: Option<String>,
    /// Minimum certification step, 1–3.
    pub certification: Option<String>,
    /// Order: `name` (五十音, default), `level` (★ first) or `certification`.
    pub sort: Option<String>,
    /// Items per page, 1–100 (default 20).
    pub limit: Option<String>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Language of error messages: `ja` (default) or `en`.
    pub lang: Option<String>,
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

pub(super) fn limit(v: &Option<String>) -> Result<u64, Invalid> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(DEFAULT_LIMIT),
        Some(s) => {
            let n: u64 = s.parse().map_err(|_| Invalid::NotANumber)?;
            if (1..=MAX_LIMIT).contains(&n) {
                Ok(n)
            } else {
                Err(Invalid::OutOfRange {
                    min: 1,
                    max: MAX_LIMIT as i64,
                })
            }
        }
    }
}

pub(super) async fn list_organisations(
    state: &AppState,
    portal_id: Option<i64>,
    uri: &axum::http::Uri,
    params: OrganisationListParams,
) -> AppResult<OrganisationList> {
    let mut errors = FieldErrors::new();
    let filter = OrganisationFilterInput {
        prefecture: text(&params.prefecture),
        municipality: text(&params.municipality),
        activity_field: text(&params.activity_field),
        sdg: text(&params.sdg),
        legal_form: text(&params.legal_form),
        corporate_number: text(&params.corporate_number),
        level: text(&params.level),
        certification: text(&params.certification),
        sort: text(&params.sort),
    }
    .validate()
    .unwrap_or_else(|e| {
        errors.0.extend(e.0);
        OrganisationFilter::default()
    });
    let limit = errors.check("limit", limit(&params.limit));
    let after = match params.cursor.as_deref().filter(|c| !c.trim().is_empty()) {
        Some(c) => errors.check("cursor", cursor::decode(c)),
        None => None,
    };
    let portal_id = match (
        portal_id,
        params
            .portal
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
    ) {
        (Some(id), _) => Some(id),
        (None, Some(slug)) => match state.store.portals().get_by_slug(slug).await? {
            Some(p) => Some(p.id),
            None => {
                errors.push("portal", Invalid::UnknownChoice);
                None
            }
        },
        (None, None) => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let page = state
        .store
        .organisations()
        .list(&OrganisationQuery {
            portal_id,
            filter,
            page: PageRequest::After {
                after,
                limit: limit.unwrap_or(DEFAULT_LIMIT),
            },
        })
        .await?;
    let places = Places::for_organisations(&state.store, &page.items, &[]).await?;
    let base = &state.config.base_url;
    let items = page
        .items
        .iter()
        .map(|o| organisation(base, &state.i18n, &places, o))
        .collect();
    let next_cursor = page.next.as_ref().map(cursor::encode);
    let next = next_cursor.as_ref().map(|c| {
        let mut p = params.clone();
        p.cursor = Some(c.clone());
        format!(
            "{base}{}?{}",
            uri.path(),
            serde_html_form::to_string(&p).unwrap_or_default()
        )
    });
    Ok(OrganisationList {
        items,
        next_cursor,
        links: ListLinks { next },
    })
}

/// List organisations, filtered, in 五十音 order, with cursor paging.
#[utoipa::path(
    get, path = "/organisations", operation_id = "list_organisations", tag = "organisations",
    params(OrganisationListParams),
    responses(
        (status = 200, body = OrganisationList),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn list(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    Params(params): Params<OrganisationListParams>,
) -> AppResult<Json<OrganisationList>> {
    list_organisations(&state, None, &uri, params)
        .await
        .map(Json)
}

/// One organisation's public profile. `Last-Modified` is when anything about it last changed.
#[utoipa::path(
    get, path = "/organisations/{id}", operation_id = "get_organisation", tag = "organisations",
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = OrganisationDto),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<(LastModified, Json<OrganisationDto>)> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))?;
    let org = state
        .store
        .organisations()
        .get(id)
        .await?
        .ok_or(AppError::NotFound(Missing::Organisation))?;
    let places = Places::for_organisations(&state.store, std::slice::from_ref(&org), &[]).await?;
    let changed = organisation_changed(&state, &org).await?;
    Ok((
        changed,
        Json(organisation(
            &state.config.base_url,
            &state.i18n,
            &places,
            &org,
        )),
    ))
}
