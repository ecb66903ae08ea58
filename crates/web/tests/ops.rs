//! Health, readiness, metrics, security headers and failure handling.

mod support;

use axum::http::StatusCode;
use hiroba_testkit::each_engine;
use support::App;

#[tokio::test]
async fn health_readiness_and_metrics() {
    each_engine(|db| async move {
        let app = App::empty(db);
        assert_eq!(app.get("/healthz").await.text, "ok\n");
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status, StatusCode::OK);
        app.get("/p/nowhere").await;
        let metrics = app.get("/metrics").await;
        assert!(
            metrics
                .header("content-type")
                .starts_with("text/plain; version=0.0.4")
        );
        assert!(
            metrics
                .text
                .contains("http_requests_total{method=\"GET\",route=\"/readyz\",status=\"200\"}"),
            "{}",
            metrics.text
        );
        assert!(
            metrics.text.contains("route=\"/p/{slug}\",status=\"404\""),
            "routes are templates, not raw paths"
        );
        assert!(
            metrics
                .text
                .contains("http_request_duration_seconds_bucket")
        );
    })
    .await;
}

#[tokio::test]
async fn security_headers_on_pages_api_and_errors() {
    each_engine(|db| async move {
        let app = App::empty(db);
        for path in [
            "/",
            "/api/v1/portals",
            "/no/such/page",
            "/static/hiroba.css",
        ] {
            let r = app.get(path).await;
            let csp = r.header("content-security-policy");
            assert!(
                csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
                "{path}: {csp}"
            );
            assert!(csp.contains("frame-ancestors 'none'"), "{path}");
            assert_eq!(r.header("x-content-type-options"), "nosniff", "{path}");
            assert_eq!(
                r.header("referrer-policy"),
                "strict-origin-when-cross-origin",
                "{path}"
            );
        }
        let css = app.get(&hiroba_web::assets::asset_url("hiroba.css")).await;
        assert_eq!(css.status, StatusCode::OK);
        assert!(css.header("cache-control").contains("immutable"));
        assert_eq!(
            app.get("/static/nothing.css").await.status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}

#[tokio::test]
async fn pages_carry_no_inline_script_or_style() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        for path in [
            "/".to_string(),
            "/p/okayama".into(),
            "/p/okayama/organisations".into(),
            format!("/organisations/{}", app.ids.aozora),
        ] {
            let r = app.get(&path).await;
            let html = r.html();
            for el in html.select(&scraper::Selector::parse("script").unwrap()) {
                let data_block = el.value().attr("type") == Some("application/ld+json");
                assert!(
                    data_block || el.value().attr("src").is_some(),
                    "inline script on {path}"
                );
            }
            assert!(
                html.select(&scraper::Selector::parse("[style], style").unwrap())
                    .next()
                    .is_none(),
                "inline style on {path}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn a_database_outage_gives_503_readiness_and_500_pages() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        app.db.store.clone().close().await;
        assert_eq!(
            app.get("/readyz").await.status,
            StatusCode::SERVICE_UNAVAILABLE
        );
        let page = app.get("/p/okayama").await;
        assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(page.texts("h1"), ["申し訳ありません。問題が発生しました"]);
        let en = app.get("/p/okayama?lang=en").await;
        assert_eq!(en.texts("h1"), ["Sorry, something went wrong"]);
        let api = app.get("/api/v1/portals").await;
        assert_eq!(api.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            api.json()["type"],
            "https://hiroba.test/api#problem-internal"
        );
        assert!(
            !api.text.contains("pool"),
            "no internals leak: {}",
            api.text
        );
    })
    .await;
}
