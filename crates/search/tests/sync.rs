//! Following the database: every change that search shows reaches the index through the
//! outbox, a lost or foreign index is rebuilt, and the daily ★ pass does not rewrite every
//! document. On every engine under test.

use hiroba_search::{Facet, Follower, SearchIndex, SearchRequest, WriterOptions};
use hiroba_store::{By, Store};
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::{edited, organisation, regional_portal};
use std::sync::Arc;

fn ids(follower: &Follower, text: &str) -> Vec<i64> {
    follower
        .index()
        .search(&SearchRequest::organisations(text))
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect()
}

async fn outbox_len(store: &Store) -> usize {
    store.search_feed().after(0, 100_000).await.unwrap().len()
}

#[tokio::test]
async fn edits_deletes_and_portal_changes_reach_the_index() {
    each_engine(|db| async move {
        let store = &db.store;
        let follower = Follower::new(Arc::new(SearchIndex::in_memory().unwrap()), store.clone());
        let a = store
            .organisations()
            .create(
                &organisation("あおぞら子ども食堂", "331015", &[13]),
                By::SYSTEM,
            )
            .await
            .unwrap();
        follower.catch_up().await.unwrap();
        assert_eq!(ids(&follower, "あおぞら"), vec![a.id]);

        // An edit replaces the document.
        let renamed = edited(&a.profile, |i| {
            i.name = "特定非営利活動法人 みどりの風".into();
            i.name_kana = "ミドリノカゼ".into();
        });
        store
            .organisations()
            .update(a.id, &renamed, By::SYSTEM)
            .await
            .unwrap();
        let applied = follower.catch_up().await.unwrap();
        assert!(applied.entries >= 1 && !applied.rebuilt);
        assert!(ids(&follower, "あおぞら").is_empty());
        assert_eq!(ids(&follower, "みどりのかぜ"), vec![a.id]);

        // A portal created afterwards adds its facet to the organisations it shows.
        let portal = store
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap();
        follower.catch_up().await.unwrap();
        let mut req = SearchRequest::organisations("");
        req.facets = vec![Facet::Portal];
        let r = follower.index().search(&req).unwrap();
        assert_eq!(r.counts(Facet::Portal), &[(portal.id as u64, 1)]);

        // A deletion removes it.
        store
            .organisations()
            .delete(a.id, By::SYSTEM)
            .await
            .unwrap();
        follower.catch_up().await.unwrap();
        assert!(ids(&follower, "みどり").is_empty());
        assert_eq!(follower.index().doc_count(), 0);

        // Nothing pending: a pass reads nothing.
        assert_eq!(follower.catch_up().await.unwrap().entries, 0);
    })
    .await;
}

#[tokio::test]
async fn a_lost_or_foreign_index_is_rebuilt_and_a_stale_one_catches_up() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("search");
        let a = store
            .organisations()
            .create(&organisation("ひまわり会", "331015", &[1]), By::SYSTEM)
            .await
            .unwrap();
        {
            let index = SearchIndex::open(&path, WriterOptions::default()).unwrap();
            let follower = Follower::new(Arc::new(index), store.clone());
            assert!(follower.needs_rebuild().await.unwrap(), "never built");
            assert!(follower.catch_up().await.unwrap().rebuilt);
            assert_eq!(ids(&follower, "ひまわり"), vec![a.id]);
        }
        // The process was down while another node made a change: on opening, the index
        // keeps what it had and applies what it missed, without a rebuild.
        let b = store
            .organisations()
            .create(&organisation("すみれ会", "331015", &[1]), By::SYSTEM)
            .await
            .unwrap();
        {
            let index = SearchIndex::open(&path, WriterOptions::default()).unwrap();
            assert_eq!(index.doc_count(), 1);
            let follower = Follower::new(Arc::new(index), store.clone());
            assert!(!follower.needs_rebuild().await.unwrap());
            let applied = follower.catch_up().await.unwrap();
            assert!(!applied.rebuilt && applied.entries >= 1);
            assert_eq!(ids(&follower, "すみれ"), vec![b.id]);
        }
        // Deleted from disk: rebuilt.
        std::fs::remove_dir_all(&path).unwrap();
        {
            let index = SearchIndex::open(&path, WriterOptions::default()).unwrap();
            let follower = Follower::new(Arc::new(index), store.clone());
            assert!(follower.catch_up().await.unwrap().rebuilt);
            assert_eq!(follower.index().doc_count(), 2);
        }
        // Garbage where the index was: recreated, then rebuilt.
        std::fs::write(path.join("meta.json"), b"not json").unwrap();
        {
            let index = SearchIndex::open(&path, WriterOptions::default()).unwrap();
            let follower = Follower::new(Arc::new(index), store.clone());
            assert!(follower.catch_up().await.unwrap().rebuilt);
            assert_eq!(follower.index().doc_count(), 2);
        }
    })
    .await;
}

#[tokio::test]
async fn an_index_built_from_another_database_is_rebuilt() {
    each_engine(|db| async move {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("search");
        {
            let index = SearchIndex::open(&path, WriterOptions::default()).unwrap();
            index.commit(1_000_000).unwrap();
        }
        let index = SearchIndex::open(&path, WriterOptions::default()).unwrap();
        let follower = Follower::new(Arc::new(index), db.store.clone());
        assert!(
            follower.needs_rebuild().await.unwrap(),
            "ahead of this database's outbox"
        );
    })
    .await;
}

#[tokio::test]
async fn the_daily_pass_reindexes_only_what_changed() {
    each_engine(|db| async move {
        let store = &db.store;
        for name in ["いちょう会", "けやき会", "さくら会"] {
            store
                .organisations()
                .create(&organisation(name, "331015", &[1]), By::SYSTEM)
                .await
                .unwrap();
        }
        let before = outbox_len(store).await;
        store
            .refresh_all(hiroba_store::disclosure::today_in_japan())
            .await
            .unwrap();
        assert_eq!(outbox_len(store).await, before, "no level changed");
        // Pruning keeps what is recent.
        let pruned = store
            .search_feed()
            .prune(chrono::Utc::now() - chrono::Duration::days(7))
            .await
            .unwrap();
        assert_eq!(pruned, 0);
        let pruned = store
            .search_feed()
            .prune(chrono::Utc::now() + chrono::Duration::seconds(1))
            .await
            .unwrap();
        assert_eq!(pruned as usize, before);
    })
    .await;
}
