//! A seeded national NPO list as the Cabinet Office's portal publishes it (内閣府 NPO法人
//! ポータルサイト): CP932, a header row, 60 columns, CRLF, every field quoted. Rows follow the
//! real list roughly: authorities are prefectures or designated cities (the address then often
//! omits the prefecture), a sixth dissolved, 2% 認定 or 特例認定, most with a 法人番号.

use crate::places::{Places, prefecture_name, street};
use anyhow::{Result, bail};
use chrono::{Duration, NaiveDate};
use hiroba_domain::codes::CorporateNumber;
use rand::RngExt;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::io::{BufWriter, Write};
use std::path::Path;

#[rustfmt::skip]
const HEADER: [&str; 60] = [
    "法人名称", "法人名称カナ", "所轄庁", "権限移譲先市町村", "主たる事務所の所在地", "郵便番号",
    "従たる事務所の所在地", "代表者氏名", "代表者氏名フリガナ", "法人設立認証年月日", "設立年月日",
    "定款に記載された目的",
    "保健、医療又は福祉の増進", "社会教育の推進", "まちづくりの推進", "観光の振興",
    "農山漁村又は中山間地域の振興", "学術、文化、芸術又はスポーツの振興", "環境の保全", "災害救援",
    "地域安全", "人権の擁護又は平和の推進", "国際協力", "男女共同参画社会の形成の促進",
    "子どもの健全育成", "情報化社会の発展", "科学技術の振興", "経済活動の活性化",
    "職業能力の開発又は雇用機会の拡充の支援", "消費者の保護",
    "前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動",
    "前各号に掲げる活動に準ずる活動として都道府県又は指定都市の条例で定める活動",
    "認定NPO法人", "特例認定NPO法人", "旧国税庁認定", "認定更新申請中",
    "相対値基準", "絶対値基準", "条例個別指定", "条例指定の都道府県・市区町村",
    "認定開始日", "認定満了日", "認定取消日", "特例認定年月日", "特例認定満了日", "特例認定取消日",
    "監督情報", "解散情報", "法人情報URL", "法人番号", "条例個別指定フラグ",
    "特定非営利活動に係る事業", "その他の事業", "事業年度開始日", "事業年度終了日",
    "条例指定開始日", "条例指定満了日", "条例指定更新申請", "条例指定更新", "条例指定取消",
];

/// (theme word, reading, purpose, activity fields 1–20, business).
#[rustfmt::skip]
const THEMES: &[(&str, &str, &str, &[usize], &str)] = &[
    ("子ども食堂", "コドモショクドウ", "地域の子どもたちが安心して食事をとれる居場所をつくり、子どもの健全育成に寄与する。", &[13, 1], "子ども食堂の運営事業"),
    ("子育て支援", "コソダテシエン", "子育て中の親子が孤立しない地域をつくり、子どもの健全育成に寄与する。", &[13, 12], "親子ひろばの運営事業、子育て相談事業"),
    ("学習支援", "ガクシュウシエン", "家庭の事情にかかわらずすべての子どもが学ぶ機会を得られるよう支援する。", &[13, 2], "無料学習会の開催事業"),
    ("高齢者見守り", "コウレイシャミマモリ", "高齢者が住み慣れた地域で安心して暮らせるよう支え合いの仕組みをつくる。", &[1, 3], "見守り訪問事業、サロン運営事業"),
    ("障がい者就労支援", "ショウガイシャシュウロウシエン", "障がいのある人が地域で自分らしく働ける社会の実現に寄与する。", &[1, 17], "就労継続支援事業"),
    ("環境保全", "カンキョウホゼン", "里山と川の自然環境を守り、次の世代に引き継ぐ。", &[7, 2], "里山保全活動、環境学習事業"),
    ("防災", "ボウサイ", "災害に強い地域づくりを進め、被災地の復興を支援する。", &[8, 9, 3], "防災講座の開催、災害ボランティアの派遣"),
    ("国際交流", "コクサイコウリュウ", "外国にルーツを持つ住民と地域の交流を進め、多文化共生社会の実現に寄与する。", &[11, 2], "日本語教室の運営、交流イベントの開催"),
    ("まちづくり", "マチヅクリ", "市民活動を支援し、協働によるまちづくりを推進する。", &[3, 19], "市民活動相談事業、中間支援事業"),
    ("文化芸術", "ブンカゲイジュツ", "地域の伝統文化と芸術活動を振興し、次世代に継承する。", &[6, 4], "公演・展示の企画運営事業"),
    ("スポーツ", "スポーツ", "誰もが生涯にわたってスポーツに親しめる地域をつくる。", &[6, 13, 1], "総合型地域スポーツクラブの運営"),
    ("フードバンク", "フードバンク", "食品ロスを減らし、食べ物に困る人に届ける仕組みをつくる。", &[1, 7, 18], "食品の受入・配布事業"),
];

/// Name endings: (written, reading).
#[rustfmt::skip]
const SUFFIXES: &[(&str, &str)] = &[
    ("ネット", "ネット"), ("ネットワーク", "ネットワーク"), ("の会", "ノカイ"), ("センター", "センター"),
    ("協会", "キョウカイ"), ("クラブ", "クラブ"), ("プロジェクト", "プロジェクト"), ("ラボ", "ラボ"),
    ("フォーラム", "フォーラム"), ("サポートセンター", "サポートセンター"), ("研究所", "ケンキュウジョ"),
    ("応援団", "オウエンダン"),
];

/// Words between the front and the theme.
const MIDDLES: &[(&str, &str)] = &[
    ("", ""),
    ("市民", "シミン"),
    ("地域", "チイキ"),
    ("みんなの", "ミンナノ"),
    ("ふるさと", "フルサト"),
    ("わたしたちの", "ワタシタチノ"),
];

#[rustfmt::skip]
const FRONTS: &[(&str, &str)] = &[
    ("ひまわり", "ヒマワリ"), ("あおぞら", "アオゾラ"), ("きずな", "キズナ"), ("えがお", "エガオ"),
    ("みらい", "ミライ"), ("つむぎ", "ツムギ"), ("はぐくみ", "ハグクミ"), ("こもれび", "コモレビ"),
    ("ともいき", "トモイキ"), ("たんぽぽ", "タンポポ"), ("ひだまり", "ヒダマリ"), ("わくわく", "ワクワク"),
    ("のびのび", "ノビノビ"), ("いろどり", "イロドリ"), ("てとて", "テトテ"), ("ほっと", "ホット"),
    ("まなび", "マナビ"), ("さくら", "サクラ"), ("みのり", "ミノリ"), ("あかり", "アカリ"),
    ("ゆいまーる", "ユイマール"), ("なないろ", "ナナイロ"), ("おひさま", "オヒサマ"), ("にじいろ", "ニジイロ"),
    ("どんぐり", "ドングリ"), ("ふれあい", "フレアイ"), ("やまびこ", "ヤマビコ"), ("かけはし", "カケハシ"),
    ("すまいる", "スマイル"), ("はばたき", "ハバタキ"), ("いずみ", "イズミ"), ("こころ", "ココロ"),
];

const PEOPLE: &[(&str, &str)] = &[
    ("山田 花子", "ヤマダ ハナコ"),
    ("佐藤 一郎", "サトウ イチロウ"),
    ("鈴木 恵子", "スズキ ケイコ"),
    ("高橋 誠", "タカハシ マコト"),
    ("田中 由美", "タナカ ユミ"),
    ("伊藤 健", "イトウ ケン"),
    ("渡辺 陽子", "ワタナベ ヨウコ"),
    ("中村 大輔", "ナカムラ ダイスケ"),
];

/// Designated cities are the 所轄庁 of NPOs in them.
const DESIGNATED: &[&str] = &[
    "札幌市",
    "仙台市",
    "さいたま市",
    "千葉市",
    "横浜市",
    "川崎市",
    "新潟市",
    "静岡市",
    "名古屋市",
    "京都市",
    "大阪市",
    "堺市",
    "神戸市",
    "岡山市",
    "広島市",
    "北九州市",
    "福岡市",
    "熊本市",
];

/// Walks all name combinations in a scrambled order (a stride coprime with their number).
fn next_name(index: &mut usize, combinations: usize) -> usize {
    const STRIDE: usize = 7_919;
    let stride = if combinations.is_multiple_of(STRIDE) {
        1
    } else {
        STRIDE
    };
    *index = (*index + stride) % combinations;
    *index
}

fn date(d: NaiveDate) -> String {
    d.format("%Y/%m/%d").to_string()
}

/// Generates `rows` NPO rows after the header into `path` (CP932). Returns the bytes written.
pub fn generate(path: &Path, rows: u64, seed: u64) -> Result<u64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6e70_6f00);
    let places = Places::new();
    let tmp = path.with_extension("partial");
    let mut out = BufWriter::new(std::fs::File::create(&tmp)?);
    let mut bytes = 0u64;
    let mut write = |fields: &[String]| -> Result<()> {
        let line: String = fields
            .iter()
            .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(",")
            + "\r\n";
        let (encoded, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&line);
        if unmappable {
            bail!("not CP932: {line}");
        }
        out.write_all(&encoded)?;
        bytes += encoded.len() as u64;
        Ok(())
    };
    write(&HEADER.map(str::to_owned))?;
    let law = NaiveDate::from_ymd_opt(1998, 12, 1).expect("date");
    let last = NaiveDate::from_ymd_opt(2026, 9, 30).expect("date");
    let mut base = 7_000_020_000_000u64;
    let combinations =
        (FRONTS.len() + places.len()) * MIDDLES.len() * SUFFIXES.len() * THEMES.len();
    let mut name_index = rng.random_range(0..combinations);
    for _ in 0..rows {
        let place = places.pick(&mut rng);
        // Names are nearly unique, as in the real list: (front, middle, theme, suffix) drawn
        // without repeating until the combinations run out.
        let combination = next_name(&mut name_index, combinations);
        let (theme, rest) = (combination % THEMES.len(), combination / THEMES.len());
        let (suffix, rest) = (rest % SUFFIXES.len(), rest / SUFFIXES.len());
        let (middle, front) = (rest % MIDDLES.len(), rest / MIDDLES.len());
        let (word, word_kana, purpose, fields, business) = THEMES[theme];
        let (suffix, suffix_kana) = SUFFIXES[suffix];
        let (middle, middle_kana) = MIDDLES[middle];
        let (front, front_kana) = if front < FRONTS.len() {
            (FRONTS[front].0.to_owned(), FRONTS[front].1.to_owned())
        } else {
            // The rest of the fronts are the places' own words.
            let p = &places.get(front - FRONTS.len());
            (
                p.word.to_owned(),
                p.kana.trim_end_matches(['シ', 'ク']).to_owned(),
            )
        };
        let word = format!("{middle}{word}{suffix}");
        let word_kana = format!("{middle_kana}{word_kana}{suffix_kana}");
        let mut f = vec![String::new(); 60];
        let certified = rng.random_range(0..50) == 0;
        f[0] = format!(
            "{}特定非営利活動法人{front}{word}",
            if certified { "認定" } else { "" }
        );
        f[1] = format!("{front_kana}{word_kana}");
        let pref = prefecture_name(place.prefecture);
        let city_authority = DESIGNATED.iter().find(|c| place.name.starts_with(**c));
        f[2] = match city_authority {
            Some(c) if rng.random_bool(0.8) => (*c).to_owned(),
            _ => pref.to_owned(),
        };
        let street = street(&mut rng);
        // Authorities that are cities often leave the prefecture (and the city) out.
        f[4] = if f[2] == pref || rng.random_bool(0.3) {
            format!("{pref}{}{street}", place.name)
        } else {
            street.clone()
        };
        f[5] = format!(
            "{}-{:04}",
            place.postal_prefix,
            rng.random_range(0..10_000u32)
        );
        let (person, person_kana) = PEOPLE[rng.random_range(0..PEOPLE.len())];
        f[7] = person.to_owned();
        f[8] = person_kana.to_owned();
        let authorised = law + Duration::days(rng.random_range(0..=(last - law).num_days()));
        f[9] = date(authorised);
        f[10] = date(authorised + Duration::days(rng.random_range(3..40)));
        f[11] = purpose.to_owned();
        for field in fields {
            f[11 + field] = "○".to_owned();
        }
        if rng.random_range(0..3) == 0 {
            f[11 + rng.random_range(1..=20)] = "○".to_owned();
        }
        if certified {
            let from = authorised + Duration::days(rng.random_range(700..3000));
            f[32] = "○".to_owned();
            f[36] = "○".to_owned();
            f[40] = date(from);
            f[41] = date(from + Duration::days(5 * 365));
        }
        if rng.random_range(0..6) == 0 {
            f[47] = format!(
                "解散（{}）",
                date(authorised + Duration::days(rng.random_range(400..6000)))
            );
        }
        f[48] = format!(
            "https://www.npo-homepage.go.jp/npoportal/detail/{:09}",
            rng.random_range(0..999_999_999u32)
        );
        base += rng.random_range(1..=500u64);
        if rng.random_range(0..10) < 8 {
            f[49] = CorporateNumber::from_base(base % 1_000_000_000_000)
                .expect("12 digits")
                .to_string();
        }
        f[51] = business.to_owned();
        let month = if rng.random_range(0..4) == 0 { 1 } else { 4 };
        f[53] = format!("{month:02}/01");
        f[54] = if month == 4 { "03/31" } else { "12/31" }.to_owned();
        write(&f)?;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(&tmp, path)?;
    Ok(bytes)
}
