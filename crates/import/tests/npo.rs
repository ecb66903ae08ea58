//! Importing the local-government codes and the Cabinet Office NPO list on SQLite and (when
//! configured) PostgreSQL: enriching what the NTA import created, matching by name and 所轄庁,
//! never overwriting what an organisation entered itself.

mod support;

use hiroba_domain::legal_forms::LegalForm;
use hiroba_domain::registries::provenance::{CloseCause, Field, Origin, Source};
use hiroba_import::{ImportError, municipalities, npo, nta};
use hiroba_store::By;
use hiroba_store::municipalities::Municipality;
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::{edited, organisation};
use support::*;

/// As the ministry's spreadsheet is saved to CSV: title rows, headers with line breaks,
/// half-width kana, a code that lost its leading zero, one wrong check digit.
fn codes_file() -> Vec<u8> {
    cp932(
        "全国地方公共団体コード,,,,\r\n\
         ,,,,\r\n\
         団体コード,\"都道府県名\r\n（漢字）\",\"市区町村名\r\n（漢字）\",\"都道府県名\r\n（カナ）\",\"市区町村名\r\n（カナ）\"\r\n\
         330001,岡山県,,ｵｶﾔﾏｹﾝ,\r\n\
         331007,岡山県,岡山市,ｵｶﾔﾏｹﾝ,ｵｶﾔﾏｼ\r\n\
         331015,岡山県,岡山市北区,ｵｶﾔﾏｹﾝ,ｵｶﾔﾏｼｷﾀｸ\r\n\
         332020,岡山県,倉敷市,ｵｶﾔﾏｹﾝ,ｸﾗｼｷｼ\r\n\
         10006,北海道,,ﾎｯｶｲﾄﾞｳ,\r\n\
         331016,岡山県,岡山市中区,ｵｶﾔﾏｹﾝ,ｵｶﾔﾏｼﾅｶｸ\r\n",
    )
}

#[tokio::test]
async fn municipalities_are_upserted_and_english_names_kept() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        let okayama = "331007".parse::<String>().unwrap();
        store
            .municipalities()
            .upsert_many(&[Municipality {
                code: hiroba_domain::codes::MunicipalityCode::parse(&okayama).unwrap(),
                name_ja: "おかやま".into(),
                name_kana: None,
                name_en: Some("Okayama".into()),
            }])
            .await
            .unwrap();
        let file = write(dir.path(), "000925835.csv", &codes_file());
        let s = municipalities::import(store, &file, &options())
            .await
            .unwrap();
        let c = s.counts;
        assert_eq!(
            (c.read, c.created, c.updated, c.rejected),
            (6, 4, 1, 1),
            "{c:?}"
        );
        assert_eq!(
            report(&s.report.unwrap())[0].0,
            "13",
            "the header spans lines 3–7"
        );
        let all = store.municipalities().all().await.unwrap();
        let city = all.iter().find(|m| m.code.to_string() == okayama).unwrap();
        assert_eq!(city.name_ja, "岡山市");
        assert_eq!(city.name_kana.as_deref(), Some("オカヤマシ"));
        assert_eq!(city.name_en.as_deref(), Some("Okayama"), "kept");
        let hokkaido = all.iter().find(|m| m.code.to_string() == "010006").unwrap();
        assert_eq!(hokkaido.name_ja, "北海道");

        let again = municipalities::import(store, &file, &options())
            .await
            .unwrap();
        assert_eq!((again.counts.unchanged, again.counts.created), (5, 0));

        let no_header = write(dir.path(), "codes.csv", "330001,岡山県,,,\n".as_bytes());
        assert!(matches!(
            municipalities::import(store, &no_header, &options()).await,
            Err(ImportError::Layout(_))
        ));
    })
    .await;
}

fn npo_rows(purpose: &str) -> Vec<Npo> {
    vec![
        // Already imported from the NTA: enriched; certified, so its legal form changes.
        Npo::new(
            "特定非営利活動法人きびの国市民活動支援センター",
            "岡山市",
            "北区表町1丁目4-64",
        )
        .set(49, &number(10001))
        .set(11, purpose)
        .set(32, "○")
        .set(40, "2020/04/01")
        .set(41, "2099/03/31"),
        // No 法人番号: matched by name to the one people registered in 岡山県.
        Npo::new(
            "特定非営利活動法人 あかり",
            "岡山県",
            "岡山県倉敷市阿知1-2-3",
        ),
        // New; the address omits the prefecture, which the 所轄庁 gives.
        Npo::new("特定非営利活動法人ももたろう", "岡山市", "北区表町2-3-4")
            .set(49, &number(10020))
            .set(5, "700-0822"),
        // Dissolved and never listed: not created.
        Npo::new("特定非営利活動法人むかしむかし", "岡山県", "岡山県倉敷市1").set(47, "解散"),
        Npo::new("特定非営利活動法人まちがい", "岡山県", "岡山県倉敷市1").set(49, "1234567890123"),
        // Dissolved, and imported from the NTA before: closed.
        Npo::new("特定非営利活動法人おしまい", "岡山県", "岡山県倉敷市1")
            .set(49, &number(10021))
            .set(47, "2025年3月31日解散"),
    ]
}

#[tokio::test]
async fn the_npo_list_enriches_and_never_overwrites_an_organisations_own_values() {
    each_engine(|db| async move {
        let store = &db.store;
        let dir = tempfile::tempdir().unwrap();
        let codes = write(dir.path(), "codes.csv", &codes_file());
        municipalities::import(store, &codes, &options())
            .await
            .unwrap();
        let nta_file = nta_csv(&[
            Nta::new(
                1,
                &number(10001),
                "特定非営利活動法人きびの国市民活動支援センター",
            ),
            Nta::new(2, &number(10021), "特定非営利活動法人おしまい"),
        ]);
        let nta_file = write(dir.path(), "nta.csv", nta_file.as_bytes());
        nta::import(store, &nta_file, &options()).await.unwrap();
        let akari = edited(&organisation("あかり", "332020", &[13]), |i| {
            i.mission = "私たちの使命".into();
        });
        let akari = store
            .organisations()
            .create(&akari, By::SYSTEM)
            .await
            .unwrap();

        let file = write(
            dir.path(),
            "npo.csv",
            &cp932(&npo_csv(&npo_rows("市民活動を支援する"))),
        );
        let s = npo::import(store, &file, &options()).await.unwrap();
        let c = s.counts;
        assert_eq!(s.encoding, hiroba_import::Encoding::Cp932);
        assert_eq!(
            (
                c.read, c.created, c.updated, c.closed, c.skipped, c.rejected
            ),
            (6, 1, 2, 1, 1, 1),
            "{c:?}"
        );
        let rejected = report(&s.report.unwrap());
        assert_eq!(rejected[0].0, "6");
        assert_eq!(rejected[0].1, "50 法人番号");

        let orgs = store.organisations();
        let kibi = orgs
            .find_by_corporate_number(&cn(10001))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(kibi.profile.legal_form, LegalForm::CertifiedNpo);
        assert_eq!(kibi.profile.mission.as_deref(), Some("市民活動を支援する"));
        assert_eq!(
            kibi.profile.details.competent_authority.as_deref(),
            Some("岡山市")
        );
        assert_eq!(kibi.profile.details.fiscal_year_start_month, Some(4));
        assert_eq!(
            kibi.profile.address.street.as_deref(),
            Some("表町１丁目４－６４"),
            "the NTA's registered address stays"
        );
        let sources = store.imports().field_sources(kibi.id).await.unwrap();
        assert_eq!(sources.get(Field::Mission), Some(Source::Npo));
        assert_eq!(sources.get(Field::Name), Some(Source::Nta));
        assert_eq!(sources.get(Field::LegalForm), Some(Source::Npo));

        let akari = orgs.get(akari.id).await.unwrap().unwrap();
        assert_eq!(
            akari.profile.mission.as_deref(),
            Some("私たちの使命"),
            "its own"
        );
        assert_eq!(
            akari.profile.details.representative_name.as_deref(),
            Some("山田 花子")
        );
        assert_eq!(akari.origin, Origin::Manual);

        let momo = orgs
            .find_by_corporate_number(&cn(10020))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(momo.origin, Origin::Registry(Source::Npo));
        assert_eq!(momo.profile.address.prefecture.map(|p| p.get()), Some(33));
        assert_eq!(
            momo.profile.address.municipality.unwrap().to_string(),
            "331015"
        );
        assert_eq!(momo.profile.address.street.as_deref(), Some("表町2-3-4"));
        assert!(!momo.profile.address.street_public);
        assert_eq!(
            momo.profile.activity_fields.iter().collect::<Vec<_>>(),
            vec![13]
        );

        let ended = orgs
            .find_by_corporate_number(&cn(10021))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(ended.closure.map(|c| c.cause), Some(CloseCause::Dissolved));

        // Again: nothing changes.
        let before = store.snapshot().await.unwrap();
        let again = npo::import(store, &file, &options()).await.unwrap().counts;
        assert_eq!(
            (again.created, again.updated, again.unchanged),
            (0, 0, 4),
            "{again:?}"
        );
        assert_eq!(store.snapshot().await.unwrap(), before);

        // Staff rewrite the mission: from then on it is theirs, whatever the list says.
        let mine = edited(&kibi.profile, |i| i.mission = "私たちの言葉".into());
        orgs.update(kibi.id, &mine, By::SYSTEM).await.unwrap();
        let file = write(
            dir.path(),
            "npo2.csv",
            &cp932(&npo_csv(&npo_rows("別の目的"))),
        );
        let s = npo::import(store, &file, &options()).await.unwrap();
        assert_eq!(s.counts.updated, 0, "{:?}", s.counts);
        let kibi = orgs.get(kibi.id).await.unwrap().unwrap();
        assert_eq!(kibi.profile.mission.as_deref(), Some("私たちの言葉"));

        let wrong = write(dir.path(), "wrong.csv", nta_file_text().as_bytes());
        assert!(matches!(
            npo::import(store, &wrong, &options()).await,
            Err(ImportError::Layout(_))
        ));
    })
    .await;
}

fn nta_file_text() -> String {
    nta_csv(&[Nta::new(1, &number(10001), "特定非営利活動法人きびの国")])
}
