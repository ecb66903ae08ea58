//! Who the generated organisations are: legal form, place, theme and a unique name that sounds
//! local, and the ★ level each is meant to reach. What they publish is added by `profiles` and
//! `content`.

use crate::gazetteer::{PLACES, Place};
use crate::themes::{FRIENDLY, SUFFIXES, THEMES, Theme};
use hiroba_domain::codes::CorporateNumber;
use hiroba_domain::legal_forms::LegalForm;
use hiroba_domain::organisations::OrganisationInput;
use rand::RngExt;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

/// An organisation before its profile is filled in for its ★ level.
pub(crate) struct Draft {
    pub input: OrganisationInput,
    pub form: LegalForm,
    pub place: &'static Place,
    pub theme: &'static Theme,
    /// For domains, handles and the text of generated files.
    pub romaji: String,
    pub reading: String,
    /// The ★ level the data is built to reach.
    pub level: u8,
    /// What it lacks for the next ★, when chosen by hand (else drawn).
    pub gaps: Option<Vec<crate::profiles::Gap>>,
    pub days_since_update: Option<i64>,
    /// Local governments are listed as they are: the rubric is not for them.
    pub dress: bool,
}

pub(crate) struct Generator {
    pub rng: ChaCha8Rng,
    pub names: HashSet<String>,
    pub domains: HashSet<String>,
    pub numbers: HashSet<String>,
}

/// A name as it will be written and read: (official core name, reading in hiragana, romaji).
pub(crate) struct NameParts {
    pub written: String,
    pub reading: String,
    pub romaji: String,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        use rand::SeedableRng;
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            names: HashSet::new(),
            domains: HashSet::new(),
            numbers: HashSet::new(),
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        items.choose(&mut self.rng).expect("non-empty")
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    pub(crate) fn place(&mut self) -> &'static Place {
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

    /// The registry office that would have handed out a 法人番号 in this prefecture.
    pub(crate) fn registry_office(&mut self, prefecture: u8) -> &'static str {
        let offices: &[&'static str] = match prefecture {
            33 => &["2600", "2601", "2602"],
            26 => &["1300", "1301", "1302"],
            13 => &["0100", "0104", "0110", "0111"],
            27 => return "1200",
            _ => &["0400", "0600", "3400", "4000", "3500"],
        };
        self.pick::<&str>(offices)
    }

    pub fn corporate_number(&mut self, prefecture: u8, kind: &str) -> String {
        let office = self.registry_office(prefecture);
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

    pub(crate) fn core_name(
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

    pub(crate) fn legal_form(&mut self) -> &'static str {
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

    pub(crate) fn prefix(form: &str) -> &'static str {
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

    /// A ★ level in realistic proportions: most organisations publish the basics, fewer
    /// their documents and results; companies are listed for their community work only.
    pub(crate) fn level(&mut self, form: LegalForm) -> u8 {
        let weights: [u32; 6] = match form {
            LegalForm::StockCompany | LegalForm::GodoKaisha => [30, 50, 20, 0, 0, 0],
            LegalForm::Voluntary => [10, 40, 33, 12, 4, 1],
            LegalForm::CertifiedNpo => [0, 8, 20, 32, 25, 15],
            LegalForm::SocialWelfare
            | LegalForm::PublicInterestAssociation
            | LegalForm::PublicInterestFoundation => [0, 15, 25, 30, 20, 10],
            _ => [5, 27, 30, 20, 11, 7],
        };
        let total: u32 = weights.iter().sum();
        let mut roll = self.rng.random_range(0..total);
        for (level, w) in weights.iter().enumerate() {
            if roll < *w {
                return level as u8;
            }
            roll -= w;
        }
        unreachable!("the roll is below the total")
    }

    pub fn draft(&mut self) -> Draft {
        let code = self.legal_form();
        let form = LegalForm::parse(code).expect("known form");
        let place = self.place();
        let theme = self.pick(THEMES);
        // Keep names unique, as registries do: retry with other words, and after a few tries
        // put a friendly word in front (some forms' names depend on the place alone).
        let mut attempt = 0;
        let (name, full) = loop {
            let place_word = *self.pick(place.6);
            let mut name = self.core_name(code, place_word, theme);
            if attempt >= 4 {
                let (fw, fr, fro) = *self.pick(FRIENDLY);
                name = NameParts {
                    written: format!("{fw}{}", name.written),
                    reading: format!("{fr}{}", name.reading),
                    romaji: format!("{fro}-{}", name.romaji),
                };
            }
            let full = match Self::prefix(code) {
                "" => name.written.clone(),
                prefix => format!("{prefix} {}", name.written),
            };
            if self.names.insert(full.clone()) {
                break (name, full);
            }
            attempt += 1;
            assert!(attempt < 1000, "demo names exhausted");
        };
        let company = matches!(code, "stock_company" | "godo_kaisha");
        let roles = if company {
            let mut r = vec!["company".to_owned()];
            if self.chance(0.3) {
                r.push("funder".into());
            }
            r
        } else if code == "school_corporation" {
            vec!["academic".into()]
        } else if theme.romaji == "shimin-katsudo" {
            vec!["npo_ngo".into(), "intermediary".into()]
        } else if code.ends_with("foundation") && self.chance(0.6) {
            vec!["funder".into(), "npo_ngo".into()]
        } else {
            vec!["npo_ngo".into()]
        };
        let level = self.level(form);
        Draft {
            input: OrganisationInput {
                name: full,
                legal_form: code.to_owned(),
                municipality: crate::code(place).to_string(),
                roles,
                ..Default::default()
            },
            form,
            place,
            theme,
            romaji: name.romaji,
            reading: name.reading,
            level,
            gaps: None,
            days_since_update: None,
            dress: true,
        }
    }
}

/// Checks a hand-typed 法人番号 base (used for the hand-written organisations).
pub(crate) fn corporate(base: u64) -> String {
    CorporateNumber::from_base(base).expect("valid").to_string()
}
