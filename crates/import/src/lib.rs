//! Importing public registries into Hiroba: the National Tax Agency's corporate-number data
//! ([`nta`]), the Cabinet Office's NPO list ([`npo`]) and the ministry's local-government
//! codes ([`municipalities`]), and operators' own spreadsheets ([`spreadsheet`]).
//!
//! Files are streamed (a ZIP or a plain CSV, UTF-8 or CP932), rows parsed by the domain's
//! pure parsers and planned against what is stored by the domain's rules, then written in
//! batches of a thousand rows, each batch one transaction: an interrupted import leaves every
//! finished batch in and nothing of the one under way, and running the same file again
//! changes nothing. Rejected rows go to a CSV report with their line numbers and reasons.

mod driver;
pub mod input;
pub mod municipalities;
pub mod npo;
pub mod nta;
mod progress;
pub mod report;
mod rows;
pub mod spreadsheet;

pub use driver::{Options, Summary};
pub use hiroba_store::imports::RunCounts;
pub use input::Encoding;

use std::path::PathBuf;

/// A problem with the file as a whole (rows with problems are rejected one by one instead).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {error} / ファイルを読めません", path = .0.display(), error = .1)]
    Io(PathBuf, std::io::Error),
    #[error("the file is empty / ファイルが空です")]
    Empty,
    #[error("not a readable ZIP file: {0} / ZIPファイルとして読めません")]
    Zip(String),
    #[error("the ZIP file holds no CSV file{} / ZIPファイルの中にCSVファイルがありません", listed(.0))]
    NoCsvInZip(Vec<String>),
    #[error("the ZIP file holds several files ({}); expected one CSV / ZIPファイルの中にファイルが複数あります（CSVファイル1つだけにしてください）", .0.join(", "))]
    SeveralFilesInZip(Vec<String>),
    #[error("not the expected layout: {0} / ファイルの形式が違います")]
    Layout(String),
    #[error("cannot read the CSV: {0} / CSVとして読めません")]
    Csv(String),
    #[error("database: {0} / データベースのエラー")]
    Store(#[from] hiroba_store::StoreError),
}

fn listed(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!(" (only {})", names.join(", "))
    }
}
