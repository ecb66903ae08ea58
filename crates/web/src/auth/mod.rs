//! Who is making a request. One middleware ([`authenticate`]) reads the session cookie (pages)
//! or the bearer token (API) once per request and leaves an [`Auth`] in the request; handlers
//! take it through the extractors in [`extract`] and ask the domain's policy module what it
//! allows.

pub mod cookies;
pub mod csrf;
pub mod extract;
pub mod mutations;
pub mod signin;
pub mod upload;

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use hiroba_domain::policy::Actor;
use hiroba_store::users::User;

pub const SESSION_COOKIE: &str = "hiroba_session";

#[derive(Clone, Debug)]
pub enum Auth {
    Anonymous,
    /// A session cookie that is no longer valid; whose it was, so a form posted with it can be
    /// kept for that person.
    Expired {
        user_id: Option<i64>,
    },
    Session {
        user: User,
        actor: Actor,
        session_key: String,
    },
    Token {
        user: User,
        actor: Actor,
    },
    /// A bearer token that is unknown or revoked.
    BadToken,
}

impl Auth {
    pub fn signed_in(&self) -> Option<(&User, &Actor)> {
        match self {
            Auth::Session { user, actor, .. } | Auth::Token { user, actor } => Some((user, actor)),
            _ => None,
        }
    }

    pub fn actor(&self) -> Option<&Actor> {
        self.signed_in().map(|(_, a)| a)
    }

    pub fn user(&self) -> Option<&User> {
        self.signed_in().map(|(u, _)| u)
    }
}

/// Reads the credentials of a request into an [`Auth`]. API requests use bearer tokens only
/// (so they need no CSRF protection); pages use the session cookie only.
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let auth = if is_api {
        match request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
        {
            None => Ok(Auth::Anonymous),
            Some(value) => from_bearer(&state, value).await,
        }
    } else {
        match cookies::read(request.headers(), SESSION_COOKIE) {
            None => Ok(Auth::Anonymous),
            Some(token) => from_session(&state, &token).await,
        }
    };
    match auth {
        Ok(auth) => {
            request.extensions_mut().insert(auth);
            next.run(request).await
        }
        Err(e) => e.into_response(),
    }
}

async fn from_bearer(state: &AppState, value: &str) -> Result<Auth, crate::errors::AppError> {
    let Some(secret) = value.strip_prefix("Bearer ").map(str::trim) else {
        return Ok(Auth::BadToken);
    };
    let Some(token) = state
        .store
        .api_tokens()
        .authenticate(&hiroba_auth::digest(secret))
        .await?
    else {
        return Ok(Auth::BadToken);
    };
    let Some(user) = state.store.users().get(token.user_id).await? else {
        return Ok(Auth::BadToken);
    };
    let Some(actor) = state
        .store
        .users()
        .actor(user.id, Some(token.scope))
        .await?
    else {
        return Ok(Auth::BadToken);
    };
    Ok(Auth::Token { user, actor })
}

async fn from_session(state: &AppState, token: &str) -> Result<Auth, crate::errors::AppError> {
    let key = hiroba_auth::digest(token);
    let Some(session) = state.store.sessions().find(&key).await? else {
        return Ok(Auth::Expired { user_id: None });
    };
    let now = Utc::now();
    let idle = chrono::Duration::from_std(state.config.session_idle)
        .unwrap_or(chrono::Duration::hours(12));
    if session.expires_at <= now || session.last_seen_at + idle <= now {
        state.store.sessions().delete(&key).await?;
        return Ok(Auth::Expired {
            user_id: Some(session.user_id),
        });
    }
    // Written at most every five minutes, not on every request.
    if now - session.last_seen_at > chrono::Duration::minutes(5) {
        state.store.sessions().touch(&key, now).await?;
    }
    let (Some(user), Some(actor)) = (
        state.store.users().get(session.user_id).await?,
        state.store.users().actor(session.user_id, None).await?,
    ) else {
        return Ok(Auth::Expired { user_id: None });
    };
    Ok(Auth::Session {
        user,
        actor,
        session_key: key,
    })
}
