//! The 47 prefectures (JIS X 0401).

use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefecture {
    pub code: u8,
    pub name_ja: &'static str,
    /// Reading in hiragana.
    pub kana: &'static str,
    pub name_en: &'static str,
}

impl Prefecture {
    /// The name without 都/道/府/県, as people often type it ("岡山").
    pub fn short_ja(&self) -> &'static str {
        if self.code == 1 {
            return self.name_ja;
        }
        self.name_ja
            .strip_suffix(['都', '府', '県'])
            .unwrap_or(self.name_ja)
    }
}

#[rustfmt::skip]
pub static PREFECTURES: [Prefecture; 47] = [
    Prefecture { code: 1, name_ja: "北海道", kana: "ほっかいどう", name_en: "Hokkaido" },
    Prefecture { code: 2, name_ja: "青森県", kana: "あおもりけん", name_en: "Aomori" },
    Prefecture { code: 3, name_ja: "岩手県", kana: "いわてけん", name_en: "Iwate" },
    Prefecture { code: 4, name_ja: "宮城県", kana: "みやぎけん", name_en: "Miyagi" },
    Prefecture { code: 5, name_ja: "秋田県", kana: "あきたけん", name_en: "Akita" },
    Prefecture { code: 6, name_ja: "山形県", kana: "やまがたけん", name_en: "Yamagata" },
    Prefecture { code: 7, name_ja: "福島県", kana: "ふくしまけん", name_en: "Fukushima" },
    Prefecture { code: 8, name_ja: "茨城県", kana: "いばらきけん", name_en: "Ibaraki" },
    Prefecture { code: 9, name_ja: "栃木県", kana: "とちぎけん", name_en: "Tochigi" },
    Prefecture { code: 10, name_ja: "群馬県", kana: "ぐんまけん", name_en: "Gunma" },
    Prefecture { code: 11, name_ja: "埼玉県", kana: "さいたまけん", name_en: "Saitama" },
    Prefecture { code: 12, name_ja: "千葉県", kana: "ちばけん", name_en: "Chiba" },
    Prefecture { code: 13, name_ja: "東京都", kana: "とうきょうと", name_en: "Tokyo" },
    Prefecture { code: 14, name_ja: "神奈川県", kana: "かながわけん", name_en: "Kanagawa" },
    Prefecture { code: 15, name_ja: "新潟県", kana: "にいがたけん", name_en: "Niigata" },
    Prefecture { code: 16, name_ja: "富山県", kana: "とやまけん", name_en: "Toyama" },
    Prefecture { code: 17, name_ja: "石川県", kana: "いしかわけん", name_en: "Ishikawa" },
    Prefecture { code: 18, name_ja: "福井県", kana: "ふくいけん", name_en: "Fukui" },
    Prefecture { code: 19, name_ja: "山梨県", kana: "やまなしけん", name_en: "Yamanashi" },
    Prefecture { code: 20, name_ja: "長野県", kana: "ながのけん", name_en: "Nagano" },
    Prefecture { code: 21, name_ja: "岐阜県", kana: "ぎふけん", name_en: "Gifu" },
    Prefecture { code: 22, name_ja: "静岡県", kana: "しずおかけん", name_en: "Shizuoka" },
    Prefecture { code: 23, name_ja: "愛知県", kana: "あいちけん", name_en: "Aichi" },
    Prefecture { code: 24, name_ja: "三重県", kana: "みえけん", name_en: "Mie" },
    Prefecture { code: 25, name_ja: "滋賀県", kana: "しがけん", name_en: "Shiga" },
    Prefecture { code: 26, name_ja: "京都府", kana: "きょうとふ", name_en: "Kyoto" },
    Prefecture { code: 27, name_ja: "大阪府", kana: "おおさかふ", name_en: "Osaka" },
    Prefecture { code: 28, name_ja: "兵庫県", kana: "ひょうごけん", name_en: "Hyogo" },
    Prefecture { code: 29, name_ja: "奈良県", kana: "ならけん", name_en: "Nara" },
    Prefecture { code: 30, name_ja: "和歌山県", kana: "わかやまけん", name_en: "Wakayama" },
    Prefecture { code: 31, name_ja: "鳥取県", kana: "とっとりけん", name_en: "Tottori" },
    Prefecture { code: 32, name_ja: "島根県", kana: "しまねけん", name_en: "Shimane" },
    Prefecture { code: 33, name_ja: "岡山県", kana: "おかやまけん", name_en: "Okayama" },
    Prefecture { code: 34, name_ja: "広島県", kana: "ひろしまけん", name_en: "Hiroshima" },
    Prefecture { code: 35, name_ja: "山口県", kana: "やまぐちけん", name_en: "Yamaguchi" },
    Prefecture { code: 36, name_ja: "徳島県", kana: "とくしまけん", name_en: "Tokushima" },
    Prefecture { code: 37, name_ja: "香川県", kana: "かがわけん", name_en: "Kagawa" },
    Prefecture { code: 38, name_ja: "愛媛県", kana: "えひめけん", name_en: "Ehime" },
    Prefecture { code: 39, name_ja: "高知県", kana: "こうちけん", name_en: "Kochi" },
    Prefecture { code: 40, name_ja: "福岡県", kana: "ふくおかけん", name_en: "Fukuoka" },
    Prefecture { code: 41, name_ja: "佐賀県", kana: "さがけん", name_en: "Saga" },
    Prefecture { code: 42, name_ja: "長崎県", kana: "ながさきけん", name_en: "Nagasaki" },
    Prefecture { code: 43, name_ja: "熊本県", kana: "くまもとけん", name_en: "Kumamoto" },
    Prefecture { code: 44, name_ja: "大分県", kana: "おおいたけん", name_en: "Oita" },
    Prefecture { code: 45, name_ja: "宮崎県", kana: "みやざきけん", name_en: "Miyazaki" },
    Prefecture { code: 46, name_ja: "鹿児島県", kana: "かごしまけん", name_en: "Kagoshima" },
    Prefecture { code: 47, name_ja: "沖縄県", kana: "おきなわけん", name_en: "Okinawa" },
];

/// A prefecture code, 1–47.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PrefectureCode(u8);

impl PrefectureCode {
    pub fn new(code: u8) -> Option<Self> {
        (1..=47).contains(&code).then_some(Self(code))
    }

    /// Accepts "33", "3", "岡山県", "岡山" and "Okayama".
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = crate::kana::nfkc(input.trim());
        if let Ok(n) = s.parse::<u8>() {
            return Self::new(n).ok_or(Invalid::UnknownPrefecture);
        }
        PREFECTURES
            .iter()
            .find(|p| p.name_ja == s || p.short_ja() == s || p.name_en.eq_ignore_ascii_case(&s))
            .map(|p| Self(p.code))
            .ok_or(Invalid::UnknownPrefecture)
    }

    pub fn get(&self) -> u8 {
        self.0
    }

    pub fn info(&self) -> &'static Prefecture {
        &PREFECTURES[usize::from(self.0) - 1]
    }

    pub fn all() -> impl Iterator<Item = PrefectureCode> {
        (1..=47).map(PrefectureCode)
    }
}

impl fmt::Display for PrefectureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

impl TryFrom<String> for PrefectureCode {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<PrefectureCode> for String {
    fn from(c: PrefectureCode) -> String {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_code_order() {
        for (i, p) in PREFECTURES.iter().enumerate() {
            assert_eq!(usize::from(p.code), i + 1);
        }
    }

    #[test]
    fn parses_codes_and_names() {
        let okayama = PrefectureCode::new(33).unwrap();
        for s in ["33", "３３", "岡山県", "岡山", "okayama"] {
            assert_eq!(PrefectureCode::parse(s), Ok(okayama), "{s}");
        }
        assert_eq!(
            PrefectureCode::parse("京都").unwrap().info().name_en,
            "Kyoto"
        );
        assert_eq!(PrefectureCode::parse("北海道").unwrap().get(), 1);
        assert_eq!(PrefectureCode::parse("48"), Err(Invalid::UnknownPrefecture));
        assert_eq!(PrefectureCode::parse("0"), Err(Invalid::UnknownPrefecture));
        assert_eq!(okayama.to_string(), "33");
        assert_eq!(PrefectureCode::new(1).unwrap().to_string(), "01");
    }
}
