//! Streaming CSV rows with their line numbers, fields checked as UTF-8 one by one so a bad
//! byte names its column.

use crate::ImportError;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

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

/// Offsets of the newlines read but not yet passed by a record: the CSV reader's own line
/// numbers lag one behind after a CRLF (it leaves the LF for the next record), so lines are
/// counted here. Holds at most a buffer's worth of offsets.
type Newlines = Rc<RefCell<VecDeque<u64>>>;

struct Counting<R> {
    inner: R,
    offset: u64,
    newlines: Newlines,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut newlines = self.newlines.borrow_mut();
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                newlines.push_back(self.offset + i as u64);
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Rows of a CSV stream. Rows may have any number of fields (the parsers check the count).
pub struct Rows<R: Read> {
    reader: csv::Reader<Counting<R>>,
    newlines: Newlines,
    /// Newlines before the last record read.
    passed: u64,
}

impl<R: Read> Rows<R> {
    pub fn new(input: R) -> Self {
        let newlines = Newlines::default();
        Rows {
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .buffer_capacity(256 * 1024)
                .from_reader(Counting {
                    inner: input,
                    offset: 0,
                    newlines: newlines.clone(),
                }),
            newlines,
            passed: 0,
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
        let start = record.position().map_or(0, |p| p.byte());
        let mut newlines = self.newlines.borrow_mut();
        while newlines.front().is_some_and(|o| *o < start) {
            newlines.pop_front();
            self.passed += 1;
        }
        // A record reported as starting on the LF of the previous CRLF starts after it.
        let on_lf = u64::from(newlines.front() == Some(&start));
        Ok(Some(Row {
            record,
            line: 1 + self.passed + on_lf,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_from_one() {
        for text in [
            "a,b\nc,d\n\"e\nf\",g\nh,i",
            "a,b\r\nc,d\r\n\"e\r\nf\",g\r\nh,i\r\n",
        ] {
            let mut rows = Rows::new(text.as_bytes());
            let mut lines = Vec::new();
            while let Some(row) = rows.next_row().unwrap() {
                lines.push(row.line);
            }
            assert_eq!(lines, [1, 2, 3, 5], "{text:?}");
        }
    }
}
