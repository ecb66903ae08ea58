//! Realistic, deterministic demo data: portals for 岡山, 京都, 倉敷 and a nationwide
//! 子ども・若者 theme, and a few hundred organisations of every legal form, with valid 法人番号
//! and municipality codes, at every ★ level: profiles, programmes, yearly reports whose
//! accounts add up, documents (generated PDFs), logos (generated PNGs), outcome metrics, and
//! certifications at every stage. The same seed gives the same data on the same day; years
//! and dates are placed relative to today, so the intended levels hold whenever it runs.
//!
//! Names are invented (they only sound local); local governments appear under their real names
//! and real 法人番号, which are public.

pub mod bulk;
mod catalogue;
mod certification;
mod content;
mod files;
mod finances;
mod gazetteer;
mod generator;
mod hand_written;
mod load;
mod portals;
mod profiles;
mod themes;

pub use certification::DemoCertification;
pub use content::{Content, DemoDocument, DemoLogo, DemoMetric, DemoReport};
pub use files::{logo_png, pdf};
pub use load::{LoadError, load};

use gazetteer::{PLACES, Place};
use generator::{Draft, Generator};
use hiroba_domain::codes::MunicipalityCode;
use hiroba_domain::legal_forms::LegalForm;
use hiroba_domain::organisations::OrganisationProfile;
use hiroba_domain::portals::PortalSettings;
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::roles::{OrgRole, PortalRole};
use hiroba_domain::scope::Curation;
use hiroba_store::municipalities::Municipality;
use profiles::Gap;
use rand::RngExt;

pub const DEFAULT_SEED: u64 = 2026;
/// How many generated organisations besides the hand-written ones.
pub const GENERATED: usize = 320;

pub struct DemoOrganisation {
    pub profile: OrganisationProfile,
    pub days_since_update: i64,
    /// The ★ level its data reaches on the day it was generated.
    pub level: u8,
    /// Generated rather than hand-written.
    pub generated: bool,
    /// Its name in romaji, for domains and the text of its generated files.
    pub romaji: String,
    pub content: Content,
}

pub struct DemoPortal {
    pub settings: PortalSettings,
    /// Index into [`DemoData::organisations`] of the operating organisation.
    pub operator: Option<usize>,
}

pub struct DemoData {
    pub municipalities: Vec<Municipality>,
    pub organisations: Vec<DemoOrganisation>,
    pub portals: Vec<DemoPortal>,
    /// (portal index, organisation index, decision)
    pub curations: Vec<(usize, usize, Curation)>,
    pub accounts: Vec<DemoAccount>,
    /// (account index, organisation index, message): claims waiting for an operator.
    pub claims: Vec<(usize, usize, &'static str)>,
    /// Grants by the regional portals' operators, in the order they are made.
    pub certifications: Vec<DemoCertification>,
}

/// The password of every demo account (documented in the README).
pub const DEMO_PASSWORD: &str = "hiroba-demo-2026";

/// A sign-in-ready account of the demo.
pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub platform_admin: bool,
    pub portals: Vec<(usize, PortalRole)>,
    pub organisations: Vec<(usize, OrgRole)>,
}

/// What `load` created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadSummary {
    pub portals: Vec<(String, i64)>,
    pub organisations: usize,
    pub municipalities: usize,
}

fn code(place: &Place) -> MunicipalityCode {
    MunicipalityCode::from_parts(
        PrefectureCode::new(place.0).expect("valid prefecture"),
        place.1,
    )
    .expect("valid code")
}

pub fn municipalities() -> Vec<Municipality> {
    PLACES
        .iter()
        .map(|p| Municipality {
            code: code(p),
            name_ja: p.2.to_owned(),
            name_kana: Some(p.3.to_owned()),
            name_en: Some(p.4.to_owned()),
        })
        .collect()
}

/// The day the demo is made: its fiscal years and review dates are placed relative to it, so
/// every ★ level shows whatever the date.
fn today() -> chrono::NaiveDate {
    hiroba_store::disclosure::today_in_japan()
}

/// The regional portals that must show every level and stage: (portal index, prefecture).
const REGIONS: [(usize, u8); 2] = [(0, 33), (1, 26)];

/// Fills in a draft for its level and validates it.
fn finish(g: &mut Generator, mut draft: Draft, generated: bool) -> DemoOrganisation {
    let company = matches!(draft.form, LegalForm::StockCompany | LegalForm::GodoKaisha);
    let content = if draft.dress {
        let plan = g.plan(&draft);
        let money = (!company)
            .then(|| finances::Profile::draw(&mut g.rng, draft.form, draft.theme, draft.level));
        g.dress_profile(&mut draft, &plan, money.as_ref());
        g.content(&draft, &plan, money.as_ref())
    } else {
        Content::default()
    };
    let profile = draft
        .input
        .validate(today())
        .unwrap_or_else(|e| panic!("demo organisation is valid: {e} {:?}", draft.input));
    let days_since_update = draft
        .days_since_update
        .unwrap_or_else(|| match draft.level {
            5 => g.rng.random_range(0..60),
            4 => g.rng.random_range(0..120),
            3 => g.rng.random_range(10..300),
            2 => g.rng.random_range(30..500),
            _ => g.rng.random_range(60..1200),
        });
    DemoOrganisation {
        profile,
        days_since_update,
        level: draft.level,
        generated,
        romaji: draft.romaji,
        content,
    }
}

/// Generates the demo data for `seed`; pure and deterministic for a given day.
pub fn generate(seed: u64) -> DemoData {
    let mut g = Generator::new(seed);
    let mut drafts = hand_written::hand_written();
    for d in &drafts {
        g.names.insert(d.input.name.clone());
        g.numbers.insert(d.input.corporate_number.clone());
    }
    let first_generated = drafts.len();
    for _ in 0..GENERATED {
        drafts.push(g.draft());
    }
    let in_okayama = |drafts: &[Draft], form: LegalForm, skip: usize| {
        drafts
            .iter()
            .enumerate()
            .skip(first_generated)
            .filter(|(_, d)| d.place.0 == 33 && d.form == form)
            .nth(skip)
            .map(|(i, _)| i)
            .expect("the generated data has organisations of this form in Okayama")
    };
    let owned = in_okayama(&drafts, LegalForm::Npo, 0);
    let claimed = in_okayama(&drafts, LegalForm::Voluntary, 0);
    // The demo owner's organisation is one short checklist away from ★3: the people in
    // numbers, and the latest year's finances.
    drafts[owned].level = 2;
    drafts[owned].gaps = Some(vec![Gap::Figures, Gap::Finances]);
    // Every level shows in each regional portal, whatever the seed: an NPO法人 of the most
    // common level takes a missing one.
    for (_, prefecture) in REGIONS {
        for level in 0..=5u8 {
            let local = |d: &&Draft| d.place.0 == prefecture;
            if drafts[first_generated..]
                .iter()
                .filter(local)
                .any(|d| d.level == level)
            {
                continue;
            }
            let mut counts = [0usize; 6];
            for d in drafts[first_generated..].iter().filter(local) {
                counts[d.level as usize] += 1;
            }
            let common = (0..6).max_by_key(|l| counts[*l]).unwrap_or(1) as u8;
            if let Some(i) = (first_generated..drafts.len()).find(|i| {
                let d = &drafts[*i];
                d.place.0 == prefecture
                    && d.form == LegalForm::Npo
                    && d.level == common
                    && *i != owned
                    && *i != claimed
            }) {
                drafts[i].level = level;
            }
        }
    }
    let organisations: Vec<DemoOrganisation> = drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| finish(&mut g, d, i >= first_generated))
        .collect();
    // The Okayama office lists one national network that supports local groups.
    let national = organisations
        .iter()
        .position(|o| o.profile.name.contains("こども・わかもの応援ネットワーク"))
        .expect("hand-written organisation");
    let accounts = vec![
        DemoAccount {
            email: "admin@demo.hiroba.example",
            name: "プラットフォーム管理者",
            platform_admin: true,
            portals: vec![],
            organisations: vec![],
        },
        DemoAccount {
            email: "okayama-operator@demo.hiroba.example",
            name: "岡山 事務局（運営者）",
            platform_admin: false,
            portals: vec![(0, PortalRole::Operator)],
            organisations: vec![(0, OrgRole::Owner)],
        },
        DemoAccount {
            email: "okayama-editor@demo.hiroba.example",
            name: "岡山 事務局（編集担当）",
            platform_admin: false,
            portals: vec![(0, PortalRole::Editor)],
            organisations: vec![],
        },
        DemoAccount {
            email: "kyoto-operator@demo.hiroba.example",
            name: "京都 事務局（運営者）",
            platform_admin: false,
            portals: vec![(1, PortalRole::Operator)],
            organisations: vec![(1, OrgRole::Owner)],
        },
        DemoAccount {
            email: "owner@demo.hiroba.example",
            name: "山田 花子（団体管理者）",
            platform_admin: false,
            portals: vec![],
            organisations: vec![(owned, OrgRole::Owner)],
        },
        DemoAccount {
            email: "editor@demo.hiroba.example",
            name: "佐藤 健（団体編集者）",
            platform_admin: false,
            portals: vec![],
            organisations: vec![(owned, OrgRole::Editor)],
        },
        DemoAccount {
            email: "citizen@demo.hiroba.example",
            name: "鈴木 一郎",
            platform_admin: false,
            portals: vec![],
            organisations: vec![],
        },
    ];
    DemoData {
        accounts,
        claims: vec![(
            6,
            claimed,
            "この会の代表をしています。会の規約と活動報告書をお送りできます。",
        )],
        municipalities: municipalities(),
        certifications: certification::plan(&organisations, &REGIONS, &[owned, claimed]),
        organisations,
        portals: portals::portals(),
        curations: vec![(0, national, Curation::Include)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hiroba_domain::documents::DocumentKind;
    use hiroba_domain::finances::Basis;
    use std::collections::{HashMap, HashSet};

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = generate(DEFAULT_SEED);
        let b = generate(DEFAULT_SEED);
        let names = |d: &DemoData| {
            d.organisations
                .iter()
                .map(|o| o.profile.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        assert_ne!(names(&a), names(&generate(7)));
    }

    #[test]
    fn enough_varied_and_valid_organisations() {
        let d = generate(DEFAULT_SEED);
        assert!(d.organisations.len() >= 300);
        assert!(d.portals.len() >= 3);
        let mut forms: HashMap<LegalForm, usize> = HashMap::new();
        let mut prefectures = HashSet::new();
        let mut fields = HashSet::new();
        let mut numbers = HashSet::new();
        for o in &d.organisations {
            *forms.entry(o.profile.legal_form).or_default() += 1;
            prefectures.extend(o.profile.address.prefecture);
            fields.extend(o.profile.activity_fields.iter());
            if let Some(n) = o.profile.corporate_number {
                assert!(numbers.insert(n), "法人番号 {n} is unique");
            }
            // Profiles went through validation; stored codes re-validate.
            if let Some(m) = o.profile.address.municipality {
                assert_eq!(MunicipalityCode::parse(&m.to_string()), Ok(m));
            }
            if o.profile.legal_form == LegalForm::Voluntary {
                assert!(
                    o.profile.address.public_street().is_none(),
                    "no home address is public"
                );
                assert!(o.profile.corporate_number.is_none());
            }
        }
        assert!(forms.len() >= 12, "legal forms: {forms:?}");
        assert!(prefectures.len() >= 8, "prefectures: {prefectures:?}");
        assert!(fields.len() >= 18, "activity fields: {fields:?}");
        let bare = d
            .organisations
            .iter()
            .filter(|o| o.profile.mission.is_none())
            .count();
        let full = d
            .organisations
            .iter()
            .filter(|o| o.profile.description.is_some())
            .count();
        assert!(
            bare > 15 && full > 150,
            "completeness varies: {bare} bare, {full} full"
        );
    }

    #[test]
    fn local_governments_have_their_real_corporate_numbers() {
        let d = generate(DEFAULT_SEED);
        let okayama = d
            .organisations
            .iter()
            .find(|o| o.profile.name == "岡山市")
            .unwrap();
        // 岡山市: "000020" + 331007 with its check digit.
        assert_eq!(
            okayama.profile.corporate_number.unwrap().to_string(),
            "5000020331007"
        );
    }

    #[test]
    fn gazetteer_codes_are_valid_and_named() {
        let munis = municipalities();
        assert!(
            munis
                .iter()
                .any(|m| m.code.to_string() == "331007" && m.name_ja == "岡山市")
        );
        assert!(
            munis
                .iter()
                .any(|m| m.code.to_string() == "261009" && m.name_ja == "京都市")
        );
        assert!(
            munis
                .iter()
                .any(|m| m.code.to_string() == "332020" && m.name_ja == "倉敷市")
        );
    }

    /// The rubric applied to the generated data, without a database: what `load` stores
    /// reaches exactly the intended level, for several seeds.
    fn assessed(o: &DemoOrganisation) -> u8 {
        use hiroba_domain::disclosure::{DocumentFacts, Facts, MetricFacts, ReportFacts, assess};
        let c = &o.content;
        let reports: Vec<ReportFacts> = c
            .reports
            .iter()
            .map(|r| ReportFacts {
                year: r.fiscal_year,
                has_finances: r.statement.has_year_finances(),
            })
            .collect();
        let documents: Vec<DocumentFacts> = c
            .documents
            .iter()
            .map(|d| DocumentFacts {
                kind: d.kind,
                year: d.fiscal_year,
            })
            .collect();
        let metrics: Vec<MetricFacts> = c
            .metrics
            .iter()
            .map(|m| MetricFacts {
                shows_results: m.metric.kind.shows_results(),
                years_with_values: m.values.iter().map(|v| v.0).collect(),
            })
            .collect();
        assess(
            &Facts {
                profile: &o.profile,
                has_logo: matches!(c.logo, DemoLogo::Image { .. }),
                logo_none: c.logo == DemoLogo::None,
                programmes: c.programmes.len(),
                reports: &reports,
                documents: &documents,
                metrics: &metrics,
                reviewed_on: c.reviewed.then(today),
            },
            today(),
        )
        .level
    }

    #[test]
    fn every_seed_reaches_its_levels_in_both_regions() {
        for seed in [DEFAULT_SEED, 1, 2, 3, 7] {
            let d = generate(seed);
            for o in &d.organisations {
                assert_eq!(assessed(o), o.level, "seed {seed}: {}", o.profile.name);
            }
            for (_, prefecture) in REGIONS {
                let mut counts = [0usize; 6];
                for o in d
                    .organisations
                    .iter()
                    .filter(|o| o.profile.address.prefecture.map(|p| p.get()) == Some(prefecture))
                {
                    counts[o.level as usize] += 1;
                }
                assert!(
                    counts.iter().all(|c| *c > 0),
                    "seed {seed} {prefecture}: {counts:?}"
                );
                // Many publish the basics; fewer their documents and results.
                assert!(
                    counts[1] + counts[2] > 2 * (counts[4] + counts[5]),
                    "{counts:?}"
                );
            }
            let owner = d
                .accounts
                .iter()
                .find(|a| a.email == "owner@demo.hiroba.example")
                .unwrap();
            assert_eq!(d.organisations[owner.organisations[0].0].level, 2);
            let steps: Vec<_> = d.certifications.iter().map(|c| c.step).collect();
            assert!(steps.contains(&hiroba_domain::certification::Step::Three));
            assert!(d.certifications.iter().any(|c| c.revoked.is_some()));
            assert!(d.certifications.iter().any(|c| c.granted_days_ago > 365));
            for c in &d.certifications {
                assert!(d.organisations[c.organisation].level >= 3);
            }
        }
    }

    #[test]
    fn reports_follow_the_legal_form_and_officer_lists_stay_private() {
        let d = generate(DEFAULT_SEED);
        let mut officer_lists = 0;
        for o in &d.organisations {
            for r in &o.content.reports {
                assert_eq!(r.basis, Basis::for_legal_form(o.profile.legal_form));
                assert!(r.statement.has_year_finances());
                let sentences = r.business_report.matches('。').count();
                assert!((2..=4).contains(&sentences), "{}", r.business_report);
            }
            for doc in &o.content.documents {
                if doc.kind == DocumentKind::OfficerList {
                    officer_lists += 1;
                    assert!(!doc.kind.is_public());
                }
                assert!(doc.filename.ends_with(".pdf") && doc.title.is_ascii());
            }
        }
        assert!(officer_lists > 5);
    }
}
