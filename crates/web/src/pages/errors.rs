//! Error pages (404, 400, 500 and others) in the reader's language.

use crate::AppState;
use crate::errors::AppError;
use crate::page::PageCtx;
use askama::Template;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use hiroba_i18n::Lang;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: PageCtx<'a>,
    status_line: String,
    heading: String,
    body: String,
    problems: Vec<String>,
}

/// "法人番号：番号が正しくありません…" for each invalid field.
pub fn field_messages(
    tr: &crate::page::Tr<'_>,
    errors: &hiroba_domain::FieldErrors,
) -> Vec<String> {
    errors
        .0
        .iter()
        .map(|e| {
            let field = tr.t(&format!("field-{}", e.field));
            let message = crate::forms::message(tr, &e.invalid);
            tr.args(
                "validation-field-message",
                &[("field", field.into()), ("message", message.into())],
            )
        })
        .collect()
}

pub fn render(state: &AppState, lang: Lang, uri: &Uri, error: &AppError) -> Response {
    let status = error.status();
    let key = match status.as_u16() {
        404 | 405 => "404",
        code if code >= 500 => "500",
        _ => "400",
    };
    let problems = match error {
        AppError::Invalid(errs) => field_messages(&crate::page::Tr::new(lang, &state.i18n), errs),
        _ => Vec::new(),
    };
    let title = state.i18n.message(lang, &format!("error-{key}-title"), &[]);
    let page = ErrorPage {
        page: PageCtx::new(lang, &state.i18n, uri, title.clone()),
        status_line: state.i18n.message(
            lang,
            "error-status",
            &[("status", i64::from(status.as_u16()).into())],
        ),
        heading: title,
        body: state.i18n.message(lang, &format!("error-{key}-body"), &[]),
        problems,
    };
    match super::html(&page) {
        Ok(r) => r,
        // Never fail while reporting a failure: fall back to plain text.
        Err(_) => (status, page.heading).into_response(),
    }
}
