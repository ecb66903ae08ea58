//! The web security baseline: CSRF tokens, Fetch Metadata, forms that survive an expired
//! session, cookies and headers.

mod support;

use axum::http::StatusCode;
use hiroba_testkit::each_engine;
use support::{App, PASSWORD, Who};

#[tokio::test]
async fn forms_without_a_valid_token_are_refused_clearly() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let mut b = app.browser();
        b.get("/signin").await;
        // No token at all.
        let r = b
            .post_raw(
                "/signin",
                &[("email", "user@example.jp"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.texts("h1"), ["フォームの有効期限が切れました"]);
        assert!(b.cookie("hiroba_session").is_none());
        // A wrong token, in English.
        let r = b
            .post_raw(
                "/signin?lang=en",
                &[
                    ("_csrf", "forged"),
                    ("email", "user@example.jp"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.texts("h1"), ["The form has expired"]);
        // A token from another browser does not work either.
        let mut other = app.browser();
        other.get("/").await;
        let theirs = other.cookie("hiroba_csrf").unwrap();
        let r = b
            .post_raw(
                "/signin",
                &[
                    ("_csrf", theirs.as_str()),
                    ("email", "user@example.jp"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn posts_from_other_sites_change_nothing() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let mut b = app.as_(Who::OwnerA).await;
        let before = app.db.store.snapshot().await.unwrap();
        b.headers = vec![("sec-fetch-site".into(), "cross-site".into())];
        let path = format!("/organisations/{}/edit", app.ids.aozora);
        let r = b
            .post(
                &path,
                &[("name", "乗っ取られた名前"), ("legal_form", "npo")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.texts("main p")[1].contains("別のサイト"));
        // Without Fetch Metadata, a foreign Origin is refused too.
        b.headers = vec![("sec-fetch-site".into(), "same-origin".into())];
        b.headers.clear();
        b.headers
            .push(("origin".into(), "https://evil.example".into()));
        b.headers.push(("host".into(), "hiroba.test".into()));
        b.headers
            .push(("sec-fetch-site".into(), "same-site".into()));
        assert_eq!(
            b.post(
                &path,
                &[("name", "乗っ取られた名前"), ("legal_form", "npo")]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(app.db.store.snapshot().await.unwrap(), before);
    })
    .await;
}

#[tokio::test]
async fn a_stale_token_sends_the_form_back_with_what_was_typed() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let mut b = app.as_(Who::OwnerA).await;
        let path = format!("/organisations/{}/claim", app.ids.midori);
        let r = b
            .post_raw(
                &path,
                &[
                    ("_csrf", "stale"),
                    ("message", "事務局長の山田です。書類をお送りします。"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let back = r.header("location").to_owned();
        assert!(
            back.starts_with(&format!("{path}?notice=form-expired&draft=")),
            "{back}"
        );
        let form = b.get(&back).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.texts(".notice")[0].contains("入力内容を戻した"));
        assert_eq!(
            form.texts("#f-message"),
            ["事務局長の山田です。書類をお送りします。"]
        );
        assert!(
            app.db
                .store
                .claims()
                .for_user(app.user_id(Who::OwnerA).await)
                .await
                .unwrap()
                .is_empty(),
            "nothing was sent"
        );
    })
    .await;
}

#[tokio::test]
async fn an_expired_session_keeps_the_form_through_signing_in_again() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let mut b = app.as_(Who::EditorA).await;
        let path = format!("/organisations/{}/edit", app.ids.aozora);
        let form = b.get(&path).await;
        assert_eq!(form.status, StatusCode::OK);
        let name = form.attr("#f-name", "value")[0].clone();
        // While the form is being filled in, the session ends (idle too long).
        let key = hiroba_auth::digest(&b.cookie("hiroba_session").unwrap());
        app.db
            .store
            .sessions()
            .touch(&key, chrono::Utc::now() - chrono::Duration::days(1))
            .await
            .unwrap();
        let typed = [
            ("name", name.as_str()),
            ("legal_form", "npo"),
            ("mission", "長い時間をかけて書いた新しいミッション"),
            ("roles", "npo_ngo"),
            ("activity_fields", "13"),
        ];
        let r = b.post(&path, &typed).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let signin = r.header("location").to_owned();
        assert!(signin.starts_with("/signin?next="), "{signin}");
        assert!(signin.contains("notice=session-expired"));
        let page = b.get(&signin).await;
        assert!(page.texts(".notice")[0].contains("入力中の内容は保存されています"));
        let next = page.attr("input[name=next]", "value")[0].clone();
        assert!(next.starts_with(&format!("{path}?draft=")), "{next}");
        // Sign in again: back to the form, with what was typed.
        let r = b
            .post(
                "/signin",
                &[
                    ("email", "editor-a@example.jp"),
                    ("password", PASSWORD),
                    ("next", &next),
                ],
            )
            .await;
        assert_eq!(r.header("location"), next);
        let restored = b.get(&next).await;
        assert_eq!(
            restored.texts("#f-mission"),
            ["長い時間をかけて書いた新しいミッション"]
        );
        // Saving it now works.
        let mut fields: Vec<(&str, &str)> = typed.to_vec();
        fields.push(("municipality", "331015"));
        assert_eq!(b.post(&path, &fields).await.status, StatusCode::SEE_OTHER);
        let org = app
            .db
            .store
            .organisations()
            .get(app.ids.aozora)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            org.profile.mission.as_deref(),
            Some("長い時間をかけて書いた新しいミッション")
        );
        // A draft belongs to its author: another person with the same rights cannot open it.
        let key = hiroba_auth::digest(&b.cookie("hiroba_session").unwrap());
        app.db
            .store
            .sessions()
            .touch(&key, chrono::Utc::now() - chrono::Duration::days(1))
            .await
            .unwrap();
        let r = b
            .post(
                &path,
                &[
                    ("name", name.as_str()),
                    ("legal_form", "npo"),
                    ("mission", "編集者Aだけの下書き"),
                ],
            )
            .await;
        let next = b
            .get(r.header("location"))
            .await
            .attr("input[name=next]", "value")[0]
            .clone();
        let mut owner = app.as_(Who::OwnerA).await;
        let seen = owner.get(&next).await;
        assert_eq!(seen.status, StatusCode::OK);
        assert_eq!(
            seen.texts("#f-mission"),
            ["長い時間をかけて書いた新しいミッション"],
            "the saved profile, not A's editor's draft"
        );
    })
    .await;
}

#[tokio::test]
async fn cookies_are_http_only_same_site_and_secure_when_configured() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let mut b = app.browser();
        let r = b.get("/").await;
        let csrf = r.header("set-cookie");
        assert!(
            csrf.starts_with("hiroba_csrf=")
                && csrf.contains("HttpOnly")
                && csrf.contains("SameSite=Lax")
                && !csrf.contains("Secure"),
            "{csrf}"
        );
        let r = b
            .post(
                "/signin",
                &[("email", "user@example.jp"), ("password", PASSWORD)],
            )
            .await;
        let cookies: Vec<String> = r
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        assert!(cookies.iter().any(|c| c.starts_with("hiroba_session=")));
        assert!(
            cookies.iter().any(|c| c.starts_with("hiroba_csrf=")),
            "the token is renewed at sign-in"
        );
        assert_ne!(b.cookie("hiroba_csrf"), None);
        // The session id is renewed at every sign-in.
        let first = b.cookie("hiroba_session").unwrap();
        b.post("/signout", &[]).await;
        b.sign_in("user@example.jp", PASSWORD).await;
        assert_ne!(b.cookie("hiroba_session").unwrap(), first);
    })
    .await;
    // Secure cookies when the site runs over HTTPS.
    let db = hiroba_testkit::TestDb::fresh(hiroba_store::Engine::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let mailer = hiroba_mail::Mailer::to_folder(dir.path(), "h <h@hiroba.test>").unwrap();
    let config = hiroba_web::WebConfig {
        base_url: "https://hiroba.test".into(),
        secure_cookies: true,
        ..Default::default()
    };
    let files = tempfile::tempdir().unwrap();
    let router = hiroba_web::router(hiroba_web::AppState::new(
        db.store.clone(),
        config,
        mailer,
        support::local_files(&files),
        support::search_of(&db.store),
    ));
    let response = tower::ServiceExt::oneshot(
        router,
        axum::http::Request::get("/")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    let set = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(set.contains("; Secure"), "{set}");
}

#[tokio::test]
async fn every_mutation_route_is_registered_and_post_only() {
    // The registry knows the page and API routes that change data…
    let all = hiroba_web::auth::mutations::all();
    assert!(all.contains(&("POST".into(), "/organisations/{id}/edit".into())));
    assert!(all.contains(&("PUT".into(), "/api/v1/organisations/{id}".into())));
    assert!(all.contains(&(
        "DELETE".into(),
        "/api/v1/portals/{slug}/curations/{organisation_id}".into()
    )));
    assert!(all.iter().all(|(m, _)| m != "GET"));
}
