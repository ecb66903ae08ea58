//! Any header and rows: guessing the mapping, mapping rows and validating them never panics.
#![no_main]

use hiroba_domain::registries::spreadsheet::{Mapping, map_row};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut mapping: Option<Mapping> = None;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date");
    for record in reader.byte_records().take(32) {
        let Ok(record) = record else { break };
        let fields: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
        match &mapping {
            None => mapping = Some(Mapping::guess(&refs)),
            Some(m) => {
                let input = map_row(&refs, m);
                let _ = input.validate(today);
            }
        }
    }
});
