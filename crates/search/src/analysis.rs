//! Japanese text normalisation as people type it, keeping where each character came from so
//! matches can be highlighted in the original text.
//!
//! Folds: Unicode NFKC (full-/half-width, ㈱ → (株)), case, katakana → hiragana, voiced sound
//! marks typed separately, kanji variants, iteration marks (々 ゝ ゞ ヽ ヾ) spelled out, ヶ/ヵ,
//! dashes after kana read as the prolonged sound mark, and a prolonged sound mark ending a kana
//! word dropped (コンピューター = コンピュータ).

use crate::variants::fold_kanji;
use unicode_normalization::UnicodeNormalization;

/// Normalised text: one entry per character, with the byte range of the original it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalised {
    pub chars: Vec<char>,
    pub spans: Vec<(usize, usize)>,
}

impl Normalised {
    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    fn push(&mut self, c: char, span: (usize, usize)) {
        self.chars.push(c);
        self.spans.push(span);
    }
}

/// What a normalised character is, for tokenising.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// Kanji, kana and the prolonged sound mark: indexed as bigrams.
    Cjk,
    /// Letters and digits of alphabetic scripts: indexed as words.
    Word,
    /// Spaces, punctuation, symbols, emoji: separate tokens.
    Other,
}

pub fn class(c: char) -> CharClass {
    match c {
        '\u{3041}'..='\u{3096}' | 'ー' | '\u{3005}' | '\u{3007}' => CharClass::Cjk,
        '\u{30A1}'..='\u{30FA}' => CharClass::Cjk,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => {
            CharClass::Cjk
        }
        '\u{20000}'..='\u{3FFFF}' => CharClass::Cjk,
        c if c.is_alphanumeric() => CharClass::Word,
        _ => CharClass::Other,
    }
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | 'ー')
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FF0D}' | '〜' | '~'
    )
}

/// Katakana → hiragana, and ヶ/ヵ (as in 関ヶ原) to plain kana.
fn fold_kana(c: char) -> char {
    let c = match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        'ヽ' => 'ゝ',
        'ヾ' => 'ゞ',
        _ => c,
    };
    match c {
        'ゖ' => 'け',
        'ゕ' => 'か',
        _ => c,
    }
}

/// The voiced form of a kana (か → が), if it has one.
fn voiced(c: char) -> Option<char> {
    unicode_normalization::char::compose(c, '\u{3099}')
}

/// Normalises `text` for indexing and querying.
pub fn normalise(text: &str) -> Normalised {
    let mut out = Normalised {
        chars: Vec::with_capacity(text.len() / 2),
        spans: Vec::with_capacity(text.len() / 2),
    };
    let mut buf = [0u8; 4];
    for (start, original) in text.char_indices() {
        let span = (start, start + original.len_utf8());
        // Most of Japanese text needs no decomposing: skip NFKC (and its allocation) for it.
        if nfkc_stable(original) {
            push_folded(&mut out, original.to_ascii_lowercase(), span);
            continue;
        }
        // NFKC one character at a time keeps the mapping to the original; the only
        // composition lost is a voiced sound mark typed on its own, handled below.
        // The spacing voiced marks (゛ ゜) decompose to a space and a combining mark.
        let spacing_mark = match original {
            '\u{309B}' => Some('\u{3099}'),
            '\u{309C}' => Some('\u{309A}'),
            _ => None,
        };
        let decomposed: Vec<char> = match spacing_mark {
            Some(m) => vec![m],
            None => original.encode_utf8(&mut buf).nfkc().collect(),
        };
        for c in decomposed {
            match c {
                '\u{3099}' | '\u{309A}' => {
                    if let Some(last) = out.chars.last_mut()
                        && let Some(composed) = unicode_normalization::char::compose(*last, c)
                    {
                        *last = composed;
                        if let Some(s) = out.spans.last_mut() {
                            s.1 = span.1;
                        }
                    }
                }
                _ => {
                    for lower in c.to_lowercase() {
                        push_folded(&mut out, lower, span);
                    }
                }
            }
        }
    }
    drop_final_prolonged_marks(&mut out);
    out
}

/// Characters NFKC leaves as they are and that lower-case to themselves or by ASCII rules:
/// ASCII, hiragana, full-width katakana, ー and the unified kanji (their compatibility forms
/// live in other blocks).
fn nfkc_stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{4E00}'..='\u{9FFF}')
}

fn push_folded(out: &mut Normalised, c: char, span: (usize, usize)) {
    let c = fold_kanji(fold_kana(c));
    let previous = out.chars.last().copied();
    match c {
        // 々 repeats the kanji before it (佐々木 = 佐佐木).
        '々' => match previous {
            Some(p) if class(p) == CharClass::Cjk && !is_kana(p) => out.push(p, span),
            _ => out.push(c, span),
        },
        'ゝ' => match previous.filter(|p| is_kana(*p)) {
            Some(p) => out.push(p, span),
            None => out.push(c, span),
        },
        'ゞ' => match previous.filter(|p| is_kana(*p)) {
            Some(p) => out.push(voiced(p).unwrap_or(p), span),
            None => out.push(c, span),
        },
        // A dash or wave after kana is a prolonged sound mark typed another way.
        c if is_dash(c) && previous.is_some_and(|p| is_kana(p) && p != 'ー') => {
            out.push('ー', span)
        }
        _ => out.push(c, span),
    }
}

/// Drops ー where it ends a run of kana, so サーバー and サーバ, ユーザー and ユーザ meet.
fn drop_final_prolonged_marks(out: &mut Normalised) {
    let n = out.chars.len();
    let keep: Vec<bool> = (0..n)
        .map(|i| {
            let c = out.chars[i];
            if c != 'ー' {
                return true;
            }
            let after_kana = i > 0 && is_kana(out.chars[i - 1]) && out.chars[i - 1] != 'ー';
            let ends_run = i + 1 == n || !is_kana(out.chars[i + 1]);
            !(after_kana && ends_run)
        })
        .collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    let mut i = 0;
    out.chars.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    let mut j = 0;
    out.spans.retain(|_| {
        j += 1;
        keep[j - 1]
    });
}

/// The normalised form as a string (for comparisons and tests).
pub fn normalise_str(text: &str) -> String {
    normalise(text).as_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_case_and_script() {
        assert_eq!(normalise_str("ＮＰＯ法人ｿﾀﾞﾃｱｹﾞ"), "npo法人そだてあげ");
        assert_eq!(normalise_str("ソダテアゲネット"), "そだてあげねっと");
        assert_eq!(normalise_str("㈱ＡＢＣ"), "(株)abc");
        assert_eq!(normalise_str("ｶﾞｯｺｳ"), "がっこう");
    }

    #[test]
    fn separate_voiced_marks_compose() {
        assert_eq!(normalise_str("か\u{3099}"), "が");
        assert_eq!(normalise_str("は゜"), "ぱ");
    }

    #[test]
    fn iteration_marks_are_spelled_out() {
        assert_eq!(normalise_str("佐々木"), "佐佐木");
        assert_eq!(normalise_str("いすゞ"), "いすず");
        assert_eq!(normalise_str("こゝろ"), "こころ");
        assert_eq!(normalise_str("々"), "々");
    }

    #[test]
    fn prolonged_sound_marks() {
        assert_eq!(
            normalise_str("コンピューター"),
            normalise_str("コンピュータ")
        );
        assert_eq!(normalise_str("サーバー"), "さーば");
        assert_eq!(normalise_str("ネットワーク"), "ねっとわーく");
        assert_eq!(normalise_str("ﾈｯﾄﾜｰｸ"), "ねっとわーく");
        assert_eq!(normalise_str("ネットワ－ク"), "ねっとわーく");
        assert_eq!(normalise_str("ユーザー会"), normalise_str("ユーザ会"));
    }

    #[test]
    fn kanji_variants_and_small_ke() {
        assert_eq!(normalise_str("髙橋"), "高橋");
        assert_eq!(normalise_str("関ヶ原"), normalise_str("関ケ原"));
        assert_eq!(normalise_str("関ヶ原"), "関け原");
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "ＮＰＯ法人ｶﾞ";
        let n = normalise(text);
        assert_eq!(n.chars.len(), n.spans.len());
        let (from, to) = n.spans[n.chars.len() - 1];
        assert_eq!(&text[from..to], "ｶﾞ");
        let (from, to) = n.spans[3];
        assert_eq!(&text[from..to], "法");
    }

    #[test]
    fn the_fast_path_changes_nothing() {
        let mut buf = [0u8; 4];
        for c in (0..0x10000u32)
            .filter_map(char::from_u32)
            .filter(|c| nfkc_stable(*c))
        {
            let slow: Vec<char> = c
                .encode_utf8(&mut buf)
                .nfkc()
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(slow, vec![c.to_ascii_lowercase()], "{c:?}");
        }
    }

    #[test]
    fn classes() {
        assert_eq!(class('あ'), CharClass::Cjk);
        assert_eq!(class('漢'), CharClass::Cjk);
        assert_eq!(class('a'), CharClass::Word);
        assert_eq!(class('7'), CharClass::Word);
        assert_eq!(class('😀'), CharClass::Other);
        assert_eq!(class('、'), CharClass::Other);
    }
}
