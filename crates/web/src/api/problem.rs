//! RFC 9457 problem details, in the language the client asked for.

use crate::AppState;
use crate::errors::{AppError, Missing};
use crate::page::Tr;
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use hiroba_domain::policy::Denied;
use hiroba_i18n::{Lang, Value};
use serde::Serialize;
use utoipa::ToSchema;

/// An RFC 9457 problem. `errors` lists each invalid parameter.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI identifying the kind of problem; documented on the API page.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The request path that had the problem.
    pub instance: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

/// Why one parameter was rejected.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    /// The parameter or field name.
    pub name: String,
    /// A stable reason code, e.g. `check_digit`, `digit_count`, `unknown_choice`.
    pub code: String,
    /// The reason in the requested language.
    pub detail: String,
}

pub fn problem(state: &AppState, lang: Lang, uri: &Uri, error: &AppError) -> Problem {
    let tr = Tr::new(lang, &state.i18n);
    let base = &state.config.base_url;
    let status = error.status();
    let (kind, title, detail, errors) = match error {
        AppError::NotFound(missing) => {
            let what = tr.t(match missing {
                Missing::Portal => "problem-kind-portal",
                Missing::Organisation => "problem-kind-organisation",
                Missing::Page => "problem-kind-resource",
            });
            (
                Some("not-found"),
                tr.t("problem-not-found"),
                tr.args("problem-not-found-detail", &[("kind", Value::from(what))]),
                Vec::new(),
            )
        }
        AppError::Invalid(errs) => (
            Some("invalid-parameters"),
            tr.t("problem-invalid-parameters"),
            tr.t("problem-invalid-parameters-detail"),
            errs.0
                .iter()
                .map(|e| ProblemField {
                    name: e.field.to_owned(),
                    code: e
                        .invalid
                        .message_id()
                        .trim_start_matches("validation-")
                        .replace('-', "_"),
                    detail: crate::forms::message(&tr, &e.invalid),
                })
                .collect(),
        ),
        AppError::Internal(_) => (
            Some("internal"),
            tr.t("problem-internal"),
            tr.t("problem-internal-detail"),
            Vec::new(),
        ),
        AppError::Status(s) => (
            None,
            s.canonical_reason().unwrap_or("Error").to_owned(),
            String::new(),
            Vec::new(),
        ),
        AppError::SignInRequired { .. }
        | AppError::SessionExpired { .. }
        | AppError::Unauthorized
        | AppError::Denied(Denied::NotSignedIn) => (
            Some("unauthorized"),
            tr.t("problem-unauthorized"),
            tr.t("problem-unauthorized-detail"),
            Vec::new(),
        ),
        AppError::Denied(why) => (
            Some("forbidden"),
            tr.t("problem-forbidden"),
            tr.t(crate::pages::errors::denied_message(*why)),
            Vec::new(),
        ),
        AppError::CrossSite | AppError::CsrfRejected | AppError::Resubmit { .. } => (
            Some("forbidden"),
            tr.t("problem-forbidden"),
            tr.t("error-csrf-body"),
            Vec::new(),
        ),
        AppError::Conflict(what) => (
            Some("conflict"),
            tr.t("problem-conflict"),
            tr.t(&format!("conflict-{what}")),
            Vec::new(),
        ),
        AppError::TooManyRequests { retry_after } => (
            Some("rate-limited"),
            tr.t("problem-rate-limited"),
            tr.args(
                "problem-rate-limited-detail",
                &[("seconds", Value::from(*retry_after))],
            ),
            Vec::new(),
        ),
    };
    Problem {
        type_: kind.map_or_else(
            || "about:blank".to_owned(),
            |k| format!("{base}/api#problem-{k}"),
        ),
        title,
        status: status.as_u16(),
        detail,
        instance: uri.path().to_owned(),
        errors,
    }
}

pub fn render(state: &AppState, lang: Lang, uri: &Uri, error: &AppError) -> Response {
    let body = serde_json::to_vec(&problem(state, lang, uri, error)).unwrap_or_default();
    let mut response = (error.status(), body).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    h.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    response
}
