//! Several app nodes on one PostgreSQL database, each with its own search index.

mod common;

use common::*;
use std::process::Command;
use std::time::Duration;

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
