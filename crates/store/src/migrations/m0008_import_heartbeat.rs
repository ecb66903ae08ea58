//! When an import run last recorded progress, so that a run whose process died (a node
//! restarted during a browser import) can be told from one still going.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("import_runs")
                .add_column(timestamp_with_time_zone_null("updated_at"))
                .take(),
        )
        .await
    }
}
