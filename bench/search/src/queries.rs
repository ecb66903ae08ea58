//! The query mix: what people type into a portal's search box, drawn with a seed from the
//! demo's vocabulary and from the generated organisations themselves. Every engine runs the
//! same list.

use crate::data::Corpus;
use hiroba_domain::kana::to_hiragana;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// 2–8 characters of an organisation's name.
    NameFragment,
    /// A theme as people say it (子ども食堂, 環境, 高齢者…).
    Theme,
    /// A municipality, with or without 市/町/村.
    Place,
    /// A place and a theme (倉敷 子ども食堂).
    PlaceTheme,
    /// Part of a reading, in katakana or hiragana.
    Reading,
    /// Typed on the command line (--query).
    Given,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::NameFragment,
        Kind::Theme,
        Kind::Place,
        Kind::PlaceTheme,
        Kind::Reading,
        Kind::Given,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::NameFragment => "name fragment",
            Kind::Theme => "theme",
            Kind::Place => "place",
            Kind::PlaceTheme => "place + theme",
            Kind::Reading => "reading",
            Kind::Given => "given",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Query {
    pub kind: Kind,
    pub text: String,
}

/// Words for what organisations do, as typed rather than as the demo's theme titles.
const THEMES: &[&str] = &[
    "子ども食堂",
    "こども食堂",
    "環境",
    "高齢者",
    "防災",
    "子育て",
    "学習支援",
    "不登校",
    "フードバンク",
    "障がい",
    "福祉",
    "里山",
    "まちづくり",
    "空き家",
    "観光",
    "文化",
    "スポーツ",
    "国際協力",
    "多文化共生",
    "認知症",
    "居場所",
    "有機農業",
    "災害",
    "ボランティア",
    "フリースクール",
    "見守り",
    "就労支援",
    "保護犬",
    "再生可能エネルギー",
    "男女共同参画",
    "人権",
    "消費者",
    "在宅ケア",
    "ICT",
    "NPO",
    "中間支援",
];

/// Names and readings drawn from the first generated organisations.
const SAMPLE: usize = 20_000;

/// `n` queries for `seed`, in the proportions a portal sees (names most often).
pub fn mix(corpus: &Corpus, seed: u64, n: usize) -> Vec<Query> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let sample: Vec<(String, Option<String>)> = corpus
        .generated()
        .take(SAMPLE)
        .map(|o| (core_name(&o.name).to_owned(), o.kana))
        .collect();
    let places: Vec<(String, String)> = hiroba_demo::municipalities()
        .into_iter()
        .map(|m| (m.name_ja, m.name_kana.unwrap_or_default()))
        .collect();
    (0..n)
        .map(|_| {
            let kind = match rng.random_range(0..100) {
                0..30 => Kind::NameFragment,
                30..55 => Kind::Theme,
                55..70 => Kind::Place,
                70..90 => Kind::PlaceTheme,
                _ => Kind::Reading,
            };
            let text = match kind {
                Kind::NameFragment => {
                    let (name, _) = sample.choose(&mut rng).expect("a sample");
                    fragment(&mut rng, name, 2, 8)
                }
                Kind::Theme => THEMES.choose(&mut rng).expect("themes").to_string(),
                Kind::Place => place(&mut rng, &places),
                Kind::PlaceTheme => format!(
                    "{} {}",
                    place(&mut rng, &places),
                    THEMES.choose(&mut rng).expect("themes")
                ),
                Kind::Reading | Kind::Given => {
                    let kana = sample
                        .iter()
                        .filter_map(|(_, k)| k.as_deref())
                        .nth(rng.random_range(0..1000))
                        .unwrap_or("クラシキ");
                    let f = fragment(&mut rng, kana, 3, 7);
                    if rng.random_bool(0.5) {
                        to_hiragana(&f)
                    } else {
                        f
                    }
                }
            };
            Query { kind, text }
        })
        .collect()
}

/// The queries given on the command line, repeated to `n`.
pub fn given(texts: &[String], n: usize) -> Vec<Query> {
    texts
        .iter()
        .cycle()
        .take(n.max(texts.len()))
        .map(|t| Query {
            kind: Kind::Given,
            text: t.clone(),
        })
        .collect()
}

/// The name without the legal form in front.
fn core_name(name: &str) -> &str {
    name.split_once(' ').map(|(_, rest)| rest).unwrap_or(name)
}

/// Part of `text` of `min`–`max` characters, from its start half the time (people type the
/// beginning of a name more often than its middle).
fn fragment(rng: &mut ChaCha8Rng, text: &str, min: usize, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let len = rng.random_range(min..=max).min(chars.len());
    let start = if rng.random_bool(0.5) {
        0
    } else {
        rng.random_range(0..=chars.len() - len)
    };
    chars[start..start + len].iter().collect()
}

/// A municipality as typed: its full name, or without 市/町/村 (倉敷, 京都), sometimes in kana.
fn place(rng: &mut ChaCha8Rng, places: &[(String, String)]) -> String {
    let (name, kana) = places.choose(rng).expect("places");
    let ward = name.ends_with('区') && name.contains('市');
    match rng.random_range(0..10) {
        0..5 => name.clone(),
        5..9 if !ward => {
            let mut s = name.clone();
            s.pop();
            s
        }
        _ if !ward => ["し", "ちょう", "そん", "く"]
            .iter()
            .find_map(|suffix| kana.strip_suffix(suffix))
            .filter(|stem| stem.chars().count() >= 2)
            .unwrap_or(kana)
            .to_owned(),
        _ => name.clone(),
    }
}
