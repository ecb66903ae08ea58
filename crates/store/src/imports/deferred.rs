//! Bulk loads into an empty table: its secondary indexes are dropped first and built once at
//! the end. Maintaining them row by row dominated a load of millions of rows (random B-tree
//! inserts whose pages every batch wrote to the WAL again); building one from the finished
//! table is a sort. Unique indexes and keys stay, since lookups and conflicts need them. The
//! definitions go to `deferred_indexes` in the transaction that drops them, so an interrupted
//! load loses nothing: [`Store::migrate`], which every command runs at start, builds whatever
//! is left there.

use super::Imports;
use crate::entities::{deferred_indexes as deferred, organisations as orgs};
use crate::{Engine, Store, StoreResult};
use chrono::Utc;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set, Statement};

/// The table whose indexes a registry load defers.
const TABLE: &str = "organisations";

impl Imports<'_> {
    /// The names of the secondary indexes `organisations` has now (for checks and tests).
    pub async fn organisation_indexes(&self) -> StoreResult<Vec<String>> {
        let found = secondary_indexes(&self.store.write, self.store.engine).await?;
        Ok(found.into_iter().map(|(name, _)| name).collect())
    }

    /// The indexes dropped by a load and not built yet.
    pub async fn deferred_indexes(&self) -> StoreResult<Vec<String>> {
        Ok(deferred::Entity::find()
            .order_by_asc(deferred::Column::Name)
            .all(&self.store.write)
            .await?
            .into_iter()
            .map(|d| d.name)
            .collect())
    }

    /// Drops the secondary indexes of `organisations` if it holds no row, recording them to be
    /// built again; returns their names (none when the table is not empty).
    pub async fn defer_indexes_if_empty(&self) -> StoreResult<Vec<String>> {
        let engine = self.store.engine;
        self.store
            .write_txn(async |txn| {
                let any: Option<i64> = orgs::Entity::find()
                    .select_only()
                    .column(orgs::Column::Id)
                    .limit(1)
                    .into_tuple()
                    .one(txn)
                    .await?;
                if any.is_some() {
                    return Ok(Vec::new());
                }
                let indexes = secondary_indexes(txn, engine).await?;
                let now = Utc::now();
                for (name, definition) in &indexes {
                    deferred::Entity::delete_by_id(name.clone())
                        .exec(txn)
                        .await?;
                    deferred::Entity::insert(deferred::ActiveModel {
                        name: Set(name.clone()),
                        table_name: Set(TABLE.to_owned()),
                        definition: Set(definition.clone()),
                        deferred_at: Set(now),
                    })
                    .exec(txn)
                    .await?;
                    txn.execute_unprepared(&format!("DROP INDEX {}", quoted(name)))
                        .await?;
                }
                Ok(indexes.into_iter().map(|(name, _)| name).collect())
            })
            .await
    }
}

impl Imports<'_> {
    /// Refreshes PostgreSQL's statistics of `organisations` (nothing to do on SQLite, which
    /// plans each statement afresh). A load that multiplies the table's size would otherwise
    /// keep the plans made while it was nearly empty: PostgreSQL caches a generic plan for a
    /// prepared lookup after a few runs, and one made for an empty table scans the whole table
    /// for every batch. Autovacuum would analyze it in time, but may be off or late.
    pub async fn analyze(&self) -> StoreResult<()> {
        if self.store.engine == Engine::Postgres {
            self.store
                .write
                .execute_unprepared(&format!("ANALYZE {}", quoted(TABLE)))
                .await?;
        }
        Ok(())
    }
}

impl Store {
    /// Builds every index a bulk load deferred (see the module note); returns their names.
    pub async fn build_deferred_indexes(&self) -> StoreResult<Vec<String>> {
        let pending = deferred::Entity::find()
            .order_by_asc(deferred::Column::Name)
            .all(&self.write)
            .await?;
        let mut built = Vec::new();
        for index in pending {
            let engine = self.engine;
            self.write_txn(async |txn| {
                if engine == Engine::Postgres {
                    // The sort of a few million keys fits in memory instead of spilling.
                    txn.execute_unprepared("SET LOCAL maintenance_work_mem = '256MB'")
                        .await?;
                }
                txn.execute_raw(Statement::from_string(
                    txn.get_database_backend(),
                    if_not_exists(&index.definition),
                ))
                .await?;
                deferred::Entity::delete_by_id(index.name.clone())
                    .exec(txn)
                    .await?;
                Ok(())
            })
            .await?;
            tracing::info!(index = %index.name, "deferred index built");
            built.push(index.name);
        }
        Ok(built)
    }
}

/// The non-unique indexes of [`TABLE`], as (name, CREATE INDEX statement).
async fn secondary_indexes(
    db: &impl ConnectionTrait,
    engine: Engine,
) -> StoreResult<Vec<(String, String)>> {
    let sql = match engine {
        Engine::Sqlite => format!(
            "SELECT name, sql AS definition FROM sqlite_master \
             WHERE type = 'index' AND tbl_name = '{TABLE}' AND sql IS NOT NULL \
             AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name"
        ),
        // Filtered before pg_get_indexdef runs: the pg_indexes view would call it on every
        // index of the cluster, failing on one another schema drops meanwhile.
        Engine::Postgres => format!(
            "WITH mine AS MATERIALIZED (SELECT c.oid, c.relname FROM pg_index x \
             JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace \
             WHERE n.nspname = current_schema() AND t.relname = '{TABLE}' \
             AND NOT x.indisunique AND NOT x.indisprimary) \
             SELECT relname::text AS name, pg_get_indexdef(oid) AS definition FROM mine \
             ORDER BY relname"
        ),
    };
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("", "name")?, row.try_get("", "definition")?)))
        .collect()
}

/// An identifier in double quotes, as both engines read it.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The statement made safe to run when the index already exists (another node got there first).
fn if_not_exists(definition: &str) -> String {
    match definition.strip_prefix("CREATE INDEX ") {
        Some(rest) if !rest.starts_with("IF NOT EXISTS") => {
            format!("CREATE INDEX IF NOT EXISTS {rest}")
        }
        _ => definition.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_become_idempotent() {
        assert_eq!(
            if_not_exists("CREATE INDEX \"ix_a\" ON \"organisations\" (\"name\")"),
            "CREATE INDEX IF NOT EXISTS \"ix_a\" ON \"organisations\" (\"name\")"
        );
        assert_eq!(
            if_not_exists("CREATE INDEX IF NOT EXISTS ix_a ON t (c)"),
            "CREATE INDEX IF NOT EXISTS ix_a ON t (c)"
        );
        assert_eq!(quoted("a\"b"), "\"a\"\"b\"");
    }
}
