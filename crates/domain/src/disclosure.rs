//! The ★ disclosure level: how much an organisation tells the public, from ★1 (who we are and
//! how to reach us) to ★5 (what our work achieves, kept up to date). Levels are cumulative:
//! an organisation is at ★n when every requirement of ★1…★n is met. One pure function,
//! [`assess`], decides it from the data, and returns the whole checklist so every profile can
//! show exactly what is missing for the next ★. Published in `docs/disclosure-levels.md`.
//!
//! Time matters: finances are "current" only while the latest fiscal year's report is not
//! overdue. An NPO法人 files its yearly report within three months of the year's end (by the
//! end of the third month), so a year's report is expected from the day after that deadline;
//! until then the year before counts. Put the other way round: a report goes stale 15 months
//! after its own year ended.

use crate::documents::DocumentKind;
use crate::organisations::OrganisationProfile;
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// Months after a fiscal year's end by which its report is due (NPO法 第29条).
pub const FILING_MONTHS: u32 = 3;
/// A profile counts as reviewed for this long after its staff last confirmed it.
pub const REVIEW_VALID_DAYS: i64 = 365;
pub const MAX_LEVEL: u8 = 5;

/// One year's report, as far as the rubric cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportFacts {
    pub year: i32,
    /// Revenue, expenses and assets are entered (and add up).
    pub has_finances: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentFacts {
    pub kind: DocumentKind,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricFacts {
    /// An output or outcome metric (not merely inputs or context).
    pub shows_results: bool,
    pub years_with_values: Vec<i32>,
}

/// Everything the rubric looks at.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub profile: &'a OrganisationProfile,
    pub has_logo: bool,
    pub logo_none: bool,
    pub programmes: usize,
    pub reports: &'a [ReportFacts],
    pub documents: &'a [DocumentFacts],
    pub metrics: &'a [MetricFacts],
    /// When staff last saved or confirmed the profile (a date in Japan).
    pub reviewed_on: Option<NaiveDate>,
}

/// One thing the rubric asks for. Codes are stable: they name messages
/// (`disclosure-req-{code}`) and the API's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Requirement {
    // ★1 — who we are and how to reach us
    CorporateNumber,
    Address,
    Representative,
    Contact,
    Founded,
    // ★2 — what we do
    Mission,
    Activities,
    ActivityFields,
    Programme,
    Website,
    Social,
    Logo,
    // ★3 — how we are organised and funded
    FiscalYear,
    Figures,
    /// The finances of `year` (or a later year). `year` is None while no report is due yet.
    LatestFinances {
        year: Option<i32>,
    },
    // ★4 — the documents behind it, and a track record
    Articles,
    /// The year's filed documents; `missing` lists the kinds not yet uploaded.
    LatestDocuments {
        year: Option<i32>,
        missing: Vec<DocumentKind>,
    },
    /// Finances for three years (or every year since founding); `missing` lists the years.
    ThreeYears {
        missing: Vec<i32>,
    },
    // ★5 — results, kept fresh
    Results,
    Reviewed,
}

impl Requirement {
    pub fn code(&self) -> &'static str {
        match self {
            Requirement::CorporateNumber => "corporate_number",
            Requirement::Address => "address",
            Requirement::Representative => "representative",
            Requirement::Contact => "contact",
            Requirement::Founded => "founded",
            Requirement::Mission => "mission",
            Requirement::Activities => "activities",
            Requirement::ActivityFields => "activity_fields",
            Requirement::Programme => "programme",
            Requirement::Website => "website",
            Requirement::Social => "social",
            Requirement::Logo => "logo",
            Requirement::FiscalYear => "fiscal_year",
            Requirement::Figures => "figures",
            Requirement::LatestFinances { .. } => "latest_finances",
            Requirement::Articles => "articles",
            Requirement::LatestDocuments { .. } => "latest_documents",
            Requirement::ThreeYears { .. } => "three_years",
            Requirement::Results => "results",
            Requirement::Reviewed => "reviewed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub level: u8,
    #[serde(flatten)]
    pub requirement: Requirement,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    /// 0 (not even ★1) to 5.
    pub level: u8,
    pub items: Vec<Item>,
}

impl Assessment {
    /// What is still missing for the next ★ (empty at ★5).
    pub fn missing_for_next(&self) -> Vec<&Item> {
        self.items
            .iter()
            .filter(|i| i.level == self.level + 1 && !i.met)
            .collect()
    }

    /// Everything not yet met, lowest level first: the owner's to-do list.
    pub fn to_do(&self) -> Vec<&Item> {
        self.items.iter().filter(|i| !i.met).collect()
    }
}

/// The last day of fiscal year `year`.
fn year_end(year: i32, start_month: u32) -> NaiveDate {
    crate::finances::years::period(year, start_month).1
}

/// The last day on which the report of fiscal year `year` may still be filed: the end of the
/// third month after the year (a year ending 31 March is due by 30 June; one ending 28
/// February by 31 May).
pub fn filing_deadline(year: i32, start_month: u32) -> NaiveDate {
    let next_start = year_end(year, start_month) + chrono::Days::new(1);
    next_start + Months::new(FILING_MONTHS) - chrono::Days::new(1)
}

/// The latest fiscal year whose filing deadline has passed by `today`: its report is
/// expected from the day after the deadline.
pub fn due_year(today: NaiveDate, start_month: u32) -> i32 {
    let mut year = today.year();
    while filing_deadline(year, start_month) >= today {
        year -= 1;
    }
    year
}

/// Applies the rubric.
pub fn assess(facts: &Facts<'_>, today: NaiveDate) -> Assessment {
    let p = facts.profile;
    let d = &p.details;
    let mut items = Vec::new();
    let mut add = |level: u8, requirement: Requirement, met: bool| {
        items.push(Item {
            level,
            requirement,
            met,
        })
    };

    // ★1
    if p.legal_form.is_incorporated() {
        add(
            1,
            Requirement::CorporateNumber,
            p.corporate_number.is_some(),
        );
    }
    add(
        1,
        Requirement::Address,
        p.address.prefecture.is_some() && p.address.municipality.is_some(),
    );
    add(
        1,
        Requirement::Representative,
        d.representative_name.is_some() && d.representative_title.is_some(),
    );
    add(
        1,
        Requirement::Contact,
        p.email.is_some() || d.phone.is_some(),
    );
    add(1, Requirement::Founded, d.founded_on.is_some());

    // ★2
    add(2, Requirement::Mission, p.mission.is_some());
    add(2, Requirement::Activities, p.description.is_some());
    add(
        2,
        Requirement::ActivityFields,
        !p.activity_fields.is_empty(),
    );
    add(2, Requirement::Programme, facts.programmes > 0);
    add(
        2,
        Requirement::Website,
        p.website.is_some() || d.website_none,
    );
    add(
        2,
        Requirement::Social,
        !d.social.is_empty() || d.social_none,
    );
    add(2, Requirement::Logo, facts.has_logo || facts.logo_none);

    // ★3 — years only make sense once the fiscal year's start is known; until then the
    // finance requirements are unmet (and say which year once it is).
    let month = d.fiscal_year_start_month.map(u32::from);
    add(3, Requirement::FiscalYear, month.is_some());
    add(3, Requirement::Figures, d.figures.core_complete());
    let due = month.map(|m| due_year(today, m));
    // A year that ended before the organisation was founded was never its to report.
    let existed = |year: i32| match (d.founded_on, month) {
        (Some(founded), Some(m)) => year_end(year, m) >= founded,
        _ => true,
    };
    let due = due.filter(|y| existed(*y));
    let with_finances = |year: i32| {
        facts
            .reports
            .iter()
            .any(|r| r.year == year && r.has_finances)
    };
    let latest_met = match (month, due) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(_), Some(y)) => facts.reports.iter().any(|r| r.year >= y && r.has_finances),
    };
    add(3, Requirement::LatestFinances { year: due }, latest_met);

    // ★4
    add(
        4,
        Requirement::Articles,
        facts
            .documents
            .iter()
            .any(|doc| doc.kind == DocumentKind::Articles),
    );
    let needed: &[DocumentKind] = if p.legal_form.is_npo_corporation() {
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
    let missing_docs: Vec<DocumentKind> = match due {
        None => Vec::new(),
        Some(y) => needed
            .iter()
            .copied()
            .filter(|kind| {
                !facts
                    .documents
                    .iter()
                    .any(|doc| doc.kind == *kind && doc.year.is_some_and(|dy| dy >= y))
            })
            .collect(),
    };
    add(
        4,
        Requirement::LatestDocuments {
            year: due,
            missing: missing_docs.clone(),
        },
        month.is_some() && missing_docs.is_empty(),
    );
    // Three consecutive years ending with the due one, or with a later one already reported.
    let missing_years: Vec<i32> = match due {
        None => Vec::new(),
        Some(y) => {
            let last = facts
                .reports
                .iter()
                .filter(|r| r.has_finances && r.year >= y)
                .map(|r| r.year)
                .max()
                .unwrap_or(y);
            (last - 2..=last)
                .filter(|year| existed(*year) && !with_finances(*year))
                .collect()
        }
    };
    add(
        4,
        Requirement::ThreeYears {
            missing: missing_years.clone(),
        },
        month.is_some() && missing_years.is_empty(),
    );

    // ★5
    let recent = |year: &i32| due.is_none_or(|y| *year >= y - 1);
    add(
        5,
        Requirement::Results,
        facts
            .metrics
            .iter()
            .any(|m| m.shows_results && m.years_with_values.iter().any(recent)),
    );
    add(
        5,
        Requirement::Reviewed,
        facts
            .reviewed_on
            .is_some_and(|r| (today - r).num_days() < REVIEW_VALID_DAYS && r <= today),
    );

    let level = (1..=MAX_LEVEL)
        .take_while(|l| items.iter().filter(|i| i.level == *l).all(|i| i.met))
        .last()
        .unwrap_or(0);
    Assessment { level, items }
}

#[cfg(test)]
mod tests;
