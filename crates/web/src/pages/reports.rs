//! Staff pages for yearly reports: the list of years and the form for one year's business
//! report and statement, with every line that does not add up named beside its field.

use super::forms::FormPage;
use super::manage::{Tab, editable, staff_page, tabs};
use crate::AppState;
use crate::actions::reports::{self as act, ReportForm};
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use crate::views::finances::{YearRow, year_label, year_rows};
use crate::views::forms::{Field, Section, summary};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::finances::{self, Line};
use hiroba_store::organisations::Organisation;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage<'a> {
    page: PageCtx<'a>,
    tabs: Vec<Tab>,
    org_id: i64,
    years: Vec<YearRow>,
    /// The year a new report is most likely for.
    suggested: String,
    basis: String,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let org = editable(&state, &who, &id).await?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let reports = state.store.reports().list(org.id).await?;
    let month = act::start_month(&org);
    let latest = finances::years::latest_ended(crate::today(), month);
    let page = staff_page(&state, &ctx, &org, tr.t("reports-title"));
    super::html(&ReportsPage {
        tabs: tabs(&tr, org.id, "reports"),
        org_id: org.id,
        years: year_rows(&tr, &reports, month),
        suggested: latest.to_string(),
        basis: tr.t(&format!("finance-basis-{}", act::basis(&org).code())),
        page,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    pub year: String,
    pub draft: String,
}

/// The form: the year, the business report, and the statement's sections.
fn form_page<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    org: &Organisation,
    form: &ReportForm,
    errs: &FieldErrors,
) -> FormPage<'a> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let basis = act::basis(org);
    let title = match form.fiscal_year.trim().parse::<i32>() {
        Ok(y) => tr.ts("report-title-year", "year", &year_label(&tr, y)),
        Err(_) => tr.t("report-title-new"),
    };
    let page = staff_page(state, ctx, org, title);
    let base = format!("/organisations/{}/reports", org.id);
    let mut f = FormPage::new(page, base.clone(), tr.t("form-save"));
    f.intro = vec![
        tr.t(&format!("finance-basis-{}-help", basis.code())),
        tr.t("finance-amount-hint"),
        tr.t("finance-totals-hint"),
    ];
    f.summary = summary(&tr, errs);
    let mut sections = vec![Section {
        anchor: "year",
        title: tr.t("report-section-year"),
        fields: vec![
            Field::new(&tr, errs, "fiscal_year", "text", &form.fiscal_year)
                .label(tr.t("report-fiscal-year"))
                .required()
                .hint(tr.t("report-fiscal-year-hint")),
            Field::new(
                &tr,
                errs,
                "business_report",
                "textarea",
                &form.business_report,
            )
            .label(tr.t("report-business-report"))
            .rows(6)
            .hint(tr.t("report-business-report-hint")),
        ],
    }];
    for section in finances::Section::ALL {
        let fields: Vec<Field> = section
            .lines(basis)
            .map(|line| {
                let mut field = Field::new(&tr, errs, line.code(), "text", form.lines.get(line))
                    .label(tr.t(&format!("finance-line-{}", line.code())))
                    .inputmode("numeric");
                if line.is_total() || line.is_computed() {
                    field = field.hint(tr.t("report-total-hint"));
                }
                field
            })
            .collect();
        if !fields.is_empty() {
            sections.push(Section {
                anchor: section_anchor(section),
                title: tr.t(&format!("finance-section-{}", section.code())),
                fields,
            });
        }
    }
    f.sections = sections;
    f.cancel = Some((tr.t("form-cancel"), base));
    f
}

fn section_anchor(s: finances::Section) -> &'static str {
    match s {
        finances::Section::OrdinaryRevenue => "revenue",
        finances::Section::OrdinaryExpenses => "expenses",
        finances::Section::NetAssetChange => "net-change",
        finances::Section::Assets => "assets",
        finances::Section::Liabilities => "liabilities",
        finances::Section::NetAssets => "net-assets",
    }
}

fn from_pairs(pairs: &[(String, String)]) -> ReportForm {
    let mut form = ReportForm::default();
    for (k, v) in pairs {
        match k.as_str() {
            "fiscal_year" => form.fiscal_year = v.clone(),
            "business_report" => form.business_report = v.clone(),
            _ if Line::parse(k).is_some() => {
                form.lines.0.insert(k.clone(), v.clone());
            }
            _ => {}
        }
    }
    form
}

/// Shows the form for a year: empty for a new one, filled in for an existing one.
pub async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let org = editable(&state, &who, &id).await?;
    let restored = super::organisation_edit::restore(&state, &ctx, &who, &q.draft, |pairs| {
        Some(from_pairs(pairs))
    })
    .await?;
    let form = match restored {
        Some(f) => f,
        None => match q.year.trim().parse::<i32>() {
            Ok(year) => match state.store.reports().get(org.id, year).await? {
                Some(r) => ReportForm {
                    fiscal_year: year.to_string(),
                    business_report: r.business_report.unwrap_or_default(),
                    lines: r.statement.to_input(),
                },
                None => ReportForm {
                    fiscal_year: year.to_string(),
                    ..Default::default()
                },
            },
            Err(_) => ReportForm {
                fiscal_year: q.year.clone(),
                ..Default::default()
            },
        },
    };
    form_page(&state, &ctx, &org, &form, &FieldErrors::new()).render(StatusCode::OK)
}

pub async fn save(
    State(state): State<AppState>,
    Path(id): Path<String>,
    post: Post<Vec<(String, String)>>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    let form = from_pairs(&post.form);
    match act::save(&state, &post.who, org.id, &form).await? {
        Ok(report) => Ok(Redirect::to(&format!(
            "/organisations/{}/reports?notice=saved#year-{}",
            org.id, report.fiscal_year
        ))
        .into_response()),
        Err(errs) => {
            // Show the totals the checks computed, so the person sees what the lines add up to.
            let mut shown = form.clone();
            let (computed, _) = form.lines.evaluate(act::basis(&org));
            for (line, amount) in computed.iter() {
                if shown.lines.get(line).trim().is_empty() {
                    shown.lines.set(line, amount.to_string());
                }
            }
            form_page(&state, &post.ctx, &org, &shown, &errs).render(StatusCode::BAD_REQUEST)
        }
    }
}

pub async fn delete(
    State(state): State<AppState>,
    Path((id, year)): Path<(String, String)>,
    post: Post<super::manage::NoFields>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    let year: i32 = year
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Page))?;
    act::delete(&state, &post.who, org.id, year).await?;
    Ok(Redirect::to(&format!("/organisations/{}/reports?notice=deleted", org.id)).into_response())
}
