//! Scheduled jobs shared by several app nodes: a node runs a job only after claiming it, and
//! the claim is one conditional UPDATE, so two nodes never run the same job at once and a
//! node that dies mid-run merely delays the next run by one interval.

use crate::entities::scheduled_jobs as jobs;
use crate::{Store, StoreResult};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

impl Store {
    /// Claims job `name` if it last ran `interval` or more before `now`.
    pub async fn claim_job(
        &self,
        name: &str,
        interval: Duration,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let never = DateTime::<Utc>::UNIX_EPOCH;
        jobs::Entity::insert(jobs::ActiveModel {
            name: Set(name.to_owned()),
            last_run_at: Set(never),
        })
        .on_conflict(
            OnConflict::column(jobs::Column::Name)
                .do_nothing()
                .to_owned(),
        )
        .try_insert()
        .exec_without_returning(&self.write)
        .await?;
        let claimed = jobs::Entity::update_many()
            .col_expr(jobs::Column::LastRunAt, Expr::value(now))
            .filter(jobs::Column::Name.eq(name))
            .filter(jobs::Column::LastRunAt.lte(now - interval))
            .exec(&self.write)
            .await?
            .rows_affected;
        Ok(claimed == 1)
    }
}
