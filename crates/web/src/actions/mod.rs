//! What people can change, written once for pages and API alike: each function asks the policy
//! module, validates, stores (with the audit record) and sends whatever mail follows.

pub mod accounts;
pub mod certifications;
pub mod claims;
pub mod documents;
pub mod imports;
pub mod invitations;
pub mod mail;
pub mod metrics;
pub mod organisations;
pub mod portals;
pub mod programmes;
pub mod reports;
