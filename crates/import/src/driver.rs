//! What every import shares: options, counting, the rejected-row report, progress, the run
//! log, and the summary at the end.

use crate::input::{Encoding, Input};
use crate::progress::Progress;
use crate::report::{Rejection, Report};
use crate::{ImportError, RunCounts};
use chrono::NaiveDate;
use hiroba_domain::registries::plan::Outcome;
use hiroba_store::Store;
use hiroba_store::imports::{NewRun, RunStatus};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Options {
    /// Parse and plan everything, write nothing (but the run's own line in the run log).
    pub dry_run: bool,
    /// Where to write rejected rows; `<FILE>.rejected.csv` by default.
    pub report: Option<PathBuf>,
    /// Rows per transaction.
    pub batch_size: usize,
    /// Show a progress line on stderr.
    pub progress: bool,
    /// NTA 法人種別 codes to import.
    pub kinds: Vec<u16>,
    /// Today in Japan: whether a tax certification is in force, dates not in the future.
    pub today: NaiveDate,
    /// The portal whose operator runs the import (recorded in the run log).
    pub portal_id: Option<i64>,
    /// Rows in the file when known beforehand, so a progress bar can show how far it is.
    pub rows_total: Option<u64>,
    /// The run log gets the counts so far every this many batches.
    pub checkpoint_batches: u64,
    /// A run already entered in the log (the web import shows its page before it starts).
    pub run_id: Option<i64>,
    /// Into an empty database, drop the organisations' secondary indexes and build them at
    /// the end (a first load of a register: see `hiroba_store::imports`' `deferred`). For the
    /// command line; a running site keeps its indexes.
    pub defer_indexes: bool,
}

impl Options {
    pub fn new(today: NaiveDate) -> Options {
        Options {
            dry_run: false,
            report: None,
            batch_size: 1000,
            progress: false,
            kinds: vec![hiroba_domain::registries::nta::KIND_OTHER_REGISTERED],
            today,
            portal_id: None,
            rows_total: None,
            checkpoint_batches: 20,
            run_id: None,
            defer_indexes: false,
        }
    }
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub kind: &'static str,
    pub run_id: i64,
    pub dry_run: bool,
    pub encoding: Encoding,
    pub counts: RunCounts,
    pub elapsed: Duration,
    /// The report of rejected rows, if any row was rejected.
    pub report: Option<PathBuf>,
}

impl Summary {
    pub fn rows_per_second(&self) -> f64 {
        self.counts.read as f64 / self.elapsed.as_secs_f64().max(0.001)
    }

    /// The summary as printed at the end, in English and Japanese.
    pub fn text(&self) -> String {
        let c = &self.counts;
        let mut out = format!(
            "{}{} import ({}): read {}, created {}, updated {}, unchanged {}, closed {}, deleted {}, skipped {}, rejected {}; {:.1} s, {:.0} rows/s\n\
             {}読み込み {} 件：新規 {}、更新 {}、変更なし {}、閉鎖 {}、削除 {}、対象外 {}、不採用 {}\n",
            if self.dry_run { "Dry run: " } else { "" },
            self.kind,
            self.encoding.name(),
            c.read,
            c.created,
            c.updated,
            c.unchanged,
            c.closed,
            c.deleted,
            c.skipped,
            c.rejected,
            self.elapsed.as_secs_f64(),
            self.rows_per_second(),
            if self.dry_run {
                "（試行のため書き込んでいません）"
            } else {
                ""
            },
            c.read,
            c.created,
            c.updated,
            c.unchanged,
            c.closed,
            c.deleted,
            c.skipped,
            c.rejected,
        );
        if let Some(path) = &self.report {
            out.push_str(&format!("Rejected rows / 不採用の行: {}\n", path.display()));
        }
        out
    }
}

/// Rows created before the database's statistics are first refreshed.
const FIRST_ANALYZE: u64 = 2_000;

/// One import under way.
pub(crate) struct Ctx<'a> {
    pub store: &'a Store,
    pub opts: &'a Options,
    pub counts: RunCounts,
    kind: &'static str,
    report: Report,
    progress: Progress,
    run_id: i64,
    batches: u64,
    /// Indexes dropped at the start, to build at the end.
    deferred: Vec<String>,
    /// Rows created by this run after which the database's statistics are refreshed next.
    analyze_at: u64,
}

impl<'a> Ctx<'a> {
    pub async fn start(
        store: &'a Store,
        kind: &'static str,
        path: &Path,
        input: &Input,
        opts: &'a Options,
    ) -> Result<Ctx<'a>, ImportError> {
        // The clock starts before the file is hashed: that pass is part of the import.
        let progress = Progress::new(opts.progress);
        let run_id = match opts.run_id {
            Some(id) => id,
            None => {
                let sha256 = input.sha256()?;
                let file_name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                store
                    .imports()
                    .start_run(&NewRun {
                        kind,
                        file_name: &file_name,
                        sha256: &sha256,
                        dry_run: opts.dry_run,
                        portal_id: opts.portal_id,
                        rows_total: opts.rows_total,
                    })
                    .await?
            }
        };
        let report_path = match &opts.report {
            Some(p) => p.clone(),
            None => {
                let mut p = path.as_os_str().to_owned();
                p.push(".rejected.csv");
                let p = PathBuf::from(p);
                // A report left by an earlier run of this file would describe other rows.
                let _ = std::fs::remove_file(&p);
                p
            }
        };
        let deferred = if opts.defer_indexes && !opts.dry_run {
            store.imports().defer_indexes_if_empty().await?
        } else {
            Vec::new()
        };
        Ok(Ctx {
            store,
            opts,
            counts: RunCounts::default(),
            kind,
            report: Report::new(report_path),
            progress,
            run_id,
            batches: 0,
            deferred,
            analyze_at: FIRST_ANALYZE,
        })
    }

    /// A row was read.
    pub fn read(&mut self) {
        self.counts.read += 1;
        self.progress.tick(&self.counts);
    }

    pub fn reject(&mut self, r: Rejection) -> Result<(), ImportError> {
        self.counts.rejected += 1;
        self.report.add(&r)
    }

    /// A row rejected for several reasons: counted once, each reason reported.
    pub fn reject_row(&mut self, reasons: Vec<Rejection>) -> Result<(), ImportError> {
        self.counts.rejected += 1;
        for r in &reasons {
            self.report.add(r)?;
        }
        Ok(())
    }

    pub fn skip(&mut self) {
        self.counts.skipped += 1;
    }

    pub fn count(&mut self, outcome: Outcome) {
        let c = &mut self.counts;
        match outcome {
            Outcome::Created => c.created += 1,
            Outcome::Updated => c.updated += 1,
            Outcome::Closed => c.closed += 1,
            Outcome::Deleted => c.deleted += 1,
            Outcome::Unchanged => c.unchanged += 1,
            Outcome::Skipped => c.skipped += 1,
        }
    }

    /// A batch was written (or planned, in a dry run).
    pub async fn batch_done(&mut self) -> Result<(), ImportError> {
        self.batches += 1;
        // Each time the rows this run created double, so that lookups keep their index as the
        // table grows from nothing (see `Imports::analyze`): a few times in a whole register.
        if !self.opts.dry_run && self.counts.created >= self.analyze_at {
            self.store.imports().analyze().await?;
            self.analyze_at = self.counts.created.saturating_mul(2);
        }
        if self
            .batches
            .is_multiple_of(self.opts.checkpoint_batches.max(1))
        {
            self.store
                .imports()
                .record_run(self.run_id, &self.counts, RunStatus::Running, None)
                .await?;
        }
        Ok(())
    }

    /// Ends the run: records it as finished or failed, closes the report.
    pub async fn finish(
        mut self,
        mut result: Result<(), ImportError>,
        encoding: Encoding,
    ) -> Result<Summary, ImportError> {
        self.progress.finish();
        if !self.deferred.is_empty() {
            if self.opts.progress {
                eprintln!(
                    "Building {} indexes… / 索引を作成しています…",
                    self.deferred.len()
                );
            }
            // Whatever happened to the rows, the indexes come back (a failure here leaves them
            // to the next start, which builds them).
            if let Err(e) = self.store.build_deferred_indexes().await {
                result = result.and(Err(e.into()));
            }
        }
        let report = self.report.finish();
        let (status, error) = match (&result, &report) {
            (Ok(()), Ok(_)) => (RunStatus::Finished, None),
            (Err(e), _) => (RunStatus::Failed, Some(e.to_string())),
            (_, Err(e)) => (RunStatus::Failed, Some(e.to_string())),
        };
        self.store
            .imports()
            .record_run(self.run_id, &self.counts, status, error.as_deref())
            .await?;
        result?;
        Ok(Summary {
            kind: self.kind,
            run_id: self.run_id,
            dry_run: self.opts.dry_run,
            encoding,
            counts: self.counts,
            elapsed: self.progress.elapsed(),
            report: report?,
        })
    }
}
