//! A seeded national NTA file (法人番号公表サイト 全件データ, "CSV Unicode"): no header, 30
//! columns, CRLF, text columns quoted and codes and dates bare, as the NTA writes it. Written
//! row by row, so a file of millions of rows takes no memory.
//!
//! Proportions follow the real register roughly: about half 株式会社, a quarter 有限会社 (most
//! of them long closed), 合同会社 growing, 15% 法人種別 399 (NPO法人, 一般社団・財団法人,
//! 社会福祉法人 …), a few foreign companies, local governments and national bodies; 15% closed or
//! merged away; one in ten with an English name; furigana for those registered or changed
//! since 2017; the 法人番号 with valid check digits, in ascending order as in the real file.

use crate::places::{Place, Places, prefecture_en, prefecture_name, street};
use anyhow::Result;
use chrono::{Duration, NaiveDate};
use hiroba_domain::codes::CorporateNumber;
use rand::RngExt;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::io::{BufWriter, Write};
use std::path::Path;

/// (kind, share in 1/1000, legal-form words put before or after the name).
const KINDS: &[(u16, u32, &[&str])] = &[
    (301, 480, &["株式会社"]),
    (302, 250, &["有限会社"]),
    (305, 55, &["合同会社"]),
    (303, 2, &["合名会社"]),
    (304, 6, &["合資会社"]),
    (
        399,
        180,
        &[
            "特定非営利活動法人",
            "一般社団法人",
            "一般財団法人",
            "公益社団法人",
            "公益財団法人",
            "社会福祉法人",
            "医療法人社団",
            "宗教法人",
            "学校法人",
            "農事組合法人",
            "事業協同組合",
        ],
    ),
    (401, 6, &[""]),
    (499, 19, &["管理組合法人", "協業組合"]),
    (201, 1, &[""]),
    (101, 1, &[""]),
];

/// Business words of company names: (written, reading in katakana, English).
#[rustfmt::skip]
const TRADES: &[(&str, &str, &str)] = &[
    ("商事", "ショウジ", "Trading"), ("建設", "ケンセツ", "Construction"), ("工業", "コウギョウ", "Industries"),
    ("不動産", "フドウサン", "Real Estate"), ("運輸", "ウンユ", "Transport"), ("企画", "キカク", "Planning"),
    ("電機", "デンキ", "Electric"), ("食品", "ショクヒン", "Foods"), ("興産", "コウサン", "Kosan"),
    ("産業", "サンギョウ", "Industry"), ("物産", "ブッサン", "Bussan"), ("設計", "セッケイ", "Design"),
    ("ホールディングス", "ホールディングス", "Holdings"), ("システムズ", "システムズ", "Systems"),
    ("サービス", "サービス", "Service"), ("農園", "ノウエン", "Farm"), ("観光", "カンコウ", "Tourism"),
    ("印刷", "インサツ", "Printing"), ("製作所", "セイサクショ", "Works"), ("精機", "セイキ", "Precision"),
    ("ソフトウェア", "ソフトウェア", "Software"), ("コンサルティング", "コンサルティング", "Consulting"),
    ("メディカル", "メディカル", "Medical"), ("ファーム", "ファーム", "Farm"), ("鉄工所", "テッコウショ", "Iron Works"),
];

/// Words of the names of non-profits.
#[rustfmt::skip]
const CAUSES: &[(&str, &str)] = &[
    ("まちづくりセンター", "マチヅクリセンター"), ("子ども支援ネット", "コドモシエンネット"),
    ("福祉会", "フクシカイ"), ("環境保全協会", "カンキョウホゼンキョウカイ"), ("国際交流協会", "コクサイコウリュウキョウカイ"),
    ("文化振興財団", "ブンカシンコウザイダン"), ("スポーツクラブ", "スポーツクラブ"), ("介護サービス", "カイゴサービス"),
    ("観光協会", "カンコウキョウカイ"), ("子ども食堂", "コドモショクドウ"), ("地域医療会", "チイキイリョウカイ"),
];

/// Soft words and names of people used in company names.
#[rustfmt::skip]
const FRONTS: &[(&str, &str, &str)] = &[
    ("ひまわり", "ヒマワリ", "Himawari"), ("さくら", "サクラ", "Sakura"), ("みらい", "ミライ", "Mirai"),
    ("あおぞら", "アオゾラ", "Aozora"), ("山田", "ヤマダ", "Yamada"), ("佐藤", "サトウ", "Sato"),
    ("鈴木", "スズキ", "Suzuki"), ("高橋", "タカハシ", "Takahashi"), ("田中", "タナカ", "Tanaka"),
    ("渡辺", "ワタナベ", "Watanabe"), ("伊藤", "イトウ", "Ito"), ("中村", "ナカムラ", "Nakamura"),
    ("エム・ケイ", "エムケイ", "MK"), ("グリーン", "グリーン", "Green"), ("アーク", "アーク", "Arc"),
    ("大和", "ヤマト", "Yamato"), ("日の出", "ヒノデ", "Hinode"), ("丸正", "マルショウ", "Marusho"),
];

/// 登記記録の閉鎖等の事由 of closures other than mergers: mostly liquidations.
const CLOSE_CAUSES: [&str; 5] = ["01", "01", "01", "21", "31"];

const FOREIGN: &[(&str, &str)] = &[
    (
        "アメリカ合衆国デラウェア州ウィルミントン市オレンジ通り１２０９",
        "1209 Orange Street, Wilmington, Delaware, U.S.A.",
    ),
    (
        "シンガポール共和国マリーナ・ブールバード１０",
        "10 Marina Boulevard, Singapore",
    ),
    (
        "大韓民国ソウル特別市中区世宗大路１１０",
        "110 Sejong-daero, Jung-gu, Seoul, Korea",
    ),
    (
        "英国ロンドン市キャノン・ストリート２５",
        "25 Cannon Street, London, United Kingdom",
    ),
];

/// Generates `rows` rows with `seed` into `path` (through a temporary name, so an interrupted
/// run leaves no half file to reuse). Returns the bytes written.
pub fn generate(path: &Path, rows: u64, seed: u64) -> Result<u64> {
    let tmp = path.with_extension("partial");
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
    let mut g = Generator::new(seed);
    let mut line = String::with_capacity(1024);
    let mut bytes = 0u64;
    for i in 0..rows {
        line.clear();
        g.row(i, &mut line);
        out.write_all(line.as_bytes())?;
        bytes += line.len() as u64;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(&tmp, path)?;
    Ok(bytes)
}

struct Generator {
    rng: ChaCha8Rng,
    places: std::rc::Rc<Places>,
    /// The last base number: the next is a little higher.
    base: u64,
    kinds_cumulative: Vec<u32>,
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Quotes a text column as the NTA does (its values never hold a quote, but be safe).
fn quoted(out: &mut String, value: &str) {
    out.push('"');
    out.push_str(&value.replace('"', "\"\""));
    out.push('"');
}

impl Generator {
    fn new(seed: u64) -> Generator {
        let mut total = 0;
        let kinds_cumulative = KINDS
            .iter()
            .map(|(_, share, _)| {
                total += share;
                total
            })
            .collect();
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            places: std::rc::Rc::new(Places::new()),
            base: 1_000_010_000_000,
            kinds_cumulative,
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }

    fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let days = (to - from).num_days().max(0);
        from + Duration::days(self.rng.random_range(0..=days))
    }

    fn row(&mut self, i: u64, out: &mut String) {
        let rng_kind = self
            .rng
            .random_range(0..*self.kinds_cumulative.last().unwrap_or(&1));
        let k = self.kinds_cumulative.partition_point(|c| *c <= rng_kind);
        let (kind, _, forms) = KINDS[k.min(KINDS.len() - 1)];
        // Ascending numbers with gaps, as the register's are; the check digit computed by the
        // domain's own rule.
        self.base += self.rng.random_range(1..=180u64);
        let number = CorporateNumber::from_base(self.base % 1_000_000_000_000)
            .expect("12 digits")
            .to_string();
        let places = self.places.clone();
        let place = places.pick(&mut self.rng);
        let nta_start = NaiveDate::from_ymd_opt(2015, 10, 5).expect("date");
        let end = NaiveDate::from_ymd_opt(2026, 10, 30).expect("date");
        // Two thirds were registered before the corporate number began (assigned 2015-10-05).
        let assigned = if self.rng.random_range(0..3) < 2 {
            nta_start
        } else {
            self.day_between(nta_start, end)
        };
        let form = *self.pick(forms);
        let (name, furigana, en) = match kind {
            201 => (
                place.name.to_owned(),
                place.kana.clone(),
                Some(place.name_en.clone()),
            ),
            101 => (
                format!("{}法務局", place.word),
                format!("{}ホウムキョク", katakana_of(place)),
                None,
            ),
            399 | 499 => {
                let (cause, cause_kana) = *self.pick(CAUSES);
                let (front, front_kana) = if self.rng.random_bool(0.6) {
                    (place.word.to_owned(), katakana_of(place))
                } else {
                    let (f, k, _) = *self.pick(FRONTS);
                    (f.to_owned(), k.to_owned())
                };
                (
                    format!("{form}{front}{cause}"),
                    format!("{front_kana}{cause_kana}"),
                    None,
                )
            }
            _ => {
                let (trade, trade_kana, trade_en) = *self.pick(TRADES);
                let (front, front_kana, front_en) = if self.rng.random_bool(0.35) {
                    (
                        place.word.to_owned(),
                        katakana_of(place),
                        capitalised(place.word_en),
                    )
                } else {
                    let (f, k, e) = *self.pick(FRONTS);
                    (f.to_owned(), k.to_owned(), e.to_owned())
                };
                // 前株 and 後株 about equally.
                let name = if form.is_empty() {
                    format!("{front}{trade}")
                } else if self.rng.random_bool(0.5) {
                    format!("{form}{front}{trade}")
                } else {
                    format!("{front}{trade}{form}")
                };
                let en = match kind {
                    301 => format!("{front_en} {trade_en} Co., Ltd."),
                    305 => format!("{front_en} {trade_en} LLC"),
                    401 => format!("{front_en} {trade_en} Inc."),
                    _ => format!("{front_en} {trade_en}"),
                };
                (name, format!("{front_kana}{trade_kana}"), Some(en))
            }
        };
        let english = kind == 401 || kind == 201 || self.rng.random_range(0..10) == 0;
        let en = en.filter(|_| english);
        // Closed: most 有限会社 of old, some of the rest.
        let closed_share = match kind {
            302 => 0.30,
            101 | 201 => 0.0,
            _ => 0.10,
        };
        let closed = self.rng.random_bool(closed_share);
        let merged = closed && self.rng.random_range(0..5) == 0;
        let updated = self.day_between(assigned.max(nta_start + Duration::days(200)), end);
        let (process, changed) = if closed {
            (if merged { "71" } else { "21" }, updated)
        } else {
            match self.rng.random_range(0..10) {
                0 => ("11", updated),
                1..=2 => ("12", updated),
                _ => ("01", assigned),
            }
        };
        let foreign_only = kind == 401 && self.rng.random_bool(0.5);
        let (foreign, foreign_en) = if kind == 401 {
            let (f, e) = *self.pick(FOREIGN);
            (f, e)
        } else {
            ("", "")
        };

        out.push_str(&(i + 1).to_string());
        out.push(',');
        out.push_str(&number);
        out.push(',');
        out.push_str(process);
        out.push(',');
        out.push(if self.rng.random_range(0..100) == 0 {
            '1'
        } else {
            '0'
        });
        out.push(',');
        out.push_str(&date(updated));
        out.push(',');
        out.push_str(&date(changed));
        out.push(',');
        quoted(out, &name);
        out.push(',');
        // 商号画像ID: names with characters outside JIS are published as images.
        if self.rng.random_range(0..300) == 0 {
            out.push_str(&format!("{:08}", self.rng.random_range(1..99_999_999u32)));
        }
        out.push(',');
        out.push_str(&kind.to_string());
        out.push(',');
        if foreign_only {
            out.push_str(",,,,,,,");
        } else {
            quoted(out, prefecture_name(place.prefecture));
            out.push(',');
            quoted(out, place.name);
            out.push(',');
            if kind == 201 {
                quoted(out, "");
            } else {
                quoted(out, &street(&mut self.rng));
            }
            out.push_str(",,");
            out.push_str(&format!("{:02}", place.prefecture));
            out.push(',');
            out.push_str(&format!("{:03}", place.city));
            out.push(',');
            out.push_str(&format!(
                "{}{:04}",
                place.postal_prefix,
                self.rng.random_range(0..10_000u32)
            ));
            out.push(',');
        }
        quoted(out, foreign);
        out.push_str(",,");
        if closed {
            out.push_str(&date(changed));
            out.push(',');
            let cause: &str = if merged {
                "11"
            } else {
                self.pick::<&str>(&CLOSE_CAUSES)
            };
            out.push_str(cause);
            out.push(',');
            if merged {
                // The successor: a number issued earlier.
                let earlier = self.base - self.rng.random_range(1..=self.base.min(1_000_000) - 1);
                out.push_str(
                    &CorporateNumber::from_base(earlier % 1_000_000_000_000)
                        .expect("12 digits")
                        .to_string(),
                );
            }
            out.push(',');
        } else {
            out.push_str(",,,");
        }
        out.push(',');
        out.push_str(&date(assigned));
        out.push_str(",1,");
        match &en {
            Some(en) => {
                quoted(out, en);
                out.push(',');
                if foreign_only {
                    out.push_str(",,");
                } else {
                    quoted(out, prefecture_en(place.prefecture));
                    out.push(',');
                    quoted(out, &place.name_en);
                    out.push(',');
                }
                quoted(out, foreign_en);
            }
            None => out.push_str(",,,"),
        }
        out.push(',');
        // Furigana is published for names registered or changed since 2017.
        if updated >= NaiveDate::from_ymd_opt(2017, 1, 1).expect("date") || kind == 201 {
            quoted(out, &furigana);
        }
        out.push(',');
        out.push(if self.rng.random_range(0..200) == 0 {
            '1'
        } else {
            '0'
        });
        out.push_str("\r\n");
    }
}

/// A reading for a name made from the place's word: the place's own reading without 市/区
/// (close enough: the NTA's furigana is stored and shown, never parsed).
fn katakana_of(place: &Place) -> String {
    place.kana.trim_end_matches(['シ', 'ク']).to_owned()
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
