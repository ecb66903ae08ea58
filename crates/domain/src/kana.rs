//! Normalisation of Japanese text as people type it: width, kana and dash variants.

use unicode_normalization::UnicodeNormalization;

/// NFKC: full-width ASCII becomes half-width, half-width katakana becomes full-width.
pub fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// Katakana → hiragana (ヴ and the small forms included); other characters unchanged.
pub fn to_hiragana(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Hiragana → katakana, the form registries use for readings (フリガナ).
pub fn to_katakana(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3041}'..='\u{3096}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Dashes and minus signs people type inside codes and postal numbers.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FF0D}' | '\u{FF70}'
    )
}

/// Keeps the digits of a code typed with any width, spaces or dashes; `None` if anything else
/// appears (so "12a4" is not silently read as "124").
pub fn code_digits(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in nfkc(s).chars() {
        if c.is_ascii_digit() {
            out.push(c);
        } else if !(c.is_whitespace() || is_dash(c)) {
            return None;
        }
    }
    Some(out)
}

/// Whether a reading contains only kana, the prolonged sound mark, middle dots and spaces.
pub fn is_kana_reading(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | '゛' | '゜' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ')
            || c.is_whitespace()
    })
}

/// A key that sorts readings in 五十音 order regardless of script or width.
pub fn sort_key(s: &str) -> String {
    to_hiragana(&nfkc(s))
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '・')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_script() {
        assert_eq!(nfkc("ＮＰＯ法人ｿﾀﾞﾃｱｹﾞ"), "NPO法人ソダテアゲ");
        assert_eq!(to_hiragana("ソダテアゲネット"), "そだてあげねっと");
        assert_eq!(to_katakana("そだてあげ"), "ソダテアゲ");
        assert_eq!(to_hiragana("ヴァ"), "ゔぁ");
    }

    #[test]
    fn code_digits_accepts_what_people_type() {
        assert_eq!(code_digits("７００－０８２２").as_deref(), Some("7000822"));
        assert_eq!(code_digits("700 0822").as_deref(), Some("7000822"));
        assert_eq!(code_digits("700ー0822").as_deref(), Some("7000822"));
        assert_eq!(code_digits("70a0822"), None);
    }

    #[test]
    fn readings() {
        assert!(is_kana_reading("ソダテアゲ ネット"));
        assert!(is_kana_reading("おかやま・こども"));
        assert!(!is_kana_reading("岡山"));
        assert_eq!(sort_key("オカヤマ・コドモ"), "おかやまこども");
    }
}
