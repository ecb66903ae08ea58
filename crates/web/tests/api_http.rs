//! The API's HTTP behaviour on every engine under test: ETag, Last-Modified and conditional
//! requests (also on the open-data downloads), rate limits per address and per token with
//! their headers, and each organisation's JSON-LD as a document of its own.

mod support;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use hiroba_store::By;
use hiroba_testkit::each_engine;
use hiroba_web::{ApiLimits, WebConfig};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use support::{App, BASE_URL, Resp};
use tower::ServiceExt;

/// A request from the client at `ip`, as the server sees it (`ConnectInfo`).
async fn from(app: &App, ip: &str, uri: &str, headers: &[(&str, &str)]) -> Resp {
    let mut req = Request::builder().method(Method::GET).uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut req = req.body(Body::empty()).unwrap();
    let peer = SocketAddr::new(ip.parse().unwrap(), 40000);
    req.extensions_mut().insert(ConnectInfo(peer));
    let response = app.router.clone().oneshot(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Resp {
        status,
        headers,
        text: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

async fn token_for(app: &App, email: &str) -> String {
    let user = app.user(email, "correct horse battery").await;
    let token = hiroba_auth::new_api_token();
    app.db
        .store
        .api_tokens()
        .create(
            user.id,
            "test",
            &token.display_prefix,
            &hiroba_auth::digest(&token.secret),
            hiroba_domain::roles::TokenScope::Read,
        )
        .await
        .unwrap();
    token.secret
}

#[tokio::test]
async fn etags_answer_if_none_match_with_304() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let uri = format!("/api/v1/organisations/{}", app.ids.aozora);
        let first = app.get(&uri).await;
        assert_eq!(first.status, StatusCode::OK);
        let etag = first.header("etag").to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
        assert_eq!(first.header("cache-control"), "public, no-cache");
        assert!(first.header("vary").contains("Authorization"));
        assert_eq!(app.get(&uri).await.header("etag"), etag, "stable");

        let again = app.get_with(&uri, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.bytes.is_empty(), "no body");
        assert_eq!(again.header("etag"), etag);
        assert_eq!(again.header("cache-control"), "public, no-cache");
        assert_eq!(again.header("content-type"), "");
        let weak = format!("W/{etag}");
        let listed = format!("\"nope\", {weak}");
        assert_eq!(
            app.get_with(&uri, &[("if-none-match", &listed)])
                .await
                .status,
            StatusCode::NOT_MODIFIED,
            "weak comparison, in a list"
        );
        let other = app.get_with(&uri, &[("if-none-match", "\"nope\"")]).await;
        assert_eq!(other.status, StatusCode::OK);
        assert_eq!(other.json()["id"], app.ids.aozora);

        // Lists, the vocabularies, the OpenAPI document and profile sections too.
        for uri in [
            "/api/v1/organisations?limit=2".to_owned(),
            "/api/v1/portals".to_owned(),
            "/api/v1/vocabularies".to_owned(),
            "/api/v1/openapi.json".to_owned(),
            format!("/api/v1/organisations/{}/disclosure", app.ids.aozora),
        ] {
            let r = app.get(&uri).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            let tag = r.header("etag").to_owned();
            assert!(!tag.is_empty(), "{uri}");
            let again = app.get_with(&uri, &[("if-none-match", &tag)]).await;
            assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri}");
        }
        // The tag follows the content: another page of the list has another tag.
        assert_ne!(
            app.get("/api/v1/organisations?limit=1")
                .await
                .header("etag"),
            app.get("/api/v1/organisations?limit=2")
                .await
                .header("etag")
        );

        // Errors are neither tagged nor cacheable; a tag never turns them into 304.
        let missing = app
            .get_with("/api/v1/organisations/999999", &[("if-none-match", "*")])
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(missing.header("etag"), "");
        assert_eq!(missing.header("cache-control"), "no-store");

        // What a token fetched is for that person only.
        let token = token_for(&app, "reader@example.jp").await;
        let auth = format!("Bearer {token}");
        let mine = app.get_with(&uri, &[("authorization", &auth)]).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert_eq!(mine.header("cache-control"), "private, no-cache");
        assert_eq!(mine.header("etag"), etag, "same content, same tag");

        // Pages are not tagged (they carry the visitor's CSRF token).
        assert_eq!(app.get("/organisations").await.header("etag"), "");
    })
    .await;
}

#[tokio::test]
async fn last_modified_answers_if_modified_since() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let uri = format!("/api/v1/organisations/{}", app.ids.aozora);
        let first = app.get(&uri).await;
        let modified = first.header("last-modified").to_owned();
        let at = hiroba_web::http_cache::parse_http_date(&modified)
            .unwrap_or_else(|| panic!("an HTTP date: {modified:?}"));
        let updated: chrono::DateTime<chrono::Utc> = first.json()["updated_at"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            at >= updated - chrono::Duration::seconds(1),
            "{at} {updated}"
        );

        let same = app
            .get_with(&uri, &[("if-modified-since", &modified)])
            .await;
        assert_eq!(same.status, StatusCode::NOT_MODIFIED);
        assert_eq!(same.header("last-modified"), modified);
        let before = hiroba_web::http_cache::http_date(at - chrono::Duration::seconds(1));
        assert_eq!(
            app.get_with(&uri, &[("if-modified-since", &before)])
                .await
                .status,
            StatusCode::OK
        );
        // If-None-Match decides when both are sent (RFC 9110 §13.2.2).
        let both = app
            .get_with(
                &uri,
                &[
                    ("if-modified-since", &modified),
                    ("if-none-match", "\"old\""),
                ],
            )
            .await;
        assert_eq!(both.status, StatusCode::OK);
        // A date that cannot be read is ignored.
        assert_eq!(
            app.get_with(&uri, &[("if-modified-since", "yesterday")])
                .await
                .status,
            StatusCode::OK
        );

        // Sections of the profile know it too; lists do not (an item leaving a list would
        // not make it newer), so they rely on the ETag.
        for section in ["programmes", "reports", "metrics", "documents"] {
            let r = app
                .get(&format!(
                    "/api/v1/organisations/{}/{section}",
                    app.ids.aozora
                ))
                .await;
            assert_eq!(r.header("last-modified"), modified, "{section}");
        }
        assert_eq!(
            app.get("/api/v1/organisations")
                .await
                .header("last-modified"),
            ""
        );

        // A change (here: staff confirm the profile) makes both validators stale. HTTP dates
        // count whole seconds, so the change comes a second later.
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        app.db
            .store
            .organisations()
            .mark_reviewed(app.ids.aozora, By::SYSTEM)
            .await
            .unwrap();
        let etag = first.header("etag");
        let changed = app
            .get_with(&uri, &[("if-modified-since", &modified)])
            .await;
        assert_eq!(changed.status, StatusCode::OK);
        assert_ne!(changed.header("last-modified"), modified);
        assert_eq!(
            app.get_with(&uri, &[("if-none-match", etag)]).await.status,
            StatusCode::OK
        );
        // A programme added is a change of the organisation's published record as well.
        let section = format!("/api/v1/organisations/{}/programmes", app.ids.aozora);
        let now = app.get(&section).await.header("last-modified").to_owned();
        assert_eq!(now, changed.header("last-modified"));
    })
    .await;
}

#[tokio::test]
async fn open_data_downloads_are_tagged() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        for uri in [
            "/p/okayama/organisations.csv",
            "/p/okayama/organisations.csv?encoding=sjis",
            "/p/okayama/organisations.jsonl",
        ] {
            let r = app.get(uri).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            let tag = r.header("etag").to_owned();
            assert!(!tag.is_empty(), "{uri}");
            assert_eq!(r.header("cache-control"), "public, no-cache");
            let again = app.get_with(uri, &[("if-none-match", &tag)]).await;
            assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri}");
            assert!(again.bytes.is_empty());
            assert_eq!(again.header("content-disposition"), "");
        }
        assert_ne!(
            app.get("/p/okayama/organisations.csv").await.header("etag"),
            app.get("/p/okayama/organisations.csv?encoding=sjis")
                .await
                .header("etag"),
            "another encoding, other bytes, another tag"
        );
    })
    .await;
}

fn limited(db: hiroba_testkit::TestDb, anonymous: u32, token: u32) -> App {
    App::with_config(
        db,
        WebConfig {
            base_url: BASE_URL.into(),
            api_limits: ApiLimits {
                anonymous,
                token,
                window_secs: 600,
            },
            ..Default::default()
        },
    )
}

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
async fn each_organisation_has_its_json_ld() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let uri = format!("/organisations/{}/schema.jsonld", app.ids.aozora);
        let r = app.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("content-type"), "application/ld+json");
        assert!(!r.header("etag").is_empty());
        assert!(!r.header("last-modified").is_empty());
        let ld = r.json();
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "NGO");
        assert_eq!(ld["name"], "特定非営利活動法人 あおぞら子ども食堂");
        assert_eq!(
            ld["@id"],
            format!("{BASE_URL}/organisations/{}#organisation", app.ids.aozora)
        );
        assert_eq!(ld["address"]["streetAddress"], "表町1丁目4-64");
        assert_eq!(ld["identifier"]["value"], "1180301018771");

        // The profile page points to it and embeds the same document, in either language.
        for lang in ["ja", "en"] {
            let page = app
                .get(&format!("/organisations/{}?lang={lang}", app.ids.aozora))
                .await;
            let alternates = page.attr("link[rel=alternate][type=\"application/ld+json\"]", "href");
            assert_eq!(alternates, std::slice::from_ref(&uri));
            let embedded = page.texts("script[type=\"application/ld+json\"]");
            let embedded: serde_json::Value = serde_json::from_str(&embedded[0]).unwrap();
            assert_eq!(embedded, ld, "one builder for both ({lang})");
        }

        // A private street address never appears.
        let home = app
            .get(&format!(
                "/organisations/{}/schema.jsonld",
                app.ids.himawari
            ))
            .await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(!home.text.contains("山田方"), "{}", home.text);
        assert!(home.json()["address"].get("streetAddress").is_none());
        assert_eq!(home.json()["address"]["addressLocality"], "倉敷市");

        // Unknown or malformed ids are a 404 problem, not a page.
        for bad in ["999999", "0", "abc", "-1"] {
            let r = app
                .get(&format!("/organisations/{bad}/schema.jsonld"))
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{bad}");
            assert_eq!(r.header("content-type"), "application/problem+json");
            assert_eq!(r.json()["status"], 404);
        }
        // A deleted organisation is gone from it too.
        app.db
            .store
            .organisations()
            .delete(app.ids.setouchi, By::SYSTEM)
            .await
            .unwrap();
        let gone = app
            .get(&format!(
                "/organisations/{}/schema.jsonld",
                app.ids.setouchi
            ))
            .await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn the_open_data_page_explains_licence_and_formats() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let ja = app.get("/help/open-data").await;
        assert_eq!(ja.status, StatusCode::OK);
        assert_eq!(ja.texts("h1"), ["オープンデータの利用について"]);
        assert_eq!(ja.attr("html", "lang"), ["ja"]);
        for fact in [
            "CC BY 4.0",
            "出典：ひろば（おかやま市民活動ひろば）、CC BY 4.0",
            "自宅住所",
            "役員名簿",
            "BOM",
            "encoding=sjis",
            "〓",
            "JSON Lines",
            "schema.org JSON-LD",
            "600 回",
            "ETag",
        ] {
            assert!(ja.text.contains(fact), "{fact}");
        }
        let headers: Vec<String> = ja.texts("#columns ~ .table-scroll tbody th");
        assert_eq!(headers, hiroba_opendata::HEADERS);
        let hrefs = ja.attr("a", "href");
        for link in [
            "/p/okayama/organisations.csv",
            "/p/okayama/organisations.csv?encoding=sjis",
            "/p/okayama/organisations.jsonl",
            "/api",
            "https://creativecommons.org/licenses/by/4.0/deed.ja",
        ] {
            assert!(hrefs.iter().any(|h| h == link), "{link}");
        }

        let en = app.get("/help/open-data?lang=en").await;
        assert_eq!(en.status, StatusCode::OK);
        assert_eq!(en.texts("h1"), ["Open data: licence and formats"]);
        assert!(en.text.contains("Creative Commons Attribution 4.0"));
        assert!(en.text.contains("home addresses of individuals"));
        assert!(en.text.contains("600 requests per 600 seconds"));
        // The Japanese headers and credit line are marked as Japanese for screen readers.
        assert!(
            en.attr("#columns ~ .table-scroll tbody th", "lang")
                .iter()
                .any(|l| l == "ja")
        );

        // Linked from every page's footer and from the API page, which states the limits.
        for page in ["/", "/organisations", "/api"] {
            let r = app.get(page).await;
            assert!(
                r.attr("footer a", "href")
                    .iter()
                    .any(|h| h == "/help/open-data"),
                "{page}"
            );
        }
        let api = app.get("/api").await;
        assert!(api.text.contains("problem-rate-limited"));
        assert!(api.text.contains("If-None-Match"));
        assert!(api.text.contains("600 回"));
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_describes_caching_and_limits() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let doc = app.get("/api/v1/openapi.json").await.json();
        let description = doc["info"]["description"].as_str().unwrap();
        for fact in [
            "ETag",
            "If-None-Match",
            "Last-Modified",
            "RateLimit-Remaining",
            "429",
        ] {
            assert!(description.contains(fact), "{fact}");
        }
        let get = &doc["paths"]["/api/v1/organisations/{id}"]["get"]["responses"];
        assert!(get["304"].is_object());
        assert_eq!(
            get["429"]["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/Problem"
        );
        assert!(get["429"]["headers"]["Retry-After"].is_object());
        let post = &doc["paths"]["/api/v1/organisations"]["post"]["responses"];
        assert!(post["429"].is_object());
        assert!(post.get("304").is_none(), "only reads are conditional");
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
