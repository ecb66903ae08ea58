//! The accounts story: people, sessions, tokens, teams, invitations, claims, the audit log.

use chrono::{Duration, Utc};
use hiroba_domain::roles::{ClaimStatus, InvitationRole, OrgRole, PortalRole, TokenScope};
use hiroba_store::account_tokens::{Purpose, TokenProblem};
use hiroba_store::audit::AuditScope;
use hiroba_store::invitations::{InvitationProblem, Target};
use hiroba_store::users::NewUser;
use hiroba_store::{By, Store, StoreError};
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::{organisation, regional_portal};

async fn user(store: &Store, email: &str) -> hiroba_store::users::User {
    store
        .users()
        .create(
            &NewUser {
                email,
                display_name: "山田 花子",
                password_hash: "$argon2id$x",
                lang: "ja",
                verified: true,
                platform_admin: false,
            },
            By::SYSTEM,
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn users_are_unique_by_address_whatever_the_case() {
    each_engine(|db| async move {
        let users = db.store.users();
        let a = user(&db.store, "Yamada@Example.jp").await;
        assert_eq!(a.email, "yamada@example.jp");
        let dup = users
            .create(
                &NewUser {
                    email: "YAMADA@example.JP",
                    display_name: "x",
                    password_hash: "h",
                    lang: "en",
                    verified: false,
                    platform_admin: false,
                },
                By::SYSTEM,
            )
            .await;
        assert!(matches!(dup, Err(StoreError::Conflict("email"))));
        let (found, hash) = users
            .credentials(" yamada@EXAMPLE.jp ")
            .await
            .unwrap()
            .unwrap();
        assert_eq!((found.id, hash.as_str()), (a.id, "$argon2id$x"));
        assert!(
            users
                .credentials("nobody@example.jp")
                .await
                .unwrap()
                .is_none()
        );
        users.set_lang(a.id, "en", By::user(a.id)).await.unwrap();
        assert_eq!(users.get(a.id).await.unwrap().unwrap().lang, "en");
        let b = user(&db.store, "b@example.jp").await;
        assert!(matches!(
            users.set_email(a.id, "B@example.jp", By::user(a.id)).await,
            Err(StoreError::Conflict("email"))
        ));
        users
            .set_email(a.id, "new@example.jp", By::user(a.id))
            .await
            .unwrap();
        assert_eq!(
            users.get(a.id).await.unwrap().unwrap().email,
            "new@example.jp"
        );
        assert_ne!(a.id, b.id);
    })
    .await;
}

#[tokio::test]
async fn actors_carry_their_roles() {
    each_engine(|db| async move {
        let s = &db.store;
        let u = user(s, "op@example.jp").await;
        let portal = s
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap();
        let org = s
            .organisations()
            .register(&organisation("あおぞら", "331007", &[13]), u.id)
            .await
            .unwrap();
        s.team()
            .grant_portal_role(portal.id, u.id, PortalRole::Operator, By::SYSTEM)
            .await
            .unwrap();
        let actor = s
            .users()
            .actor(u.id, Some(TokenScope::Read))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(actor.portals, vec![(portal.id, PortalRole::Operator)]);
        assert_eq!(actor.organisations, vec![(org.id, OrgRole::Owner)]);
        assert_eq!(actor.token_scope, Some(TokenScope::Read));
        assert!(actor.email_verified && !actor.platform_admin);
        assert!(s.users().actor(9999, None).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn sessions_and_password_changes() {
    each_engine(|db| async move {
        let s = &db.store;
        let u = user(s, "s@example.jp").await;
        let now = Utc::now();
        s.sessions()
            .create(
                "hash-1",
                u.id,
                now,
                now + Duration::days(14),
                Some("Firefox"),
            )
            .await
            .unwrap();
        s.sessions()
            .create("hash-2", u.id, now, now + Duration::days(14), None)
            .await
            .unwrap();
        let found = s.sessions().find("hash-1").await.unwrap().unwrap();
        assert_eq!(found.user_id, u.id);
        s.sessions()
            .touch("hash-1", now + Duration::minutes(10))
            .await
            .unwrap();
        assert!(
            s.sessions()
                .find("hash-1")
                .await
                .unwrap()
                .unwrap()
                .last_seen_at
                > found.last_seen_at
        );
        s.sessions().delete("hash-1").await.unwrap();
        assert!(s.sessions().find("hash-1").await.unwrap().is_none());
        // A new password ends every other session.
        s.users()
            .set_password(u.id, "$argon2id$new", By::user(u.id))
            .await
            .unwrap();
        assert!(s.sessions().find("hash-2").await.unwrap().is_none());
        assert_eq!(
            s.users().password_hash(u.id).await.unwrap(),
            "$argon2id$new"
        );
        s.sessions()
            .create(
                "old",
                u.id,
                now - Duration::days(20),
                now - Duration::days(6),
                None,
            )
            .await
            .unwrap();
        assert_eq!(s.sessions().purge_expired(now).await.unwrap(), 1);
    })
    .await;
}

#[tokio::test]
async fn emailed_tokens_work_once_and_expire() {
    each_engine(|db| async move {
        let s = &db.store;
        let u = user(s, "t@example.jp").await;
        let tokens = s.account_tokens();
        let now = Utc::now();
        tokens
            .issue(
                u.id,
                Purpose::ResetPassword,
                "first",
                None,
                now,
                now + Duration::hours(1),
            )
            .await
            .unwrap();
        tokens
            .issue(
                u.id,
                Purpose::ResetPassword,
                "second",
                None,
                now,
                now + Duration::hours(1),
            )
            .await
            .unwrap();
        assert_eq!(
            tokens
                .consume("first", Purpose::ResetPassword, now)
                .await
                .unwrap(),
            Err(TokenProblem::Used),
            "a newer link replaces it"
        );
        assert_eq!(
            tokens
                .consume("second", Purpose::VerifyEmail, now)
                .await
                .unwrap(),
            Err(TokenProblem::Unknown),
            "purpose must match"
        );
        assert!(
            tokens
                .check("second", Purpose::ResetPassword, now)
                .await
                .unwrap()
                .is_ok()
        );
        let used = tokens
            .consume("second", Purpose::ResetPassword, now)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(used.user_id, u.id);
        assert_eq!(
            tokens
                .consume("second", Purpose::ResetPassword, now)
                .await
                .unwrap(),
            Err(TokenProblem::Used)
        );
        tokens
            .issue(
                u.id,
                Purpose::ChangeEmail,
                "change",
                Some("n@example.jp"),
                now,
                now + Duration::hours(24),
            )
            .await
            .unwrap();
        assert_eq!(
            tokens
                .consume("change", Purpose::ChangeEmail, now + Duration::hours(25))
                .await
                .unwrap(),
            Err(TokenProblem::Expired)
        );
        assert_eq!(
            tokens
                .consume("nothing", Purpose::ChangeEmail, now)
                .await
                .unwrap(),
            Err(TokenProblem::Unknown)
        );
    })
    .await;
}

#[tokio::test]
async fn api_tokens_belong_to_their_owner() {
    each_engine(|db| async move {
        let s = &db.store;
        let a = user(s, "a@example.jp").await;
        let b = user(s, "b@example.jp").await;
        let t = s
            .api_tokens()
            .create(
                a.id,
                "集計スクリプト",
                "hiroba_abcde",
                "digest-a",
                TokenScope::ReadWrite,
            )
            .await
            .unwrap();
        assert_eq!(
            s.api_tokens()
                .authenticate("digest-a")
                .await
                .unwrap()
                .unwrap()
                .user_id,
            a.id
        );
        assert!(
            matches!(
                s.api_tokens().revoke(b.id, t.id).await,
                Err(StoreError::NotFound)
            ),
            "not b's token"
        );
        assert!(
            s.api_tokens()
                .authenticate("digest-a")
                .await
                .unwrap()
                .is_some()
        );
        s.api_tokens().revoke(a.id, t.id).await.unwrap();
        assert!(
            s.api_tokens()
                .authenticate("digest-a")
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            matches!(
                s.api_tokens().revoke(a.id, t.id).await,
                Err(StoreError::NotFound)
            ),
            "twice"
        );
        assert_eq!(s.api_tokens().list(a.id).await.unwrap().len(), 1);
        assert!(s.api_tokens().list(b.id).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn teams_keep_at_least_one_owner_and_operator() {
    each_engine(|db| async move {
        let s = &db.store;
        let owner = user(s, "owner@example.jp").await;
        let editor = user(s, "editor@example.jp").await;
        let org = s
            .organisations()
            .register(&organisation("あおぞら", "331007", &[13]), owner.id)
            .await
            .unwrap();
        s.team()
            .grant_org_role(org.id, editor.id, OrgRole::Editor, By::user(owner.id))
            .await
            .unwrap();
        let team = s.team().organisation_team(org.id).await.unwrap();
        assert_eq!(
            team.iter().map(|m| m.role).collect::<Vec<_>>(),
            [OrgRole::Owner, OrgRole::Editor]
        );
        assert!(matches!(
            s.team()
                .remove_org_member(org.id, owner.id, By::user(owner.id))
                .await,
            Err(StoreError::Conflict("last_owner"))
        ));
        s.team()
            .remove_org_member(org.id, editor.id, By::user(owner.id))
            .await
            .unwrap();
        assert!(matches!(
            s.team()
                .remove_org_member(org.id, editor.id, By::user(owner.id))
                .await,
            Err(StoreError::NotFound)
        ));

        let portal = s
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap();
        s.team()
            .grant_portal_role(portal.id, owner.id, PortalRole::Operator, By::SYSTEM)
            .await
            .unwrap();
        s.team()
            .grant_portal_role(portal.id, editor.id, PortalRole::Editor, By::SYSTEM)
            .await
            .unwrap();
        assert!(matches!(
            s.team()
                .remove_portal_member(portal.id, owner.id, By::SYSTEM)
                .await,
            Err(StoreError::Conflict("last_operator"))
        ));
        s.team()
            .remove_portal_member(portal.id, editor.id, By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(s.team().portal_team(portal.id).await.unwrap().len(), 1);
        assert!(s.team().has_owner(org.id).await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn invitations_are_accepted_once_before_they_expire() {
    each_engine(|db| async move {
        let s = &db.store;
        let owner = user(s, "owner@example.jp").await;
        let invitee = user(s, "new@example.jp").await;
        let org = s
            .organisations()
            .register(&organisation("あおぞら", "331007", &[13]), owner.id)
            .await
            .unwrap();
        let now = Utc::now();
        let target = Target::Organisation(org.id);
        let inv = s
            .invitations()
            .create(
                target,
                InvitationRole::Organisation(OrgRole::Editor),
                "New@Example.jp",
                "inv-hash",
                now + Duration::days(14),
                By::user(owner.id),
            )
            .await
            .unwrap();
        assert_eq!(inv.email, "new@example.jp");
        assert_eq!(s.invitations().pending(target, now).await.unwrap().len(), 1);
        let accepted = s
            .invitations()
            .accept("inv-hash", invitee.id, now)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(accepted.id, inv.id);
        assert_eq!(
            s.invitations()
                .accept("inv-hash", invitee.id, now)
                .await
                .unwrap(),
            Err(InvitationProblem::Accepted)
        );
        assert_eq!(
            s.users()
                .actor(invitee.id, None)
                .await
                .unwrap()
                .unwrap()
                .org_role(org.id),
            Some(OrgRole::Editor)
        );
        s.invitations()
            .create(
                target,
                InvitationRole::Organisation(OrgRole::Editor),
                "x@example.jp",
                "old-hash",
                now - Duration::days(1),
                By::user(owner.id),
            )
            .await
            .unwrap();
        assert_eq!(
            s.invitations()
                .accept("old-hash", invitee.id, now)
                .await
                .unwrap(),
            Err(InvitationProblem::Expired)
        );
        assert_eq!(
            s.invitations()
                .accept("nothing", invitee.id, now)
                .await
                .unwrap(),
            Err(InvitationProblem::Unknown)
        );
        // Revoking needs the right target.
        let open = s
            .invitations()
            .create(
                target,
                InvitationRole::Organisation(OrgRole::Editor),
                "y@example.jp",
                "y-hash",
                now + Duration::days(1),
                By::user(owner.id),
            )
            .await
            .unwrap();
        assert!(matches!(
            s.invitations()
                .revoke(Target::Organisation(org.id + 100), open.id, By::SYSTEM)
                .await,
            Err(StoreError::NotFound)
        ));
        s.invitations()
            .revoke(target, open.id, By::user(owner.id))
            .await
            .unwrap();
        assert!(
            s.invitations()
                .pending(target, now)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            s.invitations()
                .create(
                    target,
                    InvitationRole::Portal(PortalRole::Editor),
                    "z@example.jp",
                    "z",
                    now,
                    By::SYSTEM
                )
                .await
                .is_err(),
            "a portal role cannot be offered for an organisation"
        );
    })
    .await;
}

#[tokio::test]
async fn claims_are_decided_by_the_portals_that_list_the_organisation() {
    each_engine(|db| async move {
        let s = &db.store;
        let claimant = user(s, "c@example.jp").await;
        let operator = user(s, "op@example.jp").await;
        let okayama = s
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap();
        let kyoto = s
            .portals()
            .create(&regional_portal("kyoto", &["26"]), By::SYSTEM)
            .await
            .unwrap();
        let imported = s
            .organisations()
            .create(&organisation("あおぞら", "331007", &[13]), By::SYSTEM)
            .await
            .unwrap();
        let claim = s
            .claims()
            .create(imported.id, claimant.id, "事務局長の山田です。")
            .await
            .unwrap();
        assert_eq!(claim.status, ClaimStatus::Pending);
        assert_eq!(claim.organisation_name, "特定非営利活動法人 あおぞら");
        assert!(matches!(
            s.claims().create(imported.id, claimant.id, "again").await,
            Err(StoreError::Conflict("claim"))
        ));
        assert!(matches!(
            s.claims().create(9999, claimant.id, "x").await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(
            s.claims()
                .pending_for_portal(okayama.id)
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(
            s.claims()
                .pending_for_portal(kyoto.id)
                .await
                .unwrap()
                .is_empty()
        );
        let decided = s
            .claims()
            .decide(claim.id, true, "", okayama.id, By::user(operator.id))
            .await
            .unwrap();
        assert_eq!(decided.status, ClaimStatus::Approved);
        assert!(s.team().has_owner(imported.id).await.unwrap());
        assert!(matches!(
            s.claims()
                .decide(claim.id, false, "", okayama.id, By::user(operator.id))
                .await,
            Err(StoreError::Conflict("claim_decided"))
        ));
        assert_eq!(s.claims().for_user(claimant.id).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn every_change_is_in_the_right_log() {
    each_engine(|db| async move {
        let s = &db.store;
        let u = user(s, "a@example.jp").await;
        let portal = s
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::user(u.id))
            .await
            .unwrap();
        let org = s
            .organisations()
            .register(&organisation("あおぞら", "331007", &[13]), u.id)
            .await
            .unwrap();
        let edited = hiroba_testkit::fixtures::edited(&org.profile, |i| {
            i.mission = "新しいミッション".into()
        });
        s.organisations()
            .update(org.id, &edited, By::user(u.id))
            .await
            .unwrap();
        s.portals()
            .set_curation(
                portal.id,
                org.id,
                Some(hiroba_domain::scope::Curation::Exclude),
                By::user(u.id),
            )
            .await
            .unwrap();

        let org_log = s
            .audit()
            .list(AuditScope::Organisation(org.id), None, 50)
            .await
            .unwrap();
        let actions: Vec<&str> = org_log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "organisation.update",
                "organisation.role.grant",
                "organisation.create"
            ],
            "newest first"
        );
        assert_eq!(
            org_log[0].details["changed"],
            serde_json::json!(["mission"])
        );
        assert_eq!(org_log[0].actor_user_id, Some(u.id));
        assert_eq!(org_log[0].actor_name.as_deref(), Some("山田 花子"));
        let portal_log = s
            .audit()
            .list(AuditScope::Portal(portal.id), None, 50)
            .await
            .unwrap();
        assert_eq!(
            portal_log
                .iter()
                .map(|e| e.action.as_str())
                .collect::<Vec<_>>(),
            ["portal.curation", "portal.create"]
        );
        let all = s
            .audit()
            .list(AuditScope::Everything, None, 50)
            .await
            .unwrap();
        assert!(all.len() >= 6);
        let older = s
            .audit()
            .list(AuditScope::Everything, Some(all[1].id), 50)
            .await
            .unwrap();
        assert_eq!(older.len(), all.len() - 2, "paging by id");
        // A failed change leaves no trace.
        let before = s.snapshot().await.unwrap();
        let dup = hiroba_testkit::fixtures::edited(&org.profile, |i| {
            i.corporate_number = "1000011000005".into()
        });
        s.organisations()
            .create(&dup, By::user(u.id))
            .await
            .unwrap();
        assert!(
            s.organisations()
                .create(&dup, By::user(u.id))
                .await
                .is_err()
        );
        let after = s.snapshot().await.unwrap();
        assert_eq!(
            after["audit_events"].as_array().unwrap().len(),
            before["audit_events"].as_array().unwrap().len() + 1
        );
    })
    .await;
}

#[tokio::test]
async fn rate_limits_count_per_window_and_drafts_return_once() {
    each_engine(|db| async move {
        let s = &db.store;
        let now = Utc::now();
        for expected in 1..=3 {
            assert_eq!(
                s.rate_limits()
                    .hit("signin:a@example.jp", 900, now)
                    .await
                    .unwrap(),
                expected
            );
        }
        assert_eq!(
            s.rate_limits()
                .hits("signin:other", 900, now)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            s.rate_limits()
                .hits("signin:a@example.jp", 900, now + Duration::seconds(900))
                .await
                .unwrap(),
            0,
            "a new window"
        );
        s.rate_limits().clear("signin:a@example.jp").await.unwrap();
        assert_eq!(
            s.rate_limits()
                .hits("signin:a@example.jp", 900, now)
                .await
                .unwrap(),
            0
        );

        let u = user(s, "d@example.jp").await;
        let other = user(s, "e@example.jp").await;
        let fields = vec![("mission".to_string(), "入力途中の文章".to_string())];
        s.drafts()
            .save(
                "draft-1",
                Some(u.id),
                "/organisations/1/edit",
                &fields,
                now + Duration::hours(1),
            )
            .await
            .unwrap();
        assert!(
            s.drafts()
                .take("draft-1", "/other", u.id, now)
                .await
                .unwrap()
                .is_none(),
            "other path"
        );
        assert!(
            s.drafts()
                .take("draft-1", "/organisations/1/edit", other.id, now)
                .await
                .unwrap()
                .is_none(),
            "other person"
        );
        assert_eq!(
            s.drafts()
                .take("draft-1", "/organisations/1/edit", u.id, now)
                .await
                .unwrap(),
            Some(fields)
        );
        assert!(
            s.drafts()
                .take("draft-1", "/organisations/1/edit", u.id, now)
                .await
                .unwrap()
                .is_none(),
            "once"
        );
    })
    .await;
}

#[tokio::test]
async fn sweeping_removes_only_what_has_expired() {
    each_engine(|db| async move {
        let s = &db.store;
        let u = user(s, "sweep@example.jp").await;
        let now = Utc::now();
        let hour = Duration::hours(1);
        let sessions = s.sessions();
        sessions
            .create("live", u.id, now, now + hour, None)
            .await
            .unwrap();
        sessions
            .create("dead", u.id, now - hour * 30, now - hour, None)
            .await
            .unwrap();
        let drafts = s.drafts();
        let fields = [("name".to_owned(), "あおぞら".to_owned())];
        drafts
            .save("kept", Some(u.id), "/x", &fields, now + hour)
            .await
            .unwrap();
        drafts
            .save("stale", Some(u.id), "/x", &fields, now - hour)
            .await
            .unwrap();
        let limits = s.rate_limits();
        limits.hit("old", 3600, now - hour * 3).await.unwrap();
        limits.hit("current", 3600, now).await.unwrap();
        // Issued oldest first: a newer link replaces the older ones.
        let links = s.account_tokens();
        links
            .issue(
                u.id,
                Purpose::ResetPassword,
                "ancient",
                None,
                now - Duration::days(30),
                now - Duration::days(29),
            )
            .await
            .unwrap();
        links
            .issue(
                u.id,
                Purpose::ResetPassword,
                "recent",
                None,
                now - hour * 2,
                now - hour,
            )
            .await
            .unwrap();

        let swept = s.sweep(now, 3600).await.unwrap();
        assert_eq!(
            swept,
            hiroba_store::housekeeping::Swept {
                sessions: 1,
                drafts: 1,
                rate_limits: 1,
                account_tokens: 1,
                search_outbox: 0,
            }
        );
        assert!(sessions.find("live").await.unwrap().is_some());
        assert_eq!(limits.hits("current", 3600, now).await.unwrap(), 1);
        assert_eq!(
            links
                .check("recent", Purpose::ResetPassword, now)
                .await
                .unwrap()
                .unwrap_err(),
            TokenProblem::Expired,
            "a recently expired link still says it has expired"
        );
        assert_eq!(
            s.sweep(now, 3600).await.unwrap(),
            Default::default(),
            "nothing left to sweep"
        );
    })
    .await;
}
