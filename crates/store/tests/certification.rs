//! Staged certification and the ★ in lists, on SQLite and (when configured) PostgreSQL: each
//! step needs the one below, revocation, the renewal queue, and lists filtered, sorted and
//! paged by ★ level and certification.

mod support;

use chrono::{Months, NaiveDate};
use hiroba_domain::certification::{GrantDecision, Refusal, Status, Step, expires_on};
use hiroba_domain::organisations::{OrganisationFilter, OrganisationOrder};
use hiroba_store::certifications::QueueItem;
use hiroba_store::organisations::OrganisationQuery;
use hiroba_store::paging::{Cursor, PageRequest};
use hiroba_store::users::NewUser;
use hiroba_store::{By, StoreError};
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::{regional_portal, theme_portal};
use support::*;

#[tokio::test]
async fn each_step_needs_the_one_below_and_can_be_revoked() {
    each_engine(|db| async move {
        let store = &db.store;
        let certs = store.certifications();
        let t = today();
        let portal = store
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap();
        let operator = store
            .users()
            .create(
                &NewUser {
                    email: "op@example.jp",
                    display_name: "認証 担当",
                    password_hash: "h",
                    lang: "ja",
                    verified: true,
                    platform_admin: false,
                },
                By::SYSTEM,
            )
            .await
            .unwrap();
        let by = By::user(operator.id);
        let low = build(store, "ひくい", "ヒクイ", "331007", 301, 2).await;
        let high = build(store, "たかい", "タカイ", "331007", 302, 3).await;
        let two = decision(Step::Two, t, expires_on(Step::Two, t));
        let three = decision(Step::Three, t, expires_on(Step::Three, t));

        let portal_id = portal.id;
        let refused = |org: i64, d: GrantDecision| async move {
            store
                .certifications()
                .grant(org, portal_id, &d, t, by)
                .await
                .unwrap()
                .unwrap_err()
        };
        assert_eq!(refused(low, two.clone()).await, Refusal::LevelTooLow);
        assert!(
            certs.history(low).await.unwrap().is_empty(),
            "nothing recorded"
        );
        assert_eq!(
            refused(high, decision(Step::One, t, None)).await,
            Refusal::Automatic
        );
        assert_eq!(refused(high, three.clone()).await, Refusal::NeedsStep2);
        assert_eq!(step(store, high).await, Some(Step::One));

        let id2 = grant(store, high, portal.id, two.clone(), t, by).await;
        assert_eq!(step(store, high).await, Some(Step::Two));
        let r2 = certs.get(id2).await.unwrap().unwrap();
        assert_eq!(
            (r2.organisation_id, r2.portal_id, r2.step, r2.status),
            (high, Some(portal.id), Step::Two, Status::Active)
        );
        assert_eq!(r2.portal_name_ja.as_deref(), Some("okayama ひろば"));
        assert_eq!(r2.portal_name_en.as_deref(), Some("okayama square"));
        assert_eq!(r2.granted_by.as_deref(), Some("認証 担当"));
        assert_eq!(r2.notes, two.notes);
        assert_eq!(
            (r2.granted_on, r2.expires_on),
            (t, Some(t + Months::new(12)))
        );
        assert!(r2.holds_on(t) && !r2.holds_on(t + Months::new(12)));

        let id3 = grant(store, high, portal.id, three, t, by).await;
        assert_eq!(step(store, high).await, Some(Step::Three));
        let history = certs.history(high).await.unwrap();
        assert_eq!(
            history.iter().map(|r| r.step).collect::<Vec<_>>(),
            [Step::Three, Step::Two, Step::One]
        );
        assert_eq!(history[0].expires_on, Some(t + Months::new(36)));
        assert_eq!(
            level(store, high).await,
            3,
            "certification leaves the ★ alone"
        );

        certs
            .revoke(id3, Some("記載内容に誤り".into()), t, by)
            .await
            .unwrap();
        let r3 = certs.get(id3).await.unwrap().unwrap();
        assert_eq!(r3.status, Status::Revoked);
        assert_eq!(r3.ended_on, Some(t));
        assert_eq!(r3.end_note.as_deref(), Some("記載内容に誤り"));
        assert!(!r3.holds_on(t));
        assert_eq!(
            raw_ints(
                &db,
                &format!("SELECT ended_by FROM certifications WHERE id = {id3}")
            )
            .await,
            [Some(operator.id)],
            "who revoked it"
        );
        assert_eq!(step(store, high).await, Some(Step::Two));
        assert!(matches!(
            certs.revoke(id3, None, t, by).await,
            Err(StoreError::Conflict("certification"))
        ));
        let step1 = history[2].id;
        assert!(matches!(
            certs.revoke(step1, None, t, by).await,
            Err(StoreError::Conflict("certification"))
        ));
        assert!(matches!(
            certs.revoke(9999, None, t, by).await,
            Err(StoreError::NotFound)
        ));
        certs.revoke(id2, None, t, by).await.unwrap();
        assert_eq!(step(store, high).await, Some(Step::One));
        assert_eq!(
            refused(high, decision(Step::Three, t, None)).await,
            Refusal::NeedsStep2,
            "a revoked STEP2 does not count"
        );

        let entries: Vec<_> = log(store, high)
            .await
            .into_iter()
            .filter(|e| e.action.starts_with("certification."))
            .collect();
        assert_eq!(
            entries
                .iter()
                .map(|e| (e.action.as_str(), e.details["step"].as_str().unwrap()))
                .collect::<Vec<_>>(),
            [
                ("certification.grant", "step2"),
                ("certification.grant", "step3"),
                ("certification.revoke", "step3"),
                ("certification.revoke", "step2"),
            ]
        );
        assert!(
            entries
                .iter()
                .all(|e| e.actor_user_id == Some(operator.id) && e.portal_id == Some(portal.id))
        );
        assert_eq!(entries[2].actor_name.as_deref(), Some("認証 担当"));
    })
    .await;
}

#[tokio::test]
async fn the_queue_lists_members_due_for_certification() {
    each_engine(|db| async move {
        let store = &db.store;
        let t = today();
        let okayama = store
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap()
            .id;
        let kodomo = store
            .portals()
            .create(&theme_portal("kodomo", &[13]), By::SYSTEM)
            .await
            .unwrap()
            .id;
        let none = build(store, "あおい", "アオイ", "331007", 501, 3).await;
        let due60 = build(store, "いずみ", "イズミ", "331007", 502, 3).await;
        let due61 = build(store, "うみ", "ウミ", "331007", 503, 3).await;
        let low = build(store, "えん", "エン", "331007", 504, 2).await;
        let kyoto = build(store, "おと", "オト", "261009", 505, 3).await;
        let elsewhere = build(store, "かぜ", "カゼ", "332020", 506, 4).await;
        let revoked = build(store, "きり", "キリ", "331007", 507, 3).await;
        let lapsed = build(store, "くも", "クモ", "331007", 508, 3).await;
        let two =
            |from: i64, until: i64| decision(Step::Two, t - days(from), Some(t + days(until)));
        grant(store, due60, okayama, two(300, 60), t, By::SYSTEM).await;
        grant(store, due61, okayama, two(300, 61), t, By::SYSTEM).await;
        grant(store, elsewhere, kodomo, two(0, 365), t, By::SYSTEM).await;
        let r = grant(store, revoked, okayama, two(0, 365), t, By::SYSTEM).await;
        store
            .certifications()
            .revoke(r, None, t, By::SYSTEM)
            .await
            .unwrap();
        // Lapsed yesterday; the daily job has not run yet.
        grant(
            store,
            lapsed,
            okayama,
            two(300, -1),
            t - days(10),
            By::SYSTEM,
        )
        .await;

        let queue = store.certifications().queue(okayama, t).await.unwrap();
        let item =
            |id: i64, name: &str, level: u8, step: Step, expires: Option<NaiveDate>| QueueItem {
                organisation_id: id,
                name: format!("特定非営利活動法人 {name}"),
                level,
                step: Some(step),
                expires_on: expires,
            };
        assert_eq!(
            queue,
            [
                item(elsewhere, "かぜ", 4, Step::Two, None),
                item(none, "あおい", 3, Step::One, None),
                item(due60, "いずみ", 3, Step::Two, Some(t + days(60))),
                item(revoked, "きり", 3, Step::One, None),
                item(lapsed, "くも", 3, Step::Two, None),
            ],
            "highest ★ first, then 五十音; another portal's STEP2 does not count; \
             renewals within 60 days"
        );
        assert!(
            !queue
                .iter()
                .any(|q| [due61, low, kyoto].contains(&q.organisation_id))
        );

        let theirs: Vec<i64> = store
            .certifications()
            .queue(kodomo, t)
            .await
            .unwrap()
            .iter()
            .map(|q| q.organisation_id)
            .collect();
        assert_eq!(
            theirs,
            [none, due60, due61, kyoto, revoked, lapsed],
            "their own grant keeps かぜ out; okayama's grants do not"
        );
        assert!(
            store
                .certifications()
                .queue(okayama, t + days(1))
                .await
                .unwrap()
                .iter()
                .any(|q| q.organisation_id == due61),
            "a day later, the 61-day grant is due for renewal"
        );
    })
    .await;
}

#[tokio::test]
async fn lists_filter_sort_and_page_by_level_and_certification() {
    each_engine(|db| async move {
        let store = &db.store;
        let t = today();
        let portal = store
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap()
            .id;
        let two = decision(Step::Two, t, expires_on(Step::Two, t));
        let three = decision(Step::Three, t, expires_on(Step::Three, t));
        // (kana, ★, step granted)
        let plan: [(&str, u8, u8); 10] = [
            ("アオイ", 5, 1),
            ("イロハ", 3, 2),
            ("ウタ", 4, 3),
            ("エミ", 3, 1),
            ("オト", 1, 0),
            ("カゼ", 0, 0),
            ("キリ", 2, 0),
            ("クモ", 3, 2),
            ("ケヤキ", 5, 2),
            ("エミ", 3, 1),
        ];
        let mut ids = Vec::new();
        for (n, (kana, stars, granted)) in plan.iter().enumerate() {
            let id = build(store, kana, kana, "331007", 600 + n as u64, *stars).await;
            if *granted >= 2 {
                grant(store, id, portal, two.clone(), t, By::SYSTEM).await;
            }
            if *granted >= 3 {
                grant(store, id, portal, three.clone(), t, By::SYSTEM).await;
            }
            ids.push(id);
        }
        let query = |filter: OrganisationFilter, page: PageRequest| OrganisationQuery {
            portal_id: None,
            filter,
            page,
        };
        let numbered = |filter: OrganisationFilter| {
            let orgs = store.organisations();
            async move {
                let page = orgs
                    .list(&query(
                        filter,
                        PageRequest::Numbered {
                            page: 1,
                            per_page: 100,
                        },
                    ))
                    .await
                    .unwrap();
                assert_eq!(page.total, Some(page.items.len() as u64));
                page.items
            }
        };
        let kanas = |items: &[hiroba_store::organisations::Organisation]| {
            items
                .iter()
                .map(|o| o.profile.name_kana.clone().unwrap())
                .collect::<Vec<_>>()
        };
        let f = |min_level: Option<u8>, min_cert: Option<Step>, order: OrganisationOrder| {
            OrganisationFilter {
                min_level,
                min_certification: min_cert,
                order,
                ..Default::default()
            }
        };
        use OrganisationOrder::{Certification, Level, Name};

        // The stored step is what was planned (STEP1 at ★3 and above).
        for (id, (_, stars, granted)) in ids.iter().zip(plan) {
            let expected = if granted >= 2 {
                Step::from_number(granted)
            } else {
                (stars >= 3).then_some(Step::One)
            };
            assert_eq!(step(store, *id).await, expected);
        }

        let by_level = numbered(f(None, None, Level)).await;
        assert_eq!(
            kanas(&by_level),
            [
                "ケヤキ",
                "アオイ",
                "ウタ",
                "イロハ",
                "クモ",
                "エミ",
                "エミ",
                "キリ",
                "オト",
                "カゼ"
            ]
        );
        assert_eq!(by_level[5].id, ids[3], "equal rank and name: by id");
        assert_eq!(by_level[6].id, ids[9]);
        let by_cert = numbered(f(None, None, Certification)).await;
        assert_eq!(
            kanas(&by_cert),
            [
                "ウタ",
                "ケヤキ",
                "イロハ",
                "クモ",
                "アオイ",
                "エミ",
                "エミ",
                "キリ",
                "オト",
                "カゼ"
            ]
        );
        assert_eq!(
            kanas(&numbered(f(Some(3), None, Name)).await),
            ["アオイ", "イロハ", "ウタ", "エミ", "エミ", "クモ", "ケヤキ"]
        );
        assert_eq!(
            kanas(&numbered(f(None, Some(Step::Two), Name)).await),
            ["イロハ", "ウタ", "クモ", "ケヤキ"]
        );
        assert_eq!(
            kanas(&numbered(f(None, Some(Step::Three), Name)).await),
            ["ウタ"]
        );
        assert_eq!(
            kanas(&numbered(f(None, Some(Step::One), Name)).await),
            kanas(&numbered(f(Some(3), None, Name)).await),
            "STEP1 is ★3"
        );
        assert_eq!(
            kanas(&numbered(f(Some(4), None, Certification)).await),
            ["ウタ", "ケヤキ", "アオイ"]
        );
        assert_eq!(
            kanas(&numbered(f(Some(2), Some(Step::Two), Level)).await),
            ["ケヤキ", "ウタ", "イロハ", "クモ"]
        );

        // Keyset pages walk every list exactly as the numbered list orders it.
        for order in OrganisationOrder::ALL {
            for filter in [
                f(None, None, order),
                f(Some(3), None, order),
                f(None, Some(Step::Two), order),
                f(Some(1), Some(Step::One), order),
            ] {
                let expected: Vec<i64> = numbered(filter.clone())
                    .await
                    .iter()
                    .map(|o| o.id)
                    .collect();
                for limit in [1, 2, 3, 4, 100] {
                    let mut seen = Vec::new();
                    let mut after: Option<Cursor> = None;
                    loop {
                        let page = store
                            .organisations()
                            .list(&query(
                                filter.clone(),
                                PageRequest::After {
                                    after: after.clone(),
                                    limit,
                                },
                            ))
                            .await
                            .unwrap();
                        assert!(page.total.is_none());
                        assert!(page.items.len() as u64 <= limit);
                        seen.extend(page.items.iter().map(|o| o.id));
                        match page.next {
                            Some(c) => {
                                let last = page.items.last().unwrap();
                                assert_eq!(c.id, last.id);
                                assert_eq!(
                                    c.rank,
                                    order.rank(
                                        last.disclosure_level,
                                        last.certification.map_or(0, |s| s.number())
                                    )
                                );
                                after = Some(c);
                            }
                            None => break,
                        }
                        assert!(seen.len() <= expected.len(), "{order:?} loops");
                    }
                    assert_eq!(seen, expected, "{order:?} {filter:?} by {limit}");
                }
            }
        }

        // Portal lists sort the same way.
        let in_portal = store
            .organisations()
            .list(&OrganisationQuery {
                portal_id: Some(portal),
                filter: f(Some(4), None, Level),
                page: PageRequest::After {
                    after: None,
                    limit: 10,
                },
            })
            .await
            .unwrap();
        assert_eq!(kanas(&in_portal.items), ["ケヤキ", "アオイ", "ウタ"]);
    })
    .await;
}
