//! Accounts through the browser: sign-up, confirmation, sign-in and out, reset, changes, tokens.

mod support;

use axum::http::StatusCode;
use hiroba_testkit::each_engine;
use support::App;

const PASSWORD: &str = "きびだんごを三つ持って";

#[tokio::test]
async fn sign_up_confirm_and_sign_in() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let mut b = app.browser();
        let form = b.get("/signup").await;
        assert_eq!(form.status, StatusCode::OK);
        assert_eq!(form.attr("#f-password", "autocomplete"), ["new-password"]);

        // Mistakes come back at their fields, with what was typed (but never the password).
        let bad = b
            .post(
                "/signup",
                &[
                    ("display_name", "山田 花子"),
                    ("email", "yamada@"),
                    ("password", "short"),
                    ("password_confirmation", "short"),
                    ("lang", "ja"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.texts("#f-email-error")[0].contains("メールアドレスの形式"));
        assert!(bad.texts("#f-password-error")[0].contains("10文字以上"));
        assert_eq!(bad.attr("#f-display_name", "value"), ["山田 花子"]);
        assert_eq!(bad.attr("#f-email", "value"), ["yamada@"]);
        assert_eq!(bad.attr("#f-password", "value"), [""]);
        assert_eq!(bad.texts(".error-summary li").len(), 2);

        let ok = b
            .post(
                "/signup",
                &[
                    ("display_name", "山田 花子"),
                    ("email", "Yamada@Example.jp"),
                    ("password", PASSWORD),
                    ("password_confirmation", PASSWORD),
                    ("lang", "en"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK);
        assert!(ok.text.contains("yamada@example.jp"), "{}", ok.text);
        assert!(
            b.cookie("hiroba_session").is_none(),
            "not signed in before confirming"
        );
        let mail = app.last_mail_to("yamada@example.jp");
        assert_eq!(
            mail.subject, "[Hiroba] Confirm your e-mail address",
            "in the language chosen at sign-up"
        );

        // An unconfirmed account can sign in but not act.
        let user = app
            .db
            .store
            .users()
            .by_email("yamada@example.jp")
            .await
            .unwrap()
            .unwrap();
        assert!(!user.email_verified);
        let link = mail.link("/verify-email?token=");
        let verified = b.get(&link).await;
        assert_eq!(verified.status, StatusCode::SEE_OTHER);
        assert_eq!(
            verified.header("location"),
            "/account?notice=email-verified"
        );
        assert!(b.cookie("hiroba_session").is_some(), "confirming signs in");
        assert_eq!(b.cookie("hiroba_lang").as_deref(), Some("en"));
        let account = b.get("/account?notice=email-verified").await;
        assert_eq!(account.status, StatusCode::OK);
        assert!(account.texts(".notice")[0].contains("Welcome"));
        assert!(
            app.db
                .store
                .users()
                .by_email("yamada@example.jp")
                .await
                .unwrap()
                .unwrap()
                .email_verified
        );
        // The link works once.
        let again = b.get(&link).await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST);
        assert!(again.texts(".form-problem")[0].contains("already been used"));

        // Sign out, then in again.
        b.post("/signout", &[]).await;
        assert!(b.cookie("hiroba_session").is_none());
        assert_eq!(b.get("/account").await.status, StatusCode::SEE_OTHER);
        let signed = b
            .post(
                "/signin",
                &[
                    ("email", "YAMADA@example.jp"),
                    ("password", PASSWORD),
                    ("next", "/p/x"),
                ],
            )
            .await;
        assert_eq!(signed.status, StatusCode::SEE_OTHER);
        assert_eq!(signed.header("location"), "/p/x");
    })
    .await;
}

#[tokio::test]
async fn sign_up_and_reset_do_not_reveal_who_has_an_account() {
    each_engine(|db| async move {
        let app = App::empty(db);
        app.user("taken@example.jp", PASSWORD).await;
        let mut b = app.browser();
        let fields = |email: &'static str| {
            [
                ("display_name", "誰か"),
                ("email", email),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
                ("lang", "ja"),
            ]
        };
        let new = b.post("/signup", &fields("new@example.jp")).await;
        let taken = b.post("/signup", &fields("taken@example.jp")).await;
        assert_eq!(new.status, taken.status);
        assert_eq!(new.texts("h1"), taken.texts("h1"));
        assert_eq!(
            new.texts("main p")[1..],
            taken.texts("main p")[1..],
            "same words apart from the address"
        );
        assert!(
            app.last_mail_to("taken@example.jp")
                .subject
                .contains("すでに登録"),
            "the owner is told instead"
        );
        assert_eq!(app.db.store.users().count().await.unwrap(), 2);

        let known = b
            .post("/password/forgot", &[("email", "taken@example.jp")])
            .await;
        let unknown = b
            .post("/password/forgot", &[("email", "nobody@example.jp")])
            .await;
        assert_eq!(known.status, unknown.status);
        assert_eq!(known.texts("main"), unknown.texts("main"));
        assert!(app.mails().iter().all(|m| m.to != "nobody@example.jp"));

        let wrong_password = b
            .post(
                "/signin",
                &[
                    ("email", "taken@example.jp"),
                    ("password", "wrong password here"),
                ],
            )
            .await;
        let unknown_user = b
            .post(
                "/signin",
                &[
                    ("email", "nobody@example.jp"),
                    ("password", "wrong password here"),
                ],
            )
            .await;
        assert_eq!(wrong_password.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong_password.status, unknown_user.status);
        assert_eq!(
            wrong_password.texts(".form-problem"),
            unknown_user.texts(".form-problem")
        );
        assert_eq!(
            wrong_password.attr("#f-email", "value"),
            ["taken@example.jp"],
            "the address stays typed"
        );
    })
    .await;
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_account_and_per_address() {
    each_engine(|db| async move {
        // Attempts are counted in fixed 15-minute windows: a run that straddled a window's end
        // would start counting again halfway. Start clear of the end instead.
        let into = chrono::Utc::now().timestamp().rem_euclid(15 * 60);
        if into > 15 * 60 - 90 {
            tokio::time::sleep(std::time::Duration::from_secs((15 * 60 - into + 1) as u64)).await;
        }
        let app = App::empty(db);
        app.user("target@example.jp", PASSWORD).await;
        let mut b = app.browser();
        for _ in 0..5 {
            let r = b
                .post(
                    "/signin",
                    &[
                        ("email", "target@example.jp"),
                        ("password", "guess guess guess"),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        // Even the right password is refused now, with a clear message and a time to wait.
        let blocked = b
            .post(
                "/signin",
                &[("email", "target@example.jp"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(blocked.texts(".form-problem")[0].contains("分ほど待って"));
        let wait: i64 = blocked.header("retry-after").parse().unwrap();
        assert!((1..=900).contains(&wait));
        // Another account from the same address is still allowed (until the address limit).
        app.user("other@example.jp", PASSWORD).await;
        b.sign_in("other@example.jp", PASSWORD).await;
        // The address limit: 20 failures from one address, whatever the accounts.
        let mut c = app.browser();
        for i in 0..15 {
            c.post(
                "/signin",
                &[
                    ("email", &format!("x{i}@example.jp")),
                    ("password", "guess guess guess"),
                ],
            )
            .await;
        }
        let by_address = c
            .post(
                "/signin",
                &[("email", "other@example.jp"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(
            by_address.status,
            StatusCode::TOO_MANY_REQUESTS,
            "20 failures from one address (5 + 15)"
        );
    })
    .await;
}

#[tokio::test]
async fn password_reset_works_once_and_ends_other_sessions() {
    each_engine(|db| async move {
        let app = App::empty(db);
        app.user("reset@example.jp", PASSWORD).await;
        let mut laptop = app.browser();
        laptop.sign_in("reset@example.jp", PASSWORD).await;
        let mut phone = app.browser();
        phone
            .post("/password/forgot", &[("email", "reset@example.jp")])
            .await;
        let link = app
            .last_mail_to("reset@example.jp")
            .link("/password/reset?token=");
        let form = phone.get(&link).await;
        assert_eq!(form.status, StatusCode::OK);
        let token = form.attr("input[name=token]", "value")[0].clone();

        let weak = phone
            .post(
                "/password/reset",
                &[
                    ("token", &token),
                    ("password", "password123"),
                    ("password_confirmation", "password123"),
                ],
            )
            .await;
        assert_eq!(weak.status, StatusCode::BAD_REQUEST);
        assert!(weak.texts("#f-password-error")[0].contains("よく使われる"));
        let mismatch = phone
            .post(
                "/password/reset",
                &[
                    ("token", &token),
                    ("password", "新しい合言葉はひろば"),
                    ("password_confirmation", "違う合言葉"),
                ],
            )
            .await;
        assert!(mismatch.texts("#f-password_confirmation-error")[0].contains("一致しません"));

        let done = phone
            .post(
                "/password/reset",
                &[
                    ("token", &token),
                    ("password", "新しい合言葉はひろば"),
                    ("password_confirmation", "新しい合言葉はひろば"),
                ],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        assert_eq!(done.header("location"), "/account?notice=password-reset");
        assert_eq!(
            phone.get("/account").await.status,
            StatusCode::OK,
            "signed in on the phone"
        );
        assert_eq!(
            laptop.get("/account").await.status,
            StatusCode::SEE_OTHER,
            "the old session ended"
        );

        let reused = phone
            .post(
                "/password/reset",
                &[
                    ("token", &token),
                    ("password", "また別の合言葉です"),
                    ("password_confirmation", "また別の合言葉です"),
                ],
            )
            .await;
        assert_eq!(reused.status, StatusCode::BAD_REQUEST);
        assert!(reused.texts("main p")[0].contains("すでに使われています"));
        let forged = phone.get("/password/reset?token=nonsense").await;
        assert!(forged.texts("main p")[0].contains("リンクが正しくありません"));

        let mut fresh = app.browser();
        assert_eq!(
            fresh
                .post(
                    "/signin",
                    &[("email", "reset@example.jp"), ("password", PASSWORD)]
                )
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        fresh
            .sign_in("reset@example.jp", "新しい合言葉はひろば")
            .await;
    })
    .await;
}

#[tokio::test]
async fn account_changes_name_language_address_and_password() {
    each_engine(|db| async move {
        let app = App::empty(db);
        app.user("me@example.jp", PASSWORD).await;
        app.user("someone@example.jp", PASSWORD).await;
        let mut b = app.browser();
        b.sign_in("me@example.jp", PASSWORD).await;

        let r = b
            .post("/account/profile", &[("display_name", " "), ("lang", "fr")])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.texts("#f-display_name-error")[0].contains("入力してください"));
        assert!(r.texts("#f-lang-error")[0].contains("選択肢"));
        let r = b
            .post(
                "/account/profile",
                &[("display_name", "Hanako"), ("lang", "en")],
            )
            .await;
        assert_eq!(r.header("location"), "/account?notice=saved");
        assert_eq!(b.cookie("hiroba_lang").as_deref(), Some("en"));
        let page = b.get("/account").await;
        assert_eq!(page.attr("html", "lang"), ["en"]);
        assert!(page.texts(".account-links a")[0].contains("Hanako"));

        // Address change: the current password is required; the link goes to the new address.
        let wrong = b
            .post(
                "/account/email",
                &[
                    ("email", "new@example.jp"),
                    ("current_password", "nope nope nope"),
                ],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert!(!wrong.texts("#f-current_password-error").is_empty());
        assert_eq!(wrong.attr("#f-email", "value"), ["new@example.jp"]);
        b.post(
            "/account/email",
            &[("email", "new@example.jp"), ("current_password", PASSWORD)],
        )
        .await;
        let link = app
            .last_mail_to("new@example.jp")
            .link("/account/email/confirm?token=");
        assert_eq!(
            b.get(&link).await.header("location"),
            "/account?notice=email-changed"
        );
        assert!(
            app.last_mail_to("me@example.jp")
                .subject
                .contains("changed"),
            "the old address is told"
        );
        // A taken address sends no link, and says nothing on the page.
        let before = app.mails().len();
        let taken = b
            .post(
                "/account/email",
                &[
                    ("email", "someone@example.jp"),
                    ("current_password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            taken.header("location"),
            "/account?notice=email-change-sent"
        );
        assert_eq!(app.mails().len(), before + 1);
        assert!(
            app.last_mail_to("someone@example.jp")
                .subject
                .contains("すでに登録"),
            "in the owner's language"
        );

        // Password change keeps this browser signed in and ends other sessions.
        let mut other = app.browser();
        other.sign_in("new@example.jp", PASSWORD).await;
        let bad = b
            .post(
                "/account/password",
                &[
                    ("current_password", PASSWORD),
                    ("password", "new"),
                    ("password_confirmation", "new"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        let ok = b
            .post(
                "/account/password",
                &[
                    ("current_password", PASSWORD),
                    ("password", "すっかり新しい合言葉"),
                    ("password_confirmation", "すっかり新しい合言葉"),
                ],
            )
            .await;
        assert_eq!(ok.header("location"), "/account?notice=password-changed");
        assert_eq!(b.get("/account").await.status, StatusCode::OK);
        assert_eq!(other.get("/account").await.status, StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn api_tokens_are_shown_once_stored_hashed_and_revocable() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let user = app.user("api@example.jp", PASSWORD).await;
        let mut b = app.browser();
        b.sign_in("api@example.jp", PASSWORD).await;
        let bad = b
            .post("/account/tokens", &[("token_name", ""), ("scope", "admin")])
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.texts(".field-error").len(), 2);
        let created = b
            .post(
                "/account/tokens",
                &[("token_name", "集計"), ("scope", "read")],
            )
            .await;
        assert_eq!(created.status, StatusCode::OK);
        assert_eq!(created.header("cache-control"), "no-store");
        let secret = created.texts("code.secret")[0].clone();
        assert!(secret.starts_with("hiroba_"));
        let snapshot = app.db.store.snapshot().await.unwrap().to_string();
        assert!(!snapshot.contains(&secret), "only a digest is stored");

        let me = app
            .get_with(
                "/api/v1/me",
                &[("authorization", &format!("Bearer {secret}"))],
            )
            .await;
        assert_eq!(me.status, StatusCode::OK);
        assert_eq!(me.json()["email"], "api@example.jp");
        assert_eq!(me.json()["token_scope"], "read");
        let tokens = app.db.store.api_tokens().list(user.id).await.unwrap();
        assert_eq!(
            b.post(&format!("/account/tokens/{}/revoke", tokens[0].id), &[])
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        let after = app
            .get_with(
                "/api/v1/me",
                &[("authorization", &format!("Bearer {secret}"))],
            )
            .await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED);
        assert_eq!(after.header("www-authenticate"), "Bearer");
        assert_eq!(app.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[tokio::test]
async fn sessions_expire_when_idle_and_at_their_end() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let user = app.user("idle@example.jp", PASSWORD).await;
        let mut b = app.browser();
        b.sign_in("idle@example.jp", PASSWORD).await;
        let token = b.cookie("hiroba_session").unwrap();
        let key = hiroba_auth::digest(&token);
        let session = app.db.store.sessions().find(&key).await.unwrap().unwrap();
        assert_eq!(session.user_id, user.id);
        // Idle for longer than the idle limit (12 hours by default).
        app.db
            .store
            .sessions()
            .touch(&key, chrono::Utc::now() - chrono::Duration::hours(13))
            .await
            .unwrap();
        let r = b.get("/account").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.header("location").starts_with("/signin"));
        assert!(
            app.db.store.sessions().find(&key).await.unwrap().is_none(),
            "deleted when found stale"
        );
        // The cookie carries the absolute lifetime.
        let mut c = app.browser();
        let r = c
            .post(
                "/signin",
                &[("email", "idle@example.jp"), ("password", PASSWORD)],
            )
            .await;
        let set = r
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|v| v.starts_with("hiroba_session="))
            .unwrap();
        assert!(
            set.contains("Max-Age=1209600")
                && set.contains("HttpOnly")
                && set.contains("SameSite=Lax"),
            "{set}"
        );
    })
    .await;
}
