//! What every page template gets: the reader's language, translations, the language-switch link,
//! the portal's branding when inside a portal, breadcrumbs and structured data.

use crate::lang::path_without_lang;
use hiroba_i18n::{I18n, Lang, Value};

/// Translation helper bound to the request's language.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    pub lang: Lang,
    pub i18n: &'a I18n,
}

impl<'a> Tr<'a> {
    pub fn new(lang: Lang, i18n: &'a I18n) -> Self {
        Self { lang, i18n }
    }

    pub fn t(&self, id: &str) -> String {
        self.i18n.message(self.lang, id, &[])
    }

    /// A message with one numeric argument.
    pub fn tn(&self, id: &str, name: &str, value: i64) -> String {
        self.i18n
            .message(self.lang, id, &[(name, Value::from(value))])
    }

    /// A message with one text argument.
    pub fn ts(&self, id: &str, name: &str, value: &str) -> String {
        self.i18n
            .message(self.lang, id, &[(name, Value::from(value.to_owned()))])
    }

    pub fn args(&self, id: &str, args: &[(&str, Value<'_>)]) -> String {
        self.i18n.message(self.lang, id, args)
    }

    pub fn en(&self) -> bool {
        self.lang.is_english()
    }

    /// Picks the Japanese or English variant of a name the domain carries in both.
    pub fn pick<'s>(&self, ja: &'s str, en: &'s str) -> &'s str {
        if self.en() { en } else { ja }
    }
}

/// A portal's look, when a page is shown inside one.
#[derive(Debug, Clone)]
pub struct Brand {
    pub slug: String,
    pub name: String,
    pub home_href: String,
    pub theme_href: String,
    pub logo_url: Option<String>,
}

/// A search form: the one in every page's header, or the main one on a search page. With
/// JavaScript, `suggest` (an API URL) feeds suggestions as the person types.
#[derive(Debug, Clone)]
pub struct SearchBox {
    /// The input's id, unique on the page.
    pub id: &'static str,
    pub action: String,
    /// The accessible name of the form and its text box.
    pub label: String,
    /// Shown beside the box, not only to screen readers (the main box on a search page).
    pub visible_label: bool,
    pub query: String,
    pub suggest: String,
    /// Filters carried along when a new query is typed.
    pub hidden: Vec<(&'static str, String)>,
}

impl SearchBox {
    /// The box in the header: across the platform, or within the portal being shown.
    pub fn header(tr: &Tr<'_>, portal_slug: Option<&str>) -> SearchBox {
        match portal_slug {
            Some(slug) => SearchBox {
                id: "site-search-q",
                action: format!("/p/{slug}/search"),
                label: tr.t("search-box-portal"),
                visible_label: false,
                query: String::new(),
                suggest: format!("/api/v1/search?limit=5&portal={slug}"),
                hidden: Vec::new(),
            },
            None => SearchBox {
                id: "site-search-q",
                action: "/search".into(),
                label: tr.t("search-box-site"),
                visible_label: false,
                query: String::new(),
                suggest: "/api/v1/search?limit=5".into(),
                hidden: Vec::new(),
            },
        }
    }
}

#[derive(Debug, Clone)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

pub struct PageCtx<'a> {
    pub tr: Tr<'a>,
    pub title: String,
    /// Link that switches to the other language and comes back here.
    pub switch_href: String,
    /// This page in each language, for `hreflang` alternates.
    pub path_ja: String,
    pub path_en: String,
    pub brand: Option<Brand>,
    pub breadcrumbs: Vec<Crumb>,
    /// schema.org JSON-LD, already escaped for a `<script>` element.
    pub json_ld: Option<String>,
    /// Which main-menu entry is current ("home", "portals", "organisations", "api").
    pub nav: &'static str,
    /// The signed-in person's name, for the header.
    pub viewer: Option<String>,
    /// The CSRF token every form on the page carries.
    pub csrf: String,
    /// A one-line confirmation or warning (from `?notice=`).
    pub notice: Option<String>,
    /// The header's search box (none on a search page, which has its own).
    pub search: Option<SearchBox>,
}

impl<'a> PageCtx<'a> {
    pub fn new(lang: Lang, i18n: &'a I18n, uri: &axum::http::Uri, title: String) -> Self {
        let here = path_without_lang(uri);
        let with_lang = |l: Lang| {
            let sep = if here.contains('?') { '&' } else { '?' };
            format!("{here}{sep}lang={}", l.code())
        };
        let switch_href = format!(
            "/lang/{}?{}",
            lang.other().code(),
            serde_html_form::to_string([("next", here.as_str())]).unwrap_or_default()
        );
        let tr = Tr::new(lang, i18n);
        Self {
            search: Some(SearchBox::header(&tr, None)),
            tr,
            title,
            switch_href,
            path_ja: with_lang(Lang::Ja),
            path_en: with_lang(Lang::En),
            brand: None,
            breadcrumbs: Vec::new(),
            json_ld: None,
            nav: "",
            viewer: None,
            csrf: String::new(),
            notice: None,
        }
    }

    /// A page for this request: its language, its viewer, its CSRF token and its notice.
    pub fn from_ctx(ctx: &'a crate::auth::extract::Ctx, i18n: &'a I18n, title: String) -> Self {
        let mut page = Self::new(ctx.lang, i18n, &ctx.uri, title);
        page.viewer = ctx.auth.user().map(|u| u.display_name.clone());
        page.csrf = ctx.csrf.clone();
        page.notice = notice_key(&ctx.uri)
            .map(|k| format!("notice-{k}"))
            .filter(|id| i18n.has(ctx.lang, id))
            .map(|id| i18n.message(ctx.lang, &id, &[]));
        page
    }

    pub fn with_brand(mut self, brand: Option<Brand>) -> Self {
        if self.search.is_some() {
            self.search = Some(SearchBox::header(
                &self.tr,
                brand.as_ref().map(|b| b.slug.as_str()),
            ));
        }
        self.brand = brand;
        self
    }

    pub fn with_nav(mut self, nav: &'static str) -> Self {
        self.nav = nav;
        self
    }

    pub fn crumb(mut self, label: impl Into<String>, href: Option<String>) -> Self {
        self.breadcrumbs.push(Crumb {
            label: label.into(),
            href,
        });
        self
    }

    pub fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    pub fn lang_code(&self) -> &'static str {
        self.tr.lang.code()
    }

    pub fn other_lang_code(&self) -> &'static str {
        self.tr.lang.other().code()
    }

    /// "ページ名 | ポータル名 | ひろば"
    pub fn full_title(&self) -> String {
        let site = self.t("site-name");
        match &self.brand {
            Some(b) if b.name != self.title => format!("{} | {} | {site}", self.title, b.name),
            Some(_) => format!("{} | {site}", self.title),
            None if self.title == site => site,
            None => format!("{} | {site}", self.title),
        }
    }

    /// The language of a piece of data (an organisation's name, a mission…): "ja" when it is
    /// written in Japanese, else the page's language. Marking it lets screen readers switch
    /// voices (WCAG 3.1.2) and lets tests prove that English pages have no untranslated UI.
    pub fn data_lang(&self, text: &str) -> &'static str {
        if text.chars().any(is_japanese_char) {
            "ja"
        } else {
            self.lang_code()
        }
    }

    /// HTML for interface text that embeds data (an organisation's name in "Manage …"): on
    /// an English page every run of Japanese script is marked `lang="ja"`. Escaped here, so
    /// templates use it with `|safe`.
    pub fn marked(&self, text: &str) -> String {
        let escape = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;")
        };
        if !self.tr.en() {
            return escape(text);
        }
        let mut out = String::new();
        let mut run = String::new();
        let mut japanese = false;
        let flush = |run: &mut String, japanese: bool, out: &mut String| {
            if run.is_empty() {
                return;
            }
            if japanese {
                out.push_str("<span lang=\"ja\">");
                out.push_str(&escape(run));
                out.push_str("</span>");
            } else {
                out.push_str(&escape(run));
            }
            run.clear();
        };
        for c in text.chars() {
            // A space inside a Japanese name stays inside it; anything else ASCII ends it.
            let j = is_japanese_char(c) || (japanese && c == ' ');
            if j != japanese {
                flush(&mut run, japanese, &mut out);
                japanese = j;
            }
            run.push(c);
        }
        flush(&mut run, japanese, &mut out);
        out
    }

    pub fn asset(&self, name: &str) -> String {
        crate::assets::asset_url(name)
    }

    pub fn nav_current(&self, entry: &str) -> bool {
        self.nav == entry
    }
}

/// The `notice` query parameter, if any.
fn notice_key(uri: &axum::http::Uri) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_html_form::from_str(uri.query()?).unwrap_or_default();
    pairs
        .into_iter()
        .find(|(k, _)| k == "notice")
        .map(|(_, v)| v)
        .filter(|v| v.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
}

/// Kana, kanji, full-width forms and Japanese punctuation.
pub fn is_japanese_char(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Makes JSON safe inside `<script type="application/ld+json">`: no `</script>` or `<!--` can
/// appear, because `<`, `>` and `&` become JSON escapes.
pub fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let v = serde_json::json!({"name": "</script><script>alert(1)</script> & <!--"});
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v, "still the same JSON");
    }

    #[test]
    fn switch_link_returns_to_the_same_page() {
        let i18n = I18n::new();
        let uri: axum::http::Uri = "/p/okayama/organisations?prefecture=33&lang=ja"
            .parse()
            .unwrap();
        let page = PageCtx::new(Lang::Ja, &i18n, &uri, "x".into());
        assert_eq!(
            page.switch_href,
            "/lang/en?next=%2Fp%2Fokayama%2Forganisations%3Fprefecture%3D33"
        );
        assert_eq!(
            page.path_en,
            "/p/okayama/organisations?prefecture=33&lang=en"
        );
    }
}
