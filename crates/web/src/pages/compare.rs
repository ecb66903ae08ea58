//! Compare up to five organisations side by side: key facts, ★, certification, finances and
//! ratios, as tables and charts. The URL (`/compare?ids=3,17,42`) is the comparison, so it can
//! be shared.

use crate::AppState;
use crate::auth::extract::Ctx;
use crate::errors::AppResult;
use crate::page::{PageCtx, Tr};
use crate::query::Params;
use crate::views::disclosure::{stars, step_badge};
use crate::views::finances::{revenue_mix, year_label, yen};
use crate::views::places::Places;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use hiroba_charts::{Format, Frame, Locale, Series, Svg};
use hiroba_domain::finances::{self, Line, Ratio, RevenueSource};
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_store::organisations::Organisation;
use serde::Deserialize;

pub const COMPARE_MAX: usize = 5;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CompareQuery {
    /// Ids, repeated or comma-separated.
    pub ids: Vec<String>,
}

/// One organisation's column.
pub struct Column {
    pub name: String,
    pub href: String,
    pub stars: String,
    pub stars_label: String,
    pub certification: String,
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage<'a> {
    page: PageCtx<'a>,
    columns: Vec<Column>,
    /// (row label, one cell per column)
    rows: Vec<(String, Vec<String>)>,
    finance_rows: Vec<(String, Vec<String>)>,
    ratio_rows: Vec<(String, Vec<String>)>,
    charts: Vec<(String, Svg)>,
    problems: Vec<String>,
    ids: String,
}

fn parse_ids(q: &CompareQuery, errs: &mut FieldErrors) -> Vec<i64> {
    let mut ids = Vec::new();
    for part in q.ids.iter().flat_map(|s| s.split(',')) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match hiroba_domain::kana::nfkc(part).parse::<i64>() {
            Ok(id) if id > 0 => {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            _ => {
                if errs.for_field("ids").is_none() {
                    errs.push("ids", Invalid::NotANumber);
                }
            }
        }
    }
    if ids.len() > COMPARE_MAX {
        errs.push("ids", Invalid::TooMany { max: COMPARE_MAX });
        ids.truncate(COMPARE_MAX);
    }
    ids
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(q): Params<CompareQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let mut errs = FieldErrors::new();
    let ids = parse_ids(&q, &mut errs);
    let mut orgs: Vec<Organisation> = Vec::new();
    let mut missing = 0;
    for id in &ids {
        match state.store.organisations().get(*id).await? {
            Some(o) => orgs.push(o),
            None => missing += 1,
        }
    }
    let mut problems: Vec<String> = errs
        .0
        .iter()
        .map(|e| crate::forms::message(&tr, &e.invalid))
        .collect();
    if missing > 0 {
        problems.push(tr.tn("compare-missing", "count", missing));
    }
    let places = Places::for_organisations(&state.store, &orgs, &[]).await?;
    let mut latest = Vec::new();
    for o in &orgs {
        let reports = state.store.reports().list(o.id).await?;
        latest.push(
            reports
                .into_iter()
                .rev()
                .find(|r| r.statement.headline().is_some()),
        );
    }
    let columns: Vec<Column> = orgs
        .iter()
        .map(|o| {
            let s = stars(&tr, o.disclosure_level);
            Column {
                name: o.profile.name.clone(),
                href: format!("/organisations/{}", o.id),
                stars: s.glyphs,
                stars_label: s.label,
                certification: step_badge(&tr, o.certification).unwrap_or_else(|| "—".into()),
            }
        })
        .collect();
    let cell = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let mut rows = vec![
        (
            tr.t("field-legal_form"),
            orgs.iter()
                .map(|o| crate::views::organisations::legal_form_short(&tr, o.profile.legal_form))
                .collect(),
        ),
        (
            tr.t("profile-address"),
            orgs.iter()
                .map(|o| cell(places.location(&tr, &o.profile.address)))
                .collect(),
        ),
        (
            tr.t("field-founded_on"),
            orgs.iter()
                .map(|o| {
                    cell(
                        o.profile
                            .details
                            .founded_on
                            .map(|d| crate::views::disclosure::date(&tr, d)),
                    )
                })
                .collect(),
        ),
    ];
    for (name, get) in [
        (
            "staff_full_time",
            (|f: &hiroba_domain::organisations::Figures| f.staff_full_time) as fn(&_) -> _,
        ),
        ("volunteers", |f| f.volunteers),
        ("members_regular", |f| f.members_regular),
    ] {
        rows.push((
            tr.t(&format!("field-{name}")),
            orgs.iter()
                .map(|o| {
                    cell(
                        get(&o.profile.details.figures)
                            .map(|n| tr.tn("profile-people-count", "count", i64::from(n))),
                    )
                })
                .collect(),
        ));
    }
    let finance_rows = vec![
        (
            tr.t("compare-year"),
            latest
                .iter()
                .map(|r| cell(r.as_ref().map(|r| year_label(&tr, r.fiscal_year))))
                .collect(),
        ),
        (
            tr.t("finance-headline-revenue"),
            latest
                .iter()
                .map(|r| {
                    cell(
                        r.as_ref()
                            .and_then(|r| r.statement.get(Line::OrdinaryRevenueTotal))
                            .map(|v| yen(&tr, v)),
                    )
                })
                .collect(),
        ),
        (
            tr.t("finance-headline-expenses"),
            latest
                .iter()
                .map(|r| {
                    cell(
                        r.as_ref()
                            .and_then(|r| r.statement.get(Line::OrdinaryExpensesTotal))
                            .map(|v| yen(&tr, v)),
                    )
                })
                .collect(),
        ),
        (
            tr.t("finance-headline-net-assets"),
            latest
                .iter()
                .map(|r| {
                    cell(
                        r.as_ref()
                            .and_then(|r| r.statement.get(Line::NetAssetsTotal))
                            .map(|v| yen(&tr, v)),
                    )
                })
                .collect(),
        ),
    ];
    let ratio_rows: Vec<(String, Vec<String>)> = Ratio::ALL
        .iter()
        .map(|ratio| {
            (
                tr.t(&format!("finance-ratio-{}", ratio.code())),
                latest
                    .iter()
                    .map(|r| {
                        cell(
                            r.as_ref()
                                .and_then(|r| r.statement.ratios().get(*ratio))
                                .map(finances::format_percent),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    let names: Vec<String> = orgs.iter().map(|o| o.profile.name.clone()).collect();
    let locale = if tr.en() { Locale::En } else { Locale::Ja };
    let mut charts = Vec::new();
    if latest.iter().any(Option::is_some) {
        let series = |line: Line, id: &str| {
            Series::new(
                tr.t(id),
                latest
                    .iter()
                    .map(|r| {
                        r.as_ref()
                            .and_then(|r| r.statement.get(line))
                            .map(|v| v as f64)
                    })
                    .collect(),
            )
        };
        let title = tr.t("compare-chart-size");
        charts.push((
            title.clone(),
            hiroba_charts::bar_chart(
                &Frame::new("compare-size", title, tr.t("compare-chart-desc"), locale),
                &names,
                &[
                    series(Line::OrdinaryRevenueTotal, "finance-headline-revenue"),
                    series(Line::OrdinaryExpensesTotal, "finance-headline-expenses"),
                ],
                &Format::Yen,
                false,
            ),
        ));
        let mix_series: Vec<Series> = RevenueSource::ALL
            .iter()
            .map(|src| {
                Series::new(
                    tr.t(&format!("finance-source-{}", src.code())),
                    latest
                        .iter()
                        .map(|r| {
                            r.as_ref().and_then(|r| {
                                let mix = revenue_mix(&tr, &r.statement);
                                let total: i64 = mix.iter().map(|(_, v)| (*v).max(0)).sum();
                                (total > 0).then(|| {
                                    r.statement.get(src.line()).unwrap_or(0).max(0) as f64
                                        / total as f64
                                })
                            })
                        })
                        .collect(),
                )
            })
            .collect();
        let title = tr.t("compare-chart-mix");
        charts.push((
            title.clone(),
            hiroba_charts::bar_chart(
                &Frame::new("compare-mix", title, tr.t("compare-chart-desc"), locale),
                &names,
                &mix_series,
                &Format::Percent,
                true,
            ),
        ));
        let ratio_series: Vec<Series> = latest
            .iter()
            .zip(&names)
            .map(|(r, name)| {
                Series::new(
                    name.clone(),
                    Ratio::ALL
                        .iter()
                        .map(|ratio| r.as_ref().and_then(|r| r.statement.ratios().get(*ratio)))
                        .collect(),
                )
            })
            .collect();
        let ratio_labels: Vec<String> = Ratio::ALL
            .iter()
            .map(|r| tr.t(&format!("finance-ratio-{}", r.code())))
            .collect();
        let title = tr.t("compare-chart-ratios");
        charts.push((
            title.clone(),
            hiroba_charts::bar_chart(
                &Frame::new("compare-ratios", title, tr.t("compare-chart-desc"), locale),
                &ratio_labels,
                &ratio_series,
                &Format::Percent,
                false,
            ),
        ));
    }
    let page = PageCtx::from_ctx(&ctx, &state.i18n, tr.t("compare-title"))
        .with_nav("organisations")
        .crumb(tr.t("nav-home"), Some("/".into()))
        .crumb(tr.t("compare-title"), None);
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut response = super::html(&ComparePage {
        page,
        ids: orgs
            .iter()
            .map(|o| o.id.to_string())
            .collect::<Vec<_>>()
            .join(","),
        columns,
        rows,
        finance_rows,
        ratio_rows,
        charts,
        problems,
    })?;
    *response.status_mut() = status;
    Ok(response)
}
