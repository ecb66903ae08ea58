//! End-to-end tests of the `hiroba` binary: it is started as a process and spoken to over HTTP.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_hiroba");

struct Server {
    child: Child,
    url: String,
    stdout: Vec<String>,
}

impl Server {
    /// Starts `hiroba args…` and waits for the line announcing its URL.
    fn start(args: &[&str], dir: &std::path::Path) -> Server {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(dir)
            .env_remove("HIROBA_DATABASE_URL")
            .env("HIROBA_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start hiroba");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut stdout = Vec::new();
        let url = loop {
            let line = lines
                .next()
                .expect("hiroba printed its URL before exiting")
                .unwrap();
            stdout.push(line.clone());
            if let Some(i) = line.find("listening on http://") {
                break line[i + "listening on ".len()..].trim().to_owned();
            }
        };
        // Keep draining stdout so the child never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, url, stdout }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let mut r = agent
            .get(&format!("{}{path}", self.url))
            .call()
            .expect("request");
        let status = r.status().as_u16();
        (status, r.body_mut().read_to_string().unwrap_or_default())
    }

    /// Signs in through the page form as a browser would (CSRF cookie and token, same-origin
    /// fetch metadata) and returns the cookies to send with later requests.
    fn sign_in(&self, email: &str, password: &str) -> Result<String, (u16, String)> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let mut form = agent.get(&format!("{}/signin", self.url)).call().unwrap();
        let csrf_cookie = cookie(form.headers(), "hiroba_csrf").expect("a CSRF cookie");
        let page = form.body_mut().read_to_string().unwrap();
        let token = page
            .split("name=\"_csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a CSRF field")
            .to_owned();
        let mut r = agent
            .post(&format!("{}/signin", self.url))
            .header("cookie", &format!("hiroba_csrf={csrf_cookie}"))
            .header("sec-fetch-site", "same-origin")
            .send_form([
                ("_csrf", token.as_str()),
                ("email", email),
                ("password", password),
                ("next", ""),
            ])
            .unwrap();
        let status = r.status().as_u16();
        match cookie(r.headers(), "hiroba_session") {
            Some(session) if status == 303 => Ok(format!(
                "hiroba_csrf={csrf_cookie}; hiroba_session={session}"
            )),
            _ => Err((status, r.body_mut().read_to_string().unwrap_or_default())),
        }
    }

    fn get_as(&self, path: &str, cookies: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let mut r = agent
            .get(&format!("{}{path}", self.url))
            .header("cookie", cookies)
            .call()
            .expect("request");
        let status = r.status().as_u16();
        (status, r.body_mut().read_to_string().unwrap_or_default())
    }

    /// SIGTERM, then the process must exit cleanly.
    fn stop(mut self) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        for _ in 0..100 {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(
                    status.success(),
                    "hiroba exited with {status} after SIGTERM"
                );
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        panic!("hiroba did not stop within 10 s of SIGTERM");
    }
}

/// A failed assertion must not leave servers running (they would also hold the test's output
/// pipes open).
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn cookie(headers: &ureq::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next()?.split_once('='))
        .find(|(n, v)| *n == name && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

fn hiroba(args: &[&str], dir: &std::path::Path, stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("HIROBA_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn count_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() { count_files(&path) } else { 1 }
                })
                .sum()
        })
        .unwrap_or(0)
}

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

/// Two server processes on one PostgreSQL database, each with its own search index: an
/// organisation created or edited through one is found through the other within 2 s; a node
/// that was stopped catches up when it starts again, and one whose index was deleted rebuilds it.
#[test]
#[ignore = "needs PostgreSQL: set HIROBA_TEST_DATABASE_URL and pass --include-ignored (as .ci/run does)"]
fn two_nodes_share_one_database_and_search_follows() {
    let url = std::env::var("HIROBA_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .expect("HIROBA_TEST_DATABASE_URL names a PostgreSQL database");
    let schema = format!("e2e_nodes_{}", std::process::id());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let psql = |sql: &str| {
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
    let loaded = Command::new(BIN)
        .args(["demo", "--database-url", &scoped, "--no-serve"])
        .current_dir(dir.path())
        .env("HIROBA_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        loaded.status.success(),
        "{}",
        String::from_utf8_lossy(&loaded.stderr)
    );

    // An API token for the demo's organisation owner, as the account page would make one.
    let token = rt.block_on(async {
        let store = hiroba_store::Store::connect(&scoped, &Default::default())
            .await
            .unwrap();
        let owner = store
            .users()
            .by_email("owner@demo.hiroba.example")
            .await
            .unwrap()
            .expect("the demo owner");
        let token = hiroba_auth::new_api_token();
        store
            .api_tokens()
            .create(
                owner.id,
                "two nodes",
                &token.display_prefix,
                &hiroba_auth::digest(&token.secret),
                hiroba_domain::roles::TokenScope::ReadWrite,
            )
            .await
            .unwrap();
        store.close().await;
        token.secret
    });

    let node = |data: &str| {
        Server::start(
            &[
                "serve",
                "--database-url",
                &scoped,
                "--data-dir",
                data,
                "--listen",
                "127.0.0.1:0",
            ],
            dir.path(),
        )
    };
    let finds = |server: &Server, q: &str, name: &str| {
        let (status, body) = server.get(&format!("/api/v1/search?q={}", encode(q)));
        assert_eq!(status, 200, "{body}");
        body.contains(name)
    };
    let wait_for = |server: &Server, q: &str, name: &str, within: Duration| {
        let start = std::time::Instant::now();
        while start.elapsed() < within {
            if finds(server, q, name) {
                return start.elapsed();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{name} not found by {q} within {within:?}");
    };
    let a = node("a");
    let b = node("b");
    // Each node builds its own index from the database when it starts.
    for server in [&a, &b] {
        wait_for(
            server,
            "きびの国",
            "きびの国市民活動支援センター",
            Duration::from_secs(60),
        );
    }

    let send = |method: &str, path: &str, body: &str| -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let url = format!("{}{path}", a.url);
        let request = match method {
            "POST" => agent.post(&url),
            _ => agent.put(&url),
        };
        let mut r = request
            .header("authorization", &format!("Bearer {token}"))
            .header("content-type", "application/json")
            .send(body)
            .unwrap();
        (
            r.status().as_u16(),
            r.body_mut().read_to_string().unwrap_or_default(),
        )
    };
    let profile = |name: &str, kana: &str| {
        format!(
            r#"{{"name":"{name}","name_kana":"{kana}","legal_form":"voluntary","municipality":"331015","mission":"窓辺で本を読む会です。","activity_fields":["2"]}}"#
        )
    };
    let (status, created) = send(
        "POST",
        "/api/v1/organisations",
        &profile("ふたつのまど読書会", "フタツノマドドクショカイ"),
    );
    assert_eq!(status, 201, "{created}");
    let id: i64 = created
        .split("\"id\":")
        .nth(1)
        .and_then(|r| r.split([',', '}']).next())
        .and_then(|n| n.trim().parse().ok())
        .expect("the new organisation's id");
    let took = wait_for(
        &b,
        "ふたつのまど",
        "ふたつのまど読書会",
        Duration::from_secs(2),
    );
    eprintln!("created through a, found through b after {took:?}");

    let (status, body) = send(
        "PUT",
        &format!("/api/v1/organisations/{id}"),
        &profile("みっつのまど読書会", "ミッツノマドドクショカイ"),
    );
    assert_eq!(status, 200, "{body}");
    let took = wait_for(
        &b,
        "みっつのまど",
        "みっつのまど読書会",
        Duration::from_secs(2),
    );
    eprintln!("edited through a, found through b after {took:?}");
    assert!(!finds(&b, "ふたつのまど", "ふたつのまど読書会"));

    // b falls behind while stopped, and catches up when it starts again.
    b.stop();
    let (status, body) = send(
        "PUT",
        &format!("/api/v1/organisations/{id}"),
        &profile("よっつのまど読書会", "ヨッツノマドドクショカイ"),
    );
    assert_eq!(status, 200, "{body}");
    let b = node("b");
    wait_for(
        &b,
        "よっつのまど",
        "よっつのまど読書会",
        Duration::from_secs(10),
    );
    b.stop();

    // b's index is lost: rebuilt from the database on start.
    std::fs::remove_dir_all(dir.path().join("b").join("search")).unwrap();
    let b = node("b");
    wait_for(
        &b,
        "よっつのまど",
        "よっつのまど読書会",
        Duration::from_secs(60),
    );
    wait_for(
        &b,
        "きびの国",
        "きびの国市民活動支援センター",
        Duration::from_secs(10),
    );
    b.stop();
    a.stop();
    psql(&format!("DROP SCHEMA {schema} CASCADE"));
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
