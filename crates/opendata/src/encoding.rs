//! Text encodings spreadsheets open without asking: Excel reads UTF-8 only with a BOM, and older
//! Japanese Excel and many municipal systems expect Shift_JIS (Windows-31J).

/// How CSV text is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark.
    #[default]
    Utf8Bom,
    /// Shift_JIS (Windows-31J / CP932); characters it lacks become 〓.
    ShiftJis,
}

impl CsvEncoding {
    /// `utf-8` (default), `sjis`, `shift_jis`, `cp932`…; `None` for anything else.
    pub fn parse(name: &str) -> Option<CsvEncoding> {
        match name
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_'], "")
            .as_str()
        {
            "" | "utf8" | "utf8bom" => Some(CsvEncoding::Utf8Bom),
            "sjis" | "shiftjis" | "cp932" | "windows31j" | "ms932" => Some(CsvEncoding::ShiftJis),
            _ => None,
        }
    }

    pub fn charset(self) -> &'static str {
        match self {
            CsvEncoding::Utf8Bom => "utf-8",
            CsvEncoding::ShiftJis => "Shift_JIS",
        }
    }

    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            CsvEncoding::Utf8Bom => {
                let mut out = Vec::with_capacity(text.len() + 3);
                out.extend_from_slice(b"\xEF\xBB\xBF");
                out.extend_from_slice(text.as_bytes());
                out
            }
            CsvEncoding::ShiftJis => shift_jis(text),
        }
    }
}

/// Encodes to Shift_JIS, replacing what it cannot hold (emoji, some kanji) with 〓 rather than
/// the HTML character references `encoding_rs` would write into a spreadsheet cell.
fn shift_jis(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf));
        if unmappable {
            out.extend_from_slice(&encoding_rs::SHIFT_JIS.encode("〓").0);
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_gets_a_bom() {
        assert_eq!(
            CsvEncoding::Utf8Bom.encode("団体"),
            b"\xEF\xBB\xBF\xE5\x9B\xA3\xE4\xBD\x93"
        );
    }

    #[test]
    fn shift_jis_round_trips_and_replaces_what_it_lacks() {
        let bytes = CsvEncoding::ShiftJis.encode("髙橋ＮＰＯ①😀");
        let (back, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert!(!had_errors);
        assert_eq!(back, "髙橋ＮＰＯ①〓");
    }

    #[test]
    fn names() {
        assert_eq!(CsvEncoding::parse("Shift_JIS"), Some(CsvEncoding::ShiftJis));
        assert_eq!(CsvEncoding::parse("sjis"), Some(CsvEncoding::ShiftJis));
        assert_eq!(CsvEncoding::parse(""), Some(CsvEncoding::Utf8Bom));
        assert_eq!(CsvEncoding::parse("latin1"), None);
    }
}
