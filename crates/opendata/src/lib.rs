//! Open data out: organisation lists as CSV that opens correctly in a spreadsheet (UTF-8 with a
//! byte-order mark, or Shift_JIS on request) and re-imports through the spreadsheet importer,
//! and as JSON Lines. Pure: bytes in memory, no I/O.

pub mod csv_rows;
pub mod encoding;

pub use csv_rows::{ExportOrganisation, HEADERS, write_csv};
pub use encoding::CsvEncoding;
