//! The storage story: the same scenarios on SQLite and (when configured) PostgreSQL.

use hiroba_domain::organisations::OrganisationFilterInput;
use hiroba_domain::scope::Curation;
use hiroba_store::municipalities::Municipality;
use hiroba_store::organisations::OrganisationQuery;
use hiroba_store::paging::{Cursor, PageRequest};
use hiroba_store::{Engine, StoreError};
use hiroba_testkit::fixtures::{edited, organisation, regional_portal, theme_portal};
use hiroba_testkit::{TestDb, each_engine, engines};

fn filter(f: OrganisationFilterInput) -> hiroba_domain::organisations::OrganisationFilter {
    f.validate().unwrap()
}

fn all_pages() -> PageRequest {
    PageRequest::Numbered {
        page: 1,
        per_page: 1000,
    }
}

#[tokio::test]
async fn migrations_apply_once_and_leave_nothing_pending() {
    for engine in engines() {
        let db = TestDb::unmigrated(engine).await;
        let applied = db.store.migrate().await.unwrap();
        assert_eq!(
            applied,
            [
                "m0001_foundation",
                "m0002_accounts",
                "m0003_profiles",
                "m0004_search",
                "m0005_imports",
                "m0006_spreadsheet_imports",
                "m0007_deferred_indexes",
                "m0008_import_heartbeat"
            ],
            "{engine:?}"
        );
        assert!(db.store.pending_migrations().await.unwrap().is_empty());
        assert!(
            db.store.migrate().await.unwrap().is_empty(),
            "second run applies nothing"
        );
        db.store.ping().await.unwrap();
    }
}

#[tokio::test]
async fn both_engines_get_the_same_schema() {
    let mut shapes = Vec::new();
    for engine in engines() {
        let db = TestDb::fresh(engine).await;
        let shape = db.store.schema_shape().await.unwrap();
        assert!(shape.contains_key("organisations") && shape.contains_key("portal_memberships"));
        shapes.push((engine, shape));
    }
    if let [(_, sqlite), (_, pg)] = &shapes[..] {
        assert_eq!(sqlite, pg, "SQLite and PostgreSQL schemas differ");
    } else {
        eprintln!("schema comparison needs HIROBA_TEST_DATABASE_URL; only SQLite was checked");
    }
}

#[tokio::test]
async fn sqlite_is_configured_for_web_load() {
    let db = TestDb::fresh(Engine::Sqlite).await;
    // WAL is a property of the file, visible from any connection.
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
    let mode: (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode.0.to_lowercase(), "wal");
}

#[tokio::test]
async fn organisations_round_trip_update_and_conflict() {
    each_engine(|db| async move {
        let orgs = db.store.organisations();
        let mut input = hiroba_domain::organisations::OrganisationInput::from(&organisation(
            "ひだまり",
            "332020",
            &[1, 13],
        ));
        input.name_kana = "ひだまり".into();
        input.corporate_number = "1000011000005".into();
        input.postal_code = "710-0055".into();
        input.street = "阿知1-2-3".into();
        input.street_public = true;
        input.website = "https://hidamari.example.jp".into();
        input.email = "info@hidamari.example.jp".into();
        input.mission = "子どもの居場所をつくる".into();
        input.sdgs = vec!["1".into(), "4".into()];
        input.activity_areas = vec!["332020".into(), "33".into()];
        input.roles = vec!["npo_ngo".into(), "funder".into()];
        let profile = input
            .validate(hiroba_store::disclosure::today_in_japan())
            .unwrap();

        let created = orgs
            .create(&profile, hiroba_store::By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(created.profile, profile, "every field survives storage");
        assert_eq!(
            orgs.get(created.id).await.unwrap().unwrap().profile,
            profile
        );
        let by_number = orgs
            .find_by_corporate_number(&profile.corporate_number.unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(by_number.id, created.id);
        let many = orgs.get_many(&[999_999, created.id]).await.unwrap();
        assert_eq!(many.len(), 1, "missing ids are skipped");
        assert_eq!(many[0].profile, profile, "with its activity areas");
        assert!(orgs.get_many(&[]).await.unwrap().is_empty());

        let changed = edited(&profile, |i| {
            i.mission = "地域の子どもと家族を支える".into();
            i.activity_areas = vec!["331007".into()];
        });
        let updated = orgs
            .update(created.id, &changed, hiroba_store::By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(updated.profile, changed);
        assert!(updated.updated_at >= created.updated_at);

        let duplicate = organisation("別団体", "331007", &[2]);
        let duplicate = edited(&duplicate, |i| i.corporate_number = "1000011000005".into());
        assert!(matches!(
            orgs.create(&duplicate, hiroba_store::By::SYSTEM).await,
            Err(StoreError::Conflict("corporate_number"))
        ));
        assert_eq!(
            orgs.count().await.unwrap(),
            1,
            "the failed insert left nothing behind"
        );
        assert!(matches!(
            orgs.update(9999, &changed, hiroba_store::By::SYSTEM).await,
            Err(StoreError::NotFound)
        ));
        assert!(orgs.get(9999).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn portal_membership_follows_scope_edits_and_curation() {
    each_engine(|db| async move {
        let orgs = db.store.organisations();
        let portals = db.store.portals();
        let okayama_kids = orgs
            .create(
                &organisation("岡山こども", "331007", &[13]),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        let kyoto_env = orgs
            .create(
                &organisation("京都みどり", "261009", &[7]),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();

        let okayama = portals
            .create(
                &regional_portal("okayama", &["33"]),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        let kodomo = portals
            .create(&theme_portal("kodomo", &[13]), hiroba_store::By::SYSTEM)
            .await
            .unwrap();
        assert!(
            portals
                .is_member(okayama.id, okayama_kids.id)
                .await
                .unwrap()
        );
        assert!(!portals.is_member(okayama.id, kyoto_env.id).await.unwrap());
        assert!(portals.is_member(kodomo.id, okayama_kids.id).await.unwrap());
        assert!(!portals.is_member(kodomo.id, kyoto_env.id).await.unwrap());

        // A new organisation joins the portals it matches at once.
        let kyoto_kids = orgs
            .create(
                &organisation("京都こども", "261009", &[13]),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        assert_eq!(
            orgs.portal_ids(kyoto_kids.id).await.unwrap(),
            vec![kodomo.id]
        );

        // Editing an organisation moves it.
        let moved = edited(&kyoto_env.profile, |i| {
            i.municipality = "332020".into();
            i.prefecture = "33".into();
        });
        orgs.update(kyoto_env.id, &moved, hiroba_store::By::SYSTEM)
            .await
            .unwrap();
        assert!(portals.is_member(okayama.id, kyoto_env.id).await.unwrap());

        // Editing a portal's scope recomputes it.
        let mut widened = okayama.settings.clone();
        widened
            .scope
            .prefectures
            .push(hiroba_domain::prefectures::PrefectureCode::new(26).unwrap());
        portals
            .update(okayama.id, &widened, hiroba_store::By::SYSTEM)
            .await
            .unwrap();
        assert!(portals.is_member(okayama.id, kyoto_kids.id).await.unwrap());

        // Curation overrides scope, and survives later edits of the organisation.
        portals
            .set_curation(
                okayama.id,
                kyoto_kids.id,
                Some(Curation::Exclude),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        assert!(!portals.is_member(okayama.id, kyoto_kids.id).await.unwrap());
        orgs.update(
            kyoto_kids.id,
            &edited(&kyoto_kids.profile, |i| i.mission = "更新".into()),
            hiroba_store::By::SYSTEM,
        )
        .await
        .unwrap();
        assert!(!portals.is_member(okayama.id, kyoto_kids.id).await.unwrap());
        portals
            .set_curation(
                kodomo.id,
                kyoto_env.id,
                Some(Curation::Include),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        assert!(portals.is_member(kodomo.id, kyoto_env.id).await.unwrap());
        assert_eq!(
            portals.curations(okayama.id).await.unwrap(),
            vec![(kyoto_kids.id, Curation::Exclude)]
        );
        portals
            .set_curation(okayama.id, kyoto_kids.id, None, hiroba_store::By::SYSTEM)
            .await
            .unwrap();
        assert!(portals.is_member(okayama.id, kyoto_kids.id).await.unwrap());

        let counts = portals.member_counts().await.unwrap();
        assert_eq!(counts[&okayama.id], 3);
        assert_eq!(counts[&kodomo.id], 3);

        // Deleting an organisation removes its memberships (foreign keys are enforced).
        orgs.delete(okayama_kids.id, hiroba_store::By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(portals.member_counts().await.unwrap()[&okayama.id], 2);
        assert!(matches!(
            orgs.delete(okayama_kids.id, hiroba_store::By::SYSTEM).await,
            Err(StoreError::NotFound)
        ));
    })
    .await;
}

#[tokio::test]
async fn portal_slugs_are_unique_and_found_by_slug() {
    each_engine(|db| async move {
        let portals = db.store.portals();
        let p = portals
            .create(&regional_portal("kyoto", &["26"]), hiroba_store::By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(portals.get_by_slug("kyoto").await.unwrap().unwrap(), p);
        assert_eq!(
            portals.get(p.id).await.unwrap().unwrap().settings,
            p.settings
        );
        assert!(portals.get_by_slug("nowhere").await.unwrap().is_none());
        assert!(matches!(
            portals
                .create(&regional_portal("kyoto", &["33"]), hiroba_store::By::SYSTEM)
                .await,
            Err(StoreError::Conflict("slug"))
        ));
        assert_eq!(portals.list().await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn lists_filter_and_page() {
    each_engine(|db| async move {
        let orgs = db.store.organisations();
        let portal = db
            .store
            .portals()
            .create(
                &regional_portal("okayama", &["33"]),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        let kita_ward = "331015";
        let mut ids = Vec::new();
        for (name, kana, muni, fields, form) in [
            ("あおぞら", "アオゾラ", "331007", vec![13u8], "npo"),
            ("いずみ", "イズミ", kita_ward, vec![7], "certified_npo"),
            ("うみべ", "ウミベ", "332020", vec![7, 13], "npo"),
            ("えがお", "エガオ", "261009", vec![13], "npo"),
            (
                "おひさま",
                "オヒサマ",
                "332038",
                vec![1],
                "general_association",
            ),
        ] {
            let p = edited(&organisation(name, muni, &fields), |i| {
                i.name_kana = kana.into();
                i.legal_form = form.into();
                if name == "うみべ" {
                    i.sdgs = vec!["14".into()];
                }
            });
            ids.push(orgs.create(&p, hiroba_store::By::SYSTEM).await.unwrap().id);
        }
        let names =
            |page: &hiroba_store::paging::Page<hiroba_store::organisations::Organisation>| {
                page.items
                    .iter()
                    .map(|o| o.profile.name_kana.clone().unwrap())
                    .collect::<Vec<_>>()
            };
        let list = |portal_id: Option<i64>, f: OrganisationFilterInput| OrganisationQuery {
            portal_id,
            filter: filter(f),
            page: all_pages(),
        };

        let all = orgs.list(&list(None, Default::default())).await.unwrap();
        assert_eq!(all.total, Some(5));
        assert_eq!(
            names(&all),
            ["アオゾラ", "イズミ", "ウミベ", "エガオ", "オヒサマ"],
            "五十音順"
        );

        let in_portal = orgs
            .list(&list(Some(portal.id), Default::default()))
            .await
            .unwrap();
        assert_eq!(in_portal.total, Some(4), "京都 is outside the portal");

        let city = orgs
            .list(&list(
                None,
                OrganisationFilterInput {
                    municipality: "331007".into(),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(
            names(&city),
            ["アオゾラ", "イズミ"],
            "岡山市 includes its 北区"
        );

        let pref = orgs
            .list(&list(
                None,
                OrganisationFilterInput {
                    prefecture: "26".into(),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(names(&pref), ["エガオ"]);

        let env = orgs
            .list(&list(
                Some(portal.id),
                OrganisationFilterInput {
                    activity_field: "7".into(),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(names(&env), ["イズミ", "ウミベ"]);

        let sea = orgs
            .list(&list(
                None,
                OrganisationFilterInput {
                    sdg: "14".into(),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(names(&sea), ["ウミベ"]);

        let certified = orgs
            .list(&list(
                None,
                OrganisationFilterInput {
                    legal_form: "certified_npo".into(),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(names(&certified), ["イズミ"]);

        // Numbered pages.
        let page2 = orgs
            .list(&OrganisationQuery {
                portal_id: None,
                filter: Default::default(),
                page: PageRequest::Numbered {
                    page: 2,
                    per_page: 2,
                },
            })
            .await
            .unwrap();
        assert_eq!(names(&page2), ["ウミベ", "エガオ"]);
        assert_eq!(page2.total, Some(5));
        let beyond = orgs
            .list(&OrganisationQuery {
                portal_id: None,
                filter: Default::default(),
                page: PageRequest::Numbered {
                    page: 99,
                    per_page: 2,
                },
            })
            .await
            .unwrap();
        assert!(beyond.items.is_empty());

        // Cursor pages visit every organisation once, in order.
        let mut seen = Vec::new();
        let mut after: Option<Cursor> = None;
        loop {
            let page = orgs
                .list(&OrganisationQuery {
                    portal_id: None,
                    filter: Default::default(),
                    page: PageRequest::After {
                        after: after.clone(),
                        limit: 2,
                    },
                })
                .await
                .unwrap();
            seen.extend(names(&page));
            match page.next {
                Some(c) => after = Some(c),
                None => break,
            }
        }
        assert_eq!(seen, ["アオゾラ", "イズミ", "ウミベ", "エガオ", "オヒサマ"]);
    })
    .await;
}

#[tokio::test]
async fn municipalities_upsert_and_look_up() {
    each_engine(|db| async move {
        let munis = db.store.municipalities();
        let code = |s: &str| hiroba_domain::codes::MunicipalityCode::parse(s).unwrap();
        let m = |c: &str, name: &str| Municipality {
            code: code(c),
            name_ja: name.into(),
            name_kana: None,
            name_en: None,
        };
        munis
            .upsert_many(&[
                m("331007", "岡山市"),
                m("332020", "倉敷市"),
                m("261009", "京都市"),
            ])
            .await
            .unwrap();
        munis
            .upsert_many(&[m("332020", "倉敷市（改）")])
            .await
            .unwrap();
        let okayama = munis
            .in_prefecture(hiroba_domain::prefectures::PrefectureCode::new(33).unwrap())
            .await
            .unwrap();
        assert_eq!(
            okayama
                .iter()
                .map(|m| m.name_ja.as_str())
                .collect::<Vec<_>>(),
            ["岡山市", "倉敷市（改）"]
        );
        let found = munis
            .by_codes(&[code("261009"), code("131016")])
            .await
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(munis.all().await.unwrap().len(), 3);
    })
    .await;
}

#[tokio::test]
async fn field_counts_and_recent_updates() {
    each_engine(|db| async move {
        let orgs = db.store.organisations();
        let portal = db
            .store
            .portals()
            .create(
                &regional_portal("okayama", &["33"]),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        let a = orgs
            .create(
                &organisation("A", "331007", &[13, 2]),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        let b = orgs
            .create(
                &organisation("B", "332020", &[13]),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        orgs.create(&organisation("C", "261009", &[7]), hiroba_store::By::SYSTEM)
            .await
            .unwrap();
        orgs.update(
            a.id,
            &edited(&a.profile, |i| i.sdgs = vec!["4".into()]),
            hiroba_store::By::SYSTEM,
        )
        .await
        .unwrap();

        let all = orgs.field_counts(None).await.unwrap();
        assert_eq!(all.total, 3);
        assert_eq!(all.fields[12], 2, "field 13");
        assert_eq!(all.fields[6], 1, "field 7");
        assert_eq!(all.sdgs[3], 1, "goal 4");
        let in_portal = orgs.field_counts(Some(portal.id)).await.unwrap();
        assert_eq!(in_portal.total, 2);
        assert_eq!(in_portal.fields[6], 0);

        let recent = orgs.recently_updated(Some(portal.id), 5).await.unwrap();
        assert_eq!(
            recent.iter().map(|o| o.id).collect::<Vec<_>>(),
            vec![a.id, b.id]
        );
    })
    .await;
}

fn all_migrations() -> usize {
    use sea_orm_migration::MigratorTrait;
    hiroba_store::migrations::Migrator::migrations().len()
}

#[tokio::test]
async fn concurrent_migrations_take_turns() {
    for engine in engines().into_iter().filter(|e| *e == Engine::Postgres) {
        let db = TestDb::unmigrated(engine).await;
        // A second store on the same schema, as a second app node would have.
        let options = hiroba_store::StoreOptions {
            pg_schema: db.pg_schema.clone(),
            max_connections: 4,
            ..Default::default()
        };
        let other = hiroba_store::Store::connect(&db.url, &options)
            .await
            .unwrap();
        let (a, b) = tokio::join!(db.store.migrate(), other.migrate());
        let (a, b) = (a.unwrap(), b.unwrap());
        assert!(
            a.is_empty() != b.is_empty() && a.len() + b.len() == all_migrations(),
            "one node applies every migration, the other none: {a:?} {b:?}"
        );
        assert!(db.store.pending_migrations().await.unwrap().is_empty());
        other.close().await;
    }
}
