//! Streaming CSV rows with their line numbers, fields checked as UTF-8 one by one so a bad
//! byte names its column.

use crate::ImportError;
use std::io::Read;

/// One row as read.
pub struct Row {
    record: csv::ByteRecord,
    /// The line the row starts on (1-based), as an editor shows it.
    pub line: u64,
}

/// A field that is not valid UTF-8 (or held bytes CP932 could not decode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadText {
    /// 0-based column.
    pub column: usize,
    /// The field with the bad bytes shown as U+FFFD.
    pub lossy: String,
}

impl Row {
    pub fn len(&self) -> usize {
        self.record.len()
    }

    pub fn is_empty(&self) -> bool {
        self.record
            .iter()
            .all(|f| f.iter().all(u8::is_ascii_whitespace))
    }

    /// One field's raw bytes, trimmed of ASCII spaces.
    pub fn bytes(&self, i: usize) -> Option<&[u8]> {
        self.record.get(i).map(<[u8]>::trim_ascii)
    }

    /// Every field as text.
    pub fn fields(&self) -> Result<Vec<&str>, BadText> {
        self.record
            .iter()
            .enumerate()
            .map(|(column, bytes)| match std::str::from_utf8(bytes) {
                Ok(s) if !s.contains('\u{FFFD}') => Ok(s),
                _ => Err(BadText {
                    column,
                    lossy: String::from_utf8_lossy(bytes).into_owned(),
                }),
            })
            .collect()
    }
}

/// Rows of a CSV stream. Rows may have any number of fields (the parsers check the count).
pub struct Rows<R: Read> {
    reader: csv::Reader<R>,
}

impl<R: Read> Rows<R> {
    pub fn new(input: R) -> Self {
        Rows {
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .buffer_capacity(256 * 1024)
                .from_reader(input),
        }
    }

    /// The next row, or `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        let mut record = csv::ByteRecord::new();
        if !self
            .reader
            .read_byte_record(&mut record)
            .map_err(|e| ImportError::Csv(e.to_string()))?
        {
            return Ok(None);
        }
        let line = record.position().map_or(0, |p| p.line());
        Ok(Some(Row { record, line }))
    }
}
