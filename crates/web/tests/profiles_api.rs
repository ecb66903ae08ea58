//! A profile's further sections through the API: reports and finances, programmes, metrics,
//! the ★ checklist, documents and certification; staff writing with tokens under the same
//! rules as in the browser, and private data never reaching the public.

mod support;

use axum::http::{Method, StatusCode};
use hiroba_domain::roles::TokenScope;
use hiroba_testkit::each_engine;
use serde_json::{Value, json};
use support::{App, Resp, Who};

async fn token(app: &App, who: Who) -> String {
    let secret = format!("hiroba_profiles_{who:?}");
    let id = app.user_id(who).await;
    app.db
        .store
        .api_tokens()
        .create(
            id,
            "t",
            "hiroba_",
            &hiroba_auth::digest(&secret),
            TokenScope::ReadWrite,
        )
        .await
        .unwrap();
    secret
}

async fn call(app: &App, method: Method, uri: &str, token: Option<&str>, body: Value) -> Resp {
    let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    if let Some(t) = token {
        headers.push(("authorization".to_owned(), format!("Bearer {t}")));
    }
    let bytes = if body.is_null() {
        Vec::new()
    } else {
        serde_json::to_vec(&body).unwrap()
    };
    app.send(method, uri, &headers, bytes).await
}

/// (name, code) of each error of a problem.
fn errors(r: &Resp) -> Vec<(String, String)> {
    r.json()["errors"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn item<'a>(disclosure: &'a Value, code: &str) -> &'a Value {
    disclosure["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {disclosure}"))
}

#[tokio::test]
async fn staff_keep_yearly_reports_whose_statements_add_up() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let owner = token(&app, Who::OwnerA).await;
        let a = app.ids.aozora;
        let url = format!("/api/v1/organisations/{a}/reports/2023");
        let good = json!({
            "business_report": "子ども食堂を52回開きました。",
            "statement": {
                "fees_regular": 100000,
                "donations": "1,000,000",
                "private_grants": "500,000",
                "business_revenue": 0,
                "ordinary_revenue_total": "¥1,600,000",
                "program_other": 1200000,
                "admin_other": 300000,
                "current_assets": 900000,
                "current_liabilities": "1,100,000",
                "net_assets_brought_forward": "△300,000",
            }
        });
        let r = call(&app, Method::PUT, &url, Some(&owner), good).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let rep = r.json();
        assert_eq!(rep["fiscal_year"], 2023);
        assert_eq!(rep["label_ja"], "2023年度");
        assert_eq!(rep["label_en"], "FY2023");
        assert_eq!(rep["label_wareki"], "令和5年度");
        assert_eq!(rep["period"]["start"], "2023-04-01");
        assert_eq!(rep["period"]["end"], "2024-03-31");
        assert_eq!(rep["basis"], "npo_standard");
        assert_eq!(rep["statement"]["ordinary_expenses_total"], 1500000);
        assert_eq!(rep["statement"]["ordinary_change"], 100000);
        assert_eq!(rep["statement"]["net_assets_carried_forward"], -200000);
        assert_eq!(rep["statement"]["net_assets_total"], -200000);
        assert_eq!(rep["headline"]["net_assets"], -200000);
        assert_eq!(rep["headline"]["revenue"], 1600000);
        assert_eq!(rep["headline"]["admin_expenses"], 300000);
        assert_eq!(
            rep["headline"]["revenue_by_source"][0],
            json!({"source": "fees", "amount": 100000})
        );
        assert_eq!(rep["ratios"]["admin_cost_share"], 0.2);
        assert_eq!(rep["ratios"]["grant_dependence"], 0.3125);
        // The statement comes back in statement order, not alphabetically.
        let at = |code: &str| r.text.find(&format!("\"{code}\"")).unwrap();
        assert!(at("fees_regular") < at("admin_other") && at("admin_other") < at("current_assets"));

        // A total that does not match its lines is refused at that line, with the sum.
        let bad = call(
            &app,
            Method::PUT,
            &format!("{url}?lang=en"),
            Some(&owner),
            json!({"statement": {"donations": 1200000, "private_grants": 300000, "ordinary_revenue_total": 1400000}}),
        )
        .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text);
        assert_eq!(
            errors(&bad),
            [("ordinary_revenue_total".into(), "sum_mismatch".into())]
        );
        assert!(
            bad.json()["errors"][0]["detail"]
                .as_str()
                .unwrap()
                .contains("1,500,000"),
            "{}",
            bad.text
        );
        // Each field is named: a year not begun, an unknown line, text that is no amount.
        let bad = call(
            &app,
            Method::PUT,
            &format!("/api/v1/organisations/{a}/reports/2999"),
            Some(&owner),
            json!({"statement": {"donations": "たくさん"}}),
        )
        .await;
        assert_eq!(
            errors(&bad),
            [
                ("fiscal_year".into(), "future_year".into()),
                ("donations".into(), "not_an_amount".into())
            ]
        );
        let bad = call(
            &app,
            Method::PUT,
            &url,
            Some(&owner),
            json!({"statement": {"revenue": 5}}),
        )
        .await;
        assert_eq!(errors(&bad), [("statement".into(), "unknown_choice".into())]);
        // A headline-basis organisation is told about lines it does not report.
        let owner_b = token(&app, Who::OwnerB).await;
        let b = app.ids.midori;
        let bad = call(
            &app,
            Method::PUT,
            &format!("/api/v1/organisations/{b}/reports/2023"),
            Some(&owner_b),
            json!({"statement": {"fees_regular": 5}}),
        )
        .await;
        assert_eq!(
            errors(&bad),
            [("fees_regular".into(), "unknown_choice".into())]
        );
        // Someone else's organisation, and no token at all.
        let r = call(&app, Method::PUT, &url, Some(&owner_b), json!({"statement": {"revenue": 1}})).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = call(&app, Method::PUT, &url, None, json!({})).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);

        // Another year in Japanese; the list is oldest first; both are public.
        let r = call(
            &app,
            Method::PUT,
            &format!("/api/v1/organisations/{a}/reports/%E4%BB%A4%E5%92%8C4%E5%B9%B4%E5%BA%A6"),
            Some(&owner),
            json!({"statement": {"donations": 10}}),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json()["fiscal_year"], 2022);
        let list = app.get(&format!("/api/v1/organisations/{a}/reports")).await.json();
        let years: Vec<i64> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["fiscal_year"].as_i64().unwrap())
            .collect();
        assert_eq!(years, [2022, 2023]);
        assert!(list[0]["headline"].is_null(), "no totals, no headline");

        let r = call(&app, Method::DELETE, &url, Some(&owner), json!(null)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let r = call(&app, Method::DELETE, &url, Some(&owner), json!(null)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = call(
            &app,
            Method::DELETE,
            &format!("/api/v1/organisations/{a}/reports/soon"),
            Some(&owner),
            json!(null),
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = app.get("/api/v1/organisations/999999/reports").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn programmes_metrics_and_review_change_the_checklist() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let editor = token(&app, Who::EditorA).await;
        let a = app.ids.aozora;
        let base = format!("/api/v1/organisations/{a}");
        let before = app.get(&format!("{base}/disclosure")).await.json();
        assert_eq!(before["level"], 0, "no representative yet: {before}");
        assert_eq!(before["next_level"], 1);
        assert_eq!(item(&before, "representative")["met"], false);
        assert_eq!(item(&before, "programme")["met"], false);
        assert_eq!(item(&before, "mission")["met"], true);
        assert_eq!(item(&before, "programme")["label_ja"], "事業（1つ以上）");
        assert_eq!(item(&before, "programme")["label_en"], "At least one programme");
        let finances = item(&before, "latest_finances");
        assert!(finances["year"].is_null(), "no fiscal year start given yet");
        assert_eq!(finances["label_ja"], "決算（最初の事業年度が終わってから）");
        assert!(item(&before, "three_years")["missing_years"].is_array());
        assert!(item(&before, "latest_documents")["missing_documents"].is_array());
        for i in before["items"].as_array().unwrap() {
            assert!(!i["label_en"].as_str().unwrap().starts_with("disclosure-req"), "{i}");
        }

        // Programmes.
        let r = call(&app, Method::POST, &format!("{base}/programmes"), Some(&editor), json!({"name": ""})).await;
        assert_eq!(errors(&r), [("name".into(), "required".into())]);
        let r = call(
            &app,
            Method::POST,
            &format!("{base}/programmes"),
            Some(&editor),
            json!({"name": "子ども食堂", "target_population": "地域の子どもと保護者", "area": null}),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let programme = r.json()["id"].as_i64().unwrap();
        let location = r.header("location").to_owned();
        assert_eq!(location, format!("{base}/programmes/{programme}"));
        assert_eq!(app.get(&location).await.json()["target_population"], "地域の子どもと保護者");
        let r = call(&app, Method::PUT, &location, Some(&editor), json!({"name": "子ども食堂（毎週水曜）"})).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.json()["target_population"].is_null());
        let list = app.get(&format!("{base}/programmes")).await.json();
        assert_eq!(list[0]["name"], "子ども食堂（毎週水曜）");
        let after = app.get(&format!("{base}/disclosure")).await.json();
        assert_eq!(item(&after, "programme")["met"], true);
        // Another organisation's programme is not found through this one's path.
        let b_programme = call(
            &app,
            Method::POST,
            &format!("/api/v1/organisations/{}/programmes", app.ids.midori),
            Some(&token(&app, Who::OwnerB).await),
            json!({"name": "森の学校"}),
        )
        .await
        .json()["id"]
            .as_i64()
            .unwrap();
        for method in [Method::GET, Method::PUT, Method::DELETE] {
            let r = call(&app, method.clone(), &format!("{base}/programmes/{b_programme}"), Some(&editor), json!({"name": "x"})).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{method}");
        }
        // At most twenty: the twenty-first is refused at `name`.
        for n in 1..20 {
            let r = call(&app, Method::POST, &format!("{base}/programmes"), Some(&editor), json!({"name": format!("事業{n}")})).await;
            assert_eq!(r.status, StatusCode::CREATED);
        }
        let r = call(&app, Method::POST, &format!("{base}/programmes"), Some(&editor), json!({"name": "事業21"})).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(errors(&r), [("name".into(), "too_many".into())]);
        let r = call(&app, Method::DELETE, &location, Some(&editor), json!(null)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(app.get(&location).await.status, StatusCode::NOT_FOUND);

        // Metrics and their yearly values.
        let r = call(&app, Method::POST, &format!("{base}/metrics"), Some(&editor), json!({"name": "利用者数", "kind": "effect"})).await;
        assert_eq!(
            errors(&r),
            [
                ("unit".into(), "required".into()),
                ("kind".into(), "unknown_choice".into()),
                ("direction".into(), "required".into())
            ]
        );
        let r = call(
            &app,
            Method::POST,
            &format!("{base}/metrics"),
            Some(&editor),
            json!({"name": "延べ利用者数", "unit": "人", "kind": "output", "direction": "increase", "sdg_target": "2.1"}),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let metric = r.header("location").to_owned();
        let r = call(&app, Method::PUT, &format!("{metric}/values/2023"), Some(&editor), json!({"value": "1,234", "note": "延べ人数"})).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json()["values"][0]["value"], 1234.0);
        assert_eq!(r.json()["values"][0]["label_ja"], "2023年度");
        let r = call(&app, Method::PUT, &format!("{metric}/values/2024"), Some(&editor), json!({"value": 56})).await;
        assert_eq!(r.json()["values"].as_array().unwrap().len(), 2);
        let r = call(&app, Method::PUT, &format!("{metric}/values/2024"), Some(&editor), json!({"value": "たくさん"})).await;
        assert_eq!(errors(&r), [("value".into(), "not_a_number".into())]);
        let r = call(&app, Method::PUT, &format!("{metric}/values/2024"), Some(&editor), json!({"value": null})).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["values"].as_array().unwrap().len(), 1, "null removes the year");
        let r = call(&app, Method::DELETE, &format!("{metric}/values/2024"), Some(&editor), json!(null)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = call(&app, Method::PUT, &metric, Some(&editor), json!({"name": "延べ参加者数", "unit": "人", "kind": "outcome", "direction": "increase"})).await;
        assert_eq!(r.json()["kind"], "outcome");
        assert_eq!(r.json()["values"][0]["fiscal_year"], 2023, "values stay");
        let list = app.get(&format!("{base}/metrics")).await.json();
        assert_eq!(list[0]["name"], "延べ参加者数");
        assert_eq!(list[0]["values"][0]["note"], "延べ人数");
        let r = call(&app, Method::DELETE, &format!("{metric}/values/2023"), Some(&editor), json!(null)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let r = call(&app, Method::DELETE, &metric, Some(&editor), json!(null)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(app.get(&metric).await.status, StatusCode::NOT_FOUND);

        // Confirming the profile is current.
        let before = app.get(&format!("{base}/disclosure")).await.json();
        assert_eq!(item(&before, "reviewed")["met"], false);
        let r = call(&app, Method::POST, &format!("{base}/reviewed"), Some(&editor), json!(null)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let after = app.get(&format!("{base}/disclosure")).await.json();
        assert_eq!(item(&after, "reviewed")["met"], true);
        assert!(!app.get(&base).await.json()["reviewed_at"].is_null());
        let stranger = token(&app, Who::User).await;
        let r = call(&app, Method::POST, &format!("{base}/reviewed"), Some(&stranger), json!(null)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = call(&app, Method::POST, "/api/v1/organisations/999999/reviewed", Some(&editor), json!(null)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn the_checklist_names_the_year_due_once_the_fiscal_year_is_known() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let id =
            hiroba_testkit::fixtures::at_level_three(&app.db.store, "見守りの会", "332020", &[1])
                .await;
        let d = app
            .get(&format!("/api/v1/organisations/{id}/disclosure"))
            .await
            .json();
        assert_eq!(d["level"], 3);
        assert_eq!(d["next_level"], 4);
        let year = hiroba_domain::disclosure::due_year(hiroba_web::today(), 4);
        let finances = item(&d, "latest_finances");
        assert_eq!(finances["met"], true);
        assert_eq!(finances["year"], year);
        assert_eq!(
            finances["label_ja"],
            format!("{year}年度の決算（収入・支出・資産）")
        );
        assert_eq!(
            finances["label_en"],
            format!("Finances for FY{year} (revenue, expenses, assets)")
        );
        let docs = item(&d, "latest_documents");
        assert_eq!(docs["met"], false);
        assert!(
            docs["label_ja"]
                .as_str()
                .unwrap()
                .contains("未提出：事業報告書"),
            "{docs}"
        );
        assert_eq!(
            docs["missing_documents"],
            json!(["business_report", "activity_statement"])
        );
        let org = app.get(&format!("/api/v1/organisations/{id}")).await.json();
        assert_eq!(org["disclosure_level"], 3);
        assert_eq!(org["certification_step"], 1);
        assert!(
            org["links"]["disclosure"]
                .as_str()
                .unwrap()
                .ends_with("/disclosure")
        );
    })
    .await;
}

#[tokio::test]
async fn operators_certify_organisations_their_portal_lists() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let star = hiroba_testkit::fixtures::at_level_three(
            &app.db.store,
            "倉敷見守りの会",
            "332020",
            &[1],
        )
        .await;
        let operator_p = token(&app, Who::OperatorP).await;
        let operator_q = token(&app, Who::OperatorQ).await;
        let editor_p = token(&app, Who::EditorP).await;

        let queue = call(
            &app,
            Method::GET,
            "/api/v1/portals/okayama/certification-queue",
            Some(&editor_p),
            json!(null),
        )
        .await;
        assert_eq!(queue.status, StatusCode::OK);
        assert!(
            queue
                .json()
                .as_array()
                .unwrap()
                .iter()
                .any(|q| q["organisation_id"] == star)
        );
        let r = call(
            &app,
            Method::GET,
            "/api/v1/portals/okayama/certification-queue",
            Some(&operator_q),
            json!(null),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(
            app.get("/api/v1/portals/okayama/certification-queue")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );

        let notes = "登記事項証明書と定款の原本を事務所で確認（内部メモ）";
        let grant = json!({"step": "step2", "notes": notes});
        // Another portal's operator, through either portal, and a portal editor: refused.
        let r = call(
            &app,
            Method::POST,
            &format!("/api/v1/portals/kodomo/certifications/{star}"),
            Some(&operator_q),
            grant.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "kodomo does not list it");
        let r = call(
            &app,
            Method::POST,
            &format!("/api/v1/portals/okayama/certifications/{star}"),
            Some(&operator_q),
            grant.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = call(
            &app,
            Method::POST,
            &format!("/api/v1/portals/okayama/certifications/{star}"),
            Some(&editor_p),
            grant.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // Not qualified: below ★3, or STEP3 before STEP2.
        let r = call(
            &app,
            Method::POST,
            &format!("/api/v1/portals/okayama/certifications/{}", app.ids.aozora),
            Some(&operator_p),
            grant.clone(),
        )
        .await;
        assert_eq!(errors(&r), [("step".into(), "level_too_low".into())]);
        let r = call(
            &app,
            Method::POST,
            &format!("/api/v1/portals/okayama/certifications/{star}"),
            Some(&operator_p),
            json!({"step": 3}),
        )
        .await;
        assert_eq!(errors(&r), [("step".into(), "needs_step2".into())]);

        let r = call(
            &app,
            Method::POST,
            &format!("/api/v1/portals/okayama/certifications/{star}"),
            Some(&operator_p),
            grant,
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let granted = r.json();
        assert_eq!(granted["step"], "step2");
        assert_eq!(granted["portal"]["slug"], "okayama");
        assert!(!granted["expires_on"].is_null());
        assert_eq!(
            r.header("location"),
            format!("/api/v1/organisations/{star}/certifications")
        );
        let certs = app
            .get(&format!("/api/v1/organisations/{star}/certifications"))
            .await;
        let c = certs.json();
        assert_eq!(c["step"], "step2");
        let history = c["history"].as_array().unwrap();
        assert_eq!(history.len(), 2, "{c}");
        assert!(
            history
                .iter()
                .any(|h| h["step"] == "step1" && h["portal"].is_null())
        );
        assert_eq!(
            history.iter().find(|h| h["step"] == "step2").unwrap()["portal"]["name_ja"],
            "おかやま市民活動ひろば"
        );
        assert!(
            !certs.text.contains("内部メモ"),
            "operators' notes are private"
        );
        assert!(
            !certs.text.contains("OperatorP"),
            "who granted it is private"
        );
        let queue = call(
            &app,
            Method::GET,
            "/api/v1/portals/okayama/certification-queue",
            Some(&operator_p),
            json!(null),
        )
        .await;
        assert!(
            !queue
                .json()
                .as_array()
                .unwrap()
                .iter()
                .any(|q| q["organisation_id"] == star)
        );

        let id = granted["id"].as_i64().unwrap();
        let revoke = format!("/api/v1/portals/okayama/certifications/{star}/revoke/{id}");
        let r = call(
            &app,
            Method::POST,
            &revoke,
            Some(&operator_q),
            json!({"note": "x"}),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = call(
            &app,
            Method::POST,
            &format!("/api/v1/portals/kodomo/certifications/{star}/revoke/{id}"),
            Some(&operator_q),
            json!({}),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = call(
            &app,
            Method::POST,
            &revoke,
            Some(&operator_p),
            json!({"note": "書類の不備が判明（内部メモ）"}),
        )
        .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        let r = call(&app, Method::POST, &revoke, Some(&operator_p), json!({})).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.json()["detail"], "この認証はすでに終了しています。");
        let certs = app
            .get(&format!("/api/v1/organisations/{star}/certifications"))
            .await;
        assert_eq!(certs.json()["step"], "step1");
        assert!(!certs.text.contains("内部メモ"));
        let step2 = certs.json()["history"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["step"] == "step2")
            .cloned()
            .unwrap();
        assert_eq!(step2["status"], "revoked");
        assert!(!step2["ended_on"].is_null());
        // STEP1 comes with the ★ level: no portal revokes it.
        let step1 = certs.json()["history"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["step"] == "step1")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let r = call(
            &app,
            Method::POST,
            &format!("/api/v1/portals/okayama/certifications/{star}/revoke/{step1}"),
            Some(&operator_p),
            json!({}),
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn private_data_never_appears() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let a = app.ids.aozora;
        let s = &app.db.store;
        for (kind, year, name) in [
            (
                hiroba_domain::documents::DocumentKind::Articles,
                None,
                "teikan.pdf",
            ),
            (
                hiroba_domain::documents::DocumentKind::OfficerList,
                Some(2023),
                "yakuin-meibo.pdf",
            ),
            (
                hiroba_domain::documents::DocumentKind::MemberList,
                Some(2023),
                "shain-meibo.pdf",
            ),
            (
                hiroba_domain::documents::DocumentKind::BusinessReport,
                Some(2023),
                "jigyo-hokoku.pdf",
            ),
        ] {
            s.documents()
                .add(
                    &hiroba_store::documents::NewDocument {
                        organisation_id: a,
                        kind,
                        fiscal_year: year,
                        filename: name,
                        content_type: "application/pdf",
                        size: 1234,
                        sha256: "0000",
                        storage_key: &format!("documents/{name}"),
                    },
                    hiroba_store::By::SYSTEM,
                )
                .await
                .unwrap();
        }
        let r = app
            .get(&format!("/api/v1/organisations/{a}/documents"))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            !r.text.contains("meibo"),
            "officer and member lists are never listed: {}",
            r.text
        );
        assert!(!r.text.contains("officer_list") && !r.text.contains("member_list"));
        let docs = r.json();
        let kinds: Vec<&str> = docs
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["business_report", "articles"], "newest year first");
        let id = docs[1]["id"].as_i64().unwrap();
        assert_eq!(
            docs[1]["url"],
            format!("https://hiroba.test/organisations/{a}/documents/{id}")
        );
        assert_eq!(docs[1]["filename"], "teikan.pdf");
        assert_eq!(docs[1]["size"], 1234);
        assert!(!r.text.contains("storage_key") && !r.text.contains("documents/teikan"));
        // Even the organisation's own staff get the public list here.
        let owner = token(&app, Who::OwnerA).await;
        let r = call(
            &app,
            Method::GET,
            &format!("/api/v1/organisations/{a}/documents"),
            Some(&owner),
            json!(null),
        )
        .await;
        assert!(!r.text.contains("meibo"));

        // A voluntary group's street is its home: absent from every public read.
        let h = app.ids.himawari;
        for path in [
            "",
            "/disclosure",
            "/reports",
            "/programmes",
            "/metrics",
            "/documents",
            "/certifications",
        ] {
            let r = app.get(&format!("/api/v1/organisations/{h}{path}")).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert!(
                !r.text.contains("中央9丁目") && !r.text.contains("山田方"),
                "{path}: {}",
                r.text
            );
        }
        let list = app.get("/api/v1/organisations?legal_form=voluntary").await;
        assert!(!list.text.contains("中央9丁目"));
    })
    .await;
}
