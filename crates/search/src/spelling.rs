//! Words Japanese writes in several ways (表記ゆれ): 子ども, こども and 子供 are one word to
//! the person searching. A query word containing one spelling also looks for the others.
//! Kept short and conservative: only spellings that never mean something else.

use crate::analysis::normalise_str;
use std::sync::OnceLock;

#[rustfmt::skip]
const GROUPS: &[&[&str]] = &[
    &["子ども", "こども", "子供"],
    &["障がい", "障害", "障碍"],
    &["子育て", "こそだて"],
    &["まちづくり", "街づくり", "町づくり", "まち作り", "街作り"],
    &["ひきこもり", "引きこもり", "引き籠もり"],
    &["居場所", "いばしょ"],
    &["高齢者", "お年寄り"],
    &["ボランティア", "ボランテイア"],
    &["ふるさと", "故郷"],
    &["いじめ", "苛め"],
    &["がん", "癌"],
    &["エネルギー", "エナジー"],
];

fn groups() -> &'static [Vec<String>] {
    static G: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    G.get_or_init(|| {
        GROUPS
            .iter()
            .map(|g| g.iter().map(|w| normalise_str(w)).collect())
            .collect()
    })
}

/// The other ways of writing `text` (normalised), not including `text` itself. Replaces the
/// first spelling found; at most a handful of alternatives.
pub fn alternatives(text: &str) -> Vec<String> {
    let normal = normalise_str(text);
    let mut out = Vec::new();
    for group in groups() {
        if let Some(found) = group.iter().find(|w| normal.contains(w.as_str())) {
            for other in group.iter().filter(|w| *w != found) {
                out.push(normal.replacen(found.as_str(), other, 1));
            }
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_word() {
        assert_eq!(
            alternatives("こども食堂"),
            vec!["子ども食堂".to_owned(), "子供食堂".to_owned()]
        );
        assert_eq!(alternatives("障害者"), vec!["障がい者", "障碍者"]);
        assert!(alternatives("環境").is_empty());
    }
}
