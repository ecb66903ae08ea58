//! Realistic, deterministic demo data: portals for 岡山, 京都, 倉敷 and a nationwide
//! 子ども・若者 theme, and a few hundred organisations of every legal form and level of
//! completeness, with valid 法人番号 and municipality codes. The same seed gives the same data.
//!
//! Names are invented (they only sound local); local governments appear under their real names
//! and real 法人番号, which are public.

mod gazetteer;
mod themes;

use chrono::{Duration, Utc};
use gazetteer::{PLACES, Place, TOWNS};
use hiroba_domain::codes::{CorporateNumber, MunicipalityCode};
use hiroba_domain::kana::to_katakana;
use hiroba_domain::legal_forms::LegalForm;
use hiroba_domain::organisations::{OrganisationInput, OrganisationProfile};
use hiroba_domain::portals::{PortalInput, PortalSettings};
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::roles::{OrgRole, PortalRole};
use hiroba_domain::scope::Curation;
use hiroba_store::municipalities::Municipality;
use hiroba_store::organisations::NewOrganisation;
use hiroba_store::users::NewUser;
use hiroba_store::{Store, StoreResult};
use rand::RngExt;
use rand::SeedableRng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;
use themes::{FRIENDLY, GENERAL, SUFFIXES, THEMES, Theme};

pub const DEFAULT_SEED: u64 = 2026;
/// How many generated organisations besides the hand-written ones.
pub const GENERATED: usize = 320;

pub struct DemoOrganisation {
    pub profile: OrganisationProfile,
    pub days_since_update: i64,
}

pub struct DemoPortal {
    pub settings: PortalSettings,
    /// Index into [`DemoData::organisations`] of the operating organisation.
    pub operator: Option<usize>,
}

pub struct DemoData {
    pub municipalities: Vec<Municipality>,
    pub organisations: Vec<DemoOrganisation>,
    pub portals: Vec<DemoPortal>,
    /// (portal index, organisation index, decision)
    pub curations: Vec<(usize, usize, Curation)>,
    pub accounts: Vec<DemoAccount>,
    /// (account index, organisation index, message): claims waiting for an operator.
    pub claims: Vec<(usize, usize, &'static str)>,
}

/// The password of every demo account (documented in the README).
pub const DEMO_PASSWORD: &str = "hiroba-demo-2026";

/// A sign-in-ready account of the demo.
pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub platform_admin: bool,
    pub portals: Vec<(usize, PortalRole)>,
    pub organisations: Vec<(usize, OrgRole)>,
}

/// What `load` created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadSummary {
    pub portals: Vec<(String, i64)>,
    pub organisations: usize,
    pub municipalities: usize,
}

fn code(place: &Place) -> MunicipalityCode {
    MunicipalityCode::from_parts(
        PrefectureCode::new(place.0).expect("valid prefecture"),
        place.1,
    )
    .expect("valid code")
}

pub fn municipalities() -> Vec<Municipality> {
    PLACES
        .iter()
        .map(|p| Municipality {
            code: code(p),
            name_ja: p.2.to_owned(),
            name_kana: Some(p.3.to_owned()),
            name_en: Some(p.4.to_owned()),
        })
        .collect()
}

struct Generator {
    rng: ChaCha8Rng,
    names: HashSet<String>,
    domains: HashSet<String>,
    numbers: HashSet<String>,
}

/// A name as it will be written and read: (official core name, reading in hiragana, romaji).
struct NameParts {
    written: String,
    reading: String,
    romaji: String,
}

impl Generator {
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        items.choose(&mut self.rng).expect("non-empty")
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn place(&mut self) -> &'static Place {
        let roll = self.rng.random_range(0..100);
        let pref = match roll {
            0..45 => 33,
            45..85 => 26,
            _ => 0,
        };
        let candidates: Vec<&'static Place> = PLACES
            .iter()
            .filter(|p| {
                if pref == 0 {
                    p.0 != 33 && p.0 != 26
                } else {
                    p.0 == pref
                }
            })
            .collect();
        // Cities with more people get more organisations: favour the first entries.
        let i = self.rng.random_range(0..candidates.len());
        let j = self.rng.random_range(0..candidates.len());
        candidates[i.min(j)]
    }

    fn corporate_number(&mut self, prefecture: u8, kind: &str) -> String {
        let office = match prefecture {
            33 => *self.pick(&["2600", "2601", "2602"]),
            26 => *self.pick(&["1300", "1301", "1302"]),
            13 => *self.pick(&["0100", "0104", "0110", "0111"]),
            27 => "1200",
            _ => *self.pick(&["0400", "0600", "3400", "4000", "3500"]),
        };
        loop {
            let serial = self.rng.random_range(0..1_000_000u64);
            let base: u64 = format!("{office}{kind}{serial:06}")
                .parse()
                .expect("digits");
            let number = CorporateNumber::from_base(base)
                .expect("12 digits")
                .to_string();
            if self.numbers.insert(number.clone()) {
                return number;
            }
        }
    }

    fn core_name(
        &mut self,
        form: &str,
        place_word: (&str, &str, &str),
        theme: &Theme,
    ) -> NameParts {
        let (pw, pr, pro) = place_word;
        let (fw, fr, fro) = *self.pick(FRIENDLY);
        let (sw, sr, sro) = *self.pick(SUFFIXES);
        let parts: Vec<(&str, &str, &str)> = match form {
            "npo" | "certified_npo" | "provisionally_certified_npo" => {
                match self.rng.random_range(0..4) {
                    0 => vec![
                        (pw, pr, pro),
                        (theme.ja, theme.kana, theme.romaji),
                        (sw, sr, sro),
                    ],
                    1 => vec![
                        (fw, fr, fro),
                        (theme.ja, theme.kana, theme.romaji),
                        (sw, sr, sro),
                    ],
                    2 => vec![(pw, pr, pro), (fw, fr, fro)],
                    _ => vec![(fw, fr, fro), (sw, sr, sro)],
                }
            }
            "general_association" => vec![
                (pw, pr, pro),
                (theme.ja, theme.kana, theme.romaji),
                *self.pick(&[
                    ("協会", "きょうかい", "kyokai"),
                    ("機構", "きこう", "kiko"),
                    ("ラボ", "らぼ", "lab"),
                ]),
            ],
            "public_interest_association" => vec![
                (pw, pr, pro),
                (theme.ja, theme.kana, theme.romaji),
                ("協会", "きょうかい", "kyokai"),
            ],
            "general_foundation" | "public_interest_foundation" => {
                if self.chance(0.5) {
                    vec![
                        (pw, pr, pro),
                        (
                            "コミュニティ財団",
                            "こみゅにてぃざいだん",
                            "community-foundation",
                        ),
                    ]
                } else {
                    vec![
                        (pw, pr, pro),
                        (theme.ja, theme.kana, theme.romaji),
                        ("基金", "ききん", "fund"),
                    ]
                }
            }
            "social_welfare" => vec![
                (fw, fr, fro),
                *self.pick(&[
                    ("福祉会", "ふくしかい", "fukushikai"),
                    ("会", "かい", "kai"),
                    ("の里", "のさと", "no-sato"),
                ]),
            ],
            "voluntary" => match self.rng.random_range(0..3) {
                0 => vec![(fw, fr, fro), (theme.ja, theme.kana, theme.romaji)],
                1 => vec![
                    (pw, pr, pro),
                    (theme.ja, theme.kana, theme.romaji),
                    ("の会", "のかい", "no-kai"),
                ],
                _ => vec![
                    (pw, pr, pro),
                    (theme.ja, theme.kana, theme.romaji),
                    ("を考える会", "をかんがえるかい", "wo-kangaeru-kai"),
                ],
            },
            "stock_company" | "godo_kaisha" => vec![
                (pw, pr, pro),
                *self.pick(&[
                    ("フーズ", "ふーず", "foods"),
                    ("テクノ", "てくの", "techno"),
                    ("印刷", "いんさつ", "insatsu"),
                    ("建設", "けんせつ", "kensetsu"),
                    ("ソーシャルデザイン", "そーしゃるでざいん", "social-design"),
                    ("交通", "こうつう", "kotsu"),
                    ("電機", "でんき", "denki"),
                    ("不動産", "ふどうさん", "fudosan"),
                ]),
            ],
            "cooperative" => vec![(pw, pr, pro), ("ワーカーズ", "わーかーず", "workers")],
            "school_corporation" => vec![(pw, pr, pro), ("学園", "がくえん", "gakuen")],
            _ => vec![
                (pw, pr, pro),
                (theme.ja, theme.kana, theme.romaji),
                ("協議会", "きょうぎかい", "kyogikai"),
            ],
        };
        NameParts {
            written: parts.iter().map(|p| p.0).collect(),
            reading: parts.iter().map(|p| p.1).collect(),
            romaji: parts.iter().map(|p| p.2).collect::<Vec<_>>().join("-"),
        }
    }

    fn legal_form(&mut self) -> &'static str {
        match self.rng.random_range(0..100) {
            0..44 => "npo",
            44..51 => "certified_npo",
            51..52 => "provisionally_certified_npo",
            52..62 => "general_association",
            62..64 => "general_foundation",
            64..67 => "public_interest_association",
            67..69 => "public_interest_foundation",
            69..74 => "social_welfare",
            74..88 => "voluntary",
            88..93 => "stock_company",
            93..94 => "godo_kaisha",
            94..97 => "cooperative",
            97..98 => "school_corporation",
            _ => "other",
        }
    }

    fn prefix(form: &str) -> &'static str {
        match form {
            "npo" | "certified_npo" | "provisionally_certified_npo" => "特定非営利活動法人",
            "general_association" => "一般社団法人",
            "general_foundation" => "一般財団法人",
            "public_interest_association" => "公益社団法人",
            "public_interest_foundation" => "公益財団法人",
            "social_welfare" => "社会福祉法人",
            "stock_company" => "株式会社",
            "godo_kaisha" => "合同会社",
            "cooperative" => "労働者協同組合",
            "school_corporation" => "学校法人",
            _ => "",
        }
    }

    fn organisation(&mut self) -> DemoOrganisation {
        let form = self.legal_form();
        let place = self.place();
        let theme = self.pick(THEMES);
        // Keep names unique, as registries do: retry with other words, and after a few tries
        // put a friendly word in front (some forms' names depend on the place alone).
        let mut attempt = 0;
        let (name, full) = loop {
            let place_word = *self.pick(place.6);
            let mut name = self.core_name(form, place_word, theme);
            if attempt >= 4 {
                let (fw, fr, fro) = *self.pick(FRIENDLY);
                name = NameParts {
                    written: format!("{fw}{}", name.written),
                    reading: format!("{fr}{}", name.reading),
                    romaji: format!("{fro}-{}", name.romaji),
                };
            }
            let full = match Self::prefix(form) {
                "" => name.written.clone(),
                prefix => format!("{prefix} {}", name.written),
            };
            if self.names.insert(full.clone()) {
                break (name, full);
            }
            attempt += 1;
            assert!(attempt < 1000, "demo names exhausted");
        };
        let company = matches!(form, "stock_company" | "godo_kaisha");
        // 0 = a bare registry entry … 4 = everything filled in.
        let completeness = self.rng.random_range(0..5u8);
        let incorporated = form != "voluntary";
        let muni = code(place);
        let mut input = OrganisationInput {
            name: full,
            legal_form: form.to_owned(),
            municipality: muni.to_string(),
            ..Default::default()
        };
        input.roles = if company {
            let mut r = vec!["company".to_owned()];
            if self.chance(0.3) {
                r.push("funder".into());
            }
            r
        } else if form == "school_corporation" {
            vec!["academic".into()]
        } else if theme.romaji == "shimin-katsudo" {
            vec!["npo_ngo".into(), "intermediary".into()]
        } else if form.ends_with("foundation") && self.chance(0.6) {
            vec!["funder".into(), "npo_ngo".into()]
        } else {
            vec!["npo_ngo".into()]
        };
        if incorporated && (completeness > 0 || self.chance(0.7)) {
            let kind = match form {
                "stock_company" => "01",
                _ => "05",
            };
            input.corporate_number = self.corporate_number(place.0, kind);
        }
        if completeness >= 1 || self.chance(0.5) {
            input.name_kana = to_katakana(&name.reading);
        }
        if completeness >= 1 {
            input.postal_code = format!("{}-{:04}", place.5, self.rng.random_range(0..10000));
            if !company {
                input.activity_fields = theme.fields.iter().map(|f| f.to_string()).collect();
                if self.chance(0.25) {
                    let extra = self.rng.random_range(1..=20u8);
                    input.activity_fields.push(extra.to_string());
                }
            }
            input.mission = self.pick(theme.missions).to_string();
        }
        if completeness >= 2 {
            let mut domain = format!("{}.example.jp", name.romaji);
            let mut i = 2;
            while !self.domains.insert(domain.clone()) {
                domain = format!("{}{i}.example.jp", name.romaji);
                i += 1;
            }
            if self.chance(0.85) {
                input.website = format!("https://{domain}/");
            }
            input.email = format!("info@{domain}");
            input.sdgs = theme.sdgs.iter().map(|g| g.to_string()).collect();
            let town = self.pick(TOWNS);
            input.street = format!(
                "{town}{}丁目{}-{}",
                self.rng.random_range(1..6),
                self.rng.random_range(1..21),
                self.rng.random_range(1..31)
            );
            // A voluntary group's address is usually someone's home: never published.
            input.street_public = incorporated && self.chance(0.9);
        }
        if completeness >= 3 {
            let mut paras: Vec<String> = theme.activities.iter().map(|s| s.to_string()).collect();
            paras.truncate(self.rng.random_range(1..=theme.activities.len()));
            paras.push(self.pick(GENERAL).to_string());
            input.description = paras.join("\n\n");
            input.activity_areas = vec![muni.to_string()];
            if self.chance(0.4) {
                input.activity_areas.push(format!("{:02}", place.0));
            }
        }
        if !matches!(place.0, 33 | 26) && theme.fields.contains(&11) && self.chance(0.5) {
            // A national NGO with partners in the demo regions.
            input.activity_areas.push("33".into());
        }
        let profile = input
            .validate(today())
            .unwrap_or_else(|e| panic!("demo organisation is valid: {e} {input:?}"));
        let days_since_update = match completeness {
            4 => self.rng.random_range(0..120),
            3 => self.rng.random_range(10..400),
            _ => self.rng.random_range(60..1200),
        };
        DemoOrganisation {
            profile,
            days_since_update,
        }
    }
}

/// The day the demo is made: its fiscal years and review dates are placed relative to it, so
/// every ★ level shows whatever the date.
fn today() -> chrono::NaiveDate {
    hiroba_store::disclosure::today_in_japan()
}

/// A hand-written organisation (operators, governments, funders).
fn fixed(input: OrganisationInput, days: i64) -> DemoOrganisation {
    DemoOrganisation {
        profile: input
            .validate(today())
            .unwrap_or_else(|e| panic!("fixed demo organisation is valid: {e}")),
        days_since_update: days,
    }
}

fn local_government(
    name: &str,
    kana: &str,
    code: &str,
    postal: &str,
    street: &str,
    site: &str,
) -> DemoOrganisation {
    // A local government's 法人番号 is its 6-digit code after "000020", with a check digit.
    let base: u64 = format!("000020{code}").parse().expect("digits");
    fixed(
        OrganisationInput {
            name: name.into(),
            name_kana: kana.into(),
            legal_form: "local_government".into(),
            roles: vec!["government".into(), "funder".into()],
            corporate_number: CorporateNumber::from_base(base).expect("valid").to_string(),
            postal_code: postal.into(),
            municipality: code.into(),
            street: street.into(),
            street_public: true,
            website: site.into(),
            mission: "市民・NPO・企業との協働により、誰もが暮らしやすいまちをつくります。".into(),
            activity_fields: vec!["3".into(), "19".into()],
            sdgs: vec!["11".into(), "17".into()],
            activity_areas: vec![code.into()],
            ..Default::default()
        },
        30,
    )
}

fn hand_written() -> Vec<DemoOrganisation> {
    vec![
        fixed(
            OrganisationInput {
                name: "特定非営利活動法人 きびの国市民活動支援センター".into(),
                name_kana: "キビノクニシミンカツドウシエンセンター".into(),
                legal_form: "certified_npo".into(),
                roles: vec!["intermediary".into(), "npo_ngo".into()],
                corporate_number: CorporateNumber::from_base(260005_012345).expect("valid").to_string(),
                postal_code: "700-0822".into(),
                municipality: "331015".into(),
                street: "表町1丁目4-64 市民活動プラザ3階".into(),
                street_public: true,
                website: "https://kibinokuni-center.example.jp/".into(),
                email: "info@kibinokuni-center.example.jp".into(),
                mission: "岡山県内の市民活動・NPOを支え、行政・企業・学校と地域の担い手をつなぐ中間支援組織です。".into(),
                description: "NPOの設立・運営・会計の相談を年間400件受けています。\n\n行政・企業・学校とNPOの協働コーディネート、ボランティアセンターの運営、NPO実務検定の実施を行っています。\n\n「おかやま市民活動ひろば」を運営し、団体の情報公開と認証を進めています。".into(),
                activity_fields: vec!["19".into(), "3".into(), "2".into()],
                sdgs: vec!["17".into(), "11".into(), "4".into()],
                activity_areas: vec!["33".into()],
                ..Default::default()
            },
            3,
        ),
        fixed(
            OrganisationInput {
                name: "公益財団法人 みやこ市民活動財団".into(),
                name_kana: "ミヤコシミンカツドウザイダン".into(),
                legal_form: "public_interest_foundation".into(),
                roles: vec!["intermediary".into(), "funder".into()],
                corporate_number: CorporateNumber::from_base(130005_054321).expect("valid").to_string(),
                postal_code: "604-8186".into(),
                municipality: "261041".into(),
                street: "烏丸通御池下る 市民交流館2階".into(),
                street_public: true,
                website: "https://miyako-zaidan.example.jp/".into(),
                email: "office@miyako-zaidan.example.jp".into(),
                mission: "市民の寄付で地域の課題に取り組む団体を支える、京都のコミュニティ財団です。".into(),
                description: "テーマ別の基金を設け、寄付者の思いと地域で活動する団体をつなぎます。\n\n助成先の団体には、事業評価と情報公開の伴走支援を行っています。".into(),
                activity_fields: vec!["19".into(), "3".into()],
                sdgs: vec!["17".into(), "1".into()],
                activity_areas: vec!["26".into()],
                ..Default::default()
            },
            5,
        ),
        fixed(
            OrganisationInput {
                name: "一般社団法人 こども・わかもの応援ネットワーク".into(),
                name_kana: "コドモワカモノオウエンネットワーク".into(),
                legal_form: "general_association".into(),
                roles: vec!["intermediary".into(), "npo_ngo".into()],
                corporate_number: CorporateNumber::from_base(11105_0987654).expect("valid").to_string(),
                postal_code: "160-0022".into(),
                municipality: "131041".into(),
                street: "新宿5丁目3-1".into(),
                street_public: true,
                website: "https://kodomo-wakamono.example.jp/".into(),
                email: "hello@kodomo-wakamono.example.jp".into(),
                mission: "子ども・若者を支える全国の団体をつなぎ、活動の質と情報公開を高めます。".into(),
                description: "子ども食堂、学習支援、居場所づくり、若者の就労支援に取り組む団体の全国ネットワークです。\n\n研修、評価ツールの提供、助成プログラムの共同運営を行っています。".into(),
                activity_fields: vec!["13".into(), "19".into()],
                sdgs: vec!["4".into(), "1".into(), "17".into()],
                ..Default::default()
            },
            8,
        ),
        local_government("岡山市", "オカヤマシ", "331007", "700-8544", "北区大供1丁目1-1", "https://www.city.okayama.jp/"),
        local_government("倉敷市", "クラシキシ", "332020", "710-8565", "西中新田640", "https://www.city.kurashiki.okayama.jp/"),
        local_government("京都市", "キョウトシ", "261009", "604-8571", "中京区寺町通御池上る上本能寺前町488", "https://www.city.kyoto.lg.jp/"),
        local_government("宇治市", "ウジシ", "262048", "611-8501", "宇治琵琶33", "https://www.city.uji.kyoto.jp/"),
        fixed(
            OrganisationInput {
                name: "株式会社 せとうちフーズ".into(),
                name_kana: "セトウチフーズ".into(),
                legal_form: "stock_company".into(),
                roles: vec!["company".into(), "funder".into()],
                corporate_number: CorporateNumber::from_base(260001_111222).expect("valid").to_string(),
                postal_code: "710-0055".into(),
                municipality: "332020".into(),
                street: "阿知3丁目2-5".into(),
                street_public: true,
                website: "https://setouchi-foods.example.jp/".into(),
                mission: "食を通じて地域に貢献します。フードバンクへの食品寄付と、子ども食堂への助成を行っています。".into(),
                activity_areas: vec!["33".into()],
                ..Default::default()
            },
            40,
        ),
    ]
}

fn portal(input: PortalInput) -> PortalSettings {
    input
        .validate()
        .unwrap_or_else(|e| panic!("demo portal is valid: {e}"))
}

/// Generates the demo data for `seed`; pure and deterministic.
pub fn generate(seed: u64) -> DemoData {
    let mut generator = Generator {
        rng: ChaCha8Rng::seed_from_u64(seed),
        names: HashSet::new(),
        domains: HashSet::new(),
        numbers: HashSet::new(),
    };
    let mut organisations = hand_written();
    for o in &organisations {
        generator.names.insert(o.profile.name.clone());
        if let Some(n) = o.profile.corporate_number {
            generator.numbers.insert(n.to_string());
        }
    }
    for _ in 0..GENERATED {
        organisations.push(generator.organisation());
    }
    let portals = vec![
        DemoPortal {
            settings: portal(PortalInput {
                slug: "okayama".into(),
                name_ja: "おかやま市民活動ひろば".into(),
                name_en: "Okayama Civic Action Square".into(),
                kind: "regional".into(),
                prefectures: vec!["33".into()],
                primary_colour: "#7a1f3d".into(),
                accent_colour: "#8a4b08".into(),
                intro_ja: "岡山県内で活動するNPO・市民活動団体の情報を集めた公益ポータルです。\n\n団体の情報公開を応援し、行政・企業・学校と地域の担い手をつなぎます。寄付先やボランティア先、協働のパートナーさがしにご活用ください。".into(),
                intro_en: "A public-benefit portal of the NPOs and civic groups active in Okayama Prefecture.\n\nBy encouraging organisations to disclose information, it connects local government, companies and schools with the people who take action locally.".into(),
                ..Default::default()
            }),
            operator: Some(0),
        },
        DemoPortal {
            settings: portal(PortalInput {
                slug: "kyoto".into(),
                name_ja: "京都ソーシャルひろば".into(),
                name_en: "Kyoto Social Square".into(),
                kind: "regional".into(),
                prefectures: vec!["26".into()],
                primary_colour: "#2e3a87".into(),
                accent_colour: "#8c2f0d".into(),
                intro_ja: "京都府内の公益活動団体と、寄付・助成・協働でそれを支える人をつなぐポータルです。運営は、みやこ市民活動財団です。".into(),
                intro_en: "Connecting public-benefit organisations in Kyoto Prefecture with the people who support them through donations, grants and collaboration. Run by the Miyako Civic Foundation.".into(),
                ..Default::default()
            }),
            operator: Some(1),
        },
        DemoPortal {
            settings: portal(PortalInput {
                slug: "kodomo-wakamono".into(),
                name_ja: "子ども・若者応援ひろば".into(),
                name_en: "Children and Youth Square".into(),
                kind: "theme".into(),
                activity_fields: vec!["13".into()],
                sdgs: vec!["4".into()],
                primary_colour: "#2e6b30".into(),
                accent_colour: "#8a4b08".into(),
                intro_ja: "子どもの健全育成と教育に取り組む全国の団体を紹介するテーマポータルです。子ども食堂、学習支援、居場所づくり、若者の就労支援などの団体をさがせます。".into(),
                intro_en: "A theme portal of organisations across Japan working for children's well-being and education: children's cafeterias, study support, safe places and youth employment.".into(),
                ..Default::default()
            }),
            operator: Some(2),
        },
        DemoPortal {
            settings: portal(PortalInput {
                slug: "kurashiki".into(),
                name_ja: "くらしき市民活動ひろば".into(),
                name_en: "Kurashiki Civic Square".into(),
                kind: "regional".into(),
                municipalities: vec!["332020".into()],
                primary_colour: "#1d5d90".into(),
                accent_colour: "#8a4b08".into(),
                intro_ja: "倉敷市で活動する団体のポータルです。平成30年7月豪雨からの復興に取り組む団体も紹介しています。".into(),
                intro_en: "The portal of organisations active in Kurashiki, including those working on recovery from the July 2018 floods.".into(),
                ..Default::default()
            }),
            operator: Some(4),
        },
    ];
    // The Okayama office lists one national network that supports local groups.
    let national = organisations
        .iter()
        .position(|o| o.profile.name.contains("こども・わかもの応援ネットワーク"))
        .expect("hand-written organisation");
    let in_okayama = |form: LegalForm, skip: usize| {
        organisations
            .iter()
            .enumerate()
            .skip(8)
            .filter(|(_, o)| {
                o.profile.address.prefecture.map(|p| p.get()) == Some(33)
                    && o.profile.legal_form == form
            })
            .nth(skip)
            .map(|(i, _)| i)
            .expect("the generated data has organisations of this form in Okayama")
    };
    let owned = in_okayama(LegalForm::Npo, 0);
    let claimed = in_okayama(LegalForm::Voluntary, 0);
    let accounts = vec![
        DemoAccount {
            email: "admin@demo.hiroba.example",
            name: "プラットフォーム管理者",
            platform_admin: true,
            portals: vec![],
            organisations: vec![],
        },
        DemoAccount {
            email: "okayama-operator@demo.hiroba.example",
            name: "岡山 事務局（運営者）",
            platform_admin: false,
            portals: vec![(0, PortalRole::Operator)],
            organisations: vec![(0, OrgRole::Owner)],
        },
        DemoAccount {
            email: "okayama-editor@demo.hiroba.example",
            name: "岡山 事務局（編集担当）",
            platform_admin: false,
            portals: vec![(0, PortalRole::Editor)],
            organisations: vec![],
        },
        DemoAccount {
            email: "kyoto-operator@demo.hiroba.example",
            name: "京都 事務局（運営者）",
            platform_admin: false,
            portals: vec![(1, PortalRole::Operator)],
            organisations: vec![(1, OrgRole::Owner)],
        },
        DemoAccount {
            email: "owner@demo.hiroba.example",
            name: "山田 花子（団体管理者）",
            platform_admin: false,
            portals: vec![],
            organisations: vec![(owned, OrgRole::Owner)],
        },
        DemoAccount {
            email: "editor@demo.hiroba.example",
            name: "佐藤 健（団体編集者）",
            platform_admin: false,
            portals: vec![],
            organisations: vec![(owned, OrgRole::Editor)],
        },
        DemoAccount {
            email: "citizen@demo.hiroba.example",
            name: "鈴木 一郎",
            platform_admin: false,
            portals: vec![],
            organisations: vec![],
        },
    ];
    DemoData {
        accounts,
        claims: vec![(
            6,
            claimed,
            "この会の代表をしています。会の規約と活動報告書をお送りできます。",
        )],
        municipalities: municipalities(),
        organisations,
        portals,
        curations: vec![(0, national, Curation::Include)],
    }
}

/// Writes the demo data into an empty, migrated store.
pub async fn load(store: &Store, data: &DemoData) -> StoreResult<LoadSummary> {
    store
        .municipalities()
        .upsert_many(&data.municipalities)
        .await?;
    let now = Utc::now();
    let items: Vec<NewOrganisation<'_>> = data
        .organisations
        .iter()
        .map(|o| NewOrganisation {
            profile: &o.profile,
            updated_at: Some(now - Duration::days(o.days_since_update)),
        })
        .collect();
    let ids = store
        .organisations()
        .create_many(&items, hiroba_store::By::SYSTEM)
        .await?;
    let mut portals = Vec::new();
    for p in &data.portals {
        let mut settings = p.settings.clone();
        settings.operator_organisation_id = p.operator.map(|i| ids[i]);
        let created = store
            .portals()
            .create(&settings, hiroba_store::By::SYSTEM)
            .await?;
        portals.push((created.settings.slug.to_string(), created.id));
    }
    for (portal, org, curation) in &data.curations {
        store
            .portals()
            .set_curation(
                portals[*portal].1,
                ids[*org],
                Some(*curation),
                hiroba_store::By::SYSTEM,
            )
            .await?;
    }
    let mut users = Vec::new();
    for a in &data.accounts {
        let hash = hiroba_auth::hash_password(DEMO_PASSWORD)
            .map_err(|e| hiroba_store::StoreError::Corrupt(e.to_string()))?;
        let user = store
            .users()
            .create(
                &NewUser {
                    email: a.email,
                    display_name: a.name,
                    password_hash: &hash,
                    lang: "ja",
                    verified: true,
                    platform_admin: a.platform_admin,
                },
                hiroba_store::By::SYSTEM,
            )
            .await?;
        for (portal, role) in &a.portals {
            store
                .team()
                .grant_portal_role(portals[*portal].1, user.id, *role, hiroba_store::By::SYSTEM)
                .await?;
        }
        for (org, role) in &a.organisations {
            store
                .team()
                .grant_org_role(ids[*org], user.id, *role, hiroba_store::By::SYSTEM)
                .await?;
        }
        users.push(user.id);
    }
    for (account, org, message) in &data.claims {
        store
            .claims()
            .create(ids[*org], users[*account], message)
            .await?;
    }
    Ok(LoadSummary {
        portals,
        organisations: ids.len(),
        municipalities: data.municipalities.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = generate(DEFAULT_SEED);
        let b = generate(DEFAULT_SEED);
        let names = |d: &DemoData| {
            d.organisations
                .iter()
                .map(|o| o.profile.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        assert_ne!(names(&a), names(&generate(7)));
    }

    #[test]
    fn enough_varied_and_valid_organisations() {
        let d = generate(DEFAULT_SEED);
        assert!(d.organisations.len() >= 300);
        assert!(d.portals.len() >= 3);
        let mut forms: HashMap<LegalForm, usize> = HashMap::new();
        let mut prefectures = HashSet::new();
        let mut fields = HashSet::new();
        let mut numbers = HashSet::new();
        for o in &d.organisations {
            *forms.entry(o.profile.legal_form).or_default() += 1;
            prefectures.extend(o.profile.address.prefecture);
            fields.extend(o.profile.activity_fields.iter());
            if let Some(n) = o.profile.corporate_number {
                assert!(numbers.insert(n), "法人番号 {n} is unique");
            }
            // Profiles went through validation; stored codes re-validate.
            if let Some(m) = o.profile.address.municipality {
                assert_eq!(MunicipalityCode::parse(&m.to_string()), Ok(m));
            }
            if o.profile.legal_form == LegalForm::Voluntary {
                assert!(
                    o.profile.address.public_street().is_none(),
                    "no home address is public"
                );
                assert!(o.profile.corporate_number.is_none());
            }
        }
        assert!(forms.len() >= 12, "legal forms: {forms:?}");
        assert!(prefectures.len() >= 8, "prefectures: {prefectures:?}");
        assert!(fields.len() >= 18, "activity fields: {fields:?}");
        let bare = d
            .organisations
            .iter()
            .filter(|o| o.profile.mission.is_none())
            .count();
        let full = d
            .organisations
            .iter()
            .filter(|o| o.profile.description.is_some())
            .count();
        assert!(
            bare > 30 && full > 60,
            "completeness varies: {bare} bare, {full} full"
        );
    }

    #[test]
    fn local_governments_have_their_real_corporate_numbers() {
        let d = generate(DEFAULT_SEED);
        let okayama = d
            .organisations
            .iter()
            .find(|o| o.profile.name == "岡山市")
            .unwrap();
        // 岡山市: "000020" + 331007 with its check digit.
        assert_eq!(
            okayama.profile.corporate_number.unwrap().to_string(),
            "5000020331007"
        );
    }

    #[test]
    fn gazetteer_codes_are_valid_and_named() {
        let munis = municipalities();
        assert!(
            munis
                .iter()
                .any(|m| m.code.to_string() == "331007" && m.name_ja == "岡山市")
        );
        assert!(
            munis
                .iter()
                .any(|m| m.code.to_string() == "261009" && m.name_ja == "京都市")
        );
        assert!(
            munis
                .iter()
                .any(|m| m.code.to_string() == "332020" && m.name_ja == "倉敷市")
        );
    }
}
