//! The JSON API and its problem details, on every engine under test.

mod support;

use axum::http::StatusCode;
use hiroba_testkit::each_engine;
use serde_json::Value;
use support::App;

#[tokio::test]
async fn portals_list_and_get() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app.get("/api/v1/portals").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("content-type"), "application/json");
        let body = r.json();
        let items = body["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["slug"], "okayama");
        assert_eq!(items[0]["name"]["ja"], "おかやま市民活動ひろば");
        assert_eq!(items[0]["kind"], "regional");
        assert_eq!(items[0]["scope"]["prefectures"], serde_json::json!(["33"]));
        assert_eq!(items[0]["organisation_count"], 3);
        assert_eq!(items[0]["links"]["html"], "https://hiroba.test/p/okayama");
        assert_eq!(
            items[1]["scope"]["activity_fields"],
            serde_json::json!([13])
        );

        let one = app.get("/api/v1/portals/kodomo").await.json();
        assert_eq!(one["name"]["en"], "Children and Youth Square");
        assert_eq!(one["branding"]["primary_colour"], "#2e6b30");

        let missing = app.get("/api/v1/portals/nowhere").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(missing.header("content-type"), "application/problem+json");
        let p = missing.json();
        assert_eq!(p["status"], 404);
        assert_eq!(p["type"], "https://hiroba.test/api#problem-not-found");
        assert_eq!(p["detail"], "指定されたポータルは存在しません。");
        assert_eq!(p["instance"], "/api/v1/portals/nowhere");
    })
    .await;
}

#[tokio::test]
async fn organisations_filter_and_page_with_cursors() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let names = |v: &Value| {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        let all = app.get("/api/v1/organisations").await.json();
        assert_eq!(names(&all).len(), 4);
        assert!(all["next_cursor"].is_null());

        let in_portal = app
            .get("/api/v1/portals/okayama/organisations?activity_field=13")
            .await
            .json();
        assert_eq!(names(&in_portal), ["特定非営利活動法人 あおぞら子ども食堂"]);
        let by_param = app
            .get("/api/v1/organisations?portal=okayama&legal_form=voluntary")
            .await
            .json();
        assert_eq!(names(&by_param), ["ひまわり見守り隊"]);
        let by_name = app
            .get("/api/v1/organisations?prefecture=%E4%BA%AC%E9%83%BD%E5%BA%9C")
            .await
            .json();
        assert_eq!(
            names(&by_name),
            ["一般社団法人 京都みどりラボ"],
            "prefecture given by name (京都府)"
        );

        // Walk the whole list one item at a time by following `links.next`.
        let mut seen = Vec::new();
        let mut url = "/api/v1/organisations?limit=1".to_string();
        loop {
            let page = app.get(&url).await.json();
            seen.extend(names(&page));
            match page["links"]["next"].as_str() {
                Some(next) => {
                    assert!(
                        next.starts_with("https://hiroba.test/api/v1/organisations?"),
                        "{next}"
                    );
                    url = next.trim_start_matches("https://hiroba.test").to_owned();
                }
                None => break,
            }
        }
        assert_eq!(
            seen,
            names(&all),
            "cursor pages cover the list once, in order"
        );
    })
    .await;
}

#[tokio::test]
async fn organisation_detail_exposes_public_fields_only() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let o = app
            .get(&format!("/api/v1/organisations/{}", app.ids.aozora))
            .await
            .json();
        assert_eq!(o["corporate_number"], "1180301018771");
        assert_eq!(o["legal_form"]["code"], "npo");
        assert_eq!(o["address"]["municipality"]["name_ja"], "岡山市北区");
        assert_eq!(
            o["address"]["municipality"]["name_en"],
            "Kita Ward, Okayama"
        );
        assert_eq!(o["address"]["street"], "表町1丁目4-64");
        assert_eq!(o["activity_fields"][0]["code"], 1);
        assert_eq!(o["activity_areas"][1]["name_ja"], "岡山県");
        let private = app
            .get(&format!("/api/v1/organisations/{}", app.ids.himawari))
            .await
            .json();
        assert!(private["address"]["street"].is_null());
        for bad in ["999999", "abc", "1.5"] {
            let r = app.get(&format!("/api/v1/organisations/{bad}")).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{bad}");
            assert_eq!(r.json()["detail"], "指定された団体は存在しません。");
        }
    })
    .await;
}

#[tokio::test]
async fn invalid_parameters_get_precise_problems_in_the_clients_language() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app
            .get_with(
                "/api/v1/organisations?municipality=331008&limit=500&cursor=%21%21&portal=nowhere&sdg=x",
                &[("accept-language", "en-GB,en;q=0.9")],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.header("content-type"), "application/problem+json");
        assert_eq!(r.header("content-language"), "en");
        let p = r.json();
        assert_eq!(p["type"], "https://hiroba.test/api#problem-invalid-parameters");
        assert_eq!(p["title"], "Invalid parameters");
        let errors: Vec<(String, String)> = p["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["name"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned()))
            .collect();
        let expect = |name: &str, code: &str| (name.to_owned(), code.to_owned());
        assert_eq!(
            errors,
            vec![
                expect("municipality", "check_digit"),
                expect("sdg", "unknown_choice"),
                expect("limit", "out_of_range"),
                expect("cursor", "unknown_choice"),
                expect("portal", "unknown_choice"),
            ]
        );
        let ja = app.get("/api/v1/organisations?limit=abc").await.json();
        assert_eq!(ja["errors"][0]["detail"], "数字で入力してください。");
        let duplicate = app.get("/api/v1/organisations?limit=1&limit=2").await;
        assert_eq!(duplicate.status, StatusCode::BAD_REQUEST);
        assert_eq!(duplicate.json()["errors"][0]["name"], "query");
    })
    .await;
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems_under_the_api() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let r = app.get("/api/v1/nothing-here").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.header("content-type"), "application/problem+json");
        let r = app
            .request(axum::http::Method::POST, "/api/v1/portals", &[])
            .await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(r.header("content-type"), "application/problem+json");
        assert_eq!(r.json()["type"], "about:blank");
        assert_eq!(r.header("allow"), "GET,HEAD");
        let page = app.request(axum::http::Method::DELETE, "/", &[]).await;
        assert_eq!(page.status, StatusCode::METHOD_NOT_ALLOWED);
        assert!(page.header("content-type").starts_with("text/html"));
    })
    .await;
}

#[tokio::test]
async fn openapi_document_describes_the_api() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let doc = app.get("/api/v1/openapi.json").await.json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let paths = doc["paths"].as_object().unwrap();
        for p in [
            "/api/v1/portals",
            "/api/v1/portals/{slug}",
            "/api/v1/portals/{slug}/organisations",
            "/api/v1/organisations",
            "/api/v1/organisations/{id}",
            "/api/v1/vocabularies",
            "/api/v1/organisations/{id}/disclosure",
            "/api/v1/organisations/{id}/certifications",
            "/api/v1/organisations/{id}/reports",
            "/api/v1/organisations/{id}/reports/{year}",
            "/api/v1/organisations/{id}/programmes",
            "/api/v1/organisations/{id}/programmes/{programme_id}",
            "/api/v1/organisations/{id}/metrics",
            "/api/v1/organisations/{id}/metrics/{metric_id}",
            "/api/v1/organisations/{id}/metrics/{metric_id}/values/{year}",
            "/api/v1/organisations/{id}/documents",
            "/api/v1/organisations/{id}/reviewed",
            "/api/v1/portals/{slug}/certifications/{organisation_id}",
            "/api/v1/portals/{slug}/certifications/{organisation_id}/revoke/{certification_id}",
            "/api/v1/portals/{slug}/certification-queue",
        ] {
            assert!(paths.contains_key(p), "{p}");
        }
        let mut ids: Vec<&str> = paths
            .values()
            .filter_map(|p| p["get"]["operationId"].as_str())
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "operation ids are unique");
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for s in [
            "OrganisationDto",
            "PortalDto",
            "Problem",
            "OrganisationList",
        ] {
            assert!(schemas.contains_key(s), "{s}");
        }
        let params: Vec<&str> = doc["paths"]["/api/v1/organisations"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert!(params.contains(&"municipality") && params.contains(&"cursor"));
    })
    .await;
}

/// Every `$ref` in `v`.
fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r);
            }
            m.values().for_each(|x| refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn openapi_document_is_structurally_sound() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let doc = app.get("/api/v1/openapi.json").await.json();
        assert_eq!(doc["openapi"], "3.1.0");
        let tags: Vec<&str> = doc["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        let schemes = doc["components"]["securitySchemes"].as_object().unwrap();
        let mut ids = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let at = format!("{method} {path}");
                ids.push(
                    op["operationId"]
                        .as_str()
                        .unwrap_or_else(|| panic!("{at}: no id")),
                );
                let op_tags = op["tags"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{at}: no tag"));
                assert!(!op_tags.is_empty(), "{at}: no tag");
                for t in op_tags {
                    assert!(
                        tags.contains(&t.as_str().unwrap()),
                        "{at}: undeclared tag {t}"
                    );
                }
                let responses = op["responses"].as_object().unwrap();
                assert!(
                    responses.keys().any(|k| k.starts_with('2')),
                    "{at}: no success"
                );
                for (status, r) in responses {
                    assert!(
                        status.len() == 3 && status.parse::<u16>().is_ok(),
                        "{at}: {status}"
                    );
                    let d = r["description"].as_str().unwrap_or_default();
                    assert!(
                        !d.trim().is_empty(),
                        "{at} {status}: a response needs a description"
                    );
                    if status.starts_with('4') || status.starts_with('5') {
                        assert!(
                            r["content"]["application/problem+json"].is_object(),
                            "{at} {status}: errors are problems"
                        );
                    }
                }
                if let Some(security) = op["security"].as_array() {
                    for req in security {
                        for scheme in req.as_object().unwrap().keys() {
                            assert!(
                                schemes.contains_key(scheme),
                                "{at}: unknown scheme {scheme}"
                            );
                        }
                    }
                    assert!(responses.contains_key("401"), "{at}: 401 undocumented");
                }
                if method != "get" {
                    assert!(op["security"].is_array(), "{at}: writes need a token");
                    assert!(responses.contains_key("403"), "{at}: 403 undocumented");
                }
                // Every `{name}` in the path is a required path parameter, and nothing more.
                let declared: Vec<&str> = op["parameters"]
                    .as_array()
                    .map(|ps| {
                        ps.iter()
                            .filter(|p| p["in"] == "path")
                            .inspect(|p| assert_eq!(p["required"], true, "{at}: {p}"))
                            .map(|p| p["name"].as_str().unwrap())
                            .collect()
                    })
                    .unwrap_or_default();
                let in_path: Vec<&str> = path
                    .split('/')
                    .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
                    .collect();
                assert_eq!(declared, in_path, "{at}: path parameters");
            }
        }
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "operation ids are unique across methods");
        let mut all = Vec::new();
        refs(&doc, &mut all);
        assert!(!all.is_empty());
        for r in all {
            let name = r
                .strip_prefix("#/components/schemas/")
                .unwrap_or_else(|| panic!("unexpected $ref {r}"));
            assert!(
                doc["components"]["schemas"][name].is_object(),
                "{r} is not defined"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn vocabularies_list_every_code() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let v = app.get("/api/v1/vocabularies").await.json();
        assert_eq!(v["activity_fields"].as_array().unwrap().len(), 20);
        assert_eq!(v["sdgs"].as_array().unwrap().len(), 17);
        assert_eq!(v["prefectures"].as_array().unwrap().len(), 47);
        assert_eq!(v["prefectures"][32]["code"], "33");
        assert_eq!(v["roles"][4]["code"], "intermediary");
        assert_eq!(v["roles"][4]["name_ja"], "中間支援組織");
        assert!(
            v["legal_forms"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["code"] == "certified_npo")
        );
    })
    .await;
}

#[tokio::test]
async fn portals_filter_by_kind_and_prefecture_and_page() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let slugs = |v: &Value| {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["slug"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            slugs(&app.get("/api/v1/portals?kind=theme").await.json()),
            ["kodomo"]
        );
        assert_eq!(
            slugs(&app.get("/api/v1/portals?prefecture=26").await.json()),
            ["kodomo"],
            "a nationwide portal reaches Kyoto"
        );
        assert_eq!(
            slugs(&app.get("/api/v1/portals?prefecture=okayama").await.json()),
            ["okayama", "kodomo"]
        );
        let first = app.get("/api/v1/portals?limit=1").await.json();
        assert_eq!(slugs(&first), ["okayama"]);
        let next = first["links"]["next"]
            .as_str()
            .unwrap()
            .trim_start_matches(support::BASE_URL)
            .to_owned();
        let second = app.get(&next).await.json();
        assert_eq!(slugs(&second), ["kodomo"]);
        assert!(second["next_cursor"].is_null());
        let bad = app
            .get("/api/v1/portals?kind=county&prefecture=99&limit=0")
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        let names: Vec<_> = bad.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["kind", "prefecture", "limit"]);
    })
    .await;
}

#[tokio::test]
async fn organisations_by_corporate_number() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let found = app
            .get("/api/v1/organisations?corporate_number=5835-6782-56246")
            .await
            .json();
        assert_eq!(found["items"].as_array().unwrap().len(), 1);
        assert_eq!(found["items"][0]["name"], "一般社団法人 京都みどりラボ");
        let bad = app
            .get("/api/v1/organisations?corporate_number=5835678256247&lang=en")
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        let p = bad.json();
        assert_eq!(p["errors"][0]["name"], "corporate_number");
        assert_eq!(p["errors"][0]["code"], "check_digit");
        assert!(
            p["errors"][0]["detail"]
                .as_str()
                .unwrap()
                .contains("check digit")
        );
    })
    .await;
}
