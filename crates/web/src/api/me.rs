//! `/api/v1/me`: who the token belongs to.

use crate::AppState;
use crate::auth::extract::ApiUser;
use crate::errors::AppResult;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleDto {
    /// Organisation id or portal slug.
    pub target: String,
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeDto {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub email_verified: bool,
    pub platform_admin: bool,
    /// `read` or `read_write`.
    pub token_scope: String,
    pub organisations: Vec<RoleDto>,
    pub portals: Vec<RoleDto>,
}

/// The account behind the bearer token, with its roles.
#[utoipa::path(
    get, path = "/me", operation_id = "get_me", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, body = MeDto),
        (status = 401, description = "No valid token", body = super::problem::Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_me(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
) -> AppResult<Json<MeDto>> {
    let mut portals = Vec::new();
    for (id, role) in &who.actor.portals {
        if let Some(p) = state.store.portals().get(*id).await? {
            portals.push(RoleDto {
                target: p.settings.slug.to_string(),
                role: role.code().into(),
            });
        }
    }
    Ok(Json(MeDto {
        id: who.user.id,
        email: who.user.email.clone(),
        display_name: who.user.display_name.clone(),
        email_verified: who.user.email_verified,
        platform_admin: who.user.platform_admin,
        token_scope: who
            .actor
            .token_scope
            .map(|s| s.code())
            .unwrap_or("read_write")
            .into(),
        organisations: who
            .actor
            .organisations
            .iter()
            .map(|(id, r)| RoleDto {
                target: id.to_string(),
                role: r.code().into(),
            })
            .collect(),
        portals,
    }))
}
