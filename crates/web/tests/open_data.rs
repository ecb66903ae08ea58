//! Open data on every engine under test: each organisation's JSON-LD as a document of its own,
//! and the page explaining the licence and formats.

mod support;

use axum::http::StatusCode;
use hiroba_store::By;
use hiroba_testkit::each_engine;
use support::{App, BASE_URL};

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
