//! `hiroba import nta`: the National Tax Agency's corporate-number data (全件・差分データ), no
//! header, 30 columns. Rows of kinds not asked for are only counted: the kind is read from its
//! column before anything else is parsed, so the 5.5 million rows of the national file cost
//! little beyond reading them.

use crate::ImportError;
use crate::driver::{Ctx, Options, Summary};
use crate::input::{Encoding, Input};
use crate::report::{Reason, Rejection};
use crate::rows::{Row, Rows};
use hiroba_domain::codes::CorporateNumber;
use hiroba_domain::registries::RowError;
use hiroba_domain::registries::nta::{self, COLUMN_NAMES, COLUMNS, NtaRecord};
use hiroba_domain::registries::plan::{self, Plan};
use hiroba_domain::registries::provenance::Source;
use hiroba_store::Store;
use hiroba_store::imports::{Found, Keys};
use std::collections::HashSet;
use std::path::Path;

/// Imports an NTA file (see the module note); `opts.kinds` selects the 法人種別 codes.
pub async fn import(store: &Store, path: &Path, opts: &Options) -> Result<Summary, ImportError> {
    let mut input = Input::open(path)?;
    let mut ctx = Ctx::start(store, "nta", path, &input, opts).await?;
    let (reader, encoding) = match input.reader() {
        Ok(r) => r,
        Err(e) => return ctx.finish(Err(e), Encoding::Utf8).await,
    };
    let result = read_all(&mut ctx, Rows::new(reader)).await;
    ctx.finish(result, encoding).await
}

/// The column label used in reports: its position in the specification and its name.
fn label(i: usize) -> String {
    format!("{} {}", i + 1, COLUMN_NAMES[i])
}

async fn read_all(
    ctx: &mut Ctx<'_>,
    mut rows: Rows<impl std::io::Read>,
) -> Result<(), ImportError> {
    let kinds: HashSet<u16> = ctx.opts.kinds.iter().copied().collect();
    let mut batch: Vec<(u64, NtaRecord)> = Vec::with_capacity(ctx.opts.batch_size);
    let mut numbers: HashSet<CorporateNumber> = HashSet::new();
    while let Some(row) = rows.next_row()? {
        if row.is_empty() {
            continue;
        }
        ctx.read();
        let Some(record) = parse(ctx, &row, &kinds)? else {
            continue;
        };
        // Two rows for one corporation in a batch (a difference file's successive changes)
        // must be planned one after the other.
        if numbers.contains(&record.corporate_number) || batch.len() >= ctx.opts.batch_size {
            flush(ctx, &mut batch).await?;
            numbers.clear();
        }
        numbers.insert(record.corporate_number);
        batch.push((row.line, record));
    }
    flush(ctx, &mut batch).await
}

/// The row's record, or `None` when it is rejected or of a kind not imported.
fn parse(
    ctx: &mut Ctx<'_>,
    row: &Row,
    kinds: &HashSet<u16>,
) -> Result<Option<NtaRecord>, ImportError> {
    if row.len() != COLUMNS {
        ctx.reject(Rejection {
            line: row.line,
            column: String::new(),
            value: String::new(),
            reason: Reason::ColumnCount {
                expected: COLUMNS,
                found: row.len(),
            },
        })?;
        return Ok(None);
    }
    // The kind first: most rows of the national file stop here.
    let kind = row
        .bytes(8)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|s| s.parse::<u16>().ok());
    if let Some(kind) = kind
        && nta::KINDS.contains(&kind)
        && !kinds.contains(&kind)
    {
        ctx.skip();
        return Ok(None);
    }
    let fields = match row.fields() {
        Ok(f) => f,
        Err(bad) => {
            ctx.reject(Rejection {
                line: row.line,
                column: label(bad.column),
                value: bad.lossy,
                reason: Reason::BadText,
            })?;
            return Ok(None);
        }
    };
    match nta::parse(&fields) {
        Ok(record) => Ok(Some(record)),
        Err(e) => {
            ctx.reject(rejection(row.line, e, &fields))?;
            Ok(None)
        }
    }
}

fn rejection(line: u64, e: RowError, fields: &[&str]) -> Rejection {
    match e {
        RowError::ColumnCount { expected, found } => Rejection {
            line,
            column: String::new(),
            value: String::new(),
            reason: Reason::ColumnCount { expected, found },
        },
        RowError::Field { column, problem } => {
            let i = COLUMN_NAMES.iter().position(|c| *c == column);
            Rejection {
                line,
                column: i.map_or_else(|| column.to_owned(), label),
                value: i
                    .and_then(|i| fields.get(i))
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                reason: Reason::Invalid(problem),
            }
        }
    }
}

/// Plans a batch against what is stored and writes it (or, in a dry run, only plans it).
async fn flush(ctx: &mut Ctx<'_>, batch: &mut Vec<(u64, NtaRecord)>) -> Result<(), ImportError> {
    if batch.is_empty() {
        return Ok(());
    }
    let keys = Keys {
        corporate_numbers: batch.iter().map(|(_, r)| r.corporate_number).collect(),
        names: Vec::new(),
    };
    let mut rejected = Vec::new();
    let planner = |found: &Found| -> Vec<Plan> {
        let mut plans = Vec::with_capacity(batch.len());
        for (line, rec) in batch.iter() {
            match plan::nta(rec, found.by_number.get(&rec.corporate_number)) {
                Ok(p) => plans.push(p),
                Err(e) => rejected.push((*line, e, rec.name.clone())),
            }
        }
        plans
    };
    let imports = ctx.store.imports();
    let outcomes: Vec<_> = if ctx.opts.dry_run {
        imports
            .preview(&keys, planner)
            .await?
            .iter()
            .map(Plan::outcome)
            .collect()
    } else {
        imports.apply(Source::Nta, &keys, planner).await?
    };
    for outcome in outcomes {
        ctx.count(outcome);
    }
    for (line, e, name) in rejected {
        // The planner rejects only what the profile cannot hold (a name too long).
        let fields = vec![""; COLUMNS];
        let mut r = rejection(line, e, &fields);
        r.value = name;
        ctx.reject(r)?;
    }
    batch.clear();
    ctx.batch_done().await
}
