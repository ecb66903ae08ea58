//! Operators' spreadsheet imports: the uploaded file is kept in the file store (any node can
//! show its preview), and the import runs in the background on the node that was asked,
//! recording its progress in the run log that every node reads.

use crate::AppState;
use crate::actions::documents::UploadedFile;
use crate::auth::extract::SignedIn;
use crate::errors::{AppError, AppResult, Missing};
use hiroba_domain::Invalid;
use hiroba_domain::policy::Action;
use hiroba_domain::registries::spreadsheet::Mapping;
use hiroba_import::spreadsheet::{self, MappingProblem, Sheet, SheetOptions};
use hiroba_store::imports::{NewRun, RunStatus};
use hiroba_store::portals::Portal;
use std::io::Write;
use tempfile::NamedTempFile;

/// Rows shown in the preview.
pub const PREVIEW_ROWS: usize = 10;
/// The largest sheet accepted (the upload route's body limit is a little above).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// A staged upload is named by 32 random hex digits; the key adds the portal, so one portal's
/// operators cannot open another's upload even with its name.
fn key(portal: &Portal, token: &str) -> AppResult<String> {
    let valid = token.len() == 32
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !valid {
        return Err(AppError::NotFound(Missing::Page));
    }
    Ok(format!("imports/{}/{token}.csv", portal.id))
}

fn report_key(portal: &Portal, run_id: i64) -> String {
    format!("imports/{}/run-{run_id}.rejected.csv", portal.id)
}

pub fn authorize(who: &SignedIn, portal: &Portal) -> AppResult<()> {
    who.authorize(&Action::ImportIntoPortal {
        portal_id: portal.id,
    })
}

/// Keeps an uploaded sheet for the preview; returns its name.
pub async fn stage(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    file: Result<UploadedFile, Invalid>,
) -> AppResult<Result<String, Invalid>> {
    authorize(who, portal)?;
    let file = match file {
        Ok(f) if f.bytes.len() > MAX_BYTES => {
            return Ok(Err(Invalid::FileTooLarge {
                max_mb: (MAX_BYTES / (1024 * 1024)) as u64,
            }));
        }
        Ok(f) => f,
        Err(e) => return Ok(Err(e)),
    };
    let (file_name, size) = (file.filename.clone(), file.bytes.len());
    let name = hiroba_files::new_key("", "csv");
    let token = name
        .rsplit('/')
        .next()
        .and_then(|n| n.strip_suffix(".csv"))
        .unwrap_or_default()
        .to_owned();
    state
        .files
        .put(&key(portal, &token)?, file.bytes)
        .await
        .map_err(|e| AppError::Internal(format!("staging an import: {e}")))?;
    state
        .store
        .imports()
        .record_event(
            portal.id,
            "import.upload",
            serde_json::json!({ "file_name": file_name, "size": size }),
            who.by(),
        )
        .await?;
    Ok(Ok(token))
}

/// The staged sheet as a local file for the importer (which reads files).
async fn local_copy(state: &AppState, portal: &Portal, token: &str) -> AppResult<NamedTempFile> {
    let bytes = state
        .files
        .get(&key(portal, token)?)
        .await
        .map_err(|e| AppError::Internal(format!("reading an import: {e}")))?
        .ok_or(AppError::NotFound(Missing::Page))?;
    let mut file = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .map_err(|e| AppError::Internal(format!("temporary file: {e}")))?;
    file.write_all(&bytes)
        .map_err(|e| AppError::Internal(format!("temporary file: {e}")))?;
    Ok(file)
}

/// The sheet's columns, mapping (guessed unless given) and first rows; a file that cannot be
/// read as a sheet gives its reason.
pub async fn inspect(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    token: &str,
    mapping: Option<Mapping>,
) -> AppResult<Result<Sheet, String>> {
    authorize(who, portal)?;
    let file = local_copy(state, portal, token).await?;
    match spreadsheet::inspect(
        &state.store,
        file.path(),
        mapping,
        PREVIEW_ROWS,
        crate::today(),
    )
    .await
    {
        Ok(sheet) => Ok(Ok(sheet)),
        Err(hiroba_import::ImportError::Store(e)) => Err(e.into()),
        Err(e) => Ok(Err(e.to_string())),
    }
}

/// Enters the run in the log and starts it in the background; returns the run's id, or what
/// is wrong with the mapping.
pub async fn start(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    token: &str,
    file_name: &str,
    mapping: Mapping,
) -> AppResult<Result<i64, Vec<MappingProblem>>> {
    let sheet = match inspect(state, who, portal, token, Some(mapping.clone())).await? {
        Ok(sheet) => sheet,
        Err(_) => return Err(AppError::NotFound(Missing::Page)),
    };
    if !sheet.problems.is_empty() {
        return Ok(Err(sheet.problems));
    }
    let file = local_copy(state, portal, token).await?;
    let sha256 = hiroba_import::input::Input::open(file.path())
        .and_then(|i| i.sha256())
        .map_err(|e| AppError::Internal(format!("hashing an import: {e}")))?;
    let name: String = file_name.trim().chars().take(200).collect();
    let run_id = state
        .store
        .imports()
        .start_run(&NewRun {
            kind: "spreadsheet",
            file_name: if name.is_empty() { "upload.csv" } else { &name },
            sha256: &sha256,
            dry_run: false,
            portal_id: Some(portal.id),
            rows_total: Some(sheet.rows),
        })
        .await?;
    state
        .store
        .imports()
        .record_event(
            portal.id,
            "import.start",
            serde_json::json!({ "run": run_id, "rows": sheet.rows }),
            who.by(),
        )
        .await?;
    let job = Job {
        state: state.clone(),
        portal: portal.clone(),
        token: token.to_owned(),
        run_id,
        rows: sheet.rows,
        mapping,
        file,
    };
    // The importer reads the file synchronously and holds non-`Send` readers across awaits, so
    // it runs on a blocking thread that drives it with the runtime's handle.
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || handle.block_on(job.run()));
    Ok(Ok(run_id))
}

struct Job {
    state: AppState,
    portal: Portal,
    token: String,
    run_id: i64,
    rows: u64,
    mapping: Mapping,
    file: NamedTempFile,
}

impl Job {
    async fn run(self) {
        let store = &self.state.store;
        let report = self.file.path().with_extension("rejected.csv");
        let mut opts = hiroba_import::Options::new(crate::today());
        opts.run_id = Some(self.run_id);
        opts.rows_total = Some(self.rows);
        opts.batch_size = spreadsheet::BATCH_ROWS;
        opts.checkpoint_batches = 1;
        opts.report = Some(report.clone());
        let sheet = SheetOptions {
            mapping: Some(self.mapping.clone()),
            portal_id: Some(self.portal.id),
        };
        let result = spreadsheet::import(store, self.file.path(), &opts, &sheet).await;
        match &result {
            Ok(summary) => {
                tracing::info!(run = self.run_id, counts = ?summary.counts, "spreadsheet imported");
                if let Some(path) = &summary.report {
                    self.keep_report(path).await;
                }
            }
            Err(e) => {
                tracing::warn!(run = self.run_id, error = %e, "spreadsheet import failed");
                // A failure before the importer took the run over still ends it.
                if let Ok(Some(run)) = store.imports().run(self.run_id).await
                    && run.status == RunStatus::Running
                {
                    let _ = store
                        .imports()
                        .record_run(
                            self.run_id,
                            &run.counts,
                            RunStatus::Failed,
                            Some(&e.to_string()),
                        )
                        .await;
                }
            }
        }
        let _ = std::fs::remove_file(&report);
        if let Ok(key) = key(&self.portal, &self.token) {
            let _ = self.state.files.delete(&key).await;
        }
    }

    async fn keep_report(&self, path: &std::path::Path) {
        let key = report_key(&self.portal, self.run_id);
        let saved = match std::fs::read(path) {
            Ok(bytes) => self.state.files.put(&key, bytes).await.is_ok(),
            Err(_) => false,
        };
        if saved {
            let _ = self
                .state
                .store
                .imports()
                .set_report_key(self.run_id, &key)
                .await;
        } else {
            tracing::warn!(
                run = self.run_id,
                "the report of rejected rows was not kept"
            );
        }
    }
}

/// A run of this portal (another portal's runs are "not found").
pub async fn run(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    id: &str,
) -> AppResult<hiroba_store::imports::ImportRun> {
    authorize(who, portal)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound(Missing::Page))?;
    state
        .store
        .imports()
        .run(id)
        .await?
        .filter(|r| r.portal_id == Some(portal.id))
        .ok_or(AppError::NotFound(Missing::Page))
}

/// The report of a run's rejected rows (CSV, UTF-8 with BOM).
pub async fn report(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    id: &str,
) -> AppResult<Vec<u8>> {
    let run = run(state, who, portal, id).await?;
    let key = run.report_key.ok_or(AppError::NotFound(Missing::Page))?;
    state
        .files
        .get(&key)
        .await
        .map_err(|e| AppError::Internal(format!("reading a report: {e}")))?
        .ok_or(AppError::NotFound(Missing::Page))
}
