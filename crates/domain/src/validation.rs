//! Validation results shared by every form, import and API body.
//!
//! The domain never produces user-facing text: it reports *which field* failed and *why* as
//! stable codes, and the web layer turns those into messages in the reader's language
//! (`validation-*` ids in the Fluent files).

use serde::Serialize;

/// Why a value was rejected. Each variant has a Fluent message id (see [`Invalid::message_id`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Invalid {
    Required,
    TooLong {
        max: usize,
    },
    /// Not made of the expected number of digits.
    DigitCount {
        expected: usize,
    },
    /// Digits are right in number but the check digit does not match.
    CheckDigit,
    /// A municipality code whose prefecture part is not 01–47.
    UnknownPrefecture,
    /// The municipality lies in another prefecture than the one given.
    PrefectureMismatch,
    /// A municipality is given without its prefecture.
    PrefectureMissing,
    EmailFormat,
    UrlFormat,
    KanaOnly,
    UnknownChoice,
    SlugFormat,
    SlugReserved,
    ColourFormat,
    /// Text on this colour would not reach the WCAG AA contrast ratio.
    ColourContrast {
        ratio_tenths: u32,
    },
    NotANumber,
    OutOfRange {
        min: i64,
        max: i64,
    },
    PasswordTooShort {
        min: usize,
    },
    PasswordTooCommon,
    PasswordContainsEmail,
    PasswordMismatch,
    /// A place name we could not find.
    UnknownPlace,
    /// Not an amount of yen (digits, commas, a leading minus or △/▲).
    NotAnAmount,
    /// A count or amount that cannot be below zero.
    Negative,
    /// A total that differs from the sum of its lines; `expected` is that sum.
    SumMismatch {
        expected: i64,
    },
    /// 次期繰越正味財産額 differs from the balance sheet's 正味財産合計 (`expected`).
    NetAssetsMismatch {
        expected: i64,
    },
    /// 負債及び正味財産合計 differs from 資産合計 (`expected`).
    BalanceMismatch {
        expected: i64,
    },
    /// Not a date (YYYY-MM-DD, or as Japanese people write it).
    DateFormat,
    /// A date after today.
    DateInFuture,
    /// A date before the organisation was founded.
    BeforeFounding,
    /// A fiscal year that has not started yet.
    FutureYear,
    /// The same year (or name) twice.
    Duplicate,
    /// More entries than allowed.
    TooMany {
        max: usize,
    },
    /// An upload larger than allowed.
    FileTooLarge {
        max_mb: u64,
    },
    /// An upload that is not of an accepted type (e.g. not a PDF).
    FileType,
    /// An empty upload, or none at all.
    FileMissing,
    /// Not a Japanese telephone number (10 or 11 digits starting with 0, or +81).
    PhoneFormat,
    /// A date so long ago that what it starts has already run out.
    AlreadyExpired,
    /// The profile is not yet at the ★ level this needs.
    LevelTooLow {
        needed: u8,
    },
    /// STEP3 needs an active STEP2 first.
    NeedsStep2,
}

/// Yen with thousands separators (`-1,234`), the same in both languages.
pub fn format_amount(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if amount < 0 { format!("-{out}") } else { out }
}

impl Invalid {
    pub fn message_id(&self) -> &'static str {
        match self {
            Invalid::Required => "validation-required",
            Invalid::TooLong { .. } => "validation-too-long",
            Invalid::DigitCount { .. } => "validation-digit-count",
            Invalid::CheckDigit => "validation-check-digit",
            Invalid::UnknownPrefecture => "validation-unknown-prefecture",
            Invalid::PrefectureMismatch => "validation-prefecture-mismatch",
            Invalid::PrefectureMissing => "validation-prefecture-missing",
            Invalid::EmailFormat => "validation-email-format",
            Invalid::UrlFormat => "validation-url-format",
            Invalid::KanaOnly => "validation-kana-only",
            Invalid::UnknownChoice => "validation-unknown-choice",
            Invalid::SlugFormat => "validation-slug-format",
            Invalid::SlugReserved => "validation-slug-reserved",
            Invalid::ColourFormat => "validation-colour-format",
            Invalid::ColourContrast { .. } => "validation-colour-contrast",
            Invalid::NotANumber => "validation-not-a-number",
            Invalid::OutOfRange { .. } => "validation-out-of-range",
            Invalid::PasswordTooShort { .. } => "validation-password-too-short",
            Invalid::PasswordTooCommon => "validation-password-too-common",
            Invalid::PasswordContainsEmail => "validation-password-contains-email",
            Invalid::PasswordMismatch => "validation-password-mismatch",
            Invalid::UnknownPlace => "validation-unknown-place",
            Invalid::NotAnAmount => "validation-not-an-amount",
            Invalid::Negative => "validation-negative",
            Invalid::SumMismatch { .. } => "validation-sum-mismatch",
            Invalid::NetAssetsMismatch { .. } => "validation-net-assets-mismatch",
            Invalid::BalanceMismatch { .. } => "validation-balance-mismatch",
            Invalid::DateFormat => "validation-date-format",
            Invalid::DateInFuture => "validation-date-in-future",
            Invalid::BeforeFounding => "validation-before-founding",
            Invalid::FutureYear => "validation-future-year",
            Invalid::Duplicate => "validation-duplicate",
            Invalid::TooMany { .. } => "validation-too-many",
            Invalid::FileTooLarge { .. } => "validation-file-too-large",
            Invalid::FileType => "validation-file-type",
            Invalid::FileMissing => "validation-file-missing",
            Invalid::PhoneFormat => "validation-phone-format",
            Invalid::AlreadyExpired => "validation-already-expired",
            Invalid::LevelTooLow { .. } => "validation-level-too-low",
            Invalid::NeedsStep2 => "validation-needs-step2",
        }
    }

    /// Named arguments for the message, as (name, value) pairs.
    pub fn message_args(&self) -> Vec<(&'static str, String)> {
        match self {
            Invalid::TooLong { max } => vec![("max", max.to_string())],
            Invalid::DigitCount { expected } => vec![("expected", expected.to_string())],
            Invalid::ColourContrast { ratio_tenths } => vec![(
                "ratio",
                format!("{}.{}", ratio_tenths / 10, ratio_tenths % 10),
            )],
            Invalid::OutOfRange { min, max } => {
                vec![("min", min.to_string()), ("max", max.to_string())]
            }
            Invalid::PasswordTooShort { min } => vec![("min", min.to_string())],
            Invalid::SumMismatch { expected }
            | Invalid::NetAssetsMismatch { expected }
            | Invalid::BalanceMismatch { expected } => {
                vec![("expected", format_amount(*expected))]
            }
            Invalid::TooMany { max } => vec![("max", max.to_string())],
            Invalid::LevelTooLow { needed } => vec![("needed", needed.to_string())],
            Invalid::FileTooLarge { max_mb } => vec![("max", max_mb.to_string())],
            _ => Vec::new(),
        }
    }
}

/// A language-neutral rendering (message id and arguments) for logs and serde errors; people
/// see the translated message instead.
impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message_id())?;
        for (name, value) in self.message_args() {
            write!(f, " {name}={value}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Invalid {}

/// One rejected field: `field` is the form/API field name (snake_case), stable across layers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    #[serde(flatten)]
    pub invalid: Invalid,
}

impl FieldError {
    pub fn new(field: &'static str, invalid: Invalid) -> Self {
        Self { field, invalid }
    }
}

/// Every problem found in one submission, in field order; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: &'static str, invalid: Invalid) {
        self.0.push(FieldError::new(field, invalid));
    }

    /// Records the error of `result` under `field` and returns its value, if any.
    pub fn check<T>(&mut self, field: &'static str, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(field, e);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.invalid.message_id()))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

impl std::error::Error for FieldErrors {}

/// Trims a text field and enforces its maximum length (in characters, as people count them).
pub fn text(value: &str, max: usize) -> Result<Option<String>, Invalid> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.chars().count() > max {
        return Err(Invalid::TooLong { max });
    }
    Ok(Some(trimmed.to_owned()))
}

/// Like [`text`] but the field must be present.
pub fn required_text(value: &str, max: usize) -> Result<String, Invalid> {
    text(value, max)?.ok_or(Invalid::Required)
}

/// An optional value: empty input is `None`, anything else must parse.
pub fn optional<T>(
    value: &str,
    parse: impl FnOnce(&str) -> Result<T, Invalid>,
) -> Result<Option<T>, Invalid> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse(value).map(Some)
    }
}

/// A set of numbered codes (activity fields, SDGs) as typed: blanks skipped, widths folded.
pub fn numbered_codes<const MAX: u8>(
    values: &[String],
) -> Result<crate::code_set::CodeSet<MAX>, Invalid> {
    let codes = values
        .iter()
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            crate::kana::nfkc(v.trim())
                .parse::<u8>()
                .map_err(|_| Invalid::UnknownChoice)
        })
        .collect::<Result<Vec<_>, _>>()?;
    crate::code_set::CodeSet::from_codes(codes)
}

/// A list of values, blanks skipped, duplicates dropped, in the order given.
pub fn distinct_list<T: PartialEq>(
    values: &[String],
    parse: impl Fn(&str) -> Result<T, Invalid>,
) -> Result<Vec<T>, Invalid> {
    let mut out = Vec::new();
    for v in values.iter().filter(|v| !v.trim().is_empty()) {
        let item = parse(v)?;
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_trims_and_counts_characters_not_bytes() {
        assert_eq!(text("  ", 3), Ok(None));
        assert_eq!(text(" ひろば ", 3), Ok(Some("ひろば".into())));
        assert_eq!(text("ひろばだ", 3), Err(Invalid::TooLong { max: 3 }));
        assert_eq!(required_text("", 3), Err(Invalid::Required));
    }

    #[test]
    fn errors_collect_in_order() {
        let mut errs = FieldErrors::new();
        assert_eq!(errs.check("a", Ok::<_, Invalid>(1)), Some(1));
        assert_eq!(errs.check::<()>("b", Err(Invalid::Required)), None);
        assert_eq!(errs.for_field("b").unwrap().invalid, Invalid::Required);
        assert!(errs.clone().into_result(|| ()).is_err());
        assert_eq!(errs.to_string(), "b: validation-required");
    }

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(format_amount(0), "0");
        assert_eq!(format_amount(999), "999");
        assert_eq!(format_amount(1_000), "1,000");
        assert_eq!(format_amount(-12_345_678), "-12,345,678");
        assert_eq!(
            Invalid::SumMismatch {
                expected: 1_500_000
            }
            .to_string(),
            "validation-sum-mismatch expected=1,500,000"
        );
    }

    #[test]
    fn contrast_argument_is_formatted_with_one_decimal() {
        let args = Invalid::ColourContrast { ratio_tenths: 32 }.message_args();
        assert_eq!(args, vec![("ratio", "3.2".to_string())]);
    }
}
