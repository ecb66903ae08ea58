//! sea-orm entities: one per table, named as the tables are. Only the store crate sees them;
//! the rest of the application works with domain types.

pub mod account_tokens;
pub mod annual_reports;
pub mod api_tokens;
pub mod audit_events;
pub mod certifications;
pub mod claims;
pub mod form_drafts;
pub mod invitations;
pub mod metric_values;
pub mod municipalities;
pub mod organisation_areas;
pub mod organisation_documents;
pub mod organisation_programmes;
pub mod organisation_roles;
pub mod organisations;
pub mod outcome_metrics;
pub mod portal_curations;
pub mod portal_memberships;
pub mod portal_roles;
pub mod portals;
pub mod rate_limits;
pub mod scheduled_jobs;
pub mod search_outbox;
pub mod sessions;
pub mod users;
