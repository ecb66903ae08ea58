use crate::kana::code_digits;
use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// 郵便番号: 7 digits, shown as 123-4567.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(u32);

impl PostalCode {
    /// Accepts "700-0822", "〒７００－０８２２", "7000822".
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let cleaned = input.trim().trim_start_matches('〒');
        let digits = code_digits(cleaned).ok_or(Invalid::DigitCount { expected: 7 })?;
        if digits.len() != 7 {
            return Err(Invalid::DigitCount { expected: 7 });
        }
        digits.parse().map(Self).map_err(|_| Invalid::NotANumber)
    }

    /// The 7 digits without a hyphen, as registries store them.
    pub fn digits(&self) -> String {
        format!("{:07}", self.0)
    }
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "{}-{}", &d[..3], &d[3..])
    }
}

impl TryFrom<String> for PostalCode {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<PostalCode> for String {
    fn from(c: PostalCode) -> String {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_typed_forms() {
        for s in ["700-0822", "〒７００－０８２２", "7000822", " 700 0822 "] {
            assert_eq!(PostalCode::parse(s).unwrap().to_string(), "700-0822", "{s}");
        }
        assert_eq!(PostalCode::parse("060-0001").unwrap().digits(), "0600001");
    }

    #[test]
    fn rejects_wrong_lengths_and_letters() {
        assert_eq!(
            PostalCode::parse("700-082"),
            Err(Invalid::DigitCount { expected: 7 })
        );
        assert_eq!(
            PostalCode::parse("700-08a2"),
            Err(Invalid::DigitCount { expected: 7 })
        );
    }
}
