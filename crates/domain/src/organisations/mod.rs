//! The organisation profile: what an organisation says about itself, validated.

use crate::activity_fields::ActivityFields;
use crate::codes::{CorporateNumber, Email, MunicipalityCode, PostalCode, Website};
use crate::ecosystem_roles::{EcosystemRole, EcosystemRoles};
use crate::kana;
use crate::legal_forms::LegalForm;
use crate::prefectures::PrefectureCode;
use crate::sdgs::SdgGoals;
use crate::validation::{
    FieldErrors, Invalid, distinct_list, numbered_codes, optional, required_text, text,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod details;
mod filter;

pub use details::{
    AUTHORITY_MAX, Details, DetailsInput, Figures, PERSON_MAX, SocialKind, SocialLinks,
};
pub use filter::{OrganisationFilter, OrganisationFilterInput, OrganisationOrder};

pub const NAME_MAX: usize = 200;
pub const KANA_MAX: usize = 200;
pub const STREET_MAX: usize = 200;
pub const MISSION_MAX: usize = 2_000;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const AREAS_MAX: usize = 50;

/// An organisation's office address. The street line is published only when the organisation
/// says it is an office: a voluntary group's address is often someone's home.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Address {
    pub postal_code: Option<PostalCode>,
    pub prefecture: Option<PrefectureCode>,
    pub municipality: Option<MunicipalityCode>,
    pub street: Option<String>,
    pub street_public: bool,
}

impl Address {
    /// The street line as it may be shown to the public.
    pub fn public_street(&self) -> Option<&str> {
        self.street.as_deref().filter(|_| self.street_public)
    }
}

/// A validated organisation profile (the fields of the foundation; later sections extend it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationProfile {
    /// The official name, including the legal form as registered (e.g. "特定非営利活動法人 …").
    pub name: String,
    /// Reading of the name, in katakana as registries keep it.
    pub name_kana: Option<String>,
    pub legal_form: LegalForm,
    pub roles: EcosystemRoles,
    pub corporate_number: Option<CorporateNumber>,
    pub address: Address,
    pub website: Option<Website>,
    pub email: Option<Email>,
    pub mission: Option<String>,
    pub description: Option<String>,
    pub activity_fields: ActivityFields,
    pub sdgs: SdgGoals,
    /// Where the organisation works: prefectures (code ending in 000) or municipalities.
    pub activity_areas: Vec<MunicipalityCode>,
    pub details: Details,
}

impl OrganisationProfile {
    /// The key lists sort by: the reading if known (五十音順), else the name.
    pub fn sort_key(&self) -> String {
        kana::sort_key(self.name_kana.as_deref().unwrap_or(&self.name))
    }
}

/// An organisation profile as typed into a form, an API body or an import row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganisationInput {
    pub name: String,
    pub name_kana: String,
    pub legal_form: String,
    pub roles: Vec<String>,
    pub corporate_number: String,
    pub postal_code: String,
    pub prefecture: String,
    pub municipality: String,
    pub street: String,
    pub street_public: bool,
    pub website: String,
    pub email: String,
    pub mission: String,
    pub description: String,
    pub activity_fields: Vec<String>,
    pub sdgs: Vec<String>,
    pub activity_areas: Vec<String>,
    pub details: DetailsInput,
}

impl OrganisationInput {
    /// Validates every field and reports all problems at once, in form order. `today` (in
    /// Japan) bounds the dates.
    pub fn validate(&self, today: NaiveDate) -> Result<OrganisationProfile, FieldErrors> {
        let mut errs = FieldErrors::new();
        let name = errs.check("name", required_text(&self.name, NAME_MAX));
        let name_kana = errs.check("name_kana", parse_kana(&self.name_kana));
        let legal_form = errs.check(
            "legal_form",
            if self.legal_form.trim().is_empty() {
                Err(Invalid::Required)
            } else {
                LegalForm::parse(&self.legal_form)
            },
        );
        let roles = errs.check(
            "roles",
            self.roles
                .iter()
                .filter(|r| !r.trim().is_empty())
                .map(|r| EcosystemRole::parse(r))
                .collect::<Result<Vec<_>, _>>()
                .map(EcosystemRoles::from_roles),
        );
        let corporate_number = errs.check(
            "corporate_number",
            optional(&self.corporate_number, CorporateNumber::parse),
        );
        let postal_code = errs.check(
            "postal_code",
            optional(&self.postal_code, PostalCode::parse),
        );
        let prefecture = errs.check(
            "prefecture",
            optional(&self.prefecture, PrefectureCode::parse),
        );
        let municipality = errs.check(
            "municipality",
            optional(&self.municipality, MunicipalityCode::parse),
        );
        let street = errs.check("street", text(&self.street, STREET_MAX));
        let website = errs.check("website", optional(&self.website, Website::parse));
        let email = errs.check("email", optional(&self.email, Email::parse));
        let mission = errs.check("mission", text(&self.mission, MISSION_MAX));
        let description = errs.check("description", text(&self.description, DESCRIPTION_MAX));
        let activity_fields = errs.check("activity_fields", numbered_codes(&self.activity_fields));
        let sdgs = errs.check("sdgs", numbered_codes(&self.sdgs));
        let activity_areas = errs.check("activity_areas", parse_areas(&self.activity_areas));

        let details = self
            .details
            .validate(today, !self.website.trim().is_empty(), &mut errs);

        // A municipality implies its prefecture; when both are given they must agree.
        let mut prefecture = prefecture.flatten();
        if let Some(Some(m)) = municipality {
            match prefecture {
                None if self.prefecture.trim().is_empty() => prefecture = Some(m.prefecture()),
                Some(p) if p != m.prefecture() => {
                    errs.push("municipality", Invalid::PrefectureMismatch)
                }
                _ => {}
            }
        }

        if !errs.is_empty() {
            return Err(errs);
        }
        let unwrap = "validated above";
        Ok(OrganisationProfile {
            name: name.expect(unwrap),
            name_kana: name_kana.expect(unwrap),
            legal_form: legal_form.expect(unwrap),
            roles: roles.expect(unwrap),
            corporate_number: corporate_number.expect(unwrap),
            address: Address {
                postal_code: postal_code.expect(unwrap),
                prefecture,
                municipality: municipality.expect(unwrap),
                street: street.expect(unwrap),
                street_public: self.street_public,
            },
            website: website.expect(unwrap),
            email: email.expect(unwrap),
            mission: mission.expect(unwrap),
            description: description.expect(unwrap),
            activity_fields: activity_fields.expect(unwrap),
            sdgs: sdgs.expect(unwrap),
            activity_areas: activity_areas.expect(unwrap),
            details: details.expect(unwrap),
        })
    }
}

impl From<&OrganisationProfile> for OrganisationInput {
    /// The form as it would be shown to edit an existing profile.
    fn from(p: &OrganisationProfile) -> Self {
        let s = |o: Option<String>| o.unwrap_or_default();
        Self {
            name: p.name.clone(),
            name_kana: s(p.name_kana.clone()),
            legal_form: p.legal_form.code().to_owned(),
            roles: p.roles.iter().map(|r| r.code().to_owned()).collect(),
            corporate_number: s(p.corporate_number.map(|c| c.to_string())),
            postal_code: s(p.address.postal_code.map(|c| c.to_string())),
            prefecture: s(p.address.prefecture.map(|c| c.to_string())),
            municipality: s(p.address.municipality.map(|c| c.to_string())),
            street: s(p.address.street.clone()),
            street_public: p.address.street_public,
            website: s(p.website.as_ref().map(|w| w.to_string())),
            email: s(p.email.as_ref().map(|e| e.to_string())),
            mission: s(p.mission.clone()),
            description: s(p.description.clone()),
            activity_fields: p.activity_fields.iter().map(|c| c.to_string()).collect(),
            sdgs: p.sdgs.iter().map(|c| c.to_string()).collect(),
            activity_areas: p.activity_areas.iter().map(|c| c.to_string()).collect(),
            details: DetailsInput::from(&p.details),
        }
    }
}

/// Readings are stored in katakana whatever script they were typed in.
fn parse_kana(value: &str) -> Result<Option<String>, Invalid> {
    let Some(t) = text(value, KANA_MAX)? else {
        return Ok(None);
    };
    let folded = kana::to_katakana(&kana::nfkc(&t));
    if !kana::is_kana_reading(&folded) {
        return Err(Invalid::KanaOnly);
    }
    Ok(Some(folded))
}

/// Areas are municipality codes or prefectures (given by code or name); duplicates are dropped.
fn parse_areas(values: &[String]) -> Result<Vec<MunicipalityCode>, Invalid> {
    let areas = distinct_list(values, |v| {
        MunicipalityCode::parse(v).or_else(|e| {
            PrefectureCode::parse(v)
                .map(MunicipalityCode::for_prefecture)
                .map_err(|_| e)
        })
    })?;
    if areas.len() > AREAS_MAX {
        return Err(Invalid::TooLong { max: AREAS_MAX });
    }
    Ok(areas)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn valid_input() -> OrganisationInput {
        OrganisationInput {
            name: "特定非営利活動法人 きびの国市民活動センター".into(),
            name_kana: "きびのくにしみんかつどうせんたー".into(),
            legal_form: "npo".into(),
            roles: vec!["npo_ngo".into(), "intermediary".into()],
            corporate_number: "1000011000005".into(),
            postal_code: "〒700-0822".into(),
            prefecture: "".into(),
            municipality: "331007".into(),
            street: "北区表町1-4-64".into(),
            street_public: true,
            website: "www.example.or.jp".into(),
            email: "info@example.or.jp".into(),
            mission: "市民活動を支える".into(),
            description: "".into(),
            activity_fields: vec!["19".into(), "3".into()],
            sdgs: vec!["17".into()],
            activity_areas: vec!["岡山県".into(), "331007".into(), "33".into()],
            details: DetailsInput {
                founded_on: "2008-04-01".into(),
                representative_name: "山田 花子".into(),
                fiscal_year_start_month: "4".into(),
                officers: "8".into(),
                ..Default::default()
            },
        }
    }

    #[test]
    fn a_complete_profile_validates_and_normalises() {
        let p = valid_input().validate(today()).unwrap();
        assert_eq!(
            p.name_kana.as_deref(),
            Some("キビノクニシミンカツドウセンター")
        );
        assert_eq!(
            p.address.prefecture.unwrap().get(),
            33,
            "inferred from the municipality"
        );
        assert_eq!(p.address.postal_code.unwrap().to_string(), "700-0822");
        assert_eq!(
            p.website.as_ref().unwrap().as_str(),
            "https://www.example.or.jp/"
        );
        assert_eq!(p.activity_fields.iter().collect::<Vec<_>>(), vec![3, 19]);
        assert_eq!(
            p.activity_areas
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>(),
            vec!["330001", "331007"],
            "prefecture given twice is kept once"
        );
        assert_eq!(p.sort_key(), "きびのくにしみんかつどうせんたー");
    }

    #[test]
    fn round_trips_through_the_edit_form() {
        let p = valid_input().validate(today()).unwrap();
        assert_eq!(OrganisationInput::from(&p).validate(today()).unwrap(), p);
    }

    #[test]
    fn every_bad_field_is_reported_by_name() {
        let input = OrganisationInput {
            name: " ".into(),
            name_kana: "岡山".into(),
            legal_form: "corp".into(),
            roles: vec!["hero".into()],
            corporate_number: "1000011000006".into(),
            postal_code: "700-082".into(),
            prefecture: "26".into(),
            municipality: "331007".into(),
            website: "ftp://x.jp".into(),
            email: "info@".into(),
            activity_fields: vec!["21".into()],
            sdgs: vec!["x".into()],
            activity_areas: vec!["999999".into()],
            ..Default::default()
        };
        let errs = input.validate(today()).unwrap_err();
        let got: Vec<_> = errs
            .0
            .iter()
            .map(|e| (e.field, e.invalid.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("name", Invalid::Required),
                ("name_kana", Invalid::KanaOnly),
                ("legal_form", Invalid::UnknownChoice),
                ("roles", Invalid::UnknownChoice),
                ("corporate_number", Invalid::CheckDigit),
                ("postal_code", Invalid::DigitCount { expected: 7 }),
                ("website", Invalid::UrlFormat),
                ("email", Invalid::EmailFormat),
                ("activity_fields", Invalid::UnknownChoice),
                ("sdgs", Invalid::UnknownChoice),
                ("activity_areas", Invalid::UnknownPrefecture),
                ("municipality", Invalid::PrefectureMismatch),
            ]
        );
    }

    #[test]
    fn a_minimal_profile_is_valid() {
        let p = OrganisationInput {
            name: "子ども食堂ひだまり".into(),
            legal_form: "voluntary".into(),
            street: "倉敷市中央1-2-3".into(),
            ..Default::default()
        }
        .validate(today())
        .unwrap();
        assert!(p.corporate_number.is_none());
        assert_eq!(
            p.address.public_street(),
            None,
            "street is private unless marked public"
        );
    }

    #[test]
    fn too_long_text_names_its_limit() {
        let input = OrganisationInput {
            name: "あ".repeat(NAME_MAX + 1),
            legal_form: "npo".into(),
            ..Default::default()
        };
        let errs = input.validate(today()).unwrap_err();
        assert_eq!(
            errs.for_field("name").unwrap().invalid,
            Invalid::TooLong { max: NAME_MAX }
        );
    }
}
