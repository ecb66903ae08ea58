//! Query strings parsed leniently into text fields, so that any malformed input becomes a
//! validation message (400), never a framework rejection.

use crate::errors::AppError;
use axum::extract::{FromRequestParts, RawQuery};
use axum::http::request::Parts;
use hiroba_domain::{FieldErrors, Invalid};
use serde::de::DeserializeOwned;

/// Like axum's `Query`, but a parameter that cannot be read (e.g. given twice where one is
/// expected) is reported as a bad `query` with a message, in the request's language.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned + Default, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let RawQuery(raw) = RawQuery::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::Status(axum::http::StatusCode::BAD_REQUEST))?;
        match raw.as_deref().filter(|q| !q.is_empty()) {
            None => Ok(Params(T::default())),
            Some(q) => serde_html_form::from_str(q).map(Params).map_err(|e| {
                tracing::debug!(error = %e, "unreadable query string");
                let mut errs = FieldErrors::new();
                errs.push("query", Invalid::UnknownChoice);
                AppError::Invalid(errs)
            }),
        }
    }
}

/// A 1-based page number within `1..=max`; empty means 1.
pub fn page_number(value: &str, max: u64) -> Result<u64, Invalid> {
    let v = hiroba_domain::kana::nfkc(value.trim());
    if v.is_empty() {
        return Ok(1);
    }
    let n: u64 = v.parse().map_err(|_| Invalid::NotANumber)?;
    if n == 0 || n > max {
        return Err(Invalid::OutOfRange {
            min: 1,
            max: max as i64,
        });
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        assert_eq!(page_number("", 10), Ok(1));
        assert_eq!(page_number("３", 10), Ok(3));
        assert_eq!(
            page_number("0", 10),
            Err(Invalid::OutOfRange { min: 1, max: 10 })
        );
        assert_eq!(
            page_number("11", 10),
            Err(Invalid::OutOfRange { min: 1, max: 10 })
        );
        assert_eq!(page_number("-1", 10), Err(Invalid::NotANumber));
        assert_eq!(
            page_number("99999999999999999999999", 10),
            Err(Invalid::NotANumber)
        );
    }
}
