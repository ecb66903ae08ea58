use crate::kana::code_digits;
use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// 法人番号: 13 digits, the first being a check digit over the 12-digit base number
/// (National Tax Agency specification).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CorporateNumber([u8; 13]);

impl CorporateNumber {
    /// Parses a number as typed (any width, spaces or dashes) and checks its check digit.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let digits = code_digits(input).ok_or(Invalid::DigitCount { expected: 13 })?;
        if digits.len() != 13 {
            return Err(Invalid::DigitCount { expected: 13 });
        }
        let mut bytes = [0u8; 13];
        for (slot, b) in bytes.iter_mut().zip(digits.bytes()) {
            *slot = b - b'0';
        }
        if Self::check_digit(&bytes[1..]) != bytes[0] {
            return Err(Invalid::CheckDigit);
        }
        Ok(Self(bytes))
    }

    /// Builds a valid number from a 12-digit base by computing its check digit.
    pub fn from_base(base: u64) -> Option<Self> {
        if base > 999_999_999_999 {
            return None;
        }
        let s = format!("{base:012}");
        let mut bytes = [0u8; 13];
        for (i, b) in s.bytes().enumerate() {
            bytes[i + 1] = b - b'0';
        }
        bytes[0] = Self::check_digit(&bytes[1..]);
        Some(Self(bytes))
    }

    /// 9 − (Σ Pn×Qn mod 9), Pn the n-th base digit from the right, Qn 1 (odd n) or 2 (even n).
    fn check_digit(base: &[u8]) -> u8 {
        let sum: u32 = base
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &d)| u32::from(d) * if i % 2 == 0 { 1 } else { 2 })
            .sum();
        9 - (sum % 9) as u8
    }

    pub fn as_string(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl fmt::Display for CorporateNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

impl TryFrom<String> for CorporateNumber {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<CorporateNumber> for String {
    fn from(n: CorporateNumber) -> String {
        n.as_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_numbers_pass() {
        for n in [
            "1000011000005", // 国立国会図書館
            "7000012050002", // 国税庁
            "4010801014350",
            "1180301018771",
            "5835678256246",
        ] {
            assert_eq!(CorporateNumber::parse(n).unwrap().to_string(), n, "{n}");
        }
    }

    #[test]
    fn typed_forms_are_accepted() {
        let n = CorporateNumber::parse("７０００ー０１２０ー５０００２").unwrap();
        assert_eq!(n.to_string(), "7000012050002");
        assert!(CorporateNumber::parse("7 0000 1205 0002").is_ok());
    }

    #[test]
    fn wrong_check_digit_and_length_are_rejected() {
        assert_eq!(
            CorporateNumber::parse("2000011000005"),
            Err(Invalid::CheckDigit)
        );
        assert_eq!(
            CorporateNumber::parse("100001100000"),
            Err(Invalid::DigitCount { expected: 13 })
        );
        assert_eq!(
            CorporateNumber::parse("10000110000A5"),
            Err(Invalid::DigitCount { expected: 13 })
        );
    }

    #[test]
    fn from_base_round_trips_and_check_digit_is_never_zero() {
        for base in [
            11_000_005u64,
            12_050_002,
            0,
            999_999_999_999,
            123_456_789_012,
        ] {
            let n = CorporateNumber::from_base(base).unwrap();
            assert_ne!(n.0[0], 0);
            assert_eq!(CorporateNumber::parse(&n.to_string()).unwrap(), n);
        }
        assert_eq!(
            CorporateNumber::from_base(11_000_005).unwrap().to_string(),
            "1000011000005"
        );
        assert!(CorporateNumber::from_base(1_000_000_000_000).is_none());
    }

    #[test]
    fn serde_validates() {
        let n: CorporateNumber = serde_json::from_str("\"7000012050002\"").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"7000012050002\"");
        assert!(serde_json::from_str::<CorporateNumber>("\"7000012050003\"").is_err());
    }
}
