//! Help pages. The ★ guide is `docs/disclosure-levels.md` itself, rendered here, so the page
//! and the published document cannot drift apart.

use crate::AppState;
use crate::auth::extract::Ctx;
use crate::errors::AppResult;
use crate::page::PageCtx;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, html};

const GUIDE: &str = include_str!("../../../../docs/disclosure-levels.md");

/// The guide in one language: Japanese comes first, English after `# English`.
fn part(english: bool) -> &'static str {
    let split = GUIDE.find("\n# English").unwrap_or(GUIDE.len());
    if english {
        GUIDE[split..].trim_start_matches('\n')
    } else {
        &GUIDE[..split]
    }
}

fn is_japanese(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
}

/// In the English guide, Japanese terms (法人番号, 2025年度…) are marked `lang="ja"` so
/// screen readers pronounce them as Japanese.
fn mark_japanese(text: &str) -> Vec<Event<'static>> {
    let mut out = Vec::new();
    let mut run = String::new();
    let mut in_japanese = false;
    let flush = |run: &mut String, japanese: bool, out: &mut Vec<Event<'static>>| {
        if run.is_empty() {
            return;
        }
        if japanese {
            out.push(Event::InlineHtml("<span lang=\"ja\">".into()));
            out.push(Event::Text(std::mem::take(run).into()));
            out.push(Event::InlineHtml("</span>".into()));
        } else {
            out.push(Event::Text(std::mem::take(run).into()));
        }
    };
    for c in text.chars() {
        // A space inside a Japanese phrase stays inside it; ASCII punctuation ends it.
        let japanese = is_japanese(c) || (in_japanese && c == ' ');
        if japanese != in_japanese {
            flush(&mut run, in_japanese, &mut out);
            in_japanese = japanese;
        }
        run.push(c);
    }
    flush(&mut run, in_japanese, &mut out);
    out
}

/// Markdown to HTML, with `id="section-N"` on each second-level heading so pages can link to
/// a section (6 is certification), and without the document's own title.
pub fn render(markdown: &str, english: bool) -> String {
    let mut section = 0;
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .skip_while(|e| {
            !matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    ..
                })
            )
        })
        .map(|e| match e {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                classes,
                attrs,
                ..
            }) => {
                section += 1;
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    id: Some(format!("section-{section}").into()),
                    classes,
                    attrs,
                })
            }
            other => other,
        })
        .flat_map(|e| match e {
            Event::Text(t) if english => mark_japanese(&t),
            other => vec![other],
        });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[derive(Template)]
#[template(path = "help.html")]
struct HelpPage<'a> {
    page: PageCtx<'a>,
    body: String,
}

pub async fn disclosure(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let title = state.i18n.message(ctx.lang, "help-disclosure-title", &[]);
    let page = PageCtx::from_ctx(&ctx, &state.i18n, title);
    super::html(&HelpPage {
        body: render(part(ctx.lang.is_english()), ctx.lang.is_english()),
        page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_render_with_section_anchors() {
        for english in [false, true] {
            let html = render(part(english), english);
            assert!(html.contains("id=\"section-6\""), "certification anchor");
            assert!(html.contains("<table>"), "tables render");
            assert!(!html.contains("<script"));
        }
        assert!(render(part(false), false).contains("情報公開レベル"));
        assert!(
            !render(part(true), true).contains("よくある質問"),
            "English only"
        );
        assert!(render(part(true), true).contains("<span lang=\"ja\">法人番号</span>"));
    }
}
