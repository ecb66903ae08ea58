//! People, sessions, roles, invitations, claims, the audit log, and the small tables that
//! protect sign-in (rate limits) and forms (drafts kept across an expired session).

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
        m.create_table(
            Table::create()
                .table("users")
                .col(big_pk_auto("id"))
                .col(string_len("email", 254).unique_key())
                .col(timestamp_with_time_zone_null("email_verified_at"))
                .col(text("password_hash"))
                .col(text("display_name"))
                .col(string_len("lang", 8))
                .col(boolean("platform_admin").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("last_sign_in_at"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("sessions")
                .col(char_len("id", 64).primary_key())
                .col(big_integer("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(text_null("user_agent"))
                .foreign_key(&mut fk("sessions", "user_id", "users", Cascade))
                .take(),
        )
        .await?;
        m.create_index(index("sessions", &["user_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("account_tokens")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(string_len("purpose", 20))
                .col(char_len("token_hash", 64).unique_key())
                .col(string_len_null("new_email", 254))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .foreign_key(&mut fk("account_tokens", "user_id", "users", Cascade))
                .take(),
        )
        .await?;
        m.create_index(index("account_tokens", &["user_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("api_tokens")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(text("name"))
                .col(string_len("display_prefix", 16))
                .col(char_len("token_hash", 64).unique_key())
                .col(string_len("scope", 12))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk("api_tokens", "user_id", "users", Cascade))
                .take(),
        )
        .await?;
        m.create_index(index("api_tokens", &["user_id"], false))
            .await?;

        for (table, target, target_table) in [
            ("portal_roles", "portal_id", "portals"),
            ("organisation_roles", "organisation_id", "organisations"),
        ] {
            m.create_table(
                Table::create()
                    .table(table)
                    .col(big_integer(target))
                    .col(big_integer("user_id"))
                    .col(string_len("role", 12))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col(target).col("user_id"))
                    .foreign_key(&mut fk(table, target, target_table, Cascade))
                    .foreign_key(&mut fk(table, "user_id", "users", Cascade))
                    .take(),
            )
            .await?;
            m.create_index(index(table, &["user_id"], false)).await?;
        }

        m.create_table(
            Table::create()
                .table("invitations")
                .col(big_pk_auto("id"))
                .col(char_len("token_hash", 64).unique_key())
                .col(string_len("email", 254))
                .col(string_len("target_kind", 16))
                .col(big_integer("target_id"))
                .col(string_len("role", 12))
                .col(big_integer_null("invited_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("accepted_at"))
                .col(big_integer_null("accepted_by"))
                .foreign_key(&mut fk("invitations", "invited_by", "users", SetNull))
                .foreign_key(&mut fk("invitations", "accepted_by", "users", SetNull))
                .take(),
        )
        .await?;
        m.create_index(index("invitations", &["target_kind", "target_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("claims")
                .col(big_pk_auto("id"))
                .col(big_integer("organisation_id"))
                .col(big_integer("user_id"))
                .col(text("message"))
                .col(string_len("status", 12))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(big_integer_null("decided_by"))
                .col(text_null("decision_note"))
                .foreign_key(&mut fk(
                    "claims",
                    "organisation_id",
                    "organisations",
                    Cascade,
                ))
                .foreign_key(&mut fk("claims", "user_id", "users", Cascade))
                .foreign_key(&mut fk("claims", "decided_by", "users", SetNull))
                .take(),
        )
        .await?;
        m.create_index(index("claims", &["organisation_id"], false))
            .await?;
        m.create_index(index("claims", &["status"], false)).await?;

        m.create_table(
            Table::create()
                .table("audit_events")
                .col(big_pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(big_integer_null("actor_user_id"))
                .col(string_len("action", 40))
                .col(string_len("target_type", 20))
                .col(big_integer_null("target_id"))
                .col(big_integer_null("portal_id"))
                .col(big_integer_null("organisation_id"))
                .col(text("details"))
                .foreign_key(&mut fk("audit_events", "actor_user_id", "users", SetNull))
                .take(),
        )
        .await?;
        for cols in [
            &["portal_id", "id"][..],
            &["organisation_id", "id"],
            &["actor_user_id"],
        ] {
            m.create_index(index("audit_events", cols, false)).await?;
        }

        m.create_table(
            Table::create()
                .table("rate_limits")
                .col(string_len("key", 300))
                .col(big_integer("window_start"))
                .col(integer("hits"))
                .primary_key(Index::create().col("key").col("window_start"))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("form_drafts")
                .col(char_len("id", 43).primary_key())
                .col(big_integer_null("user_id"))
                .col(text("path"))
                .col(text("fields"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(&mut fk("form_drafts", "user_id", "users", Cascade))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "form_drafts",
            "rate_limits",
            "audit_events",
            "claims",
            "invitations",
            "organisation_roles",
            "portal_roles",
            "api_tokens",
            "account_tokens",
            "sessions",
            "users",
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
