//! Keeping the ★ level current, on SQLite and (when configured) PostgreSQL: every change
//! reassesses the organisation, and a daily job (claimed by one node at a time) catches what
//! time alone changes: stale finances, expired certifications.

mod support;

use chrono::{Duration, NaiveDate, Utc};
use hiroba_domain::certification::{Status, Step};
use hiroba_domain::disclosure::{Requirement, due_year};
use hiroba_domain::metrics::MetricKind;
use hiroba_store::{By, Store};
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::{edited, organisation, regional_portal};
use support::*;

async fn missing_for_next(store: &Store, id: i64, on: NaiveDate) -> Vec<Requirement> {
    store
        .standing(id, on)
        .await
        .unwrap()
        .assessment
        .missing_for_next()
        .into_iter()
        .map(|i| i.requirement.clone())
        .collect()
}

/// Asserts the assessed and the stored level agree on `expected`.
async fn assert_level(store: &Store, id: i64, expected: u8) {
    assert_eq!(
        store.standing(id, today()).await.unwrap().assessment.level,
        expected,
        "assessed"
    );
    assert_eq!(level(store, id).await, expected, "stored");
}

#[tokio::test]
async fn the_level_rises_star_by_star_and_falls_when_finances_go_stale() {
    each_engine(|db| async move {
        let store = &db.store;
        let orgs = store.organisations();
        let (t, y) = (today(), due());
        let start = edited(&organisation("あかり", "331007", &[13]), |i| {
            i.name_kana = "アカリ".into()
        });
        let id = orgs.create(&start, By::SYSTEM).await.unwrap().id;
        assert_level(store, id, 0).await;
        let missing = missing_for_next(store, id, t).await;
        for r in [
            Requirement::CorporateNumber,
            Requirement::Representative,
            Requirement::Contact,
            Requirement::Founded,
        ] {
            assert!(missing.contains(&r), "{r:?} missing at ★0");
        }

        let full = full_profile("あかり", "アカリ", "331007", 201);
        orgs.update(id, &full, By::SYSTEM).await.unwrap();
        assert_level(store, id, 1).await;
        store
            .programmes()
            .add(id, &programme("学習支援"), By::SYSTEM)
            .await
            .unwrap();
        assert_level(store, id, 1).await;
        assert_eq!(missing_for_next(store, id, t).await, [Requirement::Logo]);
        orgs.set_logo(id, Some("logos/akari.png"), false, By::SYSTEM)
            .await
            .unwrap();
        assert_level(store, id, 2).await;
        assert_eq!(
            missing_for_next(store, id, t).await,
            [Requirement::LatestFinances { year: Some(y) }]
        );
        let certs = store.certifications();
        assert!(
            certs.history(id).await.unwrap().is_empty(),
            "no STEP1 below ★3"
        );

        save_report(store, id, y, &statement()).await;
        assert_level(store, id, 3).await;
        let history = certs.history(id).await.unwrap();
        assert_eq!(history.len(), 1, "STEP1 comes with ★3");
        let step1 = &history[0];
        assert_eq!(
            (step1.step, step1.status, step1.portal_id, step1.granted_on),
            (Step::One, Status::Active, None, t)
        );
        assert_eq!(
            (step1.expires_on, step1.granted_by.as_deref()),
            (None, None)
        );
        assert_eq!(step(store, id).await, Some(Step::One));

        add_filing(store, id, y).await;
        assert_level(store, id, 3).await;
        assert_eq!(
            missing_for_next(store, id, t).await,
            [Requirement::ThreeYears {
                missing: vec![y - 2, y - 1]
            }]
        );
        save_report(store, id, y - 1, &statement()).await;
        save_report(store, id, y - 2, &statement()).await;
        assert_level(store, id, 4).await;

        let m = store
            .metrics()
            .add(
                id,
                &metric("参加した子ども", MetricKind::Outcome),
                By::SYSTEM,
            )
            .await
            .unwrap();
        assert_eq!(
            missing_for_next(store, id, t).await,
            [Requirement::Results, Requirement::Reviewed]
        );
        store
            .metrics()
            .set_value(m, y, Some((42.0, None)), By::SYSTEM)
            .await
            .unwrap();
        assert_level(store, id, 4).await;
        assert_eq!(
            missing_for_next(store, id, t).await,
            [Requirement::Reviewed]
        );
        orgs.mark_reviewed(id, By::SYSTEM).await.unwrap();
        assert_level(store, id, 5).await;
        assert!(missing_for_next(store, id, t).await.is_empty());
        assert_eq!(
            level_changes(store, id).await,
            [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)],
            "one log entry per change of level"
        );
        assert_eq!(step(store, id).await, Some(Step::One));
        assert_eq!(
            certs.history(id).await.unwrap().len(),
            1,
            "still the same STEP1"
        );

        // Time alone: the 2025年度 report is due from 2026-07-01 (April years), and so on.
        let stale = stale_from();
        assert_eq!(due_year(stale, FISCAL_START), y + 1);
        assert_eq!(due_year(stale - days(1), FISCAL_START), y);
        // The day before, only the review can have aged (365 days after a review on 1 July
        // when a 29 February lies between).
        let eve = stale - days(1);
        let eve_level = if (eve - t).num_days() < 365 { 5 } else { 4 };
        assert_eq!(
            store.standing(id, eve).await.unwrap().assessment.level,
            eve_level
        );
        assert_eq!(store.standing(id, stale).await.unwrap().assessment.level, 2);
        assert_eq!(level(store, id).await, 5, "standing only reads");

        assert_eq!(
            store.refresh_all(t).await.unwrap(),
            0,
            "nothing changed today"
        );
        assert_eq!(
            store.refresh_all(eve).await.unwrap(),
            u64::from(eve_level != 5)
        );
        assert_eq!(level(store, id).await, eve_level);
        assert_eq!(store.refresh_all(stale).await.unwrap(), 1);
        assert_eq!(level(store, id).await, 2, "stale finances lower the level");
        assert_eq!(step(store, id).await, None);
        let entries = log(store, id).await;
        let last = entries.last().unwrap();
        assert_eq!(last.action, "organisation.level");
        assert_eq!(
            last.details,
            serde_json::json!({ "from": eve_level, "to": 2 })
        );
        assert_eq!(last.actor_user_id, None, "the daily job is the system");
        let history = certs.history(id).await.unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(
            (history[0].status, history[0].ended_on),
            (Status::Expired, Some(stale)),
            "STEP1 ends with ★3"
        );
        assert_eq!(store.refresh_all(stale).await.unwrap(), 0, "idempotent");

        // Any change assesses as of today again: ★5 and a new STEP1, the old one kept.
        orgs.mark_reviewed(id, By::SYSTEM).await.unwrap();
        assert_eq!(level(store, id).await, 5);
        let history = certs.history(id).await.unwrap();
        assert_eq!(
            history
                .iter()
                .map(|r| (r.step, r.status))
                .collect::<Vec<_>>(),
            [(Step::One, Status::Active), (Step::One, Status::Expired)],
            "newest first: granted later"
        );
        assert_eq!(level_changes(store, id).await.last(), Some(&(2, 5)));
    })
    .await;
}

#[tokio::test]
async fn the_daily_refresh_ends_grants_whose_time_is_up() {
    each_engine(|db| async move {
        let store = &db.store;
        let certs = store.certifications();
        let t = today();
        let portal = store
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap();
        let p = portal.id;
        let past = build(store, "すぎた", "スギタ", "331007", 401, 3).await;
        let ends_today = build(store, "きょう", "キョウ", "331007", 402, 3).await;
        let tomorrow = build(store, "あした", "アシタ", "331007", 403, 3).await;
        // Granted as of earlier days, when they held: the store keeps STEP2 until the job runs.
        let g_past = grant(
            store,
            past,
            p,
            decision(Step::Two, t - days(400), Some(t - days(35))),
            t - days(40),
            By::SYSTEM,
        )
        .await;
        let g_today = grant(
            store,
            ends_today,
            p,
            decision(Step::Two, t - days(300), Some(t)),
            t - days(1),
            By::SYSTEM,
        )
        .await;
        let g_tomorrow = grant(
            store,
            tomorrow,
            p,
            decision(Step::Two, t - days(300), Some(t + days(1))),
            t,
            By::SYSTEM,
        )
        .await;
        for id in [past, ends_today, tomorrow] {
            assert_eq!(step(store, id).await, Some(Step::Two), "stored as granted");
        }
        assert_eq!(
            certs.get(g_past).await.unwrap().unwrap().status,
            Status::Active
        );

        assert_eq!(store.refresh_all(t).await.unwrap(), 2, "two steps fell");
        for (g, status, ended) in [
            (g_past, Status::Expired, Some(t)),
            (g_today, Status::Expired, Some(t)),
            (g_tomorrow, Status::Active, None),
        ] {
            let r = certs.get(g).await.unwrap().unwrap();
            assert_eq!((r.status, r.ended_on), (status, ended), "grant {g}");
        }
        assert_eq!(step(store, past).await, Some(Step::One));
        assert_eq!(
            step(store, ends_today).await,
            Some(Step::One),
            "expires_on is the first day it no longer holds"
        );
        assert_eq!(step(store, tomorrow).await, Some(Step::Two));
        for id in [past, ends_today, tomorrow] {
            assert_eq!(level(store, id).await, 3);
            let step1 = certs
                .history(id)
                .await
                .unwrap()
                .into_iter()
                .find(|r| r.step == Step::One)
                .unwrap();
            assert_eq!(step1.status, Status::Active, "STEP1 follows the ★ only");
        }
        assert_eq!(store.refresh_all(t).await.unwrap(), 0);
        let changed = store.refresh_all(t + days(1)).await.unwrap();
        if due_year(t + days(1), FISCAL_START) == due() {
            assert_eq!(changed, 1, "levels hold a day later");
        }
        assert_eq!(step(store, tomorrow).await, Some(Step::One));
    })
    .await;
}

#[tokio::test]
async fn jobs_are_claimed_once_per_interval() {
    each_engine(|db| async move {
        let store = &db.store;
        let day = Duration::days(1);
        let t0 = Utc::now();
        assert!(
            store.claim_job("refresh", day, t0).await.unwrap(),
            "never ran"
        );
        assert!(
            !store
                .claim_job("refresh", day, t0 + Duration::hours(1))
                .await
                .unwrap()
        );
        assert!(
            !store
                .claim_job("refresh", day, t0 + day - Duration::seconds(1))
                .await
                .unwrap()
        );
        assert!(
            store.claim_job("other", day, t0).await.unwrap(),
            "jobs are separate"
        );
        assert!(store.claim_job("refresh", day, t0 + day).await.unwrap());
        assert!(!store.claim_job("refresh", day, t0 + day).await.unwrap());

        // Two nodes at once: exactly one runs the job, whether it ran before or not.
        let node2 = second_store(&db).await;
        for i in 0..10 {
            let name = format!("race{i}");
            let (a, b) = tokio::join!(
                store.claim_job(&name, day, t0),
                node2.claim_job(&name, day, t0)
            );
            assert!(a.unwrap() ^ b.unwrap(), "first run of {name}: one winner");
            let later = t0 + day * 2;
            let (a, b) = tokio::join!(
                node2.claim_job(&name, day, later),
                store.claim_job(&name, day, later)
            );
            assert!(a.unwrap() ^ b.unwrap(), "next run of {name}: one winner");
        }
        // And two tasks of one node.
        let (a, b, c) = tokio::join!(
            store.claim_job("same-node", day, t0),
            store.claim_job("same-node", day, t0),
            store.claim_job("same-node", day, t0)
        );
        assert_eq!(
            [a.unwrap(), b.unwrap(), c.unwrap()]
                .iter()
                .filter(|w| **w)
                .count(),
            1
        );
        node2.close().await;
    })
    .await;
}
