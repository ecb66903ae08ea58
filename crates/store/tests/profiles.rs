//! The profile story, on SQLite and (when configured) PostgreSQL: the further profile sections
//! and how their changes are logged, the logo and review, and programmes. Reports, documents
//! and metrics are in `records.rs`; the ★ level in `refresh.rs`; certification and lists in
//! `certification.rs`.

mod support;

use chrono::{Duration, Utc};
use hiroba_domain::organisations::{DetailsInput, OrganisationInput, SocialKind};
use hiroba_domain::programmes::PROGRAMMES_MAX;
use hiroba_store::organisations::OrganisationQuery;
use hiroba_store::paging::PageRequest;
use hiroba_store::users::NewUser;
use hiroba_store::{By, StoreError};
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::{edited, organisation};
use std::collections::BTreeSet;
use support::*;

/// The `changed` list of the organisation's latest `organisation.update` entry.
async fn last_changed(store: &hiroba_store::Store, id: i64) -> BTreeSet<String> {
    let entry = log(store, id)
        .await
        .into_iter()
        .rev()
        .find(|e| e.action == "organisation.update")
        .expect("an update entry");
    entry.details["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn profile_details_round_trip_and_are_logged_field_by_field() {
    each_engine(|db| async move {
        let orgs = db.store.organisations();
        let mut input = OrganisationInput::from(&organisation("ひかり", "331007", &[1, 13]));
        input.details = DetailsInput {
            founded_on: "2008-04-01".into(),
            incorporated_on: "2010-06-15".into(),
            competent_authority: "岡山市".into(),
            representative_name: "山田 花子".into(),
            representative_title: "理事長".into(),
            fiscal_year_start_month: "４月".into(),
            phone: "086-123-4567".into(),
            contact_name: "事務局 佐藤".into(),
            website_none: true,
            social_x: "@hikari_club".into(),
            social_facebook: "https://www.facebook.com/hikari".into(),
            social_instagram: "@hikari.ig".into(),
            social_youtube: "@hikari".into(),
            social_line: "https://line.me/R/ti/p/@hikari".into(),
            social_note: "@hikari_note".into(),
            social_other: "https://hikari.example.jp/blog".into(),
            social_none: false,
            officers: "0".into(),
            staff_full_time: "0".into(),
            staff_part_time: "3人".into(),
            volunteers: "1,200".into(),
            members_regular: "０".into(),
            members_supporting: String::new(),
        };
        let profile = input.validate(today()).unwrap();
        let d = &profile.details;
        assert_eq!(d.social.len(), 7, "every network");
        assert_eq!(d.figures.officers, Some(0), "zero is an answer");
        assert_eq!(d.figures.members_supporting, None);

        let created = orgs.create(&profile, By::SYSTEM).await.unwrap();
        assert_eq!(created.profile, profile, "every field survives storage");
        let got = orgs.get(created.id).await.unwrap().unwrap();
        assert_eq!(got.profile, profile);
        let got = &got.profile.details;
        assert_eq!(got.founded_on, Some(date("2008-04-01")));
        assert_eq!(got.incorporated_on, Some(date("2010-06-15")));
        assert_eq!(got.fiscal_year_start_month, Some(4));
        assert_eq!(got.phone.as_ref().unwrap().as_str(), "086-123-4567");
        assert_eq!(
            got.social[&SocialKind::X].as_str(),
            "https://x.com/hikari_club"
        );
        assert_eq!(
            got.social[&SocialKind::Other].as_str(),
            "https://hikari.example.jp/blog"
        );
        assert!(got.website_none && !got.social_none);
        assert_eq!(got.figures.volunteers, Some(1200));
        assert_eq!(got.figures.members_regular, Some(0));
        assert_eq!(got.figures.staff_full_time, Some(0));

        // Lists build the same records.
        let listed = orgs
            .list(&OrganisationQuery {
                portal_id: None,
                filter: Default::default(),
                page: PageRequest::Numbered {
                    page: 1,
                    per_page: 10,
                },
            })
            .await
            .unwrap();
        assert_eq!(listed.items[0].profile, profile);

        // The empty answers survive too: no links but "we have none", unknown counts.
        let bare = edited(&organisation("しずく", "332020", &[2]), |i| {
            i.details.social_none = true;
        });
        let bare_id = orgs.create(&bare, By::SYSTEM).await.unwrap().id;
        let got = orgs.get(bare_id).await.unwrap().unwrap().profile;
        assert_eq!(got, bare);
        assert!(got.details.social.is_empty() && got.details.social_none);
        assert_eq!(got.details.figures, Default::default());
        assert_eq!(got.details.fiscal_year_start_month, None);

        // The log names the detail fields that changed, one by one.
        let changed = edited(&profile, |i| {
            i.details.officers = "7".into();
            i.details.social_x = "@hikari_new".into();
        });
        orgs.update(created.id, &changed, By::SYSTEM).await.unwrap();
        assert_eq!(
            last_changed(&db.store, created.id).await,
            set(&["officers", "social_x"])
        );
        let changed2 = edited(&changed, |i| {
            i.details.social_facebook = String::new();
            i.details.members_supporting = "0".into();
            i.details.founded_on = "2008-05-01".into();
            i.mission = "居場所づくり".into();
        });
        let updated = orgs
            .update(created.id, &changed2, By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(updated.profile, changed2);
        assert!(
            !updated
                .profile
                .details
                .social
                .contains_key(&SocialKind::Facebook)
        );
        assert_eq!(
            updated.profile.details.figures.members_supporting,
            Some(0),
            "zero replaces unknown"
        );
        assert_eq!(
            last_changed(&db.store, created.id).await,
            set(&[
                "social_facebook",
                "members_supporting",
                "founded_on",
                "mission"
            ])
        );
        orgs.update(created.id, &changed2, By::SYSTEM)
            .await
            .unwrap();
        assert!(
            last_changed(&db.store, created.id).await.is_empty(),
            "saving unchanged names nothing"
        );
        assert!(
            log(&db.store, created.id)
                .await
                .iter()
                .filter(|e| e.action == "organisation.update")
                .all(|e| !e.details["changed"]
                    .as_array()
                    .unwrap()
                    .contains(&"details".into())),
            "never the whole section"
        );
    })
    .await;
}

#[tokio::test]
async fn logos_and_reviews_are_recorded() {
    each_engine(|db| async move {
        let orgs = db.store.organisations();
        let org = orgs
            .create(&organisation("ひかり", "331007", &[13]), By::SYSTEM)
            .await
            .unwrap();
        assert_eq!((org.logo_key.as_deref(), org.logo_none), (None, false));
        let org_id = org.id;
        let logo = |key: Option<&'static str>, none: bool| {
            let orgs = db.store.organisations();
            async move { orgs.set_logo(org_id, key, none, By::SYSTEM).await.unwrap() }
        };
        let state = || async {
            let o = orgs.get(org_id).await.unwrap().unwrap();
            (o.logo_key, o.logo_none)
        };
        assert_eq!(logo(Some("logos/1.png"), false).await, None);
        assert_eq!(state().await, (Some("logos/1.png".into()), false));
        assert_eq!(
            logo(Some("logos/2.png"), true).await,
            Some("logos/1.png".into()),
            "the replaced file is the caller's to delete"
        );
        assert_eq!(
            state().await,
            (Some("logos/2.png".into()), false),
            "a logo is not 'no logo'"
        );
        assert_eq!(
            logo(Some("logos/2.png"), false).await,
            None,
            "the same key again: nothing to delete"
        );
        assert_eq!(logo(None, true).await, Some("logos/2.png".into()));
        assert_eq!(state().await, (None, true));
        assert_eq!(logo(None, false).await, None);
        assert_eq!(state().await, (None, false));
        assert!(matches!(
            orgs.set_logo(9999, Some("x.png"), false, By::SYSTEM).await,
            Err(StoreError::NotFound)
        ));
        let logos: Vec<_> = log(&db.store, org.id)
            .await
            .into_iter()
            .filter(|e| e.action == "organisation.logo")
            .map(|e| e.details)
            .collect();
        assert_eq!(logos.len(), 5);
        assert_eq!(logos[0], serde_json::json!({ "logo": true, "none": false }));
        assert_eq!(logos[3], serde_json::json!({ "logo": false, "none": true }));

        // Reviews: staff confirming the profile, or saving it; not the system's updates.
        assert_eq!(org.reviewed_at, None);
        let before = Utc::now();
        orgs.mark_reviewed(org.id, By::SYSTEM).await.unwrap();
        let reviewed = orgs
            .get(org.id)
            .await
            .unwrap()
            .unwrap()
            .reviewed_at
            .unwrap();
        assert!(reviewed >= before - Duration::seconds(1) && reviewed <= Utc::now());
        assert!(
            log(&db.store, org.id)
                .await
                .iter()
                .any(|e| e.action == "organisation.review")
        );
        assert!(matches!(
            orgs.mark_reviewed(9999, By::SYSTEM).await,
            Err(StoreError::NotFound)
        ));
        let p = edited(&org.profile, |i| i.mission = "更新".into());
        let o = orgs.update(org.id, &p, By::SYSTEM).await.unwrap();
        assert_eq!(
            o.reviewed_at,
            Some(reviewed),
            "a registry update reviews nothing"
        );
        let staff = db
            .store
            .users()
            .create(
                &NewUser {
                    email: "staff@example.jp",
                    display_name: "佐藤",
                    password_hash: "h",
                    lang: "ja",
                    verified: true,
                    platform_admin: false,
                },
                By::SYSTEM,
            )
            .await
            .unwrap();
        let o = orgs.update(org.id, &p, By::user(staff.id)).await.unwrap();
        assert!(
            o.reviewed_at.unwrap() > reviewed,
            "staff saving it reviewed it"
        );
    })
    .await;
}

#[tokio::test]
async fn programmes_keep_their_order_up_to_twenty() {
    each_engine(|db| async move {
        let store = &db.store;
        let programmes = store.programmes();
        // ★1, with a logo answer: ★2 hinges on the first programme.
        let id = build(store, "ひだまり", "ヒダマリ", "331007", 101, 1).await;
        store
            .organisations()
            .set_logo(id, None, true, By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(level(store, id).await, 1);
        let missing: Vec<_> = store
            .standing(id, today())
            .await
            .unwrap()
            .assessment
            .missing_for_next()
            .iter()
            .map(|i| i.requirement.code())
            .collect();
        assert_eq!(missing, ["programme"]);

        let a = programmes
            .add(id, &programme("A"), By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(level(store, id).await, 2, "the first programme earns ★2");
        assert_eq!(level_changes(store, id).await.last(), Some(&(1, 2)));
        let b = programmes
            .add(id, &programme("B"), By::SYSTEM)
            .await
            .unwrap();
        let c = programmes
            .add(id, &programme("C"), By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(a.programme, programme("A"));
        assert_eq!(a.organisation_id, id);
        let names = || async {
            programmes
                .list(id)
                .await
                .unwrap()
                .into_iter()
                .map(|p| p.programme.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(names().await, ["A", "B", "C"]);

        let mut b2 = programme("B2");
        b2.description = None;
        b2.area = Some("岡山市北区".into());
        let updated = programmes.update(b.id, &b2, By::SYSTEM).await.unwrap();
        assert_eq!(updated.programme, b2);
        assert_eq!(programmes.get(b.id).await.unwrap().unwrap().programme, b2);
        assert_eq!(names().await, ["A", "B2", "C"], "an edit keeps its place");

        programmes.delete(a.id, By::SYSTEM).await.unwrap();
        programmes.delete(b.id, By::SYSTEM).await.unwrap();
        assert_eq!(level(store, id).await, 2, "one programme is enough");
        programmes
            .add(id, &programme("D"), By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(names().await, ["C", "D"], "a new programme goes last");
        assert_eq!(programmes.list(id).await.unwrap()[0].id, c.id);
        assert!(programmes.get(a.id).await.unwrap().is_none());
        assert!(matches!(
            programmes.delete(a.id, By::SYSTEM).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            programmes.update(a.id, &b2, By::SYSTEM).await,
            Err(StoreError::NotFound)
        ));

        for n in 2..PROGRAMMES_MAX {
            programmes
                .add(id, &programme(&format!("P{n}")), By::SYSTEM)
                .await
                .unwrap();
        }
        assert_eq!(programmes.list(id).await.unwrap().len(), PROGRAMMES_MAX);
        assert!(matches!(
            programmes.add(id, &programme("21st"), By::SYSTEM).await,
            Err(StoreError::Conflict("programmes"))
        ));
        let all = names().await;
        assert_eq!(all.len(), PROGRAMMES_MAX, "the refused one left nothing");
        assert_eq!(&all[..3], ["C", "D", "P2"]);
        assert_eq!(all.last().unwrap(), "P19");

        // Removing every programme takes ★2 away again.
        for p in programmes.list(id).await.unwrap() {
            programmes.delete(p.id, By::SYSTEM).await.unwrap();
        }
        assert_eq!(level(store, id).await, 1);
        assert_eq!(level_changes(store, id).await.last(), Some(&(2, 1)));

        let actions: Vec<_> = log(store, id)
            .await
            .into_iter()
            .filter(|e| e.target_type == "programme")
            .map(|e| e.action)
            .collect();
        assert_eq!(
            actions.iter().filter(|a| *a == "programme.create").count(),
            22
        );
        assert_eq!(
            actions.iter().filter(|a| *a == "programme.update").count(),
            1
        );
        assert_eq!(
            actions.iter().filter(|a| *a == "programme.delete").count(),
            22
        );
    })
    .await;
}
