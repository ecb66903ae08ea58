//! Files built to the registries' published layouts, for the import tests.

// Each test file uses its own part of this module.
#![allow(dead_code)]

use chrono::NaiveDate;
use hiroba_domain::codes::CorporateNumber;
use hiroba_import::Options;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn today() -> NaiveDate {
    hiroba_store::disclosure::today_in_japan()
}

pub fn options() -> Options {
    Options::new(today())
}

/// A valid 法人番号 from a base number.
pub fn number(base: u64) -> String {
    CorporateNumber::from_base(base).unwrap().to_string()
}

pub fn cn(base: u64) -> CorporateNumber {
    CorporateNumber::from_base(base).unwrap()
}

/// Quotes every field, as the NTA and the Cabinet Office write their CSV files.
fn line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(",")
}

/// One row of the NTA corporate-number data (30 columns; `set` takes 1-based positions as
/// the specification numbers them).
#[derive(Clone)]
pub struct Nta(pub Vec<String>);

impl Nta {
    /// A new (処理区分 01) corporation of kind 399 in 岡山市北区.
    pub fn new(sequence: u64, number: &str, name: &str) -> Nta {
        let mut f = vec![String::new(); 30];
        f[0] = sequence.to_string();
        f[1] = number.into();
        f[2] = "01".into();
        f[3] = "0".into();
        f[4] = "2024-04-01".into();
        f[5] = "2015-10-05".into();
        f[6] = name.into();
        f[8] = "399".into();
        f[9] = "岡山県".into();
        f[10] = "岡山市北区".into();
        f[11] = "表町１丁目４－６４".into();
        f[13] = "33".into();
        f[14] = "101".into();
        f[15] = "7000822".into();
        f[22] = "2015-10-05".into();
        f[23] = "1".into();
        f[29] = "0".into();
        Nta(f)
    }

    pub fn set(mut self, position: usize, value: &str) -> Nta {
        self.0[position - 1] = value.into();
        self
    }
}

pub fn nta_csv(rows: &[Nta]) -> String {
    rows.iter().map(|r| line(&r.0) + "\r\n").collect()
}

/// One row of the Cabinet Office NPO list (60 columns, 0-based as the reference lists them).
#[derive(Clone)]
pub struct Npo(pub Vec<String>);

impl Npo {
    pub fn new(name: &str, authority: &str, address: &str) -> Npo {
        let mut f = vec![String::new(); 60];
        f[0] = name.into();
        f[2] = authority.into();
        f[4] = address.into();
        f[7] = "山田 花子".into();
        f[10] = "2015/10/05".into();
        f[11] = "地域の子どもを支える".into();
        f[11 + 13] = "○".into();
        f[53] = "04/01".into();
        Npo(f)
    }

    pub fn set(mut self, column: usize, value: &str) -> Npo {
        self.0[column] = value.into();
        self
    }
}

pub fn npo_csv(rows: &[Npo]) -> String {
    let mut header = vec![String::new(); 60];
    header[0] = "法人名称".into();
    header[1] = "法人名称カナ".into();
    header[2] = "所轄庁".into();
    header[4] = "主たる事務所の所在地".into();
    header[49] = "法人番号".into();
    for (i, h) in header.iter_mut().enumerate() {
        if h.is_empty() {
            *h = format!("項目{i}");
        }
    }
    let mut out = line(&header) + "\r\n";
    for r in rows {
        out.push_str(&(line(&r.0) + "\r\n"));
    }
    out
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

pub fn cp932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "test text must be CP932");
    bytes.into_owned()
}

pub fn utf8_bom(text: &str) -> Vec<u8> {
    let mut v = b"\xEF\xBB\xBF".to_vec();
    v.extend_from_slice(text.as_bytes());
    v
}

pub fn zip(dir: &Path, name: &str, entries: &[(&str, &[u8])]) -> PathBuf {
    let path = dir.join(name);
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (entry, bytes) in entries {
        w.start_file(*entry, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
    path
}

/// The rejected-row report as (line, column, reason_en) triples, without its header.
pub fn report(path: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{FEFF}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[0].to_owned(), rec[1].to_owned(), rec[4].to_owned())
        })
        .collect()
}
