//! The ministry's list of local-government codes (総務省 全国地方公共団体コード) as a CSV:
//! columns found by their header names, one row per prefecture or municipality (a
//! prefecture's row leaves 市区町村名 empty).

use super::{RowError, required};
use crate::codes::MunicipalityCode;
use crate::kana;

/// Where the columns are, from the header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub code: usize,
    pub prefecture: usize,
    pub city: usize,
    pub prefecture_kana: Option<usize>,
    pub city_kana: Option<usize>,
}

pub const CODE: &str = "団体コード";
pub const PREFECTURE: &str = "都道府県名（漢字）";
pub const CITY: &str = "市区町村名（漢字）";

impl Layout {
    /// Reads a header row ("団体コード", "都道府県名（漢字）", …, in any width, with line
    /// breaks as spreadsheets keep them); `None` if the row is not the header.
    pub fn from_header(fields: &[&str]) -> Option<Layout> {
        let names: Vec<String> = fields
            .iter()
            .map(|f| {
                kana::nfkc(f)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect()
            })
            .collect();
        let find = |word: &str, kana: bool| {
            names
                .iter()
                .position(|n| n.contains(word) && n.contains("カナ") == kana)
        };
        Some(Layout {
            code: names.iter().position(|n| n.contains("団体コード"))?,
            prefecture: find("都道府県名", false)?,
            city: find("市区町村名", false)?,
            prefecture_kana: find("都道府県名", true),
            city_kana: find("市区町村名", true),
        })
    }

    /// The header's name of a column, for reports.
    pub fn column_name(&self, i: usize) -> &'static str {
        match i {
            _ if i == self.code => CODE,
            _ if i == self.prefecture => PREFECTURE,
            _ if i == self.city => CITY,
            _ => "",
        }
    }
}

/// One prefecture or municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalGovernment {
    pub code: MunicipalityCode,
    pub name_ja: String,
    pub name_kana: Option<String>,
}

fn reading(text: Option<&str>) -> Option<String> {
    let folded = kana::to_katakana(&kana::nfkc(text?.trim()));
    (!folded.is_empty() && kana::is_kana_reading(&folded)).then_some(folded)
}

/// Parses one row. Codes written as numbers by a spreadsheet ("10006" for 010006) are
/// completed with their leading zero.
pub fn parse(fields: &[&str], layout: &Layout) -> Result<LocalGovernment, RowError> {
    let get = |i: usize| fields.get(i).map(|s| s.trim()).unwrap_or("");
    let digits = kana::code_digits(required(get(layout.code), CODE)?)
        .ok_or_else(|| RowError::field(CODE, crate::Invalid::DigitCount { expected: 6 }))?;
    let digits = if digits.len() == 5 {
        format!("0{digits}")
    } else {
        digits
    };
    let code = MunicipalityCode::parse(&digits).map_err(|e| RowError::field(CODE, e))?;
    let prefecture = required(get(layout.prefecture), PREFECTURE)?;
    let city = get(layout.city);
    let (name_ja, kana_column) = if city.is_empty() {
        (prefecture, layout.prefecture_kana)
    } else {
        (city, layout.city_kana)
    };
    Ok(LocalGovernment {
        code,
        name_ja: kana::nfkc(name_ja),
        name_kana: reading(kana_column.map(get)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_header_and_rows() {
        let header = [
            "団体コード",
            "都道府県名\n（漢字）",
            "市区町村名\n（漢字）",
            "都道府県名\n（カナ）",
            "市区町村名\n（カナ）",
        ];
        let layout = Layout::from_header(&header).unwrap();
        assert_eq!(
            (layout.code, layout.city, layout.city_kana),
            (0, 2, Some(4))
        );
        assert_eq!(Layout::from_header(&["1", "北海道"]), None);
        let pref = parse(&["10006", "北海道", "", "ﾎｯｶｲﾄﾞｳ", ""], &layout).unwrap();
        assert_eq!(pref.code.to_string(), "010006");
        assert_eq!(
            (pref.name_ja.as_str(), pref.name_kana.as_deref()),
            ("北海道", Some("ホッカイドウ"))
        );
        let ward = parse(
            &["331015", "岡山県", "岡山市北区", "ｵｶﾔﾏｹﾝ", "ｵｶﾔﾏｼｷﾀｸ"],
            &layout,
        )
        .unwrap();
        assert_eq!(ward.name_ja, "岡山市北区");
        assert!(matches!(
            parse(&["331016", "岡山県", "岡山市北区", "", ""], &layout),
            Err(RowError::Field { column: CODE, .. })
        ));
    }
}
