//! End-to-end tests of the `hiroba` binary: it is started as a process and spoken to over HTTP.

mod common;

use common::*;
use std::process::Command;

#[test]
fn demo_serves_a_portal_and_stops_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&["demo", "--listen", "127.0.0.1:0"], dir.path());
    assert!(
        server
            .stdout
            .iter()
            .any(|l| l.contains("334 organisations")),
        "{:?}",
        server.stdout
    );
    assert!(
        dir.path().join("demo-data/hiroba-demo.db").exists(),
        "the demo keeps its own SQLite file"
    );
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("おかやま市民活動ひろば") && home.contains("京都ソーシャルひろば"));
    let (status, portal) = server.get("/p/okayama/organisations?activity_field=13");
    assert_eq!(status, 200);
    assert!(portal.contains("org-card"));
    assert_eq!(server.get("/healthz"), (200, "ok\n".into()));
    assert_eq!(server.get("/readyz").0, 200);
    assert!(server.get("/metrics").1.contains("http_requests_total"));
    let (status, api) = server.get("/api/v1/portals");
    assert_eq!(status, 200);
    assert!(api.contains("\"slug\":\"kodomo-wakamono\""));
    assert!(
        api.contains(&format!("\"html\":\"{}/p/okayama\"", server.url)),
        "base URL defaults to the bound address"
    );

    // The demo accounts the README lists can sign in and reach their pages.
    let admin = server
        .sign_in("admin@demo.hiroba.example", "hiroba-demo-2026")
        .expect("demo administrator signs in");
    assert_eq!(server.get_as("/admin", &admin).0, 200);
    let operator = server
        .sign_in("okayama-operator@demo.hiroba.example", "hiroba-demo-2026")
        .expect("demo operator signs in");
    assert_eq!(server.get_as("/p/okayama/admin", &operator).0, 200);
    assert_eq!(
        server.get_as("/p/kyoto/admin", &operator).0,
        403,
        "an operator of one portal is refused another's"
    );
    let (status, _) = server
        .sign_in("admin@demo.hiroba.example", "wrong-password")
        .expect_err("a wrong password is refused");
    assert_eq!(status, 401);
    server.stop();

    let uploads = count_files(&dir.path().join("demo-data/files"));
    assert!(
        uploads > 100,
        "documents and logos are real files: {uploads}"
    );

    // Running the demo again starts from scratch with the same data, uploads included.
    let again = Server::start(&["demo", "--listen", "127.0.0.1:0"], dir.path());
    assert!(again.stdout.iter().any(|l| l.contains("334 organisations")));
    assert_eq!(
        count_files(&dir.path().join("demo-data/files")),
        uploads,
        "the previous run's files were removed"
    );
    again.stop();
}

#[test]
fn migrate_then_serve_an_empty_sqlite_database() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["migrate", "--data-dir", "site"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("applied m0001_foundation"));
    assert!(
        dir.path().join("site/hiroba.db").exists(),
        "SQLite file created under the data directory"
    );
    let out = Command::new(BIN)
        .args(["migrate", "--data-dir", "site"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("up to date"));

    let server = Server::start(
        &["serve", "--data-dir", "site", "--listen", "127.0.0.1:0"],
        dir.path(),
    );
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("まだポータルがありません"));
    server.stop();
}

#[test]
fn configuration_file_environment_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hiroba.toml"),
        "listen = \"127.0.0.1:0\"\nbase_url = \"https://portal.example.jp/\"\n",
    )
    .unwrap();
    // The file in the working directory is read; the flag beats it for the data directory.
    let server = Server::start(&["serve", "--data-dir", "flagdir"], dir.path());
    assert!(dir.path().join("flagdir/hiroba.db").exists());
    let (_, api) = server.get("/api");
    assert!(
        api.contains("https://portal.example.jp/api/v1"),
        "base URL from the file"
    );
    server.stop();

    let bad = Command::new(BIN)
        .args(["serve"])
        .current_dir(dir.path())
        .env("HIROBA_DB_MAX_CONNECTIONS", "lots")
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let message = String::from_utf8_lossy(&bad.stderr).to_lowercase();
    assert!(
        message.contains("db_max_connections") && message.contains("lots"),
        "{message}"
    );

    let unsupported = Command::new(BIN)
        .args(["migrate", "--database-url", "mysql://root@localhost/x"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!unsupported.status.success());
    assert!(String::from_utf8_lossy(&unsupported.stderr).contains("unsupported database URL"));
}

#[test]
fn admin_create_user_makes_an_account_that_can_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let create = |args: &[&str], stdin: &str| {
        let mut all = vec!["admin", "create-user", "--data-dir", "site"];
        all.extend_from_slice(args);
        hiroba(&all, dir.path(), stdin)
    };
    let weak = create(
        &["--email", "root@example.jp", "--password-stdin"],
        "short\n",
    );
    assert!(!weak.status.success());
    assert!(
        String::from_utf8_lossy(&weak.stderr).contains("password"),
        "{}",
        String::from_utf8_lossy(&weak.stderr)
    );
    let bad_email = create(&["--email", "not-an-address"], "");
    assert!(!bad_email.status.success());
    assert!(String::from_utf8_lossy(&bad_email.stderr).contains("not-an-address"));

    let made = create(
        &[
            "--email",
            "root@example.jp",
            "--name",
            "管理者",
            "--platform-admin",
            "--password-stdin",
        ],
        "correct horse battery staple\n",
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let out = String::from_utf8_lossy(&made.stdout);
    assert!(out.contains("platform administrator") && !out.contains("Password"));
    let again = create(&["--email", "root@example.jp"], "");
    assert!(!again.status.success(), "the same address twice is refused");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    // Without --password-stdin a password is generated and printed once.
    let generated = create(&["--email", "staff@example.jp"], "");
    assert!(generated.status.success());
    let printed = String::from_utf8_lossy(&generated.stdout);
    let password = printed
        .lines()
        .find_map(|l| l.strip_prefix("Password (shown once): "))
        .expect("the generated password is printed")
        .to_owned();

    let server = Server::start(
        &["serve", "--data-dir", "site", "--listen", "127.0.0.1:0"],
        dir.path(),
    );
    let root = server
        .sign_in("root@example.jp", "correct horse battery staple")
        .expect("the new administrator signs in");
    let (status, admin) = server.get_as("/admin", &root);
    assert_eq!(status, 200);
    assert!(admin.contains("root@example.jp") || admin.contains("管理者"));
    let staff = server
        .sign_in("staff@example.jp", &password)
        .expect("the generated password works");
    assert_eq!(
        server.get_as("/admin", &staff).0,
        403,
        "an ordinary account is not an administrator"
    );
    server.stop();

    // An existing account can be promoted later.
    let promoted = create(&["--email", "staff@example.jp", "--platform-admin"], "");
    assert!(promoted.status.success());
    assert!(String::from_utf8_lossy(&promoted.stdout).contains("now a platform administrator"));
}

#[test]
fn help_is_clear() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for word in [
        "serve",
        "migrate",
        "demo",
        "--database-url",
        "HIROBA_DATABASE_URL",
        "TOML",
    ] {
        assert!(help.contains(word), "--help mentions {word}:\n{help}");
    }
    for sub in ["serve", "migrate", "demo"] {
        let out = Command::new(BIN).args([sub, "--help"]).output().unwrap();
        assert!(out.status.success(), "{sub} --help");
    }
    let demo = String::from_utf8_lossy(
        &Command::new(BIN)
            .args(["demo", "--help"])
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    assert!(demo.contains("--reset") && demo.contains("--seed"));
}

/// The same binary on PostgreSQL: migrates, loads the demo and serves the same pages.
#[test]
#[ignore = "needs PostgreSQL: set HIROBA_TEST_DATABASE_URL and pass --include-ignored (as .ci/run does)"]
fn postgres_demo_and_serve() {
    let url = std::env::var("HIROBA_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .expect("HIROBA_TEST_DATABASE_URL names a PostgreSQL database");
    // A schema of its own so parallel tests do not collide.
    let schema = format!("e2e_{}", std::process::id());
    let psql = |sql: &str| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            use sqlx::Connection;
            let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(&mut c)
                .await
                .unwrap();
        });
    };
    psql(&format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
    ));
    let sep = if url.contains('?') { '&' } else { '?' };
    let scoped = format!("{url}{sep}options=-c%20search_path%3D{schema}");
    let dir = tempfile::tempdir().unwrap();

    let server = Server::start(
        &["demo", "--database-url", &scoped, "--listen", "127.0.0.1:0"],
        dir.path(),
    );
    assert!(
        server
            .stdout
            .iter()
            .any(|l| l.contains("334 organisations")),
        "{:?}",
        server.stdout
    );
    let (status, page) = server.get("/p/kyoto/organisations?legal_form=npo");
    assert_eq!(status, 200);
    assert!(page.contains("org-card"));
    let owner = server
        .sign_in("owner@demo.hiroba.example", "hiroba-demo-2026")
        .expect("demo organisation owner signs in on PostgreSQL");
    let (status, account) = server.get_as("/account", &owner);
    assert_eq!(status, 200);
    assert!(account.contains("owner@demo.hiroba.example"));
    server.stop();

    // A non-empty database is refused without --reset.
    let refused = Command::new(BIN)
        .args(["demo", "--database-url", &scoped, "--no-serve"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--reset"));

    let server = Server::start(
        &[
            "serve",
            "--database-url",
            &scoped,
            "--listen",
            "127.0.0.1:0",
        ],
        dir.path(),
    );
    let (status, profile) = server.get("/organisations/1");
    assert_eq!(status, 200);
    assert!(profile.contains("application/ld+json"));
    assert_eq!(server.get("/readyz").0, 200);
    server.stop();
    psql(&format!("DROP SCHEMA {schema} CASCADE"));
}
