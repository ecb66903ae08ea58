//! Secondary indexes a bulk load into an empty table dropped, kept with their definitions until
//! they are built again (see `imports::deferred`): a load that is interrupted leaves them here,
//! and the next start of any Hiroba command builds them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("deferred_indexes")
                .col(string_len("name", 200).primary_key())
                .col(string_len("table_name", 200))
                // The engine's own CREATE INDEX statement, as its catalogue gives it.
                .col(text("definition"))
                .col(timestamp_with_time_zone("deferred_at"))
                .take(),
        )
        .await
    }
}
