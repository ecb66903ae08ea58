//! Planning one row of an operator's spreadsheet: a new organisation is created from it (marked
//! as imported, so its people can claim it); an existing one only gains what it lacks. The
//! sheet ranks below both registries and below the organisation's own entries, so it never
//! overwrites anyone; re-importing the same sheet changes nothing.

use super::{Change, Existing, Merge, Plan, blank_state};
use crate::organisations::OrganisationProfile;
use crate::registries::provenance::{Field, Source};

/// Plans a validated spreadsheet row against the organisation it was matched to, if any.
pub fn spreadsheet(row: &OrganisationProfile, existing: Option<&Existing>) -> Plan {
    let mut m = Merge {
        source: Source::Spreadsheet,
        state: existing.map_or_else(blank_state, |e| e.state.clone()),
    };
    m.name(&row.name);
    m.opt(Field::NameKana, row.name_kana.clone(), |p| &mut p.name_kana);
    m.legal_form(row.legal_form);
    m.opt(Field::CorporateNumber, row.corporate_number, |p| {
        &mut p.corporate_number
    });
    m.address(row.address.clone());
    // The operator's "住所の公開" column is a decision about the office address, which a
    // registry's address never carries; it holds only while the sheet supplies the address.
    if m.state.sources.get(Field::Address) == Some(Source::Spreadsheet) {
        m.state.profile.address.street_public = row.address.street_public;
    }
    m.opt(Field::Mission, row.mission.clone(), |p| &mut p.mission);
    m.opt(
        Field::RepresentativeName,
        row.details.representative_name.clone(),
        |p| &mut p.details.representative_name,
    );
    m.activity_fields(row.activity_fields);

    // Values no registry supplies: filled when empty, never replaced.
    let p = &mut m.state.profile;
    fill(&mut p.website, &row.website);
    fill(&mut p.email, &row.email);
    fill(&mut p.description, &row.description);
    fill(&mut p.details.phone, &row.details.phone);
    fill(&mut p.details.founded_on, &row.details.founded_on);
    fill(
        &mut p.details.representative_title,
        &row.details.representative_title,
    );
    if p.sdgs == Default::default() {
        p.sdgs = row.sdgs;
    }
    Change {
        existing,
        after: m.state,
        updated_on: None,
        changed_on: None,
        correction: false,
        source: Source::Spreadsheet,
    }
    .plan()
}

fn fill<T: Clone>(slot: &mut Option<T>, value: &Option<T>) {
    if slot.is_none() {
        slot.clone_from(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal_forms::LegalForm;
    use crate::organisations::OrganisationInput;
    use crate::registries::plan::{Outcome, RegistryState};
    use crate::registries::provenance::{FieldSources, Origin};
    use chrono::NaiveDate;

    fn row(name: &str, mission: &str) -> OrganisationProfile {
        OrganisationInput {
            name: name.into(),
            legal_form: "voluntary".into(),
            prefecture: "33".into(),
            street: "北区1-2-3".into(),
            mission: mission.into(),
            website: "https://midori.example.jp".into(),
            ..Default::default()
        }
        .validate(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
        .expect("valid")
    }

    fn existing(state: RegistryState) -> Existing {
        Existing {
            id: 7,
            origin: Origin::Manual,
            managed: true,
            state,
        }
    }

    #[test]
    fn a_new_row_is_created_with_the_sheet_as_its_source() {
        let Plan::Create(state) = spreadsheet(&row("みどりの会", "緑を守る"), None) else {
            panic!("created");
        };
        assert_eq!(state.profile.name, "みどりの会");
        assert_eq!(state.profile.legal_form, LegalForm::Voluntary);
        assert_eq!(state.sources.get(Field::Mission), Some(Source::Spreadsheet));
        assert_eq!(state.sources.get(Field::Name), Some(Source::Spreadsheet));
        assert!(!state.profile.address.street_public, "private unless said");
    }

    #[test]
    fn the_same_row_again_changes_nothing() {
        let r = row("みどりの会", "緑を守る");
        let Plan::Create(state) = spreadsheet(&r, None) else {
            panic!("created");
        };
        assert_eq!(spreadsheet(&r, Some(&existing(state))), Plan::Unchanged);
    }

    #[test]
    fn an_organisations_own_values_are_kept_and_gaps_filled() {
        let mut own = row("みどりの会", "自分で書いた目的");
        own.website = None;
        let state = RegistryState {
            profile: own,
            sources: FieldSources::default(),
            ..blank_state()
        };
        let plan = spreadsheet(&row("みどりの会", "一覧表の目的"), Some(&existing(state)));
        let Plan::Update { state, outcome, .. } = plan else {
            panic!("updated: {plan:?}");
        };
        assert_eq!(outcome, Outcome::Updated);
        assert_eq!(state.profile.mission.as_deref(), Some("自分で書いた目的"));
        assert!(state.profile.website.is_some(), "the gap is filled");
    }

    #[test]
    fn a_registry_value_is_not_replaced_by_the_sheet() {
        let Plan::Create(mut state) = spreadsheet(&row("みどりの会", "緑を守る"), None)
        else {
            panic!("created");
        };
        state.profile.name = "特定非営利活動法人みどりの会".into();
        state.sources.set(Field::Name, Some(Source::Nta));
        let plan = spreadsheet(&row("みどりの会", "緑を守る"), Some(&existing(state)));
        assert_eq!(plan, Plan::Unchanged);
    }
}
