//! Each role doing its work: organisations registered and edited, portals run, the platform
//! administered, through pages and through the API.

mod support;

use axum::http::{Method, StatusCode};
use hiroba_domain::roles::TokenScope;
use hiroba_testkit::each_engine;
use serde_json::json;
use support::{App, Who};

#[tokio::test]
async fn a_verified_person_registers_an_organisation_and_owns_it() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let mut b = app.as_(Who::User).await;
        let form = b.get("/organisations/new").await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(
            form.attr("input[name=roles][checked]", "value")
                .contains(&"npo_ngo".to_string())
        );

        // Every mistake is shown at its field; everything typed comes back.
        let bad = b
            .post(
                "/organisations/new",
                &[
                    ("name", ""),
                    ("name_kana", "こども食堂"),
                    ("legal_form", "npo"),
                    ("corporate_number", "1180301018772"),
                    ("postal_code", "710-005"),
                    ("municipality", "架空市"),
                    ("website", "ftp://x.jp"),
                    ("email", "info@"),
                    ("mission", "地域の居場所をつくる"),
                    ("activity_fields", "13"),
                    ("activity_fields", "1"),
                    ("activity_areas", "岡山県\n架空町"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        let errors = |f: &str| bad.texts(&format!("#f-{f}-error")).join(" ");
        assert!(errors("name").contains("入力してください"));
        assert!(errors("name_kana").contains("ひらがな・カタカナ"));
        assert!(errors("corporate_number").contains("チェックディジット"));
        assert!(errors("postal_code").contains("7桁"));
        assert!(errors("municipality").contains("見つかりません"));
        assert!(errors("website").contains("URL"));
        assert!(errors("email").contains("メールアドレス"));
        assert!(errors("activity_areas").contains("見つかりません"));
        assert_eq!(bad.texts(".error-summary li").len(), 8);
        assert_eq!(bad.texts("#f-mission"), ["地域の居場所をつくる"]);
        assert_eq!(bad.attr("#f-municipality", "value"), ["架空市"]);
        assert_eq!(bad.texts("#f-activity_areas"), ["岡山県 架空町"]);
        let checked = bad.attr("input[name=activity_fields][checked]", "value");
        assert_eq!(checked, ["1", "13"]);

        // Places by name; the owner is the person who registered it.
        let ok = b
            .post(
                "/organisations/new",
                &[
                    ("name", "特定非営利活動法人 くらしき子ども食堂"),
                    ("name_kana", "くらしきこどもしょくどう"),
                    ("legal_form", "npo"),
                    ("roles", "npo_ngo"),
                    ("corporate_number", "５８３５-６７８２-５６２４６"),
                    ("municipality", "岡山県倉敷市"),
                    ("street", "中央1-2-3"),
                    ("street_public", "on"),
                    ("activity_fields", "13"),
                    ("activity_areas", "岡山県\n倉敷市"),
                ],
            )
            .await;
        assert_eq!(
            ok.status,
            StatusCode::CONFLICT,
            "the corporate number belongs to 京都みどりラボ"
        );
        assert!(ok.texts("main p")[1].contains("法人番号"));
        let ok = b
            .post(
                "/organisations/new",
                &[
                    ("name", "特定非営利活動法人 くらしき子ども食堂"),
                    ("name_kana", "くらしきこどもしょくどう"),
                    ("legal_form", "npo"),
                    ("roles", "npo_ngo"),
                    ("municipality", "岡山県倉敷市"),
                    ("activity_fields", "13"),
                    ("activity_areas", "岡山県\n倉敷市"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        let location = ok.header("location").to_owned();
        assert!(location.ends_with("?notice=organisation-created"));
        let id: i64 = location
            .trim_start_matches("/organisations/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let org = app.db.store.organisations().get(id).await.unwrap().unwrap();
        assert_eq!(
            org.profile.address.municipality.unwrap().to_string(),
            "332020"
        );
        assert_eq!(
            org.profile.name_kana.as_deref(),
            Some("クラシキコドモショクドウ")
        );
        assert_eq!(org.profile.activity_areas.len(), 2);
        assert!(
            app.db
                .store
                .portals()
                .is_member(app.ids.okayama, id)
                .await
                .unwrap(),
            "joins the portals it matches"
        );
        let account = b.get("/account").await;
        assert!(account.text.contains("くらしき子ども食堂"));

        // An unconfirmed account cannot register, and is told why.
        let mut u = app.as_(Who::Unverified).await;
        let refused = u.get("/organisations/new").await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.texts("main p")[1].contains("メールアドレスの確認"));
    })
    .await;
}

#[tokio::test]
async fn staff_edit_their_profile_and_the_log_shows_it() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let mut b = app.as_(Who::EditorA).await;
        let path = format!("/organisations/{}/edit", app.ids.aozora);
        let form = b.get(&path).await;
        assert_eq!(
            form.attr("#f-municipality", "value"),
            ["岡山県岡山市北区"],
            "places shown by name"
        );
        assert_eq!(form.texts("#f-activity_areas"), ["岡山県岡山市 岡山県"]);
        assert_eq!(form.attr("#f-street_public", "checked"), [""]);
        let mut fields: Vec<(String, String)> = Vec::new();
        for (name, value) in [
            ("name", "特定非営利活動法人 あおぞら子ども食堂"),
            ("name_kana", "アオゾラコドモショクドウ"),
            ("legal_form", "npo"),
            ("roles", "npo_ngo"),
            ("municipality", "岡山県岡山市北区"),
            ("mission", "子どもと地域をつなぐ食卓"),
            ("activity_fields", "13"),
            ("activity_areas", "岡山県岡山市"),
        ] {
            fields.push((name.into(), value.into()));
        }
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let r = b.post(&path, &refs).await;
        assert_eq!(
            r.header("location"),
            format!("/organisations/{}?notice=saved", app.ids.aozora)
        );
        let profile = b.get(r.header("location")).await;
        assert!(profile.texts(".notice")[0].contains("保存しました"));
        assert!(profile.text.contains("子どもと地域をつなぐ食卓"));
        let org = app
            .db
            .store
            .organisations()
            .get(app.ids.aozora)
            .await
            .unwrap()
            .unwrap();
        assert!(org.profile.address.street.is_none(), "cleared street");
        let log = b
            .get(&format!("/organisations/{}/log", app.ids.aozora))
            .await;
        assert_eq!(log.status, StatusCode::OK);
        let first = log.texts("tbody tr")[0].clone();
        assert!(
            first.contains("団体情報の更新")
                && first.contains("EditorA")
                && first.contains("ミッション"),
            "{first}"
        );
    })
    .await;
}

#[tokio::test]
async fn operators_run_their_portal() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let mut op = app.as_(Who::OperatorP).await;
        let dash = op.get("/p/okayama/admin").await;
        assert_eq!(dash.status, StatusCode::OK);
        let tiles = dash.texts(".admin-grid li");
        assert_eq!(tiles.len(), 7, "{tiles:?}");
        assert!(
            tiles.iter().any(|t| t.contains("認証")),
            "the certification queue"
        );
        let mut editor = app.as_(Who::EditorP).await;
        assert_eq!(
            editor
                .get("/p/okayama/admin")
                .await
                .texts(".admin-grid li")
                .len(),
            4,
            "editors see no settings or log"
        );
        assert_eq!(
            editor.get("/p/okayama/admin/settings").await.status,
            StatusCode::FORBIDDEN
        );

        // Settings: a colour white text cannot be read on is refused, with the values kept.
        let fields = |colour: &'static str| {
            vec![
                ("name_ja", "おかやま市民活動ひろば"),
                ("name_en", "Okayama Square"),
                ("kind", "regional"),
                ("prefectures", "33"),
                ("primary_colour", colour),
                ("accent_colour", "#8a4b08"),
                ("intro_ja", "岡山のNPO"),
            ]
        };
        let bad = op
            .post("/p/okayama/admin/settings", &fields("#ffdd00"))
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.texts("#f-primary_colour-error")[0].contains("コントラスト比"));
        assert_eq!(bad.attr("#f-primary_colour", "value"), ["#ffdd00"]);
        let ok = op
            .post("/p/okayama/admin/settings", &fields("#123456"))
            .await;
        assert_eq!(
            ok.header("location"),
            "/p/okayama/admin?notice=settings-saved"
        );
        let css = app.get("/p/okayama/theme.css").await;
        assert!(css.text.contains("--brand: #123456;"));
        let portal = app
            .db
            .store
            .portals()
            .get(app.ids.okayama)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(portal.settings.name_en, "Okayama Square");
        assert_eq!(
            portal.settings.slug.as_str(),
            "okayama",
            "the URL name stays"
        );

        // Curation: find 京都みどりラボ by name and list it.
        let search = editor.get("/p/okayama/admin/curation?q=みどり").await;
        assert_eq!(
            search.texts(".curation section .row-card a"),
            ["一般社団法人 京都みどりラボ"]
        );
        let r = editor
            .post(
                "/p/okayama/admin/curation",
                &[
                    ("organisation_id", &app.ids.midori.to_string()),
                    ("curation", "include"),
                ],
            )
            .await;
        assert_eq!(
            r.header("location"),
            "/p/okayama/admin/curation?notice=curation-saved"
        );
        assert!(
            app.db
                .store
                .portals()
                .is_member(app.ids.okayama, app.ids.midori)
                .await
                .unwrap()
        );
        let list = app.get("/p/okayama/organisations").await;
        assert!(list.text.contains("京都みどりラボ"));
        editor
            .post(
                &format!("/p/okayama/admin/curation/{}/clear", app.ids.midori),
                &[],
            )
            .await;
        assert!(
            !app.db
                .store
                .portals()
                .is_member(app.ids.okayama, app.ids.midori)
                .await
                .unwrap()
        );

        // The portal's log shows both, with who did them.
        let log = op.get("/p/okayama/admin/log").await;
        let rows = log.texts("tbody tr");
        assert!(
            rows.iter()
                .any(|r| r.contains("掲載の個別指定") && r.contains("EditorP")),
            "{rows:?}"
        );
        assert!(
            rows.iter()
                .any(|r| r.contains("ポータル設定の変更") && r.contains("OperatorP"))
        );
        // Recorded codes are shown in words, with the record they concern.
        let midori = format!("掲載の個別指定（団体 #{}）", app.ids.midori);
        assert!(
            rows.iter()
                .any(|r| r.contains(&midori) && r.contains("掲載")),
            "{rows:?}"
        );
        assert!(!rows.iter().any(|r| r.contains("include")), "{rows:?}");
        assert!(
            log.text.contains("href=\"/p/okayama/theme.css"),
            "the portal's own look"
        );
        // The last operator cannot be removed.
        let me = app.user_id(Who::OperatorP).await;
        let r = op
            .post(&format!("/p/okayama/admin/team/{me}/remove"), &[])
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.texts("main p")[1].contains("運営者が1人だけ"));
    })
    .await;
}

#[tokio::test]
async fn platform_administrators_create_portals_and_see_everything() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let mut admin = app.as_(Who::Admin).await;
        assert_eq!(admin.get("/admin").await.status, StatusCode::OK);
        let bad = admin
            .post(
                "/admin/portals/new",
                &[
                    ("slug", "API"),
                    ("name_ja", ""),
                    ("name_en", "x"),
                    ("kind", "regional"),
                    ("primary_colour", "#1d5d90"),
                    ("accent_colour", "#8a4b08"),
                    ("operator_email", "nope"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(!bad.texts("#f-operator_email-error").is_empty());
        let bad = admin
            .post(
                "/admin/portals/new",
                &[
                    ("slug", "API"),
                    ("name_ja", ""),
                    ("name_en", "x"),
                    ("kind", "regional"),
                    ("primary_colour", "#1d5d90"),
                    ("accent_colour", "#8a4b08"),
                ],
            )
            .await;
        assert!(
            !bad.texts("#f-slug-error").is_empty() && !bad.texts("#f-name_ja-error").is_empty()
        );
        let ok = admin
            .post(
                "/admin/portals/new",
                &[
                    ("slug", "hiroshima"),
                    ("name_ja", "ひろしま市民ひろば"),
                    ("name_en", "Hiroshima Square"),
                    ("kind", "regional"),
                    ("prefectures", "34"),
                    ("primary_colour", "#1d5d90"),
                    ("accent_colour", "#8a4b08"),
                    ("operator_email", "centre@hiroshima.example.jp"),
                ],
            )
            .await;
        assert_eq!(
            ok.header("location"),
            "/p/hiroshima/admin?notice=portal-created"
        );
        assert_eq!(app.get("/p/hiroshima").await.status, StatusCode::OK);
        assert!(
            app.last_mail_to("centre@hiroshima.example.jp")
                .subject
                .contains("ひろしま市民ひろば")
        );
        let log = admin.get("/admin/log").await;
        assert!(log.texts("tbody tr")[0].contains("招待の送信"));
    })
    .await;
}

async fn token(app: &App, who: Who, scope: TokenScope) -> String {
    let secret = format!("hiroba_{who:?}_{}", scope.code());
    let id = app.user_id(who).await;
    app.db
        .store
        .api_tokens()
        .create(id, "t", "hiroba_", &hiroba_auth::digest(&secret), scope)
        .await
        .unwrap();
    secret
}

async fn api(
    app: &App,
    method: Method,
    uri: &str,
    token: &str,
    body: serde_json::Value,
) -> support::Resp {
    let headers = vec![
        ("authorization".to_owned(), format!("Bearer {token}")),
        ("content-type".to_owned(), "application/json".to_owned()),
    ];
    app.send(method, uri, &headers, serde_json::to_vec(&body).unwrap())
        .await
}

#[tokio::test]
async fn the_api_does_the_same_work_under_the_same_rules() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let owner = token(&app, Who::OwnerA, TokenScope::ReadWrite).await;
        let me = api(&app, Method::GET, "/api/v1/me", &owner, json!(null)).await.json();
        assert_eq!(me["organisations"], json!([{"target": app.ids.aozora.to_string(), "role": "owner"}]));

        // A city-level name without its prefecture still resolves: people type it that way.
        let body = json!({"name": "特定非営利活動法人 あおぞら子ども食堂", "legal_form": "npo", "roles": ["npo_ngo"], "municipality": "岡山市北区", "mission": "API", "activity_fields": ["13"]});
        let r = api(&app, Method::PUT, &format!("/api/v1/organisations/{}", app.ids.aozora), &owner, body).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json()["address"]["municipality"]["code"], "331015", "{}", r.text);
        let body = json!({"name": "特定非営利活動法人 あおぞら子ども食堂", "legal_form": "npo", "roles": ["npo_ngo"], "municipality": "岡山県岡山市北区", "mission": "APIで更新", "activity_fields": ["13"]});
        let r = api(&app, Method::PUT, &format!("/api/v1/organisations/{}", app.ids.aozora), &owner, body).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json()["mission"], "APIで更新");
        let invalid = api(&app, Method::PUT, &format!("/api/v1/organisations/{}", app.ids.aozora), &owner, json!({"name": "", "legal_form": "x", "email": "bad"})).await;
        assert_eq!(invalid.status, StatusCode::BAD_REQUEST);
        let names: Vec<String> = invalid.json()["errors"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_owned()).collect();
        assert_eq!(names, ["name", "legal_form", "email"]);
        let garbage = app.send(Method::PUT, &format!("/api/v1/organisations/{}", app.ids.aozora), &[("authorization".into(), format!("Bearer {owner}"))], b"{not json".to_vec()).await;
        assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
        assert_eq!(garbage.json()["errors"][0]["name"], "body");

        let created = api(&app, Method::POST, "/api/v1/organisations", &owner, json!({"name": "新しい会", "legal_form": "voluntary", "municipality": "331007"})).await;
        assert_eq!(created.status, StatusCode::CREATED);
        assert!(created.header("location").starts_with("/api/v1/organisations/"));
        let team = api(&app, Method::GET, &format!("/api/v1/organisations/{}/team", app.ids.aozora), &owner, json!(null)).await;
        assert_eq!(team.status, StatusCode::OK);
        assert!(team.json().as_array().unwrap().iter().any(|m| m["email"] == "owner-a@example.jp"));

        let operator = token(&app, Who::OperatorP, TokenScope::ReadWrite).await;
        let r = api(&app, Method::PUT, &format!("/api/v1/portals/okayama/curations/{}", app.ids.midori), &operator, json!({"curation": "include"})).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert!(app.db.store.portals().is_member(app.ids.okayama, app.ids.midori).await.unwrap());
        let r = api(&app, Method::PUT, &format!("/api/v1/portals/okayama/curations/{}", app.ids.midori), &operator, json!({"curation": "maybe"})).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(api(&app, Method::DELETE, &format!("/api/v1/portals/okayama/curations/{}", app.ids.midori), &operator, json!(null)).await.status, StatusCode::NO_CONTENT);
        let audit = api(&app, Method::GET, "/api/v1/portals/okayama/audit", &operator, json!(null)).await;
        assert_eq!(audit.json()[0]["action"], "portal.curation");

        let user = token(&app, Who::User, TokenScope::ReadWrite).await;
        let claim = api(&app, Method::POST, &format!("/api/v1/organisations/{}/claims", app.ids.himawari), &user, json!({"message": "代表です"})).await;
        assert_eq!(claim.status, StatusCode::CREATED);
        let claim_id = claim.json()["id"].as_i64().unwrap();
        let again = api(&app, Method::POST, &format!("/api/v1/organisations/{}/claims", app.ids.himawari), &user, json!({"message": "代表です"})).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!(again.json()["type"], "https://hiroba.test/api#problem-conflict");
        let queue = api(&app, Method::GET, "/api/v1/portals/okayama/claims", &operator, json!(null)).await;
        assert_eq!(queue.json().as_array().unwrap().len(), 1);
        let decided = api(&app, Method::POST, &format!("/api/v1/portals/okayama/claims/{claim_id}/decision"), &operator, json!({"approve": true})).await;
        assert_eq!(decided.json()["status"], "approved");

        // A read-only token reads private data but never writes.
        let reader = token(&app, Who::OwnerA, TokenScope::Read).await;
        assert_eq!(api(&app, Method::GET, &format!("/api/v1/organisations/{}/team", app.ids.aozora), &reader, json!(null)).await.status, StatusCode::OK);
        let refused = api(&app, Method::POST, "/api/v1/organisations", &reader, json!({"name": "x", "legal_form": "voluntary"})).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.json()["detail"].as_str().unwrap().contains("読み取り専用"));
    })
    .await;
}
