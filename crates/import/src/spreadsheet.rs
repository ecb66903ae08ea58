//! `hiroba import spreadsheet` and the operators' import page: an operator's own list of
//! organisations (a CSV in UTF-8, UTF-8 with BOM or Shift_JIS; a header row, any columns).
//! Its columns are mapped to profile fields (guessed from the header, confirmed by the
//! operator), the first rows previewed with their errors, then every row is validated like the
//! profile form and merged: matched by 法人番号, else by exact name in the same prefecture;
//! created otherwise, marked as imported (so its people can claim it) and, when run for a
//! portal, listed there.

use crate::ImportError;
use crate::driver::{Ctx, Options, Summary};
use crate::input::{Encoding, Input};
use crate::report::{Reason, Rejection};
use crate::rows::{Row, Rows};
use hiroba_domain::organisations::OrganisationProfile;
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::registries::plan::{self, Existing};
use hiroba_domain::registries::spreadsheet::{Mapping, Target, map_row};
use hiroba_domain::{FieldError, FieldErrors};
use hiroba_store::Store;
use hiroba_store::imports::{Found, Keys};
use std::collections::HashSet;
use std::path::Path;

/// Rows per transaction: small, so the browser's progress bar moves.
pub const BATCH_ROWS: usize = 100;

/// What the operator sees before confirming: the columns, the mapping, the first rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub encoding: Encoding,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    /// Rows below the header (blank rows not counted).
    pub rows: u64,
    pub preview: Vec<PreviewRow>,
    /// Why the mapping cannot be imported yet (no name column, a field mapped twice).
    pub problems: Vec<MappingProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingProblem {
    NoName,
    Twice(Target),
    /// The mapping given names another number of columns than the file has.
    ColumnCount {
        mapping: usize,
        file: usize,
    },
}

impl MappingProblem {
    pub fn ja(&self) -> String {
        match self {
            MappingProblem::NoName => "団体名の列を選んでください".into(),
            MappingProblem::Twice(t) => format!("「{}」に複数の列が選ばれています", t.code()),
            MappingProblem::ColumnCount { mapping, file } => {
                format!("列の対応が{mapping}列分ですが、ファイルは{file}列です")
            }
        }
    }

    pub fn en(&self) -> String {
        match self {
            MappingProblem::NoName => "choose the column holding the name".into(),
            MappingProblem::Twice(t) => format!("several columns are mapped to {}", t.code()),
            MappingProblem::ColumnCount { mapping, file } => {
                format!("the mapping has {mapping} columns but the file has {file}")
            }
        }
    }
}

/// One row of the preview: the cells as read and what is wrong with them.
#[derive(Debug, Clone)]
pub struct PreviewRow {
    pub line: u64,
    pub cells: Vec<String>,
    /// Each problem with the column it is in (when the field is mapped from one).
    pub errors: Vec<(Option<usize>, FieldError)>,
    /// The column holding text in the wrong encoding (then nothing else was checked).
    pub bad_text: Option<usize>,
}

/// Problems a mapping has for a file of `columns` columns.
pub fn problems(mapping: &Mapping, columns: usize) -> Vec<MappingProblem> {
    let mut out = Vec::new();
    if mapping.0.len() != columns {
        out.push(MappingProblem::ColumnCount {
            mapping: mapping.0.len(),
            file: columns,
        });
    }
    if !mapping.has_name() {
        out.push(MappingProblem::NoName);
    }
    out.extend(mapping.duplicates().into_iter().map(MappingProblem::Twice));
    out
}

fn header(row: Option<Row>) -> Result<Vec<String>, ImportError> {
    let row = row.ok_or(ImportError::Empty)?;
    let fields = row.fields().map_err(|bad| {
        ImportError::Layout(format!("the header row has bad text: {}", bad.lossy))
    })?;
    Ok(fields.iter().map(|f| f.trim().to_owned()).collect())
}

/// Reads the header and the first `limit` rows, guessing the mapping unless one is given.
pub async fn inspect(
    store: &Store,
    path: &Path,
    mapping: Option<Mapping>,
    limit: usize,
    today: chrono::NaiveDate,
) -> Result<Sheet, ImportError> {
    // Read first, check after: the readers are not `Send`, so no await may see them.
    let read = first_rows(path, limit)?;
    let refs: Vec<&str> = read.headers.iter().map(String::as_str).collect();
    let mapping = mapping.unwrap_or_else(|| Mapping::guess(&refs));
    let problems = problems(&mapping, read.headers.len());
    let mut preview = Vec::with_capacity(read.rows.len());
    for (line, cells) in read.rows {
        let row = match cells {
            Ok(cells) => {
                let fields: Vec<&str> = cells.iter().map(String::as_str).collect();
                let errors = match profile(store, &fields, &mapping, today).await? {
                    Ok(_) => Vec::new(),
                    Err(e) => located(e, &mapping),
                };
                PreviewRow {
                    line,
                    cells,
                    errors,
                    bad_text: None,
                }
            }
            Err(bad) => PreviewRow {
                line,
                cells: vec![bad.lossy],
                errors: Vec::new(),
                bad_text: Some(bad.column),
            },
        };
        preview.push(row);
    }
    Ok(Sheet {
        encoding: read.encoding,
        headers: read.headers,
        mapping,
        rows: read.count,
        preview,
        problems,
    })
}

struct FirstRows {
    encoding: Encoding,
    headers: Vec<String>,
    rows: Vec<(u64, Result<Vec<String>, crate::rows::BadText>)>,
    count: u64,
}

fn first_rows(path: &Path, limit: usize) -> Result<FirstRows, ImportError> {
    let mut input = Input::open(path)?;
    let (reader, encoding) = input.reader()?;
    let mut rows = Rows::new(reader);
    let headers = header(next_filled(&mut rows)?)?;
    let mut out = FirstRows {
        encoding,
        headers,
        rows: Vec::new(),
        count: 0,
    };
    while let Some(row) = next_filled(&mut rows)? {
        out.count += 1;
        if out.rows.len() < limit {
            let cells = row
                .fields()
                .map(|f| f.iter().map(|s| s.to_string()).collect());
            out.rows.push((row.line, cells));
        }
    }
    Ok(out)
}

fn next_filled<R: std::io::Read>(rows: &mut Rows<R>) -> Result<Option<Row>, ImportError> {
    while let Some(row) = rows.next_row()? {
        if !row.is_empty() {
            return Ok(Some(row));
        }
    }
    Ok(None)
}

/// Field errors with the column each field was mapped from.
fn located(errors: FieldErrors, mapping: &Mapping) -> Vec<(Option<usize>, FieldError)> {
    errors
        .0
        .into_iter()
        .map(|e| (column_of(e.field, mapping), e))
        .collect()
}

fn column_of(field: &str, mapping: &Mapping) -> Option<usize> {
    let target = Target::parse(field)?;
    mapping.0.iter().position(|t| *t == Some(target))
}

/// One row as a validated profile; place names resolved against the municipality list.
async fn profile(
    store: &Store,
    fields: &[&str],
    mapping: &Mapping,
    today: chrono::NaiveDate,
) -> Result<Result<OrganisationProfile, FieldErrors>, ImportError> {
    let mut input = map_row(fields, mapping);
    let within = PrefectureCode::parse(&input.prefecture).ok();
    if let Some(code) = store
        .municipalities()
        .resolve(&input.municipality, within)
        .await?
    {
        input.municipality = code;
    }
    Ok(input.validate(today))
}

/// What `hiroba import spreadsheet` and the import page run.
#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    /// The columns' fields; guessed from the header when absent.
    pub mapping: Option<Mapping>,
    /// The portal to list every organisation in.
    pub portal_id: Option<i64>,
}

/// Imports the sheet (see the module note).
pub async fn import(
    store: &Store,
    path: &Path,
    opts: &Options,
    sheet: &SheetOptions,
) -> Result<Summary, ImportError> {
    let opts = &Options {
        portal_id: sheet.portal_id,
        ..opts.clone()
    };
    let mut input = Input::open(path)?;
    let mut ctx = Ctx::start(store, "spreadsheet", path, &input, opts).await?;
    let (reader, encoding) = match input.reader() {
        Ok(r) => r,
        Err(e) => return ctx.finish(Err(e), Encoding::Utf8).await,
    };
    let result = read_all(&mut ctx, Rows::new(reader), sheet).await;
    ctx.finish(result, encoding).await
}

struct Item {
    profile: OrganisationProfile,
}

async fn read_all(
    ctx: &mut Ctx<'_>,
    mut rows: Rows<impl std::io::Read>,
    sheet: &SheetOptions,
) -> Result<(), ImportError> {
    let headers = header(next_filled(&mut rows)?)?;
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mapping = sheet
        .mapping
        .clone()
        .unwrap_or_else(|| Mapping::guess(&refs));
    if let Some(problem) = problems(&mapping, headers.len()).first() {
        return Err(ImportError::Layout(format!(
            "{} / {}",
            problem.en(),
            problem.ja()
        )));
    }
    let label = |i: usize| format!("{} {}", i + 1, headers[i]);
    let mut batch: Vec<Item> = Vec::with_capacity(ctx.opts.batch_size);
    let mut keys: HashSet<String> = HashSet::new();
    while let Some(row) = next_filled(&mut rows)? {
        ctx.read();
        let fields = match row.fields() {
            Ok(f) => f,
            Err(bad) => {
                ctx.reject(Rejection {
                    line: row.line,
                    column: label(bad.column),
                    value: bad.lossy,
                    reason: Reason::BadText,
                })?;
                continue;
            }
        };
        let profile = match profile(ctx.store, &fields, &mapping, ctx.opts.today).await? {
            Ok(p) => p,
            Err(errors) => {
                let rejections = located(errors, &mapping)
                    .into_iter()
                    .map(|(column, e)| Rejection {
                        line: row.line,
                        column: column.map_or_else(|| e.field.to_owned(), label),
                        value: column
                            .and_then(|c| fields.get(c))
                            .map(|v| v.to_string())
                            .unwrap_or_default(),
                        reason: Reason::Invalid(e.invalid),
                    })
                    .collect();
                ctx.reject_row(rejections)?;
                continue;
            }
        };
        // One organisation twice in a batch would be planned against a stale copy.
        let own_keys = [
            profile.corporate_number.map(|n| format!("#{n}")),
            Some(profile.name.clone()),
        ];
        if own_keys.iter().flatten().any(|k| keys.contains(k)) || batch.len() >= ctx.opts.batch_size
        {
            flush(ctx, &mut batch, sheet.portal_id).await?;
            keys.clear();
        }
        keys.extend(own_keys.into_iter().flatten());
        batch.push(Item { profile });
    }
    flush(ctx, &mut batch, sheet.portal_id).await
}

/// The organisation a row is about: the one with its 法人番号, else one of the same name in
/// the same prefecture (or where either does not say) without another 法人番号.
fn matching<'f>(row: &OrganisationProfile, found: &'f Found) -> Option<&'f Existing> {
    if let Some(e) = row.corporate_number.and_then(|n| found.by_number.get(&n)) {
        return Some(e);
    }
    found.by_name.get(&row.name)?.iter().find(|e| {
        let p = &e.state.profile;
        let number_fits = p.corporate_number.is_none() || row.corporate_number.is_none();
        let place_fits = match (p.address.prefecture, row.address.prefecture) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        number_fits && place_fits
    })
}

async fn flush(
    ctx: &mut Ctx<'_>,
    batch: &mut Vec<Item>,
    portal_id: Option<i64>,
) -> Result<(), ImportError> {
    if batch.is_empty() {
        return Ok(());
    }
    let keys = Keys {
        corporate_numbers: batch
            .iter()
            .filter_map(|i| i.profile.corporate_number)
            .collect(),
        names: batch.iter().map(|i| i.profile.name.clone()).collect(),
    };
    let planner = |found: &Found| {
        batch
            .iter()
            .map(|item| {
                let existing = matching(&item.profile, found);
                (
                    plan::spreadsheet(&item.profile, existing),
                    existing.map(|e| e.id),
                )
            })
            .collect::<Vec<_>>()
    };
    let imports = ctx.store.imports();
    let outcomes: Vec<_> = if ctx.opts.dry_run {
        imports
            .preview(&keys, planner)
            .await?
            .iter()
            .map(|(p, _)| p.outcome())
            .collect()
    } else {
        imports.apply_sheet(portal_id, &keys, planner).await?
    };
    for outcome in outcomes {
        ctx.count(outcome);
    }
    batch.clear();
    ctx.batch_done().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_problems_are_named() {
        let m = Mapping(vec![Some(Target::Mission), Some(Target::Mission)]);
        assert_eq!(
            problems(&m, 3),
            vec![
                MappingProblem::ColumnCount {
                    mapping: 2,
                    file: 3
                },
                MappingProblem::NoName,
                MappingProblem::Twice(Target::Mission),
            ]
        );
        assert!(problems(&Mapping(vec![Some(Target::Name), None]), 2).is_empty());
    }
}
