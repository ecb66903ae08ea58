//! Any bytes, read as CSV records, must parse as NTA rows or be rejected — never panic.
#![no_main]

use hiroba_domain::registries::nta;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    for record in reader.byte_records().take(64) {
        let Ok(record) = record else { break };
        let fields: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
        if let Ok(rec) = nta::parse(&refs) {
            let _ = rec.address();
            let _ = rec.ends_corporation();
        }
    }
});
