//! A first load into an empty database (`Options::defer_indexes`, as `hiroba import nta|npo`
//! sets it): the organisations' secondary indexes are dropped and built again at the end, an
//! interrupted load gets them back at the next start, creations are logged once per batch, and
//! rows without a 法人番号 that share a name still get their own ids. SQLite and PostgreSQL.

mod support;

use hiroba_import::{npo, nta};
use hiroba_store::By;
use hiroba_store::audit::AuditScope;
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::regional_portal;
use support::*;

fn bulk() -> hiroba_import::Options {
    let mut opts = options();
    opts.defer_indexes = true;
    opts
}

#[tokio::test]
async fn a_first_load_builds_the_indexes_it_dropped() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        let indexes = store.imports().organisation_indexes().await.unwrap();
        assert!(
            indexes.contains(&"ix_organisations_name".to_owned()),
            "{indexes:?}"
        );
        let file = nta_csv(&[
            Nta::new(1, &number(20001), "特定非営利活動法人いちばん"),
            Nta::new(2, &number(20002), "特定非営利活動法人にばん"),
            Nta::new(3, &number(20003), "一般社団法人さんばん"),
        ]);
        let file = write(dir.path(), "first.csv", file.as_bytes());
        let s = nta::import(store, &file, &bulk()).await.unwrap();
        assert_eq!(s.counts.created, 3);
        assert_eq!(
            store.imports().organisation_indexes().await.unwrap(),
            indexes,
            "every index is back"
        );
        assert!(store.imports().deferred_indexes().await.unwrap().is_empty());

        // The creations are one log entry naming every new id.
        let log = store
            .audit()
            .list(AuditScope::Everything, None, 100)
            .await
            .unwrap();
        let created: Vec<_> = log
            .iter()
            .filter(|e| e.action == "organisation.import")
            .collect();
        assert_eq!(created.len(), 1, "{created:?}");
        assert_eq!(created[0].details["count"], 3);
        let orgs = store.organisations();
        let first = orgs
            .find_by_corporate_number(&cn(20001))
            .await
            .unwrap()
            .unwrap();
        let last = orgs
            .find_by_corporate_number(&cn(20003))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            created[0].details["ids"],
            serde_json::json!([[first.id, last.id]])
        );
        // The ★ level written with the row is the one the rubric gives.
        for org in [&first, &last] {
            let standing = store.standing(org.id, today()).await.unwrap();
            assert_eq!(org.disclosure_level, standing.assessment.level);
        }

        // The table is no longer empty: a second load keeps the indexes where they are.
        assert!(
            store
                .imports()
                .defer_indexes_if_empty()
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            store.imports().organisation_indexes().await.unwrap(),
            indexes
        );
    })
    .await;
}

#[tokio::test]
async fn an_interrupted_load_gets_its_indexes_back_at_the_next_start() {
    each_engine(|db| async move {
        let store = &db.store;
        let indexes = store.imports().organisation_indexes().await.unwrap();
        // What a load killed after its start leaves behind.
        let dropped = store.imports().defer_indexes_if_empty().await.unwrap();
        assert_eq!(dropped, indexes);
        assert!(
            store
                .imports()
                .organisation_indexes()
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(store.imports().deferred_indexes().await.unwrap(), indexes);

        // Every command migrates at start.
        assert!(store.migrate().await.unwrap().is_empty());
        assert_eq!(
            store.imports().organisation_indexes().await.unwrap(),
            indexes
        );
        assert!(store.imports().deferred_indexes().await.unwrap().is_empty());
        // Building again is harmless.
        assert!(store.build_deferred_indexes().await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn rows_without_a_corporate_number_that_share_a_name_get_their_own_ids() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        let okayama = store
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap();
        let name = "特定非営利活動法人おなじなまえ";
        let list = npo_csv(&[
            Npo::new(name, "岡山県", "岡山県倉敷市阿知1-2-3"),
            Npo::new(name, "広島県", "広島県福山市東桜町1-1"),
            Npo::new(
                "特定非営利活動法人べつのなまえ",
                "岡山県",
                "岡山県岡山市北区表町1",
            ),
        ]);
        let file = write(dir.path(), "npo.csv", &cp932(&list));
        let s = npo::import(store, &file, &options()).await.unwrap();
        assert_eq!(s.counts.created, 3, "{:?}", s.counts);

        let orgs = store.organisations();
        let mut twins = orgs.search_by_name("おなじなまえ", 10).await.unwrap();
        twins.sort_by_key(|o| o.id);
        assert_eq!(twins.len(), 2);
        let prefectures: Vec<String> = twins
            .iter()
            .map(|o| o.profile.address.prefecture.unwrap().to_string())
            .collect();
        assert_eq!(prefectures, ["33", "34"], "each row got its own id");
        // Listings follow the ids: only the one in Okayama is in the Okayama portal.
        assert_eq!(
            orgs.portal_ids(twins[0].id).await.unwrap(),
            vec![okayama.id]
        );
        assert!(orgs.portal_ids(twins[1].id).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_load_of_thousands_refreshes_the_statistics_on_the_way() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        // Past the first refresh of the planner's statistics (2,000 created rows).
        let rows: Vec<Nta> = (0..2_500u64)
            .map(|i| {
                Nta::new(
                    i + 1,
                    &number(30_000 + i),
                    &format!("特定非営利活動法人たくさん{i}"),
                )
            })
            .collect();
        let file = write(dir.path(), "many.csv", nta_csv(&rows).as_bytes());
        let mut opts = bulk();
        opts.batch_size = 500;
        let s = nta::import(store, &file, &opts).await.unwrap();
        assert_eq!((s.counts.created, s.counts.rejected), (2_500, 0));
        store.imports().analyze().await.unwrap();
        assert!(
            store
                .organisations()
                .find_by_corporate_number(&cn(32_499))
                .await
                .unwrap()
                .is_some()
        );
    })
    .await;
}
