//! Registry imports: where each organisation and each of its values came from, closure, the
//! history of registered names and addresses, and a log of import runs.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        let columns = [
            // Who created the row: "manual" (people) or a registry ("nta", "npo").
            string_len("source", 20).default("manual").take(),
            // Field → registry that supplied its value, as JSON; a field not named is the
            // organisation's own and no import overwrites it.
            text("field_sources").default("{}").take(),
            date_null("closed_on"),
            string_len_null("close_cause", 20),
            text_null("name_en"),
            // The registry's update date of the last row applied, so an older file cannot undo
            // a newer one.
            date_null("registry_updated_on"),
        ];
        for mut column in columns {
            m.alter_table(
                Table::alter()
                    .table("organisations")
                    .add_column(&mut column)
                    .take(),
            )
            .await?;
        }
        // Rows without a 法人番号 are matched by exact name (and 所轄庁).
        m.create_index(
            Index::create()
                .name("ix_organisations_name")
                .table("organisations")
                .col("name")
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("organisation_history")
                .col(big_pk_auto("id"))
                .col(big_integer("organisation_id"))
                .col(date_null("changed_on"))
                .col(string_len("kind", 20))
                .col(text_null("old_value"))
                .col(text_null("new_value"))
                .col(boolean("correction").default(false))
                .col(string_len("source", 20))
                .col(timestamp_with_time_zone("recorded_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_organisation_history_organisation_id")
                        .from("organisation_history", "organisation_id")
                        .to("organisations", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_organisation_history_organisation_id_id")
                .table("organisation_history")
                .col("organisation_id")
                .col("id")
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("import_runs")
                .col(big_pk_auto("id"))
                .col(string_len("kind", 20))
                .col(text("file_name"))
                .col(char_len("sha256", 64))
                .col(boolean("dry_run"))
                // running, finished or failed; a run left "running" was interrupted.
                .col(string_len("status", 20))
                .col(timestamp_with_time_zone("started_at"))
                .col(timestamp_with_time_zone_null("finished_at"))
                .col(big_integer("rows_read").default(0))
                .col(big_integer("created").default(0))
                .col(big_integer("updated").default(0))
                .col(big_integer("unchanged").default(0))
                .col(big_integer("closed").default(0))
                .col(big_integer("deleted").default(0))
                .col(big_integer("skipped").default(0))
                .col(big_integer("rejected").default(0))
                .col(text_null("error"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_import_runs_started_at")
                .table("import_runs")
                .col("started_at")
                .take(),
        )
        .await
    }
}
