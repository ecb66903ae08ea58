//! An organisation's yearly records, on SQLite and (when configured) PostgreSQL: reports with
//! their statements, documents, and outcome metrics with their values.

mod support;

use hiroba_domain::documents::DocumentKind;
use hiroba_domain::metrics::{Direction, MetricKind};
use hiroba_store::reports::ReportInput;
use hiroba_store::{By, StoreError};
use hiroba_testkit::each_engine;
use support::*;

#[tokio::test]
async fn reports_are_one_per_year_and_corruption_is_reported() {
    each_engine(|db| async move {
        let store = &db.store;
        let reports = store.reports();
        let id = build(store, "ひだまり", "ヒダマリ", "331007", 102, 2).await;
        let other = build(store, "よつば", "ヨツバ", "331007", 103, 1).await;
        let y = due();
        let columns = |year: i32| {
            let db = &db;
            async move {
                raw_ints(
                    db,
                    &format!(
                        "SELECT revenue_total, expenses_total, assets_total, liabilities_total, \
                         net_assets_total, CAST(CASE WHEN has_finances THEN 1 ELSE 0 END AS BIGINT) \
                         FROM annual_reports WHERE organisation_id = {id} AND fiscal_year = {year}"
                    ),
                )
                .await
            }
        };

        let first = reports
            .save(
                id,
                &ReportInput {
                    fiscal_year: y,
                    basis: hiroba_domain::finances::Basis::NpoStandard,
                    business_report: None,
                    statement: &partial_statement(),
                },
                By::SYSTEM,
            )
            .await
            .unwrap();
        assert_eq!(first.statement, partial_statement());
        assert_eq!(first.business_report, None);
        assert_eq!(
            columns(y).await,
            [Some(100_000), Some(0), None, None, None, Some(0)],
            "no balance sheet: not the year's finances"
        );
        assert_eq!(level(store, id).await, 2, "finances without a balance sheet");

        save_report(store, id, y, &statement()).await;
        let replaced = reports.get(id, y).await.unwrap().unwrap();
        assert_eq!(replaced.id, first.id, "the same year is replaced, not added");
        assert_eq!(replaced.statement, statement(), "the statement round-trips");
        assert_eq!(
            serde_json::to_value(&replaced.statement).unwrap(),
            serde_json::to_value(statement()).unwrap()
        );
        assert_eq!(replaced.business_report.as_deref(), Some("一年の歩み"));
        assert!(replaced.updated_at >= first.updated_at);
        assert_eq!(
            columns(y).await,
            [
                Some(3_150_000),
                Some(2_670_000),
                Some(2_300_000),
                Some(500_000),
                Some(1_800_000),
                Some(1)
            ]
        );
        assert_eq!(level(store, id).await, 3, "the due year's finances earn ★3");

        save_report(store, id, y - 2, &statement()).await;
        save_report(store, id, y - 1, &partial_statement()).await;
        let years: Vec<_> = reports
            .list(id)
            .await
            .unwrap()
            .iter()
            .map(|r| r.fiscal_year)
            .collect();
        assert_eq!(years, [y - 2, y - 1, y], "oldest year first");
        assert!(reports.list(other).await.unwrap().is_empty());
        assert!(reports.get(other, y).await.unwrap().is_none());

        reports.delete(id, y - 1, By::SYSTEM).await.unwrap();
        assert!(reports.get(id, y - 1).await.unwrap().is_none());
        assert!(matches!(
            reports.delete(id, y - 1, By::SYSTEM).await,
            Err(StoreError::NotFound)
        ));
        reports.delete(id, y, By::SYSTEM).await.unwrap();
        assert_eq!(level(store, id).await, 2, "without the due year, ★3 is gone");
        save_report(store, id, y, &statement()).await;

        let entries: Vec<_> = log(store, id)
            .await
            .into_iter()
            .filter(|e| e.target_type == "report")
            .map(|e| (e.action, e.details["year"].as_i64().unwrap() as i32))
            .collect();
        let s = |a: &str| a.to_owned();
        assert_eq!(
            entries,
            [
                (s("report.create"), y),
                (s("report.update"), y),
                (s("report.create"), y - 2),
                (s("report.create"), y - 1),
                (s("report.delete"), y - 1),
                (s("report.delete"), y),
                (s("report.create"), y),
            ]
        );

        // A statement that no longer reads is reported, never shown half-read.
        for bad in [r#"{"no_such_line": 1}"#, "{not json", r#"{"donations": "many"}"#] {
            raw_exec(
                &db,
                &format!(
                    "UPDATE annual_reports SET statement = '{bad}' \
                     WHERE organisation_id = {id} AND fiscal_year = {}",
                    y - 2
                ),
            )
            .await;
            match reports.get(id, y - 2).await {
                Err(StoreError::Corrupt(m)) => assert!(m.contains("statement"), "{m}"),
                other => panic!("{bad}: expected Corrupt, got {other:?}"),
            }
            assert!(matches!(
                reports.list(id).await,
                Err(StoreError::Corrupt(_))
            ));
        }
        assert_eq!(
            reports.get(id, y).await.unwrap().unwrap().statement,
            statement(),
            "other years still read"
        );
        raw_exec(
            &db,
            &format!("UPDATE annual_reports SET basis = 'gold' WHERE organisation_id = {id}"),
        )
        .await;
        assert!(matches!(
            reports.get(id, y).await,
            Err(StoreError::Corrupt(m)) if m.contains("basis")
        ));
    })
    .await;
}

#[tokio::test]
async fn documents_keep_officer_lists_private() {
    each_engine(|db| async move {
        let store = &db.store;
        let docs = store.documents();
        let id = build(store, "ひだまり", "ヒダマリ", "331007", 104, 1).await;
        let other = build(store, "よつば", "ヨツバ", "331007", 105, 1).await;
        let y = due();
        let articles = add_document(store, id, DocumentKind::Articles, None).await;
        let officers = add_document(store, id, DocumentKind::OfficerList, Some(y)).await;
        let report = add_document(store, id, DocumentKind::BusinessReport, Some(y)).await;
        let old = add_document(store, id, DocumentKind::BusinessReport, Some(y - 1)).await;
        add_document(store, other, DocumentKind::Articles, None).await;
        assert!(articles.public && report.public);
        assert!(!officers.public, "officer lists are never public");

        let got = docs.get(officers.id).await.unwrap().unwrap();
        assert_eq!(got, officers);
        assert_eq!(got.kind, DocumentKind::OfficerList);
        assert_eq!(got.fiscal_year, Some(y));
        assert_eq!(
            (got.filename.as_str(), got.content_type.as_str(), got.size),
            ("officer_list.pdf", "application/pdf", 1234)
        );
        assert_eq!(got.sha256, "a".repeat(64));
        assert_eq!(got.organisation_id, id);

        let ids = |list: Vec<hiroba_store::documents::Document>| {
            list.iter().map(|d| d.id).collect::<Vec<_>>()
        };
        // Newest year first, kinds in order within a year, undated documents last.
        assert_eq!(
            ids(docs.list(id, false).await.unwrap()),
            [report.id, old.id, articles.id],
            "the public see no officer list"
        );
        assert_eq!(
            ids(docs.list(id, true).await.unwrap()),
            [report.id, officers.id, old.id, articles.id]
        );

        let key = docs.delete(officers.id, By::SYSTEM).await.unwrap();
        assert_eq!(key, officers.storage_key, "the caller deletes the file");
        assert!(docs.get(officers.id).await.unwrap().is_none());
        assert!(matches!(
            docs.delete(officers.id, By::SYSTEM).await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(docs.list(id, true).await.unwrap().len(), 3);

        let entries: Vec<_> = log(store, id)
            .await
            .into_iter()
            .filter(|e| e.target_type == "document")
            .collect();
        assert_eq!(entries.len(), 5);
        assert_eq!(entries[1].action, "document.create");
        assert_eq!(entries[1].target_id, Some(officers.id));
        assert_eq!(
            entries[1].details,
            serde_json::json!({ "kind": "officer_list", "year": y, "name": "officer_list.pdf" })
        );
        assert_eq!(entries[4].action, "document.delete");
        assert_eq!(entries[4].details["kind"], "officer_list");
    })
    .await;
}

#[tokio::test]
async fn metrics_and_their_yearly_values() {
    each_engine(|db| async move {
        let store = &db.store;
        let metrics = store.metrics();
        let id = build(store, "ひだまり", "ヒダマリ", "331007", 106, 1).await;
        let y = due();
        let served = metrics
            .add(id, &metric("食事の提供", MetricKind::Output), By::SYSTEM)
            .await
            .unwrap();
        let hours = metrics
            .add(
                id,
                &metric("ボランティア時間", MetricKind::Input),
                By::SYSTEM,
            )
            .await
            .unwrap();
        let mut changed = metric("活動時間", MetricKind::Context);
        changed.unit = "時間".into();
        changed.direction = Direction::Hold;
        changed.sdg_target = None;
        changed.iris_code = Some("PI4060".into());
        changed.description = Some("年間の合計".into());
        metrics.update(hours, &changed, By::SYSTEM).await.unwrap();
        assert_eq!(metrics.get(hours).await.unwrap().unwrap().metric, changed);

        let value = |year: i32, v: Option<(f64, Option<String>)>| {
            metrics.set_value(served, year, v, By::SYSTEM)
        };
        value(y, Some((12.5, Some("概算".into())))).await.unwrap();
        value(y - 2, Some((3.0, None))).await.unwrap();
        value(y - 1, Some((7.0, None))).await.unwrap();
        value(y, Some((13.0, None))).await.unwrap();
        let years = || async {
            metrics
                .get(served)
                .await
                .unwrap()
                .unwrap()
                .values
                .into_iter()
                .map(|v| (v.fiscal_year, v.value, v.note))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            years().await,
            [(y - 2, 3.0, None), (y - 1, 7.0, None), (y, 13.0, None)],
            "oldest year first; a second value for a year replaces the first"
        );
        value(y - 1, None).await.unwrap();
        value(1999, None).await.unwrap();
        assert_eq!(years().await, [(y - 2, 3.0, None), (y, 13.0, None)]);
        assert!(matches!(
            metrics
                .set_value(9999, y, Some((1.0, None)), By::SYSTEM)
                .await,
            Err(StoreError::NotFound)
        ));

        let list = metrics.list(id).await.unwrap();
        assert_eq!(
            list.iter().map(|m| m.id).collect::<Vec<_>>(),
            [served, hours]
        );
        assert_eq!(list[0].metric, metric("食事の提供", MetricKind::Output));
        assert!(list[1].values.is_empty());

        let values = store
            .metrics()
            .list(id)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.id == served)
            .unwrap()
            .values;
        assert_eq!(values.len(), 2);
        metrics.delete(served, By::SYSTEM).await.unwrap();
        assert!(metrics.get(served).await.unwrap().is_none());
        assert_eq!(
            raw_ints(
                &db,
                &format!("SELECT COUNT(*) FROM metric_values WHERE metric_id = {served}")
            )
            .await,
            [Some(0)],
            "values go with their metric"
        );
        assert!(matches!(
            metrics.delete(served, By::SYSTEM).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            metrics.update(served, &changed, By::SYSTEM).await,
            Err(StoreError::NotFound)
        ));

        // New metrics go last, whatever was deleted before them.
        let a = metrics
            .add(id, &metric("A", MetricKind::Outcome), By::SYSTEM)
            .await
            .unwrap();
        let b = metrics
            .add(id, &metric("B", MetricKind::Outcome), By::SYSTEM)
            .await
            .unwrap();
        metrics.delete(hours, By::SYSTEM).await.unwrap();
        metrics.delete(a, By::SYSTEM).await.unwrap();
        let c = metrics
            .add(id, &metric("C", MetricKind::Outcome), By::SYSTEM)
            .await
            .unwrap();
        let order = || async {
            metrics
                .list(id)
                .await
                .unwrap()
                .iter()
                .map(|m| m.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(order().await, [b, c]);

        for n in 2..hiroba_domain::metrics::METRICS_MAX {
            metrics
                .add(
                    id,
                    &metric(&format!("M{n}"), MetricKind::Output),
                    By::SYSTEM,
                )
                .await
                .unwrap();
        }
        assert!(matches!(
            metrics
                .add(id, &metric("21st", MetricKind::Output), By::SYSTEM)
                .await,
            Err(StoreError::Conflict("metrics"))
        ));
        assert_eq!(order().await.len(), hiroba_domain::metrics::METRICS_MAX);

        let entries: Vec<_> = log(store, id)
            .await
            .into_iter()
            .filter(|e| e.target_type == "metric")
            .collect();
        let count = |a: &str| entries.iter().filter(|e| e.action == a).count();
        assert_eq!(count("metric.create"), 2 + 3 + 18);
        assert_eq!(count("metric.update"), 1);
        assert_eq!(count("metric.value"), 6);
        assert_eq!(count("metric.delete"), 3);
        let first_value = entries.iter().find(|e| e.action == "metric.value").unwrap();
        assert_eq!(
            first_value.details,
            serde_json::json!({ "name": "食事の提供", "year": y, "value": 12.5 })
        );
    })
    .await;
}
