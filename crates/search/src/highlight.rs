//! Highlighting matches in the original text. Matching is done on the normalised text (so a
//! half-width ｿﾀﾞﾃ typed finds and marks ソダテ), then mapped back to the original characters.
//! Written by hand because tantivy's snippet generator marks each overlapping bigram
//! separately and cannot see matches that only exist after normalisation of both sides.

use crate::analysis::{CharClass, class, normalise};
use serde::Serialize;

/// A piece of text, marked when it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub matched: bool,
}

/// What to look for: normalised needles, without spaces and symbols.
#[derive(Debug, Clone, Default)]
pub struct Needles(Vec<Vec<char>>);

impl Needles {
    pub fn new(texts: impl IntoIterator<Item = String>) -> Needles {
        let mut v: Vec<Vec<char>> = texts
            .into_iter()
            .flat_map(|t| {
                // A quoted phrase with spaces is highlighted word by word.
                t.split_whitespace()
                    .map(|w| {
                        normalise(w)
                            .chars
                            .into_iter()
                            .filter(|c| class(*c) != CharClass::Other)
                            .collect::<Vec<char>>()
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|n| !n.is_empty())
            .collect();
        v.sort();
        v.dedup();
        Needles(v)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Byte ranges of the original text that match a needle, merged.
fn ranges(text: &str, needles: &Needles) -> Vec<(usize, usize)> {
    let n = normalise(text);
    let mut found: Vec<(usize, usize)> = Vec::new();
    for needle in &needles.0 {
        if needle.len() > n.chars.len() {
            continue;
        }
        for start in 0..=(n.chars.len() - needle.len()) {
            if n.chars[start..start + needle.len()] == needle[..] {
                found.push((n.spans[start].0, n.spans[start + needle.len() - 1].1));
            }
        }
    }
    found.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in found {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

fn segments(text: &str, ranges: &[(usize, usize)]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(a, b) in ranges {
        if a > at {
            out.push(Segment {
                text: text[at..a].to_owned(),
                matched: false,
            });
        }
        out.push(Segment {
            text: text[a..b].to_owned(),
            matched: true,
        });
        at = b;
    }
    if at < text.len() {
        out.push(Segment {
            text: text[at..].to_owned(),
            matched: false,
        });
    }
    out
}

/// The whole text with matches marked (for names).
pub fn highlight(text: &str, needles: &Needles) -> Vec<Segment> {
    segments(text, &ranges(text, needles))
}

/// About `width` characters around the first match (or the start), with matches marked and
/// an ellipsis where text was cut. `None` if the text is empty.
pub fn snippet(text: &str, needles: &Needles, width: usize) -> Option<(Vec<Segment>, bool)> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let found = ranges(text, needles);
    let matched = !found.is_empty();
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let first_char = found
        .first()
        .map(|(a, _)| starts.partition_point(|s| s < a))
        .unwrap_or(0);
    let from_char = first_char.saturating_sub(width / 4);
    let to_char = (from_char + width).min(starts.len());
    let from = starts[from_char];
    let to = starts.get(to_char).copied().unwrap_or(text.len());
    let window = &text[from..to];
    let inside: Vec<(usize, usize)> = found
        .into_iter()
        .filter(|(a, b)| *a >= from && *b <= to)
        .map(|(a, b)| (a - from, b - from))
        .collect();
    let mut out = segments(window, &inside);
    if from > 0 {
        out.insert(
            0,
            Segment {
                text: "…".into(),
                matched: false,
            },
        );
    }
    if to < text.len() {
        out.push(Segment {
            text: "…".into(),
            matched: false,
        });
    }
    Some((out, matched))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| {
                if s.matched {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_matches_found_after_normalisation() {
        let n = Needles::new(["ｿﾀﾞﾃｱｹﾞ".to_owned()]);
        assert_eq!(
            marked(&highlight("NPO法人ソダテアゲネット", &n)),
            "NPO法人[ソダテアゲ]ネット"
        );
        let n = Needles::new(["npo".to_owned(), "ネット".to_owned()]);
        assert_eq!(
            marked(&highlight("ＮＰＯ法人育て上げネット", &n)),
            "[ＮＰＯ]法人育て上げ[ネット]"
        );
    }

    #[test]
    fn overlapping_matches_merge() {
        let n = Needles::new(["子ども".to_owned(), "ども食堂".to_owned()]);
        assert_eq!(marked(&highlight("岡山子ども食堂", &n)), "岡山[子ども食堂]");
    }

    #[test]
    fn snippets_cut_around_the_first_match() {
        let text = format!("{}子ども食堂{}", "あ".repeat(100), "い".repeat(100));
        let n = Needles::new(["子ども食堂".to_owned()]);
        let (s, matched) = snippet(&text, &n, 40).unwrap();
        assert!(matched);
        let m = marked(&s);
        assert!(m.starts_with('…') && m.ends_with('…'));
        assert!(m.contains("[子ども食堂]"));
        assert!(snippet("  ", &n, 40).is_none());
    }
}
