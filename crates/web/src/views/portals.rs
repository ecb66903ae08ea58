//! Portals as cards on the platform home and as a branded header.

use super::excerpt;
use crate::page::{Brand, Tr};
use hiroba_domain::portals::PortalKind;
use hiroba_store::portals::Portal;

#[derive(Debug, Clone)]
pub struct PortalCard {
    pub href: String,
    pub name: String,
    pub kind: String,
    pub is_theme: bool,
    pub intro: Option<String>,
    pub count: String,
    pub emblem: Emblem,
}

/// A square mark in the portal's colour with its first character: shown where no logo is set.
/// Drawn as inline SVG, whose `fill` attribute is not subject to the style CSP.
#[derive(Debug, Clone)]
pub struct Emblem {
    pub colour: String,
    pub letter: String,
}

pub fn emblem(portal: &Portal) -> Emblem {
    Emblem {
        colour: portal.settings.branding.primary_colour.to_string(),
        letter: portal
            .settings
            .name_ja
            .chars()
            .next()
            .map(String::from)
            .unwrap_or_default(),
    }
}

pub fn intro<'p>(tr: &Tr<'_>, portal: &'p Portal) -> Option<&'p str> {
    let b = &portal.settings.branding;
    if tr.en() {
        b.intro_en.as_deref().or(b.intro_ja.as_deref())
    } else {
        b.intro_ja.as_deref()
    }
}

pub fn kind_label(tr: &Tr<'_>, kind: PortalKind) -> String {
    tr.t(&format!("kind-{}", kind.code()))
}

pub fn card(tr: &Tr<'_>, portal: &Portal, count: u64) -> PortalCard {
    PortalCard {
        href: format!("/p/{}", portal.settings.slug),
        name: portal.settings.name(tr.en()).to_owned(),
        kind: kind_label(tr, portal.settings.kind),
        is_theme: portal.settings.kind == PortalKind::Theme,
        intro: intro(tr, portal).map(|i| excerpt(i, 110)),
        count: tr.tn("portal-organisation-count", "count", count as i64),
        emblem: emblem(portal),
    }
}

pub fn brand(tr: &Tr<'_>, portal: &Portal) -> Brand {
    let slug = portal.settings.slug.to_string();
    Brand {
        home_href: format!("/p/{slug}"),
        theme_href: format!("/p/{slug}/theme.css?v={}", portal.updated_at.timestamp()),
        name: portal.settings.name(tr.en()).to_owned(),
        logo_url: portal.settings.branding.logo_url.clone(),
        slug,
    }
}

/// The stylesheet that gives a portal its colours (CSS custom properties only; the colours
/// were validated as hex values with enough contrast for white text).
pub fn theme_css(portal: &Portal) -> String {
    let b = &portal.settings.branding;
    format!(
        ":root {{\n  --brand: {};\n  --brand-accent: {};\n  --brand-tint: {};\n}}\n",
        b.primary_colour,
        b.accent_colour,
        b.primary_colour.tint()
    )
}
