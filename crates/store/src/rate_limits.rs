//! Counting attempts per key in fixed windows, in the database so every app node sees the same
//! counts (sign-in failures per account and per address, reset requests).

use crate::entities::rate_limits as limits;
use crate::{Store, StoreResult};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

pub struct RateLimits<'a> {
    store: &'a Store,
}

fn window_start(now: DateTime<Utc>, window_secs: i64) -> i64 {
    now.timestamp() - now.timestamp().rem_euclid(window_secs)
}

impl<'a> RateLimits<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// Counts one attempt and returns the attempts in the current window, this one included.
    pub async fn hit(&self, key: &str, window_secs: i64, now: DateTime<Utc>) -> StoreResult<u32> {
        let start = window_start(now, window_secs);
        let row = limits::Entity::insert(limits::ActiveModel {
            key: Set(key.to_owned()),
            window_start: Set(start),
            hits: Set(1),
        })
        .on_conflict(
            OnConflict::columns([limits::Column::Key, limits::Column::WindowStart])
                .value(
                    limits::Column::Hits,
                    Expr::col((limits::Entity, limits::Column::Hits)).add(1),
                )
                .to_owned(),
        )
        // One statement: the count comes back with the write (RETURNING, on both engines).
        .exec_with_returning(&self.store.write)
        .await?;
        Ok(u32::try_from(row.hits).unwrap_or(0))
    }

    /// Attempts in the current window.
    pub async fn hits(&self, key: &str, window_secs: i64, now: DateTime<Utc>) -> StoreResult<u32> {
        let row = limits::Entity::find_by_id((key.to_owned(), window_start(now, window_secs)))
            .one(&self.store.write)
            .await?;
        Ok(row.map(|r| u32::try_from(r.hits).unwrap_or(0)).unwrap_or(0))
    }

    /// Seconds until the current window ends.
    pub fn retry_after(window_secs: i64, now: DateTime<Utc>) -> i64 {
        window_start(now, window_secs) + window_secs - now.timestamp()
    }

    /// Forgets attempts for a key (after a successful sign-in).
    pub async fn clear(&self, key: &str) -> StoreResult<()> {
        limits::Entity::delete_many()
            .filter(limits::Column::Key.eq(key))
            .exec(&self.store.write)
            .await?;
        Ok(())
    }

    pub async fn purge_before(&self, now: DateTime<Utc>, max_window_secs: i64) -> StoreResult<u64> {
        Ok(limits::Entity::delete_many()
            .filter(limits::Column::WindowStart.lt(now.timestamp() - max_window_secs))
            .exec(&self.store.write)
            .await?
            .rows_affected)
    }
}
