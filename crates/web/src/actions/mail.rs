//! Sending mail from actions. A mail that cannot be sent is logged and reported to the caller,
//! never turned into a failed request: the change itself has been made.

use crate::AppState;
use hiroba_i18n::Lang;
use hiroba_mail::Mail;

pub async fn send(state: &AppState, to: &str, lang: Lang, mail: Mail) -> bool {
    let rendered = mail.render(&state.i18n, lang);
    match state.mailer.send(to, &rendered).await {
        Ok(()) => true,
        Err(e) => {
            tracing::error!(error = %e, to, subject = %rendered.subject, "mail not sent");
            false
        }
    }
}

/// An absolute link into the site for e-mails.
pub fn link(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.config.base_url)
}

pub fn user_lang(code: &str) -> Lang {
    Lang::parse(code).unwrap_or_default()
}
