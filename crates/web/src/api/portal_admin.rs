//! Portal settings, curation, claims and logs through the API.

use super::dto::{PortalDto, portal as portal_dto};
use super::organisation_edit::ClaimDto;
use super::problem::Problem;
use crate::AppState;
use crate::actions::portals as act;
use crate::auth::extract::{ApiJson, ApiUser};
use crate::errors::{AppError, AppResult, Missing};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hiroba_domain::policy::Action;
use hiroba_domain::portals::PortalInput;
use hiroba_domain::scope::Curation;
use hiroba_domain::{FieldError, FieldErrors, Invalid};
use hiroba_store::audit::{AuditEntry, AuditScope};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A portal's settings as sent (the URL name and operating organisation are kept).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PortalSettingsBody {
    pub name_ja: String,
    pub name_en: String,
    /// `regional` or `theme`.
    pub kind: String,
    pub prefectures: Vec<String>,
    pub municipalities: Vec<String>,
    pub activity_fields: Vec<String>,
    pub sdgs: Vec<String>,
    pub primary_colour: String,
    pub accent_colour: String,
    pub logo_url: String,
    pub intro_ja: String,
    pub intro_en: String,
}

/// Change a portal's names, scope and branding (its operators).
#[utoipa::path(
    put, path = "/portals/{slug}", operation_id = "update_portal", tag = "portals",
    security(("bearer" = [])), request_body = PortalSettingsBody,
    params(("slug" = String, Path, description = "The portal's URL name")),
    responses(
        (status = 200, body = PortalDto),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn update_portal(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(slug): Path<String>,
    ApiJson(b): ApiJson<PortalSettingsBody>,
) -> AppResult<Json<PortalDto>> {
    let portal = act::load(&state, &slug).await?;
    let input = PortalInput {
        slug: String::new(),
        name_ja: b.name_ja,
        name_en: b.name_en,
        kind: b.kind,
        operator_organisation_id: None,
        prefectures: b.prefectures,
        municipalities: b.municipalities,
        activity_fields: b.activity_fields,
        sdgs: b.sdgs,
        primary_colour: b.primary_colour,
        accent_colour: b.accent_colour,
        logo_url: b.logo_url,
        intro_ja: b.intro_ja,
        intro_en: b.intro_en,
    };
    let updated = act::update_settings(&state, &who, &portal, input)
        .await?
        .map_err(AppError::Invalid)?;
    let count = state
        .store
        .portals()
        .member_counts()
        .await?
        .get(&updated.id)
        .copied()
        .unwrap_or(0);
    Ok(Json(portal_dto(&state.config.base_url, &updated, count)))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CurationBody {
    /// `include` or `exclude`.
    pub curation: String,
}

fn org_id(id: &str) -> AppResult<i64> {
    id.parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))
}

/// Include or exclude an organisation explicitly (operators and editors).
#[utoipa::path(
    put, path = "/portals/{slug}/curations/{organisation_id}", operation_id = "set_curation", tag = "portals",
    security(("bearer" = [])), request_body = CurationBody,
    params(("slug" = String, Path, description = "The portal's URL name"), ("organisation_id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 204, description = "Saved"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn set_curation(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((slug, org)): Path<(String, String)>,
    ApiJson(b): ApiJson<CurationBody>,
) -> AppResult<StatusCode> {
    let portal = act::load(&state, &slug).await?;
    let org = org_id(&org)?;
    let Some(curation) = Curation::parse(b.curation.trim()) else {
        who.authorize(&Action::CuratePortal {
            portal_id: portal.id,
        })?;
        return Err(AppError::Invalid(FieldErrors(vec![FieldError::new(
            "curation",
            Invalid::UnknownChoice,
        )])));
    };
    act::curate(&state, &who, &portal, org, Some(curation)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove an explicit decision: the scope decides again.
#[utoipa::path(
    delete, path = "/portals/{slug}/curations/{organisation_id}", operation_id = "clear_curation", tag = "portals",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The portal's URL name"), ("organisation_id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 204, description = "Cleared"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn clear_curation(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((slug, org)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    let portal = act::load(&state, &slug).await?;
    act::curate(&state, &who, &portal, org_id(&org)?, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Pending claims on organisations this portal lists (its operators and editors).
#[utoipa::path(
    get, path = "/portals/{slug}/claims", operation_id = "list_claims", tag = "portals",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The portal's URL name")),
    responses(
        (status = 200, body = Vec<ClaimDto>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn list_claims(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(slug): Path<String>,
) -> AppResult<Json<Vec<ClaimDto>>> {
    let portal = act::load(&state, &slug).await?;
    who.authorize(&Action::ViewPortalAdmin {
        portal_id: portal.id,
    })?;
    Ok(Json(
        state
            .store
            .claims()
            .pending_for_portal(portal.id)
            .await?
            .into_iter()
            .map(ClaimDto::from)
            .collect(),
    ))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct DecisionBody {
    pub approve: bool,
    /// Told to the claimant (mainly when rejecting).
    pub note: String,
}

/// Approve or reject a claim (operators of a portal that lists the organisation).
#[utoipa::path(
    post, path = "/portals/{slug}/claims/{claim_id}/decision", operation_id = "decide_claim", tag = "portals",
    security(("bearer" = [])), request_body = DecisionBody,
    params(("slug" = String, Path, description = "The portal's URL name"), ("claim_id" = i64, Path, description = "The claim's id")),
    responses(
        (status = 200, body = ClaimDto),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn decide_claim(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((slug, claim)): Path<(String, String)>,
    ApiJson(b): ApiJson<DecisionBody>,
) -> AppResult<Json<ClaimDto>> {
    let portal = act::load(&state, &slug).await?;
    let claim: i64 = claim
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Page))?;
    let decided =
        crate::actions::claims::decide(&state, &who, &portal, claim, b.approve, &b.note).await?;
    Ok(Json(decided.into()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditDto {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_user_id: Option<i64>,
    pub actor_name: Option<String>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<i64>,
    pub portal_id: Option<i64>,
    pub organisation_id: Option<i64>,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

impl From<AuditEntry> for AuditDto {
    fn from(e: AuditEntry) -> Self {
        AuditDto {
            id: e.id,
            at: e.at,
            actor_user_id: e.actor_user_id,
            actor_name: e.actor_name,
            action: e.action,
            target_type: e.target_type,
            target_id: e.target_id,
            portal_id: e.portal_id,
            organisation_id: e.organisation_id,
            details: e.details,
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Entries older than this id.
    pub before: Option<i64>,
}

/// A portal's log, newest first (its operators).
#[utoipa::path(
    get, path = "/portals/{slug}/audit", operation_id = "get_portal_audit", tag = "portals",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The portal's URL name"), AuditParams),
    responses(
        (status = 200, body = Vec<AuditDto>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_portal_audit(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(slug): Path<String>,
    Query(q): Query<AuditParams>,
) -> AppResult<Json<Vec<AuditDto>>> {
    let portal = act::load(&state, &slug).await?;
    who.authorize(&Action::ViewPortalAudit {
        portal_id: portal.id,
    })?;
    Ok(Json(
        state
            .store
            .audit()
            .list(AuditScope::Portal(portal.id), q.before, 100)
            .await?
            .into_iter()
            .map(AuditDto::from)
            .collect(),
    ))
}

/// Everything that changed, newest first (platform administrators).
#[utoipa::path(
    get, path = "/audit", operation_id = "get_platform_audit", tag = "accounts",
    security(("bearer" = [])),
    params(AuditParams),
    responses(
        (status = 200, body = Vec<AuditDto>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_platform_audit(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Query(q): Query<AuditParams>,
) -> AppResult<Response> {
    who.authorize(&Action::ViewPlatformAudit)?;
    let entries: Vec<AuditDto> = state
        .store
        .audit()
        .list(AuditScope::Everything, q.before, 100)
        .await?
        .into_iter()
        .map(AuditDto::from)
        .collect();
    Ok(Json(entries).into_response())
}
