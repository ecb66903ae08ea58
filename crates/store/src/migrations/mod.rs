//! Schema migrations. Each is a Rust function building engine-neutral DDL with sea-query, so
//! SQLite and PostgreSQL get their schema from one definition and cannot drift; a test also
//! compares the two migrated schemas.

use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_accounts;
mod m0003_profiles;
mod m0004_search;
mod m0005_imports;
mod m0006_spreadsheet_imports;
mod m0007_deferred_indexes;
mod m0008_import_heartbeat;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_accounts::Migration),
            Box::new(m0003_profiles::Migration),
            Box::new(m0004_search::Migration),
            Box::new(m0005_imports::Migration),
            Box::new(m0006_spreadsheet_imports::Migration),
            Box::new(m0007_deferred_indexes::Migration),
            Box::new(m0008_import_heartbeat::Migration),
        ]
    }
}
