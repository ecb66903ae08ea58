//! Registering, editing and claiming organisations through the API.

use super::dto::{OrganisationDto, organisation};
use super::problem::Problem;
use crate::AppState;
use crate::actions::organisations as act;
use crate::auth::extract::{ApiJson, ApiUser};
use crate::errors::{AppError, AppResult, Missing};
use crate::views::places::Places;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hiroba_domain::organisations::{DetailsInput, OrganisationInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The profile as sent: the same fields as the edit form; codes or names for places.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct OrganisationBody {
    pub name: String,
    pub name_kana: String,
    /// Legal form code (see /vocabularies).
    pub legal_form: String,
    pub roles: Vec<String>,
    pub corporate_number: String,
    pub postal_code: String,
    pub prefecture: String,
    /// 6-digit code, or a name such as 倉敷市.
    pub municipality: String,
    pub street: String,
    /// Publish the street line (only for an office, never a home).
    pub street_public: bool,
    pub website: String,
    pub email: String,
    pub mission: String,
    pub description: String,
    /// Activity field codes 1–20.
    pub activity_fields: Vec<String>,
    /// SDG goal codes 1–17.
    pub sdgs: Vec<String>,
    /// Prefecture or municipality codes or names.
    pub activity_areas: Vec<String>,
    /// 設立年月日 (YYYY-MM-DD, or as written in Japanese, e.g. 令和2年4月1日).
    pub founded_on: String,
    /// 法人設立（登記）年月日.
    pub incorporated_on: String,
    /// 所轄庁 (e.g. 岡山市).
    pub competent_authority: String,
    pub representative_name: String,
    pub representative_title: String,
    /// Month the fiscal year starts, 1–12.
    pub fiscal_year_start_month: TextOrNumber,
    pub phone: String,
    pub contact_name: String,
    /// The organisation has no website.
    pub website_none: bool,
    pub social_x: String,
    pub social_facebook: String,
    pub social_instagram: String,
    pub social_youtube: String,
    pub social_line: String,
    pub social_note: String,
    pub social_other: String,
    /// The organisation uses no social networks.
    pub social_none: bool,
    pub officers: TextOrNumber,
    pub staff_full_time: TextOrNumber,
    pub staff_part_time: TextOrNumber,
    pub volunteers: TextOrNumber,
    pub members_regular: TextOrNumber,
    pub members_supporting: TextOrNumber,
}

/// A number, as JSON number or as text (both are accepted; empty means unknown).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum TextOrNumber {
    #[default]
    Empty,
    Number(f64),
    Text(String),
}

impl TextOrNumber {
    pub fn text(self) -> String {
        match self {
            TextOrNumber::Empty => String::new(),
            // Whole numbers print without ".0"; anything else is left for validation to refuse.
            TextOrNumber::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                format!("{}", n as i64)
            }
            TextOrNumber::Number(n) => n.to_string(),
            TextOrNumber::Text(t) => t,
        }
    }
}

impl From<OrganisationBody> for OrganisationInput {
    fn from(b: OrganisationBody) -> Self {
        let details = DetailsInput {
            founded_on: b.founded_on,
            incorporated_on: b.incorporated_on,
            competent_authority: b.competent_authority,
            representative_name: b.representative_name,
            representative_title: b.representative_title,
            fiscal_year_start_month: b.fiscal_year_start_month.text(),
            phone: b.phone,
            contact_name: b.contact_name,
            website_none: b.website_none,
            social_x: b.social_x,
            social_facebook: b.social_facebook,
            social_instagram: b.social_instagram,
            social_youtube: b.social_youtube,
            social_line: b.social_line,
            social_note: b.social_note,
            social_other: b.social_other,
            social_none: b.social_none,
            officers: b.officers.text(),
            staff_full_time: b.staff_full_time.text(),
            staff_part_time: b.staff_part_time.text(),
            volunteers: b.volunteers.text(),
            members_regular: b.members_regular.text(),
            members_supporting: b.members_supporting.text(),
        };
        OrganisationInput {
            details,
            name: b.name,
            name_kana: b.name_kana,
            legal_form: b.legal_form,
            roles: b.roles,
            corporate_number: b.corporate_number,
            postal_code: b.postal_code,
            prefecture: b.prefecture,
            municipality: b.municipality,
            street: b.street,
            street_public: b.street_public,
            website: b.website,
            email: b.email,
            mission: b.mission,
            description: b.description,
            activity_fields: b.activity_fields,
            sdgs: b.sdgs,
            activity_areas: b.activity_areas,
        }
    }
}

async fn dto(
    state: &AppState,
    org: &hiroba_store::organisations::Organisation,
) -> AppResult<OrganisationDto> {
    let places = Places::for_organisations(&state.store, std::slice::from_ref(org), &[]).await?;
    Ok(organisation(
        &state.config.base_url,
        &state.i18n,
        &places,
        org,
    ))
}

fn parse_id(id: &str) -> AppResult<i64> {
    id.parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))
}

/// Register a new organisation; the token's owner becomes its owner.
#[utoipa::path(
    post, path = "/organisations", operation_id = "create_organisation", tag = "organisations",
    security(("bearer" = [])), request_body = OrganisationBody,
    responses(
        (status = 201, body = OrganisationDto),
        (status = 400, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn create_organisation(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    ApiJson(body): ApiJson<OrganisationBody>,
) -> AppResult<Response> {
    let org = act::register(&state, &who, body.into())
        .await?
        .map_err(AppError::Invalid)?;
    let mut response = (StatusCode::CREATED, Json(dto(&state, &org).await?)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/organisations/{}", org.id)) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

/// Replace an organisation's profile (its owners and editors).
#[utoipa::path(
    put, path = "/organisations/{id}", operation_id = "update_organisation", tag = "organisations",
    security(("bearer" = [])), request_body = OrganisationBody,
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = OrganisationDto),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn update_organisation(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<OrganisationBody>,
) -> AppResult<Json<OrganisationDto>> {
    let org = act::update(&state, &who, parse_id(&id)?, body.into())
        .await?
        .map_err(AppError::Invalid)?;
    Ok(Json(dto(&state, &org).await?))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ClaimBody {
    /// Who you are and how the portal office can check it.
    pub message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimDto {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub claimant_name: String,
    pub claimant_email: String,
    pub message: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<hiroba_store::claims::Claim> for ClaimDto {
    fn from(c: hiroba_store::claims::Claim) -> Self {
        ClaimDto {
            id: c.id,
            organisation_id: c.organisation_id,
            organisation_name: c.organisation_name,
            claimant_name: c.claimant_name,
            claimant_email: c.claimant_email,
            message: c.message,
            status: c.status.code().into(),
            created_at: c.created_at,
        }
    }
}

/// Ask to manage an existing organisation; an operator of a portal listing it decides.
#[utoipa::path(
    post, path = "/organisations/{id}/claims", operation_id = "claim_organisation", tag = "organisations",
    security(("bearer" = [])), request_body = ClaimBody,
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 201, body = ClaimDto),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A claim is already pending", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn claim_organisation(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ClaimBody>,
) -> AppResult<Response> {
    let claim = act::claim(&state, &who, parse_id(&id)?, &body.message)
        .await?
        .map_err(AppError::Invalid)?;
    Ok((StatusCode::CREATED, Json(ClaimDto::from(claim))).into_response())
}
