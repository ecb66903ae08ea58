//! `hiroba import npo`: the Cabinet Office's NPO法人 list (a header row, then 60 columns).
//! Rows are matched to organisations by 法人番号, else by exact name and 所轄庁; what matches
//! is enriched, what does not is created.

use crate::ImportError;
use crate::driver::{Ctx, Options, Summary};
use crate::input::{Encoding, Input};
use crate::report::{Reason, Rejection};
use crate::rows::{Row, Rows};
use hiroba_domain::kana::nfkc;
use hiroba_domain::registries::RowError;
use hiroba_domain::registries::npo::{self, COLUMNS, NpoRecord};
use hiroba_domain::registries::places::{Gazetteer, Located};
use hiroba_domain::registries::plan::{self, Existing, Plan};
use hiroba_domain::registries::provenance::Source;
use hiroba_store::Store;
use hiroba_store::imports::{Found, Keys};
use std::collections::HashSet;
use std::path::Path;

/// Imports the NPO list (see the module note).
pub async fn import(store: &Store, path: &Path, opts: &Options) -> Result<Summary, ImportError> {
    let mut input = Input::open(path)?;
    let gazetteer = Gazetteer::new(
        store
            .municipalities()
            .all()
            .await?
            .into_iter()
            .map(|m| (m.code, m.name_ja)),
    );
    if gazetteer.is_empty() {
        eprintln!(
            "note: the municipality list is empty, so addresses get no municipality; run `hiroba import municipalities` first / 市区町村の一覧が空のため、住所から市区町村を判定できません"
        );
    }
    let mut ctx = Ctx::start(store, "npo", path, &input, opts).await?;
    let (reader, encoding) = match input.reader() {
        Ok(r) => r,
        Err(e) => return ctx.finish(Err(e), Encoding::Cp932).await,
    };
    let result = read_all(&mut ctx, Rows::new(reader), &gazetteer).await;
    ctx.finish(result, encoding).await
}

struct Item {
    line: u64,
    record: NpoRecord,
    place: Located,
}

fn label(i: usize, name: &str) -> String {
    format!("{} {name}", i + 1)
}

/// The header row names the columns; a file whose first row does not is another file.
fn check_header(row: &Row) -> Result<(), ImportError> {
    let first = row
        .fields()
        .ok()
        .and_then(|f| f.first().map(|s| nfkc(s.trim())))
        .unwrap_or_default();
    if row.len() != COLUMNS || !first.contains("法人名") {
        return Err(ImportError::Layout(format!(
            "the first row should be the NPO list's header (60 columns starting with 法人名称), found {} columns starting with {first:?}",
            row.len()
        )));
    }
    Ok(())
}

async fn read_all(
    ctx: &mut Ctx<'_>,
    mut rows: Rows<impl std::io::Read>,
    gazetteer: &Gazetteer,
) -> Result<(), ImportError> {
    let mut header = false;
    let mut batch: Vec<Item> = Vec::with_capacity(ctx.opts.batch_size);
    let mut keys: HashSet<String> = HashSet::new();
    while let Some(row) = rows.next_row()? {
        if row.is_empty() {
            continue;
        }
        if !header {
            check_header(&row)?;
            header = true;
            continue;
        }
        ctx.read();
        let Some(record) = parse(ctx, &row)? else {
            continue;
        };
        // One organisation twice in a batch would be planned against a stale copy.
        let own_keys = [
            record.corporate_number.map(|n| format!("#{n}")),
            Some(record.name.clone()),
        ];
        if own_keys.iter().flatten().any(|k| keys.contains(k)) || batch.len() >= ctx.opts.batch_size
        {
            flush(ctx, &mut batch).await?;
            keys.clear();
        }
        keys.extend(own_keys.into_iter().flatten());
        let place = gazetteer.locate(
            &record.address,
            record.prefecture,
            &record.competent_authority,
        );
        batch.push(Item {
            line: row.line,
            record,
            place,
        });
    }
    if !header {
        return Err(ImportError::Empty);
    }
    flush(ctx, &mut batch).await
}

fn parse(ctx: &mut Ctx<'_>, row: &Row) -> Result<Option<NpoRecord>, ImportError> {
    let fields = match row.fields() {
        Ok(f) => f,
        Err(bad) => {
            ctx.reject(Rejection {
                line: row.line,
                column: (bad.column + 1).to_string(),
                value: bad.lossy,
                reason: Reason::BadText,
            })?;
            return Ok(None);
        }
    };
    match npo::parse(&fields) {
        Ok(r) => Ok(Some(r)),
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
            let i = npo::column_index(column);
            Rejection {
                line,
                column: i.map_or_else(|| column.to_owned(), |i| label(i, column)),
                value: i
                    .and_then(|i| fields.get(i))
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                reason: Reason::Invalid(problem),
            }
        }
    }
}

/// The organisation a row is about: the one with its 法人番号, else one of the same name
/// filed with the same 所轄庁 (or, when it never said, in the same prefecture) that has no
/// other 法人番号.
fn matching<'f>(rec: &NpoRecord, place: &Located, found: &'f Found) -> Option<&'f Existing> {
    if let Some(e) = rec.corporate_number.and_then(|n| found.by_number.get(&n)) {
        return Some(e);
    }
    found.by_name.get(&rec.name)?.iter().find(|e| {
        let p = &e.state.profile;
        let number_fits =
            p.corporate_number.is_none() || p.corporate_number == rec.corporate_number;
        let authority_fits = match &p.details.competent_authority {
            Some(a) => *a == rec.competent_authority,
            None => p.address.prefecture.is_some() && p.address.prefecture == place.prefecture,
        };
        number_fits && authority_fits
    })
}

async fn flush(ctx: &mut Ctx<'_>, batch: &mut Vec<Item>) -> Result<(), ImportError> {
    if batch.is_empty() {
        return Ok(());
    }
    let keys = Keys {
        corporate_numbers: batch
            .iter()
            .filter_map(|i| i.record.corporate_number)
            .collect(),
        names: batch.iter().map(|i| i.record.name.clone()).collect(),
    };
    let today = ctx.opts.today;
    let mut rejected = Vec::new();
    let planner = |found: &Found| -> Vec<Plan> {
        let mut plans = Vec::with_capacity(batch.len());
        for item in batch.iter() {
            let existing = matching(&item.record, &item.place, found);
            match plan::npo(&item.record, &item.place, existing, today) {
                Ok(p) => plans.push(p),
                Err(e) => rejected.push((item.line, e, item.record.name.clone())),
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
        imports.apply(Source::Npo, &keys, planner).await?
    };
    for outcome in outcomes {
        ctx.count(outcome);
    }
    for (line, e, name) in rejected {
        let mut r = rejection(line, e, &[]);
        r.value = name;
        ctx.reject(r)?;
    }
    batch.clear();
    ctx.batch_done().await
}
