//! Tenant isolation, proven route by route.
//!
//! Every state-changing route (pages and API, from `auth::mutations::all()`) must have an entry
//! here; a route without one fails `the_matrix_covers_every_mutation_route`. Each entry says
//! how to aim the request at records that are *not* the caller's (organisation B, portal Q,
//! someone else's token or invitation) and who may legitimately do that. Every other role is
//! tried and must be refused (401, 403, 404, or a redirect to sign in) with the database left
//! exactly as it was. A positive control per route proves the request would otherwise work,
//! so the refusals are not an accident of a bad request.

mod support;

use axum::http::{Method, StatusCode};
use hiroba_domain::roles::{InvitationRole, OrgRole, PortalRole, TokenScope};
use hiroba_domain::scope::Curation;
use hiroba_store::By;
use hiroba_store::invitations::Target;
use hiroba_testkit::each_engine;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};
use support::{App, Resp, Who};

/// Records made for the matrix beyond the people fixture.
#[derive(Debug, Clone, Default)]
struct World {
    a: i64,
    b: i64,
    p: String,
    q: String,
    /// An organisation only portal Q lists, with a pending claim.
    q_only_org: i64,
    q_claim: i64,
    /// An organisation only portal P lists, with a pending claim.
    p_claim: i64,
    b_editor: i64,
    a_editor: i64,
    q_editor: i64,
    p_editor: i64,
    b_invitation: i64,
    a_invitation: i64,
    q_invitation: i64,
    p_invitation: i64,
    /// An invitation to organisation A addressed to B's owner, and its link token.
    invitation_for_owner_b: String,
    invitation_for_user: String,
    owner_b_token: i64,
    user_token: i64,
    /// Profile records of A and B.
    a_programme: i64,
    b_programme: i64,
    a_metric: i64,
    b_metric: i64,
    a_document: i64,
    b_document: i64,
    /// B's list of officers: private.
    b_private: i64,
    /// A fiscal year both A and B have a report for.
    year: i32,
    /// ★3 organisations listed only by portal P, and only by portal Q.
    p_ready: i64,
    q_ready: i64,
    /// STEP2 grants each portal made to its own ★3 organisation.
    p_cert: i64,
    q_cert: i64,
    /// A spreadsheet import run by portal Q, with a report of rejected rows.
    q_run: i64,
}

async fn world(app: &App) -> World {
    let s = &app.db.store;
    let by = By::SYSTEM;
    let mut w = World {
        a: app.ids.aozora,
        b: app.ids.midori,
        p: "okayama".into(),
        q: "kodomo".into(),
        ..Default::default()
    };
    let person = |email: &'static str| async move {
        let hash = hiroba_auth::hash_password(support::PASSWORD).unwrap();
        s.users()
            .create(
                &hiroba_store::users::NewUser {
                    email,
                    display_name: email,
                    password_hash: &hash,
                    lang: "ja",
                    verified: true,
                    platform_admin: false,
                },
                By::SYSTEM,
            )
            .await
            .unwrap()
            .id
    };
    w.b_editor = person("b-editor@example.jp").await;
    w.q_editor = person("q-editor@example.jp").await;
    w.a_editor = app.user_id(Who::EditorA).await;
    w.p_editor = app.user_id(Who::EditorP).await;
    s.team()
        .grant_org_role(w.b, w.b_editor, OrgRole::Editor, by)
        .await
        .unwrap();
    s.team()
        .grant_portal_role(app.ids.kodomo, w.q_editor, PortalRole::Editor, by)
        .await
        .unwrap();
    let kyoto_kids = hiroba_testkit::fixtures::organisation("京都こどもの森", "261009", &[13]);
    w.q_only_org = s.organisations().create(&kyoto_kids, by).await.unwrap().id;
    let user = app.user_id(Who::User).await;
    w.q_claim = s
        .claims()
        .create(w.q_only_org, user, "代表です")
        .await
        .unwrap()
        .id;
    w.p_claim = s
        .claims()
        .create(app.ids.himawari, user, "代表です")
        .await
        .unwrap()
        .id;
    let later = chrono::Utc::now() + chrono::Duration::days(7);
    let invite = |target: Target, role: InvitationRole, email: &'static str, token: String| async move {
        s.invitations()
            .create(
                target,
                role,
                email,
                &hiroba_auth::digest(&token),
                later,
                By::SYSTEM,
            )
            .await
            .unwrap()
            .id
    };
    let org_editor = InvitationRole::Organisation(OrgRole::Editor);
    let portal_editor = InvitationRole::Portal(PortalRole::Editor);
    w.b_invitation = invite(
        Target::Organisation(w.b),
        org_editor,
        "x@example.jp",
        hiroba_auth::new_token(),
    )
    .await;
    w.a_invitation = invite(
        Target::Organisation(w.a),
        org_editor,
        "y@example.jp",
        hiroba_auth::new_token(),
    )
    .await;
    w.q_invitation = invite(
        Target::Portal(app.ids.kodomo),
        portal_editor,
        "x@example.jp",
        hiroba_auth::new_token(),
    )
    .await;
    w.p_invitation = invite(
        Target::Portal(app.ids.okayama),
        portal_editor,
        "y@example.jp",
        hiroba_auth::new_token(),
    )
    .await;
    w.invitation_for_owner_b = hiroba_auth::new_token();
    invite(
        Target::Organisation(w.a),
        org_editor,
        "owner-b@example.jp",
        w.invitation_for_owner_b.clone(),
    )
    .await;
    w.invitation_for_user = hiroba_auth::new_token();
    invite(
        Target::Organisation(w.a),
        org_editor,
        "user@example.jp",
        w.invitation_for_user.clone(),
    )
    .await;
    s.portals()
        .set_curation(app.ids.kodomo, w.a, Some(Curation::Exclude), by)
        .await
        .unwrap();
    s.portals()
        .set_curation(app.ids.okayama, w.b, Some(Curation::Include), by)
        .await
        .unwrap();
    let owner_b = app.user_id(Who::OwnerB).await;
    w.owner_b_token = s
        .api_tokens()
        .create(owner_b, "b", "hiroba_b", "digest-b", TokenScope::ReadWrite)
        .await
        .unwrap()
        .id;
    w.user_token = s
        .api_tokens()
        .create(user, "u", "hiroba_u", "digest-u", TokenScope::ReadWrite)
        .await
        .unwrap()
        .id;
    profile_records(app, &mut w).await;
    // A value of each organisation's metric for the API's value routes to change or remove.
    for m in [w.a_metric, w.b_metric] {
        s.metrics()
            .set_value(m, w.year, Some((120.0, None)), by)
            .await
            .unwrap();
    }
    w
}

/// Programmes, metrics, documents and reports of A and B, and certifiable organisations of
/// each portal with a grant each.
async fn profile_records(app: &App, w: &mut World) {
    use hiroba_domain::certification::{GrantDecision, Step, expires_on};
    use hiroba_testkit::fixtures::{PDF, at_level_three};
    let s = &app.db.store;
    let by = By::SYSTEM;
    let programme = hiroba_domain::programmes::Programme {
        name: "子ども食堂".into(),
        description: None,
        target_population: None,
        area: None,
    };
    w.a_programme = s.programmes().add(w.a, &programme, by).await.unwrap().id;
    w.b_programme = s.programmes().add(w.b, &programme, by).await.unwrap().id;
    let metric = hiroba_domain::metrics::MetricInput {
        name: "参加者数".into(),
        unit: "人".into(),
        kind: "output".into(),
        direction: "increase".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    w.a_metric = s.metrics().add(w.a, &metric, by).await.unwrap();
    w.b_metric = s.metrics().add(w.b, &metric, by).await.unwrap();
    for (org, slot) in [(w.a, &mut w.a_document), (w.b, &mut w.b_document)] {
        let stored = app
            .files()
            .put(&hiroba_files::new_key("documents", "pdf"), PDF.to_vec())
            .await
            .unwrap();
        *slot = s
            .documents()
            .add(
                &hiroba_store::documents::NewDocument {
                    organisation_id: org,
                    kind: hiroba_domain::documents::DocumentKind::Articles,
                    fiscal_year: None,
                    filename: "teikan.pdf",
                    content_type: "application/pdf",
                    size: stored.size,
                    sha256: &stored.sha256,
                    storage_key: &stored.key,
                },
                by,
            )
            .await
            .unwrap()
            .id;
    }
    let stored = app
        .files()
        .put(&hiroba_files::new_key("documents", "pdf"), PDF.to_vec())
        .await
        .unwrap();
    w.b_private = s
        .documents()
        .add(
            &hiroba_store::documents::NewDocument {
                organisation_id: w.b,
                kind: hiroba_domain::documents::DocumentKind::OfficerList,
                fiscal_year: Some(2024),
                filename: "yakuin.pdf",
                content_type: "application/pdf",
                size: stored.size,
                sha256: &stored.sha256,
                storage_key: &stored.key,
            },
            by,
        )
        .await
        .unwrap()
        .id;
    w.year = hiroba_domain::disclosure::due_year(hiroba_web::today(), 4);
    let statement = hiroba_domain::finances::StatementInput(
        [("donations".to_owned(), "100000".to_owned())].into(),
    )
    .validate(hiroba_domain::finances::Basis::NpoStandard)
    .unwrap();
    for org in [w.a, w.b] {
        s.reports()
            .save(
                org,
                &hiroba_store::reports::ReportInput {
                    fiscal_year: w.year,
                    basis: hiroba_domain::finances::Basis::NpoStandard,
                    business_report: None,
                    statement: &statement,
                },
                by,
            )
            .await
            .unwrap();
    }
    w.p_ready = at_level_three(s, "備前の森", "331007", &[1]).await;
    w.q_ready = at_level_three(s, "京都こども食堂", "261009", &[13]).await;
    let today = hiroba_web::today();
    for (org, portal, slot) in [
        (w.p_ready, app.ids.okayama, &mut w.p_cert),
        (w.q_ready, app.ids.kodomo, &mut w.q_cert),
    ] {
        assert_eq!(s.standing(org, today).await.unwrap().assessment.level, 3);
        *slot = s
            .certifications()
            .grant(
                org,
                portal,
                &GrantDecision {
                    step: Step::Two,
                    notes: Some("原本と照合".into()),
                    granted_on: today,
                    expires_on: expires_on(Step::Two, today),
                },
                today,
                By::SYSTEM,
            )
            .await
            .unwrap()
            .unwrap();
    }
    // A sheet each portal's operator uploaded for import, awaiting confirmation.
    for (portal, sheet) in [(app.ids.okayama, SHEET_P), (app.ids.kodomo, SHEET_Q)] {
        app.files()
            .put(
                &format!("imports/{portal}/{sheet}.csv"),
                "団体名,メール\nいずみの会,izumi@example.jp\n"
                    .as_bytes()
                    .to_vec(),
            )
            .await
            .unwrap();
    }
    w.q_run = s
        .imports()
        .start_run(&hiroba_store::imports::NewRun {
            kind: "spreadsheet",
            file_name: "kyoto.csv",
            sha256: "0",
            dry_run: false,
            portal_id: Some(app.ids.kodomo),
            rows_total: Some(3),
        })
        .await
        .unwrap();
    let report = format!("imports/{}/run-{}.rejected.csv", app.ids.kodomo, w.q_run);
    app.files()
        .put(&report, b"line,column,value\n3,2,x\n".to_vec())
        .await
        .unwrap();
    s.imports().set_report_key(w.q_run, &report).await.unwrap();
}

/// The names of the sheets staged for portals P and Q (see [`world`]).
const SHEET_P: &str = "0123456789abcdef0123456789abcdef";
const SHEET_Q: &str = "fedcba9876543210fedcba9876543210";

#[derive(Debug, Clone)]
enum Body {
    Form(Vec<(String, String)>),
    Json(Value),
    /// Form fields and a file (field, file name, bytes), sent as multipart.
    Upload(
        Vec<(String, String)>,
        &'static str,
        &'static str,
        &'static [u8],
    ),
    Empty,
}

fn upload(
    fields: &[(&str, &str)],
    field: &'static str,
    name: &'static str,
    bytes: &'static [u8],
) -> Body {
    Body::Upload(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        field,
        name,
        bytes,
    )
}

fn form(fields: &[(&str, &str)]) -> Body {
    Body::Form(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

/// A valid organisation profile as a form.
fn org_form(name: &str) -> Body {
    form(&[
        ("name", name),
        ("legal_form", "npo"),
        ("roles", "npo_ngo"),
        ("municipality", "331007"),
        ("activity_fields", "13"),
    ])
}

fn org_json(name: &str) -> Body {
    Body::Json(
        json!({"name": name, "legal_form": "npo", "roles": ["npo_ngo"], "municipality": "331007", "activity_fields": ["13"]}),
    )
}

fn settings_form() -> Body {
    form(&[
        ("name_ja", "書き換えた名前"),
        ("name_en", "Renamed"),
        ("kind", "theme"),
        ("activity_fields", "13"),
        ("primary_colour", "#2e6b30"),
        ("accent_colour", "#8a4b08"),
    ])
}

fn settings_json() -> Body {
    Body::Json(
        json!({"name_ja": "書き換えた名前", "name_en": "Renamed", "kind": "theme", "activity_fields": ["13"], "primary_colour": "#2e6b30", "accent_colour": "#8a4b08"}),
    )
}

/// How a route is checked.
enum Check {
    /// Aimed at others' records: only `allowed` may do it. `own` is the positive control:
    /// (who, url, body) that must succeed.
    Foreign {
        urls: Vec<String>,
        body: Body,
        allowed: Vec<Who>,
        own: (Who, String, Body),
    },
    /// Acts only on the caller's own account, or on nothing yet owned (public forms): it has no
    /// "other" record to aim at. The reason is stated; the test checks that anonymous callers
    /// are refused where signing in is needed, and that a signed-in caller changes no one
    /// else's records.
    SelfOnly {
        needs_sign_in: bool,
        who: Who,
        url: String,
        body: Body,
        reason: &'static str,
    },
}

struct Case {
    method: &'static str,
    path: &'static str,
    check: Check,
}

const VERIFIED: [Who; 8] = [
    Who::User,
    Who::OwnerA,
    Who::EditorA,
    Who::OwnerB,
    Who::OperatorP,
    Who::EditorP,
    Who::OperatorQ,
    Who::Admin,
];

fn matrix(w: &World) -> Vec<Case> {
    use Who::*;
    let (a, b, p, q) = (w.a, w.b, w.p.as_str(), w.q.as_str());
    let year = w.year;
    let foreign = |method,
                   path,
                   urls: Vec<String>,
                   body: Body,
                   allowed: Vec<Who>,
                   own: (Who, String, Body)| Case {
        method,
        path,
        check: Check::Foreign {
            urls,
            body,
            allowed,
            own,
        },
    };
    let own_only = |method, path, needs_sign_in, who, url: &str, body: Body, reason| Case {
        method,
        path,
        check: Check::SelfOnly {
            needs_sign_in,
            who,
            url: url.to_owned(),
            body,
            reason,
        },
    };
    let all_but = |excluded: &[Who]| {
        VERIFIED
            .iter()
            .copied()
            .filter(|v| {
                !excluded
                    .iter()
                    .any(|e| std::mem::discriminant(e) == std::mem::discriminant(v))
            })
            .collect::<Vec<_>>()
    };
    let pw = support::PASSWORD;
    vec![
        // --- public and own-account pages ---
        own_only(
            "POST",
            "/signup",
            false,
            Anonymous,
            "/signup",
            form(&[
                ("display_name", "新人"),
                ("email", "new@example.jp"),
                ("password", pw),
                ("password_confirmation", pw),
                ("lang", "ja"),
            ]),
            "creates a new account; nothing existing is touched",
        ),
        own_only(
            "POST",
            "/signin",
            false,
            Anonymous,
            "/signin",
            form(&[("email", "user@example.jp"), ("password", pw)]),
            "starts the caller's own session",
        ),
        own_only(
            "POST",
            "/signout",
            false,
            User,
            "/signout",
            Body::Empty,
            "ends the caller's own session",
        ),
        own_only(
            "POST",
            "/password/forgot",
            false,
            Anonymous,
            "/password/forgot",
            form(&[("email", "user@example.jp")]),
            "mails a link to the address's owner only",
        ),
        own_only(
            "POST",
            "/password/reset",
            false,
            Anonymous,
            "/password/reset",
            form(&[
                ("token", "not-a-token"),
                ("password", pw),
                ("password_confirmation", pw),
            ]),
            "acts only for the holder of an e-mailed single-use token",
        ),
        own_only(
            "POST",
            "/verify-email/resend",
            false,
            Anonymous,
            "/verify-email/resend",
            form(&[("email", "unverified@example.jp")]),
            "mails the address's owner only",
        ),
        own_only(
            "POST",
            "/account/profile",
            true,
            User,
            "/account/profile",
            form(&[("display_name", "新しい名前"), ("lang", "en")]),
            "the caller's own account",
        ),
        own_only(
            "POST",
            "/account/verify",
            true,
            User,
            "/account/verify",
            Body::Empty,
            "the caller's own account",
        ),
        own_only(
            "POST",
            "/account/email",
            true,
            User,
            "/account/email",
            form(&[("email", "moved@example.jp"), ("current_password", pw)]),
            "the caller's own account",
        ),
        own_only(
            "POST",
            "/account/password",
            true,
            User,
            "/account/password",
            form(&[
                ("current_password", pw),
                ("password", "まったく新しい合言葉"),
                ("password_confirmation", "まったく新しい合言葉"),
            ]),
            "the caller's own account",
        ),
        own_only(
            "POST",
            "/account/tokens",
            true,
            User,
            "/account/tokens",
            form(&[("token_name", "t"), ("scope", "read")]),
            "the caller's own tokens",
        ),
        own_only(
            "POST",
            "/organisations/new",
            true,
            User,
            "/organisations/new",
            org_form("新しい団体"),
            "creates a new organisation owned by the caller",
        ),
        own_only(
            "POST",
            "/api/v1/organisations",
            true,
            User,
            "/api/v1/organisations",
            org_json("新しい団体"),
            "creates a new organisation owned by the caller",
        ),
        // --- others' records ---
        foreign(
            "POST",
            "/account/tokens/{id}/revoke",
            vec![format!("/account/tokens/{}/revoke", w.owner_b_token)],
            Body::Empty,
            vec![OwnerB],
            (
                User,
                format!("/account/tokens/{}/revoke", w.user_token),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/edit",
            vec![format!("/organisations/{b}/edit")],
            org_form("乗っ取り"),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/organisations/{a}/edit"),
                org_form("あおぞら（改）"),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/claim",
            vec![format!("/organisations/{b}/claim")],
            form(&[("message", "管理させてください")]),
            all_but(&[OwnerB]),
            (
                User,
                format!("/organisations/{b}/claim"),
                form(&[("message", "事務局長です")]),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/team/invite",
            vec![format!("/organisations/{b}/team/invite")],
            form(&[("email", "intruder@example.jp"), ("role", "owner")]),
            vec![OwnerB, Admin],
            (
                OwnerA,
                format!("/organisations/{a}/team/invite"),
                form(&[("email", "z@example.jp"), ("role", "editor")]),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/team/{user_id}/remove",
            vec![
                format!("/organisations/{b}/team/{}/remove", w.b_editor),
                format!("/organisations/{a}/team/{}/remove", w.b_editor),
            ],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                OwnerA,
                format!("/organisations/{a}/team/{}/remove", w.a_editor),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/invitations/{invitation_id}/revoke",
            vec![
                format!("/organisations/{b}/invitations/{}/revoke", w.b_invitation),
                format!("/organisations/{a}/invitations/{}/revoke", w.b_invitation),
            ],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                OwnerA,
                format!("/organisations/{a}/invitations/{}/revoke", w.a_invitation),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/invitations/{token}",
            vec![format!("/invitations/{}", w.invitation_for_owner_b)],
            Body::Empty,
            vec![OwnerB],
            (
                User,
                format!("/invitations/{}", w.invitation_for_user),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/p/{slug}/admin/settings",
            vec![format!("/p/{q}/admin/settings")],
            settings_form(),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/p/{p}/admin/settings"),
                form(&[
                    ("name_ja", "岡山の新しい名前"),
                    ("name_en", "Okayama"),
                    ("kind", "regional"),
                    ("prefectures", "33"),
                    ("primary_colour", "#7a1f3d"),
                    ("accent_colour", "#8a4b08"),
                ]),
            ),
        ),
        foreign(
            "POST",
            "/p/{slug}/admin/curation",
            vec![format!("/p/{q}/admin/curation")],
            form(&[("organisation_id", &b.to_string()), ("curation", "include")]),
            vec![OperatorQ, Admin],
            (
                EditorP,
                format!("/p/{p}/admin/curation"),
                form(&[
                    ("organisation_id", &w.q_only_org.to_string()),
                    ("curation", "include"),
                ]),
            ),
        ),
        foreign(
            "POST",
            "/p/{slug}/admin/curation/{organisation_id}/clear",
            vec![format!("/p/{q}/admin/curation/{a}/clear")],
            Body::Empty,
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/p/{p}/admin/curation/{b}/clear"),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/p/{slug}/admin/import",
            vec![format!("/p/{q}/admin/import")],
            upload(&[], "file", "list.csv", "団体名\nいずみの会\n".as_bytes()),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/p/{p}/admin/import"),
                upload(&[], "file", "list.csv", "団体名\nいずみの会\n".as_bytes()),
            ),
        ),
        foreign(
            "POST",
            "/p/{slug}/admin/import/{token}",
            vec![
                format!("/p/{q}/admin/import/{SHEET_Q}"),
                // Q's sheet through P's address: its name alone does not reach it.
                format!("/p/{p}/admin/import/{SHEET_Q}"),
            ],
            form(&[("name", "list.csv"), ("c", "name"), ("c", "email")]),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/p/{p}/admin/import/{SHEET_P}"),
                form(&[("name", "list.csv"), ("c", "name"), ("c", "email")]),
            ),
        ),
        foreign(
            "POST",
            "/p/{slug}/admin/claims/{claim_id}",
            vec![
                format!("/p/{q}/admin/claims/{}", w.q_claim),
                format!("/p/{p}/admin/claims/{}", w.q_claim),
            ],
            form(&[("decision", "approve"), ("note", "")]),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/p/{p}/admin/claims/{}", w.p_claim),
                form(&[("decision", "reject"), ("note", "確認できませんでした")]),
            ),
        ),
        foreign(
            "POST",
            "/p/{slug}/admin/team/invite",
            vec![format!("/p/{q}/admin/team/invite")],
            form(&[("email", "intruder@example.jp"), ("role", "operator")]),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/p/{p}/admin/team/invite"),
                form(&[("email", "z@example.jp"), ("role", "editor")]),
            ),
        ),
        foreign(
            "POST",
            "/p/{slug}/admin/team/{user_id}/remove",
            vec![
                format!("/p/{q}/admin/team/{}/remove", w.q_editor),
                format!("/p/{p}/admin/team/{}/remove", w.q_editor),
            ],
            Body::Empty,
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/p/{p}/admin/team/{}/remove", w.p_editor),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/p/{slug}/admin/invitations/{invitation_id}/revoke",
            vec![
                format!("/p/{q}/admin/invitations/{}/revoke", w.q_invitation),
                format!("/p/{p}/admin/invitations/{}/revoke", w.q_invitation),
            ],
            Body::Empty,
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/p/{p}/admin/invitations/{}/revoke", w.p_invitation),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/admin/portals/new",
            vec!["/admin/portals/new".into()],
            form(&[
                ("slug", "newportal"),
                ("name_ja", "新ポータル"),
                ("name_en", "New"),
                ("kind", "regional"),
                ("primary_colour", "#1d5d90"),
                ("accent_colour", "#8a4b08"),
            ]),
            vec![Admin],
            (
                Admin,
                "/admin/portals/new".into(),
                form(&[
                    ("slug", "another"),
                    ("name_ja", "別のポータル"),
                    ("name_en", "Another"),
                    ("kind", "theme"),
                    ("primary_colour", "#1d5d90"),
                    ("accent_colour", "#8a4b08"),
                ]),
            ),
        ),
        // --- an organisation's further sections ---
        foreign(
            "POST",
            "/organisations/{id}/programmes",
            vec![format!("/organisations/{b}/programmes")],
            form(&[("name", "乗っ取り事業")]),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/organisations/{a}/programmes"),
                form(&[("name", "学習支援")]),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/programmes/{programme_id}/edit",
            vec![
                format!("/organisations/{b}/programmes/{}/edit", w.b_programme),
                format!("/organisations/{a}/programmes/{}/edit", w.b_programme),
            ],
            form(&[("name", "書き換え")]),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/organisations/{a}/programmes/{}/edit", w.a_programme),
                form(&[("name", "子ども食堂（毎週）")]),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/programmes/{programme_id}/delete",
            vec![
                format!("/organisations/{b}/programmes/{}/delete", w.b_programme),
                format!("/organisations/{a}/programmes/{}/delete", w.b_programme),
            ],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                OwnerA,
                format!("/organisations/{a}/programmes/{}/delete", w.a_programme),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/reports",
            vec![format!("/organisations/{b}/reports")],
            form(&[("fiscal_year", &w.year.to_string()), ("donations", "1")]),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/organisations/{a}/reports"),
                form(&[
                    ("fiscal_year", &w.year.to_string()),
                    ("donations", "2500000"),
                    ("business_report", "学習支援を行いました"),
                ]),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/reports/{year}/delete",
            vec![format!("/organisations/{b}/reports/{}/delete", w.year)],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                OwnerA,
                format!("/organisations/{a}/reports/{}/delete", w.year),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/documents",
            vec![format!("/organisations/{b}/documents")],
            upload(
                &[("kind", "articles")],
                "file",
                "teikan.pdf",
                hiroba_testkit::fixtures::PDF,
            ),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/organisations/{a}/documents"),
                upload(
                    &[
                        ("kind", "business_report"),
                        ("fiscal_year", &w.year.to_string()),
                    ],
                    "file",
                    "jigyo.pdf",
                    hiroba_testkit::fixtures::PDF,
                ),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/documents/{document_id}/delete",
            vec![
                format!("/organisations/{b}/documents/{}/delete", w.b_document),
                format!("/organisations/{a}/documents/{}/delete", w.b_document),
            ],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                OwnerA,
                format!("/organisations/{a}/documents/{}/delete", w.a_document),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/logo",
            vec![format!("/organisations/{b}/logo")],
            upload(
                &[("choice", "upload")],
                "logo",
                "logo.png",
                hiroba_testkit::fixtures::PNG,
            ),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/organisations/{a}/logo"),
                upload(
                    &[("choice", "upload")],
                    "logo",
                    "logo.png",
                    hiroba_testkit::fixtures::PNG,
                ),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/reviewed",
            vec![format!("/organisations/{b}/reviewed")],
            Body::Empty,
            vec![OwnerB, Admin],
            (EditorA, format!("/organisations/{a}/reviewed"), Body::Empty),
        ),
        foreign(
            "POST",
            "/organisations/{id}/metrics",
            vec![format!("/organisations/{b}/metrics")],
            form(&[
                ("name", "x"),
                ("unit", "人"),
                ("kind", "output"),
                ("direction", "increase"),
            ]),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/organisations/{a}/metrics"),
                form(&[
                    ("name", "利用者数"),
                    ("unit", "人"),
                    ("kind", "outcome"),
                    ("direction", "increase"),
                ]),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/metrics/{metric_id}/edit",
            vec![
                format!("/organisations/{b}/metrics/{}/edit", w.b_metric),
                format!("/organisations/{a}/metrics/{}/edit", w.b_metric),
            ],
            form(&[
                ("name", "x"),
                ("unit", "人"),
                ("kind", "output"),
                ("direction", "increase"),
            ]),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/organisations/{a}/metrics/{}/edit", w.a_metric),
                form(&[
                    ("name", "延べ参加者数"),
                    ("unit", "人"),
                    ("kind", "output"),
                    ("direction", "increase"),
                ]),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/metrics/{metric_id}/values",
            vec![
                format!("/organisations/{b}/metrics/{}/values", w.b_metric),
                format!("/organisations/{a}/metrics/{}/values", w.b_metric),
            ],
            form(&[("fiscal_year", &w.year.to_string()), ("value", "5")]),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/organisations/{a}/metrics/{}/values", w.a_metric),
                form(&[("fiscal_year", &w.year.to_string()), ("value", "120")]),
            ),
        ),
        foreign(
            "POST",
            "/organisations/{id}/metrics/{metric_id}/delete",
            vec![
                format!("/organisations/{b}/metrics/{}/delete", w.b_metric),
                format!("/organisations/{a}/metrics/{}/delete", w.b_metric),
            ],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                OwnerA,
                format!("/organisations/{a}/metrics/{}/delete", w.a_metric),
                Body::Empty,
            ),
        ),
        // --- certification by portal operators ---
        foreign(
            "POST",
            "/p/{slug}/admin/certification/{organisation_id}",
            vec![
                format!("/p/{q}/admin/certification/{}", w.q_ready),
                format!("/p/{p}/admin/certification/{}", w.q_ready),
            ],
            form(&[("step", "step2"), ("notes", "照合済み")]),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/p/{p}/admin/certification/{}", w.p_ready),
                form(&[("step", "step2"), ("notes", "定款と事業報告書の原本を確認")]),
            ),
        ),
        foreign(
            "POST",
            "/p/{slug}/admin/certification/{organisation_id}/revoke/{certification_id}",
            vec![
                format!(
                    "/p/{q}/admin/certification/{}/revoke/{}",
                    w.q_ready, w.q_cert
                ),
                format!(
                    "/p/{p}/admin/certification/{}/revoke/{}",
                    w.q_ready, w.q_cert
                ),
                format!(
                    "/p/{p}/admin/certification/{}/revoke/{}",
                    w.p_ready, w.q_cert
                ),
            ],
            form(&[("note", "取り消し")]),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!(
                    "/p/{p}/admin/certification/{}/revoke/{}",
                    w.p_ready, w.p_cert
                ),
                form(&[("note", "活動休止のため")]),
            ),
        ),
        // --- API ---
        foreign(
            "PUT",
            "/api/v1/organisations/{id}",
            vec![format!("/api/v1/organisations/{b}")],
            org_json("乗っ取り"),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/api/v1/organisations/{a}"),
                org_json("あおぞら（API）"),
            ),
        ),
        foreign(
            "POST",
            "/api/v1/organisations/{id}/claims",
            vec![format!("/api/v1/organisations/{b}/claims")],
            Body::Json(json!({"message": "管理させてください"})),
            all_but(&[OwnerB]),
            (
                User,
                format!("/api/v1/organisations/{b}/claims"),
                Body::Json(json!({"message": "事務局長です"})),
            ),
        ),
        foreign(
            "POST",
            "/api/v1/organisations/{id}/invitations",
            vec![format!("/api/v1/organisations/{b}/invitations")],
            Body::Json(json!({"email": "intruder@example.jp", "role": "owner"})),
            vec![OwnerB, Admin],
            (
                OwnerA,
                format!("/api/v1/organisations/{a}/invitations"),
                Body::Json(json!({"email": "z@example.jp", "role": "editor"})),
            ),
        ),
        foreign(
            "POST",
            "/api/v1/portals/{slug}/invitations",
            vec![format!("/api/v1/portals/{q}/invitations")],
            Body::Json(json!({"email": "intruder@example.jp", "role": "operator"})),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/api/v1/portals/{p}/invitations"),
                Body::Json(json!({"email": "z@example.jp", "role": "editor"})),
            ),
        ),
        foreign(
            "PUT",
            "/api/v1/portals/{slug}",
            vec![format!("/api/v1/portals/{q}")],
            settings_json(),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/api/v1/portals/{p}"),
                Body::Json(
                    json!({"name_ja": "岡山", "name_en": "Okayama", "kind": "regional", "prefectures": ["33"], "primary_colour": "#7a1f3d", "accent_colour": "#8a4b08"}),
                ),
            ),
        ),
        foreign(
            "PUT",
            "/api/v1/portals/{slug}/curations/{organisation_id}",
            vec![format!("/api/v1/portals/{q}/curations/{b}")],
            Body::Json(json!({"curation": "include"})),
            vec![OperatorQ, Admin],
            (
                EditorP,
                format!("/api/v1/portals/{p}/curations/{}", w.q_only_org),
                Body::Json(json!({"curation": "include"})),
            ),
        ),
        foreign(
            "DELETE",
            "/api/v1/portals/{slug}/curations/{organisation_id}",
            vec![format!("/api/v1/portals/{q}/curations/{a}")],
            Body::Empty,
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/api/v1/portals/{p}/curations/{b}"),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/api/v1/portals/{slug}/claims/{claim_id}/decision",
            vec![
                format!("/api/v1/portals/{q}/claims/{}/decision", w.q_claim),
                format!("/api/v1/portals/{p}/claims/{}/decision", w.q_claim),
            ],
            Body::Json(json!({"approve": true})),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/api/v1/portals/{p}/claims/{}/decision", w.p_claim),
                Body::Json(json!({"approve": false, "note": "確認できませんでした"})),
            ),
        ),
        // --- API: profile sections (B's records, or B's records through A's path) ---
        foreign(
            "PUT",
            "/api/v1/organisations/{id}/reports/{year}",
            vec![format!("/api/v1/organisations/{b}/reports/{year}")],
            report_json(),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/api/v1/organisations/{a}/reports/{year}"),
                report_json(),
            ),
        ),
        foreign(
            "DELETE",
            "/api/v1/organisations/{id}/reports/{year}",
            vec![format!("/api/v1/organisations/{b}/reports/{year}")],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/api/v1/organisations/{a}/reports/{year}"),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/api/v1/organisations/{id}/programmes",
            vec![format!("/api/v1/organisations/{b}/programmes")],
            Body::Json(json!({"name": "乗っ取り事業"})),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/api/v1/organisations/{a}/programmes"),
                Body::Json(json!({"name": "学習支援", "target_population": "小中学生"})),
            ),
        ),
        foreign(
            "PUT",
            "/api/v1/organisations/{id}/programmes/{programme_id}",
            vec![
                format!("/api/v1/organisations/{b}/programmes/{}", w.b_programme),
                format!("/api/v1/organisations/{a}/programmes/{}", w.b_programme),
            ],
            Body::Json(json!({"name": "乗っ取り事業"})),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/api/v1/organisations/{a}/programmes/{}", w.a_programme),
                Body::Json(json!({"name": "子ども食堂（毎週水曜）"})),
            ),
        ),
        foreign(
            "DELETE",
            "/api/v1/organisations/{id}/programmes/{programme_id}",
            vec![
                format!("/api/v1/organisations/{b}/programmes/{}", w.b_programme),
                format!("/api/v1/organisations/{a}/programmes/{}", w.b_programme),
            ],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/api/v1/organisations/{a}/programmes/{}", w.a_programme),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/api/v1/organisations/{id}/metrics",
            vec![format!("/api/v1/organisations/{b}/metrics")],
            metric_json("乗っ取り指標"),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/api/v1/organisations/{a}/metrics"),
                metric_json("提供した食数"),
            ),
        ),
        foreign(
            "PUT",
            "/api/v1/organisations/{id}/metrics/{metric_id}",
            vec![
                format!("/api/v1/organisations/{b}/metrics/{}", w.b_metric),
                format!("/api/v1/organisations/{a}/metrics/{}", w.b_metric),
            ],
            metric_json("乗っ取り指標"),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/api/v1/organisations/{a}/metrics/{}", w.a_metric),
                metric_json("延べ参加者数"),
            ),
        ),
        foreign(
            "DELETE",
            "/api/v1/organisations/{id}/metrics/{metric_id}",
            vec![
                format!("/api/v1/organisations/{b}/metrics/{}", w.b_metric),
                format!("/api/v1/organisations/{a}/metrics/{}", w.b_metric),
            ],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/api/v1/organisations/{a}/metrics/{}", w.a_metric),
                Body::Empty,
            ),
        ),
        foreign(
            "PUT",
            "/api/v1/organisations/{id}/metrics/{metric_id}/values/{year}",
            vec![
                format!(
                    "/api/v1/organisations/{b}/metrics/{}/values/{year}",
                    w.b_metric
                ),
                format!(
                    "/api/v1/organisations/{a}/metrics/{}/values/{year}",
                    w.b_metric
                ),
            ],
            Body::Json(json!({"value": 999})),
            vec![OwnerB, Admin],
            (
                EditorA,
                format!(
                    "/api/v1/organisations/{a}/metrics/{}/values/{year}",
                    w.a_metric
                ),
                Body::Json(json!({"value": "1,234", "note": "延べ人数"})),
            ),
        ),
        foreign(
            "DELETE",
            "/api/v1/organisations/{id}/metrics/{metric_id}/values/{year}",
            vec![
                format!(
                    "/api/v1/organisations/{b}/metrics/{}/values/{year}",
                    w.b_metric
                ),
                format!(
                    "/api/v1/organisations/{a}/metrics/{}/values/{year}",
                    w.b_metric
                ),
            ],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                EditorA,
                format!(
                    "/api/v1/organisations/{a}/metrics/{}/values/{year}",
                    w.a_metric
                ),
                Body::Empty,
            ),
        ),
        foreign(
            "POST",
            "/api/v1/organisations/{id}/reviewed",
            vec![format!("/api/v1/organisations/{b}/reviewed")],
            Body::Empty,
            vec![OwnerB, Admin],
            (
                EditorA,
                format!("/api/v1/organisations/{a}/reviewed"),
                Body::Empty,
            ),
        ),
        // --- API: certification (Q's organisation, or Q's grant through P) ---
        foreign(
            "POST",
            "/api/v1/portals/{slug}/certifications/{organisation_id}",
            // Only Q's own URL: a platform administrator may certify for any portal.
            vec![format!("/api/v1/portals/{q}/certifications/{}", w.q_ready)],
            Body::Json(json!({"step": "step2", "notes": "原本を確認"})),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!("/api/v1/portals/{p}/certifications/{}", w.p_ready),
                Body::Json(json!({"step": 3, "notes": "外部評価委員会で承認"})),
            ),
        ),
        foreign(
            "POST",
            "/api/v1/portals/{slug}/certifications/{organisation_id}/revoke/{certification_id}",
            vec![
                format!(
                    "/api/v1/portals/{q}/certifications/{}/revoke/{}",
                    w.q_ready, w.q_cert
                ),
                format!(
                    "/api/v1/portals/{p}/certifications/{}/revoke/{}",
                    w.q_ready, w.q_cert
                ),
                format!(
                    "/api/v1/portals/{p}/certifications/{}/revoke/{}",
                    w.p_ready, w.q_cert
                ),
            ],
            Body::Json(json!({"note": "取り消し"})),
            vec![OperatorQ, Admin],
            (
                OperatorP,
                format!(
                    "/api/v1/portals/{p}/certifications/{}/revoke/{}",
                    w.p_ready, w.p_cert
                ),
                Body::Json(json!({"note": "書類に誤りがありました"})),
            ),
        ),
    ]
}

/// A statement any basis accepts, typed as people do.
fn report_json() -> Body {
    Body::Json(json!({
        "business_report": "子ども食堂を毎週開きました。",
        "statement": {
            "donations_total": "1,000,000",
            "ordinary_revenue_total": 1000000,
            "ordinary_expenses_total": "800,000",
        }
    }))
}

fn metric_json(name: &str) -> Body {
    Body::Json(json!({"name": name, "unit": "人", "kind": "outcome", "direction": "increase"}))
}

/// Signed-in browsers and read-write API tokens for every role.
struct Callers<'a> {
    browsers: Vec<(Who, support::Browser<'a>)>,
    tokens: HashMap<String, String>,
}

async fn callers(app: &App) -> Callers<'_> {
    let mut browsers = Vec::new();
    let mut tokens = HashMap::new();
    for who in Who::ALL {
        let mut b = app.as_(who).await;
        b.get("/").await;
        browsers.push((who, b));
        if who.email().is_some() {
            let id = app.user_id(who).await;
            let secret = format!("hiroba_test_{who:?}");
            app.db
                .store
                .api_tokens()
                .create(
                    id,
                    "matrix",
                    "hiroba_test",
                    &hiroba_auth::digest(&secret),
                    TokenScope::ReadWrite,
                )
                .await
                .unwrap();
            tokens.insert(format!("{who:?}"), secret);
        }
    }
    Callers { browsers, tokens }
}

impl Callers<'_> {
    async fn call(
        &mut self,
        who: Who,
        method: &str,
        url: &str,
        body: &Body,
        token_override: Option<&str>,
    ) -> Resp {
        // Anonymous means no session at all: a fresh browser every time (a sign-in posted
        // earlier must not leave it signed in).
        if matches!(who, Who::Anonymous) {
            let app = self.browsers[0].1.app;
            self.browsers.retain(|(w, _)| !matches!(w, Who::Anonymous));
            self.browsers.push((Who::Anonymous, app.browser()));
        }
        let (_, browser) = self
            .browsers
            .iter_mut()
            .find(|(w, _)| std::mem::discriminant(w) == std::mem::discriminant(&who))
            .unwrap();
        if url.starts_with("/api/") {
            let mut headers: Vec<(String, String)> =
                vec![("content-type".into(), "application/json".into())];
            let token = token_override
                .map(str::to_owned)
                .or_else(|| self.tokens.get(&format!("{who:?}")).cloned());
            if let Some(t) = token {
                headers.push(("authorization".into(), format!("Bearer {t}")));
            }
            let bytes = match body {
                Body::Json(v) => serde_json::to_vec(v).unwrap(),
                _ => b"{}".to_vec(),
            };
            browser
                .app
                .send(
                    Method::from_bytes(method.as_bytes()).unwrap(),
                    url,
                    &headers,
                    bytes,
                )
                .await
        } else if let Body::Upload(f, field, name, bytes) = body {
            let fields: Vec<(&str, &str)> =
                f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            browser
                .post_multipart(url, &fields, Some((field, name, bytes)))
                .await
        } else {
            let fields: Vec<(&str, &str)> = match body {
                Body::Form(f) => f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
                _ => Vec::new(),
            };
            browser.post(url, &fields).await
        }
    }
}

fn refused(r: &Resp) -> bool {
    matches!(
        r.status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ) || (r.status == StatusCode::SEE_OTHER && r.header("location").starts_with("/signin"))
}

fn succeeded(r: &Resp) -> bool {
    (r.status.is_success() || r.status == StatusCode::SEE_OTHER)
        && !r.header("location").starts_with("/signin")
}

#[tokio::test]
async fn the_matrix_covers_every_mutation_route() {
    let registered: BTreeSet<(String, String)> = hiroba_web::auth::mutations::all().clone();
    let covered: BTreeSet<(String, String)> = matrix(&World::default())
        .iter()
        .map(|c| (c.method.to_owned(), c.path.to_owned()))
        .collect();
    let missing: Vec<_> = registered.difference(&covered).collect();
    let stale: Vec<_> = covered.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "state-changing routes with no entry in the isolation matrix: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "matrix entries for routes that do not exist: {stale:?}"
    );
}

#[tokio::test]
async fn no_one_changes_what_is_not_theirs() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let w = world(&app).await;
        let mut c = callers(&app).await;
        for case in matrix(&w) {
            let Check::Foreign {
                urls,
                body,
                allowed,
                ..
            } = &case.check
            else {
                continue;
            };
            for url in urls {
                for who in Who::ALL {
                    let permitted = allowed
                        .iter()
                        .any(|a| std::mem::discriminant(a) == std::mem::discriminant(&who));
                    // An allowed role is only allowed on the first URL (the record's own path).
                    if permitted && url == &urls[0] {
                        continue;
                    }
                    let before = app.db.store.snapshot().await.unwrap();
                    let r = c.call(who, case.method, url, body, None).await;
                    assert!(
                        refused(&r),
                        "{who:?} {} {url} was not refused: {} {}",
                        case.method,
                        r.status,
                        r.text.chars().take(300).collect::<String>()
                    );
                    assert_eq!(
                        app.db.store.snapshot().await.unwrap(),
                        before,
                        "{who:?} {} {url} changed data",
                        case.method
                    );
                }
            }
        }
    })
    .await;
}

#[tokio::test]
async fn read_only_tokens_never_write() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let w = world(&app).await;
        let mut c = callers(&app).await;
        let admin = app.user_id(Who::Admin).await;
        app.db
            .store
            .api_tokens()
            .create(
                admin,
                "ro",
                "hiroba_ro",
                &hiroba_auth::digest("hiroba_read_only"),
                TokenScope::Read,
            )
            .await
            .unwrap();
        for case in matrix(&w)
            .into_iter()
            .filter(|c| c.path.starts_with("/api/"))
        {
            let (url, body) = match &case.check {
                Check::Foreign { urls, body, .. } => (urls[0].clone(), body.clone()),
                Check::SelfOnly { url, body, .. } => (url.clone(), body.clone()),
            };
            let before = app.db.store.snapshot().await.unwrap();
            let r = c
                .call(
                    Who::Admin,
                    case.method,
                    &url,
                    &body,
                    Some("hiroba_read_only"),
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::FORBIDDEN,
                "{} {url} with a read-only token: {}",
                case.method,
                r.text
            );
            assert_eq!(app.db.store.snapshot().await.unwrap(), before);
        }
    })
    .await;
}

#[tokio::test]
async fn own_account_routes_touch_only_the_caller() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let w = world(&app).await;
        let mut c = callers(&app).await;
        for case in matrix(&w) {
            let Check::SelfOnly {
                needs_sign_in,
                who,
                url,
                body,
                reason,
            } = &case.check
            else {
                continue;
            };
            assert!(!reason.is_empty());
            if *needs_sign_in {
                let before = app.db.store.snapshot().await.unwrap();
                let r = c.call(Who::Anonymous, case.method, url, body, None).await;
                assert!(refused(&r), "anonymous {url}: {}", r.status);
                assert_eq!(
                    app.db.store.snapshot().await.unwrap(),
                    before,
                    "anonymous {url} changed data"
                );
            }
            // Whatever the caller does, other people's rows and every organisation and portal
            // stay as they were (new rows may appear: a new account, a new organisation).
            let before = app.db.store.snapshot().await.unwrap();
            let r = c.call(*who, case.method, url, body, None).await;
            assert!(
                r.status != StatusCode::INTERNAL_SERVER_ERROR,
                "{url}: {}",
                r.text
            );
            let after = app.db.store.snapshot().await.unwrap();
            let me = match who.email() {
                Some(_) => Some(app.user_id(*who).await),
                None => None,
            };
            for table in [
                "organisations",
                "portals",
                "portal_roles",
                "organisation_roles",
                "claims",
                "invitations",
            ] {
                let old = before[table].as_array().unwrap();
                let new = after[table].as_array().unwrap();
                assert_eq!(
                    &new[..old.len().min(new.len())],
                    &old[..],
                    "{url} changed existing {table} rows"
                );
            }
            let others = |v: &Value| -> Vec<Value> {
                v["users"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|u| u["id"].as_i64() != me)
                    .cloned()
                    .collect()
            };
            let old_others = others(&before);
            assert_eq!(
                &others(&after)[..old_others.len()],
                &old_others[..],
                "{url} changed another person's account"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn each_route_works_for_whom_it_is_for() {
    // The positive control, each on a fresh world so that one does not disturb another.
    let cases = matrix(&World::default()).len();
    for i in 0..cases {
        each_engine(|db| async move {
            let app = App::with_people(db).await;
            let w = world(&app).await;
            let case = matrix(&w).remove(i);
            let Check::Foreign {
                own: (who, url, body),
                ..
            } = &case.check
            else {
                return;
            };
            let mut c = callers(&app).await;
            let before = app.db.store.snapshot().await.unwrap();
            let r = c.call(*who, case.method, url, body, None).await;
            assert!(
                succeeded(&r),
                "{who:?} {} {url} should work: {} {}",
                case.method,
                r.status,
                r.text.chars().take(400).collect::<String>()
            );
            assert_ne!(
                app.db.store.snapshot().await.unwrap(),
                before,
                "{who:?} {} {url} changed nothing",
                case.method
            );
        })
        .await;
    }
}

#[tokio::test]
async fn no_one_reads_what_is_not_theirs() {
    use Who::*;
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let w = world(&app).await;
        let mut c = callers(&app).await;
        let (b, q) = (w.b, w.q.as_str());
        // Private pages and API reads of organisation B and portal Q, and who may see them.
        let reads: Vec<(String, Vec<Who>)> = vec![
            (format!("/organisations/{b}/team"), vec![OwnerB, Admin]),
            (format!("/organisations/{b}/log"), vec![OwnerB, Admin]),
            (format!("/organisations/{b}/edit"), vec![OwnerB, Admin]),
            (format!("/p/{q}/admin"), vec![OperatorQ, Admin]),
            (format!("/p/{q}/admin/claims"), vec![OperatorQ, Admin]),
            (format!("/p/{q}/admin/team"), vec![OperatorQ, Admin]),
            (format!("/p/{q}/admin/log"), vec![OperatorQ, Admin]),
            (format!("/p/{q}/admin/curation"), vec![OperatorQ, Admin]),
            (format!("/p/{q}/admin/settings"), vec![OperatorQ, Admin]),
            (format!("/p/{q}/admin/import"), vec![OperatorQ, Admin]),
            (
                format!("/p/{q}/admin/import/{SHEET_Q}"),
                vec![OperatorQ, Admin],
            ),
            (format!("/p/{}/admin/import/{SHEET_Q}", w.p), vec![]),
            (
                format!("/p/{q}/admin/import/runs/{}", w.q_run),
                vec![OperatorQ, Admin],
            ),
            (
                format!("/p/{q}/admin/import/runs/{}/report.csv", w.q_run),
                vec![OperatorQ, Admin],
            ),
            (
                format!("/p/{}/admin/import/runs/{}/report.csv", w.p, w.q_run),
                vec![],
            ),
            (format!("/organisations/{b}/manage"), vec![OwnerB, Admin]),
            (
                format!("/organisations/{b}/programmes"),
                vec![OwnerB, Admin],
            ),
            (
                format!("/organisations/{b}/programmes/{}/edit", w.b_programme),
                vec![OwnerB, Admin],
            ),
            (format!("/organisations/{b}/reports"), vec![OwnerB, Admin]),
            (
                format!("/organisations/{b}/reports/edit?year={}", w.year),
                vec![OwnerB, Admin],
            ),
            (format!("/organisations/{b}/documents"), vec![OwnerB, Admin]),
            (format!("/organisations/{b}/metrics"), vec![OwnerB, Admin]),
            (
                format!("/organisations/{b}/metrics/{}/edit", w.b_metric),
                vec![OwnerB, Admin],
            ),
            // Private documents: the team, and the operators of portals listing B (P includes
            // it) who certify it.
            (
                format!("/organisations/{b}/documents/{}", w.b_private),
                vec![OwnerB, OperatorP, Admin],
            ),
            (
                format!("/p/{q}/admin/certification"),
                vec![OperatorQ, Admin],
            ),
            (
                format!("/p/{q}/admin/certification/{}", w.q_ready),
                vec![OperatorQ, Admin],
            ),
            ("/admin".into(), vec![Admin]),
            ("/admin/log".into(), vec![Admin]),
            ("/admin/portals/new".into(), vec![Admin]),
            (
                format!("/api/v1/organisations/{b}/team"),
                vec![OwnerB, Admin],
            ),
            (
                format!("/api/v1/portals/{q}/claims"),
                vec![OperatorQ, Admin],
            ),
            (format!("/api/v1/portals/{q}/audit"), vec![OperatorQ, Admin]),
            ("/api/v1/audit".into(), vec![Admin]),
            (
                format!("/api/v1/portals/{q}/certification-queue"),
                vec![OperatorQ, Admin],
            ),
        ];
        for (url, allowed) in reads {
            for who in Who::ALL {
                let permitted = allowed
                    .iter()
                    .any(|a| std::mem::discriminant(a) == std::mem::discriminant(&who));
                let (_, browser) = c
                    .browsers
                    .iter_mut()
                    .find(|(w, _)| std::mem::discriminant(w) == std::mem::discriminant(&who))
                    .unwrap();
                let r = if url.starts_with("/api/") {
                    let mut headers = Vec::new();
                    if let Some(t) = c.tokens.get(&format!("{who:?}")) {
                        headers.push(("authorization".to_owned(), format!("Bearer {t}")));
                    }
                    app.send(Method::GET, &url, &headers, Vec::new()).await
                } else {
                    browser.get(&url).await
                };
                if permitted {
                    assert_eq!(r.status, StatusCode::OK, "{who:?} may read {url}");
                } else {
                    assert!(refused(&r), "{who:?} read {url}: {}", r.status);
                    assert!(
                        !r.text.contains("b-editor@example.jp")
                            && !r.text.contains("q-editor@example.jp"),
                        "{who:?} saw a private address on {url}"
                    );
                }
            }
        }
    })
    .await;
}
