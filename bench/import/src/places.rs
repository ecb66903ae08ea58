//! Where generated corporations are registered: real municipalities (every prefecture's
//! capital or a central ward, and the larger cities, with their JIS codes), drawn with weights that roughly follow
//! how many corporations each prefecture has (Tokyo about a fifth of the country).

use hiroba_domain::prefectures::PREFECTURES;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

pub struct Place {
    pub prefecture: u8,
    pub city: u16,
    pub name: &'static str,
    /// Romanised, as the NTA writes English city names ("Kita ku, Okayama shi").
    pub name_en: String,
    /// Reading in katakana.
    pub kana: String,
    pub postal_prefix: &'static str,
    /// A word of the place used in corporate names (岡山, 倉敷 …).
    pub word: &'static str,
    pub word_en: &'static str,
}

/// (prefecture, city code, name, reading, romaji, postal prefix, name word, romaji word).
type City = (
    u8,
    u16,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const CITIES: &[City] = &[
    (1, 100, "札幌市", "さっぽろし", "Sapporo shi", "060", "札幌", "sapporo"),
    (1, 202, "函館市", "はこだてし", "Hakodate shi", "040", "函館", "hakodate"),
    (4, 100, "仙台市", "せんだいし", "Sendai shi", "980", "仙台", "sendai"),
    (13, 101, "千代田区", "ちよだく", "Chiyoda ku", "100", "日本", "nihon"),
    (13, 104, "新宿区", "しんじゅくく", "Shinjuku ku", "160", "新宿", "shinjuku"),
    (13, 112, "世田谷区", "せたがやく", "Setagaya ku", "154", "世田谷", "setagaya"),
    (13, 113, "渋谷区", "しぶやく", "Shibuya ku", "150", "渋谷", "shibuya"),
    (13, 201, "八王子市", "はちおうじし", "Hachioji shi", "192", "八王子", "hachioji"),
    (14, 100, "横浜市", "よこはまし", "Yokohama shi", "231", "横浜", "yokohama"),
    (14, 130, "川崎市", "かわさきし", "Kawasaki shi", "210", "川崎", "kawasaki"),
    (23, 100, "名古屋市", "なごやし", "Nagoya shi", "460", "名古屋", "nagoya"),
    (23, 211, "豊田市", "とよたし", "Toyota shi", "471", "三河", "mikawa"),
    (26, 100, "京都市", "きょうとし", "Kyoto shi", "604", "京都", "kyoto"),
    (26, 204, "宇治市", "うじし", "Uji shi", "611", "宇治", "uji"),
    (27, 100, "大阪市", "おおさかし", "Osaka shi", "530", "大阪", "osaka"),
    (27, 203, "豊中市", "とよなかし", "Toyonaka shi", "560", "北摂", "hokusetsu"),
    (28, 100, "神戸市", "こうべし", "Kobe shi", "650", "神戸", "kobe"),
    (33, 101, "岡山市北区", "おかやましきたく", "Kita ku, Okayama shi", "700", "岡山", "okayama"),
    (33, 202, "倉敷市", "くらしきし", "Kurashiki shi", "710", "倉敷", "kurashiki"),
    (34, 100, "広島市", "ひろしまし", "Hiroshima shi", "730", "広島", "hiroshima"),
    (40, 100, "北九州市", "きたきゅうしゅうし", "Kitakyushu shi", "802", "小倉", "kokura"),
    (40, 130, "福岡市", "ふくおかし", "Fukuoka shi", "810", "博多", "hakata"),
    (47, 201, "那覇市", "なはし", "Naha shi", "900", "沖縄", "okinawa"),
    (2, 201, "青森市", "あおもりし", "Aomori shi", "030", "青森", "aomori"),
    (3, 201, "盛岡市", "もりおかし", "Morioka shi", "020", "盛岡", "morioka"),
    (5, 201, "秋田市", "あきたし", "Akita shi", "010", "秋田", "akita"),
    (6, 201, "山形市", "やまがたし", "Yamagata shi", "990", "山形", "yamagata"),
    (7, 201, "福島市", "ふくしまし", "Fukushima shi", "960", "福島", "fukushima"),
    (8, 201, "水戸市", "みとし", "Mito shi", "310", "水戸", "mito"),
    (9, 201, "宇都宮市", "うつのみやし", "Utsunomiya shi", "320", "宇都宮", "utsunomiya"),
    (10, 201, "前橋市", "まえばしし", "Maebashi shi", "371", "前橋", "maebashi"),
    (11, 100, "さいたま市", "さいたまし", "Saitama shi", "330", "埼玉", "saitama"),
    (12, 100, "千葉市", "ちばし", "Chiba shi", "260", "千葉", "chiba"),
    (13, 102, "中央区", "ちゅうおうく", "Chuo ku", "104", "日本橋", "nihombashi"),
    (13, 103, "港区", "みなとく", "Minato ku", "105", "東京", "tokyo"),
    (15, 100, "新潟市", "にいがたし", "Niigata shi", "950", "新潟", "niigata"),
    (16, 201, "富山市", "とやまし", "Toyama shi", "930", "富山", "toyama"),
    (17, 201, "金沢市", "かなざわし", "Kanazawa shi", "920", "金沢", "kanazawa"),
    (18, 201, "福井市", "ふくいし", "Fukui shi", "910", "福井", "fukui"),
    (19, 201, "甲府市", "こうふし", "Kofu shi", "400", "甲府", "kofu"),
    (20, 201, "長野市", "ながのし", "Nagano shi", "380", "信州", "shinshu"),
    (21, 201, "岐阜市", "ぎふし", "Gifu shi", "500", "岐阜", "gifu"),
    (22, 100, "静岡市", "しずおかし", "Shizuoka shi", "420", "静岡", "shizuoka"),
    (24, 201, "津市", "つし", "Tsu shi", "514", "三重", "mie"),
    (25, 201, "大津市", "おおつし", "Otsu shi", "520", "近江", "omi"),
    (27, 140, "堺市", "さかいし", "Sakai shi", "590", "堺", "sakai"),
    (28, 201, "姫路市", "ひめじし", "Himeji shi", "670", "姫路", "himeji"),
    (29, 201, "奈良市", "ならし", "Nara shi", "630", "奈良", "nara"),
    (30, 201, "和歌山市", "わかやまし", "Wakayama shi", "640", "紀州", "kishu"),
    (31, 201, "鳥取市", "とっとりし", "Tottori shi", "680", "因幡", "inaba"),
    (32, 201, "松江市", "まつえし", "Matsue shi", "690", "松江", "matsue"),
    (35, 203, "山口市", "やまぐちし", "Yamaguchi shi", "753", "周防", "suo"),
    (36, 201, "徳島市", "とくしまし", "Tokushima shi", "770", "阿波", "awa"),
    (37, 201, "高松市", "たかまつし", "Takamatsu shi", "760", "讃岐", "sanuki"),
    (38, 201, "松山市", "まつやまし", "Matsuyama shi", "790", "伊予", "iyo"),
    (39, 201, "高知市", "こうちし", "Kochi shi", "780", "土佐", "tosa"),
    (41, 201, "佐賀市", "さがし", "Saga shi", "840", "佐賀", "saga"),
    (42, 201, "長崎市", "ながさきし", "Nagasaki shi", "850", "長崎", "nagasaki"),
    (43, 100, "熊本市", "くまもとし", "Kumamoto shi", "860", "肥後", "higo"),
    (44, 201, "大分市", "おおいたし", "Oita shi", "870", "豊後", "bungo"),
    (45, 201, "宮崎市", "みやざきし", "Miyazaki shi", "880", "日向", "hyuga"),
    (46, 201, "鹿児島市", "かごしまし", "Kagoshima shi", "890", "薩摩", "satsuma"),
];

/// Corporations per prefecture in tens of thousands, roughly (JIS order).
#[rustfmt::skip]
const WEIGHTS: [u32; 47] = [
    23, 5, 5, 8, 4, 5, 8, 10, 8, 9, 22, 19, 110, 31, 10, 5, 5, 4, 4, 10, 9, 16, 28, 7, 5, 11,
    45, 20, 4, 4, 2, 3, 8, 12, 5, 3, 4, 6, 3, 21, 3, 5, 7, 5, 4, 7, 7,
];

pub fn katakana(hiragana: &str) -> String {
    hiragana
        .chars()
        .map(|c| match c {
            'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            c => c,
        })
        .collect()
}

pub struct Places {
    places: Vec<Place>,
    /// Cumulative weights over `places`.
    cumulative: Vec<u32>,
}

impl Places {
    pub fn new() -> Places {
        let places: Vec<Place> = CITIES
            .iter()
            .map(
                |&(prefecture, city, name, kana, en, postal, word, word_en)| Place {
                    prefecture,
                    city,
                    name,
                    name_en: en.to_owned(),
                    kana: katakana(kana),
                    postal_prefix: postal,
                    word,
                    word_en,
                },
            )
            .collect();
        // A prefecture's weight is shared by its places.
        let mut per_prefecture = [0u32; 48];
        for p in &places {
            per_prefecture[usize::from(p.prefecture)] += 1;
        }
        let mut cumulative = Vec::with_capacity(places.len());
        let mut total = 0;
        for p in &places {
            let w = WEIGHTS[usize::from(p.prefecture) - 1] * 1000
                / per_prefecture[usize::from(p.prefecture)];
            total += w.max(1);
            cumulative.push(total);
        }
        Places { places, cumulative }
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn get(&self, i: usize) -> &Place {
        &self.places[i]
    }

    pub fn pick(&self, rng: &mut ChaCha8Rng) -> &Place {
        let total = *self.cumulative.last().unwrap_or(&1);
        let x = rng.random_range(0..total);
        let i = self.cumulative.partition_point(|c| *c <= x);
        &self.places[i.min(self.places.len() - 1)]
    }
}

const TOWNS: &[&str] = &[
    "本町",
    "中央",
    "駅前町",
    "桜町",
    "東町",
    "西町",
    "南町",
    "北町",
    "旭町",
    "栄町",
    "幸町",
    "緑町",
    "錦町",
    "昭和町",
    "新町",
    "大手町",
    "天神町",
    "柳町",
    "丸の内",
    "港町",
];

pub fn prefecture_name(code: u8) -> &'static str {
    PREFECTURES[usize::from(code) - 1].name_ja
}

pub fn prefecture_en(code: u8) -> &'static str {
    PREFECTURES[usize::from(code) - 1].name_en
}

/// A street address as the NTA writes it: town, then 丁目 and numbers in full-width digits.
pub fn street(rng: &mut ChaCha8Rng) -> String {
    let town = TOWNS[rng.random_range(0..TOWNS.len())];
    let chome = rng.random_range(1..=6u32);
    let ban = rng.random_range(1..=40u32);
    match rng.random_range(0..10) {
        0..=5 => format!(
            "{town}{}丁目{}－{}",
            wide(chome),
            wide(ban),
            wide(rng.random_range(1..=30u32))
        ),
        6..=8 => format!(
            "{town}{}丁目{}番{}号",
            wide(chome),
            wide(ban),
            wide(rng.random_range(1..=30u32))
        ),
        _ => format!("大字{town}{}", wide(rng.random_range(1..=3000u32))),
    }
}

/// Digits in full width (０１２…), as the registries write them.
pub fn wide(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
        .collect()
}
