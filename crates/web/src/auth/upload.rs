//! Forms that carry a file (documents, logos): the same checks as [`super::extract::Post`]
//! — Fetch Metadata, the CSRF token, a live session — over a multipart body. A file cannot be
//! kept in a draft, so when the session has expired only the typed fields survive and the
//! person is told to choose the file again.

use super::extract::{Ctx, SignedIn, keep_draft, with_query};
use super::{Auth, csrf};
use crate::AppState;
use crate::actions::documents::UploadedFile;
use crate::errors::AppError;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Multipart, Request};
use axum::http::Method;
use serde::de::DeserializeOwned;

/// The largest body an upload route accepts: the largest file allowed plus room for the form.
/// Anything bigger is cut off and reported as too large, not as an error page.
pub const BODY_LIMIT: usize = 11 * 1024 * 1024;

pub struct Upload<T> {
    pub who: SignedIn,
    pub form: T,
    /// The first non-empty file field.
    pub file: Option<UploadedFile>,
    /// The body went past [`BODY_LIMIT`]: the file is not here.
    pub too_large: bool,
    pub ctx: Ctx,
}

struct Read {
    pairs: Vec<(String, String)>,
    file: Option<UploadedFile>,
    too_large: bool,
}

async fn read(mut multipart: Multipart) -> Read {
    let mut out = Read {
        pairs: Vec::new(),
        file: None,
        too_large: false,
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                out.too_large = e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE;
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(filename) => match field.bytes().await {
                Ok(bytes) if !bytes.is_empty() && out.file.is_none() => {
                    out.file = Some(UploadedFile {
                        filename,
                        bytes: bytes.to_vec(),
                    })
                }
                Ok(_) => {}
                Err(e) => {
                    out.too_large = e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE;
                    break;
                }
            },
            None => match field.text().await {
                Ok(text) => out.pairs.push((name, text)),
                Err(_) => break,
            },
        }
    }
    out
}

impl<T, S> FromRequest<S> for Upload<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let app = AppState::from_ref(state);
        let (mut parts, body) = req.into_parts();
        let ctx = Ctx::from_request_parts(&mut parts, state).await?;
        if parts.method != Method::POST {
            return Err(AppError::Status(axum::http::StatusCode::METHOD_NOT_ALLOWED));
        }
        if !csrf::same_origin(&parts.headers, &app.config.base_url) {
            return Err(AppError::CrossSite);
        }
        let headers = parts.headers.clone();
        let multipart = Multipart::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| AppError::Status(axum::http::StatusCode::BAD_REQUEST))?;
        let read = read(multipart).await;
        let submitted = read
            .pairs
            .iter()
            .find(|(k, _)| k == csrf::FIELD)
            .map(|(_, v)| v.as_str());
        let csrf_ok = csrf::token_matches(&headers, submitted);
        let path = ctx.uri.path().to_owned();
        match &ctx.auth {
            Auth::Session { user, actor, .. } if csrf_ok => {
                let encoded = serde_html_form::to_string(&read.pairs).unwrap_or_default();
                let form = serde_html_form::from_str(&encoded).map_err(|e| {
                    tracing::debug!(error = %e, "unreadable upload form");
                    AppError::Status(axum::http::StatusCode::BAD_REQUEST)
                })?;
                Ok(Upload {
                    who: SignedIn {
                        user: user.clone(),
                        actor: actor.clone(),
                    },
                    form,
                    file: read.file,
                    too_large: read.too_large,
                    ctx,
                })
            }
            Auth::Session { user, .. } => {
                let draft = keep_draft(&app, Some(user.id), &ctx, &read.pairs).await?;
                Err(AppError::Resubmit {
                    location: with_query(
                        &path,
                        &[
                            ("notice", "upload-expired"),
                            ("draft", draft.as_deref().unwrap_or("")),
                        ],
                    ),
                })
            }
            Auth::Expired { user_id: Some(id) } if csrf_ok => {
                let draft = keep_draft(&app, Some(*id), &ctx, &read.pairs).await?;
                Err(AppError::SessionExpired {
                    next: with_query(
                        &path,
                        &[
                            ("notice", "upload-expired"),
                            ("draft", draft.as_deref().unwrap_or("")),
                        ],
                    ),
                })
            }
            _ => Err(AppError::SessionExpired { next: path }),
        }
    }
}
