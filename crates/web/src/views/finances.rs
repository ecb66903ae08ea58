//! Yearly finances as pages show them: the list of years, the latest year at a glance, the
//! revenue mix, multi-year trends and the ratios — each chart with the table it is drawn from,
//! so the figures are readable without the picture.

use crate::page::Tr;
use hiroba_charts::{Format, Frame, Locale, Series, Svg};
use hiroba_domain::finances::{self, Line, Ratio, RevenueSource, Statement, years};
use hiroba_store::reports::Report;

pub fn year_label(tr: &Tr<'_>, year: i32) -> String {
    if tr.en() {
        years::label_en(year)
    } else {
        years::label_ja(year)
    }
}

fn locale(tr: &Tr<'_>) -> Locale {
    if tr.en() { Locale::En } else { Locale::Ja }
}

/// An amount of yen for tables ("1,234,000円" / "¥1,234,000").
pub fn yen(tr: &Tr<'_>, amount: i64) -> String {
    tr.ts("finance-yen", "amount", &finances::format_yen(amount))
}

fn opt_yen(tr: &Tr<'_>, amount: Option<i64>) -> String {
    amount.map(|a| yen(tr, a)).unwrap_or_else(|| "—".into())
}

/// One year in the staff list of reports.
#[derive(Debug, Clone)]
pub struct YearRow {
    pub year: i32,
    pub label: String,
    pub period: String,
    pub revenue: String,
    pub expenses: String,
    pub net_assets: String,
    pub has_finances: bool,
    pub has_business_report: bool,
}

pub fn year_rows(tr: &Tr<'_>, reports: &[Report], start_month: u32) -> Vec<YearRow> {
    reports
        .iter()
        .rev()
        .map(|r| {
            let (start, end) = years::period(r.fiscal_year, start_month);
            YearRow {
                year: r.fiscal_year,
                label: year_label(tr, r.fiscal_year),
                period: format!(
                    "{} – {}",
                    super::disclosure::date(tr, start),
                    super::disclosure::date(tr, end)
                ),
                revenue: opt_yen(tr, r.statement.get(Line::OrdinaryRevenueTotal)),
                expenses: opt_yen(tr, r.statement.get(Line::OrdinaryExpensesTotal)),
                net_assets: opt_yen(tr, r.statement.get(Line::NetAssetsTotal)),
                has_finances: r.statement.has_year_finances(),
                has_business_report: r.business_report.is_some(),
            }
        })
        .collect()
}

/// A labelled figure in a table.
#[derive(Debug, Clone)]
pub struct Figure {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct RatioRow {
    pub label: String,
    pub value: String,
    pub help: String,
}

/// The finances section of a profile.
#[derive(Debug, Clone)]
pub struct FinancesView {
    pub latest_year: String,
    pub latest_href: String,
    pub headline: Vec<Figure>,
    pub composition: Option<Svg>,
    pub composition_rows: Vec<Figure>,
    pub trend: Option<Svg>,
    pub trend_years: Vec<String>,
    /// (label, per-year values) for the trend table.
    pub trend_rows: Vec<(String, Vec<String>)>,
    pub ratios: Vec<RatioRow>,
    pub ratios_chart: Option<Svg>,
    /// Every year with a report: (label, href).
    pub years: Vec<(String, String)>,
    pub business_report: Vec<String>,
}

fn ratio_label(tr: &Tr<'_>, r: Ratio) -> String {
    tr.t(&format!("finance-ratio-{}", r.code()))
}

/// Ratios for one statement, as rows and as a chart.
pub fn ratios(tr: &Tr<'_>, s: &Statement) -> Vec<RatioRow> {
    let values = s.ratios();
    Ratio::ALL
        .iter()
        .map(|r| RatioRow {
            label: ratio_label(tr, *r),
            value: values
                .get(*r)
                .map(finances::format_percent)
                .unwrap_or_else(|| tr.t("finance-ratio-unavailable")),
            help: tr.t(&format!("finance-ratio-{}-help", r.code())),
        })
        .collect()
}

/// The revenue mix of one year: (source label, amount), in a fixed order so colours stay put.
pub fn revenue_mix(tr: &Tr<'_>, s: &Statement) -> Vec<(String, i64)> {
    RevenueSource::ALL
        .iter()
        .filter_map(|src| {
            s.get(src.line())
                .map(|v| (tr.t(&format!("finance-source-{}", src.code())), v))
        })
        .collect()
}

pub fn finances(tr: &Tr<'_>, organisation_id: i64, reports: &[Report]) -> Option<FinancesView> {
    let with_figures: Vec<&Report> = reports
        .iter()
        .filter(|r| r.statement.headline().is_some())
        .collect();
    let latest = reports.last()?;
    let base = format!("/organisations/{organisation_id}/finances");
    let l = locale(tr);
    let headline = latest.statement.headline();
    let mut view = FinancesView {
        latest_year: year_label(tr, latest.fiscal_year),
        latest_href: format!("{base}/{}", latest.fiscal_year),
        headline: Vec::new(),
        composition: None,
        composition_rows: Vec::new(),
        trend: None,
        trend_years: Vec::new(),
        trend_rows: Vec::new(),
        ratios: ratios(tr, &latest.statement),
        ratios_chart: None,
        years: reports
            .iter()
            .rev()
            .map(|r| {
                (
                    year_label(tr, r.fiscal_year),
                    format!("{base}/{}", r.fiscal_year),
                )
            })
            .collect(),
        business_report: latest
            .business_report
            .as_deref()
            .map(super::paragraphs)
            .unwrap_or_default(),
    };
    if let Some(h) = &headline {
        let fig = |id: &str, v: Option<i64>| Figure {
            label: tr.t(id),
            value: opt_yen(tr, v),
        };
        view.headline = vec![
            fig("finance-headline-revenue", Some(h.revenue)),
            fig("finance-headline-expenses", Some(h.expenses)),
            fig("finance-headline-net-assets", h.net_assets),
            fig("finance-headline-assets", h.assets),
            fig("finance-headline-liabilities", h.liabilities),
        ];
        let mix = revenue_mix(tr, &latest.statement);
        let total: i64 = mix.iter().map(|(_, v)| (*v).max(0)).sum();
        if total > 0 {
            view.composition_rows = mix
                .iter()
                .map(|(label, v)| Figure {
                    label: label.clone(),
                    value: tr.args(
                        "finance-amount-share",
                        &[
                            ("amount", yen(tr, *v).into()),
                            (
                                "share",
                                finances::format_percent(*v as f64 / total as f64).into(),
                            ),
                        ],
                    ),
                })
                .collect();
            let parts: Vec<(String, f64)> = mix.into_iter().map(|(l, v)| (l, v as f64)).collect();
            view.composition = Some(hiroba_charts::composition(
                &Frame::new(
                    "revenue-mix",
                    tr.ts("finance-chart-mix", "year", &view.latest_year),
                    tr.t("finance-chart-mix-desc"),
                    l,
                ),
                &parts,
                &Format::Yen,
            ));
        }
        let rows: Vec<(String, Option<f64>)> = view
            .ratios
            .iter()
            .zip(Ratio::ALL.iter())
            .map(|(row, r)| (row.label.clone(), latest.statement.ratios().get(*r)))
            .collect();
        if rows.iter().any(|(_, v)| v.is_some()) {
            view.ratios_chart = Some(hiroba_charts::ratio_bars(
                &Frame::new(
                    "ratios",
                    tr.ts("finance-chart-ratios", "year", &view.latest_year),
                    tr.t("finance-chart-ratios-desc"),
                    l,
                ),
                &rows,
            ));
        }
    }
    if with_figures.len() >= 2 {
        let years: Vec<String> = with_figures
            .iter()
            .map(|r| year_label(tr, r.fiscal_year))
            .collect();
        let series_of = |line: Line| -> Vec<Option<f64>> {
            with_figures
                .iter()
                .map(|r| r.statement.get(line).map(|v| v as f64))
                .collect()
        };
        let lines = [
            (Line::OrdinaryRevenueTotal, "finance-headline-revenue"),
            (Line::OrdinaryExpensesTotal, "finance-headline-expenses"),
            (Line::NetAssetsTotal, "finance-headline-net-assets"),
        ];
        let series: Vec<Series> = lines
            .iter()
            .map(|(line, id)| Series::new(tr.t(id), series_of(*line)))
            .collect();
        view.trend = Some(hiroba_charts::bar_chart(
            &Frame::new(
                "trend",
                tr.t("finance-chart-trend"),
                tr.t("finance-chart-trend-desc"),
                l,
            ),
            &years,
            &series,
            &Format::Yen,
            false,
        ));
        view.trend_rows = lines
            .iter()
            .map(|(line, id)| {
                (
                    tr.t(id),
                    with_figures
                        .iter()
                        .map(|r| opt_yen(tr, r.statement.get(*line)))
                        .collect(),
                )
            })
            .collect();
        view.trend_years = years;
    }
    Some(view)
}

/// One row of a full statement.
#[derive(Debug, Clone)]
pub struct StatementRow {
    pub label: String,
    pub amount: String,
    pub total: bool,
}

/// The statement's sections with their lines, for the full-statement page.
pub fn statement_sections(tr: &Tr<'_>, r: &Report) -> Vec<(String, Vec<StatementRow>)> {
    finances::Section::ALL
        .iter()
        .map(|section| {
            (
                tr.t(&format!("finance-section-{}", section.code())),
                section
                    .lines(r.basis)
                    .map(|line| StatementRow {
                        label: tr.t(&format!("finance-line-{}", line.code())),
                        amount: opt_yen(tr, r.statement.get(line)),
                        total: line.is_total() || line.is_computed(),
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, rows)| !rows.is_empty())
        .collect()
}
