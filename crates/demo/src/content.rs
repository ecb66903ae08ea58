//! What an organisation adds beyond its profile, for its ★ level: programmes, yearly reports,
//! documents, a logo and outcome metrics. Years are placed relative to today's due year, so
//! the intended level holds whatever day the demo is made.

use crate::catalogue::{self, COMPANY_PROGRAMMES, MetricText};
use crate::finances;
use crate::generator::{Draft, Generator};
use crate::profiles::{Gap, Plan, start_month, year_label};
use hiroba_domain::disclosure::due_year;
use hiroba_domain::documents::DocumentKind;
use hiroba_domain::finances::{Basis, Statement};
use hiroba_domain::legal_forms::LegalForm;
use hiroba_domain::metrics::{Direction, Metric, MetricKind};
use hiroba_domain::programmes::Programme;
use rand::RngExt;

/// One year's report: the business report text and the statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReport {
    pub fiscal_year: i32,
    pub basis: Basis,
    pub business_report: String,
    pub statement: Statement,
}

/// A document to upload as a generated PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoDocument {
    pub kind: DocumentKind,
    pub fiscal_year: Option<i32>,
    /// The name people would have given it (Japanese).
    pub filename: String,
    /// The PDF's first line (ASCII, for the standard font).
    pub title: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DemoLogo {
    /// Not answered yet (a ★2 gap).
    #[default]
    Unset,
    /// "We have no logo."
    None,
    /// A generated PNG: a disc of this colour with a white motif.
    Image { colour: [u8; 3], motif: u8 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoMetric {
    pub metric: Metric,
    /// (fiscal year, value)
    pub values: Vec<(i32, f64)>,
}

/// Everything an organisation has besides its profile.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub programmes: Vec<Programme>,
    pub reports: Vec<DemoReport>,
    pub documents: Vec<DemoDocument>,
    pub logo: DemoLogo,
    pub metrics: Vec<DemoMetric>,
    /// Staff confirmed the profile recently (★5 asks for it within a year).
    pub reviewed: bool,
}

/// Muted colours that keep white motifs readable.
const PALETTE: [[u8; 3]; 8] = [
    [0x7a, 0x1f, 0x3d],
    [0x2e, 0x3a, 0x87],
    [0x2e, 0x6b, 0x30],
    [0x1d, 0x5d, 0x90],
    [0x8a, 0x4b, 0x08],
    [0x5b, 0x2c, 0x6f],
    [0x00, 0x6d, 0x77],
    [0xb0, 0x3a, 0x2e],
];

fn kind_names(kind: DocumentKind, form: LegalForm) -> (&'static str, &'static str) {
    match kind {
        DocumentKind::Articles if form == LegalForm::Voluntary => ("会則", "rules of association"),
        DocumentKind::Articles => ("定款", "articles of association"),
        DocumentKind::BusinessReport => ("事業報告書", "business report"),
        DocumentKind::ActivityStatement if form.is_npo_corporation() => {
            ("活動計算書", "statement of activities")
        }
        DocumentKind::ActivityStatement => ("収支計算書", "statement of income and expenses"),
        DocumentKind::BalanceSheet => ("貸借対照表", "balance sheet"),
        DocumentKind::AssetInventory => ("財産目録", "inventory of assets"),
        DocumentKind::OfficerList => ("役員名簿", "list of officers"),
        DocumentKind::BusinessPlan => ("事業計画書", "business plan"),
        DocumentKind::Budget => ("活動予算書", "budget"),
        DocumentKind::MemberList => ("社員名簿", "list of members"),
        DocumentKind::Other => ("資料", "document"),
    }
}

impl Generator {
    pub fn content(
        &mut self,
        draft: &Draft,
        plan: &Plan,
        money: Option<&finances::Profile>,
    ) -> Content {
        let today = crate::today();
        let month = start_month(draft);
        let known_month = plan.has(Gap::FiscalYear);
        let due = due_year(today, month);
        let wareki = self.chance(0.4);
        let mut c = Content {
            reviewed: plan.has(Gap::Reviewed),
            ..Default::default()
        };

        if plan.has(Gap::Programme) {
            c.programmes = self.programmes(draft);
        }
        if plan.has(Gap::Logo) {
            c.logo = if self.chance(0.6) {
                DemoLogo::Image {
                    colour: *self.pick(&PALETTE),
                    motif: self.rng.random_range(0..5),
                }
            } else {
                DemoLogo::None
            };
        }

        // Reports: the latest due year (and the two before it for ★4), or only older years
        // when the latest is overdue.
        let mut years: Vec<i32> = Vec::new();
        if known_month {
            if plan.has(Gap::ThreeYears) {
                let n = self.rng.random_range(3..=5);
                years.extend(due - n + 1..=due);
            } else if plan.has(Gap::Finances) {
                years.extend(match self.rng.random_range(0..3) {
                    0 => vec![due],
                    1 => vec![due - 1, due],
                    _ => vec![due - 2, due],
                });
            } else if plan.level >= 2 && (draft.gaps.is_some() || self.chance(0.65)) {
                // Last year's figures are in; this year's are the next step (and for a
                // checklist chosen by hand, always: the chart shows where they left off).
                let last = if draft.gaps.is_some() {
                    due - 1
                } else {
                    due - self.rng.random_range(1..=2)
                };
                let n = self.rng.random_range(1..=2);
                years.extend(last - n + 1..=last);
            }
        }
        if let (Some(money), Some(first), Some(last)) = (money, years.first(), years.last()) {
            let names: Vec<&str> = c.programmes.iter().map(|p| p.name.as_str()).collect();
            for y in finances::years(&mut self.rng, money, *first, *last) {
                if !years.contains(&y.year) {
                    continue;
                }
                let label = year_label(y.year, month, wareki);
                let text = finances::business_report(
                    &mut self.rng,
                    &y,
                    &label,
                    &names[..names.len().min(2)],
                    draft.theme,
                    money.mix,
                );
                c.reports.push(DemoReport {
                    fiscal_year: y.year,
                    basis: money.basis,
                    business_report: text,
                    statement: finances::statement(&y, money.basis),
                });
            }
        }

        // Documents: the articles, the due year's filed set, and the private officer list.
        let form = draft.form;
        let needed: &[DocumentKind] = if form.is_npo_corporation() {
            &[
                DocumentKind::BusinessReport,
                DocumentKind::ActivityStatement,
                DocumentKind::BalanceSheet,
                DocumentKind::AssetInventory,
            ]
        } else {
            &[
                DocumentKind::BusinessReport,
                DocumentKind::ActivityStatement,
            ]
        };
        let mut doc = |kind: DocumentKind, year: Option<i32>| {
            let (ja, en) = kind_names(kind, form);
            let (filename, title) = match year {
                Some(y) => (
                    format!("{}_{ja}.pdf", year_label(y, month, wareki)),
                    format!("Demo document: {en} FY{y}"),
                ),
                None => (format!("{ja}.pdf"), format!("Demo document: {en}")),
            };
            c.documents.push(DemoDocument {
                kind,
                fiscal_year: year,
                filename,
                title,
            });
        };
        if plan.has(Gap::Articles) {
            doc(DocumentKind::Articles, None);
        }
        if known_month {
            if plan.has(Gap::Documents) {
                if self.rng.random_bool(0.3) {
                    for kind in needed {
                        doc(*kind, Some(due - 1));
                    }
                }
                for kind in needed {
                    doc(*kind, Some(due));
                }
                if plan.level >= 4 && self.rng.random_bool(0.3) {
                    doc(DocumentKind::BusinessPlan, Some(due + 1));
                }
            } else {
                match self.rng.random_range(0..3) {
                    // Last year's set: this year's is not uploaded yet.
                    0 => needed.iter().for_each(|k| doc(*k, Some(due - 1))),
                    // This year's, but one is missing.
                    1 => needed[..needed.len() - 1]
                        .iter()
                        .for_each(|k| doc(*k, Some(due))),
                    _ => {}
                }
            }
            if form.is_npo_corporation() && plan.level >= 3 && self.rng.random_bool(0.6) {
                doc(DocumentKind::OfficerList, Some(due));
            }
        }

        // Metrics: results counted in recent years for ★5; stale or input-only ones for some
        // of those still short of it.
        let work = catalogue::work(draft.theme.romaji);
        let company = matches!(form, LegalForm::StockCompany | LegalForm::GodoKaisha);
        if plan.has(Gap::Results) && !company {
            let n = self.rng.random_range(1..=work.metrics.len().min(3));
            let span = self.rng.random_range(2..=4);
            for m in &work.metrics[..n] {
                let metric = self.metric(m, due - span + 1, due);
                c.metrics.push(metric);
            }
            if self.chance(0.3) {
                c.metrics.push(self.volunteer_hours(due - span + 1, due));
            }
        } else if !company && (plan.level == 4 || self.chance(0.05)) {
            match self.rng.random_range(0..3) {
                0 => {}
                1 => {
                    let m = self.metric(&work.metrics[0], due - 4, due - 2);
                    c.metrics.push(m);
                }
                _ => c.metrics.push(self.volunteer_hours(due - 2, due)),
            }
        }
        c
    }

    fn programmes(&mut self, draft: &Draft) -> Vec<Programme> {
        let company = matches!(draft.form, LegalForm::StockCompany | LegalForm::GodoKaisha);
        let texts = if company {
            COMPANY_PROGRAMMES
        } else {
            catalogue::work(draft.theme.romaji).programmes
        };
        let n = match self.rng.random_range(0..20) {
            0..5 => 1,
            5..13 => 2,
            13..18 => 3,
            _ => 4,
        }
        .min(texts.len());
        let place = draft.place;
        let here = place.2;
        (0..n)
            .map(|i| {
                let (name, target, description, area) = texts[i];
                let national = !matches!(place.0, 33 | 26);
                let area = match area {
                    Some(a) => a.to_owned(),
                    // Organisations based elsewhere are listed for work across the country.
                    None if national && self.chance(0.5) => "全国".to_owned(),
                    None => match self.rng.random_range(0..4) {
                        0 => format!("{here}全域"),
                        1 => format!("{here}とその周辺"),
                        2 => match prefecture(place.0) {
                            Some(p) => format!("{here}を中心に{p}内"),
                            None => format!("{here}とその周辺"),
                        },
                        _ => format!("{here}内"),
                    },
                };
                Programme {
                    name: name.to_owned(),
                    description: self.chance(0.85).then(|| description.to_owned()),
                    target_population: Some(target.to_owned()),
                    area: Some(area),
                }
            })
            .collect()
    }

    fn metric(&mut self, m: &MetricText, first: i32, last: i32) -> DemoMetric {
        let (lo, hi) = m.range;
        let mut value = (self.rng.random_range(lo.ln()..hi.ln())).exp();
        let growth = self.rng.random_range(-0.03..0.12);
        let decimals = matches!(m.unit, "%" | "ha");
        let mut values = Vec::new();
        for year in first..=last {
            let v = if m.unit == "%" {
                value.min(99.0)
            } else {
                value
            };
            let v = if decimals {
                (v * 10.0).round() / 10.0
            } else {
                v.round().max(1.0)
            };
            values.push((year, v));
            value *= 1.0 + growth + self.rng.random_range(-0.06..0.06);
        }
        DemoMetric {
            metric: Metric {
                name: m.name.to_owned(),
                unit: m.unit.to_owned(),
                kind: if m.outcome {
                    MetricKind::Outcome
                } else {
                    MetricKind::Output
                },
                direction: Direction::Increase,
                sdg_target: m.sdg.map(str::to_owned),
                iris_code: m.iris.map(str::to_owned),
                description: None,
            },
            values,
        }
    }

    /// An input: counted by many, but it shows effort rather than results.
    fn volunteer_hours(&mut self, first: i32, last: i32) -> DemoMetric {
        let mut hours = self.rng.random_range(300.0..3_000.0f64);
        let values = (first..=last)
            .map(|y| {
                hours *= self.rng.random_range(0.9..1.15);
                (y, hours.round())
            })
            .collect();
        DemoMetric {
            metric: Metric {
                name: "ボランティアの延べ活動時間".to_owned(),
                unit: "時間".to_owned(),
                kind: MetricKind::Input,
                direction: Direction::Increase,
                sdg_target: None,
                iris_code: None,
                description: Some("会員・ボランティアが活動に参加した時間の合計です。".to_owned()),
            },
            values,
        }
    }
}

fn prefecture(code: u8) -> Option<&'static str> {
    match code {
        33 => Some("岡山県"),
        26 => Some("京都府"),
        _ => None,
    }
}
