//! Public identifiers with check digits and contact formats.

mod contact;
mod corporate_number;
mod municipality_code;
mod phone;
mod postal_code;

pub use contact::{Email, Website};
pub use corporate_number::CorporateNumber;
pub use municipality_code::MunicipalityCode;
pub use phone::Phone;
pub use postal_code::PostalCode;
