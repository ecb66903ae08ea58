//! Organisation staff keeping the profile's further sections current through the API: yearly
//! reports, programmes, outcome metrics and their values, and confirming the profile is
//! current. Each call goes through the same actions (policy, validation, storage) as the pages.

use super::organisation_edit::TextOrNumber;
use super::problem::Problem;
use super::profiles::{MetricDto, ProgrammeDto, ReportDto, org_id, report};
use crate::AppState;
use crate::actions::organisations::load;
use crate::actions::{metrics, programmes, reports};
use crate::auth::extract::{ApiJson, ApiUser};
use crate::errors::{AppError, AppResult, Missing};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hiroba_domain::finances::{Line, StatementInput};
use hiroba_domain::metrics::MetricInput;
use hiroba_domain::policy::Action;
use hiroba_domain::programmes::ProgrammeInput;
use hiroba_domain::{FieldErrors, Invalid};
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

fn record_id(id: &str) -> AppResult<i64> {
    id.parse().map_err(|_| AppError::NotFound(Missing::Page))
}

fn created<T: serde::Serialize>(body: T, location: String) -> Response {
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

/// One year's report as sent.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReportBody {
    /// 事業報告 (plain text, up to 10,000 characters).
    pub business_report: Option<String>,
    /// Line code → amount in yen: a number, or text as printed (`1,234,000`, `¥1,234`, `△500`
    /// for a deficit). Totals left out are worked out; totals sent are checked against their
    /// lines. NPO法人 use every line of NPO法人会計基準; other organisations the headline lines
    /// (`fees_total`, `donations_total`, `private_grants`, `public_subsidies`,
    /// `business_revenue`, `contract_revenue`, `other_revenue_total`, `ordinary_revenue_total`,
    /// `program_total`, `admin_total`, `ordinary_expenses_total`, `ordinary_change`,
    /// `assets_total`, `liabilities_total`, `net_assets_total`,
    /// `liabilities_and_net_assets_total`).
    pub statement: BTreeMap<String, TextOrNumber>,
}

/// Create or replace one fiscal year's report; its statement must add up.
#[utoipa::path(
    put, path = "/organisations/{id}/reports/{year}", operation_id = "save_report", tag = "profiles",
    security(("bearer" = [])), request_body = ReportBody,
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("year" = String, Path, description = "The fiscal year: 2025, FY2025 or 令和7年度")
    ),
    responses(
        (status = 200, body = ReportDto),
        (status = 400, description = "Invalid fields: each names a statement line, `fiscal_year`, `business_report` or `statement` (an unknown line)", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn save_report(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((id, year)): Path<(String, String)>,
    ApiJson(body): ApiJson<ReportBody>,
) -> AppResult<Json<ReportDto>> {
    let organisation_id = org_id(&id)?;
    let org = load(&state, organisation_id).await?;
    // A form ignores keys that are not lines of its basis; an API client is told instead, so
    // a mistyped code does not silently lose a figure.
    let basis = reports::basis(&org);
    let mut unknown = FieldErrors::new();
    let mut lines = StatementInput::default();
    for (code, amount) in body.statement {
        match Line::parse(&code) {
            Some(line) if line.in_basis(basis) => lines.set(line, amount.text()),
            Some(line) => unknown.push(line.code(), Invalid::UnknownChoice),
            None if unknown.for_field("statement").is_none() => {
                unknown.push("statement", Invalid::UnknownChoice)
            }
            None => {}
        }
    }
    if !unknown.is_empty() {
        who.authorize(&Action::EditOrganisation { organisation_id })?;
        return Err(AppError::Invalid(unknown));
    }
    let form = reports::ReportForm {
        fiscal_year: year,
        business_report: body.business_report.unwrap_or_default(),
        lines,
    };
    let saved = reports::save(&state, &who, organisation_id, &form)
        .await?
        .map_err(AppError::Invalid)?;
    Ok(Json(report(&org, &saved)))
}

/// Remove one fiscal year's report.
#[utoipa::path(
    delete, path = "/organisations/{id}/reports/{year}", operation_id = "delete_report", tag = "profiles",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("year" = String, Path, description = "The fiscal year: 2025, FY2025 or 令和7年度")
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation, or no report for the year", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn delete_report(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((id, year)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    let organisation_id = org_id(&id)?;
    let year = fiscal_year(&state, organisation_id, &year).await?;
    reports::delete(&state, &who, organisation_id, year).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A year in a path, as the forms accept it; one that cannot be a year has nothing to find.
async fn fiscal_year(state: &AppState, organisation_id: i64, text: &str) -> AppResult<i32> {
    let org = load(state, organisation_id).await?;
    hiroba_domain::finances::years::parse_year(text, crate::today(), reports::start_month(&org))
        .map_err(|_| AppError::NotFound(Missing::Page))
}

/// A programme as sent.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProgrammeBody {
    /// Required, up to 100 characters.
    pub name: String,
    pub description: Option<String>,
    /// 対象者 (e.g. 小学生とその保護者).
    pub target_population: Option<String>,
    /// 活動地域.
    pub area: Option<String>,
}

impl From<ProgrammeBody> for ProgrammeInput {
    fn from(b: ProgrammeBody) -> Self {
        ProgrammeInput {
            name: b.name,
            description: b.description.unwrap_or_default(),
            target_population: b.target_population.unwrap_or_default(),
            area: b.area.unwrap_or_default(),
        }
    }
}

/// One programme.
#[utoipa::path(
    get, path = "/organisations/{id}/programmes/{programme_id}", operation_id = "get_programme", tag = "profiles",
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("programme_id" = i64, Path, description = "The programme's id")
    ),
    responses(
        (status = 200, body = ProgrammeDto),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_programme(
    State(state): State<AppState>,
    Path((id, programme)): Path<(String, String)>,
) -> AppResult<Json<ProgrammeDto>> {
    let organisation_id = org_id(&id)?;
    load(&state, organisation_id).await?;
    let p = programmes::get(&state, organisation_id, record_id(&programme)?).await?;
    Ok(Json(ProgrammeDto::from(&p)))
}

/// Add a programme at the end of the list (at most 20).
#[utoipa::path(
    post, path = "/organisations/{id}/programmes", operation_id = "create_programme", tag = "profiles",
    security(("bearer" = [])), request_body = ProgrammeBody,
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 201, body = ProgrammeDto),
        (status = 400, description = "Invalid fields (`name`: too_many beyond 20 programmes)", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn create_programme(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ProgrammeBody>,
) -> AppResult<Response> {
    let organisation_id = org_id(&id)?;
    let p = programmes::add(&state, &who, organisation_id, &body.into())
        .await?
        .map_err(AppError::Invalid)?;
    Ok(created(
        ProgrammeDto::from(&p),
        format!(
            "/api/v1/organisations/{organisation_id}/programmes/{}",
            p.id
        ),
    ))
}

/// Replace a programme.
#[utoipa::path(
    put, path = "/organisations/{id}/programmes/{programme_id}", operation_id = "update_programme", tag = "profiles",
    security(("bearer" = [])), request_body = ProgrammeBody,
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("programme_id" = i64, Path, description = "The programme's id")
    ),
    responses(
        (status = 200, body = ProgrammeDto),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn update_programme(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((id, programme)): Path<(String, String)>,
    ApiJson(body): ApiJson<ProgrammeBody>,
) -> AppResult<Json<ProgrammeDto>> {
    let organisation_id = org_id(&id)?;
    let p = programmes::update(
        &state,
        &who,
        organisation_id,
        record_id(&programme)?,
        &body.into(),
    )
    .await?
    .map_err(AppError::Invalid)?;
    Ok(Json(ProgrammeDto::from(&p)))
}

/// Remove a programme.
#[utoipa::path(
    delete, path = "/organisations/{id}/programmes/{programme_id}", operation_id = "delete_programme", tag = "profiles",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("programme_id" = i64, Path, description = "The programme's id")
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn delete_programme(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((id, programme)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    let organisation_id = org_id(&id)?;
    programmes::delete(&state, &who, organisation_id, record_id(&programme)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A metric as sent.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MetricBody {
    /// Required, up to 100 characters.
    pub name: String,
    /// Required, e.g. 人, 食, 時間.
    pub unit: String,
    /// `input`, `output`, `outcome` or `context`.
    pub kind: String,
    /// Which way is success: `increase`, `decrease` or `hold`.
    pub direction: String,
    /// An SDG target such as `4.1` or `17.a`.
    pub sdg_target: Option<String>,
    /// An IRIS+ metric code such as `PI4060`.
    pub iris_code: Option<String>,
    pub description: Option<String>,
}

impl From<MetricBody> for MetricInput {
    fn from(b: MetricBody) -> Self {
        MetricInput {
            name: b.name,
            unit: b.unit,
            kind: b.kind,
            direction: b.direction,
            sdg_target: b.sdg_target.unwrap_or_default(),
            iris_code: b.iris_code.unwrap_or_default(),
            description: b.description.unwrap_or_default(),
        }
    }
}

async fn metric_dto(state: &AppState, organisation_id: i64, id: i64) -> AppResult<MetricDto> {
    Ok(MetricDto::from(
        &metrics::get(state, organisation_id, id).await?,
    ))
}

/// One outcome metric with its values.
#[utoipa::path(
    get, path = "/organisations/{id}/metrics/{metric_id}", operation_id = "get_metric", tag = "profiles",
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("metric_id" = i64, Path, description = "The metric's id")
    ),
    responses(
        (status = 200, body = MetricDto),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_metric(
    State(state): State<AppState>,
    Path((id, metric)): Path<(String, String)>,
) -> AppResult<Json<MetricDto>> {
    let organisation_id = org_id(&id)?;
    load(&state, organisation_id).await?;
    Ok(Json(
        metric_dto(&state, organisation_id, record_id(&metric)?).await?,
    ))
}

/// Add an outcome metric (at most 20).
#[utoipa::path(
    post, path = "/organisations/{id}/metrics", operation_id = "create_metric", tag = "profiles",
    security(("bearer" = [])), request_body = MetricBody,
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 201, body = MetricDto),
        (status = 400, description = "Invalid fields (`name`: too_many beyond 20 metrics)", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn create_metric(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MetricBody>,
) -> AppResult<Response> {
    let organisation_id = org_id(&id)?;
    let metric = metrics::add(&state, &who, organisation_id, &body.into())
        .await?
        .map_err(AppError::Invalid)?;
    Ok(created(
        metric_dto(&state, organisation_id, metric).await?,
        format!("/api/v1/organisations/{organisation_id}/metrics/{metric}"),
    ))
}

/// Replace a metric's definition (its values stay).
#[utoipa::path(
    put, path = "/organisations/{id}/metrics/{metric_id}", operation_id = "update_metric", tag = "profiles",
    security(("bearer" = [])), request_body = MetricBody,
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("metric_id" = i64, Path, description = "The metric's id")
    ),
    responses(
        (status = 200, body = MetricDto),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn update_metric(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((id, metric)): Path<(String, String)>,
    ApiJson(body): ApiJson<MetricBody>,
) -> AppResult<Json<MetricDto>> {
    let organisation_id = org_id(&id)?;
    let metric = record_id(&metric)?;
    metrics::update(&state, &who, organisation_id, metric, &body.into())
        .await?
        .map_err(AppError::Invalid)?;
    Ok(Json(metric_dto(&state, organisation_id, metric).await?))
}

/// Remove a metric and its values.
#[utoipa::path(
    delete, path = "/organisations/{id}/metrics/{metric_id}", operation_id = "delete_metric", tag = "profiles",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("metric_id" = i64, Path, description = "The metric's id")
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn delete_metric(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((id, metric)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    let organisation_id = org_id(&id)?;
    metrics::delete(&state, &who, organisation_id, record_id(&metric)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One year's value as sent.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MetricValueBody {
    /// A number, or text such as `1,234`; null or empty removes the year's value.
    pub value: TextOrNumber,
    /// A note on the figure (how it was counted), up to 500 characters.
    pub note: Option<String>,
}

/// Set (or, with an empty value, remove) a metric's value for one fiscal year.
#[utoipa::path(
    put, path = "/organisations/{id}/metrics/{metric_id}/values/{year}", operation_id = "set_metric_value", tag = "profiles",
    security(("bearer" = [])), request_body = MetricValueBody,
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("metric_id" = i64, Path, description = "The metric's id"),
        ("year" = String, Path, description = "The fiscal year: 2025, FY2025 or 令和7年度")
    ),
    responses(
        (status = 200, body = MetricDto),
        (status = 400, description = "Invalid fields (`fiscal_year`, `value`, `note`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn set_metric_value(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((id, metric, year)): Path<(String, String, String)>,
    ApiJson(body): ApiJson<MetricValueBody>,
) -> AppResult<Json<MetricDto>> {
    let organisation_id = org_id(&id)?;
    let metric = record_id(&metric)?;
    let form = metrics::ValueForm {
        fiscal_year: year,
        value: body.value.text(),
        note: body.note.unwrap_or_default(),
    };
    metrics::set_value(&state, &who, organisation_id, metric, &form)
        .await?
        .map_err(AppError::Invalid)?;
    Ok(Json(metric_dto(&state, organisation_id, metric).await?))
}

/// Remove a metric's value for one fiscal year.
#[utoipa::path(
    delete, path = "/organisations/{id}/metrics/{metric_id}/values/{year}", operation_id = "delete_metric_value", tag = "profiles",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The organisation's id"),
        ("metric_id" = i64, Path, description = "The metric's id"),
        ("year" = String, Path, description = "The fiscal year: 2025, FY2025 or 令和7年度")
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or metric, or no value for the year", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn delete_metric_value(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path((id, metric, year)): Path<(String, String, String)>,
) -> AppResult<StatusCode> {
    let organisation_id = org_id(&id)?;
    let metric = record_id(&metric)?;
    let year_number = fiscal_year(&state, organisation_id, &year).await?;
    // Values are public, so saying one does not exist reveals nothing.
    let stored = metrics::get(&state, organisation_id, metric).await?;
    if !stored.values.iter().any(|v| v.fiscal_year == year_number) {
        return Err(AppError::NotFound(Missing::Page));
    }
    let form = metrics::ValueForm {
        fiscal_year: year,
        value: String::new(),
        note: String::new(),
    };
    metrics::set_value(&state, &who, organisation_id, metric, &form)
        .await?
        .map_err(AppError::Invalid)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Confirm that the whole profile is current (the ★5 "reviewed" requirement).
#[utoipa::path(
    post, path = "/organisations/{id}/reviewed", operation_id = "mark_reviewed", tag = "profiles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 204, description = "Recorded"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn mark_reviewed(
    State(state): State<AppState>,
    ApiUser(who): ApiUser,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    let organisation_id = org_id(&id)?;
    load(&state, organisation_id).await?;
    who.authorize(&Action::EditOrganisation { organisation_id })?;
    state
        .store
        .organisations()
        .mark_reviewed(organisation_id, who.by())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
