//! The profile's further sections: basic facts (founding, 所轄庁, representative, fiscal year),
//! more ways to reach the organisation, and its people in numbers. Modelled on the
//! organisation sections of Japanese grant application forms and the NPO filing set.

use crate::codes::{Phone, Website};
use crate::dates::{not_in_future, optional_date};
use crate::kana::nfkc;
use crate::validation::{FieldErrors, Invalid, optional, text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const AUTHORITY_MAX: usize = 50;
pub const PERSON_MAX: usize = 100;
pub const TITLE_MAX: usize = 50;
/// No organisation has more people than this; larger numbers are typing mistakes.
pub const COUNT_MAX: i64 = 10_000_000;

/// A social network an organisation may link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SocialKind {
    X,
    Facebook,
    Instagram,
    Youtube,
    Line,
    Note,
    Other,
}

impl SocialKind {
    pub const ALL: [SocialKind; 7] = [
        SocialKind::X,
        SocialKind::Facebook,
        SocialKind::Instagram,
        SocialKind::Youtube,
        SocialKind::Line,
        SocialKind::Note,
        SocialKind::Other,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            SocialKind::X => "x",
            SocialKind::Facebook => "facebook",
            SocialKind::Instagram => "instagram",
            SocialKind::Youtube => "youtube",
            SocialKind::Line => "line",
            SocialKind::Note => "note",
            SocialKind::Other => "other",
        }
    }

    /// The form field holding this link.
    pub fn field(&self) -> &'static str {
        match self {
            SocialKind::X => "social_x",
            SocialKind::Facebook => "social_facebook",
            SocialKind::Instagram => "social_instagram",
            SocialKind::Youtube => "social_youtube",
            SocialKind::Line => "social_line",
            SocialKind::Note => "social_note",
            SocialKind::Other => "social_other",
        }
    }

    /// Where an `@handle` leads, for the networks whose profile URLs are that simple.
    fn handle_url(&self, handle: &str) -> Option<String> {
        let base = match self {
            SocialKind::X => "https://x.com/",
            SocialKind::Instagram => "https://www.instagram.com/",
            SocialKind::Note => "https://note.com/",
            SocialKind::Youtube => "https://www.youtube.com/@",
            _ => return None,
        };
        let ok = !handle.is_empty()
            && handle.len() <= 50
            && handle
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
        ok.then(|| format!("{base}{handle}"))
    }

    fn parse_link(&self, value: &str) -> Result<Website, Invalid> {
        let folded = nfkc(value.trim());
        match folded.strip_prefix('@').and_then(|h| self.handle_url(h)) {
            Some(url) => Website::parse(&url),
            None => Website::parse(&folded),
        }
    }
}

/// Links by network, in a stable order.
pub type SocialLinks = BTreeMap<SocialKind, Website>;

/// How many people the organisation has. Each may be unknown; zero is a real answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// 役員数 (理事・監事).
    pub officers: Option<u32>,
    /// 常勤の有給職員.
    pub staff_full_time: Option<u32>,
    /// 非常勤の有給職員.
    pub staff_part_time: Option<u32>,
    /// ボランティア (the past year).
    pub volunteers: Option<u32>,
    /// 正会員 (社員).
    pub members_regular: Option<u32>,
    /// 賛助会員.
    pub members_supporting: Option<u32>,
}

impl Figures {
    /// The counts the ★ rubric asks for (supporting members are optional: many have none).
    pub fn core_complete(&self) -> bool {
        self.officers.is_some()
            && self.staff_full_time.is_some()
            && self.staff_part_time.is_some()
            && self.volunteers.is_some()
            && self.members_regular.is_some()
    }
}

/// The profile's further sections, validated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    /// 設立年月日: when the group started (before incorporation, for most NPO法人).
    pub founded_on: Option<NaiveDate>,
    /// 法人設立年月日 (registration).
    pub incorporated_on: Option<NaiveDate>,
    /// 所轄庁: the prefecture or designated city an NPO法人 reports to.
    pub competent_authority: Option<String>,
    /// 代表者: published in the corporate register, so public.
    pub representative_name: Option<String>,
    pub representative_title: Option<String>,
    /// 事業年度の開始月 (1–12).
    pub fiscal_year_start_month: Option<u8>,
    pub phone: Option<Phone>,
    /// 担当者: whom to ask (a staff name, or a role such as 事務局).
    pub contact_name: Option<String>,
    /// "We have no website" — a real answer, not a gap.
    pub website_none: bool,
    pub social: SocialLinks,
    pub social_none: bool,
    pub figures: Figures,
}

/// The fields of [`Details`] as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DetailsInput {
    pub founded_on: String,
    pub incorporated_on: String,
    pub competent_authority: String,
    pub representative_name: String,
    pub representative_title: String,
    pub fiscal_year_start_month: String,
    pub phone: String,
    pub contact_name: String,
    pub website_none: bool,
    pub social_x: String,
    pub social_facebook: String,
    pub social_instagram: String,
    pub social_youtube: String,
    pub social_line: String,
    pub social_note: String,
    pub social_other: String,
    pub social_none: bool,
    pub officers: String,
    pub staff_full_time: String,
    pub staff_part_time: String,
    pub volunteers: String,
    pub members_regular: String,
    pub members_supporting: String,
}

impl DetailsInput {
    fn social_value(&self, kind: SocialKind) -> &str {
        match kind {
            SocialKind::X => &self.social_x,
            SocialKind::Facebook => &self.social_facebook,
            SocialKind::Instagram => &self.social_instagram,
            SocialKind::Youtube => &self.social_youtube,
            SocialKind::Line => &self.social_line,
            SocialKind::Note => &self.social_note,
            SocialKind::Other => &self.social_other,
        }
    }

    fn social_slot(&mut self, kind: SocialKind) -> &mut String {
        match kind {
            SocialKind::X => &mut self.social_x,
            SocialKind::Facebook => &mut self.social_facebook,
            SocialKind::Instagram => &mut self.social_instagram,
            SocialKind::Youtube => &mut self.social_youtube,
            SocialKind::Line => &mut self.social_line,
            SocialKind::Note => &mut self.social_note,
            SocialKind::Other => &mut self.social_other,
        }
    }

    /// Validates every field, reporting problems into `errs` in form order.
    /// `website_given` lets "no website" yield to a website actually typed.
    pub fn validate(
        &self,
        today: NaiveDate,
        website_given: bool,
        errs: &mut FieldErrors,
    ) -> Option<Details> {
        let date =
            |v: &str| optional_date(v).and_then(|d| d.map(|d| not_in_future(d, today)).transpose());
        let founded_on = errs.check("founded_on", date(&self.founded_on));
        let mut incorporated_on = errs.check("incorporated_on", date(&self.incorporated_on));
        if let (Some(Some(f)), Some(Some(i))) = (founded_on, incorporated_on)
            && i < f
        {
            errs.push("incorporated_on", Invalid::BeforeFounding);
            incorporated_on = None;
        }
        let competent_authority = errs.check(
            "competent_authority",
            text(&self.competent_authority, AUTHORITY_MAX),
        );
        let representative_name = errs.check(
            "representative_name",
            text(&self.representative_name, PERSON_MAX),
        );
        let representative_title = errs.check(
            "representative_title",
            text(&self.representative_title, TITLE_MAX),
        );
        let month = errs.check(
            "fiscal_year_start_month",
            optional(&self.fiscal_year_start_month, parse_month),
        );
        let phone = errs.check("phone", optional(&self.phone, Phone::parse));
        let contact_name = errs.check("contact_name", text(&self.contact_name, PERSON_MAX));
        let mut social = SocialLinks::new();
        let mut social_ok = true;
        for kind in SocialKind::ALL {
            match errs.check(
                kind.field(),
                optional(self.social_value(kind), |v| kind.parse_link(v)),
            ) {
                Some(Some(url)) => {
                    social.insert(kind, url);
                }
                Some(None) => {}
                None => social_ok = false,
            }
        }
        let count = |field: &'static str, v: &str, errs: &mut FieldErrors| {
            errs.check(field, optional(v, parse_count)).flatten()
        };
        let figures = Figures {
            officers: count("officers", &self.officers, errs),
            staff_full_time: count("staff_full_time", &self.staff_full_time, errs),
            staff_part_time: count("staff_part_time", &self.staff_part_time, errs),
            volunteers: count("volunteers", &self.volunteers, errs),
            members_regular: count("members_regular", &self.members_regular, errs),
            members_supporting: count("members_supporting", &self.members_supporting, errs),
        };
        if !errs.is_empty() || !social_ok {
            return None;
        }
        Some(Details {
            founded_on: founded_on.flatten(),
            incorporated_on: incorporated_on.flatten(),
            competent_authority: competent_authority.flatten(),
            representative_name: representative_name.flatten(),
            representative_title: representative_title.flatten(),
            fiscal_year_start_month: month.flatten(),
            phone: phone.flatten(),
            contact_name: contact_name.flatten(),
            website_none: self.website_none && !website_given,
            social_none: self.social_none && social.is_empty(),
            social,
            figures,
        })
    }
}

impl From<&Details> for DetailsInput {
    fn from(d: &Details) -> Self {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        let n = |o: Option<u32>| o.map(|v| v.to_string()).unwrap_or_default();
        let mut input = DetailsInput {
            founded_on: d.founded_on.map(|x| x.to_string()).unwrap_or_default(),
            incorporated_on: d.incorporated_on.map(|x| x.to_string()).unwrap_or_default(),
            competent_authority: s(&d.competent_authority),
            representative_name: s(&d.representative_name),
            representative_title: s(&d.representative_title),
            fiscal_year_start_month: d
                .fiscal_year_start_month
                .map(|m| m.to_string())
                .unwrap_or_default(),
            phone: d.phone.as_ref().map(|p| p.to_string()).unwrap_or_default(),
            contact_name: s(&d.contact_name),
            website_none: d.website_none,
            social_none: d.social_none,
            officers: n(d.figures.officers),
            staff_full_time: n(d.figures.staff_full_time),
            staff_part_time: n(d.figures.staff_part_time),
            volunteers: n(d.figures.volunteers),
            members_regular: n(d.figures.members_regular),
            members_supporting: n(d.figures.members_supporting),
            ..Default::default()
        };
        for (kind, url) in &d.social {
            *input.social_slot(*kind) = url.to_string();
        }
        input
    }
}

/// "4", "４", "4月" → 4.
fn parse_month(value: &str) -> Result<u8, Invalid> {
    let folded = nfkc(value.trim());
    let digits = folded.strip_suffix('月').unwrap_or(&folded).trim();
    match digits.parse::<u8>() {
        Ok(m) if (1..=12).contains(&m) => Ok(m),
        Ok(_) => Err(Invalid::OutOfRange { min: 1, max: 12 }),
        Err(_) => Err(Invalid::NotANumber),
    }
}

/// A head count: "12", "１２", "1,200", "12人", "12名".
fn parse_count(value: &str) -> Result<u32, Invalid> {
    let folded = nfkc(value.trim()).replace(',', "");
    let digits = folded.trim_end_matches(['人', '名']).trim();
    let n: i64 = digits.parse().map_err(|_| Invalid::NotANumber)?;
    if n < 0 {
        return Err(Invalid::Negative);
    }
    if n > COUNT_MAX {
        return Err(Invalid::OutOfRange {
            min: 0,
            max: COUNT_MAX,
        });
    }
    Ok(n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn check(input: &DetailsInput) -> Result<Details, FieldErrors> {
        let mut errs = FieldErrors::new();
        match input.validate(today(), false, &mut errs) {
            Some(d) => Ok(d),
            None => Err(errs),
        }
    }

    #[test]
    fn a_full_section_validates() {
        let d = check(&DetailsInput {
            founded_on: "2008-04-01".into(),
            incorporated_on: "2010-06-15".into(),
            competent_authority: "岡山市".into(),
            representative_name: "山田 花子".into(),
            representative_title: "理事長".into(),
            fiscal_year_start_month: "４月".into(),
            phone: "０８６-１２３-４５６７".into(),
            social_x: "@akari_club".into(),
            social_facebook: "https://www.facebook.com/akari".into(),
            officers: "8".into(),
            staff_full_time: "2".into(),
            staff_part_time: "3人".into(),
            volunteers: "1,200".into(),
            members_regular: "０".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(d.fiscal_year_start_month, Some(4));
        assert_eq!(d.phone.unwrap().as_str(), "086-123-4567");
        assert_eq!(
            d.social[&SocialKind::X].as_str(),
            "https://x.com/akari_club"
        );
        assert_eq!(d.figures.volunteers, Some(1200));
        assert_eq!(d.figures.members_regular, Some(0), "zero is an answer");
        assert!(d.figures.core_complete());
    }

    #[test]
    fn bad_values_are_named() {
        let errs = check(&DetailsInput {
            founded_on: "2030-01-01".into(),
            fiscal_year_start_month: "13".into(),
            phone: "12345".into(),
            social_instagram: "not a url".into(),
            officers: "-1".into(),
            volunteers: "たくさん".into(),
            ..Default::default()
        })
        .unwrap_err();
        let got: Vec<_> = errs
            .0
            .iter()
            .map(|e| (e.field, e.invalid.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("founded_on", Invalid::DateInFuture),
                (
                    "fiscal_year_start_month",
                    Invalid::OutOfRange { min: 1, max: 12 }
                ),
                ("phone", Invalid::PhoneFormat),
                ("social_instagram", Invalid::UrlFormat),
                ("officers", Invalid::Negative),
                ("volunteers", Invalid::NotANumber),
            ]
        );
    }

    #[test]
    fn incorporation_cannot_precede_founding() {
        let errs = check(&DetailsInput {
            founded_on: "2012-04-01".into(),
            incorporated_on: "2010-04-01".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(
            errs.for_field("incorporated_on").unwrap().invalid,
            Invalid::BeforeFounding
        );
    }

    #[test]
    fn none_answers_yield_to_real_values() {
        let d = check(&DetailsInput {
            website_none: true,
            social_none: true,
            social_note: "@akari".into(),
            ..Default::default()
        })
        .unwrap();
        assert!(d.website_none, "no website typed");
        assert!(!d.social_none, "a link was typed after all");
        let mut errs = FieldErrors::new();
        let d = DetailsInput {
            website_none: true,
            ..Default::default()
        }
        .validate(today(), true, &mut errs)
        .unwrap();
        assert!(!d.website_none);
    }

    #[test]
    fn round_trips_through_the_form() {
        let d = check(&DetailsInput {
            founded_on: "2008-04-01".into(),
            social_youtube: "https://www.youtube.com/@akari".into(),
            officers: "5".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(check(&DetailsInput::from(&d)).unwrap(), d);
    }
}
