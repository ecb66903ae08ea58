//! Where an organisation's values came from. A value an organisation entered itself is never
//! overwritten by an import; a registry may fill an empty value, replace a value it supplied
//! itself, or replace one from a registry that ranks lower for that field.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A public registry Hiroba imports from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 国税庁 法人番号公表サイト.
    Nta,
    /// 内閣府 NPO法人ポータルサイト.
    Npo,
    /// A portal operator's own spreadsheet (imported on their behalf, not by the organisation).
    Spreadsheet,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Nta => "nta",
            Source::Npo => "npo",
            Source::Spreadsheet => "spreadsheet",
        }
    }

    pub fn parse(code: &str) -> Option<Source> {
        match code {
            "nta" => Some(Source::Nta),
            "npo" => Some(Source::Npo),
            "spreadsheet" => Some(Source::Spreadsheet),
            _ => None,
        }
    }

    /// Which registry wins when both supply a field: the NTA for what is registered (name,
    /// address, number), the NPO list for what only it knows well (tax certification).
    fn rank(self, field: Field) -> u8 {
        match (self, field) {
            // An operator's list is second-hand: either registry's value replaces its value.
            (Source::Spreadsheet, _) => 0,
            (Source::Npo, Field::LegalForm) => 2,
            (Source::Nta, Field::Name | Field::Address | Field::NameKana) => 2,
            _ => 1,
        }
    }
}

/// Who created an organisation's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Registered or entered by people.
    Manual,
    Registry(Source),
}

impl Origin {
    pub fn code(self) -> &'static str {
        match self {
            Origin::Manual => "manual",
            Origin::Registry(s) => s.code(),
        }
    }

    pub fn parse(code: &str) -> Origin {
        Source::parse(code).map_or(Origin::Manual, Origin::Registry)
    }
}

/// The profile values imports write, named as the profile form names them (the address is one
/// value: postal code, prefecture, municipality and street are replaced together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    NameKana,
    LegalForm,
    CorporateNumber,
    Address,
    Mission,
    CompetentAuthority,
    RepresentativeName,
    FiscalYearStartMonth,
    IncorporatedOn,
    ActivityFields,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Name,
        Field::NameKana,
        Field::LegalForm,
        Field::CorporateNumber,
        Field::Address,
        Field::Mission,
        Field::CompetentAuthority,
        Field::RepresentativeName,
        Field::FiscalYearStartMonth,
        Field::IncorporatedOn,
        Field::ActivityFields,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::NameKana => "name_kana",
            Field::LegalForm => "legal_form",
            Field::CorporateNumber => "corporate_number",
            Field::Address => "address",
            Field::Mission => "mission",
            Field::CompetentAuthority => "competent_authority",
            Field::RepresentativeName => "representative_name",
            Field::FiscalYearStartMonth => "fiscal_year_start_month",
            Field::IncorporatedOn => "incorporated_on",
            Field::ActivityFields => "activity_fields",
        }
    }

    /// The field a profile form field belongs to (`street` → the address).
    pub fn of_form_field(name: &str) -> Option<Field> {
        match name {
            "postal_code" | "prefecture" | "municipality" | "street" | "street_public" => {
                Some(Field::Address)
            }
            _ => Field::ALL.into_iter().find(|f| f.code() == name),
        }
    }
}

/// Field → the registry that supplied its current value. Stored as a JSON object
/// (`{"mission":"npo"}`); a field not named belongs to the organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldSources(BTreeMap<Field, Source>);

impl FieldSources {
    pub fn get(&self, field: Field) -> Option<Source> {
        self.0.get(&field).copied()
    }

    pub fn set(&mut self, field: Field, source: Option<Source>) {
        match source {
            Some(s) => self.0.insert(field, s),
            None => self.0.remove(&field),
        };
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Field, Source)> + '_ {
        self.0.iter().map(|(f, s)| (*f, *s))
    }

    /// Whether `source` may write `field`, given whether the field has a value now.
    pub fn may_write(&self, field: Field, has_value: bool, source: Source) -> bool {
        match self.get(field) {
            None => !has_value,
            Some(current) => current == source || source.rank(field) > current.rank(field),
        }
    }

    /// The fields people changed (form field names) become the organisation's own.
    pub fn forget_form_fields(&mut self, changed: &[String]) {
        for name in changed {
            if let Some(field) = Field::of_form_field(name) {
                self.0.remove(&field);
            }
        }
    }

    pub fn to_json(&self) -> String {
        let map: BTreeMap<&str, &str> = self.iter().map(|(f, s)| (f.code(), s.code())).collect();
        serde_json::to_string(&map).expect("a map of strings serialises")
    }

    /// Reads the stored JSON; unknown names are dropped (they would only ever protect less).
    pub fn from_json(text: &str) -> FieldSources {
        let map: BTreeMap<String, String> = serde_json::from_str(text).unwrap_or_default();
        FieldSources(
            map.iter()
                .filter_map(|(f, s)| {
                    let field = Field::ALL.into_iter().find(|x| x.code() == f)?;
                    Some((field, Source::parse(s)?))
                })
                .collect(),
        )
    }
}

/// Why an organisation no longer exists as a corporation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CloseCause {
    /// 清算の結了等.
    Liquidation,
    /// 合併による解散等.
    Merger,
    /// 登記官による閉鎖.
    ClosedByRegistrar,
    /// その他の清算の結了等.
    OtherLiquidation,
    /// Deleted from the corporate-number register (処理区分 99) but kept here.
    Deleted,
    /// 解散 according to the NPO list.
    Dissolved,
}

impl CloseCause {
    pub const ALL: [CloseCause; 6] = [
        CloseCause::Liquidation,
        CloseCause::Merger,
        CloseCause::ClosedByRegistrar,
        CloseCause::OtherLiquidation,
        CloseCause::Deleted,
        CloseCause::Dissolved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CloseCause::Liquidation => "liquidation",
            CloseCause::Merger => "merger",
            CloseCause::ClosedByRegistrar => "closed_by_registrar",
            CloseCause::OtherLiquidation => "other_liquidation",
            CloseCause::Deleted => "deleted",
            CloseCause::Dissolved => "dissolved",
        }
    }

    pub fn parse(code: &str) -> Option<CloseCause> {
        CloseCause::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The registry whose rows set this cause (and may lift it again).
    pub fn source(self) -> Source {
        match self {
            CloseCause::Dissolved => Source::Npo,
            _ => Source::Nta,
        }
    }
}

/// The end of a corporation: when (if known) and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closure {
    pub on: Option<NaiveDate>,
    pub cause: CloseCause,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_values_are_never_overwritten() {
        let mut s = FieldSources::default();
        assert!(!s.may_write(Field::Mission, true, Source::Npo), "its own");
        assert!(s.may_write(Field::Mission, false, Source::Npo), "empty");
        s.set(Field::Mission, Some(Source::Npo));
        assert!(
            s.may_write(Field::Mission, true, Source::Npo),
            "its own import"
        );
        s.set(Field::Name, Some(Source::Nta));
        assert!(
            !s.may_write(Field::Name, true, Source::Npo),
            "NTA ranks higher"
        );
        s.set(Field::LegalForm, Some(Source::Nta));
        assert!(
            s.may_write(Field::LegalForm, true, Source::Npo),
            "NPO ranks higher"
        );
        s.forget_form_fields(&["mission".into(), "street".into()]);
        assert_eq!(s.get(Field::Mission), None);
        let json = s.to_json();
        assert_eq!(json, r#"{"legal_form":"nta","name":"nta"}"#);
        assert_eq!(FieldSources::from_json(&json), s);
        assert_eq!(FieldSources::from_json("not json"), FieldSources::default());
    }

    #[test]
    fn codes_round_trip() {
        for c in CloseCause::ALL {
            assert_eq!(CloseCause::parse(c.code()), Some(c));
        }
        assert_eq!(Origin::parse("nta"), Origin::Registry(Source::Nta));
        assert_eq!(Origin::parse("manual"), Origin::Manual);
        assert_eq!(
            Origin::parse("spreadsheet"),
            Origin::Registry(Source::Spreadsheet)
        );
    }

    #[test]
    fn an_operators_spreadsheet_yields_to_registries_and_to_the_organisation() {
        let mut s = FieldSources::default();
        assert!(s.may_write(Field::Mission, false, Source::Spreadsheet));
        assert!(!s.may_write(Field::Mission, true, Source::Spreadsheet));
        s.set(Field::Mission, Some(Source::Spreadsheet));
        assert!(s.may_write(Field::Mission, true, Source::Spreadsheet));
        assert!(s.may_write(Field::Mission, true, Source::Npo));
        s.set(Field::Name, Some(Source::Nta));
        assert!(!s.may_write(Field::Name, true, Source::Spreadsheet));
    }
}
