use crate::error::{StoreError, StoreResult};
use sea_orm::{DatabaseConnection, SqlxPostgresConnector, SqlxSqliteConnector};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn from_url(url: &str) -> Option<Engine> {
        if url.starts_with("sqlite:") {
            Some(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Engine::Postgres)
        } else {
            None
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

#[derive(Clone, Debug)]
pub struct StoreOptions {
    /// Size of the read pool (SQLite) or of the whole pool (PostgreSQL).
    pub max_connections: u32,
    /// PostgreSQL `search_path`, so tests can each work in their own schema.
    pub pg_schema: Option<String>,
    /// How long a SQLite writer waits for a lock held by another process.
    pub busy_timeout: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            max_connections: 8,
            pg_schema: None,
            busy_timeout: Duration::from_secs(5),
        }
    }
}

pub(crate) async fn open(
    url: &str,
    options: &StoreOptions,
) -> StoreResult<(DatabaseConnection, DatabaseConnection, Engine)> {
    let engine = Engine::from_url(url).ok_or_else(|| StoreError::UnsupportedUrl(redact(url)))?;
    let bad_url = |e: sqlx::Error| StoreError::UnsupportedUrl(format!("{}: {e}", redact(url)));
    match engine {
        Engine::Sqlite => {
            let base = SqliteConnectOptions::from_str(url)
                .map_err(bad_url)?
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(options.busy_timeout)
                .foreign_keys(true);
            // One writer: SQLite serialises writes anyway, and a single connection means a
            // transaction never fails with SQLITE_BUSY on upgrading its lock.
            // The writer keeps up to 64 MiB of pages (SQLite's default is 2 MiB): bulk writes
            // (imports of millions of rows) update indexes far larger than that, and with the
            // default every batch re-reads their pages from the OS. Allocated as used.
            let writer = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(
                    base.clone()
                        .create_if_missing(true)
                        .pragma("cache_size", "-65536"),
                )
                .await
                .map_err(StoreError::Connect)?;
            let reader = SqlitePoolOptions::new()
                .max_connections(options.max_connections.max(1))
                .connect_with(base.read_only(true))
                .await
                .map_err(StoreError::Connect)?;
            Ok((
                SqlxSqliteConnector::from_sqlx_sqlite_pool(reader),
                SqlxSqliteConnector::from_sqlx_sqlite_pool(writer),
                engine,
            ))
        }
        Engine::Postgres => {
            let mut pg = PgConnectOptions::from_str(url)
                .map_err(bad_url)?
                .application_name("hiroba");
            if let Some(schema) = &options.pg_schema {
                pg = pg.options([("search_path", schema.as_str())]);
            }
            let pool = PgPoolOptions::new()
                .max_connections(options.max_connections.max(2))
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(pg)
                .await
                .map_err(StoreError::Connect)?;
            let conn = SqlxPostgresConnector::from_sqlx_postgres_pool(pool);
            Ok((conn.clone(), conn, engine))
        }
    }
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_from_url() {
        assert_eq!(
            Engine::from_url("sqlite://data/hiroba.db"),
            Some(Engine::Sqlite)
        );
        assert_eq!(Engine::from_url("sqlite::memory:"), Some(Engine::Sqlite));
        assert_eq!(
            Engine::from_url("postgres://u@h/db"),
            Some(Engine::Postgres)
        );
        assert_eq!(
            Engine::from_url("postgresql://u@h/db"),
            Some(Engine::Postgres)
        );
        assert_eq!(Engine::from_url("mysql://u@h/db"), None);
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://hiroba:secret@db:5432/x"),
            "postgres://hiroba:***@db:5432/x"
        );
        assert_eq!(redact("postgres://hiroba@db/x"), "postgres://hiroba@db/x");
        assert_eq!(redact("sqlite://data/h.db"), "sqlite://data/h.db");
    }
}
