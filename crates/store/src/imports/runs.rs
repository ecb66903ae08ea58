//! The log of import runs, so operators can see what was imported, when, and with what result.
//! A run is written when it starts and again when it ends: one still "running" with no end
//! was interrupted (its finished batches are in; re-running the file completes it).

use super::Imports;
use crate::entities::import_runs as runs;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    Running,
    Finished,
    Failed,
}

impl RunStatus {
    pub fn code(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Finished => "finished",
            RunStatus::Failed => "failed",
        }
    }

    fn parse(code: &str) -> RunStatus {
        match code {
            "finished" => RunStatus::Finished,
            "failed" => RunStatus::Failed,
            _ => RunStatus::Running,
        }
    }
}

/// What a run did to the rows it read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub read: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub closed: u64,
    pub deleted: u64,
    pub skipped: u64,
    pub rejected: u64,
}

#[derive(Debug, Clone)]
pub struct NewRun<'a> {
    /// "nta", "npo" or "municipalities".
    pub kind: &'a str,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub dry_run: bool,
    /// The portal whose operator ran it (spreadsheet imports in the browser).
    pub portal_id: Option<i64>,
    /// Rows in the file, when known before the run (for a progress bar).
    pub rows_total: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub dry_run: bool,
    pub status: RunStatus,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub counts: RunCounts,
    pub error: Option<String>,
    pub portal_id: Option<i64>,
    pub rows_total: Option<u64>,
    /// Where the report of rejected rows is kept in the file store, if it is.
    pub report_key: Option<String>,
    /// When the run last recorded its progress (its start, for runs from before that was kept).
    pub updated_at: DateTime<Utc>,
}

/// A run that has recorded no progress for this long is taken to be interrupted: imports record
/// their counts every few seconds (browser imports after every 100 rows).
pub const STALLED_AFTER: chrono::Duration = chrono::Duration::minutes(15);

impl ImportRun {
    /// Still marked running but silent for [`STALLED_AFTER`]: the process doing it ended (a
    /// restart, a crash). Its finished batches are in; importing the file again completes it.
    pub fn interrupted(&self, now: DateTime<Utc>) -> bool {
        self.status == RunStatus::Running && now - self.updated_at > STALLED_AFTER
    }

    /// How far the run is, 0–100, when the number of rows is known.
    pub fn percent(&self) -> Option<u8> {
        let total = self.rows_total.filter(|t| *t > 0)?;
        if self.status != RunStatus::Running {
            return Some(100);
        }
        Some((self.counts.read.min(total) * 100 / total) as u8)
    }
}

fn run_of(m: runs::Model) -> ImportRun {
    ImportRun {
        id: m.id,
        kind: m.kind,
        file_name: m.file_name,
        sha256: m.sha256,
        dry_run: m.dry_run,
        status: RunStatus::parse(&m.status),
        started_at: m.started_at,
        finished_at: m.finished_at,
        counts: RunCounts {
            read: u(m.rows_read),
            created: u(m.created),
            updated: u(m.updated),
            unchanged: u(m.unchanged),
            closed: u(m.closed),
            deleted: u(m.deleted),
            skipped: u(m.skipped),
            rejected: u(m.rejected),
        },
        error: m.error,
        portal_id: m.portal_id,
        rows_total: m.rows_total.map(u),
        report_key: m.report_key,
        updated_at: m.updated_at.unwrap_or(m.started_at),
    }
}

fn n(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn u(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

impl Imports<'_> {
    pub async fn start_run(&self, run: &NewRun<'_>) -> StoreResult<i64> {
        let model = runs::ActiveModel {
            kind: Set(run.kind.to_owned()),
            file_name: Set(run.file_name.to_owned()),
            sha256: Set(run.sha256.to_owned()),
            dry_run: Set(run.dry_run),
            status: Set(RunStatus::Running.code().to_owned()),
            started_at: Set(Utc::now()),
            updated_at: Set(Some(Utc::now())),
            finished_at: Set(None),
            error: Set(None),
            portal_id: Set(run.portal_id),
            rows_total: Set(run.rows_total.map(n)),
            report_key: Set(None),
            ..Default::default()
        }
        .insert(&self.store.write)
        .await?;
        Ok(model.id)
    }

    /// Records the counts so far (a run still going), or the end of the run.
    pub async fn record_run(
        &self,
        id: i64,
        counts: &RunCounts,
        status: RunStatus,
        error: Option<&str>,
    ) -> StoreResult<()> {
        let Some(model) = runs::Entity::find_by_id(id).one(&self.store.write).await? else {
            return Err(StoreError::NotFound);
        };
        let mut am: runs::ActiveModel = model.into();
        am.rows_read = Set(n(counts.read));
        am.created = Set(n(counts.created));
        am.updated = Set(n(counts.updated));
        am.unchanged = Set(n(counts.unchanged));
        am.closed = Set(n(counts.closed));
        am.deleted = Set(n(counts.deleted));
        am.skipped = Set(n(counts.skipped));
        am.rejected = Set(n(counts.rejected));
        am.status = Set(status.code().to_owned());
        am.error = Set(error.map(str::to_owned));
        am.updated_at = Set(Some(Utc::now()));
        if status != RunStatus::Running {
            am.finished_at = Set(Some(Utc::now()));
        }
        am.update(&self.store.write).await?;
        Ok(())
    }

    /// The latest runs, newest first.
    pub async fn runs(&self, limit: u64) -> StoreResult<Vec<ImportRun>> {
        Ok(runs::Entity::find()
            .order_by_desc(runs::Column::Id)
            .limit(limit)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(run_of)
            .collect())
    }

    /// A portal's latest runs, newest first.
    pub async fn portal_runs(&self, portal_id: i64, limit: u64) -> StoreResult<Vec<ImportRun>> {
        Ok(runs::Entity::find()
            .filter(runs::Column::PortalId.eq(portal_id))
            .order_by_desc(runs::Column::Id)
            .limit(limit)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(run_of)
            .collect())
    }

    /// One run (read from the writer: a progress page must not lag behind the import).
    pub async fn run(&self, id: i64) -> StoreResult<Option<ImportRun>> {
        Ok(runs::Entity::find_by_id(id)
            .one(&self.store.write)
            .await?
            .map(run_of))
    }

    /// Records in the portal's log what an operator did about an import ("import.upload",
    /// "import.start"): who uploaded or started what, whatever the import itself then does.
    pub async fn record_event(
        &self,
        portal_id: i64,
        action: &'static str,
        details: serde_json::Value,
        by: crate::By,
    ) -> StoreResult<()> {
        crate::audit::record(
            &self.store.write,
            by,
            crate::audit::Event::new(action, "portal", portal_id)
                .portal(portal_id)
                .details(details),
        )
        .await
    }

    /// Records where the run's report of rejected rows is kept.
    pub async fn set_report_key(&self, id: i64, key: &str) -> StoreResult<()> {
        runs::Entity::update_many()
            .col_expr(runs::Column::ReportKey, Expr::value(key.to_owned()))
            .filter(runs::Column::Id.eq(id))
            .exec(&self.store.write)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(status: RunStatus, silent_for: chrono::Duration, now: DateTime<Utc>) -> ImportRun {
        ImportRun {
            id: 1,
            kind: "spreadsheet".into(),
            file_name: "list.csv".into(),
            sha256: String::new(),
            dry_run: false,
            status,
            started_at: now - silent_for - chrono::Duration::minutes(1),
            finished_at: None,
            counts: RunCounts::default(),
            error: None,
            portal_id: None,
            rows_total: Some(10),
            report_key: None,
            updated_at: now - silent_for,
        }
    }

    #[test]
    fn a_silent_running_run_is_interrupted() {
        let now = Utc::now();
        let minutes = chrono::Duration::minutes;
        assert!(!run(RunStatus::Running, minutes(1), now).interrupted(now));
        assert!(!run(RunStatus::Running, minutes(15), now).interrupted(now));
        assert!(run(RunStatus::Running, minutes(16), now).interrupted(now));
        assert!(!run(RunStatus::Finished, minutes(60), now).interrupted(now));
        assert!(!run(RunStatus::Failed, minutes(60), now).interrupted(now));
    }
}
