//! The further sections of a public profile: the ★ checklist, yearly reports with their
//! finances, programmes, outcome metrics and public documents. Everything here is public;
//! private data (officer and member lists, operators' notes) never appears.

use super::problem::Problem;
use crate::AppState;
use crate::actions::organisations::load;
use crate::actions::reports::start_month;
use crate::errors::{AppError, AppResult, Missing};
use crate::http_cache::{LastModified, organisation_changed};
use axum::Json;
use axum::extract::{Path, State};
use chrono::{DateTime, NaiveDate, Utc};
use hiroba_domain::disclosure::{Item, MAX_LEVEL, Requirement};
use hiroba_domain::finances::{Statement, years};
use hiroba_i18n::Lang;
use hiroba_store::metrics::StoredMetric;
use hiroba_store::organisations::Organisation;
use hiroba_store::programmes::StoredProgramme;
use hiroba_store::reports::Report;
use serde::Serialize;
use utoipa::ToSchema;

pub(super) fn org_id(id: &str) -> AppResult<i64> {
    id.parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))
}

/// One thing the ★ rubric asks for, and whether the organisation meets it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisclosureItemDto {
    /// The ★ level this requirement belongs to (1–5).
    pub level: u8,
    /// Stable code, e.g. `mission`, `latest_finances`.
    pub code: String,
    pub met: bool,
    /// For `latest_finances` and `latest_documents`: the fiscal year asked for (absent until a
    /// report is due, or while the fiscal year's start is unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// For `three_years`: the years still without finances.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_years: Option<Vec<i32>>,
    /// For `latest_documents`: the document kinds not yet uploaded for the year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_documents: Option<Vec<String>>,
    pub label_ja: String,
    pub label_en: String,
}

/// The ★ information-disclosure level with its whole checklist.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisclosureDto {
    /// 0 (not even ★1) to 5.
    pub level: u8,
    /// The next level to reach (absent at ★5); its unmet items say what is missing.
    pub next_level: Option<u8>,
    /// Every requirement of ★1 to ★5, lowest level first.
    pub items: Vec<DisclosureItemDto>,
}

fn disclosure_item(state: &AppState, item: &Item) -> DisclosureItemDto {
    let code = item.requirement.code();
    let (year, missing_years, missing_documents) = match &item.requirement {
        Requirement::LatestFinances { year } => (*year, None, None),
        Requirement::LatestDocuments { year, missing } => (
            *year,
            None,
            Some(missing.iter().map(|k| k.code().to_owned()).collect()),
        ),
        Requirement::ThreeYears { missing } => (None, Some(missing.clone()), None),
        _ => (None, None, None),
    };
    let label = |lang| {
        crate::views::disclosure::requirement_label(
            &crate::page::Tr::new(lang, &state.i18n),
            &item.requirement,
        )
    };
    DisclosureItemDto {
        level: item.level,
        code: code.to_owned(),
        met: item.met,
        year,
        missing_years,
        missing_documents,
        label_ja: label(Lang::Ja),
        label_en: label(Lang::En),
    }
}

/// The ★ disclosure level and the checklist behind it.
#[utoipa::path(
    get, path = "/organisations/{id}/disclosure", operation_id = "get_disclosure", tag = "profiles",
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = DisclosureDto),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_disclosure(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Json<DisclosureDto>> {
    let org = load(&state, org_id(&id)?).await?;
    let standing = state.store.standing(org.id, crate::today()).await?;
    let a = &standing.assessment;
    Ok(Json(DisclosureDto {
        level: a.level,
        next_level: (a.level < MAX_LEVEL).then_some(a.level + 1),
        items: a.items.iter().map(|i| disclosure_item(&state, i)).collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodDto {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceAmount {
    /// `fees`, `donations`, `private_grants`, `public_subsidies`, `business`, `contracts` or
    /// `other`.
    pub source: String,
    /// Yen.
    pub amount: i64,
}

/// The year's figures at a glance, in yen.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeadlineDto {
    /// 経常収益計.
    pub revenue: i64,
    /// 経常費用計.
    pub expenses: i64,
    pub assets: Option<i64>,
    pub liabilities: Option<i64>,
    pub net_assets: Option<i64>,
    /// The sources entered, in a fixed order.
    pub revenue_by_source: Vec<SourceAmount>,
    /// 管理費計.
    pub admin_expenses: Option<i64>,
}

/// Ratios as fractions of 1; absent when they cannot be worked out. Definitions: 自主財源比率
/// (会費 + 寄付金 + 自主事業収益) ÷ 経常収益計; 寄付金比率 寄付金 ÷ 経常収益計; 助成金・補助金依存度
/// (民間助成金 + 補助金) ÷ 経常収益計; 管理費比率 管理費計 ÷ 経常費用計.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatiosDto {
    pub own_revenue_share: Option<f64>,
    pub donation_share: Option<f64>,
    pub grant_dependence: Option<f64>,
    pub admin_cost_share: Option<f64>,
}

/// One fiscal year's report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportDto {
    /// The year, named by the calendar year it starts in.
    pub fiscal_year: i32,
    /// e.g. `2025年度`.
    pub label_ja: String,
    /// e.g. `FY2025`.
    pub label_en: String,
    /// e.g. `令和7年度`.
    pub label_wareki: Option<String>,
    pub period: PeriodDto,
    /// `npo_standard` (NPO法人会計基準, every line) or `headline` (the headline lines only).
    pub basis: String,
    /// 事業報告 (plain text).
    pub business_report: Option<String>,
    /// Line code → amount in yen, in statement order; lines left blank are absent.
    #[schema(value_type = std::collections::HashMap<String, i64>)]
    pub statement: Statement,
    /// Absent unless revenue and expense totals were given.
    pub headline: Option<HeadlineDto>,
    pub ratios: RatiosDto,
    pub updated_at: DateTime<Utc>,
}

pub fn report(org: &Organisation, r: &Report) -> ReportDto {
    let month = start_month(org);
    let (start, end) = years::period(r.fiscal_year, month);
    let ratios = r.statement.ratios();
    ReportDto {
        fiscal_year: r.fiscal_year,
        label_ja: years::label_ja(r.fiscal_year),
        label_en: years::label_en(r.fiscal_year),
        label_wareki: years::label_wareki(r.fiscal_year, month),
        period: PeriodDto { start, end },
        basis: r.basis.code().to_owned(),
        business_report: r.business_report.clone(),
        statement: r.statement.clone(),
        headline: r.statement.headline().map(|h| HeadlineDto {
            revenue: h.revenue,
            expenses: h.expenses,
            assets: h.assets,
            liabilities: h.liabilities,
            net_assets: h.net_assets,
            revenue_by_source: h
                .revenue_by_source
                .iter()
                .map(|(s, amount)| SourceAmount {
                    source: s.code().to_owned(),
                    amount: *amount,
                })
                .collect(),
            admin_expenses: h.admin_expenses,
        }),
        ratios: RatiosDto {
            own_revenue_share: ratios.own_revenue_share,
            donation_share: ratios.donation_share,
            grant_dependence: ratios.grant_dependence,
            admin_cost_share: ratios.admin_cost_share,
        },
        updated_at: r.updated_at,
    }
}

/// Yearly reports (business report and finances), oldest year first.
#[utoipa::path(
    get, path = "/organisations/{id}/reports", operation_id = "list_reports", tag = "profiles",
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = Vec<ReportDto>),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn list_reports(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<(LastModified, Json<Vec<ReportDto>>)> {
    let org = load(&state, org_id(&id)?).await?;
    let reports = state.store.reports().list(org.id).await?;
    Ok((
        organisation_changed(&state, &org).await?,
        Json(reports.iter().map(|r| report(&org, r)).collect()),
    ))
}

/// A programme (事業).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeDto {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    /// 対象者.
    pub target_population: Option<String>,
    /// 活動地域, as the organisation describes it.
    pub area: Option<String>,
}

impl From<&StoredProgramme> for ProgrammeDto {
    fn from(p: &StoredProgramme) -> Self {
        let q = &p.programme;
        ProgrammeDto {
            id: p.id,
            name: q.name.clone(),
            description: q.description.clone(),
            target_population: q.target_population.clone(),
            area: q.area.clone(),
        }
    }
}

/// An organisation's programmes, in the order it lists them.
#[utoipa::path(
    get, path = "/organisations/{id}/programmes", operation_id = "list_programmes", tag = "profiles",
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = Vec<ProgrammeDto>),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn list_programmes(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<(LastModified, Json<Vec<ProgrammeDto>>)> {
    let org = load(&state, org_id(&id)?).await?;
    let list = state.store.programmes().list(org.id).await?;
    Ok((
        organisation_changed(&state, &org).await?,
        Json(list.iter().map(ProgrammeDto::from).collect()),
    ))
}

/// One year's value of a metric.
#[derive(Debug, Serialize, ToSchema)]
pub struct MetricValueDto {
    pub fiscal_year: i32,
    pub label_ja: String,
    pub label_en: String,
    pub value: f64,
    pub note: Option<String>,
}

/// An outcome metric with its yearly values.
#[derive(Debug, Serialize, ToSchema)]
pub struct MetricDto {
    pub id: i64,
    pub name: String,
    pub unit: String,
    /// `input`, `output`, `outcome` or `context`.
    pub kind: String,
    /// Which way is success: `increase`, `decrease` or `hold`.
    pub direction: String,
    /// An SDG target such as `4.1`.
    pub sdg_target: Option<String>,
    /// An IRIS+ metric code such as `PI4060`.
    pub iris_code: Option<String>,
    pub description: Option<String>,
    /// Oldest year first.
    pub values: Vec<MetricValueDto>,
}

impl From<&StoredMetric> for MetricDto {
    fn from(m: &StoredMetric) -> Self {
        let d = &m.metric;
        MetricDto {
            id: m.id,
            name: d.name.clone(),
            unit: d.unit.clone(),
            kind: d.kind.code().to_owned(),
            direction: d.direction.code().to_owned(),
            sdg_target: d.sdg_target.clone(),
            iris_code: d.iris_code.clone(),
            description: d.description.clone(),
            values: m
                .values
                .iter()
                .map(|v| MetricValueDto {
                    fiscal_year: v.fiscal_year,
                    label_ja: years::label_ja(v.fiscal_year),
                    label_en: years::label_en(v.fiscal_year),
                    value: v.value,
                    note: v.note.clone(),
                })
                .collect(),
        }
    }
}

/// An organisation's outcome metrics with their values.
#[utoipa::path(
    get, path = "/organisations/{id}/metrics", operation_id = "list_metrics", tag = "profiles",
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = Vec<MetricDto>),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn list_metrics(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<(LastModified, Json<Vec<MetricDto>>)> {
    let org = load(&state, org_id(&id)?).await?;
    let list = state.store.metrics().list(org.id).await?;
    Ok((
        organisation_changed(&state, &org).await?,
        Json(list.iter().map(MetricDto::from).collect()),
    ))
}

/// A public document.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentDto {
    pub id: i64,
    /// `articles`, `business_report`, `activity_statement`, `balance_sheet`,
    /// `asset_inventory`, `business_plan`, `budget` or `other`.
    pub kind: String,
    /// The fiscal year it belongs to (absent for articles and other documents).
    pub fiscal_year: Option<i32>,
    pub filename: String,
    /// Bytes.
    pub size: u64,
    pub content_type: String,
    pub uploaded_at: DateTime<Utc>,
    /// Where to download it.
    pub url: String,
}

/// An organisation's public documents.
#[utoipa::path(
    get, path = "/organisations/{id}/documents", operation_id = "list_documents", tag = "profiles",
    description = "An organisation's public documents (定款, 事業報告書, 活動計算書, 貸借対照表, 財産目録 …), newest year first. Officer and member lists (役員名簿, 社員名簿) are never public and never listed. Uploading documents is possible in the browser only: the API does not take files (no multipart uploads).",
    params(("id" = i64, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = Vec<DocumentDto>),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn list_documents(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<(LastModified, Json<Vec<DocumentDto>>)> {
    let org = load(&state, org_id(&id)?).await?;
    let base = &state.config.base_url;
    let docs = state.store.documents().list(org.id, false).await?;
    let changed = organisation_changed(&state, &org).await?;
    Ok((
        changed,
        Json(
            docs.into_iter()
                // The store already leaves private documents out; the kind is checked again so an
                // officer list can never be served, whatever its flag says.
                .filter(|d| d.public && d.kind.is_public())
                .map(|d| DocumentDto {
                    url: format!("{base}/organisations/{}/documents/{}", org.id, d.id),
                    id: d.id,
                    kind: d.kind.code().to_owned(),
                    fiscal_year: d.fiscal_year,
                    filename: d.filename,
                    size: d.size,
                    content_type: d.content_type,
                    uploaded_at: d.uploaded_at,
                })
                .collect(),
        ),
    ))
}
