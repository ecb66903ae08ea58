//! Staff pages for outcome metrics and their yearly values.

use super::manage::{Tab, editable, staff_page, tabs};
use crate::AppState;
use crate::actions::metrics::{self as act, ValueForm};
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use crate::views::finances::year_label;
use crate::views::forms::{Field, summary};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::metrics::{Direction, METRICS_MAX, MetricInput, MetricKind};
use hiroba_store::metrics::StoredMetric;
use hiroba_store::organisations::Organisation;
use serde::Deserialize;

fn metric_fields(tr: &Tr<'_>, f: &MetricInput, errs: &FieldErrors) -> Vec<Field> {
    let choices = |codes: Vec<&'static str>, prefix: &str| -> Vec<(String, String)> {
        std::iter::once((String::new(), tr.t("filter-any")))
            .chain(
                codes
                    .into_iter()
                    .map(|c| (c.to_owned(), tr.t(&format!("{prefix}-{c}")))),
            )
            .collect()
    };
    vec![
        Field::new(tr, errs, "name", "text", &f.name)
            .label(tr.t("metric-name"))
            .required()
            .hint(tr.t("metric-name-hint")),
        Field::new(tr, errs, "unit", "text", &f.unit)
            .label(tr.t("metric-unit"))
            .required()
            .hint(tr.t("metric-unit-hint")),
        Field::new(tr, errs, "kind", "select", "")
            .label(tr.t("metric-kind"))
            .required()
            .hint(tr.t("metric-kind-hint"))
            .choices(
                choices(
                    MetricKind::ALL.iter().map(|k| k.code()).collect(),
                    "metric-kind",
                ),
                std::slice::from_ref(&f.kind),
            ),
        Field::new(tr, errs, "direction", "select", "")
            .label(tr.t("metric-direction"))
            .required()
            .choices(
                choices(
                    Direction::ALL.iter().map(|d| d.code()).collect(),
                    "metric-direction",
                ),
                std::slice::from_ref(&f.direction),
            ),
        Field::new(tr, errs, "sdg_target", "text", &f.sdg_target)
            .label(tr.t("metric-sdg-target"))
            .hint(tr.t("metric-sdg-target-hint")),
        Field::new(tr, errs, "iris_code", "text", &f.iris_code)
            .label(tr.t("metric-iris-code"))
            .hint(tr.t("metric-iris-code-hint")),
        Field::new(tr, errs, "description", "textarea", &f.description)
            .label(tr.t("metric-description"))
            .rows(3),
    ]
}

fn value_fields(tr: &Tr<'_>, f: &ValueFormInput, errs: &FieldErrors) -> Vec<Field> {
    vec![
        Field::new(tr, errs, "fiscal_year", "text", &f.fiscal_year)
            .label(tr.t("report-fiscal-year"))
            .required()
            .hint(tr.t("report-fiscal-year-hint")),
        Field::new(tr, errs, "value", "text", &f.value)
            .label(tr.t("metric-value"))
            .inputmode("decimal")
            .hint(tr.t("metric-value-hint")),
        Field::new(tr, errs, "note", "text", &f.note).label(tr.t("metric-note")),
    ]
}

/// A metric with its values as rows.
pub struct MetricRow {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub kind: String,
    pub values: Vec<(String, String)>,
}

fn metric_rows(tr: &Tr<'_>, metrics: &[StoredMetric]) -> Vec<MetricRow> {
    metrics
        .iter()
        .map(|m| MetricRow {
            id: m.id,
            name: m.metric.name.clone(),
            unit: m.metric.unit.clone(),
            kind: tr.t(&format!("metric-kind-{}", m.metric.kind.code())),
            values: m
                .values
                .iter()
                .map(|v| (year_label(tr, v.fiscal_year), number(v.value)))
                .collect(),
        })
        .collect()
}

/// A value as typed back: no trailing ".0" for whole numbers.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        hiroba_domain::validation::format_amount(v as i64)
    } else {
        format!("{v}")
    }
}

#[derive(Template)]
#[template(path = "metrics.html")]
struct MetricsPage<'a> {
    page: PageCtx<'a>,
    tabs: Vec<Tab>,
    org_id: i64,
    metrics: Vec<MetricRow>,
    full: bool,
    summary: Vec<(String, String)>,
    fields: Vec<Field>,
}

async fn render_list(
    state: &AppState,
    ctx: &Ctx,
    org: &Organisation,
    form: &MetricInput,
    errs: &FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let metrics = state.store.metrics().list(org.id).await?;
    let page = staff_page(state, ctx, org, tr.t("metrics-title"));
    let mut response = super::html(&MetricsPage {
        tabs: tabs(&tr, org.id, "metrics"),
        org_id: org.id,
        full: metrics.len() >= METRICS_MAX,
        metrics: metric_rows(&tr, &metrics),
        summary: summary(&tr, errs),
        fields: metric_fields(&tr, form, errs),
        page,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let org = editable(&state, &who, &id).await?;
    render_list(
        &state,
        &ctx,
        &org,
        &MetricInput::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn add(
    State(state): State<AppState>,
    Path(id): Path<String>,
    post: Post<MetricInput>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    match act::add(&state, &post.who, org.id, &post.form).await? {
        Ok(mid) => Ok(Redirect::to(&format!(
            "/organisations/{}/metrics/{mid}/edit?notice=saved#values",
            org.id
        ))
        .into_response()),
        Err(errs) => {
            render_list(
                &state,
                &post.ctx,
                &org,
                &post.form,
                &errs,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ValueFormInput {
    pub fiscal_year: String,
    pub value: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "metric_edit.html")]
struct MetricEditPage<'a> {
    page: PageCtx<'a>,
    tabs: Vec<Tab>,
    org_id: i64,
    metric_id: i64,
    unit: String,
    values: Vec<(i32, String, String, String)>,
    summary: Vec<(String, String)>,
    fields: Vec<Field>,
    value_summary: Vec<(String, String)>,
    value_fields: Vec<Field>,
}

#[allow(clippy::too_many_arguments)]
async fn render_edit(
    state: &AppState,
    ctx: &Ctx,
    org: &Organisation,
    metric: &StoredMetric,
    form: &MetricInput,
    errs: &FieldErrors,
    value_form: &ValueFormInput,
    value_errs: &FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let page = staff_page(
        state,
        ctx,
        org,
        tr.ts("metric-edit-title", "name", &metric.metric.name),
    );
    let mut response = super::html(&MetricEditPage {
        tabs: tabs(&tr, org.id, "metrics"),
        org_id: org.id,
        metric_id: metric.id,
        unit: metric.metric.unit.clone(),
        values: metric
            .values
            .iter()
            .rev()
            .map(|v| {
                (
                    v.fiscal_year,
                    year_label(&tr, v.fiscal_year),
                    number(v.value),
                    v.note.clone().unwrap_or_default(),
                )
            })
            .collect(),
        summary: summary(&tr, errs),
        fields: metric_fields(&tr, form, errs),
        value_summary: summary(&tr, value_errs),
        value_fields: value_fields(&tr, value_form, value_errs),
        page,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

fn metric_id(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound(Missing::Page))
}

pub async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path((id, metric)): Path<(String, String)>,
) -> AppResult<Response> {
    let org = editable(&state, &who, &id).await?;
    let m = act::get(&state, org.id, metric_id(&metric)?).await?;
    let latest = hiroba_domain::finances::years::latest_ended(
        crate::today(),
        crate::actions::reports::start_month(&org),
    );
    render_edit(
        &state,
        &ctx,
        &org,
        &m,
        &MetricInput::from(&m.metric),
        &FieldErrors::new(),
        &ValueFormInput {
            fiscal_year: latest.to_string(),
            ..Default::default()
        },
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    Path((id, metric)): Path<(String, String)>,
    post: Post<MetricInput>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    let mid = metric_id(&metric)?;
    match act::update(&state, &post.who, org.id, mid, &post.form).await? {
        Ok(()) => Ok(
            Redirect::to(&format!("/organisations/{}/metrics?notice=saved", org.id))
                .into_response(),
        ),
        Err(errs) => {
            let m = act::get(&state, org.id, mid).await?;
            render_edit(
                &state,
                &post.ctx,
                &org,
                &m,
                &post.form,
                &errs,
                &ValueFormInput::default(),
                &FieldErrors::new(),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

pub async fn set_value(
    State(state): State<AppState>,
    Path((id, metric)): Path<(String, String)>,
    post: Post<ValueFormInput>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    let mid = metric_id(&metric)?;
    let form = ValueForm {
        fiscal_year: post.form.fiscal_year.clone(),
        value: post.form.value.clone(),
        note: post.form.note.clone(),
    };
    match act::set_value(&state, &post.who, org.id, mid, &form).await? {
        Ok(()) => Ok(Redirect::to(&format!(
            "/organisations/{}/metrics/{mid}/edit?notice=saved#values",
            org.id
        ))
        .into_response()),
        Err(errs) => {
            let m = act::get(&state, org.id, mid).await?;
            render_edit(
                &state,
                &post.ctx,
                &org,
                &m,
                &MetricInput::from(&m.metric),
                &FieldErrors::new(),
                &post.form,
                &errs,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

pub async fn delete(
    State(state): State<AppState>,
    Path((id, metric)): Path<(String, String)>,
    post: Post<super::manage::NoFields>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    act::delete(&state, &post.who, org.id, metric_id(&metric)?).await?;
    Ok(Redirect::to(&format!("/organisations/{}/metrics?notice=deleted", org.id)).into_response())
}
