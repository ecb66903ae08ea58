//! Brand colours, checked so that white text on them stays readable (WCAG 2.1 AA, 4.5:1).

use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Colour([u8; 3]);

pub const AA_CONTRAST: f64 = 4.5;
const WHITE: Colour = Colour([255, 255, 255]);

impl Colour {
    /// "#1d5d90" or "#15a" (any case, full-width allowed).
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = crate::kana::nfkc(input.trim());
        let hex = s.strip_prefix('#').ok_or(Invalid::ColourFormat)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Invalid::ColourFormat);
        }
        let byte = |i: usize, len: usize| -> u8 {
            let part = &hex[i * len..(i + 1) * len];
            let v = u8::from_str_radix(part, 16).expect("hex digits checked");
            if len == 1 { v * 17 } else { v }
        };
        match hex.len() {
            3 => Ok(Self([byte(0, 1), byte(1, 1), byte(2, 1)])),
            6 => Ok(Self([byte(0, 2), byte(1, 2), byte(2, 2)])),
            _ => Err(Invalid::ColourFormat),
        }
    }

    /// A colour used behind white text (headers, buttons) must reach AA contrast.
    pub fn parse_for_text_background(input: &str) -> Result<Self, Invalid> {
        let c = Self::parse(input)?;
        let ratio = c.contrast_with(&WHITE);
        if ratio < AA_CONTRAST {
            return Err(Invalid::ColourContrast {
                ratio_tenths: (ratio * 10.0).floor() as u32,
            });
        }
        Ok(c)
    }

    /// WCAG 2.1 relative luminance.
    pub fn luminance(&self) -> f64 {
        let channel = |c: u8| {
            let s = f64::from(c) / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0[0]) + 0.7152 * channel(self.0[1]) + 0.0722 * channel(self.0[2])
    }

    pub fn contrast_with(&self, other: &Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// A very light tint of the colour for page backgrounds (mixed 92% with white).
    pub fn tint(&self) -> Colour {
        let mix = |c: u8| (f64::from(c) * 0.08 + 255.0 * 0.92).round() as u8;
        Colour([mix(self.0[0]), mix(self.0[1]), mix(self.0[2])])
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

impl TryFrom<String> for Colour {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<Colour> for String {
    fn from(c: Colour) -> String {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!(Colour::parse("#1D5D90").unwrap().to_string(), "#1d5d90");
        assert_eq!(Colour::parse("＃15a").unwrap().to_string(), "#1155aa");
        for bad in ["1d5d90", "#1d5d9", "#gggggg", "blue", ""] {
            assert_eq!(Colour::parse(bad), Err(Invalid::ColourFormat), "{bad}");
        }
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        let black = Colour::parse("#000").unwrap();
        assert!((black.contrast_with(&WHITE) - 21.0).abs() < 0.01);
        // #767676 is the lightest grey that passes AA on white (4.54:1).
        let grey = Colour::parse("#767676").unwrap();
        assert!((grey.contrast_with(&WHITE) - 4.54).abs() < 0.01);
        assert!(Colour::parse_for_text_background("#767676").is_ok());
        assert_eq!(
            Colour::parse_for_text_background("#777777"),
            Err(Invalid::ColourContrast { ratio_tenths: 44 })
        );
    }

    #[test]
    fn tint_is_light() {
        let tint = Colour::parse("#1d5d90").unwrap().tint();
        assert!(tint.luminance() > 0.8);
    }
}
