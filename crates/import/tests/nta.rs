//! Importing the NTA's corporate-number data on SQLite and (when configured) PostgreSQL: a
//! zipped CP932 full file, then a UTF-8 difference file with renames, corrections, closures
//! and deletions; each run twice, the second changing nothing.

mod support;

use hiroba_domain::legal_forms::LegalForm;
use hiroba_domain::registries::provenance::{CloseCause, Origin, Source};
use hiroba_import::{ImportError, nta};
use hiroba_store::By;
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::{edited, organisation, regional_portal};
use support::*;

/// The full file: five corporations to create, one company (kind 301, not imported by
/// default), one closed corporation Hiroba never listed, two broken rows.
fn full_file() -> String {
    nta_csv(&[
        Nta::new(
            1,
            &number(10001),
            "特定非営利活動法人きびの国市民活動支援センター",
        )
        .set(25, "Kibinokuni Center")
        .set(29, "キビノクニシミンカツドウシエンセンター"),
        Nta::new(
            2,
            &number(10002),
            "一般社団法人おかやま子ども食堂ネットワーク",
        ),
        Nta::new(3, &number(10003), "きびだんご株式会社").set(9, "301"),
        Nta::new(4, &number(10004), "特定非営利活動法人むかしの会")
            .set(3, "21")
            .set(19, "2020-03-31")
            .set(20, "01"),
        Nta::new(5, "1000000010005", "特定非営利活動法人けたちがい"),
        Nta::new(6, &number(10006), "特定非営利活動法人うるう").set(5, "2024-02-30"),
        Nta::new(7, &number(10007), "公益財団法人倉敷文化財団")
            .set(11, "倉敷市")
            .set(15, "202")
            .set(12, "阿知２丁目"),
        Nta::new(8, &number(10010), "一般財団法人きえる財団"),
        Nta::new(9, &number(10011), "Okayama International Volunteers")
            .set(25, "Okayama International Volunteers"),
    ])
}

fn difference_file() -> String {
    let mut text = nta_csv(&[
        Nta::new(1, &number(10001), "特定非営利活動法人きびの国ネット")
            .set(3, "11")
            .set(5, "2024-05-01")
            .set(6, "2024-04-20"),
        Nta::new(
            2,
            &number(10002),
            "一般社団法人おかやま子ども食堂ネットワーク",
        )
        .set(4, "1")
        .set(3, "12")
        .set(5, "2024-05-01")
        .set(12, "表町２丁目１－１"),
        Nta::new(3, &number(10007), "公益財団法人倉敷文化財団")
            .set(3, "71")
            .set(5, "2024-05-01")
            .set(11, "倉敷市")
            .set(15, "202")
            .set(12, "阿知２丁目")
            .set(19, "2024-04-30")
            .set(20, "11"),
        Nta::new(4, &number(10008), "特定非営利活動法人 ひとのて")
            .set(3, "99")
            .set(5, "2024-05-01"),
        Nta::new(5, &number(10010), "一般財団法人きえる財団")
            .set(3, "99")
            .set(5, "2024-05-01"),
    ]);
    // A last line cut short, as a broken download ends.
    text.push_str("\"6\",\"");
    text.push_str(&number(10012));
    text.push_str("\",\"01\",\"0\"");
    text
}

#[tokio::test]
async fn full_and_difference_files_twice_each() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        let portal = store
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap();
        // Someone registered this one by hand: a deletion in the register must not remove it.
        let mine = edited(&organisation("ひとのて", "331007", &[1]), |i| {
            i.corporate_number = number(10008);
            i.mission = "私たちの言葉で書いた使命".into();
        });
        let mine = store
            .organisations()
            .create(&mine, By::SYSTEM)
            .await
            .unwrap();

        let full = zip(
            dir.path(),
            "00_zenkoku_all_20240329.zip",
            &[("00_zenkoku_all_20240329.csv", &cp932(&full_file()))],
        );
        let s = nta::import(store, &full, &options()).await.unwrap();
        let c = s.counts;
        assert_eq!(s.encoding, hiroba_import::Encoding::Cp932);
        assert_eq!(
            (c.read, c.created, c.skipped, c.rejected),
            (9, 5, 2, 2),
            "{c:?}"
        );
        let rejected = report(s.report.as_ref().expect("rows were rejected"));
        assert_eq!(
            rejected,
            [
                (
                    "5".into(),
                    "2 corporate_number".into(),
                    "the check digit does not match".into()
                ),
                (
                    "6".into(),
                    "5 update_date".into(),
                    "not a date, or a date that does not exist".into()
                ),
            ]
        );

        let orgs = store.organisations();
        let a = orgs
            .find_by_corporate_number(&cn(10001))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(a.origin, Origin::Registry(Source::Nta));
        assert_eq!(a.profile.legal_form, LegalForm::Npo);
        assert_eq!(
            a.profile.address.municipality.unwrap().to_string(),
            "331015"
        );
        assert!(
            !a.profile.address.street_public,
            "never publish a registry street"
        );
        assert_eq!(a.profile.address.public_street(), None);
        assert_eq!(a.name_en.as_deref(), Some("Kibinokuni Center"));
        assert_eq!(
            a.profile.name_kana.as_deref(),
            Some("キビノクニシミンカツドウシエンセンター")
        );
        assert_eq!(orgs.portal_ids(a.id).await.unwrap(), vec![portal.id]);
        let standing = store.standing(a.id, today()).await.unwrap();
        assert_eq!(a.disclosure_level, standing.assessment.level, "★ stored");
        let outbox = store.search_feed().after(0, 1000).await.unwrap();
        assert!(outbox.iter().any(|e| e.entity_id == a.id), "search follows");
        let kura = orgs
            .find_by_corporate_number(&cn(10007))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(kura.profile.legal_form, LegalForm::PublicInterestFoundation);
        assert_eq!(
            kura.profile.address.municipality.unwrap().to_string(),
            "332020"
        );
        let english = orgs
            .find_by_corporate_number(&cn(10011))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(english.profile.name, "Okayama International Volunteers");
        assert_eq!(english.profile.legal_form, LegalForm::Other);
        for absent in [10003, 10004] {
            assert!(
                orgs.find_by_corporate_number(&cn(absent))
                    .await
                    .unwrap()
                    .is_none(),
                "{absent}: a company, and a closed corporation"
            );
        }

        // The same file again changes nothing.
        let before = store.snapshot().await.unwrap();
        let again = nta::import(store, &full, &options()).await.unwrap().counts;
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 5));
        assert_eq!(store.snapshot().await.unwrap(), before);

        let diff = write(
            dir.path(),
            "diff_20240501.csv",
            &utf8_bom(&difference_file()),
        );
        let s = nta::import(store, &diff, &options()).await.unwrap();
        let c = s.counts;
        assert_eq!(s.encoding, hiroba_import::Encoding::Utf8);
        assert_eq!(
            (c.read, c.updated, c.closed, c.deleted, c.rejected),
            (6, 2, 1, 2, 1),
            "{c:?}"
        );
        assert_eq!(
            report(&s.report.unwrap()),
            [(
                "6".into(),
                String::new(),
                "4 columns instead of 30 (a truncated line, or another file's layout)".into()
            )]
        );
        let a = orgs.get(a.id).await.unwrap().unwrap();
        assert_eq!(a.profile.name, "特定非営利活動法人きびの国ネット");
        let history = store.imports().history(a.id).await.unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].kind, "name");
        assert_eq!(
            history[0].old_value.as_deref(),
            Some("特定非営利活動法人きびの国市民活動支援センター")
        );
        assert_eq!(history[0].changed_on, "2024-04-20".parse().ok());
        assert!(!history[0].correction);
        let b = orgs
            .find_by_corporate_number(&cn(10002))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            b.profile.address.street.as_deref(),
            Some("表町２丁目１－１")
        );
        let history = store.imports().history(b.id).await.unwrap();
        assert_eq!((history.len(), history[0].kind.as_str()), (1, "address"));
        assert!(history[0].correction, "recorded as a correction");
        let kura = orgs.get(kura.id).await.unwrap().unwrap();
        let closure = kura.closure.expect("closed");
        assert_eq!(
            (closure.cause, closure.on),
            (CloseCause::Merger, "2024-04-30".parse().ok())
        );
        let mine = orgs
            .get(mine.id)
            .await
            .unwrap()
            .expect("kept: people made it");
        assert_eq!(mine.closure.map(|c| c.cause), Some(CloseCause::Deleted));
        assert_eq!(
            mine.profile.mission.as_deref(),
            Some("私たちの言葉で書いた使命")
        );
        assert!(
            orgs.find_by_corporate_number(&cn(10010))
                .await
                .unwrap()
                .is_none(),
            "registry-only and unmanaged: deleted"
        );

        let before = store.snapshot().await.unwrap();
        let again = nta::import(store, &diff, &options()).await.unwrap().counts;
        assert_eq!(
            (
                again.updated,
                again.closed,
                again.deleted,
                again.unchanged,
                again.skipped
            ),
            (0, 0, 0, 4, 1),
            "{again:?}"
        );
        assert_eq!(
            store.snapshot().await.unwrap(),
            before,
            "no duplicate history"
        );

        let runs = store.imports().runs(10).await.unwrap();
        assert_eq!(runs.len(), 4);
        assert_eq!(runs[3].file_name, "00_zenkoku_all_20240329.zip");
        assert_eq!(runs[3].counts.created, 5);
        assert!(
            runs.iter()
                .all(|r| r.finished_at.is_some() && r.sha256.len() == 64)
        );
    })
    .await;
}

#[tokio::test]
async fn dry_run_writes_nothing_and_kinds_widen_the_import() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        let full = write(dir.path(), "full.csv", full_file().as_bytes());
        let before = store.snapshot().await.unwrap();
        let mut opts = options();
        opts.dry_run = true;
        let s = nta::import(store, &full, &opts).await.unwrap();
        assert_eq!(s.counts.created, 5, "what would change");
        assert!(s.text().contains("Dry run"));
        assert_eq!(store.snapshot().await.unwrap(), before, "nothing written");
        assert!(store.imports().runs(1).await.unwrap()[0].dry_run);

        let mut opts = options();
        opts.kinds.push(301);
        opts.report = Some(dir.path().join("rejected.csv"));
        let s = nta::import(store, &full, &opts).await.unwrap();
        assert_eq!((s.counts.created, s.counts.skipped), (6, 1));
        assert_eq!(s.report, Some(dir.path().join("rejected.csv")));
        let company = store
            .organisations()
            .find_by_corporate_number(&cn(10003))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(company.profile.legal_form, LegalForm::StockCompany);
    })
    .await;
}

#[tokio::test]
async fn files_that_cannot_be_imported_say_why() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        let empty = write(dir.path(), "empty.csv", b"");
        assert!(matches!(
            nta::import(store, &empty, &options()).await,
            Err(ImportError::Empty)
        ));
        let no_csv = zip(dir.path(), "nocsv.zip", &[("readme.txt", b"hello")]);
        let e = nta::import(store, &no_csv, &options()).await.unwrap_err();
        assert!(matches!(e, ImportError::NoCsvInZip(_)), "{e}");
        let two = zip(
            dir.path(),
            "two.zip",
            &[("a.csv", full_file().as_bytes()), ("b.csv", b"1")],
        );
        let e = nta::import(store, &two, &options()).await.unwrap_err();
        assert!(e.to_string().contains("a.csv, b.csv"), "{e}");
        let empty_inside = zip(dir.path(), "empty.zip", &[("a.csv", b"")]);
        assert!(matches!(
            nta::import(store, &empty_inside, &options()).await,
            Err(ImportError::Empty)
        ));
        let not_zip = write(dir.path(), "broken.zip", b"PK\x03\x04broken");
        assert!(matches!(
            nta::import(store, &not_zip, &options()).await,
            Err(ImportError::Zip(_))
        ));
        assert_eq!(store.organisations().count().await.unwrap(), 0);

        // A stray Shift_JIS byte past the part that decided the encoding rejects its row only.
        let mut bytes = Vec::new();
        for i in 0..400u64 {
            let row = Nta::new(i + 1, &number(20000 + i), "きびだんご株式会社").set(9, "301");
            bytes.extend_from_slice(nta_csv(&[row]).as_bytes());
        }
        let good = Nta::new(401, &number(30001), "特定非営利活動法人よいこ");
        bytes.extend_from_slice(nta_csv(&[good]).as_bytes());
        let bad = nta_csv(&[Nta::new(402, &number(30002), "特定非営利活動法人XX")]);
        let bad = bad.replace("XX", "\u{1}");
        let mut bad = bad.into_bytes();
        let at = bad.iter().position(|b| *b == 1).unwrap();
        bad.splice(at..=at, cp932("ア"));
        bytes.extend_from_slice(&bad);
        assert!(bytes.len() > 64 * 1024);
        let mixed = write(dir.path(), "mixed.csv", &bytes);
        let s = nta::import(store, &mixed, &options()).await.unwrap();
        assert_eq!(s.encoding, hiroba_import::Encoding::Utf8);
        assert_eq!((s.counts.created, s.counts.rejected), (1, 1));
        let rows = report(&s.report.unwrap());
        assert_eq!(rows[0].0, "402");
        assert_eq!(rows[0].1, "7 name");
        assert!(rows[0].2.contains("encoding"));
    })
    .await;
}

#[tokio::test]
async fn an_import_that_completes_a_profile_raises_its_level() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        // Everything ★1 asks but the address.
        let profile = edited(&organisation("とどく", "", &[13]), |i| {
            i.corporate_number = number(40001);
            i.details.representative_name = "岡山 太郎".into();
            i.details.representative_title = "代表理事".into();
            i.details.phone = "086-123-4567".into();
            i.details.founded_on = "2010-04-01".into();
        });
        let org = store
            .organisations()
            .create(&profile, By::SYSTEM)
            .await
            .unwrap();
        assert_eq!(org.disclosure_level, 0);
        let outbox_before = store.search_feed().after(0, 1000).await.unwrap().len();

        let file = nta_csv(&[Nta::new(1, &number(40001), "特定非営利活動法人とどく")]);
        let file = write(dir.path(), "one.csv", file.as_bytes());
        let s = nta::import(store, &file, &options()).await.unwrap();
        assert_eq!(s.counts.updated, 1);

        let org = store.organisations().get(org.id).await.unwrap().unwrap();
        assert_eq!(org.profile.name, profile.name, "its own name stays");
        assert!(
            org.profile.address.municipality.is_some(),
            "the empty address is filled"
        );
        let standing = store.standing(org.id, today()).await.unwrap();
        assert_eq!(standing.assessment.level, 1);
        assert_eq!(
            org.disclosure_level, 1,
            "stored in the import's transaction"
        );
        let log = store
            .audit()
            .list(
                hiroba_store::audit::AuditScope::Organisation(org.id),
                None,
                10,
            )
            .await
            .unwrap();
        assert!(log.iter().any(|e| e.action == "organisation.level"));
        assert!(log.iter().any(|e| e.action == "organisation.import"));
        assert!(store.search_feed().after(0, 1000).await.unwrap().len() > outbox_before);
    })
    .await;
}
