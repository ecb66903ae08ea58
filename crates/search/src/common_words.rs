//! Common words indexed whole, besides their bigrams — the idea of Lucene's CommonGrams. A
//! phrase of bigrams must check positions in every document that holds all its bigrams, which
//! for a word found in a quarter of all organisations (まちづくり, ボランティア, 京都市) costs
//! tens of milliseconds; the same word as one token is a plain posting list. Where the text
//! contains the word, the token is added at the position of the word's first bigram, so a
//! query for exactly that word can use the token and find exactly the same documents.
//!
//! The list is short on purpose: frequent words of the sector, the activity fields, places;
//! kanji and kana only (Latin words are single tokens already).

use crate::analysis::normalise_str;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

/// Prefix that keeps these tokens apart from bigrams and Latin words.
pub const PREFIX: char = '\u{1F}';

#[rustfmt::skip]
const WORDS: &[&str] = &[
    // The sector's own vocabulary.
    "ボランティア", "まちづくり", "地域づくり", "子ども食堂", "子育て", "子育て支援", "学習支援",
    "居場所", "不登校", "若者", "就労支援", "障がい者", "障害者", "高齢者", "認知症", "介護",
    "福祉", "医療", "環境", "環境保全", "自然", "里山", "防災", "災害", "災害支援", "復興",
    "国際協力", "多文化共生", "男女共同参画", "人権", "平和", "文化", "芸術", "スポーツ",
    "観光", "農業", "有機農業", "フードバンク", "食品ロス", "動物", "保護", "消費者",
    "情報化", "プログラミング", "エネルギー", "再生可能エネルギー", "空き家",
    "市民活動", "中間支援", "支援センター", "サポートセンター", "センター", "ネットワーク",
    "協議会", "協会", "研究会", "基金", "財団", "コミュニティ", "コミュニティ財団",
    "一般社団法人", "公益財団法人", "特定非営利活動法人", "社会福祉法人",
    "ひきこもり", "教育", "学校", "子ども", "こども", "家族", "女性", "外国人", "難民", "貧困",
    "生活困窮", "見守り", "相談", "講座", "イベント", "健康", "まち", "地域",
    // Activity fields in short.
    "保健", "社会教育", "農山漁村", "中山間地域", "学術", "災害救援", "地域安全", "人権の擁護",
    "情報化社会", "科学技術", "経済活動", "職業能力", "雇用機会", "消費者の保護", "健全育成",
    // Places people type most: the 47 prefectures are added below; designated cities here.
    "札幌市", "仙台市", "さいたま市", "千葉市", "横浜市", "川崎市", "相模原市", "新潟市",
    "静岡市", "浜松市", "名古屋市", "京都市", "大阪市", "堺市", "神戸市", "岡山市", "広島市",
    "北九州市", "福岡市", "熊本市", "東京", "大阪", "京都", "札幌", "横浜", "名古屋", "神戸",
    "福岡", "岡山", "倉敷", "倉敷市", "広島",
];

struct Dictionary {
    /// Normalised words, indexed like the automaton's patterns.
    words: Vec<String>,
    automaton: AhoCorasick,
}

fn dictionary() -> &'static Dictionary {
    static D: OnceLock<Dictionary> = OnceLock::new();
    D.get_or_init(|| {
        let mut words: Vec<String> = WORDS.iter().map(|w| normalise_str(w)).collect();
        for p in hiroba_domain::prefectures::PREFECTURES.iter() {
            words.push(normalise_str(p.name_ja));
            words.push(normalise_str(p.short_ja()));
        }
        words.retain(|w| w.chars().count() >= 2);
        words.sort();
        words.dedup();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&words)
            .expect("a small fixed word list builds");
        Dictionary { words, automaton }
    })
}

/// Whether `normalised` (a query word, normalised) is one of the common words.
pub fn is_common(normalised: &str) -> bool {
    dictionary()
        .words
        .binary_search_by(|w| w.as_str().cmp(normalised))
        .is_ok()
}

/// The token for a common word.
pub fn token(normalised_word: &str) -> String {
    format!("{PREFIX}{normalised_word}")
}

/// Every occurrence (overlapping) of a common word in `chars`: (word, start char index).
pub fn occurrences(chars: &[char]) -> Vec<(String, usize)> {
    let d = dictionary();
    let text: String = chars.iter().collect();
    // Byte offset → char index.
    let mut char_at = vec![0usize; text.len() + 1];
    let mut ci = 0;
    for (bi, c) in text.char_indices() {
        for slot in char_at.iter_mut().skip(bi).take(c.len_utf8()) {
            *slot = ci;
        }
        ci += 1;
    }
    char_at[text.len()] = ci;
    d.automaton
        .find_overlapping_iter(&text)
        .map(|m| (d.words[m.pattern().as_usize()].clone(), char_at[m.start()]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_overlapping_words() {
        let n = crate::analysis::normalise("京都市の子ども食堂ネットワーク");
        let found = occurrences(&n.chars);
        let words: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
        assert!(words.contains(&"京都市") && words.contains(&"京都"));
        assert!(words.contains(&"子ども食堂") && words.contains(&"子ども"));
        assert!(words.contains(&"ねっとわーく"));
        assert!(is_common("まちづくり"));
        assert!(is_common(&normalise_str("ボランティア")));
        assert!(!is_common("そだてあげ"));
    }
}
