//! What someone typed into a form when their session had expired, kept until they sign in again
//! (an hour at most), so nothing is lost.

use crate::entities::form_drafts as drafts;
use crate::{Store, StoreResult};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

pub struct Drafts<'a> {
    store: &'a Store,
}

impl<'a> Drafts<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// Keeps `fields` posted to `path`, for `user_id` if known (from the expired session).
    pub async fn save(
        &self,
        id: &str,
        user_id: Option<i64>,
        path: &str,
        fields: &[(String, String)],
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        drafts::Entity::insert(drafts::ActiveModel {
            id: Set(id.to_owned()),
            user_id: Set(user_id),
            path: Set(path.to_owned()),
            fields: Set(serde_json::to_string(fields).unwrap_or_default()),
            expires_at: Set(expires_at),
        })
        .exec(&self.store.write)
        .await?;
        Ok(())
    }

    /// Returns and forgets the draft, if it belongs to this path and this user (or to nobody
    /// known) and has not expired.
    pub async fn take(
        &self,
        id: &str,
        path: &str,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Vec<(String, String)>>> {
        let Some(row) = drafts::Entity::find_by_id(id.to_owned())
            .one(&self.store.write)
            .await?
        else {
            return Ok(None);
        };
        if row.path != path || row.expires_at <= now || row.user_id.is_some_and(|u| u != user_id) {
            return Ok(None);
        }
        drafts::Entity::delete_by_id(id.to_owned())
            .exec(&self.store.write)
            .await?;
        Ok(serde_json::from_str(&row.fields).ok())
    }

    pub async fn purge_expired(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        Ok(drafts::Entity::delete_many()
            .filter(drafts::Column::ExpiresAt.lt(now))
            .exec(&self.store.write)
            .await?
            .rows_affected)
    }
}
