//! HTTP caching on every engine under test: ETag, Last-Modified and conditional requests on
//! the API and the open-data downloads, and how the OpenAPI document describes them.

mod support;

use axum::http::{Method, StatusCode};
use hiroba_store::By;
use hiroba_testkit::each_engine;
use support::App;
use support::clients::token_for;

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
        let head = app.request(Method::HEAD, &uri, &[]).await;
        assert_eq!(head.status, StatusCode::OK);
        assert_eq!(head.header("etag"), etag, "HEAD tags as GET does");
        assert_eq!(head.header("content-length"), first.bytes.len().to_string());
        assert!(head.bytes.is_empty(), "no body");
        let head = app
            .request(Method::HEAD, &uri, &[("if-none-match", &etag)])
            .await;
        assert_eq!(head.status, StatusCode::NOT_MODIFIED);

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
