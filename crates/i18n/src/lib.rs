//! Translations: Fluent message files for Japanese (the default) and English, embedded in the
//! binary. Every visible string in pages, API errors and (later) e-mails comes from here, by id.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use unic_langid::{LanguageIdentifier, langid};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The BCP 47 code, as used in `lang` attributes and cookies.
    pub fn code(&self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "ja-jp" | "jp" => Some(Lang::Ja),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language in an Accept-Language header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut candidates: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                let primary = tag.split('-').next()?;
                Lang::parse(primary).map(|l| (q, l))
            })
            .collect();
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
        candidates.first().map(|(_, l)| *l)
    }

    pub fn is_english(&self) -> bool {
        *self == Lang::En
    }

    /// The other language, for the switch link.
    pub fn other(&self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }

    fn langid(&self) -> LanguageIdentifier {
        match self {
            Lang::Ja => langid!("ja"),
            Lang::En => langid!("en"),
        }
    }
}

/// The message files, one per concern, identical in name for both languages.
macro_rules! sources {
    ($lang:literal) => {
        [
            include_str!(concat!("../locales/", $lang, "/common.ftl")),
            include_str!(concat!("../locales/", $lang, "/errors.ftl")),
            include_str!(concat!("../locales/", $lang, "/validation.ftl")),
            include_str!(concat!("../locales/", $lang, "/fields.ftl")),
            include_str!(concat!("../locales/", $lang, "/portals.ftl")),
            include_str!(concat!("../locales/", $lang, "/organisations.ftl")),
            include_str!(concat!("../locales/", $lang, "/api.ftl")),
            include_str!(concat!("../locales/", $lang, "/opendata.ftl")),
            include_str!(concat!("../locales/", $lang, "/mail.ftl")),
            include_str!(concat!("../locales/", $lang, "/accounts.ftl")),
            include_str!(concat!("../locales/", $lang, "/profiles.ftl")),
            include_str!(concat!("../locales/", $lang, "/finances.ftl")),
            include_str!(concat!("../locales/", $lang, "/search.ftl")),
            include_str!(concat!("../locales/", $lang, "/imports.ftl")),
        ]
    };
}

pub struct I18n {
    ja: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("I18n")
    }
}

impl I18n {
    /// Loads the embedded messages. Panics on a syntax error in a message file, which the test
    /// suite catches before any release.
    pub fn new() -> Self {
        Self {
            ja: bundle(Lang::Ja, &sources!("ja")),
            en: bundle(Lang::En, &sources!("en")),
        }
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundle(lang).has_message(id)
    }

    /// The message `id` in `lang`; a missing message shows its id (and is caught by tests).
    pub fn message(&self, lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text: Cow<str> = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        text.into_owned()
    }

    /// Every message id defined for `lang`.
    pub fn ids(&self, lang: Lang) -> Vec<String> {
        let mut ids = Vec::new();
        for source in match lang {
            Lang::Ja => sources!("ja"),
            Lang::En => sources!("en"),
        } {
            let resource = FluentResource::try_new(source.to_owned()).expect("checked at load");
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    ids.push(m.id.name.to_owned());
                }
            }
        }
        ids.sort();
        ids
    }
}

impl Default for I18n {
    fn default() -> Self {
        Self::new()
    }
}

fn bundle(lang: Lang, sources: &[&str]) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    // Unicode isolation marks are for mixed-direction text; Japanese and English don't need them
    // and they would end up inside attributes and e-mail subjects.
    bundle.set_use_isolating(false);
    for source in sources {
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(_, errs)| {
            panic!("syntax error in {} messages: {errs:?}", lang.code())
        });
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errs| panic!("duplicate {} messages: {errs:?}", lang.code()));
    }
    bundle
}

pub use fluent_bundle::FluentValue as Value;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_define_the_same_messages() {
        let i18n = I18n::new();
        let ja = i18n.ids(Lang::Ja);
        let en = i18n.ids(Lang::En);
        let only_ja: Vec<_> = ja.iter().filter(|id| !en.contains(id)).collect();
        let only_en: Vec<_> = en.iter().filter(|id| !ja.contains(id)).collect();
        assert!(only_ja.is_empty(), "missing in English: {only_ja:?}");
        assert!(only_en.is_empty(), "missing in Japanese: {only_en:?}");
    }

    /// Every `$variable` used anywhere in the message files.
    fn variables() -> Vec<String> {
        let mut names: Vec<String> = sources!("ja")
            .into_iter()
            .chain(sources!("en"))
            .flat_map(|src| {
                src.split('$').skip(1).map(|rest| {
                    rest.chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect::<String>()
                })
            })
            .filter(|n| !n.is_empty())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    #[test]
    fn every_message_formats_without_errors_in_both_languages() {
        let i18n = I18n::new();
        let variables = variables();
        for lang in Lang::ALL {
            let bundle = i18n.bundle(lang);
            for id in i18n.ids(lang) {
                let msg = bundle.get_message(&id).unwrap();
                let Some(pattern) = msg.value() else { continue };
                let mut args = FluentArgs::new();
                for name in &variables {
                    args.set(name.as_str(), FluentValue::from(2));
                }
                let mut errors = Vec::new();
                let _ = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{} {id}: {errors:?}", lang.code());
            }
        }
    }

    #[test]
    fn formats_arguments_and_plurals() {
        let i18n = I18n::new();
        assert_eq!(
            i18n.message(Lang::En, "validation-too-long", &[("max", 200.into())]),
            "Use at most 200 characters."
        );
        assert_eq!(
            i18n.message(Lang::Ja, "validation-too-long", &[("max", 200.into())]),
            "200文字以内で入力してください。"
        );
        assert_eq!(
            i18n.message(Lang::Ja, "no-such-message", &[]),
            "no-such-message"
        );
    }

    #[test]
    fn languages_parse_and_negotiate() {
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(
            Lang::from_accept_language("fr-FR, en-US;q=0.8, ja;q=0.9"),
            Some(Lang::Ja)
        );
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("de"), None);
        assert_eq!(Lang::Ja.other(), Lang::En);
    }
}
