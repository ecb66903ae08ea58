//! Mail flows against a real SMTP server: verification, reset, invitations, claim decisions.

mod support;

use axum::http::StatusCode;
use hiroba_testkit::{SmtpSink, each_engine};
use support::{App, PASSWORD, ReceivedMail, Who};

fn received(sink: &SmtpSink, n: usize) -> Vec<ReceivedMail> {
    sink.wait_for(n)
        .iter()
        .map(|raw| ReceivedMail::parse(raw))
        .collect()
}

#[tokio::test]
async fn sign_up_and_reset_mails_arrive_over_smtp() {
    each_engine(|db| async move {
        let sink = SmtpSink::start();
        let app = App::with_smtp(db, sink.port);
        let mut b = app.browser();
        b.post(
            "/signup",
            &[
                ("display_name", "森 さくら"),
                ("email", "sakura@example.jp"),
                ("password", PASSWORD),
                ("password_confirmation", PASSWORD),
                ("lang", "ja"),
            ],
        )
        .await;
        let mails = received(&sink, 1);
        assert_eq!(mails[0].to, "sakura@example.jp");
        assert_eq!(mails[0].subject, "[ひろば] メールアドレスの確認");
        assert!(
            mails[0]
                .body
                .contains("このメールは「ひろば」から自動で送信しています")
        );
        let verified = b.get(&mails[0].link("/verify-email?token=")).await;
        assert_eq!(verified.status, StatusCode::SEE_OTHER);

        // An English-speaking user gets English mail.
        b.post(
            "/account/profile",
            &[("display_name", "Sakura"), ("lang", "en")],
        )
        .await;
        b.post("/signout", &[]).await;
        b.post("/password/forgot", &[("email", "sakura@example.jp")])
            .await;
        let mails = received(&sink, 2);
        assert_eq!(mails[1].subject, "[Hiroba] Reset your password");
        let form = b.get(&mails[1].link("/password/reset?token=")).await;
        let token = form.attr("input[name=token]", "value")[0].clone();
        let done = b
            .post(
                "/password/reset",
                &[
                    ("token", &token),
                    ("password", "新しいさくらの合言葉"),
                    ("password_confirmation", "新しいさくらの合言葉"),
                ],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn invitations_arrive_and_are_accepted_by_their_addressee() {
    each_engine(|db| async move {
        let sink = SmtpSink::start();
        let mut app = App::with_smtp(db, sink.port);
        app.ids = support::load_fixture(&app.db).await;
        let owner = app.user("owner@example.jp", PASSWORD).await;
        app.db
            .store
            .team()
            .grant_org_role(
                app.ids.aozora,
                owner.id,
                hiroba_domain::roles::OrgRole::Owner,
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        let mut o = app.browser();
        o.sign_in("owner@example.jp", PASSWORD).await;
        let bad = o
            .post(
                &format!("/organisations/{}/team/invite", app.ids.aozora),
                &[("email", "not-an-address"), ("role", "editor")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.attr("#f-email", "value"), ["not-an-address"]);
        let r = o
            .post(
                &format!("/organisations/{}/team/invite", app.ids.aozora),
                &[("email", "Helper@Example.jp"), ("role", "editor")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let mail = &received(&sink, 1)[0];
        assert_eq!(mail.to, "helper@example.jp");
        assert!(mail.subject.contains("あおぞら子ども食堂"));
        assert!(mail.body.contains("編集者"));
        let link = mail.link("/invitations/");

        // Someone else who got the link cannot use it.
        app.user("stranger@example.jp", PASSWORD).await;
        let mut s = app.browser();
        s.sign_in("stranger@example.jp", PASSWORD).await;
        let page = s.get(&link).await;
        assert!(
            page.texts("main p")
                .iter()
                .any(|p| p.contains("helper@example.jp 宛て"))
        );
        assert_eq!(s.post(&link, &[]).await.status, StatusCode::FORBIDDEN);

        // The addressee signs up with that address, opens the link and joins.
        let helper = app.user("helper@example.jp", PASSWORD).await;
        let mut h = app.browser();
        let anonymous = h.get(&link).await;
        assert!(
            anonymous
                .attr("a", "href")
                .iter()
                .any(|a| a.starts_with("/signin?next=%2Finvitations%2F"))
        );
        h.sign_in("helper@example.jp", PASSWORD).await;
        let accepted = h.post(&link, &[]).await;
        assert_eq!(
            accepted.header("location"),
            format!(
                "/organisations/{}?notice=invitation-accepted",
                app.ids.aozora
            )
        );
        let actor = app
            .db
            .store
            .users()
            .actor(helper.id, None)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            actor.org_role(app.ids.aozora),
            Some(hiroba_domain::roles::OrgRole::Editor)
        );
        assert_eq!(h.post(&link, &[]).await.status, StatusCode::GONE, "once");
        let team = o
            .get(&format!("/organisations/{}/team", app.ids.aozora))
            .await;
        assert!(team.text.contains("helper@example.jp"));
    })
    .await;
}

#[tokio::test]
async fn claims_notify_operators_and_the_decision_reaches_the_claimant() {
    each_engine(|db| async move {
        let sink = SmtpSink::start();
        let mut app = App::with_smtp(db, sink.port);
        app.ids = support::load_fixture(&app.db).await;
        let operator = app.user("operator@example.jp", PASSWORD).await;
        app.db
            .store
            .team()
            .grant_portal_role(
                app.ids.okayama,
                operator.id,
                hiroba_domain::roles::PortalRole::Operator,
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        let claimant = app.user("claimant@example.jp", PASSWORD).await;
        let mut c = app.browser();
        c.sign_in("claimant@example.jp", PASSWORD).await;
        let path = format!("/organisations/{}/claim", app.ids.himawari);
        let empty = c.post(&path, &[("message", "  ")]).await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST);
        assert!(!empty.texts("#f-message-error").is_empty());
        assert_eq!(
            c.post(&path, &[("message", "見守り隊の代表です。")])
                .await
                .header("location"),
            "/account?notice=claim-submitted"
        );
        let again = c.post(&path, &[("message", "もう一度")]).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(again.texts("main p")[1].contains("すでに受け付けています"));

        let mails = received(&sink, 1);
        assert_eq!(mails[0].to, "operator@example.jp");
        assert!(mails[0].subject.contains("ひまわり見守り隊"));
        let mut op = app.browser();
        op.sign_in("operator@example.jp", PASSWORD).await;
        let queue = op.get(&mails[0].link("/p/okayama/admin/claims")).await;
        assert_eq!(queue.status, StatusCode::OK);
        assert!(queue.text.contains("見守り隊の代表です。"));
        let claim = app.db.store.claims().for_user(claimant.id).await.unwrap()[0].id;
        let decided = op
            .post(
                &format!("/p/okayama/admin/claims/{claim}"),
                &[("decision", "approve"), ("note", "")],
            )
            .await;
        assert_eq!(
            decided.header("location"),
            "/p/okayama/admin/claims?notice=claim-decided"
        );
        let mails = received(&sink, 2);
        assert_eq!(mails[1].to, "claimant@example.jp");
        assert!(mails[1].subject.contains("承認されました"));
        assert!(
            mails[1]
                .body
                .contains(&format!("/organisations/{}/edit", app.ids.himawari))
        );
        // The claimant now manages it.
        assert_eq!(
            c.get(&format!("/organisations/{}/edit", app.ids.himawari))
                .await
                .status,
            StatusCode::OK
        );

        // A rejection carries the office's note.
        let other = app.user("other@example.jp", PASSWORD).await;
        let claim2 = app
            .db
            .store
            .claims()
            .create(app.ids.setouchi, other.id, "社員です")
            .await
            .unwrap()
            .id;
        op.post(
            &format!("/p/okayama/admin/claims/{claim2}"),
            &[
                ("decision", "reject"),
                ("note", "登記簿を確認できませんでした"),
            ],
        )
        .await;
        let mails = received(&sink, 3);
        assert_eq!(mails[2].to, "other@example.jp");
        assert!(mails[2].body.contains("登記簿を確認できませんでした"));
        let _ = Who::Admin;
    })
    .await;
}
