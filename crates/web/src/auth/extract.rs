//! What handlers take from a request: the page context, the signed-in person, and posted forms
//! that have passed the CSRF checks.

use super::Auth;
use super::csrf::{self, CsrfToken};
use crate::AppState;
use crate::errors::AppError;
use crate::lang::negotiate;
use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, FromRequestParts, OriginalUri, Request};
use axum::http::request::Parts;
use axum::http::{Method, Uri};
use hiroba_domain::policy::{Action, Actor, authorize};
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_i18n::Lang;
use hiroba_store::users::User;
use serde::de::DeserializeOwned;

/// Everything a page needs to know about its request.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub lang: Lang,
    pub uri: Uri,
    pub auth: Auth,
    pub csrf: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map(|u| u.0.clone())
            .unwrap_or_else(|| parts.uri.clone());
        Ok(Ctx {
            lang: negotiate(&uri, &parts.headers),
            auth: parts
                .extensions
                .get::<Auth>()
                .cloned()
                .unwrap_or(Auth::Anonymous),
            csrf: parts
                .extensions
                .get::<CsrfToken>()
                .map(|t| t.0.clone())
                .unwrap_or_default(),
            uri,
        })
    }
}

/// A signed-in person (session or API token) with their roles.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub user: User,
    pub actor: Actor,
}

impl SignedIn {
    /// Asks the policy module; a refusal becomes the matching error response.
    pub fn authorize(&self, action: &Action<'_>) -> Result<(), AppError> {
        authorize(Some(&self.actor), action).map_err(AppError::Denied)
    }

    pub fn by(&self) -> hiroba_store::By {
        hiroba_store::By::user(self.user.id)
    }
}

fn signed_in(auth: &Auth, uri: &Uri) -> Result<SignedIn, AppError> {
    match auth {
        Auth::Session { user, actor, .. } | Auth::Token { user, actor } => Ok(SignedIn {
            user: user.clone(),
            actor: actor.clone(),
        }),
        Auth::BadToken => Err(AppError::Unauthorized),
        _ => Err(AppError::SignInRequired {
            next: path_and_query(uri),
        }),
    }
}

fn path_and_query(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| uri.path().to_owned())
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let ctx = Ctx::from_request_parts(parts, state).await?;
        signed_in(&ctx.auth, &ctx.uri)
    }
}

/// Fields never kept in a draft.
fn keepable(name: &str) -> bool {
    name != csrf::FIELD && !name.contains("password")
}

/// A form posted by a signed-in person, with its CSRF checks passed. If the session expired or
/// the token is stale, what was typed is kept as a draft and the person is sent to sign in (or
/// back to the form) to finish, so nothing is lost.
pub struct Post<T> {
    pub who: SignedIn,
    pub form: T,
    pub ctx: Ctx,
}

/// A form anyone may post (sign-in, sign-up, password reset), with its CSRF checks passed.
pub struct PublicPost<T> {
    pub form: T,
    pub ctx: Ctx,
}

struct Posted {
    ctx: Ctx,
    pairs: Vec<(String, String)>,
    bytes: Bytes,
    csrf_ok: bool,
}

async fn read_post<S: Send + Sync>(req: Request, state: &S) -> Result<Posted, AppError>
where
    AppState: FromRef<S>,
{
    let app = AppState::from_ref(state);
    let (mut parts, body) = req.into_parts();
    let ctx = Ctx::from_request_parts(&mut parts, state).await?;
    if parts.method != Method::POST {
        return Err(AppError::Status(axum::http::StatusCode::METHOD_NOT_ALLOWED));
    }
    let same_origin = csrf::same_origin(&parts.headers, &app.config.base_url);
    let bytes = axum::body::to_bytes(body, 1024 * 1024)
        .await
        .map_err(|_| AppError::Status(axum::http::StatusCode::PAYLOAD_TOO_LARGE))?;
    if !same_origin {
        // Another site posting here: refuse without keeping anything.
        return Err(AppError::CrossSite);
    }
    let pairs: Vec<(String, String)> = serde_html_form::from_bytes(&bytes).unwrap_or_default();
    let submitted = pairs
        .iter()
        .find(|(k, _)| k == csrf::FIELD)
        .map(|(_, v)| v.as_str());
    let csrf_ok = csrf::token_matches(&parts.headers, submitted);
    Ok(Posted {
        ctx,
        pairs,
        bytes,
        csrf_ok,
    })
}

fn parse<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, AppError> {
    serde_html_form::from_bytes(bytes).map_err(|e| {
        tracing::debug!(error = %e, "unreadable form");
        let mut errs = FieldErrors::new();
        errs.push("form", Invalid::UnknownChoice);
        AppError::Invalid(errs)
    })
}

pub(super) async fn keep_draft(
    app: &AppState,
    user_id: Option<i64>,
    ctx: &Ctx,
    pairs: &[(String, String)],
) -> Result<Option<String>, AppError> {
    let kept: Vec<(String, String)> = pairs.iter().filter(|(k, _)| keepable(k)).cloned().collect();
    if kept.is_empty() {
        return Ok(None);
    }
    let id = hiroba_auth::new_token();
    let expires = chrono::Utc::now() + chrono::Duration::hours(1);
    app.store
        .drafts()
        .save(&id, user_id, ctx.uri.path(), &kept, expires)
        .await?;
    Ok(Some(id))
}

impl<T, S> FromRequest<S> for Post<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let app = AppState::from_ref(state);
        let posted = read_post(req, state).await?;
        let path = posted.ctx.uri.path().to_owned();
        match &posted.ctx.auth {
            Auth::Session { user, actor, .. } if posted.csrf_ok => Ok(Post {
                who: SignedIn {
                    user: user.clone(),
                    actor: actor.clone(),
                },
                form: parse(&posted.bytes)?,
                ctx: posted.ctx,
            }),
            // Signed in but the token is stale (e.g. signed in again in another tab): keep what
            // was typed and show the form again with it.
            Auth::Session { user, .. } => {
                let draft = keep_draft(&app, Some(user.id), &posted.ctx, &posted.pairs).await?;
                Err(AppError::Resubmit {
                    location: with_query(
                        &path,
                        &[
                            ("notice", "form-expired"),
                            ("draft", draft.as_deref().unwrap_or("")),
                        ],
                    ),
                })
            }
            // The session ran out while the form was being filled in: keep it for that person
            // (only if this browser really filled it in) and ask them to sign in again.
            Auth::Expired { user_id: Some(id) } if posted.csrf_ok => {
                let draft = keep_draft(&app, Some(*id), &posted.ctx, &posted.pairs).await?;
                Err(AppError::SessionExpired {
                    next: with_query(&path, &[("draft", draft.as_deref().unwrap_or(""))]),
                })
            }
            _ => Err(AppError::SessionExpired { next: path }),
        }
    }
}

impl<T, S> FromRequest<S> for PublicPost<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let posted = read_post(req, state).await?;
        if !posted.csrf_ok {
            return Err(AppError::CsrfRejected);
        }
        Ok(PublicPost {
            form: parse(&posted.bytes)?,
            ctx: posted.ctx,
        })
    }
}

/// `path?k=v&…`, leaving out empty values.
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let pairs: Vec<&(&str, &str)> = pairs.iter().filter(|(_, v)| !v.is_empty()).collect();
    if pairs.is_empty() {
        path.to_owned()
    } else {
        format!(
            "{path}?{}",
            serde_html_form::to_string(pairs).unwrap_or_default()
        )
    }
}

/// The person behind an API request (bearer token); anonymous callers get 401.
pub struct ApiUser(pub SignedIn);

impl<S: Send + Sync> FromRequestParts<S> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let ctx = Ctx::from_request_parts(parts, state).await?;
        match &ctx.auth {
            Auth::Token { user, actor } => Ok(ApiUser(SignedIn {
                user: user.clone(),
                actor: actor.clone(),
            })),
            _ => Err(AppError::Unauthorized),
        }
    }
}

/// A JSON body; an unreadable one is a 400 problem naming `body`, never a framework error.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, _: &S) -> Result<Self, AppError> {
        let bytes = axum::body::to_bytes(req.into_body(), 1024 * 1024)
            .await
            .map_err(|_| AppError::Status(axum::http::StatusCode::PAYLOAD_TOO_LARGE))?;
        serde_json::from_slice(&bytes).map(ApiJson).map_err(|e| {
            tracing::debug!(error = %e, "unreadable JSON body");
            let mut errs = FieldErrors::new();
            errs.push("body", Invalid::UnknownChoice);
            AppError::Invalid(errs)
        })
    }
}

/// The client's address, for rate limits.
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp
where
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let app = AppState::from_ref(state);
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0);
        Ok(ClientIp(super::signin::client_ip(
            &parts.headers,
            peer,
            app.config.trust_forwarded_for,
        )))
    }
}
