//! Removing what has expired: sessions, form drafts, rate-limit windows, old e-mailed links
//! and search outbox entries every index has long applied.
//! Every step is an idempotent delete, so every app node may run it on its own schedule.

use crate::entities::account_tokens;
use crate::{Store, StoreResult};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// E-mailed links are kept a week past expiry so that a late click is told "this link has
/// expired" rather than "this link is not valid".
const KEEP_EXPIRED_LINKS_DAYS: i64 = 7;
/// Search outbox entries are kept this long; a search index that was away longer is rebuilt
/// (see `hiroba_search::sync::OUTBOX_RETENTION`, which must agree).
pub const SEARCH_OUTBOX_DAYS: i64 = 7;

/// How many rows each step removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    pub sessions: u64,
    pub drafts: u64,
    pub rate_limits: u64,
    pub account_tokens: u64,
    pub search_outbox: u64,
}

impl Store {
    /// Deletes what expired before `now`; `longest_window_secs` is the longest rate-limit
    /// window in use, so no window still counting is removed.
    pub async fn sweep(&self, now: DateTime<Utc>, longest_window_secs: i64) -> StoreResult<Swept> {
        let account_tokens = account_tokens::Entity::delete_many()
            .filter(
                account_tokens::Column::ExpiresAt.lt(now - Duration::days(KEEP_EXPIRED_LINKS_DAYS)),
            )
            .exec(&self.write)
            .await?
            .rows_affected;
        Ok(Swept {
            sessions: self.sessions().purge_expired(now).await?,
            drafts: self.drafts().purge_expired(now).await?,
            rate_limits: self
                .rate_limits()
                .purge_before(now, longest_window_secs)
                .await?,
            account_tokens,
            search_outbox: self
                .search_feed()
                .prune(now - Duration::days(SEARCH_OUTBOX_DAYS))
                .await?,
        })
    }
}
