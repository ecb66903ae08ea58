//! `/api/v1/search`, on every engine under test: the search pages' results as JSON, problem
//! details for bad parameters, public data only, and its OpenAPI description.

mod support;

use axum::http::StatusCode;
use hiroba_testkit::each_engine;
use serde_json::Value;
use support::App;

fn q(text: &str) -> String {
    serde_html_form::to_string([("q", text)]).unwrap()
}

fn hit_ids(v: &Value) -> Vec<i64> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}

const AOZORA: &str = "特定非営利活動法人 あおぞら子ども食堂";

#[tokio::test]
async fn the_api_answers_with_the_pages_results() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app.get(&format!("/api/v1/search?{}", q("あおぞら"))).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("content-type"), "application/json");
        let body = r.json();
        assert_eq!(body["total"], 1);
        assert_eq!(body["offset"], 0);
        assert_eq!(body["limit"], 20);
        let hit = &body["hits"][0];
        assert_eq!(hit["id"], app.ids.aozora);
        assert_eq!(hit["name"], AOZORA);
        let marked: Vec<&str> = hit["name_highlighted"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["matched"] == true)
            .map(|s| s["text"].as_str().unwrap())
            .collect();
        assert_eq!(marked, ["あおぞら"]);
        assert_eq!(
            hit["url"],
            format!("https://hiroba.test/organisations/{}", app.ids.aozora)
        );
        assert_eq!(
            hit["api_url"],
            format!(
                "https://hiroba.test/api/v1/organisations/{}",
                app.ids.aozora
            )
        );
        assert_eq!(hit["legal_form"]["code"], "npo");
        assert_eq!(hit["municipality"]["name_ja"], "岡山市北区");
        assert_eq!(hit["prefecture"]["code"], "33");

        // Within a portal, profiles are linked within it.
        let r = app
            .get(&format!("/api/v1/search?{}&portal=okayama", q("せとうち")))
            .await
            .json();
        assert_eq!(
            r["hits"][0]["url"],
            format!(
                "https://hiroba.test/p/okayama/organisations/{}",
                app.ids.setouchi
            )
        );
        let outside = app
            .get(&format!("/api/v1/search?{}&portal=okayama", q("みどり")))
            .await
            .json();
        assert_eq!(outside["total"], 0);

        // The same organisations, in the same order, as the page.
        for query in [
            "pref=33",
            "q=%E9%A3%9F%E5%A0%82",
            "form=npo&form=stock_company",
            "",
        ] {
            let page = app.get(&format!("/search?{query}")).await;
            let from_page: Vec<i64> = page
                .attr(".org-card h3 a", "href")
                .iter()
                .map(|h| h.rsplit('/').next().unwrap().parse().unwrap())
                .collect();
            let api = app.get(&format!("/api/v1/search?{query}")).await.json();
            assert_eq!(hit_ids(&api), from_page, "{query}");
        }

        // Facets with labels in both languages, counted as if their own value were not chosen.
        let r = app
            .get("/api/v1/search?pref=33&facets=prefecture,level&facets=legal_form")
            .await
            .json();
        assert_eq!(r["total"], 3);
        let facets = r["facets"].as_array().unwrap();
        let names: Vec<&str> = facets
            .iter()
            .map(|f| f["facet"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["prefecture", "level", "legal_form"]);
        assert_eq!(facets[0]["parameter"], "pref");
        let okayama = facets[0]["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["value"] == "33")
            .unwrap();
        assert_eq!(okayama["name_ja"], "岡山県");
        assert_eq!(okayama["name_en"], "Okayama");
        assert_eq!(okayama["count"], 3);
        assert_eq!(okayama["selected"], true);
        assert!(
            facets[0]["values"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["value"] == "26" && v["count"] == 1)
        );
        let all = app.get("/api/v1/search?facets=all").await.json();
        assert_eq!(all["facets"].as_array().unwrap().len(), 8);
        let portals = &all["facets"][7];
        assert_eq!(portals["facet"], "portal");
        assert_eq!(portals["values"][0]["value"], "okayama");
        assert_eq!(portals["values"][0]["count"], 3);

        // Paging by offset or page.
        let two = app.get("/api/v1/search?limit=2&page=2").await.json();
        assert_eq!(two["offset"], 2);
        assert_eq!(hit_ids(&two).len(), 2);
        let by_offset = app.get("/api/v1/search?limit=2&offset=2").await.json();
        assert_eq!(hit_ids(&by_offset), hit_ids(&two));

        // Notices, in the client's language.
        let r = app
            .get_with(
                &format!("/api/v1/search?{}", q("😀")),
                &[("accept-language", "en")],
            )
            .await
            .json();
        assert_eq!(r["notices"][0]["code"], "nothing_searchable");
        assert!(
            r["notices"][0]["message"]
                .as_str()
                .unwrap()
                .contains("nothing to search for")
        );
    })
    .await;
}

#[tokio::test]
async fn the_api_explains_bad_parameters() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let cases = [
            ("page=abc", "page", "not_a_number"),
            ("page=0", "page", "out_of_range"),
            ("page=-1", "page", "not_a_number"),
            ("limit=0", "limit", "out_of_range"),
            ("limit=101", "limit", "out_of_range"),
            ("offset=-1", "offset", "not_a_number"),
            ("offset=10001", "offset", "out_of_range"),
            ("pref=99", "pref", "unknown_prefecture"),
            ("muni=331008", "muni", "check_digit"),
            ("field=21", "field", "out_of_range"),
            ("form=nope", "form", "unknown_choice"),
            ("level=x", "level", "not_a_number"),
            ("facets=colour", "facets", "unknown_choice"),
            ("portal=nowhere", "portal", "unknown_choice"),
        ];
        for (query, name, code) in cases {
            let r = app.get(&format!("/api/v1/search?{query}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
            assert_eq!(
                r.header("content-type"),
                "application/problem+json",
                "{query}"
            );
            let p = r.json();
            assert_eq!(p["errors"][0]["name"], name, "{query}: {p}");
            assert_eq!(p["errors"][0]["code"], code, "{query}: {p}");
            assert!(!p["errors"][0]["detail"].as_str().unwrap().is_empty());
        }
        let en = app.get("/api/v1/search?page=abc&lang=en").await.json();
        assert_eq!(en["errors"][0]["detail"], "Enter a number.");
        // Odd text is not a parameter problem.
        for query in ["q=%FF%FE", "q=%22", "q=%F0%9F%98%80", "q=a+AND+(b"] {
            let r = app.get(&format!("/api/v1/search?{query}")).await;
            assert_eq!(r.status, StatusCode::OK, "{query}");
        }
        let long = app
            .get(&format!("/api/v1/search?{}", q(&"語 a".repeat(3_000))))
            .await;
        assert_eq!(long.json()["notices"][0]["code"], "shortened");
    })
    .await;
}

#[tokio::test]
async fn results_carry_public_data_only() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        for path in [
            format!("/api/v1/search?{}", q("ひまわり")),
            "/api/v1/search?facets=all".to_string(),
            format!("/search?{}", q("ひまわり")),
            format!("/search?{}", q("中央")),
            format!("/p/okayama/search?{}", q("山田")),
        ] {
            let r = app.get(&path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert!(
                !r.text.contains("山田方") && !r.text.contains("中央9丁目"),
                "a private home address leaked on {path}"
            );
        }
        // A private street address is not searchable either.
        let r = app
            .get(&format!("/api/v1/search?{}", q("山田方")))
            .await
            .json();
        assert_eq!(r["total"], 0);
        let hit = &app
            .get(&format!("/api/v1/search?{}", q("あおぞら")))
            .await
            .json()["hits"][0];
        let keys: Vec<&str> = hit
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for private in [
            "street",
            "address",
            "email",
            "phone",
            "contact_name",
            "representative_name",
        ] {
            assert!(!keys.contains(&private), "{private} in {keys:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn the_api_is_documented() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let doc = app.get("/api/v1/openapi.json").await.json();
        let op = &doc["paths"]["/api/v1/search"]["get"];
        assert_eq!(op["operationId"], "search_organisations");
        assert_eq!(op["tags"][0], "search");
        assert!(op["security"].is_null(), "anonymous access");
        let params: Vec<&str> = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for p in [
            "q", "pref", "muni", "field", "sdg", "form", "level", "cert", "page", "offset",
            "limit", "portal", "facets",
        ] {
            assert!(params.contains(&p), "{p} in {params:?}");
        }
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for s in [
            "SearchResponse",
            "SearchHit",
            "FacetDto",
            "SearchNotice",
            "TextSegment",
        ] {
            assert!(schemas.contains_key(s), "{s}");
        }
        let page = app.get("/api").await;
        assert!(
            page.texts(".endpoint h3 code")
                .contains(&"/api/v1/search".to_string())
        );
    })
    .await;
}
