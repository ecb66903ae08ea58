//! Error pages (404, 400, 500 and others) in the reader's language.

use crate::AppState;
use crate::errors::AppError;
use crate::page::PageCtx;
use askama::Template;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use hiroba_domain::policy::Denied;
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

/// The message explaining a refusal.
pub fn denied_message(why: Denied) -> &'static str {
    match why {
        Denied::NotSignedIn => "denied-not-signed-in",
        Denied::EmailNotVerified => "denied-email-not-verified",
        Denied::ReadOnlyToken => "denied-read-only-token",
        Denied::Forbidden => "denied-forbidden",
    }
}

pub fn render(state: &AppState, lang: Lang, uri: &Uri, error: &AppError) -> Response {
    let status = error.status();
    let (title_id, body_id) = match error {
        AppError::Denied(why) => ("error-403-title", denied_message(*why)),
        AppError::CrossSite => ("error-403-title", "error-cross-site-body"),
        AppError::CsrfRejected | AppError::Resubmit { .. } => {
            ("error-csrf-title", "error-csrf-body")
        }
        AppError::Unauthorized => ("error-403-title", "problem-unauthorized-detail"),
        AppError::Conflict(_) => ("error-409-title", ""),
        _ => match status.as_u16() {
            404 | 405 => ("error-404-title", "error-404-body"),
            code if code >= 500 => ("error-500-title", "error-500-body"),
            _ => ("error-400-title", "error-400-body"),
        },
    };
    let problems = match error {
        AppError::Invalid(errs) => field_messages(&crate::page::Tr::new(lang, &state.i18n), errs),
        _ => Vec::new(),
    };
    let body = match error {
        AppError::Conflict(what) => state.i18n.message(lang, &format!("conflict-{what}"), &[]),
        _ => state.i18n.message(lang, body_id, &[]),
    };
    let title = state.i18n.message(lang, title_id, &[]);
    let page = ErrorPage {
        page: PageCtx::new(lang, &state.i18n, uri, title.clone()),
        status_line: state.i18n.message(
            lang,
            "error-status",
            &[("status", i64::from(status.as_u16()).into())],
        ),
        heading: title,
        body,
        problems,
    };
    match super::html(&page) {
        Ok(r) => r,
        // Never fail while reporting a failure: fall back to plain text.
        Err(_) => (status, page.heading).into_response(),
    }
}
