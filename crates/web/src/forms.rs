//! Turning validation results into messages beside form fields.

use crate::page::Tr;
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_i18n::Value;

/// The message for one invalid value, in the reader's language.
pub fn message(tr: &Tr<'_>, invalid: &Invalid) -> String {
    let args: Vec<(&str, Value<'_>)> = invalid
        .message_args()
        .into_iter()
        .map(|(name, value)| (name, Value::from(value)))
        .collect();
    tr.args(invalid.message_id(), &args)
}

/// The message for `field`, if it is invalid.
pub fn error_for(tr: &Tr<'_>, errors: &FieldErrors, field: &str) -> Option<String> {
    errors.for_field(field).map(|e| message(tr, &e.invalid))
}
