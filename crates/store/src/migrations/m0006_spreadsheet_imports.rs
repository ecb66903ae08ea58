//! Spreadsheet imports run by a portal's operators in the browser: the run log names the
//! portal (so each portal sees only its own runs), how many rows the file holds (for a
//! progress bar) and where its report of rejected rows is kept.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        let columns = [
            big_integer_null("portal_id"),
            big_integer_null("rows_total"),
            // A key of the file store; the report outlives the node that wrote it.
            string_len_null("report_key", 200),
        ];
        for mut column in columns {
            m.alter_table(
                Table::alter()
                    .table("import_runs")
                    .add_column(&mut column)
                    .take(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .name("ix_import_runs_portal_id_id")
                .table("import_runs")
                .col("portal_id")
                .col("id")
                .take(),
        )
        .await
    }
}
