//! Portals, organisations, their areas, curation and membership; the municipality gazetteer.

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

fn index(table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", cols.join("_")))
        .table(table.to_owned());
    for c in cols {
        stmt.col((*c).to_owned());
    }
    stmt.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("municipalities")
                .col(char_len("code", 6).primary_key())
                .col(small_integer("prefecture_code"))
                .col(text("name_ja"))
                .col(text_null("name_kana"))
                .col(text_null("name_en"))
                .take(),
        )
        .await?;
        m.create_index(index("municipalities", &["prefecture_code"]))
            .await?;

        m.create_table(
            Table::create()
                .table("organisations")
                .col(big_pk_auto("id"))
                .col(text("name"))
                .col(text_null("name_kana"))
                .col(text("sort_key"))
                .col(string_len("legal_form", 40))
                .col(big_integer("roles").default(0))
                .col(char_len_null("corporate_number", 13).unique_key())
                .col(char_len_null("postal_code", 7))
                .col(small_integer_null("prefecture_code"))
                .col(char_len_null("municipality_code", 6))
                .col(text_null("street"))
                .col(boolean("street_public").default(false))
                .col(text_null("website"))
                .col(text_null("email"))
                .col(text_null("mission"))
                .col(text_null("description"))
                .col(big_integer("activity_fields").default(0))
                .col(big_integer("sdgs").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        for cols in [
            &["sort_key", "id"][..],
            &["prefecture_code"],
            &["municipality_code"],
            &["legal_form"],
        ] {
            m.create_index(index("organisations", cols)).await?;
        }

        m.create_table(
            Table::create()
                .table("organisation_areas")
                .col(big_integer("organisation_id"))
                .col(char_len("area_code", 6))
                .col(integer("position"))
                .primary_key(Index::create().col("organisation_id").col("area_code"))
                .foreign_key(&mut fk(
                    "organisation_areas",
                    "organisation_id",
                    "organisations",
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(index("organisation_areas", &["area_code"]))
            .await?;

        m.create_table(
            Table::create()
                .table("portals")
                .col(big_pk_auto("id"))
                .col(string_len("slug", 40).unique_key())
                .col(text("name_ja"))
                .col(text("name_en"))
                .col(string_len("kind", 20))
                .col(big_integer_null("operator_organisation_id"))
                .col(text("scope_prefectures"))
                .col(text("scope_municipalities"))
                .col(big_integer("scope_activity_fields").default(0))
                .col(big_integer("scope_sdgs").default(0))
                .col(char_len("primary_colour", 7))
                .col(char_len("accent_colour", 7))
                .col(text_null("logo_url"))
                .col(text_null("intro_ja"))
                .col(text_null("intro_en"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(
                    "portals",
                    "operator_organisation_id",
                    "organisations",
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;

        for table in ["portal_curations", "portal_memberships"] {
            let mut t = Table::create();
            t.table(table)
                .col(big_integer("portal_id"))
                .col(big_integer("organisation_id"))
                .primary_key(Index::create().col("portal_id").col("organisation_id"))
                .foreign_key(&mut fk(
                    table,
                    "portal_id",
                    "portals",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    table,
                    "organisation_id",
                    "organisations",
                    ForeignKeyAction::Cascade,
                ));
            if table == "portal_curations" {
                t.col(string_len("curation", 10))
                    .col(timestamp_with_time_zone("created_at"));
            }
            m.create_table(t.take()).await?;
            m.create_index(index(table, &["organisation_id"])).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "portal_memberships",
            "portal_curations",
            "portals",
            "organisation_areas",
            "organisations",
            "municipalities",
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
