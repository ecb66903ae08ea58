//! sea-orm entities: one per table, named as the tables are. Only the store crate sees them;
//! the rest of the application works with domain types.

pub mod account_tokens;
pub mod api_tokens;
pub mod audit_events;
pub mod claims;
pub mod form_drafts;
pub mod invitations;
pub mod municipalities;
pub mod organisation_areas;
pub mod organisation_roles;
pub mod organisations;
pub mod portal_curations;
pub mod portal_memberships;
pub mod portal_roles;
pub mod portals;
pub mod rate_limits;
pub mod sessions;
pub mod users;
