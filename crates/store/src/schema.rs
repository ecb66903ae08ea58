//! A description of the migrated schema (tables, columns, nullability, a portable type family),
//! read back from the database so tests can prove both engines got the same schema.

use crate::{Engine, Store, StoreResult};
use sea_orm::{ConnectionTrait, Statement};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ColumnShape {
    pub name: String,
    /// "integer", "text", "boolean", "timestamp" or the engine's own type name.
    pub family: String,
    pub nullable: bool,
}

/// Table name → columns in name order. The migration bookkeeping table is left out.
pub type SchemaShape = BTreeMap<String, Vec<ColumnShape>>;

fn family(engine_type: &str) -> String {
    let t = engine_type.to_ascii_lowercase();
    // SQLite names sea-query's timestamp type "timestamp_with_timezone_text": test it first.
    let family = if t.contains("timestamp") {
        "timestamp"
    } else if t.contains("date") {
        // SQLite keeps sea-query's date as "date_text".
        "date"
    } else if t.contains("double") || t == "real" {
        "double"
    } else if t.contains("int") {
        "integer"
    } else if t.contains("char") || t.contains("text") || t == "character" {
        "text"
    } else if t.contains("bool") {
        "boolean"
    } else {
        return t;
    };
    family.to_owned()
}

impl Store {
    pub async fn schema_shape(&self) -> StoreResult<SchemaShape> {
        let db = &self.read;
        let backend = db.get_database_backend();
        let rows = match self.engine {
            Engine::Sqlite => {
                db.query_all_raw(Statement::from_string(
                    backend,
                    "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type, \
                     CASE WHEN p.\"notnull\" = 1 OR p.pk > 0 THEN 0 ELSE 1 END AS nullable \
                     FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
                ))
                .await?
            }
            Engine::Postgres => {
                db.query_all_raw(Statement::from_string(
                    backend,
                    "SELECT table_name::text AS table_name, column_name::text AS column_name, \
                     data_type::text AS data_type, \
                     CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS nullable \
                     FROM information_schema.columns WHERE table_schema = current_schema()",
                ))
                .await?
            }
        };
        let mut shape = SchemaShape::new();
        for row in rows {
            let table: String = row.try_get("", "table_name")?;
            if table == "seaql_migrations" {
                continue;
            }
            let nullable: i32 = row.try_get("", "nullable")?;
            shape.entry(table).or_default().push(ColumnShape {
                name: row.try_get("", "column_name")?,
                family: family(&row.try_get::<String>("", "data_type")?),
                nullable: nullable == 1,
            });
        }
        for cols in shape.values_mut() {
            cols.sort();
        }
        Ok(shape)
    }
}
