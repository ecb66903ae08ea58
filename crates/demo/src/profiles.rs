//! Filling in a profile for its ★ level. Every requirement of the levels below is met; of the
//! next level's, a few are left out (the organisation's checklist), and later ones are met
//! now and then, as real organisations fill in what they have rather than level by level.

use crate::finances;
use crate::gazetteer::{Place, TOWNS};
use crate::generator::{Draft, Generator};
use crate::themes::GENERAL;
use chrono::{Months, NaiveDate};
use hiroba_domain::kana::to_katakana;
use hiroba_domain::legal_forms::LegalForm;
use rand::RngExt;

/// One requirement of the ★ rubric, as the demo decides whether to meet it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gap {
    CorporateNumber,
    Representative,
    Contact,
    Founded,
    Mission,
    Activities,
    Fields,
    Programme,
    Website,
    Social,
    Logo,
    FiscalYear,
    Figures,
    Finances,
    Articles,
    Documents,
    ThreeYears,
    Results,
    Reviewed,
}

use Gap::*;

/// The requirements of ★1 … ★5.
pub const ITEMS: [&[Gap]; 5] = [
    &[CorporateNumber, Representative, Contact, Founded],
    &[
        Mission, Activities, Fields, Programme, Website, Social, Logo,
    ],
    &[FiscalYear, Figures, Finances],
    &[Articles, Documents, ThreeYears],
    &[Results, Reviewed],
];

/// Which requirements an organisation meets.
#[derive(Debug, Clone)]
pub struct Plan {
    pub level: u8,
    met: Vec<Gap>,
}

impl Plan {
    pub fn has(&self, item: Gap) -> bool {
        self.met.contains(&item)
    }
}

/// People's names are invented: common surnames and given names, combined at random.
#[rustfmt::skip]
static SURNAMES: &[&str] = &[
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
    "松本", "井上", "木村", "林", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川", "藤原",
    "岡田", "後藤", "長谷川", "村上", "近藤", "坂本", "遠藤", "青木", "藤井", "西村", "福田", "太田",
    "三宅", "難波", "守屋", "妹尾", "片山", "小野", "宮崎", "西田", "北村", "大西",
];

#[rustfmt::skip]
static GIVEN: &[&str] = &[
    "洋子", "恵子", "美穂", "由美", "真理", "智子", "陽子", "久美子", "さおり", "愛", "千尋", "彩",
    "和夫", "誠", "浩", "健一", "隆", "大輔", "直樹", "修", "拓也", "翔太", "康弘", "勝",
    "典子", "幸子", "裕子", "明美", "雅之", "昭", "真一", "亮", "優子", "香織",
];

impl Generator {
    pub fn person(&mut self) -> String {
        format!("{} {}", self.pick(SURNAMES), self.pick(GIVEN))
    }

    /// What it meets: everything below its level, all but a few of the next level's
    /// requirements, and the odd later one.
    pub fn plan(&mut self, draft: &Draft) -> Plan {
        let level = draft.level;
        let company = matches!(draft.form, LegalForm::StockCompany | LegalForm::GodoKaisha);
        let gaps = match &draft.gaps {
            Some(g) => g.clone(),
            None if level >= 5 => Vec::new(),
            None => {
                let mut items: Vec<Gap> = ITEMS[level as usize]
                    .iter()
                    .copied()
                    .filter(|g| *g != CorporateNumber || draft.form.is_incorporated())
                    .collect();
                let k = match self.rng.random_range(0..20) {
                    0..11 => 1,
                    11..17 => 2,
                    _ => 3,
                }
                .min(items.len());
                let mut chosen = Vec::new();
                for _ in 0..k {
                    let i = self.rng.random_range(0..items.len());
                    chosen.push(items.remove(i));
                }
                chosen
            }
        };
        let mut met = Vec::new();
        for (i, items) in ITEMS.iter().enumerate() {
            let i = i as u8;
            for item in *items {
                let yes = match i.cmp(&level) {
                    std::cmp::Ordering::Less => true,
                    std::cmp::Ordering::Equal => !gaps.contains(item),
                    // Companies give the basics; their accounts are not what the portal is for.
                    _ if company && i >= 2 => false,
                    _ if i == level + 1 => self.chance(0.45),
                    _ => self.chance(0.2),
                };
                if yes {
                    met.push(*item);
                }
            }
        }
        // Years, and so yearly reports and documents, need the fiscal year's start; three
        // years of finances include the latest.
        if !met.contains(&FiscalYear) {
            met.retain(|g| !matches!(g, Finances | ThreeYears | Documents));
        }
        if !met.contains(&Finances) {
            met.retain(|g| *g != ThreeYears);
        }
        Plan { level, met }
    }

    fn date_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let days = (to - from).num_days().max(0);
        from + chrono::Duration::days(self.rng.random_range(0..=days))
    }

    /// Fills the profile's fields for the plan, keeping whatever a hand-written draft set.
    pub fn dress_profile(
        &mut self,
        draft: &mut Draft,
        plan: &Plan,
        money: Option<&finances::Profile>,
    ) {
        let today = crate::today();
        let form = draft.form;
        let place = draft.place;
        let theme = draft.theme;
        let rich = plan.level >= 2 || self.chance(0.4);
        let company = matches!(form, LegalForm::StockCompany | LegalForm::GodoKaisha);
        let input = &mut draft.input;

        if form.is_incorporated() && input.corporate_number.is_empty() && plan.has(CorporateNumber)
        {
            let kind = if form == LegalForm::StockCompany {
                "01"
            } else {
                "05"
            };
            input.corporate_number = self.corporate_number(place.0, kind);
        }
        if input.name_kana.is_empty() && (plan.level >= 1 || self.chance(0.5)) {
            input.name_kana = to_katakana(&draft.reading);
        }
        if input.postal_code.is_empty() && (plan.level >= 1 || self.chance(0.5)) {
            input.postal_code = format!("{}-{:04}", place.5, self.rng.random_range(0..10000));
        }
        if input.street.is_empty() && rich {
            let town = self.pick(TOWNS);
            input.street = format!(
                "{town}{}丁目{}-{}",
                self.rng.random_range(1..6),
                self.rng.random_range(1..21),
                self.rng.random_range(1..31)
            );
            // A voluntary group's address is usually someone's home: never published.
            input.street_public = form.is_incorporated() && self.chance(0.9);
        }
        if input.activity_fields.is_empty() && plan.has(Fields) && !company {
            input.activity_fields = theme.fields.iter().map(|f| f.to_string()).collect();
            if self.chance(0.25) {
                let extra = self.rng.random_range(1..=20u8);
                input.activity_fields.push(extra.to_string());
            }
        }
        if input.activity_fields.is_empty() && company && plan.has(Fields) {
            input.activity_fields = vec!["3".into()];
        }
        if input.mission.is_empty() && plan.has(Mission) {
            input.mission = self.pick(theme.missions).to_string();
        }
        if input.description.is_empty() && plan.has(Activities) {
            let mut paras: Vec<String> = theme.activities.iter().map(|s| s.to_string()).collect();
            paras.truncate(self.rng.random_range(1..=theme.activities.len()));
            paras.push(self.pick(GENERAL).to_string());
            input.description = paras.join("\n\n");
        }
        if input.activity_areas.is_empty() && rich {
            input.activity_areas = vec![input.municipality.clone()];
            if self.chance(0.4) {
                input.activity_areas.push(format!("{:02}", place.0));
            }
        }
        if !matches!(place.0, 33 | 26) && theme.fields.contains(&11) && self.chance(0.5) {
            // A national NGO with partners in the demo regions.
            input.activity_areas.push("33".into());
        }
        if input.sdgs.is_empty() && rich {
            input.sdgs = theme.sdgs.iter().map(|g| g.to_string()).collect();
        }

        // Contact: a domain of its own for most; small groups often only a phone.
        let mut domain = format!("{}.example.jp", draft.romaji);
        let mut i = 2;
        while !self.domains.insert(domain.clone()) {
            domain = format!("{}{i}.example.jp", draft.romaji);
            i += 1;
        }
        let d = &mut input.details;
        if input.website.is_empty() && plan.has(Website) {
            let site = form != LegalForm::Voluntary || self.chance(0.5);
            if site && self.chance(0.85) {
                input.website = format!("https://{domain}/");
            } else {
                d.website_none = true;
            }
        }
        if plan.has(Contact) {
            let phone_only = input.website.is_empty() && self.chance(0.4);
            if input.email.is_empty() && !phone_only {
                input.email = if input.website.is_empty() {
                    // Without a site of their own, groups use a provider's address.
                    format!("{}@example.ne.jp", draft.romaji)
                } else {
                    format!("info@{domain}")
                };
            }
            if phone_only || self.chance(0.8) {
                d.phone = phone(self, place);
            }
            d.contact_name = match self.rng.random_range(0..4) {
                0 => "事務局".to_owned(),
                1 => format!("事務局長 {}", self.pick(SURNAMES)),
                2 => format!("{}（事務局）", self.pick(SURNAMES)),
                _ => String::new(),
            };
        }
        if plan.has(Representative) || (plan.level == 0 && self.chance(0.3)) {
            d.representative_title = title(self, form).to_owned();
            if plan.has(Representative) {
                d.representative_name = self.person();
            }
        }
        if plan.has(Founded) {
            let (first, last_incorporation) = founding_span(form);
            // Old enough that three fiscal years have ended since, whatever today is.
            let latest = today - Months::new(4 * 12 + 2);
            let founded = self.date_between(date(first, 1, 1), latest);
            d.founded_on = founded.to_string();
            if form.is_incorporated() && form != LegalForm::Other {
                let later = founded + Months::new(self.rng.random_range(0..72));
                let incorporated = match last_incorporation {
                    // The form exists since that day: older groups changed into it within
                    // a few years of it.
                    Some(since) if later < since => {
                        let upto = (since + Months::new(36)).min(today - Months::new(1));
                        self.date_between(since, upto)
                    }
                    Some(since) => later.min(latest.max(since)),
                    None => founded,
                };
                if incorporated >= founded {
                    d.incorporated_on = incorporated.to_string();
                }
            }
        }
        d.competent_authority = authority(form, place).unwrap_or_default();
        if plan.has(FiscalYear) {
            d.fiscal_year_start_month = match self.rng.random_range(0..100) {
                0..84 => "4",
                84..96 => "1",
                96..98 => "10",
                _ => "7",
            }
            .to_owned();
        }
        if plan.has(Social) {
            let handle = draft.romaji.replace('-', "_");
            let mut any = false;
            if self.chance(0.6) {
                d.social_facebook = format!("https://www.facebook.com/{}", draft.romaji);
                any = true;
            }
            if self.chance(0.35) {
                d.social_instagram = format!("@{handle}");
                any = true;
            }
            if self.chance(0.3) {
                d.social_x = format!("@{handle}");
                any = true;
            }
            if self.chance(0.12) {
                d.social_note = format!("@{handle}");
                any = true;
            }
            if self.chance(0.08) {
                d.social_youtube = format!("@{handle}");
                any = true;
            }
            d.social_none = !any;
        }
        // People: counts that fit the accounts, when there are accounts.
        let (full_time, part_time) = match money {
            Some(m) => m.staff(),
            None => (self.rng.random_range(0..3), self.rng.random_range(0..4)),
        };
        let officers = match form {
            LegalForm::Voluntary => self.rng.random_range(2..8),
            LegalForm::StockCompany | LegalForm::GodoKaisha => self.rng.random_range(1..6),
            _ => self.rng.random_range(4..16),
        };
        let members = match form {
            LegalForm::Voluntary => self.rng.random_range(5..60),
            LegalForm::GeneralFoundation | LegalForm::PublicInterestFoundation => 0,
            _ => self.rng.random_range(10..200),
        };
        let figures: [(&mut String, u32); 6] = [
            (&mut d.officers, officers),
            (&mut d.staff_full_time, full_time),
            (&mut d.staff_part_time, part_time),
            (&mut d.volunteers, self.rng.random_range(0..300)),
            (&mut d.members_regular, members),
            (&mut d.members_supporting, self.rng.random_range(0..250)),
        ];
        let complete = plan.has(Figures);
        for (slot, value) in figures {
            if complete || self.rng.random_bool(0.35) {
                *slot = value.to_string();
            }
        }
        if complete && self.chance(0.2) {
            d.members_supporting.clear();
        }
        let core = [
            &d.officers,
            &d.staff_full_time,
            &d.staff_part_time,
            &d.volunteers,
            &d.members_regular,
        ];
        if !complete && core.iter().all(|s| !s.is_empty()) {
            // Drawn complete by chance; leave one out, as planned.
            d.volunteers.clear();
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// The earliest founding year that fits the form, and the day the form became available
/// (groups founded before then incorporated later).
fn founding_span(form: LegalForm) -> (i32, Option<NaiveDate>) {
    match form {
        LegalForm::Npo | LegalForm::CertifiedNpo | LegalForm::ProvisionallyCertifiedNpo => {
            (1988, Some(date(1999, 1, 1)))
        }
        LegalForm::GeneralAssociation | LegalForm::GeneralFoundation => {
            (1992, Some(date(2008, 12, 1)))
        }
        LegalForm::Cooperative => (1995, Some(date(2022, 10, 1))),
        LegalForm::SocialWelfare => (1965, None),
        LegalForm::PublicInterestAssociation | LegalForm::PublicInterestFoundation => (1970, None),
        LegalForm::SchoolCorporation => (1950, None),
        LegalForm::StockCompany | LegalForm::GodoKaisha => (1960, None),
        _ => (1995, None),
    }
}

/// Most NPO法人 call their head 理事長; some, 代表理事.
const NPO_TITLES: &[&str] = &["理事長", "理事長", "理事長", "代表理事"];
const GROUP_TITLES: &[&str] = &["代表", "代表", "会長", "世話人代表"];

fn title(g: &mut Generator, form: LegalForm) -> &'static str {
    match form {
        LegalForm::Npo | LegalForm::CertifiedNpo | LegalForm::ProvisionallyCertifiedNpo => {
            NPO_TITLES[g.rng.random_range(0..NPO_TITLES.len())]
        }
        LegalForm::GeneralAssociation | LegalForm::PublicInterestAssociation => "代表理事",
        LegalForm::Cooperative => "代表理事",
        LegalForm::GeneralFoundation
        | LegalForm::PublicInterestFoundation
        | LegalForm::SocialWelfare
        | LegalForm::SchoolCorporation => "理事長",
        LegalForm::StockCompany => "代表取締役",
        LegalForm::GodoKaisha => "代表社員",
        LegalForm::Voluntary => GROUP_TITLES[g.rng.random_range(0..GROUP_TITLES.len())],
        _ => "会長",
    }
}

/// The city a place belongs to (a ward's city), or the place itself.
fn city(place: &Place) -> &'static str {
    match place.2.find('市') {
        Some(i) => &place.2[..i + '市'.len_utf8()],
        None => place.2,
    }
}

fn prefecture_name(code: u8) -> &'static str {
    match code {
        1 => "北海道",
        4 => "宮城県",
        13 => "東京都",
        14 => "神奈川県",
        23 => "愛知県",
        26 => "京都府",
        27 => "大阪府",
        28 => "兵庫県",
        33 => "岡山県",
        34 => "広島県",
        40 => "福岡県",
        47 => "沖縄県",
        _ => "",
    }
}

/// 所轄庁: a designated city for an NPO法人 whose offices are all in it, else the prefecture;
/// a city for a social welfare corporation working within it; for 公益法人 the prefecture.
pub fn authority(form: LegalForm, place: &Place) -> Option<String> {
    let city = city(place);
    let designated = matches!(
        city,
        "岡山市"
            | "京都市"
            | "札幌市"
            | "仙台市"
            | "横浜市"
            | "名古屋市"
            | "大阪市"
            | "神戸市"
            | "広島市"
            | "福岡市"
    );
    let prefecture = prefecture_name(place.0).to_owned();
    match form {
        f if f.is_npo_corporation() => Some(if designated {
            city.to_owned()
        } else {
            prefecture
        }),
        LegalForm::SocialWelfare => Some(if city.ends_with('市') {
            city.to_owned()
        } else {
            prefecture
        }),
        LegalForm::PublicInterestAssociation | LegalForm::PublicInterestFoundation => {
            Some(prefecture)
        }
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// A number with the place's real area code and a plausible exchange: (area code, first
/// digits of the exchange).
fn area_code(place: &Place) -> (&'static str, &'static str) {
    match (place.0, place.1) {
        (33, 100..=104) => ("086", "2"),
        (33, 202) => ("086", "4"),
        (33, 203) | (33, 215) | (33, 643) => ("0868", ""),
        (33, 204) => ("0863", ""),
        (33, 205) | (33, 216) => ("0865", ""),
        (33, 207) | (33, 208) | (33, 209) | (33, 461) | (33, 681) => ("0866", ""),
        (33, 210) | (33, 214) => ("0867", ""),
        (33, 211) | (33, 212) | (33, 346) => ("0869", ""),
        (33, 213) => ("086", "95"),
        (33, 423) => ("086", "48"),
        (33, 606) | (33, 623) => ("0868", ""),
        (26, 100..=111) => ("075", ""),
        (26, 201..=203) => ("0773", ""),
        (26, 204) | (26, 207) | (26, 211) | (26, 214) | (26, 365) | (26, 366) => ("0774", ""),
        (26, 205) | (26, 212) | (26, 465) => ("0772", ""),
        (26, 206) | (26, 213) | (26, 407) => ("0771", ""),
        (26, 208) => ("075", "93"),
        (26, 209) => ("075", "95"),
        (26, 210) => ("075", "98"),
        (26, 322) => ("075", "63"),
        (1, _) => ("011", ""),
        (4, _) => ("022", "2"),
        (13, _) => ("03", ""),
        (14, _) => ("045", ""),
        (23, _) => ("052", ""),
        (27, _) => ("06", "6"),
        (28, _) => ("078", ""),
        (34, _) => ("082", "2"),
        (40, _) => ("092", "7"),
        (47, _) => ("098", "8"),
        _ => ("03", ""),
    }
}

/// A ten-digit landline number: area code, exchange, then four digits.
fn phone(g: &mut Generator, place: &Place) -> String {
    let (area, prefix) = area_code(place);
    let exchange_len = 10 - 4 - area.len();
    let mut exchange = prefix.to_owned();
    while exchange.len() < exchange_len {
        // Exchanges never start with 0 or 1.
        let lo = if exchange.is_empty() { 2 } else { 0 };
        exchange.push(char::from(b'0' + g.rng.random_range(lo..10u8)));
    }
    format!("{area}-{exchange}-{:04}", g.rng.random_range(0..10000))
}

/// The year's label as the organisation writes it: 2025年度 or 令和7年度.
pub fn year_label(year: i32, month: u32, wareki: bool) -> String {
    use hiroba_domain::finances::years;
    if wareki {
        years::label_wareki(year, month).unwrap_or_else(|| years::label_ja(year))
    } else {
        years::label_ja(year)
    }
}

/// The fiscal-year start month a profile gave (4 when it gave none).
pub fn start_month(draft: &Draft) -> u32 {
    draft
        .input
        .details
        .fiscal_year_start_month
        .parse()
        .unwrap_or(4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::PLACES;
    use hiroba_domain::codes::Phone;

    #[test]
    fn phones_parse_and_use_local_area_codes() {
        let mut g = Generator::new(1);
        for place in PLACES {
            let number = phone(&mut g, place);
            let parsed = Phone::parse(&number).unwrap_or_else(|e| panic!("{number}: {e:?}"));
            assert_eq!(parsed.as_str(), number);
        }
        let okayama = PLACES.iter().find(|p| p.2 == "岡山市北区").unwrap();
        assert!(phone(&mut g, okayama).starts_with("086-2"));
        let kurashiki = PLACES.iter().find(|p| p.2 == "倉敷市").unwrap();
        assert!(phone(&mut g, kurashiki).starts_with("086-4"));
        let kyoto = PLACES.iter().find(|p| p.2 == "京都市左京区").unwrap();
        assert!(phone(&mut g, kyoto).starts_with("075-"));
    }

    #[test]
    fn authorities_match_the_address() {
        let at = |name: &str| PLACES.iter().find(|p| p.2 == name).unwrap();
        let npo = LegalForm::Npo;
        assert_eq!(authority(npo, at("岡山市北区")).as_deref(), Some("岡山市"));
        assert_eq!(authority(npo, at("倉敷市")).as_deref(), Some("岡山県"));
        assert_eq!(
            authority(npo, at("京都市中京区")).as_deref(),
            Some("京都市")
        );
        assert_eq!(authority(npo, at("宇治市")).as_deref(), Some("京都府"));
        assert_eq!(
            authority(LegalForm::SocialWelfare, at("倉敷市")).as_deref(),
            Some("倉敷市")
        );
        assert_eq!(authority(LegalForm::Voluntary, at("倉敷市")), None);
    }
}
