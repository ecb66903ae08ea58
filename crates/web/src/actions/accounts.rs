//! Sign-up, e-mail verification, password reset and account changes.

use super::mail::{link, send, user_lang};
use crate::AppState;
use crate::auth::signin;
use crate::errors::{AppError, AppResult};
use chrono::{Duration, Utc};
use hiroba_domain::FieldErrors;
use hiroba_domain::accounts::SignUp;
use hiroba_i18n::Lang;
use hiroba_mail::Mail;
use hiroba_store::account_tokens::{Purpose, TokenProblem};
use hiroba_store::users::{NewUser, User};
use hiroba_store::{By, StoreError};

pub const VERIFY_HOURS: i64 = 24;
pub const RESET_MINUTES: i64 = 60;

/// Argon2 is deliberately slow: run it off the async workers.
pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || hiroba_auth::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn verify_password(password: String, hash: Option<String>) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || match hash {
        Some(h) => hiroba_auth::verify_password(&password, &h),
        None => {
            hiroba_auth::verify_against_nothing(&password);
            false
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// Creates an unverified account and mails a confirmation link. If the address already has an
/// account, its owner is told by mail instead; the caller sees the same outcome either way, so
/// sign-up cannot be used to find out who has an account.
pub async fn sign_up(state: &AppState, s: &SignUp, lang: Lang) -> AppResult<()> {
    if let Some(existing) = state.store.users().by_email(s.email.as_str()).await? {
        let limit = [(signin::MAIL_PER_ACCOUNT, existing.email.as_str())];
        if signin::attempt(state, &limit).await?.is_ok() {
            let mail = Mail::AlreadyRegistered {
                signin_link: link(state, "/signin"),
                reset_link: link(state, "/password/forgot"),
            };
            send(state, &existing.email, user_lang(&existing.lang), mail).await;
        }
        return Ok(());
    }
    let hash = hash_password(s.password.clone()).await?;
    let created = state
        .store
        .users()
        .create(
            &NewUser {
                email: s.email.as_str(),
                display_name: &s.display_name,
                password_hash: &hash,
                lang: lang.code(),
                verified: false,
                platform_admin: false,
            },
            By::SYSTEM,
        )
        .await;
    match created {
        Ok(user) => send_verification(state, &user).await,
        // Two sign-ups with one address at once: the second is told like any existing account.
        Err(StoreError::Conflict(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Records a single-use link for `user` (replacing older ones of the same purpose) and returns
/// its URL; only the digest of the token is stored.
async fn issue_link(
    state: &AppState,
    user: &User,
    purpose: Purpose,
    new_email: Option<&str>,
    valid_for: Duration,
    path: &str,
) -> AppResult<String> {
    let token = hiroba_auth::new_token();
    let now = Utc::now();
    state
        .store
        .account_tokens()
        .issue(
            user.id,
            purpose,
            &hiroba_auth::digest(&token),
            new_email,
            now,
            now + valid_for,
        )
        .await?;
    Ok(link(state, &format!("{path}?token={token}")))
}

pub async fn send_verification(state: &AppState, user: &User) -> AppResult<()> {
    let url = issue_link(
        state,
        user,
        Purpose::VerifyEmail,
        None,
        Duration::hours(VERIFY_HOURS),
        "/verify-email",
    )
    .await?;
    send(
        state,
        &user.email,
        user_lang(&user.lang),
        Mail::VerifyEmail { link: url },
    )
    .await;
    Ok(())
}

/// Confirms an address from its link; returns the account to sign in.
pub async fn verify_email(state: &AppState, token: &str) -> AppResult<Result<User, TokenProblem>> {
    let used = state
        .store
        .account_tokens()
        .consume(
            &hiroba_auth::digest(token),
            Purpose::VerifyEmail,
            Utc::now(),
        )
        .await?;
    match used {
        Ok(t) => {
            state.store.users().mark_verified(t.user_id).await?;
            Ok(Ok(state
                .store
                .users()
                .get(t.user_id)
                .await?
                .ok_or(AppError::NotFound(crate::errors::Missing::Page))?))
        }
        Err(p) => Ok(Err(p)),
    }
}

/// Mails a reset link if the address has an account; says nothing either way.
pub async fn request_reset(state: &AppState, email: &str) -> AppResult<()> {
    let Some(user) = state.store.users().by_email(email).await? else {
        return Ok(());
    };
    let url = issue_link(
        state,
        &user,
        Purpose::ResetPassword,
        None,
        Duration::minutes(RESET_MINUTES),
        "/password/reset",
    )
    .await?;
    send(
        state,
        &user.email,
        user_lang(&user.lang),
        Mail::ResetPassword { link: url },
    )
    .await;
    Ok(())
}

/// Sets a new password from a reset link, once; every session of the account ends.
pub async fn reset_password(
    state: &AppState,
    token: &str,
    password: &str,
    confirmation: &str,
) -> AppResult<Result<Result<User, FieldErrors>, TokenProblem>> {
    let digest = hiroba_auth::digest(token);
    let now = Utc::now();
    let pending = match state
        .store
        .account_tokens()
        .check(&digest, Purpose::ResetPassword, now)
        .await?
    {
        Ok(t) => t,
        Err(p) => return Ok(Err(p)),
    };
    let user = state
        .store
        .users()
        .get(pending.user_id)
        .await?
        .ok_or(AppError::NotFound(crate::errors::Missing::Page))?;
    if let Err(errs) =
        hiroba_domain::accounts::check_new_password(password, confirmation, &user.email)
    {
        return Ok(Ok(Err(errs)));
    }
    if let Err(p) = state
        .store
        .account_tokens()
        .consume(&digest, Purpose::ResetPassword, now)
        .await?
    {
        return Ok(Err(p));
    }
    let hash = hash_password(password.to_owned()).await?;
    state
        .store
        .users()
        .set_password(user.id, &hash, By::user(user.id))
        .await?;
    // Whoever can read the mailbox controls the account; the address is confirmed too.
    if !user.email_verified {
        state.store.users().mark_verified(user.id).await?;
    }
    Ok(Ok(Ok(user)))
}

/// Starts an address change: the link goes to the new address. A taken address gets the
/// "already registered" mail instead, so the form does not reveal who has an account.
pub async fn request_email_change(state: &AppState, user: &User, new_email: &str) -> AppResult<()> {
    if let Some(existing) = state.store.users().by_email(new_email).await? {
        if existing.id != user.id {
            let mail = Mail::AlreadyRegistered {
                signin_link: link(state, "/signin"),
                reset_link: link(state, "/password/forgot"),
            };
            send(state, &existing.email, user_lang(&existing.lang), mail).await;
        }
        return Ok(());
    }
    let url = issue_link(
        state,
        user,
        Purpose::ChangeEmail,
        Some(new_email),
        Duration::hours(VERIFY_HOURS),
        "/account/email/confirm",
    )
    .await?;
    send(
        state,
        new_email,
        user_lang(&user.lang),
        Mail::ChangeEmail { link: url },
    )
    .await;
    Ok(())
}

/// Completes an address change from its link and tells the old address.
pub async fn confirm_email_change(
    state: &AppState,
    token: &str,
) -> AppResult<Result<User, TokenProblem>> {
    let used = state
        .store
        .account_tokens()
        .consume(
            &hiroba_auth::digest(token),
            Purpose::ChangeEmail,
            Utc::now(),
        )
        .await?;
    let t = match used {
        Ok(t) => t,
        Err(p) => return Ok(Err(p)),
    };
    let Some(new_email) = t.new_email else {
        return Ok(Err(TokenProblem::Unknown));
    };
    let old = state
        .store
        .users()
        .get(t.user_id)
        .await?
        .ok_or(AppError::NotFound(crate::errors::Missing::Page))?;
    state
        .store
        .users()
        .set_email(t.user_id, &new_email, By::user(t.user_id))
        .await?;
    send(
        state,
        &old.email,
        user_lang(&old.lang),
        Mail::EmailChanged {
            new_email: new_email.clone(),
        },
    )
    .await;
    Ok(Ok(state
        .store
        .users()
        .get(t.user_id)
        .await?
        .ok_or(AppError::NotFound(crate::errors::Missing::Page))?))
}
