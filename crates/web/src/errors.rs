//! One error type for every handler. A handler's error becomes an empty response carrying an
//! [`ErrorMarker`]; the [`render_errors`] middleware, which knows the request's language and
//! whether it is an API call, turns it into an HTML page or an RFC 9457 problem. Rejections and
//! statuses produced by the framework (405, unmatched routes, panics) go the same way, so no
//! error reaches a client unexplained.

use crate::AppState;
use crate::lang::negotiate;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::policy::Denied;
use hiroba_store::StoreError;
use std::sync::Arc;

/// What kind of thing was not found, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Page,
    Portal,
    Organisation,
}

#[derive(Debug)]
pub enum AppError {
    NotFound(Missing),
    /// The request's parameters or fields are wrong; each names its field.
    Invalid(FieldErrors),
    /// Another client error with just a status (e.g. 405).
    Status(StatusCode),
    Internal(String),
    /// A page that needs a signed-in person; `next` is where to return.
    SignInRequired {
        next: String,
    },
    /// A form was posted after the session ended; `next` returns to it (with its draft).
    SessionExpired {
        next: String,
    },
    /// Send the browser back to a form to submit it again (stale CSRF token).
    Resubmit {
        location: String,
    },
    /// The policy module said no.
    Denied(Denied),
    /// A state-changing request from another site.
    CrossSite,
    /// A public form (sign-in, reset) posted without a valid token.
    CsrfRejected,
    /// An API call without a valid bearer token.
    Unauthorized,
    /// The change conflicts with the current state (e.g. "last_owner", "claim").
    Conflict(&'static str),
    /// An API client over its rate limit; it may try again after this many seconds.
    TooManyRequests {
        retry_after: i64,
    },
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::Status(s) => *s,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::SignInRequired { .. }
            | AppError::SessionExpired { .. }
            | AppError::Resubmit { .. } => StatusCode::SEE_OTHER,
            AppError::Denied(Denied::NotSignedIn) | AppError::Unauthorized => {
                StatusCode::UNAUTHORIZED
            }
            AppError::Denied(_) | AppError::CrossSite | AppError::CsrfRejected => {
                StatusCode::FORBIDDEN
            }
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    /// Where a page request should be redirected instead of shown an error.
    pub fn redirect(&self) -> Option<String> {
        match self {
            AppError::SignInRequired { next } => Some(crate::auth::extract::with_query(
                "/signin",
                &[("next", next.as_str())],
            )),
            AppError::SessionExpired { next } => Some(crate::auth::extract::with_query(
                "/signin",
                &[("next", next.as_str()), ("notice", "session-expired")],
            )),
            AppError::Resubmit { location } => Some(location.clone()),
            AppError::Denied(Denied::NotSignedIn) => Some("/signin".into()),
            _ => None,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound(Missing::Page),
            StoreError::Conflict(what) => AppError::Conflict(what),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

/// Carried in the response extensions until [`render_errors`] renders it.
#[derive(Clone)]
pub struct ErrorMarker(pub Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let mut response = self.status().into_response();
        response
            .extensions_mut()
            .insert(ErrorMarker(Arc::new(self)));
        response
    }
}

pub async fn render_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let lang = negotiate(request.uri(), request.headers());
    let uri = request.uri().clone();
    // Data documents outside the API (JSON-LD) explain their errors as problems too.
    let is_api = uri.path().starts_with("/api/") || uri.path().ends_with(".jsonld");
    let response = next.run(request).await;
    let status = response.status();
    let marker = response.extensions().get::<ErrorMarker>().cloned();
    let error: Arc<AppError> = match marker {
        Some(m) => m.0,
        // A framework response (rejection, 405, timeout…) that has not been explained yet.
        None if status.is_client_error() || status.is_server_error() => {
            if already_explained(&response) {
                return response;
            }
            Arc::new(AppError::Status(status))
        }
        None => return response,
    };
    let mut rendered = if is_api {
        crate::api::problem::render(&state, lang, &uri, &error)
    } else if let Some(location) = error.redirect() {
        let mut r = StatusCode::SEE_OTHER.into_response();
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        r
    } else {
        crate::pages::errors::render(&state, lang, &uri, &error)
    };
    if is_api && error.status() == StatusCode::UNAUTHORIZED {
        rendered
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    *rendered.status_mut() = error.status();
    // Keep headers such as Allow (405), Retry-After and the API's rate limits.
    let kept = [header::ALLOW, header::RETRY_AFTER];
    for name in kept.into_iter().chain(crate::api::rate_limit::HEADERS) {
        if let Some(v) = response.headers().get(&name) {
            rendered.headers_mut().insert(name, v.clone());
        }
    }
    rendered
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    rendered
}

fn already_explained(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/problem+json"))
}

impl AppError {
    /// For the panic handler, which needs a response with a plain body type.
    pub fn into_response_for_panic(self) -> Response {
        self.into_response()
    }
}
