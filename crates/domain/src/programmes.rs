//! Programmes (事業): what an organisation does, for whom and where. Grant forms ask for
//! them one by one, so they are kept as separate entries rather than one text.

use crate::validation::{FieldErrors, required_text, text};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 2_000;
pub const TARGET_MAX: usize = 200;
pub const AREA_MAX: usize = 200;
/// More than this and a profile stops being readable; group small activities instead.
pub const PROGRAMMES_MAX: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub name: String,
    pub description: Option<String>,
    /// 対象者 (e.g. "小学生とその保護者").
    pub target_population: Option<String>,
    /// 活動地域, as the organisation describes it.
    pub area: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeInput {
    pub name: String,
    pub description: String,
    pub target_population: String,
    pub area: String,
}

impl ProgrammeInput {
    pub fn validate(&self) -> Result<Programme, FieldErrors> {
        let mut errs = FieldErrors::new();
        let name = errs.check("name", required_text(&self.name, NAME_MAX));
        let description = errs.check("description", text(&self.description, DESCRIPTION_MAX));
        let target = errs.check(
            "target_population",
            text(&self.target_population, TARGET_MAX),
        );
        let area = errs.check("area", text(&self.area, AREA_MAX));
        match (name, description, target, area) {
            (Some(name), Some(description), Some(target_population), Some(area)) => Ok(Programme {
                name,
                description,
                target_population,
                area,
            }),
            _ => Err(errs),
        }
    }
}

impl From<&Programme> for ProgrammeInput {
    fn from(p: &Programme) -> Self {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        ProgrammeInput {
            name: p.name.clone(),
            description: s(&p.description),
            target_population: s(&p.target_population),
            area: s(&p.area),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Invalid;

    #[test]
    fn a_programme_needs_a_name() {
        let p = ProgrammeInput {
            name: " 子ども食堂 ".into(),
            target_population: "地域の子どもと保護者".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(p.name, "子ども食堂");
        assert_eq!(ProgrammeInput::from(&p).validate().unwrap(), p);
        let errs = ProgrammeInput {
            area: "あ".repeat(AREA_MAX + 1),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        let got: Vec<_> = errs
            .0
            .iter()
            .map(|e| (e.field, e.invalid.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("name", Invalid::Required),
                ("area", Invalid::TooLong { max: AREA_MAX })
            ]
        );
    }
}
