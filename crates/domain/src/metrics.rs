//! Outcome metrics: what an organisation counts to show its work, with a value per fiscal
//! year. The shape follows the common impact data standards (and Candid's Platinum level): a
//! type (input / output / outcome / context), a direction of success, and optionally an SDG
//! target or an IRIS+ code so funders can line metrics up across organisations.

use crate::kana::nfkc;
use crate::validation::{FieldErrors, Invalid, optional, required_text, text};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 100;
pub const UNIT_MAX: usize = 20;
pub const DESCRIPTION_MAX: usize = 1_000;
/// Candid allows up to 20 progress metrics; more dilutes them.
pub const METRICS_MAX: usize = 20;
/// Values beyond this are typing mistakes.
pub const VALUE_MAX: f64 = 1e12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Resources put in (volunteer hours, budget).
    Input,
    /// What was done (meals served, sessions held).
    Output,
    /// What changed for people (children who improved their attendance).
    Outcome,
    /// The situation around the work (the number of children in poverty in the city).
    Context,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
    Hold,
}

impl MetricKind {
    pub const ALL: [MetricKind; 4] = [
        MetricKind::Input,
        MetricKind::Output,
        MetricKind::Outcome,
        MetricKind::Context,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            MetricKind::Input => "input",
            MetricKind::Output => "output",
            MetricKind::Outcome => "outcome",
            MetricKind::Context => "context",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == s.trim())
            .ok_or(Invalid::UnknownChoice)
    }

    /// Whether the metric shows results of the work (what the ★5 level asks for).
    pub fn shows_results(&self) -> bool {
        matches!(self, MetricKind::Output | MetricKind::Outcome)
    }
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Increase, Direction::Decrease, Direction::Hold];

    pub fn code(&self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::Hold => "hold",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == s.trim())
            .ok_or(Invalid::UnknownChoice)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub name: String,
    pub unit: String,
    pub kind: MetricKind,
    pub direction: Direction,
    /// An SDG target such as "4.1" or "17.a".
    pub sdg_target: Option<String>,
    /// An IRIS+ metric code such as "PI4060".
    pub iris_code: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetricInput {
    pub name: String,
    pub unit: String,
    pub kind: String,
    pub direction: String,
    pub sdg_target: String,
    pub iris_code: String,
    pub description: String,
}

impl MetricInput {
    pub fn validate(&self) -> Result<Metric, FieldErrors> {
        let mut errs = FieldErrors::new();
        let name = errs.check("name", required_text(&self.name, NAME_MAX));
        let unit = errs.check("unit", required_text(&self.unit, UNIT_MAX));
        let kind = errs.check("kind", required(&self.kind, MetricKind::parse));
        let direction = errs.check("direction", required(&self.direction, Direction::parse));
        let sdg_target = errs.check("sdg_target", optional(&self.sdg_target, parse_sdg_target));
        let iris_code = errs.check("iris_code", optional(&self.iris_code, parse_iris_code));
        let description = errs.check("description", text(&self.description, DESCRIPTION_MAX));
        match (
            name,
            unit,
            kind,
            direction,
            sdg_target,
            iris_code,
            description,
        ) {
            (
                Some(name),
                Some(unit),
                Some(kind),
                Some(direction),
                Some(sdg_target),
                Some(iris_code),
                Some(description),
            ) => Ok(Metric {
                name,
                unit,
                kind,
                direction,
                sdg_target,
                iris_code,
                description,
            }),
            _ => Err(errs),
        }
    }
}

impl From<&Metric> for MetricInput {
    fn from(m: &Metric) -> Self {
        MetricInput {
            name: m.name.clone(),
            unit: m.unit.clone(),
            kind: m.kind.code().to_owned(),
            direction: m.direction.code().to_owned(),
            sdg_target: m.sdg_target.clone().unwrap_or_default(),
            iris_code: m.iris_code.clone().unwrap_or_default(),
            description: m.description.clone().unwrap_or_default(),
        }
    }
}

fn required<T>(value: &str, parse: impl Fn(&str) -> Result<T, Invalid>) -> Result<T, Invalid> {
    if value.trim().is_empty() {
        Err(Invalid::Required)
    } else {
        parse(value)
    }
}

/// "4.1", "４．１", "17.a" → goal 1–17, then a target number (1–19) or letter (a–g).
pub fn parse_sdg_target(value: &str) -> Result<String, Invalid> {
    let folded = nfkc(value.trim()).to_ascii_lowercase();
    let (goal, target) = folded.split_once('.').ok_or(Invalid::UnknownChoice)?;
    let goal_ok = goal.parse::<u8>().is_ok_and(|g| (1..=17).contains(&g));
    let target_ok = target.parse::<u8>().is_ok_and(|t| (1..=19).contains(&t))
        || (target.len() == 1 && ('a'..='g').contains(&target.chars().next().unwrap_or(' ')));
    if goal_ok && target_ok && !goal.starts_with('0') {
        Ok(format!("{goal}.{target}"))
    } else {
        Err(Invalid::UnknownChoice)
    }
}

/// IRIS+ codes: two letters and four digits ("PI4060").
pub fn parse_iris_code(value: &str) -> Result<String, Invalid> {
    let code = nfkc(value.trim()).to_ascii_uppercase();
    let ok = code.len() == 6
        && code[..2].chars().all(|c| c.is_ascii_uppercase())
        && code[2..].chars().all(|c| c.is_ascii_digit());
    if ok {
        Ok(code)
    } else {
        Err(Invalid::UnknownChoice)
    }
}

/// A yearly value: "1,234", "１２．５", "85%" (the unit is the metric's, so a trailing % or
/// 人/件/回 is dropped).
pub fn parse_value(value: &str) -> Result<f64, Invalid> {
    let folded = nfkc(value.trim()).replace(',', "");
    let number = folded
        .trim_end_matches(['%', '人', '件', '回', '名', '時', '間'])
        .trim();
    let v: f64 = number.parse().map_err(|_| Invalid::NotANumber)?;
    if !v.is_finite() || v.abs() > VALUE_MAX {
        return Err(Invalid::NotANumber);
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_metric_validates() {
        let m = MetricInput {
            name: "子ども食堂の延べ利用者数".into(),
            unit: "人".into(),
            kind: "output".into(),
            direction: "increase".into(),
            sdg_target: "２．１".into(),
            iris_code: "pi4060".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(m.sdg_target.as_deref(), Some("2.1"));
        assert_eq!(m.iris_code.as_deref(), Some("PI4060"));
        assert_eq!(MetricInput::from(&m).validate().unwrap(), m);
        assert!(m.kind.shows_results());
        assert!(!MetricKind::Context.shows_results());
    }

    #[test]
    fn bad_metric_fields_are_named() {
        let errs = MetricInput {
            kind: "impact".into(),
            sdg_target: "18.1".into(),
            iris_code: "P4060".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = errs.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "name",
                "unit",
                "kind",
                "direction",
                "sdg_target",
                "iris_code"
            ]
        );
    }

    #[test]
    fn sdg_targets_and_values() {
        assert_eq!(parse_sdg_target("17.a"), Ok("17.a".into()));
        assert_eq!(parse_sdg_target("4.10"), Ok("4.10".into()));
        for bad in ["4", "0.1", "4.0", "4.h", "04.1", "x.1"] {
            assert!(parse_sdg_target(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_value("１，２３４"), Ok(1234.0));
        assert_eq!(parse_value("85.5%"), Ok(85.5));
        assert_eq!(parse_value("-3"), Ok(-3.0));
        assert_eq!(parse_value("たくさん"), Err(Invalid::NotANumber));
        assert_eq!(parse_value("1e13"), Err(Invalid::NotANumber));
        assert_eq!(parse_value("NaN"), Err(Invalid::NotANumber));
    }
}
