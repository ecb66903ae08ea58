//! The filters of an organisation list.

use crate::certification::Step;
use crate::codes::{CorporateNumber, MunicipalityCode};
use crate::kana;
use crate::legal_forms::LegalForm;
use crate::prefectures::PrefectureCode;
use crate::validation::{FieldErrors, Invalid, optional};
use serde::{Deserialize, Serialize};

/// The filters of an organisation list, parsed from query parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganisationFilter {
    pub prefecture: Option<PrefectureCode>,
    /// Matches organisations located in this area (a designated city includes its wards).
    pub municipality: Option<MunicipalityCode>,
    pub activity_field: Option<u8>,
    pub sdg: Option<u8>,
    pub legal_form: Option<LegalForm>,
    /// Exact lookup by 法人番号.
    pub corporate_number: Option<CorporateNumber>,
    /// At this ★ level or above.
    pub min_level: Option<u8>,
    /// Holding this certification step or a higher one.
    pub min_certification: Option<Step>,
    pub order: OrganisationOrder,
}

/// How a list is sorted. Every order ends in 五十音順 so pages are stable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OrganisationOrder {
    /// 五十音順.
    #[default]
    Name,
    /// Highest ★ first, then certification.
    Level,
    /// Highest certification step first, then ★.
    Certification,
}

impl OrganisationOrder {
    pub const ALL: [OrganisationOrder; 3] = [
        OrganisationOrder::Name,
        OrganisationOrder::Level,
        OrganisationOrder::Certification,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            OrganisationOrder::Name => "name",
            OrganisationOrder::Level => "level",
            OrganisationOrder::Certification => "certification",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|o| o.code() == s.trim())
            .ok_or(Invalid::UnknownChoice)
    }

    /// One number that sorts ascending in this order (before the name): lists page by it.
    pub fn rank(&self, level: u8, step: u8) -> i64 {
        let (level, step) = (i64::from(level.min(5)), i64::from(step.min(3)));
        match self {
            OrganisationOrder::Name => 0,
            OrganisationOrder::Level => (5 - level) * 10 + (3 - step),
            OrganisationOrder::Certification => (3 - step) * 10 + (5 - level),
        }
    }
}

/// The filter parameters as they arrive in a query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganisationFilterInput {
    pub prefecture: String,
    pub municipality: String,
    pub activity_field: String,
    pub sdg: String,
    pub legal_form: String,
    pub corporate_number: String,
    /// Minimum ★ (1–5).
    pub level: String,
    /// Minimum certification step (1–3).
    pub certification: String,
    /// name | level | certification
    pub sort: String,
}

impl OrganisationFilterInput {
    pub fn validate(&self) -> Result<OrganisationFilter, FieldErrors> {
        let mut errs = FieldErrors::new();
        let number = |v: &str, max: u8| -> Result<Option<u8>, Invalid> {
            optional(v, |s| {
                kana::nfkc(s.trim())
                    .parse::<u8>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or(Invalid::UnknownChoice)
            })
        };
        let prefecture = errs.check(
            "prefecture",
            optional(&self.prefecture, PrefectureCode::parse),
        );
        let municipality = errs.check(
            "municipality",
            optional(&self.municipality, MunicipalityCode::parse),
        );
        let activity_field = errs.check("activity_field", number(&self.activity_field, 20));
        let sdg = errs.check("sdg", number(&self.sdg, 17));
        let legal_form = errs.check("legal_form", optional(&self.legal_form, LegalForm::parse));
        let corporate_number = errs.check(
            "corporate_number",
            optional(&self.corporate_number, CorporateNumber::parse),
        );
        let min_level = errs.check("level", number(&self.level, 5));
        let min_certification = errs.check(
            "certification",
            optional(&self.certification, |s| {
                kana::nfkc(s.trim())
                    .parse::<u8>()
                    .ok()
                    .and_then(Step::from_number)
                    .ok_or(Invalid::UnknownChoice)
            }),
        );
        let order = errs.check("sort", optional(&self.sort, OrganisationOrder::parse));
        errs.into_result(|| OrganisationFilter {
            prefecture: prefecture.flatten(),
            municipality: municipality.flatten(),
            activity_field: activity_field.flatten(),
            sdg: sdg.flatten(),
            legal_form: legal_form.flatten(),
            corporate_number: corporate_number.flatten(),
            min_level: min_level.flatten(),
            min_certification: min_certification.flatten(),
            order: order.flatten().unwrap_or_default(),
        })
    }
}

impl OrganisationFilter {
    /// No filter narrows the list (the order does not count).
    pub fn is_empty(&self) -> bool {
        OrganisationFilter {
            order: OrganisationOrder::Name,
            ..self.clone()
        } == Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_or_name_the_bad_parameter() {
        let f = OrganisationFilterInput {
            prefecture: "岡山".into(),
            municipality: "331007".into(),
            activity_field: "１３".into(),
            sdg: "4".into(),
            legal_form: "npo".into(),
            corporate_number: "７０００－０１２０－５０００２".into(),
            level: "３".into(),
            certification: "2".into(),
            sort: "level".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(f.activity_field, Some(13));
        assert_eq!(f.min_level, Some(3));
        assert_eq!(f.min_certification, Some(Step::Two));
        assert_eq!(f.order, OrganisationOrder::Level);
        assert!(!f.is_empty(), "filters narrow the list");
        assert!(
            OrganisationFilterInput {
                sort: "certification".into(),
                ..Default::default()
            }
            .validate()
            .unwrap()
            .is_empty(),
            "an order alone narrows nothing"
        );
        assert_eq!(f.corporate_number.unwrap().to_string(), "7000012050002");
        assert!(
            OrganisationFilterInput::default()
                .validate()
                .unwrap()
                .is_empty()
        );
        let errs = OrganisationFilterInput {
            municipality: "331008".into(),
            sdg: "18".into(),
            corporate_number: "7000012050003".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            errs.for_field("corporate_number").unwrap().invalid,
            Invalid::CheckDigit
        );
        assert_eq!(
            errs.for_field("municipality").unwrap().invalid,
            Invalid::CheckDigit
        );
        assert_eq!(
            errs.for_field("sdg").unwrap().invalid,
            Invalid::UnknownChoice
        );
        let errs = OrganisationFilterInput {
            level: "6".into(),
            certification: "4".into(),
            sort: "random".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = errs.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["level", "certification", "sort"]);
    }

    #[test]
    fn ranks_sort_highest_first() {
        let by_level = OrganisationOrder::Level;
        assert!(by_level.rank(5, 0) < by_level.rank(4, 3));
        assert!(by_level.rank(4, 3) < by_level.rank(4, 2));
        let by_cert = OrganisationOrder::Certification;
        assert!(by_cert.rank(3, 3) < by_cert.rank(5, 2));
        assert_eq!(OrganisationOrder::Name.rank(5, 3), 0);
    }
}
