//! Browser sessions, kept in the database so any app node can serve any request.

use crate::entities::sessions;
use crate::{Store, StoreResult};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the cookie value.
    pub id: String,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub struct Sessions<'a> {
    store: &'a Store,
}

impl<'a> Sessions<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    pub async fn create(
        &self,
        id: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        user_agent: Option<&str>,
    ) -> StoreResult<()> {
        sessions::Entity::insert(sessions::ActiveModel {
            id: Set(id.to_owned()),
            user_id: Set(user_id),
            created_at: Set(now),
            last_seen_at: Set(now),
            expires_at: Set(expires_at),
            user_agent: Set(user_agent.map(|ua| ua.chars().take(200).collect())),
        })
        .exec(&self.store.write)
        .await?;
        Ok(())
    }

    pub async fn find(&self, id: &str) -> StoreResult<Option<Session>> {
        Ok(sessions::Entity::find_by_id(id.to_owned())
            .one(&self.store.read)
            .await?
            .map(|m| Session {
                id: m.id,
                user_id: m.user_id,
                created_at: m.created_at,
                last_seen_at: m.last_seen_at,
                expires_at: m.expires_at,
            }))
    }

    pub async fn touch(&self, id: &str, now: DateTime<Utc>) -> StoreResult<()> {
        sessions::Entity::update_many()
            .col_expr(sessions::Column::LastSeenAt, Expr::value(now))
            .filter(sessions::Column::Id.eq(id))
            .exec(&self.store.write)
            .await?;
        Ok(())
    }

    pub async fn delete(&self, id: &str) -> StoreResult<()> {
        sessions::Entity::delete_by_id(id.to_owned())
            .exec(&self.store.write)
            .await?;
        Ok(())
    }

    /// Removes sessions past their absolute expiry (idle ones are refused when read).
    pub async fn purge_expired(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        Ok(sessions::Entity::delete_many()
            .filter(sessions::Column::ExpiresAt.lt(now))
            .exec(&self.store.write)
            .await?
            .rows_affected)
    }
}
