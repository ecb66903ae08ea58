//! Certification (認証) by portal operators, staged as in Kyoto's scheme:
//!
//! - **STEP1** is automatic: an organisation holds it while its profile is at ★3 or above.
//! - **STEP2**: a portal's operators checked the registered information against the original
//!   documents. Valid for one year.
//! - **STEP3**: an external review (on-site visit, committee approval). Valid for three years.
//!
//! A step needs the one below it: STEP2 needs ★3; STEP3 needs an active STEP2. Records are never
//! deleted: expiry and revocation are states, so the history stays complete.

use crate::validation::{FieldErrors, Invalid, text};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub const NOTES_MAX: usize = 2_000;
/// The ★ level that earns STEP1 (and that STEP2 requires).
pub const STEP1_LEVEL: u8 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Step {
    #[serde(rename = "step1")]
    One,
    #[serde(rename = "step2")]
    Two,
    #[serde(rename = "step3")]
    Three,
}

impl Step {
    pub const ALL: [Step; 3] = [Step::One, Step::Two, Step::Three];

    pub fn number(&self) -> u8 {
        match self {
            Step::One => 1,
            Step::Two => 2,
            Step::Three => 3,
        }
    }

    pub fn from_number(n: u8) -> Option<Step> {
        Self::ALL.into_iter().find(|s| s.number() == n)
    }

    pub fn code(&self) -> &'static str {
        match self {
            Step::One => "step1",
            Step::Two => "step2",
            Step::Three => "step3",
        }
    }

    pub fn parse(s: &str) -> Result<Step, Invalid> {
        let t = crate::kana::nfkc(s.trim()).to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|st| st.code() == t || st.number().to_string() == t)
            .ok_or(Invalid::UnknownChoice)
    }

    /// How long a grant of this step lasts; STEP1 lasts as long as the ★ level does.
    pub fn validity(&self) -> Option<Months> {
        match self {
            Step::One => None,
            Step::Two => Some(Months::new(12)),
            Step::Three => Some(Months::new(36)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    /// Its validity ran out (or, for STEP1, the ★ level fell below ★3).
    Expired,
    /// Withdrawn by an operator before its time.
    Revoked,
}

impl Status {
    pub fn code(&self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Expired => "expired",
            Status::Revoked => "revoked",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [Status::Active, Status::Expired, Status::Revoked]
            .into_iter()
            .find(|st| st.code() == s)
    }
}

/// One grant, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub step: Step,
    pub granted_on: NaiveDate,
    /// The first day it no longer holds (None for STEP1).
    pub expires_on: Option<NaiveDate>,
    pub status: Status,
}

impl Grant {
    /// Whether the grant holds on `today`, whatever the stored status says (the expiry job
    /// may not have run yet).
    pub fn holds_on(&self, today: NaiveDate) -> bool {
        self.status == Status::Active && self.expires_on.is_none_or(|e| today < e)
    }
}

/// The day a grant made on `granted_on` stops holding.
pub fn expires_on(step: Step, granted_on: NaiveDate) -> Option<NaiveDate> {
    step.validity().map(|m| granted_on + m)
}

/// The highest step an organisation holds today.
pub fn current_step(level: u8, grants: &[Grant], today: NaiveDate) -> Option<Step> {
    let granted = grants
        .iter()
        .filter(|g| g.step != Step::One && g.holds_on(today))
        .map(|g| g.step)
        .max();
    granted.or((level >= STEP1_LEVEL).then_some(Step::One))
}

/// Why a step cannot be granted now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// STEP1 is never granted by hand.
    Automatic,
    /// STEP2 needs the profile at ★3.
    LevelTooLow,
    /// STEP3 needs an active STEP2.
    NeedsStep2,
}

/// Whether an operator may grant `step` to an organisation at ★`level` with these grants.
pub fn may_grant(step: Step, level: u8, grants: &[Grant], today: NaiveDate) -> Result<(), Refusal> {
    match step {
        Step::One => Err(Refusal::Automatic),
        Step::Two if level < STEP1_LEVEL => Err(Refusal::LevelTooLow),
        Step::Two => Ok(()),
        Step::Three
            if grants
                .iter()
                .any(|g| g.step >= Step::Two && g.holds_on(today)) =>
        {
            Ok(())
        }
        Step::Three => Err(Refusal::NeedsStep2),
    }
}

/// An operator's decision as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GrantInput {
    pub step: String,
    /// What was checked, against which originals (kept with the record).
    pub notes: String,
    /// When the check was done; empty means today.
    pub granted_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantDecision {
    pub step: Step,
    pub notes: Option<String>,
    pub granted_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
}

impl GrantInput {
    pub fn validate(&self, today: NaiveDate) -> Result<GrantDecision, FieldErrors> {
        let mut errs = FieldErrors::new();
        let step = errs.check("step", Step::parse(&self.step));
        let notes = errs.check("notes", text(&self.notes, NOTES_MAX));
        let granted_on = errs.check(
            "granted_on",
            crate::dates::optional_date(&self.granted_on)
                .and_then(|d| crate::dates::not_in_future(d.unwrap_or(today), today)),
        );
        // A check older than the step's validity would be born expired.
        if let (Some(step), Some(on)) = (step, granted_on)
            && expires_on(step, on).is_some_and(|e| e <= today)
        {
            errs.push("granted_on", Invalid::AlreadyExpired);
        }
        match (step, notes, granted_on) {
            (Some(step), Some(notes), Some(granted_on)) if errs.is_empty() => Ok(GrantDecision {
                step,
                notes,
                granted_on,
                expires_on: expires_on(step, granted_on),
            }),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn grant(step: Step, on: NaiveDate) -> Grant {
        Grant {
            step,
            granted_on: on,
            expires_on: expires_on(step, on),
            status: Status::Active,
        }
    }

    #[test]
    fn steps_last_one_and_three_years() {
        assert_eq!(expires_on(Step::Two, d(2026, 2, 28)), Some(d(2027, 2, 28)));
        assert_eq!(
            expires_on(Step::Three, d(2024, 2, 29)),
            Some(d(2027, 2, 28))
        );
        assert_eq!(expires_on(Step::One, d(2026, 1, 1)), None);
        let g = grant(Step::Two, d(2025, 11, 21));
        assert!(g.holds_on(d(2026, 11, 20)));
        assert!(!g.holds_on(d(2026, 11, 21)), "a year later it has lapsed");
        let revoked = Grant {
            status: Status::Revoked,
            ..g
        };
        assert!(!revoked.holds_on(d(2026, 1, 1)));
    }

    #[test]
    fn the_current_step_is_the_highest_that_holds() {
        let today = d(2026, 11, 21);
        assert_eq!(current_step(2, &[], today), None);
        assert_eq!(current_step(3, &[], today), Some(Step::One));
        let two = grant(Step::Two, d(2026, 3, 1));
        let old_three = grant(Step::Three, d(2022, 1, 1));
        assert_eq!(
            current_step(3, &[two.clone(), old_three.clone()], today),
            Some(Step::Two)
        );
        assert_eq!(
            current_step(2, std::slice::from_ref(&two), today),
            Some(Step::Two),
            "a granted step stands even if the ★ dips"
        );
        let three = grant(Step::Three, d(2026, 6, 1));
        assert_eq!(current_step(4, &[two, three], today), Some(Step::Three));
    }

    #[test]
    fn each_step_needs_the_one_below() {
        let today = d(2026, 11, 21);
        assert_eq!(may_grant(Step::One, 5, &[], today), Err(Refusal::Automatic));
        assert_eq!(
            may_grant(Step::Two, 2, &[], today),
            Err(Refusal::LevelTooLow)
        );
        assert_eq!(may_grant(Step::Two, 3, &[], today), Ok(()));
        assert_eq!(
            may_grant(Step::Three, 5, &[], today),
            Err(Refusal::NeedsStep2)
        );
        let expired_two = grant(Step::Two, d(2024, 1, 1));
        assert_eq!(
            may_grant(Step::Three, 5, &[expired_two], today),
            Err(Refusal::NeedsStep2)
        );
        assert_eq!(
            may_grant(Step::Three, 5, &[grant(Step::Two, d(2026, 1, 1))], today),
            Ok(())
        );
    }

    #[test]
    fn grant_input() {
        let today = d(2026, 11, 21);
        let ok = GrantInput {
            step: "2".into(),
            notes: "定款・登記事項証明書・事業報告書の原本と照合".into(),
            granted_on: String::new(),
        }
        .validate(today)
        .unwrap();
        assert_eq!(ok.step, Step::Two);
        assert_eq!(ok.expires_on, Some(d(2027, 11, 21)));
        let errs = GrantInput {
            step: "gold".into(),
            granted_on: "2030-01-01".into(),
            ..Default::default()
        }
        .validate(today)
        .unwrap_err();
        let fields: Vec<_> = errs.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["step", "granted_on"]);
        let stale = GrantInput {
            step: "step2".into(),
            granted_on: "2025-01-01".into(),
            ..Default::default()
        }
        .validate(today);
        assert!(
            stale.is_err(),
            "a check more than a year old is already expired"
        );
    }
}
