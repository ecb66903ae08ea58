//! Helpers shared by the profile and certification tests: an organisation built up to a given
//! ★ level, a statement, and raw SQL for what the store's API does not show.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use chrono::NaiveDate;
use hiroba_domain::certification::{GrantDecision, Step};
use hiroba_domain::codes::CorporateNumber;
use hiroba_domain::disclosure::due_year;
use hiroba_domain::documents::DocumentKind;
use hiroba_domain::finances::{Basis, Line, Statement, StatementInput};
use hiroba_domain::metrics::{Direction, Metric, MetricKind};
use hiroba_domain::organisations::OrganisationProfile;
use hiroba_domain::programmes::Programme;
use hiroba_store::audit::{AuditEntry, AuditScope};
use hiroba_store::documents::{Document, NewDocument};
use hiroba_store::reports::ReportInput;
use hiroba_store::{By, Engine, Store};
use hiroba_testkit::TestDb;
use hiroba_testkit::fixtures::{edited, organisation};
use std::sync::atomic::{AtomicU64, Ordering};

/// Every organisation here keeps April–March fiscal years.
pub const FISCAL_START: u32 = 4;

/// Today in Japan: what the store's own writes assess against.
pub fn today() -> NaiveDate {
    hiroba_store::disclosure::today_in_japan()
}

pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn days(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}

/// The fiscal year whose report is due today.
pub fn due() -> i32 {
    due_year(today(), FISCAL_START)
}

/// The day the report of year `due() + 1` becomes due (the day after its filing deadline,
/// e.g. the 2025年度 report from 2026-07-01): finances reported up to `due()` are stale from
/// then on.
pub fn stale_from() -> NaiveDate {
    hiroba_domain::disclosure::filing_deadline(due() + 1, FISCAL_START) + chrono::Days::new(1)
}

/// A profile meeting everything ★1–★3 ask of the profile itself (the rest comes from
/// programmes, the logo, reports, documents and metrics).
pub fn full_profile(
    name: &str,
    kana: &str,
    municipality: &str,
    number: u64,
) -> OrganisationProfile {
    edited(&organisation(name, municipality, &[13]), |i| {
        i.name_kana = kana.into();
        i.corporate_number = CorporateNumber::from_base(number).unwrap().to_string();
        i.email = format!("info{number}@example.jp");
        i.website = format!("https://org{number}.example.jp");
        i.mission = "子どもの居場所をつくる".into();
        i.description = "放課後の学習支援と食事の提供".into();
        i.details.founded_on = "2010-04-01".into();
        i.details.representative_name = "山田 花子".into();
        i.details.representative_title = "理事長".into();
        i.details.fiscal_year_start_month = FISCAL_START.to_string();
        i.details.social_none = true;
        i.details.officers = "5".into();
        i.details.staff_full_time = "1".into();
        i.details.staff_part_time = "0".into();
        i.details.volunteers = "20".into();
        i.details.members_regular = "12".into();
    })
}

/// A complete NPO法人 statement: revenue 3,150,000, expenses 2,670,000, assets 2,300,000.
pub fn statement() -> Statement {
    let mut input = StatementInput::default();
    for (line, text) in [
        (Line::FeesRegular, "300,000"),
        (Line::FeesSupporting, "0"),
        (Line::Donations, "850,000"),
        (Line::PrivateGrants, "800,000"),
        (Line::BusinessRevenue, "1,200,000"),
        (Line::ProgramPersonnel, "2,400,000"),
        (Line::AdminOther, "270,000"),
        (Line::ExtraordinaryRevenue, "0"),
        (Line::Taxes, "0"),
        (Line::NetAssetsBroughtForward, "1,320,000"),
        (Line::CurrentAssets, "2,300,000"),
        (Line::FixedAssets, "0"),
        (Line::CurrentLiabilities, "500,000"),
    ] {
        input.set(line, text);
    }
    input.validate(Basis::NpoStandard).unwrap()
}

/// Revenue and expenses only: not "the year's finances" (no balance sheet).
pub fn partial_statement() -> Statement {
    let mut input = StatementInput::default();
    input.set(Line::Donations, "100,000");
    input.set(Line::AdminOther, "△0");
    input.validate(Basis::NpoStandard).unwrap()
}

pub fn programme(name: &str) -> Programme {
    Programme {
        name: name.into(),
        description: Some(format!("{name}の説明")),
        target_population: Some("地域の小学生".into()),
        area: None,
    }
}

pub fn metric(name: &str, kind: MetricKind) -> Metric {
    Metric {
        name: name.into(),
        unit: "人".into(),
        kind,
        direction: Direction::Increase,
        sdg_target: Some("4.1".into()),
        iris_code: None,
        description: None,
    }
}

pub async fn save_report(store: &Store, id: i64, year: i32, s: &Statement) {
    store
        .reports()
        .save(
            id,
            &ReportInput {
                fiscal_year: year,
                basis: Basis::NpoStandard,
                business_report: Some("一年の歩み"),
                statement: s,
            },
            By::SYSTEM,
        )
        .await
        .unwrap();
}

static KEYS: AtomicU64 = AtomicU64::new(0);

pub async fn add_document(
    store: &Store,
    id: i64,
    kind: DocumentKind,
    year: Option<i32>,
) -> Document {
    let key = format!(
        "org{id}/{}-{}",
        kind.code(),
        KEYS.fetch_add(1, Ordering::SeqCst)
    );
    store
        .documents()
        .add(
            &NewDocument {
                organisation_id: id,
                kind,
                fiscal_year: year,
                filename: &format!("{}.pdf", kind.code()),
                content_type: "application/pdf",
                size: 1234,
                sha256: &"a".repeat(64),
                storage_key: &key,
            },
            By::SYSTEM,
        )
        .await
        .unwrap()
}

/// The documents ★4 asks of an NPO法人 for year `year`, and its articles.
pub async fn add_filing(store: &Store, id: i64, year: i32) {
    add_document(store, id, DocumentKind::Articles, None).await;
    for kind in [
        DocumentKind::BusinessReport,
        DocumentKind::ActivityStatement,
        DocumentKind::BalanceSheet,
        DocumentKind::AssetInventory,
    ] {
        add_document(store, id, kind, Some(year)).await;
    }
}

/// The stored ★ level.
pub async fn level(store: &Store, id: i64) -> u8 {
    store
        .organisations()
        .get(id)
        .await
        .unwrap()
        .unwrap()
        .disclosure_level
}

/// An organisation at exactly ★`target` today, built the way its staff would.
pub async fn build(
    store: &Store,
    name: &str,
    kana: &str,
    municipality: &str,
    number: u64,
    target: u8,
) -> i64 {
    let orgs = store.organisations();
    if target == 0 {
        let p = edited(&organisation(name, municipality, &[13]), |i| {
            i.name_kana = kana.into()
        });
        let id = orgs.create(&p, By::SYSTEM).await.unwrap().id;
        assert_eq!(level(store, id).await, 0);
        return id;
    }
    let profile = full_profile(name, kana, municipality, number);
    let id = orgs.create(&profile, By::SYSTEM).await.unwrap().id;
    if target >= 2 {
        store
            .programmes()
            .add(id, &programme("学習支援"), By::SYSTEM)
            .await
            .unwrap();
        orgs.set_logo(id, None, true, By::SYSTEM).await.unwrap();
    }
    if target >= 3 {
        for year in due() - 2..=due() {
            save_report(store, id, year, &statement()).await;
        }
    }
    if target >= 4 {
        add_filing(store, id, due()).await;
    }
    if target >= 5 {
        let m = store
            .metrics()
            .add(
                id,
                &metric("参加した子ども", MetricKind::Output),
                By::SYSTEM,
            )
            .await
            .unwrap();
        store
            .metrics()
            .set_value(m, due(), Some((120.0, None)), By::SYSTEM)
            .await
            .unwrap();
        orgs.mark_reviewed(id, By::SYSTEM).await.unwrap();
    }
    assert_eq!(
        level(store, id).await,
        target,
        "{name} is built to ★{target}"
    );
    id
}

/// The organisation's log, oldest first.
pub async fn log(store: &Store, id: i64) -> Vec<AuditEntry> {
    let mut entries = store
        .audit()
        .list(AuditScope::Organisation(id), None, 1000)
        .await
        .unwrap();
    entries.reverse();
    entries
}

/// The (from, to) of each `organisation.level` entry, oldest first.
pub async fn level_changes(store: &Store, id: i64) -> Vec<(i64, i64)> {
    log(store, id)
        .await
        .iter()
        .filter(|e| e.action == "organisation.level")
        .map(|e| {
            (
                e.details["from"].as_i64().unwrap(),
                e.details["to"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// Runs `sql` on a connection of its own, beside the store (to reach what its API hides).
pub async fn raw_exec(db: &TestDb, sql: &str) {
    use sqlx::Connection;
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match db.engine() {
        Engine::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
            sqlx::raw_sql(sql).execute(&mut c).await.unwrap();
            c.close().await.unwrap();
        }
        Engine::Postgres => {
            let mut c = pg(db).await;
            sqlx::raw_sql(sql).execute(&mut c).await.unwrap();
            c.close().await.unwrap();
        }
    }
}

/// The first row of `sql`, every column read as a nullable integer (cast in the SQL).
pub async fn raw_ints(db: &TestDb, sql: &str) -> Vec<Option<i64>> {
    use sqlx::{Connection, Row};
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match db.engine() {
        Engine::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
            let row = sqlx::raw_sql(sql).fetch_one(&mut c).await.unwrap();
            (0..row.len()).map(|i| row.try_get(i).unwrap()).collect()
        }
        Engine::Postgres => {
            let mut c = pg(db).await;
            let row = sqlx::raw_sql(sql).fetch_one(&mut c).await.unwrap();
            (0..row.len()).map(|i| row.try_get(i).unwrap()).collect()
        }
    }
}

async fn pg(db: &TestDb) -> sqlx::PgConnection {
    use sqlx::Connection;
    let mut c = sqlx::PgConnection::connect(&db.url).await.unwrap();
    let schema = db.pg_schema.as_deref().unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("SET search_path TO {schema}")))
        .execute(&mut c)
        .await
        .unwrap();
    c
}

/// A second store on the same database, as a second app node would have.
pub async fn second_store(db: &TestDb) -> Store {
    let options = hiroba_store::StoreOptions {
        pg_schema: db.pg_schema.clone(),
        max_connections: 4,
        ..Default::default()
    };
    Store::connect(&db.url, &options).await.unwrap()
}

/// The stored certification step.
pub async fn step(store: &Store, id: i64) -> Option<Step> {
    store
        .organisations()
        .get(id)
        .await
        .unwrap()
        .unwrap()
        .certification
}

pub fn decision(step: Step, granted_on: NaiveDate, expires: Option<NaiveDate>) -> GrantDecision {
    GrantDecision {
        step,
        notes: Some("定款・登記事項証明書の原本と照合".into()),
        granted_on,
        expires_on: expires,
    }
}

/// Grants `step` on behalf of `portal`, as of `on`, expecting success.
pub async fn grant(
    store: &Store,
    org: i64,
    portal: i64,
    d: GrantDecision,
    on: NaiveDate,
    by: By,
) -> i64 {
    store
        .certifications()
        .grant(org, portal, &d, on, by)
        .await
        .unwrap()
        .unwrap()
}
