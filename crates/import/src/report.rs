//! The report of rejected rows: `line,column,value,reason_ja,reason_en`, UTF-8 with a
//! byte-order mark so that Excel opens it correctly in Japan. Written only when a row is
//! rejected, as rows are read (memory stays flat however many there are).

use crate::ImportError;
use hiroba_domain::Invalid;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Why a row was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    ColumnCount {
        expected: usize,
        found: usize,
    },
    Invalid(Invalid),
    /// Bytes that are neither UTF-8 nor CP932 as detected for the file.
    BadText,
}

impl Reason {
    pub fn ja(&self) -> String {
        match self {
            Reason::ColumnCount { expected, found } => {
                format!(
                    "列の数が{expected}ではなく{found}です（途中で切れた行や別の形式のファイル）"
                )
            }
            Reason::BadText => {
                "文字コードが正しくありません（UTF-8のファイルにShift_JISの文字が混じっているなど）"
                    .to_owned()
            }
            Reason::Invalid(i) => invalid_ja(i),
        }
    }

    pub fn en(&self) -> String {
        match self {
            Reason::ColumnCount { expected, found } => format!(
                "{found} columns instead of {expected} (a truncated line, or another file's layout)"
            ),
            Reason::BadText => {
                "text in the wrong encoding (e.g. a Shift_JIS character in a UTF-8 file)".to_owned()
            }
            Reason::Invalid(i) => invalid_en(i),
        }
    }
}

fn invalid_ja(i: &Invalid) -> String {
    match i {
        Invalid::Required => "値がありません".into(),
        Invalid::TooLong { max } => format!("{max}文字を超えています"),
        Invalid::DigitCount { expected } => format!("{expected}桁の数字ではありません"),
        Invalid::CheckDigit => "チェックディジットが一致しません".into(),
        Invalid::UnknownPrefecture => "都道府県コードが正しくありません".into(),
        Invalid::PrefectureMissing => "都道府県コードがないのに市区町村コードがあります".into(),
        Invalid::UnknownChoice => "定められた値のどれでもありません".into(),
        Invalid::NotANumber => "数字ではありません".into(),
        Invalid::OutOfRange { min, max } => format!("{min}から{max}の範囲にありません"),
        Invalid::DateFormat => "日付ではないか、存在しない日付です".into(),
        Invalid::DateInFuture => "未来の日付です".into(),
        other => format!("値が正しくありません（{}）", code(other)),
    }
}

fn invalid_en(i: &Invalid) -> String {
    match i {
        Invalid::Required => "missing value".into(),
        Invalid::TooLong { max } => format!("longer than {max} characters"),
        Invalid::DigitCount { expected } => format!("not {expected} digits"),
        Invalid::CheckDigit => "the check digit does not match".into(),
        Invalid::UnknownPrefecture => "not a prefecture code".into(),
        Invalid::PrefectureMissing => "a city code without a prefecture code".into(),
        Invalid::UnknownChoice => "not one of the allowed values".into(),
        Invalid::NotANumber => "not a number".into(),
        Invalid::OutOfRange { min, max } => format!("not between {min} and {max}"),
        Invalid::DateFormat => "not a date, or a date that does not exist".into(),
        Invalid::DateInFuture => "a date in the future".into(),
        other => format!("invalid value ({})", code(other)),
    }
}

/// The stable code of a reason (`check_digit`…), for the reasons not worded above.
fn code(i: &Invalid) -> String {
    i.message_id()
        .trim_start_matches("validation-")
        .replace('-', "_")
}

/// One rejected row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub line: u64,
    /// The column as the file's layout names it (empty when the row as a whole is wrong).
    pub column: String,
    pub value: String,
    pub reason: Reason,
}

/// Writes rejections to a CSV file created at the first one.
pub struct Report {
    path: PathBuf,
    writer: Option<csv::Writer<BufWriter<File>>>,
    count: u64,
}

impl Report {
    pub fn new(path: PathBuf) -> Report {
        Report {
            path,
            writer: None,
            count: 0,
        }
    }

    pub fn add(&mut self, r: &Rejection) -> Result<(), ImportError> {
        let io = |e: std::io::Error| ImportError::Io(self.path.clone(), e);
        if self.writer.is_none() {
            let mut file = BufWriter::new(File::create(&self.path).map_err(io)?);
            file.write_all(b"\xEF\xBB\xBF").map_err(io)?;
            let mut w = csv::Writer::from_writer(file);
            w.write_record(["line", "column", "value", "reason_ja", "reason_en"])
                .map_err(|e| ImportError::Csv(e.to_string()))?;
            self.writer = Some(w);
        }
        let w = self.writer.as_mut().expect("created above");
        w.write_record([
            r.line.to_string(),
            r.column.clone(),
            r.value.clone(),
            r.reason.ja(),
            r.reason.en(),
        ])
        .map_err(|e| ImportError::Csv(e.to_string()))?;
        self.count += 1;
        Ok(())
    }

    /// Flushes the file; returns its path if any row was rejected.
    pub fn finish(mut self) -> Result<Option<PathBuf>, ImportError> {
        match self.writer.take() {
            Some(mut w) => {
                w.flush()
                    .map_err(|e| ImportError::Io(self.path.clone(), e))?;
                Ok(Some(self.path))
            }
            None => Ok(None),
        }
    }

    pub fn count(&self) -> u64 {
        self.count
    }
}
