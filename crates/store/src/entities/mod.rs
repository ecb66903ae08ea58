//! sea-orm entities: one per table, named as the tables are. Only the store crate sees them;
//! the rest of the application works with domain types.

pub mod municipalities;
pub mod organisation_areas;
pub mod organisations;
pub mod portal_curations;
pub mod portal_memberships;
pub mod portals;
