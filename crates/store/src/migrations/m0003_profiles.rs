//! The full organisation profile: further sections on the organisation row, programmes,
//! yearly reports with their statements, documents, outcome metrics and their values,
//! certifications, the ★ level kept on the row for lists, and a table that lets one node at a
//! time claim a scheduled job.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    from_table: &str,
    from_col: &str,
    to_table: &str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from_table}_{from_col}"))
        .from(from_table.to_owned(), from_col.to_owned())
        .to(to_table.to_owned(), "id")
        .on_delete(on_delete)
        .take()
}

fn index(table: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", cols.join("_")))
        .table(table.to_owned());
    for c in cols {
        stmt.col((*c).to_owned());
    }
    if unique {
        stmt.unique();
    }
    stmt.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        // SQLite adds one column per ALTER TABLE.
        let columns = [
            date_null("founded_on"),
            date_null("incorporated_on"),
            text_null("competent_authority"),
            text_null("representative_name"),
            text_null("representative_title"),
            small_integer_null("fiscal_year_start_month"),
            string_len_null("phone", 20),
            text_null("contact_name"),
            boolean("website_none").default(false).take(),
            text("social_links").default("{}").take(),
            boolean("social_none").default(false).take(),
            text_null("logo_key"),
            boolean("logo_none").default(false).take(),
            integer_null("officers"),
            integer_null("staff_full_time"),
            integer_null("staff_part_time"),
            integer_null("volunteers"),
            integer_null("members_regular"),
            integer_null("members_supporting"),
            timestamp_with_time_zone_null("reviewed_at"),
            small_integer("disclosure_level").default(0).take(),
            small_integer("certification_step").default(0).take(),
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
        m.create_index(index(
            "organisations",
            &["disclosure_level", "sort_key", "id"],
            false,
        ))
        .await?;
        m.create_index(index("organisations", &["certification_step"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("organisation_programmes")
                .col(big_pk_auto("id"))
                .col(big_integer("organisation_id"))
                .col(integer("position"))
                .col(text("name"))
                .col(text_null("description"))
                .col(text_null("target_population"))
                .col(text_null("area"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(
                    "organisation_programmes",
                    "organisation_id",
                    "organisations",
                    Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "organisation_programmes",
            &["organisation_id", "position"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("annual_reports")
                .col(big_pk_auto("id"))
                .col(big_integer("organisation_id"))
                .col(integer("fiscal_year"))
                .col(string_len("basis", 20))
                .col(text_null("business_report"))
                // The validated statement as JSON; the headline figures are also columns so
                // lists and regional figures can sort and sum them.
                .col(text("statement"))
                .col(big_integer_null("revenue_total"))
                .col(big_integer_null("expenses_total"))
                .col(big_integer_null("assets_total"))
                .col(big_integer_null("liabilities_total"))
                .col(big_integer_null("net_assets_total"))
                .col(boolean("has_finances").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(
                    "annual_reports",
                    "organisation_id",
                    "organisations",
                    Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "annual_reports",
            &["organisation_id", "fiscal_year"],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("organisation_documents")
                .col(big_pk_auto("id"))
                .col(big_integer("organisation_id"))
                .col(string_len("kind", 30))
                .col(integer_null("fiscal_year"))
                .col(text("filename"))
                .col(string_len("content_type", 100))
                .col(big_integer("size"))
                .col(char_len("sha256", 64))
                .col(string_len("storage_key", 200).unique_key())
                .col(boolean("public"))
                .col(big_integer_null("uploaded_by"))
                .col(timestamp_with_time_zone("uploaded_at"))
                .foreign_key(&mut fk(
                    "organisation_documents",
                    "organisation_id",
                    "organisations",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "organisation_documents",
                    "uploaded_by",
                    "users",
                    SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "organisation_documents",
            &["organisation_id", "kind"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("outcome_metrics")
                .col(big_pk_auto("id"))
                .col(big_integer("organisation_id"))
                .col(integer("position"))
                .col(text("name"))
                .col(string_len("unit", 40))
                .col(string_len("kind", 20))
                .col(string_len("direction", 20))
                .col(string_len_null("sdg_target", 10))
                .col(string_len_null("iris_code", 10))
                .col(text_null("description"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(
                    "outcome_metrics",
                    "organisation_id",
                    "organisations",
                    Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(index("outcome_metrics", &["organisation_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("metric_values")
                .col(big_integer("metric_id"))
                .col(integer("fiscal_year"))
                .col(double("value"))
                .col(text_null("note"))
                .primary_key(Index::create().col("metric_id").col("fiscal_year"))
                .foreign_key(&mut fk(
                    "metric_values",
                    "metric_id",
                    "outcome_metrics",
                    Cascade,
                ))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("certifications")
                .col(big_pk_auto("id"))
                .col(big_integer("organisation_id"))
                // None for STEP1, which no portal grants.
                .col(big_integer_null("portal_id"))
                .col(small_integer("step"))
                .col(string_len("status", 20))
                .col(date("granted_on"))
                .col(date_null("expires_on"))
                .col(big_integer_null("granted_by"))
                .col(text_null("notes"))
                .col(date_null("ended_on"))
                .col(big_integer_null("ended_by"))
                .col(text_null("end_note"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "certifications",
                    "organisation_id",
                    "organisations",
                    Cascade,
                ))
                .foreign_key(&mut fk("certifications", "portal_id", "portals", SetNull))
                .foreign_key(&mut fk("certifications", "granted_by", "users", SetNull))
                .foreign_key(&mut fk("certifications", "ended_by", "users", SetNull))
                .take(),
        )
        .await?;
        m.create_index(index("certifications", &["organisation_id", "step"], false))
            .await?;
        m.create_index(index("certifications", &["status", "expires_on"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("scheduled_jobs")
                .col(string_len("name", 60).primary_key())
                .col(timestamp_with_time_zone("last_run_at"))
                .take(),
        )
        .await?;
        Ok(())
    }
}
