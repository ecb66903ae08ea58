//! Rows of the public registries Hiroba imports: the National Tax Agency's corporate-number
//! data ([`nta`]) and the Cabinet Office's NPO法人 list ([`npo`]). Parsing is pure: a row's
//! fields in, a typed record or a [`RowError`] naming the column out. Reading files, encodings
//! and the database are the import crate's concern.

pub mod local_codes;
pub mod npo;
pub mod nta;
pub mod places;
pub mod plan;
pub mod provenance;
pub mod spreadsheet;

use crate::validation::Invalid;
use chrono::NaiveDate;

/// Why a row was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowError {
    /// The row has the wrong number of columns (a truncated line, another file's layout).
    ColumnCount { expected: usize, found: usize },
    /// One column's value is not valid.
    Field {
        column: &'static str,
        problem: Invalid,
    },
}

impl RowError {
    pub fn field(column: &'static str, problem: Invalid) -> RowError {
        RowError::Field { column, problem }
    }
}

pub(crate) fn required<'a>(value: &'a str, column: &'static str) -> Result<&'a str, RowError> {
    if value.is_empty() {
        Err(RowError::field(column, Invalid::Required))
    } else {
        Ok(value)
    }
}

pub(crate) fn optional(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_owned())
}

/// A date as registries write it (2024-04-01, 2024/04/01, 令和6年4月1日…); empty is none.
pub(crate) fn optional_date(
    value: &str,
    column: &'static str,
) -> Result<Option<NaiveDate>, RowError> {
    crate::dates::optional_date(value).map_err(|e| RowError::field(column, e))
}
