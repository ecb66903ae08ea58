//! The search outbox: one row per change that a search index must pick up, written in the
//! same transaction as the change, so every server's index can follow the database.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("search_outbox")
                .col(big_pk_auto("id"))
                .col(string_len("kind", 20))
                .col(big_integer("entity_id"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_search_outbox_created_at")
                .table("search_outbox")
                .col("created_at")
                .take(),
        )
        .await
    }
}
