use super::*;
use crate::codes::MunicipalityCode;
use crate::prefectures::PrefectureCode;
use crate::registries::{npo, nta};

fn nta_record(edit: impl FnOnce(&mut Vec<String>)) -> NtaRecord {
    let mut r = nta::tests::row();
    edit(&mut r);
    let fields: Vec<&str> = r.iter().map(String::as_str).collect();
    nta::parse(&fields).unwrap()
}

fn npo_record(edit: impl FnOnce(&mut Vec<String>)) -> NpoRecord {
    let mut r = npo::tests::row();
    edit(&mut r);
    let fields: Vec<&str> = r.iter().map(String::as_str).collect();
    npo::parse(&fields).unwrap()
}

fn stored(id: i64, plan: Plan, origin: Origin) -> Existing {
    let state = match plan {
        Plan::Create(s) => s,
        Plan::Update { state, .. } => state,
        other => panic!("{other:?}"),
    };
    Existing {
        id,
        origin,
        managed: false,
        state,
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn located() -> Located {
    Located {
        prefecture: PrefectureCode::new(33),
        municipality: MunicipalityCode::parse("331015").ok(),
        street: "表町1丁目4-64".into(),
    }
}

#[test]
fn a_new_corporation_is_created_from_registry_values_only() {
    let plan = nta(&nta_record(|_| {}), None).unwrap();
    let Plan::Create(state) = &plan else {
        panic!("{plan:?}")
    };
    let p = &state.profile;
    assert_eq!(p.legal_form, LegalForm::Npo);
    assert_eq!(
        p.name_kana.as_deref(),
        Some("キビノクニシミンカツドウシエンセンター")
    );
    assert!(
        !p.address.street_public,
        "a registry street is never public"
    );
    assert_eq!(state.name_en.as_deref(), Some("Kibinokuni Center"));
    assert_eq!(
        state.sources.to_json(),
        r#"{"address":"nta","corporate_number":"nta","legal_form":"nta","name":"nta","name_kana":"nta"}"#
    );
    let existing = stored(1, plan, Origin::Registry(Source::Nta));
    assert_eq!(
        nta(&nta_record(|_| {}), Some(&existing)).unwrap(),
        Plan::Unchanged,
        "the same row again changes nothing"
    );
}

#[test]
fn renames_and_corrections_are_kept_as_history() {
    let existing = stored(
        7,
        nta(&nta_record(|_| {}), None).unwrap(),
        Origin::Registry(Source::Nta),
    );
    let renamed = nta_record(|r| {
        r[2] = "11".into();
        r[4] = "2025-06-01".into();
        r[5] = "2025-05-20".into();
        r[6] = "特定非営利活動法人きびの国ネット".into();
    });
    let Plan::Update {
        id,
        state,
        history,
        outcome,
    } = nta(&renamed, Some(&existing)).unwrap()
    else {
        panic!()
    };
    assert_eq!((id, outcome), (7, Outcome::Updated));
    assert_eq!(state.profile.name, "特定非営利活動法人きびの国ネット");
    assert_eq!(
        state.registry_updated_on,
        NaiveDate::from_ymd_opt(2025, 6, 1)
    );
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].kind, HistoryKind::Name);
    assert_eq!(history[0].changed_on, NaiveDate::from_ymd_opt(2025, 5, 20));
    assert!(!history[0].correction);

    let corrected = nta_record(|r| {
        r[3] = "1".into();
        r[11] = "表町１丁目４－６５".into();
    });
    let Plan::Update { history, .. } = nta(&corrected, Some(&existing)).unwrap() else {
        panic!()
    };
    assert_eq!(history[0].kind, HistoryKind::Address);
    assert!(history[0].correction, "a correction, not a change");
    assert!(
        history[0]
            .new_value
            .as_deref()
            .unwrap()
            .contains("４－６５")
    );

    let older = nta_record(|r| r[4] = "2020-01-01".into());
    let newer = stored(7, nta(&renamed, Some(&existing)).unwrap(), existing.origin);
    assert_eq!(nta(&older, Some(&newer)).unwrap(), Plan::Skip(Skip::Older));
    let past = nta_record(|r| r[23] = "0".into());
    assert_eq!(nta(&past, None).unwrap(), Plan::Skip(Skip::PastRecord));
}

#[test]
fn what_an_organisation_entered_is_never_overwritten() {
    let mut mine = blank_state();
    mine.profile.name = "きびの国センター".into();
    mine.profile.legal_form = LegalForm::CertifiedNpo;
    mine.profile.mission = Some("私たちの言葉で書いた使命".into());
    let existing = Existing {
        id: 3,
        origin: Origin::Manual,
        managed: true,
        state: mine,
    };
    let Plan::Update { state, history, .. } = nta(&nta_record(|_| {}), Some(&existing)).unwrap()
    else {
        panic!()
    };
    assert_eq!(state.profile.name, "きびの国センター");
    assert_eq!(state.profile.legal_form, LegalForm::CertifiedNpo);
    assert!(
        state.profile.address.municipality.is_some(),
        "empty: filled"
    );
    assert!(history.is_empty(), "the name did not change");

    let existing = Existing { state, ..existing };
    let Plan::Update { state, .. } =
        npo(&npo_record(|_| {}), &located(), Some(&existing), today()).unwrap()
    else {
        panic!()
    };
    assert_eq!(
        state.profile.mission.as_deref(),
        Some("私たちの言葉で書いた使命")
    );
    assert_eq!(
        state.profile.details.competent_authority.as_deref(),
        Some("岡山市")
    );
    assert_eq!(
        state.sources.get(Field::CompetentAuthority),
        Some(Source::Npo)
    );
}

#[test]
fn the_npo_list_enriches_and_certification_wins_the_legal_form() {
    let from_nta = stored(
        5,
        nta(&nta_record(|_| {}), None).unwrap(),
        Origin::Registry(Source::Nta),
    );
    let rec = npo_record(|r| r[0] = "特定非営利活動法人 きびの国市民活動支援センター".into());
    let plan = npo(&rec, &located(), Some(&from_nta), today()).unwrap();
    let Plan::Update { state, history, .. } = &plan else {
        panic!("{plan:?}")
    };
    assert_eq!(
        state.profile.name, from_nta.state.profile.name,
        "NTA's name stays"
    );
    assert_eq!(state.profile.legal_form, LegalForm::CertifiedNpo);
    assert_eq!(
        state.profile.mission.as_deref(),
        Some("岡山県内の市民活動を支援する")
    );
    assert_eq!(
        state.profile.activity_fields.iter().collect::<Vec<_>>(),
        vec![3, 19]
    );
    assert_eq!(state.profile.details.fiscal_year_start_month, Some(4));
    assert!(history.is_empty());
    let enriched = stored(5, plan, from_nta.origin);
    assert_eq!(
        npo(&rec, &located(), Some(&enriched), today()).unwrap(),
        Plan::Unchanged
    );
    assert_eq!(
        nta(&nta_record(|_| {}), Some(&enriched)).unwrap(),
        Plan::Unchanged,
        "the NTA does not take back the certified form"
    );
    let dissolved = npo_record(|r| r[47] = "2025/03/31 解散".into());
    let plan = npo(&dissolved, &located(), Some(&enriched), today()).unwrap();
    assert_eq!(plan.outcome(), Outcome::Closed);
    assert_eq!(
        npo(&dissolved, &located(), None, today()).unwrap(),
        Plan::Skip(Skip::ClosedUnknown)
    );
}

#[test]
fn closures_and_deletions() {
    let existing = stored(
        9,
        nta(&nta_record(|_| {}), None).unwrap(),
        Origin::Registry(Source::Nta),
    );
    let closed = nta_record(|r| {
        r[2] = "21".into();
        r[18] = "2025-03-31".into();
        r[19] = "01".into();
    });
    let plan = nta(&closed, Some(&existing)).unwrap();
    assert_eq!(plan.outcome(), Outcome::Closed);
    let Plan::Update { state, .. } = &plan else {
        panic!()
    };
    assert_eq!(
        state.closure,
        Some(Closure {
            on: NaiveDate::from_ymd_opt(2025, 3, 31),
            cause: CloseCause::Liquidation
        })
    );
    assert_eq!(nta(&closed, None).unwrap(), Plan::Skip(Skip::ClosedUnknown));
    let reopened = nta_record(|r| r[2] = "22".into());
    let was_closed = stored(9, plan, existing.origin);
    let Plan::Update { state, .. } = nta(&reopened, Some(&was_closed)).unwrap() else {
        panic!()
    };
    assert_eq!(state.closure, None);

    let deleted = nta_record(|r| r[2] = "99".into());
    assert_eq!(
        nta(&deleted, Some(&existing)).unwrap(),
        Plan::Delete { id: 9 }
    );
    let managed = Existing {
        managed: true,
        ..existing.clone()
    };
    let plan = nta(&deleted, Some(&managed)).unwrap();
    assert_eq!(plan.outcome(), Outcome::Deleted);
    let kept = stored(9, plan, existing.origin);
    assert_eq!(
        kept.state.closure.map(|c| c.cause),
        Some(CloseCause::Deleted)
    );
    let mut own = existing.clone();
    own.state.profile.website = crate::codes::Website::parse("https://kibi.example.jp").ok();
    assert!(matches!(
        nta(&deleted, Some(&own)).unwrap(),
        Plan::Update { .. }
    ));
    assert_eq!(
        nta(&deleted, None).unwrap(),
        Plan::Skip(Skip::NothingToDelete)
    );
}

#[test]
fn names_longer_than_a_profile_allows_are_rejected() {
    let long = nta_record(|r| r[6] = "あ".repeat(201));
    assert!(matches!(
        nta(&long, None),
        Err(RowError::Field { column: "name", .. })
    ));
}
