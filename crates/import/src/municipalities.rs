//! `hiroba import municipalities`: the local-government code list (about 1,900 rows), upserted
//! into the municipality gazetteer. Rows before the header (titles a spreadsheet export
//! keeps) are passed over; English names already stored are kept.

use crate::ImportError;
use crate::driver::{Ctx, Options, Summary};
use crate::input::{Encoding, Input};
use crate::report::{Reason, Rejection};
use crate::rows::Rows;
use hiroba_domain::registries::RowError;
use hiroba_domain::registries::local_codes::{self, Layout};
use hiroba_domain::registries::plan::Outcome;
use hiroba_store::Store;
use hiroba_store::municipalities::Municipality;
use std::collections::HashMap;
use std::path::Path;

pub async fn import(store: &Store, path: &Path, opts: &Options) -> Result<Summary, ImportError> {
    let mut input = Input::open(path)?;
    let mut ctx = Ctx::start(store, "municipalities", path, &input, opts).await?;
    let (reader, encoding) = match input.reader() {
        Ok(r) => r,
        Err(e) => return ctx.finish(Err(e), Encoding::Utf8).await,
    };
    let result = read_all(&mut ctx, Rows::new(reader)).await;
    ctx.finish(result, encoding).await
}

async fn read_all(
    ctx: &mut Ctx<'_>,
    mut rows: Rows<impl std::io::Read>,
) -> Result<(), ImportError> {
    let stored: HashMap<String, Municipality> = ctx
        .store
        .municipalities()
        .all()
        .await?
        .into_iter()
        .map(|m| (m.code.to_string(), m))
        .collect();
    let mut layout: Option<Layout> = None;
    let mut changed: HashMap<String, Municipality> = HashMap::new();
    while let Some(row) = rows.next_row()? {
        if row.is_empty() {
            continue;
        }
        let fields = match row.fields() {
            Ok(f) => f,
            Err(bad) if layout.is_some() => {
                ctx.read();
                ctx.reject(Rejection {
                    line: row.line,
                    column: (bad.column + 1).to_string(),
                    value: bad.lossy,
                    reason: Reason::BadText,
                })?;
                continue;
            }
            Err(_) => continue,
        };
        let Some(layout) = &layout else {
            layout = Layout::from_header(&fields);
            continue;
        };
        ctx.read();
        let parsed = match local_codes::parse(&fields, layout) {
            Ok(p) => p,
            Err(RowError::Field { column, problem }) => {
                let i = [layout.code, layout.prefecture, layout.city]
                    .into_iter()
                    .find(|i| layout.column_name(*i) == column);
                ctx.reject(Rejection {
                    line: row.line,
                    column: column.to_owned(),
                    value: i.and_then(|i| fields.get(i)).unwrap_or(&"").to_string(),
                    reason: Reason::Invalid(problem),
                })?;
                continue;
            }
            Err(RowError::ColumnCount { expected, found }) => {
                ctx.reject(Rejection {
                    line: row.line,
                    column: String::new(),
                    value: String::new(),
                    reason: Reason::ColumnCount { expected, found },
                })?;
                continue;
            }
        };
        let key = parsed.code.to_string();
        let before = stored.get(&key);
        let item = Municipality {
            code: parsed.code,
            name_ja: parsed.name_ja,
            name_kana: parsed
                .name_kana
                .or_else(|| before.and_then(|b| b.name_kana.clone())),
            name_en: before.and_then(|b| b.name_en.clone()),
        };
        ctx.count(match before {
            None if changed.contains_key(&key) => Outcome::Unchanged,
            None => Outcome::Created,
            Some(b) if *b == item => Outcome::Unchanged,
            Some(_) => Outcome::Updated,
        });
        if before != Some(&item) {
            changed.insert(key, item);
        }
    }
    if layout.is_none() {
        return Err(ImportError::Layout(
            "no header row naming 団体コード, 都道府県名（漢字） and 市区町村名（漢字）".into(),
        ));
    }
    if !ctx.opts.dry_run && !changed.is_empty() {
        let mut items: Vec<Municipality> = changed.into_values().collect();
        items.sort_by_key(|m| m.code);
        ctx.store.municipalities().upsert_many(&items).await?;
    }
    ctx.batch_done().await
}
