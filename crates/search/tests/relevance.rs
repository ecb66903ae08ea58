//! The relevance set (relevance.tsv) against the demo data, indexed from the database the
//! way a server does it, on every engine under test.

use hiroba_domain::codes::CorporateNumber;
use hiroba_domain::legal_forms::LegalForm;
use hiroba_files::LocalFiles;
use hiroba_search::analysis::normalise_str;
use hiroba_search::spelling::alternatives;
use hiroba_search::sync::organisation_document;
use hiroba_search::{Follower, SearchDocument, SearchIndex, SearchRequest};
use hiroba_testkit::each_engine;
use std::collections::HashMap;
use std::sync::Arc;

struct Case {
    line: usize,
    query: String,
    expect: String,
}

fn cases() -> Vec<Case> {
    let text = include_str!("relevance.tsv");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(cols.len() >= 2, "line {}: query and expectation", i + 1);
            Case {
                line: i + 1,
                query: substitute(cols[0]),
                expect: cols[1].to_owned(),
            }
        })
        .collect()
}

/// `{corp:BASE}` → the 法人番号 with its check digit.
fn substitute(query: &str) -> String {
    match query
        .strip_prefix("{corp:")
        .and_then(|r| r.strip_suffix('}'))
    {
        Some(base) => CorporateNumber::from_base(base.parse().expect("digits"))
            .expect("12 digits")
            .to_string(),
        None => query.to_owned(),
    }
}

/// Whether a document satisfies one `top5:` condition.
fn satisfies(doc: &SearchDocument, cond: &str) -> bool {
    let (key, value) = cond.split_once('=').expect("key=value");
    match key {
        "text" => {
            let hay = normalise_str(&format!(
                "{} {} {} {}",
                doc.name, doc.reading, doc.mission, doc.body
            ));
            std::iter::once(normalise_str(value))
                .chain(alternatives(value))
                .any(|needle| hay.contains(&needle))
        }
        "place" => doc.place.contains(value),
        "form" => {
            let form = doc.legal_form.map(|f| f.code()).unwrap_or_default();
            form == value
                || (value == "npo"
                    && matches!(
                        doc.legal_form,
                        Some(LegalForm::CertifiedNpo | LegalForm::ProvisionallyCertifiedNpo)
                    ))
        }
        other => panic!("unknown condition {other}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relevance_set_passes() {
    each_engine(|db| async move {
        let dir = tempfile::tempdir().unwrap();
        let files = LocalFiles::new(dir.path().join("files"));
        let data = hiroba_demo::generate(hiroba_demo::DEFAULT_SEED);
        hiroba_demo::load(&db.store, &files, &data).await.unwrap();
        let follower = Follower::new(
            Arc::new(SearchIndex::in_memory().unwrap()),
            db.store.clone(),
        );
        let applied = follower.catch_up().await.unwrap();
        assert!(applied.rebuilt, "a new index is built from the database");
        let index = follower.index().clone();
        assert_eq!(index.doc_count(), data.organisations.len() as u64);

        // Every document, to judge results by what was indexed.
        let ids: Vec<i64> = db
            .store
            .search_feed()
            .organisation_ids_after(0, 10_000)
            .await
            .unwrap();
        let docs: HashMap<i64, SearchDocument> = db
            .store
            .search_feed()
            .organisations(&ids)
            .await
            .unwrap()
            .iter()
            .map(|o| (o.organisation.id, organisation_document(o)))
            .collect();

        let cases = cases();
        assert!(cases.len() >= 40, "at least 40 queries");
        let mut failures = Vec::new();
        for case in &cases {
            let r = index
                .search(&SearchRequest::organisations(case.query.clone()))
                .unwrap();
            let names: Vec<&str> = r
                .hits
                .iter()
                .take(5)
                .map(|h| docs[&h.id].name.as_str())
                .collect();
            let ok = if let Some(name) = case.expect.strip_prefix("first=") {
                names.first() == Some(&name)
            } else if let Some(conds) = case.expect.strip_prefix("top5:") {
                !r.hits.is_empty()
                    && r.hits
                        .iter()
                        .take(5)
                        .all(|h| conds.split(';').all(|c| satisfies(&docs[&h.id], c)))
            } else {
                panic!("line {}: unknown expectation {}", case.line, case.expect)
            };
            if !ok {
                failures.push(format!(
                    "line {} {:?} expected {} got {:?}",
                    case.line, case.query, case.expect, names
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    })
    .await;
}
