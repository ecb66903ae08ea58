//! Importing an operator's spreadsheet on SQLite and (when configured) PostgreSQL: columns
//! guessed from the header, a preview with errors at their columns, rows merged by 法人番号 or
//! name without overwriting anything, new organisations marked as imported and listed in the
//! operator's portal, bad rows reported, re-runs changing nothing.

mod support;

use hiroba_domain::codes::MunicipalityCode;
use hiroba_domain::registries::provenance::{Origin, Source};
use hiroba_domain::registries::spreadsheet::{Mapping, Target};
use hiroba_import::ImportError;
use hiroba_import::spreadsheet::{self, MappingProblem, SheetOptions};
use hiroba_store::By;
use hiroba_store::municipalities::Municipality;
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::{organisation, regional_portal};
use support::*;

const HEADER: &str =
    "団体名,フリガナ,法人番号,都道府県,市区町村,住所,住所の公開,メール,活動分野,備考\r\n";

fn sheet(existing_number: &str) -> String {
    format!(
        "{HEADER}\
         みどりの会,ミドリノカイ,,岡山県,倉敷市,中央1-2-3,公開,info@midori.example.jp,環境・まちづくり,\r\n\
         ,,,,,,,,,\r\n\
         あおぞら食堂,アオゾラショクドウ,,岡山県,岡山市北区,,,not-mail,宇宙開発,毎週土曜\r\n\
         特定非営利活動法人 ひだまり,,{existing_number},岡山県,,,,hidamari@example.jp,保健・医療,\r\n\
         \"改行の\r\nある会\",,,広島県,,,,,,\r\n"
    )
}

async fn municipalities(store: &hiroba_store::Store) {
    let m = |code: &str, name: &str| Municipality {
        code: MunicipalityCode::parse(code).unwrap(),
        name_ja: name.into(),
        name_kana: None,
        name_en: None,
    };
    store
        .municipalities()
        .upsert_many(&[m("332020", "倉敷市"), m("331015", "岡山市北区")])
        .await
        .unwrap();
}

#[tokio::test]
async fn preview_guesses_columns_and_shows_errors_at_their_column() {
    each_engine(|db| async move {
        let store = &db.store;
        municipalities(store).await;
        let dir = tempfile::tempdir().unwrap();
        let file = write(dir.path(), "list.csv", &cp932(&sheet("")));
        let s = spreadsheet::inspect(store, &file, None, 10, today())
            .await
            .unwrap();
        assert_eq!(s.headers.len(), 10);
        assert_eq!(s.mapping.0[0], Some(Target::Name));
        assert_eq!(s.mapping.0[6], Some(Target::StreetPublic));
        assert_eq!(s.mapping.0[9], None, "備考 is not guessed");
        assert!(s.problems.is_empty());
        assert_eq!(s.rows, 4, "the blank row is not counted");
        assert_eq!(s.preview.len(), 4);
        assert!(s.preview[0].errors.is_empty(), "{:?}", s.preview[0].errors);
        let bad = &s.preview[1];
        assert_eq!(bad.line, 4);
        let columns: Vec<(Option<usize>, &str)> =
            bad.errors.iter().map(|(c, e)| (*c, e.field)).collect();
        assert!(columns.contains(&(Some(7), "email")), "{columns:?}");
        assert!(
            columns.contains(&(Some(8), "activity_fields")),
            "{columns:?}"
        );
        assert_eq!(s.preview[3].line, 6, "a quoted line break is one row");

        let no_name = Mapping(vec![None; 10]);
        let s = spreadsheet::inspect(store, &file, Some(no_name.clone()), 1, today())
            .await
            .unwrap();
        assert_eq!(s.problems, vec![MappingProblem::NoName]);
        let err = spreadsheet::import(
            store,
            &file,
            &options(),
            &SheetOptions {
                mapping: Some(no_name),
                portal_id: None,
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(err, ImportError::Layout(_)), "{err}");
        assert_eq!(
            store.organisations().count().await.unwrap(),
            0,
            "nothing written"
        );

        let empty = write(dir.path(), "empty.csv", b"");
        assert!(matches!(
            spreadsheet::inspect(store, &empty, None, 5, today()).await,
            Err(ImportError::Empty)
        ));
    })
    .await;
}

#[tokio::test]
async fn rows_are_merged_marked_as_imported_and_listed_in_the_portal() {
    each_engine(|db| async move {
        let store = &db.store;
        municipalities(store).await;
        let portal = store
            .portals()
            .create(&regional_portal("okayama", &["33"]), By::SYSTEM)
            .await
            .unwrap();
        // An organisation that looks after its own profile: its mission stays, its missing
        // e-mail is filled in.
        let mut own = organisation("ひだまり", "", &[1]);
        own.corporate_number = Some(cn(7_000_001));
        own.mission = Some("自分たちで書いた目的".into());
        let hidamari = store
            .organisations()
            .create(&own, By::SYSTEM)
            .await
            .unwrap();

        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "list.csv",
            &utf8_bom(&sheet(&number(7_000_001))),
        );
        let sheet_opts = SheetOptions {
            mapping: None,
            portal_id: Some(portal.id),
        };
        let mut opts = options();
        opts.batch_size = 2;

        let dry = spreadsheet::import(
            store,
            &file,
            &{
                let mut o = opts.clone();
                o.dry_run = true;
                o
            },
            &sheet_opts,
        )
        .await
        .unwrap();
        assert_eq!(
            (dry.counts.created, dry.counts.updated),
            (2, 1),
            "{:?}",
            dry.counts
        );
        assert_eq!(store.organisations().count().await.unwrap(), 1, "dry run");

        let s = spreadsheet::import(store, &file, &opts, &sheet_opts)
            .await
            .unwrap();
        let c = s.counts;
        assert_eq!(
            (c.read, c.created, c.updated, c.rejected),
            (4, 2, 1, 1),
            "{c:?}"
        );
        let report = report(&s.report.expect("a report"));
        assert_eq!(report.len(), 2, "one line per problem: {report:?}");
        assert!(report.iter().all(|(line, _, _)| line == "4"));
        assert!(report.iter().any(|(_, column, _)| column == "8 メール"));

        let midori = store
            .organisations()
            .search_by_name("みどりの会", 5)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.profile.name == "みどりの会")
            .expect("created");
        assert_eq!(midori.origin, Origin::Registry(Source::Spreadsheet));
        assert_eq!(
            midori.profile.address.municipality.map(|m| m.to_string()),
            Some("332020".into()),
            "the name was resolved"
        );
        assert!(midori.profile.address.street_public);
        assert_eq!(
            midori.profile.activity_fields.iter().collect::<Vec<_>>(),
            vec![3, 7]
        );
        assert!(
            store
                .portals()
                .is_member(portal.id, midori.id)
                .await
                .unwrap()
        );

        let hidamari = store
            .organisations()
            .get(hidamari.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            hidamari.profile.mission.as_deref(),
            Some("自分たちで書いた目的")
        );
        assert_eq!(
            hidamari.profile.email.as_ref().map(|e| e.to_string()),
            Some("hidamari@example.jp".into())
        );
        assert_eq!(hidamari.origin, Origin::Manual);

        // 広島県: outside the portal's region, listed because the operator imported it.
        let hiroshima = store
            .organisations()
            .search_by_name("ある会", 5)
            .await
            .unwrap();
        assert_eq!(hiroshima.len(), 1);
        assert!(
            store
                .portals()
                .is_member(portal.id, hiroshima[0].id)
                .await
                .unwrap()
        );

        let again = spreadsheet::import(store, &file, &opts, &sheet_opts)
            .await
            .unwrap();
        assert_eq!(
            (
                again.counts.created,
                again.counts.updated,
                again.counts.unchanged
            ),
            (0, 0, 3),
            "a re-run changes nothing"
        );
        assert_eq!(store.organisations().count().await.unwrap(), 3);

        let runs = store.imports().portal_runs(portal.id, 10).await.unwrap();
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[0].rows_total, None, "not given");
        assert_eq!(runs[0].kind, "spreadsheet");
    })
    .await;
}

#[tokio::test]
async fn an_explicit_mapping_overrides_the_guess() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "list.csv",
            "名前,紹介\nみずべの会,川をきれいにする活動\n".as_bytes(),
        );
        let mapping = Mapping(vec![Some(Target::Name), Some(Target::Description)]);
        let s = spreadsheet::import(
            store,
            &file,
            &options(),
            &SheetOptions {
                mapping: Some(mapping),
                portal_id: None,
            },
        )
        .await
        .unwrap();
        assert_eq!(s.counts.created, 1);
        let org = store
            .organisations()
            .search_by_name("みずべ", 5)
            .await
            .unwrap()
            .remove(0);
        assert_eq!(
            org.profile.description.as_deref(),
            Some("川をきれいにする活動")
        );
    })
    .await;
}
