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

/// Markdown to HTML, with `id="section-N"` on each second-level heading so pages can link to
/// a section (6 is certification), and without the document's own title.
pub fn render(markdown: &str) -> String {
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
        body: render(part(ctx.lang.is_english())),
        page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_render_with_section_anchors() {
        for english in [false, true] {
            let html = render(part(english));
            assert!(html.contains("id=\"section-6\""), "certification anchor");
            assert!(html.contains("<table>"), "tables render");
            assert!(!html.contains("<script"));
        }
        assert!(render(part(false)).contains("情報公開レベル"));
        assert!(!render(part(true)).contains("よくある質問"), "English only");
    }
}
