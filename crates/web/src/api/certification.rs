//! Certification: the public history of an organisation's steps, and granting, revoking and
//! the queue for a portal's operators. Operators' notes and who granted a step are private
//! (the organisation's staff and the operators see them in the browser) and never appear here.

use super::organisation_edit::TextOrNumber;
use super::problem::Problem;
use super::profiles::org_id;
use crate::AppState;
use crate::actions::certifications as act;
use crate::actions::organisations::load;
use crate::actions::portals::load as load_portal;
use crate::auth::extract::{ApiJson, ApiUser};
use crate::errors::{AppError, AppResult, Missing};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use hiroba_domain::certification::{GrantInput, Status};
use hiroba_domain::policy::Action;
use hiroba_store::certifications::CertificationRecord;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// The portal that granted a step.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PortalRef {
    /// Absent if the portal no longer exists.
    pub slug: Option<String>,
    pub name_ja: String,
    pub name_en: String,
}

/// One certification record.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificationDto {
    pub id: i64,
    /// `step1` (automatic at ★3), `step2` (documents checked by a portal) or `step3` (external
    /// review).
    pub step: String,
    /// `active`, `expired` or `revoked`.
    pub status: String,
    /// Who granted it; absent for STEP1, which comes with the ★ level.
    pub portal: Option<PortalRef>,
    pub granted_on: NaiveDate,
    /// The first day it no longer holds (absent for STEP1).
    pub expires_on: Option<NaiveDate>,
    /// When it expired or was revoked.
    pub ended_on: Option<NaiveDate>,
}

/// The step held today and every record, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificationsDto {
    /// The highest step held today (`step1`–`step3`), if any.
    pub step: Option<String>,
    pub history: Vec<CertificationDto>,
}

async fn portal_refs(
    state: &AppState,
    records: &[CertificationRecord],
) -> AppResult<HashMap<i64, PortalRef>> {
    let mut refs = HashMap::new();
    for r in records {
        let Some(id) = r.portal_id else { continue };
        if refs.contains_key(&id) {
            continue;
        }
        let slug = state
            .store
            .portals()
            .get(id)
            .await?
            .map(|p| p.settings.slug.to_string());
        refs.insert(
            id,
            PortalRef {
                slug,
                name_ja: r.portal_name_ja.clone().unwrap_or_default(),
                name_en: r.portal_name_en.clone().unwrap_or_default(),
            },
        );
    }
    Ok(refs)
}

fn record(r: &CertificationRecord, portals: &HashMap<i64, PortalRef>) -> CertificationDto {
    // A grant past its date has expired, even before the nightly job records it.
    let status = if r.holds_on(crate::today()) {
        Status::Active
    } else if r.status == Status::Revoked {
        Status::Revoked
    } else {
        Status::Expired
    };
    CertificationDto {
        id: r.id,
        step: r.step.code().to_owned(),
        status: status.code().to_owned(),
        portal: r.portal_id.and_then(|p| portals.get(&p).cloned()),
        granted_on: r.granted_on,
        expires_on: r.expires_on,
        ended_on: r.ended_on,
    }
}

/// Certification steps held and their history (public: no operators' notes).
#[utoipa::path(
    get, path = "/organisations/{id}/certifications", operation_id = "get_certifications", tag = "certification",
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = CertificationsDto),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_certifications(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Json<CertificationsDto>> {
    let org = load(&state, org_id(&id)?).await?;
    let standing = state.store.standing(org.id, crate::today()).await?;
    let history = state.store.certifications().history(org.id).await?;
    let portals = portal_refs(&state, &history).await?;
    Ok(Json(CertificationsDto {
        step: standing.step.map(|s| s.code().to_owned()),
        history: history.iter().map(|r| record(r, &portals)).collect(),
    }))
}

/// An operator's decision.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct GrantBody {
    /// `step2` or `step3` (or 2, 3). STEP1 is automatic.
    pub step: TextOrNumber,
    /// What was checked, against which originals. Kept with the record; never public.
    pub notes: Option<String>,
    /// When the check was done (YYYY-MM-DD or as written in Japanese); absent means today.
    pub granted_on: Option<String>,
}

fn location(response: &mut Response, path: String) {
    if let Ok(v) = HeaderValue::from_str(&path) {
        response.headers_mut().insert(header::LOCATION, v);
    }
}

/// Grant STEP2 or STEP3 on behalf of a portal (its operators, for organisations it lists).
#[utoipa::path(
    post, path = "/portals/{slug}/certifications/{organisation_id}", operation_id = "grant_certification", tag = "certification",
    security(("bearer" = [])), request_body = GrantBody,
    params(("slug" = String, Path, description = "The portal's URL name"), ("organisation_id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 201, body = CertificationDto),
        (status = 400, description = "Invalid fields, or the organisation does not qualify (`step`: level_too_low, needs_step2)", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn grant_certification(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((slug, org)): Path<(String, String)>,
    ApiJson(body): ApiJson<GrantBody>,
) -> AppResult<Response> {
    let portal = load_portal(&state, &slug).await?;
    let org = org_id(&org)?;
    let input = GrantInput {
        step: body.step.text(),
        notes: body.notes.unwrap_or_default(),
        granted_on: body.granted_on.unwrap_or_default(),
    };
    let id = act::grant(&state, &who, &portal, org, &input)
        .await?
        .map_err(AppError::Invalid)?;
    let granted = state
        .store
        .certifications()
        .get(id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("certification {id} vanished")))?;
    let portals = portal_refs(&state, std::slice::from_ref(&granted)).await?;
    let mut response = (StatusCode::CREATED, Json(record(&granted, &portals))).into_response();
    location(
        &mut response,
        format!("/api/v1/organisations/{org}/certifications"),
    );
    Ok(response)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RevokeBody {
    /// Why the grant is withdrawn (kept with the record; never public).
    pub note: Option<String>,
}

/// Withdraw a STEP2 or STEP3 this portal granted (its operators).
#[utoipa::path(
    post, path = "/portals/{slug}/certifications/{organisation_id}/revoke/{certification_id}", operation_id = "revoke_certification", tag = "certification",
    security(("bearer" = [])), request_body = RevokeBody,
    params(
        ("slug" = String, Path, description = "The portal's URL name"),
        ("organisation_id" = i64, Path, description = "The organisation's id"),
        ("certification_id" = i64, Path, description = "The certification record's id")
    ),
    responses(
        (status = 204, description = "Revoked"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such portal, organisation, or grant of this portal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The grant has already ended", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn revoke_certification(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((slug, org, cert)): Path<(String, String, String)>,
    ApiJson(body): ApiJson<RevokeBody>,
) -> AppResult<StatusCode> {
    let portal = load_portal(&state, &slug).await?;
    let org = org_id(&org)?;
    let cert: i64 = cert
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Page))?;
    act::revoke(
        &state,
        &who,
        &portal,
        org,
        cert,
        body.note.as_deref().unwrap_or_default(),
    )
    .await?
    .map_err(AppError::Invalid)?;
    Ok(StatusCode::NO_CONTENT)
}

/// An organisation due for certification or renewal.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueItemDto {
    pub organisation_id: i64,
    pub name: String,
    /// The ★ level (3 or above).
    pub level: u8,
    /// The highest step held today, if any.
    pub step: Option<String>,
    /// When this portal's own STEP2/3 ends, if it holds one.
    pub expires_on: Option<NaiveDate>,
}

/// Organisations the portal lists at ★3 or above that hold no STEP2/3 of this portal, or
/// whose grant ends within 60 days (the portal's operators and editors).
#[utoipa::path(
    get, path = "/portals/{slug}/certification-queue", operation_id = "get_certification_queue", tag = "certification",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "The portal's URL name")),
    responses(
        (status = 200, body = Vec<QueueItemDto>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_certification_queue(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(slug): Path<String>,
) -> AppResult<Json<Vec<QueueItemDto>>> {
    let portal = load_portal(&state, &slug).await?;
    who.authorize(&Action::ViewPortalAdmin {
        portal_id: portal.id,
    })?;
    let queue = state
        .store
        .certifications()
        .queue(portal.id, crate::today())
        .await?;
    Ok(Json(
        queue
            .into_iter()
            .map(|q| QueueItemDto {
                organisation_id: q.organisation_id,
                name: q.name,
                level: q.level,
                step: q.step.map(|s| s.code().to_owned()),
                expires_on: q.expires_on,
            })
            .collect(),
    ))
}
