//! `hiroba import …`: registry files into the database, with a summary on stdout and progress
//! on stderr.

use crate::cli::{ImportArgs, ImportCommand};
use anyhow::Result;
use hiroba_import::Options;
use hiroba_store::Store;

pub async fn run(store: &Store, command: &ImportCommand) -> Result<()> {
    let summary = match command {
        ImportCommand::Nta(args) => {
            let mut opts = options(&args.common);
            opts.defer_indexes = true;
            opts.batch_size = 5000;
            for kind in &args.kinds {
                if !opts.kinds.contains(kind) {
                    opts.kinds.push(*kind);
                }
            }
            hiroba_import::nta::import(store, &args.common.file, &opts).await?
        }
        ImportCommand::Npo(args) => {
            let mut opts = options(args);
            opts.defer_indexes = true;
            hiroba_import::npo::import(store, &args.file, &opts).await?
        }
        ImportCommand::Municipalities(args) => {
            hiroba_import::municipalities::import(store, &args.file, &options(args)).await?
        }
        ImportCommand::Spreadsheet(args) => {
            match crate::import_sheet::run(store, args, options(&args.common)).await? {
                Some(summary) => summary,
                None => return Ok(()),
            }
        }
        ImportCommand::Runs(args) => return list_runs(store, args.limit).await,
    };
    print!("{}", summary.text());
    Ok(())
}

fn options(args: &ImportArgs) -> Options {
    let mut opts = Options::new(hiroba_store::disclosure::today_in_japan());
    opts.dry_run = args.dry_run;
    opts.report = args.report.clone();
    opts.progress = true;
    opts
}

async fn list_runs(store: &Store, limit: u64) -> Result<()> {
    let runs = store.imports().runs(limit).await?;
    if runs.is_empty() {
        println!("No imports yet. / 取り込みの記録はありません。");
    }
    for r in runs {
        let c = r.counts;
        println!(
            "#{} {} {} {}{} {} read {} created {} updated {} unchanged {} closed {} deleted {} skipped {} rejected {}{}",
            r.id,
            r.started_at.format("%Y-%m-%d %H:%M"),
            r.kind,
            r.file_name,
            if r.dry_run { " (dry run)" } else { "" },
            if r.interrupted(chrono::Utc::now()) {
                "interrupted"
            } else {
                r.status.code()
            },
            c.read,
            c.created,
            c.updated,
            c.unchanged,
            c.closed,
            c.deleted,
            c.skipped,
            c.rejected,
            r.error.map(|e| format!(" error: {e}")).unwrap_or_default(),
        );
    }
    Ok(())
}
