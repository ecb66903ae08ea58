//! Hiroba's domain: the vocabulary of Japanese public-benefit organisations and portals, and the
//! rules about them. Pure: no I/O, no clock, no database; everything here is unit-tested on
//! real values.

pub mod accounts;
pub mod activity_fields;
pub mod certification;
pub mod code_set;
pub mod codes;
pub mod colour;
pub mod dates;
pub mod disclosure;
pub mod documents;
pub mod ecosystem_roles;
pub mod finances;
pub mod kana;
pub mod legal_forms;
pub mod metrics;
pub mod organisations;
pub mod policy;
pub mod portals;
pub mod prefectures;
pub mod programmes;
pub mod registries;
pub mod roles;
pub mod scope;
pub mod sdgs;
pub mod uploads;
pub mod validation;

pub use validation::{FieldError, FieldErrors, Invalid};
