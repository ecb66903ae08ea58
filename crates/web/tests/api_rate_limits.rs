//! The API's rate limits on every engine under test: per address (IPv6 per /64) without a
//! token, per account with one, their headers, 429 problems, and failing open.

mod support;

use axum::http::StatusCode;
use hiroba_testkit::each_engine;
use support::BASE_URL;
use support::clients::{from, limited, token_for};

#[tokio::test]
async fn anonymous_clients_are_limited_per_address() {
    each_engine(|db| async move {
        let app = limited(db, 3, 5);
        let uri = "/api/v1/portals";
        for remaining in [2, 1, 0] {
            let r = from(&app, "192.0.2.1", uri, &[]).await;
            assert_eq!(r.status, StatusCode::OK);
            assert_eq!(r.header("ratelimit-limit"), "3");
            assert_eq!(r.header("ratelimit-remaining"), remaining.to_string());
            assert_eq!(r.header("ratelimit-policy"), "3;w=600");
            let reset: i64 = r.header("ratelimit-reset").parse().unwrap();
            assert!((0..=600).contains(&reset), "{reset}");
        }
        let over = from(&app, "192.0.2.1", uri, &[]).await;
        assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
        let wait: i64 = over.header("retry-after").parse().unwrap();
        assert!((1..=600).contains(&wait), "{wait}");
        assert_eq!(over.header("ratelimit-remaining"), "0");
        assert_eq!(over.header("ratelimit-limit"), "3");
        assert_eq!(over.header("content-type"), "application/problem+json");
        assert_eq!(over.header("cache-control"), "no-store");
        let p = over.json();
        assert_eq!(p["status"], 429);
        assert_eq!(p["type"], format!("{BASE_URL}/api#problem-rate-limited"));
        assert_eq!(p["title"], "リクエストが多すぎます");
        assert!(p["detail"].as_str().unwrap().contains("秒後"), "{p}");
        // Still refused, in English when asked, however the path is spelled.
        let en = from(
            &app,
            "192.0.2.1",
            "/api/v1/organisations",
            &[("accept-language", "en")],
        )
        .await;
        assert_eq!(en.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(en.json()["title"], "Too many requests");
        // A forged X-Forwarded-For does not help when no proxy is trusted.
        let forged = from(
            &app,
            "192.0.2.1",
            uri,
            &[("x-forwarded-for", "198.51.100.9")],
        )
        .await;
        assert_eq!(forged.status, StatusCode::TOO_MANY_REQUESTS);
        // Nor does a token that is not valid.
        let bad = from(
            &app,
            "192.0.2.1",
            uri,
            &[("authorization", "Bearer hiroba_not-a-token")],
        )
        .await;
        assert_eq!(bad.status, StatusCode::TOO_MANY_REQUESTS);

        // Another address has its own count; pages are not limited.
        let other = from(&app, "2001:db8::7", uri, &[]).await;
        assert_eq!(other.status, StatusCode::OK);
        assert_eq!(other.header("ratelimit-remaining"), "2");
        assert_eq!(
            from(&app, "192.0.2.1", "/organisations", &[]).await.status,
            StatusCode::OK
        );
        // Answers that are not 200 carry the headers too (a 304, a 404).
        let tag = other.header("etag").to_owned();
        let not_modified = from(&app, "2001:db8::7", uri, &[("if-none-match", &tag)]).await;
        assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);
        assert_eq!(not_modified.header("ratelimit-remaining"), "1");
        let missing = from(&app, "2001:db8::7", "/api/v1/portals/nowhere", &[]).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(missing.header("ratelimit-remaining"), "0");

        // Without a known address (no peer, no trusted proxy) nothing is counted: every
        // client would otherwise share one count.
        let unknown = app.get(uri).await;
        assert_eq!(unknown.status, StatusCode::OK);
        assert_eq!(unknown.header("ratelimit-limit"), "");
    })
    .await;
}

#[tokio::test]
async fn token_holders_have_their_own_higher_limit() {
    each_engine(|db| async move {
        let app = limited(db, 1, 3);
        let token = token_for(&app, "heavy@example.jp").await;
        let auth = format!("Bearer {token}");
        let uri = "/api/v1/vocabularies";
        assert_eq!(
            from(&app, "192.0.2.5", uri, &[]).await.status,
            StatusCode::OK
        );
        assert_eq!(
            from(&app, "192.0.2.5", uri, &[]).await.status,
            StatusCode::TOO_MANY_REQUESTS,
            "the address's anonymous allowance is spent"
        );
        for (ip, remaining) in [("192.0.2.5", 2), ("198.51.100.1", 1), ("192.0.2.5", 0)] {
            let r = from(&app, ip, uri, &[("authorization", &auth)]).await;
            assert_eq!(
                r.status,
                StatusCode::OK,
                "counted per account, from any address"
            );
            assert_eq!(r.header("ratelimit-limit"), "3");
            assert_eq!(r.header("ratelimit-remaining"), remaining.to_string());
        }
        let over = from(&app, "198.51.100.2", uri, &[("authorization", &auth)]).await;
        assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(!over.header("retry-after").is_empty());
    })
    .await;
}

#[tokio::test]
async fn limits_can_be_turned_off_and_never_fail_a_request() {
    each_engine(|db| async move {
        let app = limited(db, 0, 0);
        for _ in 0..3 {
            let r = from(&app, "192.0.2.9", "/api/v1/vocabularies", &[]).await;
            assert_eq!(r.status, StatusCode::OK);
            assert_eq!(r.header("ratelimit-limit"), "");
        }
    })
    .await;
    each_engine(|db| async move {
        let app = limited(db, 5, 5);
        let ok = from(&app, "192.0.2.10", "/api/v1/vocabularies", &[]).await;
        assert_eq!(ok.header("ratelimit-remaining"), "4");
        // The database is gone: the limit cannot be counted, and the request goes through.
        app.db.store.clone().close().await;
        let r = from(&app, "192.0.2.10", "/api/v1/vocabularies", &[]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("ratelimit-limit"), "");
    })
    .await;
}

#[tokio::test]
async fn ipv6_clients_share_their_64s_count() {
    each_engine(|db| async move {
        let app = limited(db, 2, 2);
        let uri = "/api/v1/vocabularies";
        let a = from(&app, "2001:db8:5:6::1", uri, &[]).await;
        assert_eq!(a.header("ratelimit-remaining"), "1");
        let b = from(&app, "2001:db8:5:6:ffff::2", uri, &[]).await;
        assert_eq!(b.header("ratelimit-remaining"), "0", "same /64");
        let c = from(&app, "2001:db8:5:7::1", uri, &[]).await;
        assert_eq!(c.header("ratelimit-remaining"), "1", "another /64");
    })
    .await;
}

/// Served over TCP, as in production: the server passes each connection's peer address on, so
/// per-address limits (these and sign-in's) count each client, not one "unknown" for all.
#[tokio::test]
async fn the_server_knows_each_client_address() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    each_engine(|db| async move {
        let app = limited(db, 5, 5);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(hiroba_web::serve(listener, app.router.clone(), async {
            let _ = stopped.await;
        }));
        for remaining in ["4", "3"] {
            let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
            stream
                .write_all(
                    b"GET /api/v1/vocabularies HTTP/1.1\r\nHost: hiroba.test\r\nConnection: close\r\n\r\n",
                )
                .await
                .unwrap();
            let mut raw = Vec::new();
            stream.read_to_end(&mut raw).await.unwrap();
            let head = String::from_utf8_lossy(&raw).to_lowercase();
            assert!(head.starts_with("http/1.1 200"), "{head:.200}");
            assert!(
                head.contains(&format!("ratelimit-remaining: {remaining}\r\n")),
                "{head:.600}"
            );
        }
        let _ = stop.send(());
        server.await.unwrap().unwrap();
    })
    .await;
}
