use crate::kana::nfkc;
use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A Japanese telephone number as the organisation writes it (hyphens kept, widths folded).
/// Without the numbering plan we cannot place hyphens ourselves, so we keep the person's and
/// check only that the digits make a domestic number: 10 or 11 digits starting with 0 (+81
/// is accepted and turned into 0).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let folded: String = nfkc(input.trim())
            .chars()
            .map(|c| match c {
                // Dashes Japanese IMEs produce for "-".
                'ー' | '－' | '―' | '‐' | '−' | '–' | '—' => '-',
                other => other,
            })
            .collect();
        let domestic = match folded.strip_prefix("+81") {
            Some(rest) => format!(
                "0{}",
                rest.trim_start_matches([' ', '-', '('])
                    .trim_start_matches('0')
            ),
            None => folded,
        };
        if !domestic
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')'))
        {
            return Err(Invalid::PhoneFormat);
        }
        let digits: String = domestic.chars().filter(char::is_ascii_digit).collect();
        if !digits.starts_with('0') || !(10..=11).contains(&digits.len()) {
            return Err(Invalid::PhoneFormat);
        }
        let tidy = domestic.replace([' ', '(', ')'], "-");
        let tidy = tidy
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        Ok(Self(tidy))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `tel:` URI (digits only, in international form).
    pub fn tel_uri(&self) -> String {
        let digits: String = self.0.chars().filter(char::is_ascii_digit).collect();
        format!("tel:+81{}", &digits[1..])
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Phone {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_type_them() {
        assert_eq!(
            Phone::parse("086-123-4567").unwrap().as_str(),
            "086-123-4567"
        );
        assert_eq!(
            Phone::parse("０８６－１２３－４５６７").unwrap().as_str(),
            "086-123-4567"
        );
        assert_eq!(
            Phone::parse("086ー123ー4567").unwrap().as_str(),
            "086-123-4567"
        );
        assert_eq!(
            Phone::parse("(086) 123-4567").unwrap().as_str(),
            "086-123-4567"
        );
        assert_eq!(Phone::parse("09012345678").unwrap().as_str(), "09012345678");
        assert_eq!(
            Phone::parse("+81 86-123-4567").unwrap().as_str(),
            "086-123-4567"
        );
        assert_eq!(
            Phone::parse("086-123-4567").unwrap().tel_uri(),
            "tel:+81861234567"
        );
    }

    #[test]
    fn not_phone_numbers() {
        for bad in [
            "123-4567",
            "86-123-4567",
            "086-123-45678-9",
            "086-123-abcd",
            "0120",
        ] {
            assert_eq!(Phone::parse(bad), Err(Invalid::PhoneFormat), "{bad}");
        }
    }
}
