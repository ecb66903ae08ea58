//! Yearly finances under the NPO accounting standard (NPO法人会計基準): the lines of the
//! 活動計算書 and 貸借対照表, the checks a form runs on them, and the ratios evaluators use.
//!
//! People type the lines they have; totals left blank are worked out, totals typed are checked
//! against their lines, and every problem is reported at once on the line concerned.
//!
//! # Ratios
//!
//! These definitions are published next to the figures. Each is a fraction of 1.
//!
//! - **自主財源比率** (`own_revenue_share`) = (受取会費計 + 受取寄付金計 + 自主事業収益) ÷
//!   経常収益計: the share of revenue the organisation raises from its own members, supporters
//!   and activities. 受託事業収益 and 助成金・補助金 are 依存財源 (revenue that depends on a
//!   funder's decision), as in the Cabinet Office's surveys of NPO法人.
//! - **寄付金比率** (`donation_share`) = 受取寄付金計 (including 施設等受入評価益) ÷ 経常収益計.
//! - **助成金・補助金依存度** (`grant_dependence`) = (受取民間助成金 + 受取補助金) ÷ 経常収益計.
//! - **管理費比率** (`admin_cost_share`) = 管理費計 ÷ 経常費用計.
//!
//! A ratio is not given when its denominator is missing or not above zero, or when none of its
//! numerator's lines was entered; otherwise lines left blank count as zero. 自主財源比率 is also
//! not given when 事業収益 was entered without its split into 自主事業 and 受託事業, since the
//! split decides the answer.

mod lines;
pub mod years;

#[cfg(test)]
mod tests;

pub use lines::{Basis, Line, Section};

use crate::kana;
use crate::validation::{FieldErrors, Invalid, format_amount};
use lines::{COUNT, Kind};
use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// The largest amount accepted, in yen (10兆円): far above any organisation we list, low enough
/// that no sum of lines can overflow.
pub const MAX_AMOUNT: i64 = 10_000_000_000_000;

/// An amount as typed: any width, with or without ¥, 円 and thousands separators; negative with
/// a leading minus, △ or ▲ (how Japanese statements print deficits). Blank is `None`.
///
/// `\` is read as a yen sign: Japanese keyboards and fonts show the backslash as ¥.
pub fn parse_amount(text: &str) -> Result<Option<i64>, Invalid> {
    let folded: String = kana::nfkc(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '¥' | '\\' | '円' | ','))
        .collect();
    if folded.is_empty() {
        return Ok(None);
    }
    let (negative, digits) = match folded.chars().next() {
        Some(c) if c == '△' || c == '▲' || kana::is_dash(c) => (true, &folded[c.len_utf8()..]),
        _ => (false, folded.as_str()),
    };
    if digits.is_empty() || digits.len() > 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Invalid::NotAnAmount);
    }
    let amount: i64 = digits.parse().map_err(|_| Invalid::NotAnAmount)?;
    if amount > MAX_AMOUNT {
        return Err(Invalid::NotAnAmount);
    }
    Ok(Some(if negative { -amount } else { amount }))
}

/// Yen with thousands separators (`1,234,000`); the web adds 円 or ¥ per language.
pub fn format_yen(amount: i64) -> String {
    format_amount(amount)
}

/// A ratio as a percentage with one decimal (`52.4%`).
pub fn format_percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A statement as typed into a form or an API body: line code → text. Other keys (a form's
/// year or report text, lines outside the basis) are ignored, so this can be flattened into a
/// larger form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StatementInput(pub BTreeMap<String, String>);

/// What is known about a line while checking: blank, known, or unusable (itself invalid, or
/// resting on a line that is) so that one mistake is reported once, not again on every line
/// that adds it up.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Blank,
    Unknown,
    Known(i64),
}

impl StatementInput {
    /// The text typed for a line ("" if none).
    pub fn get(&self, line: Line) -> &str {
        self.0.get(line.code()).map_or("", String::as_str)
    }

    pub fn set(&mut self, line: Line, text: impl Into<String>) {
        self.0.insert(line.code().to_owned(), text.into());
    }

    /// Checks every line and reports all problems, in statement order.
    pub fn validate(&self, basis: Basis) -> Result<Statement, FieldErrors> {
        let (statement, errors) = self.evaluate(basis);
        errors.into_result(|| statement)
    }

    /// Like [`StatementInput::validate`], but also returns what could be worked out despite the
    /// problems, so a form can show the totals it computed next to the errors (an error may
    /// concern a line left blank, such as a computed 負債及び正味財産合計 that is off balance).
    pub fn evaluate(&self, basis: Basis) -> (Statement, FieldErrors) {
        let mut slots = [Slot::Blank; COUNT];
        let mut errors: Vec<(Line, Invalid)> = Vec::new();
        for &line in Line::all() {
            let typed = match self.typed(line, basis) {
                Ok(typed) => typed,
                Err(invalid) => {
                    errors.push((line, invalid));
                    slots[line as usize] = Slot::Unknown;
                    continue;
                }
            };
            let worked_out = work_out(line, &slots);
            slots[line as usize] = match (typed, worked_out) {
                (Some(typed), Slot::Known(expected)) if typed != expected && line.is_computed() => {
                    errors.push((line, Invalid::SumMismatch { expected }));
                    // Whether the total or one of its lines is wrong, the lines built on it
                    // can't be judged until this is fixed.
                    Slot::Unknown
                }
                (Some(typed), _) => Slot::Known(typed),
                (None, worked_out) => worked_out,
            };
        }

        let known = |line: Line| match slots[line as usize] {
            Slot::Known(v) if line.in_basis(basis) => Some(v),
            _ => None,
        };
        let mut cross_check = |line: Line, against: Line, invalid: fn(i64) -> Invalid| {
            if let (Some(value), Some(expected)) = (known(line), known(against))
                && value != expected
                && !errors.iter().any(|(l, _)| *l == line)
            {
                errors.push((line, invalid(expected)));
            }
        };
        cross_check(
            Line::NetAssetsCarriedForward,
            Line::NetAssetsTotal,
            |expected| Invalid::NetAssetsMismatch { expected },
        );
        cross_check(
            Line::LiabilitiesAndNetAssetsTotal,
            Line::AssetsTotal,
            |expected| Invalid::BalanceMismatch { expected },
        );

        errors.sort_by_key(|(line, _)| *line);
        let mut field_errors = FieldErrors::new();
        for (line, invalid) in errors {
            field_errors.push(line.code(), invalid);
        }
        let statement = Statement(
            Line::all()
                .iter()
                .filter_map(|&line| known(line).map(|v| (line, v)))
                .collect(),
        );
        (statement, field_errors)
    }

    fn typed(&self, line: Line, basis: Basis) -> Result<Option<i64>, Invalid> {
        if !line.in_basis(basis) {
            return Ok(None);
        }
        match parse_amount(self.get(line))? {
            Some(v) if v < 0 && !line.can_be_negative() => Err(Invalid::Negative),
            amount => Ok(amount),
        }
    }
}

/// A line's value from the lines before it, if its formula can be applied.
fn work_out(line: Line, slots: &[Slot; COUNT]) -> Slot {
    let terms: Vec<(Line, i64, bool)> = match line.info().kind {
        Kind::Entered => return Slot::Blank,
        Kind::Total(components) => components.iter().map(|c| (*c, 1, false)).collect(),
        Kind::Derived(terms) | Kind::Balancing(terms) => terms.to_vec(),
    };
    let mut sum = 0;
    let mut any = false;
    for (input, sign, required) in terms {
        match slots[input as usize] {
            Slot::Unknown => return Slot::Unknown,
            Slot::Blank if required => return Slot::Blank,
            Slot::Blank => {}
            Slot::Known(v) => {
                sum += sign * v;
                any = true;
            }
        }
    }
    if any { Slot::Known(sum) } else { Slot::Blank }
}

/// A checked statement: the amount of every line entered or worked out, in yen. Stored and
/// served as a JSON object of line codes to amounts, lines in statement order, blank lines
/// left out. Deserializing trusts the data (it is our own, already checked); input from people
/// goes through [`StatementInput`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statement(BTreeMap<Line, i64>);

impl Statement {
    pub fn get(&self, line: Line) -> Option<i64> {
        self.0.get(&line).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The lines present, in statement order.
    pub fn iter(&self) -> impl Iterator<Item = (Line, i64)> + '_ {
        self.0.iter().map(|(l, v)| (*l, *v))
    }

    /// The form to edit this statement: plain digits, `-` for negatives.
    pub fn to_input(&self) -> StatementInput {
        StatementInput(
            self.iter()
                .map(|(line, v)| (line.code().to_owned(), v.to_string()))
                .collect(),
        )
    }

    /// Revenue, expenses and the balance sheet totals: what the ★ rubric calls "the year's
    /// finances".
    pub fn has_year_finances(&self) -> bool {
        [
            Line::OrdinaryRevenueTotal,
            Line::OrdinaryExpensesTotal,
            Line::AssetsTotal,
        ]
        .iter()
        .all(|l| self.get(*l).is_some())
    }

    /// The figures lists and charts show; `None` unless revenue and expense totals exist.
    pub fn headline(&self) -> Option<Headline> {
        Some(Headline {
            revenue: self.get(Line::OrdinaryRevenueTotal)?,
            expenses: self.get(Line::OrdinaryExpensesTotal)?,
            assets: self.get(Line::AssetsTotal),
            liabilities: self.get(Line::LiabilitiesTotal),
            net_assets: self.get(Line::NetAssetsTotal),
            revenue_by_source: RevenueSource::ALL
                .iter()
                .filter_map(|s| self.get(s.line()).map(|v| (*s, v)))
                .collect(),
            admin_expenses: self.get(Line::AdminTotal),
        })
    }

    pub fn ratios(&self) -> Ratios {
        let revenue = self.get(Line::OrdinaryRevenueTotal);
        let expenses = self.get(Line::OrdinaryExpensesTotal);
        let business_split_missing = self.get(Line::BusinessTotal).is_some_and(|v| v != 0)
            && self.get(Line::BusinessRevenue).is_none()
            && self.get(Line::ContractRevenue).is_none();
        let grants = if self.get(Line::PrivateGrants).is_some()
            || self.get(Line::PublicSubsidies).is_some()
        {
            self.share(&[Line::PrivateGrants, Line::PublicSubsidies], revenue)
        } else {
            self.share(&[Line::GrantsTotal], revenue)
        };
        Ratios {
            own_revenue_share: if business_split_missing {
                None
            } else {
                self.share(
                    &[Line::FeesTotal, Line::DonationsTotal, Line::BusinessRevenue],
                    revenue,
                )
            },
            donation_share: self.share(&[Line::DonationsTotal], revenue),
            grant_dependence: grants,
            admin_cost_share: self.share(&[Line::AdminTotal], expenses),
        }
    }

    fn share(&self, numerator: &[Line], denominator: Option<i64>) -> Option<f64> {
        let denominator = denominator.filter(|d| *d > 0)?;
        let parts: Vec<i64> = numerator.iter().filter_map(|l| self.get(*l)).collect();
        if parts.is_empty() {
            return None;
        }
        Some(parts.iter().sum::<i64>() as f64 / denominator as f64)
    }
}

impl Serialize for Statement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (line, amount) in self.iter() {
            map.serialize_entry(line.code(), &amount)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Statement {
    /// An unknown line is an error rather than silently dropped: a renamed line needs a data
    /// migration, and losing a figure quietly would be worse.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = BTreeMap::<String, i64>::deserialize(deserializer)?;
        raw.into_iter()
            .map(|(code, amount)| {
                Line::parse(&code)
                    .map(|line| (line, amount))
                    .ok_or_else(|| D::Error::custom(format!("unknown statement line `{code}`")))
            })
            .collect::<Result<_, _>>()
            .map(Statement)
    }
}

/// Where revenue comes from, as charts show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevenueSource {
    Fees,
    Donations,
    PrivateGrants,
    PublicSubsidies,
    Business,
    Contracts,
    Other,
}

impl RevenueSource {
    pub const ALL: [RevenueSource; 7] = [
        RevenueSource::Fees,
        RevenueSource::Donations,
        RevenueSource::PrivateGrants,
        RevenueSource::PublicSubsidies,
        RevenueSource::Business,
        RevenueSource::Contracts,
        RevenueSource::Other,
    ];

    pub fn all() -> &'static [RevenueSource] {
        &Self::ALL
    }

    /// Used in message ids (`finance-source-{code}`) and the API.
    pub fn code(&self) -> &'static str {
        match self {
            RevenueSource::Fees => "fees",
            RevenueSource::Donations => "donations",
            RevenueSource::PrivateGrants => "private_grants",
            RevenueSource::PublicSubsidies => "public_subsidies",
            RevenueSource::Business => "business",
            RevenueSource::Contracts => "contracts",
            RevenueSource::Other => "other",
        }
    }

    /// The statement line holding this source's amount.
    pub fn line(&self) -> Line {
        match self {
            RevenueSource::Fees => Line::FeesTotal,
            RevenueSource::Donations => Line::DonationsTotal,
            RevenueSource::PrivateGrants => Line::PrivateGrants,
            RevenueSource::PublicSubsidies => Line::PublicSubsidies,
            RevenueSource::Business => Line::BusinessRevenue,
            RevenueSource::Contracts => Line::ContractRevenue,
            RevenueSource::Other => Line::OtherRevenueTotal,
        }
    }
}

/// The year's figures at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Headline {
    /// 経常収益計
    pub revenue: i64,
    /// 経常費用計
    pub expenses: i64,
    pub assets: Option<i64>,
    pub liabilities: Option<i64>,
    pub net_assets: Option<i64>,
    /// The sources entered (zero amounts included), in [`RevenueSource::ALL`] order. They add
    /// up to `revenue` unless a subtotal (助成金等, 事業収益) was entered without its split.
    pub revenue_by_source: Vec<(RevenueSource, i64)>,
    /// 管理費計
    pub admin_expenses: Option<i64>,
}

/// The ratios of the module documentation, as fractions of 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratios {
    pub own_revenue_share: Option<f64>,
    pub donation_share: Option<f64>,
    pub grant_dependence: Option<f64>,
    pub admin_cost_share: Option<f64>,
}

impl Ratios {
    pub fn get(&self, ratio: Ratio) -> Option<f64> {
        match ratio {
            Ratio::OwnRevenueShare => self.own_revenue_share,
            Ratio::DonationShare => self.donation_share,
            Ratio::GrantDependence => self.grant_dependence,
            Ratio::AdminCostShare => self.admin_cost_share,
        }
    }
}

/// Names for the ratios, to list them with their messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ratio {
    OwnRevenueShare,
    DonationShare,
    GrantDependence,
    AdminCostShare,
}

impl Ratio {
    pub const ALL: [Ratio; 4] = [
        Ratio::OwnRevenueShare,
        Ratio::DonationShare,
        Ratio::GrantDependence,
        Ratio::AdminCostShare,
    ];

    /// Used in message ids (`finance-ratio-{code}`, `finance-ratio-{code}-help`).
    pub fn code(&self) -> &'static str {
        match self {
            Ratio::OwnRevenueShare => "own_revenue_share",
            Ratio::DonationShare => "donation_share",
            Ratio::GrantDependence => "grant_dependence",
            Ratio::AdminCostShare => "admin_cost_share",
        }
    }
}
