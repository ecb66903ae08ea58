use crate::kana::code_digits;
use crate::prefectures::{Prefecture, PrefectureCode};
use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// 全国地方公共団体コード: 2-digit prefecture (JIS X 0401), 3-digit municipality (JIS X 0402),
/// 1 check digit. A municipality part of `000` denotes the prefecture itself, which lets one
/// type name "an area": a whole prefecture, a city, or a ward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MunicipalityCode(u32);

impl MunicipalityCode {
    /// Parses a 6-digit code as typed and validates prefecture and check digit.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let digits = code_digits(input).ok_or(Invalid::DigitCount { expected: 6 })?;
        if digits.len() != 6 {
            return Err(Invalid::DigitCount { expected: 6 });
        }
        let value: u32 = digits.parse().map_err(|_| Invalid::NotANumber)?;
        let five = value / 10;
        Self::from_five(five).and_then(|code| {
            if code.0 == value {
                Ok(code)
            } else {
                Err(Invalid::CheckDigit)
            }
        })
    }

    /// Completes a code from its prefecture and municipality parts (as registries without check
    /// digits publish them, e.g. the NTA files).
    pub fn from_parts(prefecture: PrefectureCode, city: u16) -> Option<Self> {
        if city > 999 {
            return None;
        }
        Self::from_five(u32::from(prefecture.get()) * 1000 + u32::from(city)).ok()
    }

    /// The code that stands for a whole prefecture (e.g. 330001 for 岡山県).
    pub fn for_prefecture(prefecture: PrefectureCode) -> Self {
        Self::from_parts(prefecture, 0).expect("a prefecture code is always valid")
    }

    fn from_five(five: u32) -> Result<Self, Invalid> {
        let pref = (five / 1000) as u8;
        if PrefectureCode::new(pref).is_none() {
            return Err(Invalid::UnknownPrefecture);
        }
        let digits = [
            five / 10000,
            five / 1000 % 10,
            five / 100 % 10,
            five / 10 % 10,
            five % 10,
        ];
        let sum: u32 = digits.iter().zip([6, 5, 4, 3, 2]).map(|(d, w)| d * w).sum();
        let check = (11 - sum % 11) % 10;
        Ok(Self(five * 10 + check))
    }

    pub fn prefecture(&self) -> PrefectureCode {
        PrefectureCode::new((self.0 / 10000) as u8).expect("validated on construction")
    }

    pub fn prefecture_info(&self) -> &'static Prefecture {
        self.prefecture().info()
    }

    /// The 3-digit municipality part.
    pub fn city_part(&self) -> u16 {
        (self.0 / 10 % 1000) as u16
    }

    pub fn is_prefecture(&self) -> bool {
        self.city_part() == 0
    }

    /// For a ward of a designated city (or a Tokyo special ward), the city (or 特別区部) it
    /// belongs to: wards are numbered 101–199 under the city's 100.
    pub fn parent_city(&self) -> Option<Self> {
        let city = self.city_part();
        (101..=199)
            .contains(&city)
            .then(|| Self::from_parts(self.prefecture(), 100).expect("valid parts"))
    }

    /// Whether this area covers `other`: a prefecture covers everything in it, a designated
    /// city covers its wards, any area covers itself.
    pub fn covers(&self, other: &MunicipalityCode) -> bool {
        if self == other {
            return true;
        }
        if self.is_prefecture() {
            return self.prefecture() == other.prefecture();
        }
        other.parent_city().as_ref() == Some(self)
    }

    /// The inclusive range of 6-digit codes this area covers, for range queries over stored
    /// codes: a prefecture covers PP0000–PP9999, a designated city PP1000–PP1999 (itself and
    /// its wards), anything else only itself.
    pub fn covered_range(&self) -> (String, String) {
        let pref = self.prefecture().get();
        match self.city_part() {
            0 => (format!("{pref:02}0000"), format!("{pref:02}9999")),
            100 => (format!("{pref:02}1000"), format!("{pref:02}1999")),
            _ => (self.to_string(), self.to_string()),
        }
    }

    pub fn as_string(&self) -> String {
        format!("{:06}", self.0)
    }
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

impl TryFrom<String> for MunicipalityCode {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<MunicipalityCode> for String {
    fn from(c: MunicipalityCode) -> String {
        c.as_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> MunicipalityCode {
        MunicipalityCode::parse(s).unwrap()
    }

    #[test]
    fn published_codes_pass() {
        for c in [
            "010006", "130001", "011002", "131016", "271004", "470007", "331007", "261009",
        ] {
            assert_eq!(code(c).to_string(), c);
        }
    }

    #[test]
    fn check_digit_edge_cases() {
        // r = 0 gives 1, r = 1 gives 0 (and 10 is never a digit).
        for five in 1000..48000u32 {
            if let Ok(c) = MunicipalityCode::from_five(five) {
                assert!(c.0 % 10 <= 9);
                assert_eq!(MunicipalityCode::parse(&c.to_string()), Ok(c));
            }
        }
    }

    #[test]
    fn invalid_codes_are_rejected_with_the_reason() {
        assert_eq!(MunicipalityCode::parse("131017"), Err(Invalid::CheckDigit));
        assert_eq!(
            MunicipalityCode::parse("13101"),
            Err(Invalid::DigitCount { expected: 6 })
        );
        assert_eq!(
            MunicipalityCode::parse("481001"),
            Err(Invalid::UnknownPrefecture)
        );
        assert_eq!(
            MunicipalityCode::parse("001009"),
            Err(Invalid::UnknownPrefecture)
        );
        assert_eq!(code("１３１０１６").to_string(), "131016");
    }

    #[test]
    fn parts_and_hierarchy() {
        let okayama_pref = MunicipalityCode::for_prefecture(PrefectureCode::new(33).unwrap());
        assert_eq!(okayama_pref.to_string(), "330001");
        let okayama_city = code("331007");
        let kita_ward =
            MunicipalityCode::from_parts(PrefectureCode::new(33).unwrap(), 101).unwrap();
        let kurashiki =
            MunicipalityCode::from_parts(PrefectureCode::new(33).unwrap(), 202).unwrap();
        assert_eq!(kurashiki.to_string(), "332020");
        assert_eq!(kita_ward.parent_city(), Some(okayama_city));
        assert!(okayama_pref.covers(&kurashiki));
        assert!(okayama_city.covers(&kita_ward));
        assert!(!okayama_city.covers(&kurashiki));
        assert!(!kita_ward.covers(&okayama_city));
        assert!(!okayama_pref.covers(&code("261009")));
        assert_eq!(kurashiki.prefecture_info().name_ja, "岡山県");
        assert_eq!(
            okayama_city.covered_range(),
            ("331000".into(), "331999".into())
        );
        assert_eq!(
            okayama_pref.covered_range(),
            ("330000".into(), "339999".into())
        );
        assert_eq!(
            kurashiki.covered_range(),
            ("332020".into(), "332020".into())
        );
        // The range agrees with `covers` for every code in the prefecture.
        for city in 0..=999u16 {
            if let Some(c) = MunicipalityCode::from_parts(PrefectureCode::new(33).unwrap(), city) {
                for area in [okayama_pref, okayama_city, kurashiki] {
                    let (lo, hi) = area.covered_range();
                    let s = c.to_string();
                    assert_eq!(area.covers(&c), lo <= s && s <= hi, "{area} {c}");
                }
            }
        }
    }
}
