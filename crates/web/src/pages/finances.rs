//! A year's full statements, public: every line of the 活動計算書 and 貸借対照表.

use crate::AppState;
use crate::auth::extract::Ctx;
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use crate::views::finances::{Figure, StatementRow, ratios, statement_sections, year_label};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

#[derive(Template)]
#[template(path = "statement.html")]
struct StatementPage<'a> {
    page: PageCtx<'a>,
    org_id: i64,
    org_name: String,
    heading: String,
    sections: Vec<(String, Vec<StatementRow>)>,
    ratios: Vec<crate::views::finances::RatioRow>,
    business_report: Vec<String>,
    basis: String,
    period: String,
    other_years: Vec<Figure>,
}

pub async fn statement(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, year)): Path<(String, String)>,
) -> AppResult<Response> {
    let missing = || AppError::NotFound(Missing::Page);
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))?;
    let year: i32 = year.parse().map_err(|_| missing())?;
    let org = crate::actions::organisations::load(&state, id).await?;
    let reports = state.store.reports().list(id).await?;
    let report = reports
        .iter()
        .find(|r| r.fiscal_year == year)
        .ok_or_else(missing)?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let label = year_label(&tr, year);
    let month = crate::actions::reports::start_month(&org);
    let (start, end) = hiroba_domain::finances::years::period(year, month);
    let page = PageCtx::from_ctx(
        &ctx,
        &state.i18n,
        tr.args(
            "statement-title",
            &[
                ("name", org.profile.name.clone().into()),
                ("year", label.clone().into()),
            ],
        ),
    )
    .with_nav("organisations")
    .crumb(
        org.profile.name.clone(),
        Some(format!("/organisations/{id}")),
    )
    .crumb(label, None);
    super::html(&StatementPage {
        org_id: id,
        org_name: org.profile.name.clone(),
        heading: tr.ts("statement-heading", "year", &year_label(&tr, year)),
        sections: statement_sections(&tr, report),
        ratios: ratios(&tr, &report.statement),
        business_report: report
            .business_report
            .as_deref()
            .map(crate::views::paragraphs)
            .unwrap_or_default(),
        basis: tr.t(&format!("finance-basis-{}", report.basis.code())),
        period: format!(
            "{} – {}",
            crate::views::disclosure::date(&tr, start),
            crate::views::disclosure::date(&tr, end)
        ),
        other_years: reports
            .iter()
            .rev()
            .filter(|r| r.fiscal_year != year)
            .map(|r| Figure {
                label: year_label(&tr, r.fiscal_year),
                value: format!("/organisations/{id}/finances/{}", r.fiscal_year),
            })
            .collect(),
        page,
    })
}
