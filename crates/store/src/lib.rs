//! Hiroba's storage: one query code path (sea-orm) over SQLite and PostgreSQL.
//!
//! The engine is chosen by the database URL. On SQLite the store keeps a single-connection write
//! pool and a read-only pool (WAL lets readers run beside the one writer); on PostgreSQL both are
//! the same pool. Repositories are grouped by feature, named as in the other layers.

pub mod account_tokens;
pub mod api_tokens;
pub mod audit;
pub mod certifications;
pub mod claims;
mod connect;
pub mod disclosure;
pub mod documents;
pub mod drafts;
mod entities;
mod error;
pub mod housekeeping;
pub mod imports;
pub mod invitations;
pub mod jobs;
pub mod metrics;
pub mod migrations;
pub mod municipalities;
pub mod organisations;
pub mod paging;
pub mod portals;
pub mod programmes;
pub mod rate_limits;
pub mod reports;
pub mod schema;
pub mod search_feed;
pub mod sessions;
pub mod snapshot;
pub mod team;
mod txn;
pub mod users;

pub use audit::By;
pub use connect::{Engine, StoreOptions, redact as redacted_url};
pub use error::{StoreError, StoreResult};

use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

/// Advisory lock key for migrations ("hiroba" in ASCII, as a number).
const MIGRATION_LOCK: i64 = 0x68_69_72_6f_62_61;
use sea_orm_migration::MigratorTrait;

#[derive(Clone, Debug)]
pub struct Store {
    read: DatabaseConnection,
    write: DatabaseConnection,
    engine: Engine,
}

impl Store {
    /// Connects to the database named by `url` (`sqlite://…` or `postgres://…`).
    pub async fn connect(url: &str, options: &StoreOptions) -> StoreResult<Store> {
        let (read, write, engine) = connect::open(url, options).await?;
        Ok(Store {
            read,
            write,
            engine,
        })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Applies pending migrations; returns the names of those applied.
    ///
    /// On PostgreSQL, app nodes starting together take turns: a transaction-scoped advisory
    /// lock, held on its own connection, serialises them, and each sees what the previous one
    /// applied.
    pub async fn migrate(&self) -> StoreResult<Vec<String>> {
        let lock = match self.engine {
            Engine::Postgres => {
                let txn = self.write.begin().await?;
                txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                    .await?;
                Some(txn)
            }
            Engine::Sqlite => None,
        };
        let pending: Vec<String> = migrations::Migrator::get_pending_migrations(&self.write)
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        let mut result = migrations::Migrator::up(&self.write, None)
            .await
            .map_err(Into::into);
        if result.is_ok() {
            // Indexes an interrupted bulk load left to build (see `imports::deferred`).
            result = self.build_deferred_indexes().await.map(|_| ());
        }
        if let Some(txn) = lock {
            txn.commit().await?;
        }
        result?;
        Ok(pending)
    }

    /// Drops every table in the database (or PostgreSQL schema) and applies all migrations
    /// again. Only for demos and tests: it deletes all data.
    pub async fn reset_schema(&self) -> StoreResult<()> {
        migrations::Migrator::fresh(&self.write).await?;
        Ok(())
    }

    /// Names of migrations not yet applied.
    pub async fn pending_migrations(&self) -> StoreResult<Vec<String>> {
        // The migrator creates its bookkeeping table if needed, so this goes through the writer.
        Ok(migrations::Migrator::get_pending_migrations(&self.write)
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect())
    }

    /// A cheap round trip, for readiness checks.
    pub async fn ping(&self) -> StoreResult<()> {
        self.read.ping().await?;
        Ok(())
    }

    pub fn organisations(&self) -> organisations::Organisations<'_> {
        organisations::Organisations::new(self)
    }

    pub fn portals(&self) -> portals::Portals<'_> {
        portals::Portals::new(self)
    }

    pub fn municipalities(&self) -> municipalities::Municipalities<'_> {
        municipalities::Municipalities::new(self)
    }

    pub fn users(&self) -> users::Users<'_> {
        users::Users::new(self)
    }

    pub fn sessions(&self) -> sessions::Sessions<'_> {
        sessions::Sessions::new(self)
    }

    pub fn account_tokens(&self) -> account_tokens::AccountTokens<'_> {
        account_tokens::AccountTokens::new(self)
    }

    pub fn api_tokens(&self) -> api_tokens::ApiTokens<'_> {
        api_tokens::ApiTokens::new(self)
    }

    pub fn team(&self) -> team::Team<'_> {
        team::Team::new(self)
    }

    pub fn invitations(&self) -> invitations::Invitations<'_> {
        invitations::Invitations::new(self)
    }

    pub fn claims(&self) -> claims::Claims<'_> {
        claims::Claims::new(self)
    }

    pub fn audit(&self) -> audit::Audit<'_> {
        audit::Audit::new(self)
    }

    pub fn rate_limits(&self) -> rate_limits::RateLimits<'_> {
        rate_limits::RateLimits::new(self)
    }

    pub fn drafts(&self) -> drafts::Drafts<'_> {
        drafts::Drafts::new(self)
    }

    pub fn programmes(&self) -> programmes::Programmes<'_> {
        programmes::Programmes::new(self)
    }

    pub fn reports(&self) -> reports::Reports<'_> {
        reports::Reports::new(self)
    }

    pub fn documents(&self) -> documents::Documents<'_> {
        documents::Documents::new(self)
    }

    pub fn metrics(&self) -> metrics::Metrics<'_> {
        metrics::Metrics::new(self)
    }

    pub fn certifications(&self) -> certifications::Certifications<'_> {
        certifications::Certifications::new(self)
    }

    pub async fn close(self) {
        let _ = self.read.close().await;
        if self.engine == Engine::Sqlite {
            let _ = self.write.close().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::ConnectionTrait;

    #[tokio::test]
    async fn the_sqlite_read_pool_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = Store::connect(&url, &StoreOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let insert = "INSERT INTO municipalities (code, prefecture_code, name_ja) VALUES ('331007', 33, '岡山市')";
        let err = store.read.execute_unprepared(insert).await.unwrap_err();
        assert!(err.to_string().contains("readonly"), "{err}");
        store.write.execute_unprepared(insert).await.unwrap();
        assert_eq!(
            store.municipalities().all().await.unwrap().len(),
            1,
            "readers see the writer's commit"
        );
    }
}
