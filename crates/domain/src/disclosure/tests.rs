use super::*;
use crate::organisations::{DetailsInput, OrganisationInput};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 21);

fn today() -> NaiveDate {
    date(TODAY.0, TODAY.1, TODAY.2)
}

/// An NPO法人 with everything a ★5 profile needs (fiscal year from April).
fn full_input() -> OrganisationInput {
    OrganisationInput {
        name: "特定非営利活動法人 あかりクラブ".into(),
        legal_form: "npo".into(),
        corporate_number: "1000011000005".into(),
        municipality: "331007".into(),
        email: "info@akari.example.jp".into(),
        mission: "子どもの居場所をつくる".into(),
        description: "放課後の学習支援と食事の提供".into(),
        activity_fields: vec!["13".into()],
        website: "https://akari.example.jp".into(),
        details: DetailsInput {
            founded_on: "2008-04-01".into(),
            representative_name: "山田 花子".into(),
            representative_title: "理事長".into(),
            fiscal_year_start_month: "4".into(),
            social_none: true,
            officers: "6".into(),
            staff_full_time: "1".into(),
            staff_part_time: "3".into(),
            volunteers: "40".into(),
            members_regular: "25".into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

struct World {
    input: OrganisationInput,
    has_logo: bool,
    programmes: usize,
    reports: Vec<ReportFacts>,
    documents: Vec<DocumentFacts>,
    metrics: Vec<MetricFacts>,
    reviewed_on: Option<NaiveDate>,
}

impl World {
    /// ★5 on TODAY: the due year is 2025年度 (ended 2026-03-31, due 2026-06-30).
    fn full() -> World {
        let docs = |year| {
            [
                DocumentKind::BusinessReport,
                DocumentKind::ActivityStatement,
                DocumentKind::BalanceSheet,
                DocumentKind::AssetInventory,
            ]
            .map(|kind| DocumentFacts {
                kind,
                year: Some(year),
            })
        };
        let mut documents = vec![DocumentFacts {
            kind: DocumentKind::Articles,
            year: None,
        }];
        documents.extend(docs(2025));
        World {
            input: full_input(),
            has_logo: true,
            programmes: 2,
            reports: (2023..=2025)
                .map(|year| ReportFacts {
                    year,
                    has_finances: true,
                })
                .collect(),
            documents,
            metrics: vec![MetricFacts {
                shows_results: true,
                years_with_values: vec![2024, 2025],
            }],
            reviewed_on: Some(date(2026, 7, 1)),
        }
    }

    fn assess_on(&self, on: NaiveDate) -> Assessment {
        let profile = self.input.validate(on).unwrap();
        assess(
            &Facts {
                profile: &profile,
                has_logo: self.has_logo,
                logo_none: false,
                programmes: self.programmes,
                reports: &self.reports,
                documents: &self.documents,
                metrics: &self.metrics,
                reviewed_on: self.reviewed_on,
            },
            on,
        )
    }

    fn assess(&self) -> Assessment {
        self.assess_on(today())
    }
}

fn unmet(a: &Assessment) -> Vec<&'static str> {
    a.to_do().iter().map(|i| i.requirement.code()).collect()
}

#[test]
fn a_complete_profile_is_at_five_stars() {
    let a = World::full().assess();
    assert_eq!(a.level, 5, "{:?}", unmet(&a));
    assert!(a.to_do().is_empty());
    assert!(a.missing_for_next().is_empty());
}

#[test]
fn each_missing_item_holds_the_level_below_its_own() {
    type Change = fn(&mut World);
    let cases: Vec<(&str, Change, u8)> = vec![
        ("corporate number", |w| w.input.corporate_number.clear(), 0),
        ("address", |w| w.input.municipality.clear(), 0),
        (
            "representative title",
            |w| w.input.details.representative_title.clear(),
            0,
        ),
        ("contact", |w| w.input.email.clear(), 0),
        ("founding date", |w| w.input.details.founded_on.clear(), 0),
        ("mission", |w| w.input.mission.clear(), 1),
        ("activities", |w| w.input.description.clear(), 1),
        ("fields", |w| w.input.activity_fields.clear(), 1),
        ("programme", |w| w.programmes = 0, 1),
        ("website", |w| w.input.website.clear(), 1),
        ("social", |w| w.input.details.social_none = false, 1),
        ("logo", |w| w.has_logo = false, 1),
        (
            "fiscal year",
            |w| w.input.details.fiscal_year_start_month.clear(),
            2,
        ),
        ("figures", |w| w.input.details.volunteers.clear(), 2),
        (
            "latest finances",
            |w| w.reports.retain(|r| r.year != 2025),
            2,
        ),
        (
            "articles",
            |w| w.documents.retain(|d| d.kind != DocumentKind::Articles),
            3,
        ),
        (
            "balance sheet PDF",
            |w| w.documents.retain(|d| d.kind != DocumentKind::BalanceSheet),
            3,
        ),
        ("three years", |w| w.reports.retain(|r| r.year != 2023), 3),
        ("results", |w| w.metrics[0].shows_results = false, 4),
        (
            "old metric values",
            |w| w.metrics[0].years_with_values = vec![2021],
            4,
        ),
        ("review", |w| w.reviewed_on = Some(date(2025, 11, 1)), 4),
    ];
    for (what, change, expected) in cases {
        let mut w = World::full();
        change(&mut w);
        let a = w.assess();
        assert_eq!(a.level, expected, "without {what}: {:?}", unmet(&a));
        assert!(
            a.missing_for_next().iter().all(|i| !i.met) && !a.missing_for_next().is_empty(),
            "without {what} the next ★ lists what is missing"
        );
    }
}

#[test]
fn the_checklist_names_the_year_and_the_documents() {
    let mut w = World::full();
    w.reports.retain(|r| r.year != 2025);
    w.documents
        .retain(|d| d.kind != DocumentKind::AssetInventory);
    let a = w.assess();
    let next = a.missing_for_next();
    assert_eq!(
        next[0].requirement,
        Requirement::LatestFinances { year: Some(2025) }
    );
    let docs = a
        .items
        .iter()
        .find(|i| i.requirement.code() == "latest_documents")
        .unwrap();
    assert_eq!(
        docs.requirement,
        Requirement::LatestDocuments {
            year: Some(2025),
            missing: vec![DocumentKind::AssetInventory]
        }
    );
    let years = a
        .items
        .iter()
        .find(|i| i.requirement.code() == "three_years")
        .unwrap();
    assert_eq!(
        years.requirement,
        Requirement::ThreeYears {
            missing: vec![2025]
        }
    );
}

#[test]
fn finances_go_stale_fifteen_months_after_their_year() {
    // Until 2026-06-30 (the deadline) the 2024年度 report still counts; the next day 2025年度
    // is due.
    let mut w = World::full();
    w.reports.retain(|r| r.year != 2025);
    w.reports.push(ReportFacts {
        year: 2022,
        has_finances: true,
    });
    for d in w.documents.iter_mut().filter(|d| d.year == Some(2025)) {
        d.year = Some(2024);
    }
    w.metrics[0].years_with_values = vec![2024];
    w.reviewed_on = Some(date(2026, 1, 10));
    assert_eq!(w.assess_on(date(2026, 6, 30)).level, 5);
    let after = w.assess_on(date(2026, 7, 1));
    assert_eq!(after.level, 2, "{:?}", unmet(&after));
    assert_eq!(due_year(date(2026, 6, 30), 4), 2024);
    assert_eq!(due_year(date(2026, 7, 1), 4), 2025);
    assert_eq!(due_year(date(2026, 3, 31), 1), 2024);
    assert_eq!(due_year(date(2026, 4, 1), 1), 2025);
    // A year ending in February is due by the end of May, not the 28th.
    assert_eq!(filing_deadline(2025, 3), date(2026, 5, 31));
    assert_eq!(filing_deadline(2025, 4), date(2026, 6, 30));
    assert_eq!(filing_deadline(2025, 1), date(2026, 3, 31));
    assert_eq!(due_year(date(2026, 5, 31), 3), 2024);
    assert_eq!(due_year(date(2026, 6, 1), 3), 2025);
}

#[test]
fn a_report_filed_early_counts() {
    // In May 2026 the 2024年度 report is due, but 2025年度 and its documents are already in.
    let mut w = World::full();
    w.reviewed_on = Some(date(2026, 1, 10));
    let a = w.assess_on(date(2026, 5, 10));
    assert_eq!(a.level, 5, "{:?}", unmet(&a));
    // The three years then run to the early one, so the year in between is still needed.
    w.reports.retain(|r| r.year != 2024);
    let a = w.assess_on(date(2026, 5, 10));
    assert_eq!(a.level, 3, "{:?}", unmet(&a));
    assert!(a.items.contains(&Item {
        level: 3,
        requirement: Requirement::LatestFinances { year: Some(2024) },
        met: true
    }));
    assert!(a.items.contains(&Item {
        level: 4,
        requirement: Requirement::ThreeYears {
            missing: vec![2024]
        },
        met: false
    }));
}

#[test]
fn a_young_organisation_is_not_asked_for_years_it_did_not_exist() {
    let mut w = World::full();
    w.input.details.founded_on = "2025-09-01".into();
    w.reports = vec![ReportFacts {
        year: 2025,
        has_finances: true,
    }];
    let a = w.assess();
    assert_eq!(a.level, 5, "{:?}", unmet(&a));

    // Founded after the due year ended: nothing is due yet.
    w.input.details.founded_on = "2026-05-01".into();
    w.reports.clear();
    w.documents.retain(|d| d.kind == DocumentKind::Articles);
    w.metrics[0].years_with_values = vec![2026];
    let a = w.assess();
    assert_eq!(a.level, 5, "{:?}", unmet(&a));
    assert!(a.items.contains(&Item {
        level: 3,
        requirement: Requirement::LatestFinances { year: None },
        met: true
    }));
}

#[test]
fn a_voluntary_group_needs_no_corporate_number_and_fewer_documents() {
    let mut w = World::full();
    w.input.legal_form = "voluntary".into();
    w.input.corporate_number.clear();
    w.documents.retain(|d| {
        !matches!(
            d.kind,
            DocumentKind::BalanceSheet | DocumentKind::AssetInventory
        )
    });
    let a = w.assess();
    assert_eq!(a.level, 5, "{:?}", unmet(&a));
    assert!(
        !a.items
            .iter()
            .any(|i| i.requirement == Requirement::CorporateNumber)
    );
}

#[test]
fn an_empty_profile_is_at_zero_with_a_full_to_do_list() {
    let w = World {
        input: OrganisationInput {
            name: "あかりクラブ".into(),
            legal_form: "voluntary".into(),
            ..Default::default()
        },
        has_logo: false,
        programmes: 0,
        reports: vec![],
        documents: vec![],
        metrics: vec![],
        reviewed_on: None,
    };
    let a = w.assess();
    assert_eq!(a.level, 0);
    assert_eq!(
        a.missing_for_next()
            .iter()
            .map(|i| i.requirement.code())
            .collect::<Vec<_>>(),
        ["address", "representative", "contact", "founded"]
    );
    assert_eq!(a.to_do().len(), a.items.len());
}
