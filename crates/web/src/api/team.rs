//! Teams and invitations through the API.

use super::problem::Problem;
use crate::AppState;
use crate::actions::invitations as act;
use crate::auth::extract::{ApiJson, ApiUser};
use crate::errors::{AppError, AppResult, Missing};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hiroba_domain::policy::Action;
use hiroba_domain::roles::{InvitationRole, OrgRole, PortalRole};
use hiroba_domain::{FieldError, FieldErrors, Invalid};
use hiroba_store::invitations::Target;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDto {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct InvitationBody {
    pub email: String,
    /// Organisations: `editor` or `owner`; portals: `editor` or `operator`.
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationDto {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

fn org_id(id: &str) -> AppResult<i64> {
    id.parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))
}

/// The people who work on an organisation (private: its team and platform administrators).
#[utoipa::path(
    get, path = "/organisations/{id}/team", operation_id = "get_organisation_team", tag = "organisations",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = Vec<MemberDto>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_organisation_team(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(id): Path<String>,
) -> AppResult<Json<Vec<MemberDto>>> {
    let id = org_id(&id)?;
    crate::actions::organisations::load(&state, id).await?;
    who.authorize(&Action::ViewOrganisationPrivate {
        organisation_id: id,
    })?;
    Ok(Json(
        state
            .store
            .team()
            .organisation_team(id)
            .await?
            .into_iter()
            .map(|m| MemberDto {
                user_id: m.user_id,
                display_name: m.display_name,
                email: m.email,
                role: m.role.code().into(),
            })
            .collect(),
    ))
}

async fn invite(
    state: &AppState,
    who: &crate::auth::extract::SignedIn,
    target: Target,
    name: &str,
    role: Option<InvitationRole>,
    email: &str,
) -> AppResult<Response> {
    let Some(role) = role else {
        // Check the right before saying what is wrong with the body.
        who.authorize(&match target {
            Target::Organisation(id) => Action::ManageOrganisationTeam {
                organisation_id: id,
            },
            Target::Portal(id) => Action::ManagePortalTeam { portal_id: id },
        })?;
        return Err(AppError::Invalid(FieldErrors(vec![FieldError::new(
            "role",
            Invalid::UnknownChoice,
        )])));
    };
    let inv = act::invite(state, who, target, name, role, email, hiroba_i18n::Lang::Ja)
        .await?
        .map_err(AppError::Invalid)?;
    let role = match inv.role {
        InvitationRole::Organisation(r) => r.code(),
        InvitationRole::Portal(r) => r.code(),
    };
    Ok((
        StatusCode::CREATED,
        Json(InvitationDto {
            id: inv.id,
            email: inv.email,
            role: role.into(),
            expires_at: inv.expires_at,
        }),
    )
        .into_response())
}

/// Invite someone by e-mail to an organisation's team (its owners).
#[utoipa::path(
    post, path = "/organisations/{id}/invitations", operation_id = "invite_to_organisation", tag = "organisations",
    security(("bearer" = [])), request_body = InvitationBody,
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 201, body = InvitationDto),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn invite_to_organisation(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<InvitationBody>,
) -> AppResult<Response> {
    let org = crate::actions::organisations::load(&state, org_id(&id)?).await?;
    let role = OrgRole::parse(&body.role).map(InvitationRole::Organisation);
    invite(
        &state,
        &who,
        Target::Organisation(org.id),
        &org.profile.name,
        role,
        &body.email,
    )
    .await
}

/// Invite someone by e-mail to a portal's team (its operators).
#[utoipa::path(
    post, path = "/portals/{slug}/invitations", operation_id = "invite_to_portal", tag = "portals",
    security(("bearer" = [])), request_body = InvitationBody,
    params(("slug" = String, Path, description = "The portal's URL name")),
    responses(
        (status = 201, body = InvitationDto),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn invite_to_portal(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<InvitationBody>,
) -> AppResult<Response> {
    let portal = crate::actions::portals::load(&state, &slug).await?;
    let role = PortalRole::parse(&body.role).map(InvitationRole::Portal);
    invite(
        &state,
        &who,
        Target::Portal(portal.id),
        &portal.settings.name_ja,
        role,
        &body.email,
    )
    .await
}
