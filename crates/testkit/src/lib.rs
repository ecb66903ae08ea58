//! Test support: a fresh, migrated database per test on every engine under test.
//!
//! SQLite is always tested (a file in a temporary directory). PostgreSQL is tested as well when
//! `HIROBA_TEST_DATABASE_URL` names a database: each test then works in its own schema, dropped
//! afterwards, so tests run in parallel without seeing each other's rows.

use hiroba_store::{Engine, Store, StoreOptions};
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};

pub const PG_URL_VAR: &str = "HIROBA_TEST_DATABASE_URL";

/// The engines this run tests, SQLite first.
pub fn engines() -> Vec<Engine> {
    let mut engines = vec![Engine::Sqlite];
    if pg_url().is_some() {
        engines.push(Engine::Postgres);
    }
    engines
}

pub fn pg_url() -> Option<String> {
    std::env::var(PG_URL_VAR)
        .ok()
        .filter(|s| !s.trim().is_empty())
}

pub struct TestDb {
    pub store: Store,
    /// The URL the store was opened with (for starting other processes on the same data).
    pub url: String,
    /// The PostgreSQL schema of this test, if on PostgreSQL.
    pub pg_schema: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    /// A new empty database on `engine`, migrated.
    pub async fn fresh(engine: Engine) -> TestDb {
        let db = Self::unmigrated(engine).await;
        db.store.migrate().await.expect("migrations apply");
        db
    }

    /// A new empty database on `engine`, not migrated.
    pub async fn unmigrated(engine: Engine) -> TestDb {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("hiroba.db").display());
                let store = Store::connect(&url, &StoreOptions::default())
                    .await
                    .expect("open SQLite");
                TestDb {
                    store,
                    url,
                    pg_schema: None,
                    _dir: Some(dir),
                }
            }
            Engine::Postgres => {
                let url = pg_url().expect("HIROBA_TEST_DATABASE_URL is set");
                let schema = format!(
                    "t{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.subsec_nanos())
                        .unwrap_or(0)
                );
                execute_pg(&url, &format!("CREATE SCHEMA {schema}")).await;
                let options = StoreOptions {
                    max_connections: 4,
                    pg_schema: Some(schema.clone()),
                    ..Default::default()
                };
                let store = Store::connect(&url, &options)
                    .await
                    .expect("open PostgreSQL");
                TestDb {
                    store,
                    url,
                    pg_schema: Some(schema),
                    _dir: None,
                }
            }
        }
    }

    pub fn engine(&self) -> Engine {
        self.store.engine()
    }

    /// Runs raw SQL on the test's database, beside the store: for a state no public operation
    /// makes (a run whose process died a while ago).
    pub async fn execute(&self, sql: &str) {
        match &self.pg_schema {
            Some(schema) => {
                execute_pg(&self.url, &format!("SET search_path TO {schema}; {sql}")).await
            }
            None => {
                use sqlx::Connection;
                let mut conn = sqlx::SqliteConnection::connect(&self.url)
                    .await
                    .unwrap_or_else(|e| panic!("open {}: {e}", self.url));
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                    .execute(&mut conn)
                    .await
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
                let _ = conn.close().await;
            }
        }
    }

    /// The URL with the test's schema selected, for processes started by the test.
    pub fn url_with_schema(&self) -> String {
        match &self.pg_schema {
            Some(schema) => {
                let sep = if self.url.contains('?') { '&' } else { '?' };
                format!("{}{sep}options=-csearch_path%3D{schema}", self.url)
            }
            None => self.url.clone(),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(schema) = self.pg_schema.take() {
            let url = self.url.clone();
            // Drop runs outside async context: use a private runtime on its own thread.
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    rt.block_on(execute_pg(
                        &url,
                        &format!(
                            "SET lock_timeout = '10s'; DROP SCHEMA IF EXISTS {schema} CASCADE"
                        ),
                    ));
                }
            })
            .join();
        }
    }
}

async fn execute_pg(url: &str, sql: &str) {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(url)
        .await
        .unwrap_or_else(|e| panic!("connect to {PG_URL_VAR}: {e}"));
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let _ = conn.close().await;
}

/// Runs `test` once per engine under test, each time on a fresh migrated database. The engine
/// is printed first so a failure says which one failed.
pub async fn each_engine<F, Fut>(test: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    for engine in engines() {
        eprintln!("--- engine: {}", engine.name());
        test(TestDb::fresh(engine).await).await;
    }
}

/// Small builders for valid domain values.
pub mod fixtures {
    use hiroba_domain::organisations::{OrganisationInput, OrganisationProfile};
    use hiroba_domain::portals::{PortalInput, PortalSettings};

    /// An NPO法人 in `municipality` working in the given activity fields.
    pub fn organisation(name: &str, municipality: &str, fields: &[u8]) -> OrganisationProfile {
        OrganisationInput {
            name: format!("特定非営利活動法人 {name}"),
            legal_form: "npo".into(),
            roles: vec!["npo_ngo".into()],
            municipality: municipality.into(),
            activity_fields: fields.iter().map(|f| f.to_string()).collect(),
            ..Default::default()
        }
        .validate(hiroba_store::disclosure::today_in_japan())
        .expect("fixture organisation is valid")
    }

    /// Edits a valid profile through its input form and validates it again.
    pub fn edited(
        profile: &OrganisationProfile,
        edit: impl FnOnce(&mut OrganisationInput),
    ) -> OrganisationProfile {
        let mut input = OrganisationInput::from(profile);
        edit(&mut input);
        input
            .validate(hiroba_store::disclosure::today_in_japan())
            .expect("edited fixture is valid")
    }

    /// A regional portal over the given prefectures.
    pub fn regional_portal(slug: &str, prefectures: &[&str]) -> PortalSettings {
        PortalInput {
            slug: slug.into(),
            name_ja: format!("{slug} ひろば"),
            name_en: format!("{slug} square"),
            kind: "regional".into(),
            prefectures: prefectures.iter().map(|p| p.to_string()).collect(),
            primary_colour: "#1d5d90".into(),
            accent_colour: "#9c3d10".into(),
            ..Default::default()
        }
        .validate()
        .expect("fixture portal is valid")
    }

    /// A small but complete PDF: accepted by the document upload checks.
    pub const PDF: &[u8] =
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    /// The start of a PNG file: enough for the logo checks, which look at the signature.
    pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00";

    /// A profile that meets every requirement of ★1–★3 that the profile itself carries
    /// (fiscal year from April).
    pub fn complete_profile(name: &str, municipality: &str, fields: &[u8]) -> OrganisationProfile {
        use hiroba_domain::organisations::DetailsInput;
        OrganisationInput {
            name: format!("特定非営利活動法人 {name}"),
            legal_form: "npo".into(),
            roles: vec!["npo_ngo".into()],
            corporate_number: "1000011000005".into(),
            municipality: municipality.into(),
            email: "office@example.jp".into(),
            mission: "地域の子どもを支える".into(),
            description: "学習支援と食事の提供".into(),
            activity_fields: fields.iter().map(|f| f.to_string()).collect(),
            details: DetailsInput {
                founded_on: "2005-04-01".into(),
                representative_name: "山田 花子".into(),
                representative_title: "理事長".into(),
                fiscal_year_start_month: "4".into(),
                website_none: true,
                social_none: true,
                officers: "5".into(),
                staff_full_time: "1".into(),
                staff_part_time: "2".into(),
                volunteers: "30".into(),
                members_regular: "20".into(),
                ..Default::default()
            },
            ..Default::default()
        }
        .validate(hiroba_store::disclosure::today_in_japan())
        .expect("complete fixture is valid")
    }

    /// Creates an organisation at ★3 (and so STEP1): a complete profile, a programme, "no
    /// logo", and the finances of the year now due. The corporate number is left out when
    /// `corporate_number` is false (it must be unique).
    pub async fn at_level_three(
        store: &hiroba_store::Store,
        name: &str,
        municipality: &str,
        fields: &[u8],
    ) -> i64 {
        use hiroba_domain::finances::{Basis, StatementInput};
        use hiroba_store::By;
        let mut profile = complete_profile(name, municipality, fields);
        profile.corporate_number = None;
        profile.legal_form = hiroba_domain::legal_forms::LegalForm::Voluntary;
        let id = store
            .organisations()
            .create(&profile, By::SYSTEM)
            .await
            .expect("create")
            .id;
        store
            .programmes()
            .add(
                id,
                &hiroba_domain::programmes::Programme {
                    name: "学習支援".into(),
                    description: None,
                    target_population: None,
                    area: None,
                },
                By::SYSTEM,
            )
            .await
            .expect("programme");
        store
            .organisations()
            .set_logo(id, None, true, By::SYSTEM)
            .await
            .expect("logo");
        let year =
            hiroba_domain::disclosure::due_year(hiroba_store::disclosure::today_in_japan(), 4);
        let mut lines = StatementInput::default();
        for (k, v) in [
            ("donations_total", "1000000"),
            ("business_revenue", "500000"),
            ("program_total", "1200000"),
            ("admin_total", "200000"),
            ("assets_total", "800000"),
            ("liabilities_total", "100000"),
        ] {
            lines.0.insert(k.into(), v.into());
        }
        let statement = lines.validate(Basis::Headline).expect("statement adds up");
        store
            .reports()
            .save(
                id,
                &hiroba_store::reports::ReportInput {
                    fiscal_year: year,
                    basis: Basis::Headline,
                    business_report: Some("学習支援を毎週行いました。"),
                    statement: &statement,
                },
                By::SYSTEM,
            )
            .await
            .expect("report");
        id
    }

    /// A nationwide theme portal over the given activity fields.
    pub fn theme_portal(slug: &str, fields: &[u8]) -> PortalSettings {
        PortalInput {
            slug: slug.into(),
            name_ja: format!("{slug} テーマ"),
            name_en: format!("{slug} theme"),
            kind: "theme".into(),
            activity_fields: fields.iter().map(|f| f.to_string()).collect(),
            primary_colour: "#2e6b30".into(),
            accent_colour: "#9c3d10".into(),
            ..Default::default()
        }
        .validate()
        .expect("fixture portal is valid")
    }
}

/// A real SMTP server for tests (see `smtp_sink.py`): what the application sends over SMTP
/// arrives here, one file per message.
pub struct SmtpSink {
    pub port: u16,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl SmtpSink {
    /// Starts the server; fails loudly if Python is missing (the test cannot be run without a
    /// real SMTP server, and must not pretend it passed).
    pub fn start() -> SmtpSink {
        use std::io::BufRead;
        let dir = tempfile::tempdir().expect("temp dir");
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("smtp_sink.py");
        let mut child = std::process::Command::new("python3")
            .arg(&script)
            .arg(dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .expect("python3 runs the SMTP test server (install Python 3)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the SMTP server starts");
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("SMTP server said {line:?}"));
        SmtpSink { port, dir, child }
    }

    /// Raw messages received so far, in order.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read(p).expect("message file"))
            .collect()
    }

    /// Waits (up to ten seconds) until at least `n` messages have arrived.
    pub fn wait_for(&self, n: usize) -> Vec<Vec<u8>> {
        for _ in 0..100 {
            let m = self.messages();
            if m.len() >= n {
                return m;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("expected {n} messages, got {}", self.messages().len());
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
