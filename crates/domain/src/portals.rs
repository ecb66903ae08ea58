//! Portals: a region's or a theme's view of the shared organisation database.

use crate::activity_fields::ActivityFields;
use crate::codes::MunicipalityCode;
use crate::colour::Colour;
use crate::prefectures::PrefectureCode;
use crate::sdgs::SdgGoals;
use crate::validation::{FieldErrors, Invalid, distinct_list, numbered_codes, required_text, text};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortalKind {
    Regional,
    Theme,
}

impl PortalKind {
    pub fn code(&self) -> &'static str {
        match self {
            PortalKind::Regional => "regional",
            PortalKind::Theme => "theme",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        match s.trim() {
            "regional" => Ok(PortalKind::Regional),
            "theme" => Ok(PortalKind::Theme),
            _ => Err(Invalid::UnknownChoice),
        }
    }
}

/// The URL name of a portal (`/p/{slug}`): lower-case letters, digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PortalSlug(String);

/// Slugs that would be confusing next to the platform's own paths.
const RESERVED_SLUGS: &[&str] = &[
    "admin", "api", "static", "new", "edit", "help", "login", "www",
];

impl PortalSlug {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input.trim();
        let ok = (2..=40).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if !ok {
            return Err(Invalid::SlugFormat);
        }
        if RESERVED_SLUGS.contains(&s) {
            return Err(Invalid::SlugReserved);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PortalSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PortalSlug {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<PortalSlug> for String {
    fn from(s: PortalSlug) -> String {
        s.0
    }
}

/// Which organisations belong to a portal. Empty geography means nationwide; empty theme means
/// every theme. See [`crate::scope`] for the matching rule.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PortalScope {
    pub prefectures: Vec<PrefectureCode>,
    pub municipalities: Vec<MunicipalityCode>,
    pub activity_fields: ActivityFields,
    pub sdgs: SdgGoals,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    pub primary_colour: Colour,
    pub accent_colour: Colour,
    pub logo_url: Option<String>,
    pub intro_ja: Option<String>,
    pub intro_en: Option<String>,
}

impl Default for Branding {
    fn default() -> Self {
        Self {
            primary_colour: Colour::parse("#1d5d90").expect("valid"),
            accent_colour: Colour::parse("#b3471d").expect("valid"),
            logo_url: None,
            intro_ja: None,
            intro_en: None,
        }
    }
}

/// A validated portal definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalSettings {
    pub slug: PortalSlug,
    pub name_ja: String,
    pub name_en: String,
    pub kind: PortalKind,
    pub operator_organisation_id: Option<i64>,
    pub scope: PortalScope,
    pub branding: Branding,
}

pub const PORTAL_NAME_MAX: usize = 100;
pub const INTRO_MAX: usize = 4_000;

/// A portal definition as typed by an operator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortalInput {
    pub slug: String,
    pub name_ja: String,
    pub name_en: String,
    pub kind: String,
    pub operator_organisation_id: Option<i64>,
    pub prefectures: Vec<String>,
    pub municipalities: Vec<String>,
    pub activity_fields: Vec<String>,
    pub sdgs: Vec<String>,
    pub primary_colour: String,
    pub accent_colour: String,
    pub logo_url: String,
    pub intro_ja: String,
    pub intro_en: String,
}

impl PortalInput {
    pub fn validate(&self) -> Result<PortalSettings, FieldErrors> {
        let mut errs = FieldErrors::new();
        let slug = errs.check("slug", PortalSlug::parse(&self.slug));
        let name_ja = errs.check("name_ja", required_text(&self.name_ja, PORTAL_NAME_MAX));
        let name_en = errs.check("name_en", required_text(&self.name_en, PORTAL_NAME_MAX));
        let kind = errs.check("kind", PortalKind::parse(&self.kind));
        let prefectures = errs.check(
            "prefectures",
            distinct_list(&self.prefectures, PrefectureCode::parse),
        );
        let municipalities = errs.check(
            "municipalities",
            distinct_list(&self.municipalities, MunicipalityCode::parse),
        );
        let activity_fields = errs.check("activity_fields", numbered_codes(&self.activity_fields));
        let sdgs = errs.check("sdgs", numbered_codes(&self.sdgs));
        let primary = errs.check(
            "primary_colour",
            Colour::parse_for_text_background(&self.primary_colour),
        );
        let accent = errs.check(
            "accent_colour",
            Colour::parse_for_text_background(&self.accent_colour),
        );
        let logo_url = errs.check(
            "logo_url",
            text(&self.logo_url, 500).and_then(|u| match u {
                Some(u) if !(u.starts_with("https://") || u.starts_with('/')) => {
                    Err(Invalid::UrlFormat)
                }
                other => Ok(other),
            }),
        );
        let intro_ja = errs.check("intro_ja", text(&self.intro_ja, INTRO_MAX));
        let intro_en = errs.check("intro_en", text(&self.intro_en, INTRO_MAX));
        if !errs.is_empty() {
            return Err(errs);
        }
        let v = "validated above";
        Ok(PortalSettings {
            slug: slug.expect(v),
            name_ja: name_ja.expect(v),
            name_en: name_en.expect(v),
            kind: kind.expect(v),
            operator_organisation_id: self.operator_organisation_id,
            scope: PortalScope {
                prefectures: prefectures.expect(v),
                municipalities: municipalities.expect(v),
                activity_fields: activity_fields.expect(v),
                sdgs: sdgs.expect(v),
            },
            branding: Branding {
                primary_colour: primary.expect(v),
                accent_colour: accent.expect(v),
                logo_url: logo_url.expect(v),
                intro_ja: intro_ja.expect(v),
                intro_en: intro_en.expect(v),
            },
        })
    }
}

impl PortalSettings {
    /// The name in the reader's language (English falls back to Japanese).
    pub fn name(&self, english: bool) -> &str {
        if english {
            &self.name_en
        } else {
            &self.name_ja
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PortalInput {
        PortalInput {
            slug: "okayama".into(),
            name_ja: "おかやま市民活動ひろば".into(),
            name_en: "Okayama Civic Square".into(),
            kind: "regional".into(),
            prefectures: vec!["33".into(), "岡山県".into()],
            primary_colour: "#1D5D90".into(),
            accent_colour: "#9c3d10".into(),
            ..Default::default()
        }
    }

    #[test]
    fn valid_portal() {
        let p = input().validate().unwrap();
        assert_eq!(p.slug.as_str(), "okayama");
        assert_eq!(p.scope.prefectures.len(), 1, "duplicates collapse");
        assert_eq!(p.branding.primary_colour.to_string(), "#1d5d90");
        assert_eq!(p.name(true), "Okayama Civic Square");
    }

    #[test]
    fn slugs() {
        for ok in ["okayama", "kodomo-wakamono", "k2"] {
            assert!(PortalSlug::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "Okayama",
            "o",
            "-x",
            "x-",
            "a--b",
            "岡山",
            "a b",
            &"a".repeat(41),
        ] {
            assert_eq!(PortalSlug::parse(bad), Err(Invalid::SlugFormat), "{bad}");
        }
        assert_eq!(PortalSlug::parse("api"), Err(Invalid::SlugReserved));
    }

    #[test]
    fn unreadable_brand_colours_are_refused() {
        let errs = PortalInput {
            primary_colour: "#ffdd00".into(),
            accent_colour: "blue".into(),
            logo_url: "javascript:alert(1)".into(),
            ..input()
        }
        .validate()
        .unwrap_err();
        assert!(matches!(
            errs.for_field("primary_colour").unwrap().invalid,
            Invalid::ColourContrast { .. }
        ));
        assert_eq!(
            errs.for_field("accent_colour").unwrap().invalid,
            Invalid::ColourFormat
        );
        assert_eq!(
            errs.for_field("logo_url").unwrap().invalid,
            Invalid::UrlFormat
        );
    }
}
