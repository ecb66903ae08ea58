//! `hiroba import spreadsheet`: the mapping and a preview first, then the import once
//! confirmed.

use crate::cli::SheetArgs;
use anyhow::{Context, Result, bail};
use hiroba_domain::registries::spreadsheet::{Mapping, Target};
use hiroba_import::Summary;
use hiroba_import::report::Reason;
use hiroba_import::spreadsheet::{self, Sheet, SheetOptions};
use hiroba_store::Store;
use std::io::{BufRead, IsTerminal, Write};

const PREVIEW_ROWS: usize = 5;

/// Runs the command; `None` when it stopped before importing (a preview, or not confirmed).
pub async fn run(
    store: &Store,
    args: &SheetArgs,
    mut opts: hiroba_import::Options,
) -> Result<Option<Summary>> {
    let portal_id = match &args.portal {
        Some(slug) => Some(
            store
                .portals()
                .get_by_slug(slug)
                .await?
                .with_context(|| format!("no portal {slug:?} / ポータル「{slug}」はありません"))?
                .id,
        ),
        None => None,
    };
    let file = &args.common.file;
    let guessed = spreadsheet::inspect(store, file, None, 0, opts.today).await?;
    let mapping = overrides(&guessed.headers, guessed.mapping.clone(), &args.map)?;
    let sheet = spreadsheet::inspect(store, file, Some(mapping), PREVIEW_ROWS, opts.today).await?;
    print!("{}", describe(&sheet));
    if !sheet.problems.is_empty() {
        bail!("fix the mapping with --map first / --map で列の対応を直してください");
    }
    if args.preview {
        return Ok(None);
    }
    if !args.yes && !args.common.dry_run && !confirm(sheet.rows)? {
        println!("Not imported. / 取り込みませんでした。");
        return Ok(None);
    }
    opts.rows_total = Some(sheet.rows);
    opts.batch_size = spreadsheet::BATCH_ROWS;
    let sheet_opts = SheetOptions {
        mapping: Some(sheet.mapping),
        portal_id,
    };
    Ok(Some(
        spreadsheet::import(store, file, &opts, &sheet_opts).await?,
    ))
}

fn confirm(rows: u64) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        bail!(
            "not importing without confirmation: add --yes (or --dry-run) / 確認なしでは取り込みません。--yes を付けてください"
        );
    }
    print!("Import {rows} rows? / {rows} 行を取り込みますか？ [y/N] ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "はい"))
}

/// The guessed mapping with the operator's `COLUMN=FIELD` changes applied.
pub fn overrides(headers: &[String], mut mapping: Mapping, map: &[String]) -> Result<Mapping> {
    mapping.0.resize(headers.len(), None);
    for item in map {
        let Some((column, field)) = item.split_once('=') else {
            bail!(
                "--map {item:?}: write COLUMN=FIELD, e.g. 3=email / COLUMN=FIELD の形で書いてください"
            );
        };
        let column = column.trim();
        let index = match column.parse::<usize>() {
            Ok(n) if (1..=headers.len()).contains(&n) => n - 1,
            Ok(n) => bail!(
                "--map {item:?}: there is no column {n} (the file has {}) / {n} 列目はありません",
                headers.len()
            ),
            Err(_) => headers.iter().position(|h| h == column).with_context(|| {
                format!("--map {item:?}: no column is headed {column:?} / 見出しが「{column}」の列はありません")
            })?,
        };
        let field = field.trim();
        mapping.0[index] = if field.is_empty() || field == "-" {
            None
        } else {
            Some(Target::parse(field).with_context(|| {
                let fields: Vec<&str> = Target::ALL.iter().map(|t| t.code()).collect();
                format!(
                    "--map {item:?}: {field:?} is not a field; one of {} / 項目名が違います",
                    fields.join(", ")
                )
            })?)
        };
    }
    Ok(mapping)
}

/// The mapping, the first rows with their problems, and the mapping's own problems.
pub fn describe(sheet: &Sheet) -> String {
    let mut out = format!(
        "{} rows, {} / {} 行\nColumns / 列の対応:\n",
        sheet.rows,
        sheet.encoding.name(),
        sheet.rows
    );
    for (i, h) in sheet.headers.iter().enumerate() {
        let target = sheet.mapping.0.get(i).copied().flatten();
        out.push_str(&format!(
            "  {:>2} {h} → {}\n",
            i + 1,
            target.map_or("(ignored / 取り込まない)", |t| t.code())
        ));
    }
    for p in &sheet.problems {
        out.push_str(&format!("  ! {} / {}\n", p.en(), p.ja()));
    }
    if !sheet.preview.is_empty() {
        out.push_str("First rows / 最初の行:\n");
    }
    for row in &sheet.preview {
        let name = sheet
            .mapping
            .0
            .iter()
            .position(|t| *t == Some(Target::Name))
            .and_then(|i| row.cells.get(i))
            .map_or("", |s| s.as_str());
        let verdict = if row.errors.is_empty() && row.bad_text.is_none() {
            "ok".to_owned()
        } else {
            let mut problems: Vec<String> = row
                .errors
                .iter()
                .map(|(column, e)| {
                    let reason = Reason::Invalid(e.invalid.clone());
                    let at = column
                        .and_then(|c| sheet.headers.get(c))
                        .map_or(e.field, |h| h.as_str());
                    format!("{at}: {} / {}", reason.en(), reason.ja())
                })
                .collect();
            if let Some(c) = row.bad_text {
                let reason = Reason::BadText;
                problems.push(format!("{}: {} / {}", c + 1, reason.en(), reason.ja()));
            }
            problems.join("; ")
        };
        out.push_str(&format!("  line {} {name}: {verdict}\n", row.line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_by_number_or_header() {
        let headers: Vec<String> = ["団体名", "備考", "連絡先"].map(String::from).to_vec();
        let guessed = Mapping(vec![Some(Target::Name), None, None]);
        let m = overrides(
            &headers,
            guessed.clone(),
            &["備考=description".into(), "3=email".into(), "1=".into()],
        )
        .unwrap();
        assert_eq!(
            m.0,
            [None, Some(Target::Description), Some(Target::Email)].to_vec()
        );
        assert!(overrides(&headers, guessed.clone(), &["4=email".into()]).is_err());
        assert!(overrides(&headers, guessed.clone(), &["1=nonsense".into()]).is_err());
        assert!(overrides(&headers, guessed, &["email".into()]).is_err());
    }
}
