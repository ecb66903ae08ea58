//! Signing up, confirming the address, signing in and out, and resetting a forgotten password.

use super::forms::{FormPage, MessagePage};
use crate::AppState;
use crate::actions::accounts as act;
use crate::auth::extract::{ClientIp, Ctx, PublicPost, with_query};
use crate::auth::{Auth, signin};
use crate::errors::AppResult;
use crate::lang::safe_next;
use crate::page::{PageCtx, Tr};
use crate::views::forms::{Field, Section, summary};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::accounts::SignUpInput;
use hiroba_i18n::Lang;
use hiroba_store::account_tokens::TokenProblem;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkQuery {
    pub next: String,
    pub token: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
    pub next: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailForm {
    pub email: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    pub token: String,
    pub password: String,
    pub password_confirmation: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct NoFields {}

/// A redirect that also sets cookies.
pub fn redirect_with_cookies(location: &str, cookies: Vec<HeaderValue>) -> Response {
    let mut response = Redirect::to(location).into_response();
    for c in cookies {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

fn lang_cookie(state: &AppState, lang: &str) -> HeaderValue {
    crate::auth::cookies::set(
        crate::lang::COOKIE,
        lang,
        365 * 24 * 3600,
        state.config.secure_cookies,
    )
}

/// Starts a session for `user` and sends them on.
async fn signed_in_redirect(
    state: &AppState,
    user: &hiroba_store::users::User,
    location: &str,
    headers: &axum::http::HeaderMap,
) -> AppResult<Response> {
    let mut cookies =
        signin::start_session(state, user.id, signin::user_agent(headers).as_deref()).await?;
    cookies.push(lang_cookie(state, &user.lang));
    Ok(redirect_with_cookies(location, cookies))
}

fn too_many(tr: &Tr<'_>, seconds: i64) -> String {
    tr.tn("signin-too-many", "minutes", (seconds + 59) / 60)
}

// --- sign-up ---

fn signup_form<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    input: &SignUpInput,
    errors: &FieldErrors,
) -> FormPage<'a> {
    let page = PageCtx::from_ctx(
        ctx,
        &state.i18n,
        state.i18n.message(ctx.lang, "signup-title", &[]),
    );
    let tr = page.tr;
    let lang = if input.lang.is_empty() {
        ctx.lang.code().to_owned()
    } else {
        input.lang.clone()
    };
    let mut form = FormPage::new(page, "/signup", tr.t("signup-submit"));
    form.intro = vec![tr.t("signup-lead")];
    form.summary = summary(&tr, errors);
    form.sections = vec![Section {
        anchor: "",
        title: String::new(),
        fields: vec![
            Field::new(&tr, errors, "display_name", "text", &input.display_name)
                .required()
                .autocomplete("name")
                .hint(tr.t("signup-name-hint")),
            Field::new(&tr, errors, "email", "email", &input.email)
                .required()
                .autocomplete("email")
                .inputmode("email"),
            Field::new(&tr, errors, "password", "password", "")
                .required()
                .autocomplete("new-password")
                .hint(tr.t("password-hint")),
            Field::new(&tr, errors, "password_confirmation", "password", "")
                .required()
                .autocomplete("new-password"),
            Field::new(&tr, errors, "lang", "select", "").choices(
                [
                    ("ja".to_owned(), "日本語".to_owned()),
                    ("en".to_owned(), "English".to_owned()),
                ],
                &[lang],
            ),
        ],
    }];
    form.links = vec![(tr.t("signup-have-account"), "/signin".into())];
    form
}

pub async fn signup_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if ctx.auth.user().is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    signup_form(&state, &ctx, &SignUpInput::default(), &FieldErrors::new()).render(StatusCode::OK)
}

pub async fn signup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    post: PublicPost<SignUpInput>,
) -> AppResult<Response> {
    let (input, ctx) = (post.form, post.ctx);
    let tr = Tr::new(ctx.lang, &state.i18n);
    if let Err(wait) = signin::attempt(&state, &[(signin::SIGNUP_PER_ADDRESS, &ip)]).await? {
        let mut form = signup_form(&state, &ctx, &input, &FieldErrors::new());
        form.problem = Some(too_many(&tr, wait));
        return form.render(StatusCode::TOO_MANY_REQUESTS);
    }
    let valid = match input.validate() {
        Ok(v) => v,
        Err(errors) => {
            return signup_form(&state, &ctx, &input, &errors).render(StatusCode::BAD_REQUEST);
        }
    };
    let lang = Lang::parse(&input.lang).unwrap_or(ctx.lang);
    act::sign_up(&state, &valid, lang).await?;
    let page = PageCtx::from_ctx(&ctx, &state.i18n, tr.t("signup-sent-title"));
    MessagePage::new(
        page,
        vec![
            tr.ts(
                "signup-sent-body",
                "email",
                &hiroba_store::users::email_key(valid.email.as_str()),
            ),
            tr.t("signup-sent-hint"),
        ],
    )
    .render(StatusCode::OK)
}

// --- verification ---

fn token_problem_text(tr: &Tr<'_>, problem: TokenProblem) -> String {
    tr.t(match problem {
        TokenProblem::Unknown => "token-unknown",
        TokenProblem::Expired => "token-expired",
        TokenProblem::Used => "token-used",
    })
}

fn resend_form<'a>(state: &'a AppState, ctx: &'a Ctx, problem: Option<String>) -> FormPage<'a> {
    let page = PageCtx::from_ctx(
        ctx,
        &state.i18n,
        state.i18n.message(ctx.lang, "verify-resend-title", &[]),
    );
    let tr = page.tr;
    let mut form = FormPage::new(page, "/verify-email/resend", tr.t("verify-resend-submit"));
    form.problem = problem;
    form.intro = vec![tr.t("verify-resend-lead")];
    form.sections = vec![Section {
        anchor: "",
        title: String::new(),
        fields: vec![
            Field::new(&tr, &FieldErrors::new(), "email", "email", "")
                .required()
                .autocomplete("email"),
        ],
    }];
    form
}

pub async fn verify_email(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Query(q): Query<LinkQuery>,
) -> AppResult<Response> {
    match act::verify_email(&state, q.token.trim()).await? {
        Ok(user) => {
            signed_in_redirect(&state, &user, "/account?notice=email-verified", &headers).await
        }
        Err(problem) => {
            let tr = Tr::new(ctx.lang, &state.i18n);
            resend_form(&state, &ctx, Some(token_problem_text(&tr, problem)))
                .render(StatusCode::BAD_REQUEST)
        }
    }
}

pub async fn resend_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    resend_form(&state, &ctx, None).render(StatusCode::OK)
}

pub async fn resend_verification(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    post: PublicPost<EmailForm>,
) -> AppResult<Response> {
    let ctx = post.ctx;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let email = post.form.email.trim().to_lowercase();
    let limits = [
        (signin::MAIL_PER_ACCOUNT, email.as_str()),
        (signin::SIGNUP_PER_ADDRESS, ip.as_str()),
    ];
    if let Err(wait) = signin::attempt(&state, &limits).await? {
        return resend_form(&state, &ctx, Some(too_many(&tr, wait)))
            .render(StatusCode::TOO_MANY_REQUESTS);
    }
    let user = state.store.users().by_email(&email).await?;
    if let Some(user) = user.filter(|u| !u.email_verified) {
        act::send_verification(&state, &user).await?;
    }
    let page = PageCtx::from_ctx(&ctx, &state.i18n, tr.t("verify-resent-title"));
    MessagePage::new(page, vec![tr.t("verify-resent-body")]).render(StatusCode::OK)
}

// --- sign-in ---

fn signin_form<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    email: &str,
    next: &str,
    problem: Option<String>,
) -> FormPage<'a> {
    let page = PageCtx::from_ctx(
        ctx,
        &state.i18n,
        state.i18n.message(ctx.lang, "signin-title", &[]),
    );
    let tr = page.tr;
    let mut form = FormPage::new(page, "/signin", tr.t("signin-submit"));
    form.problem = problem;
    form.hidden = vec![("next".into(), next.to_owned())];
    let none = FieldErrors::new();
    form.sections = vec![Section {
        anchor: "",
        title: String::new(),
        fields: vec![
            Field::new(&tr, &none, "email", "email", email)
                .required()
                .autocomplete("username")
                .inputmode("email"),
            Field::new(&tr, &none, "password", "password", "")
                .required()
                .autocomplete("current-password"),
        ],
    }];
    form.links = vec![
        (tr.t("signin-forgot"), "/password/forgot".into()),
        (tr.t("signin-no-account"), "/signup".into()),
        (tr.t("verify-resend-title"), "/verify-email/resend".into()),
    ];
    form
}

pub async fn signin_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LinkQuery>,
) -> AppResult<Response> {
    if ctx.auth.user().is_some() {
        return Ok(Redirect::to(safe_next(
            Some(&q.next)
                .filter(|n| !n.is_empty())
                .map(|n| n.as_str())
                .or(Some("/account")),
        ))
        .into_response());
    }
    signin_form(&state, &ctx, "", &q.next, None).render(StatusCode::OK)
}

pub async fn signin(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    post: PublicPost<SignInForm>,
) -> AppResult<Response> {
    let (form, ctx) = (post.form, post.ctx);
    let tr = Tr::new(ctx.lang, &state.i18n);
    let email = form.email.trim().to_lowercase();
    for (limit, subject) in [
        (signin::SIGNIN_PER_ADDRESS, ip.as_str()),
        (signin::SIGNIN_PER_ACCOUNT, email.as_str()),
    ] {
        if let Some(wait) = signin::blocked(&state, limit, subject).await? {
            let mut response = signin_form(
                &state,
                &ctx,
                &form.email,
                &form.next,
                Some(too_many(&tr, wait)),
            )
            .render(StatusCode::TOO_MANY_REQUESTS)?;
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return Ok(response);
        }
    }
    let credentials = state.store.users().credentials(&email).await?;
    let hash = credentials.as_ref().map(|(_, h)| h.clone());
    let ok = act::verify_password(form.password.clone(), hash).await?;
    let Some((user, _)) = credentials.filter(|_| ok) else {
        signin::count(&state, signin::SIGNIN_PER_ADDRESS, &ip).await?;
        signin::count(&state, signin::SIGNIN_PER_ACCOUNT, &email).await?;
        // The same words whether the address is unknown or the password wrong.
        return signin_form(
            &state,
            &ctx,
            &form.email,
            &form.next,
            Some(tr.t("signin-failed")),
        )
        .render(StatusCode::UNAUTHORIZED);
    };
    signin::forget(&state, signin::SIGNIN_PER_ACCOUNT, &email).await?;
    let next = safe_next(
        Some(form.next.as_str())
            .filter(|n| !n.is_empty())
            .or(Some("/account")),
    )
    .to_owned();
    signed_in_redirect(&state, &user, &next, &headers).await
}

pub async fn signout(
    State(state): State<AppState>,
    post: PublicPost<NoFields>,
) -> AppResult<Response> {
    if let Auth::Session { session_key, .. } = &post.ctx.auth {
        state.store.sessions().delete(session_key).await?;
    }
    Ok(redirect_with_cookies(
        "/?notice=signed-out",
        signin::end_session_cookies(&state),
    ))
}

// --- password reset ---

fn forgot_form<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    email: &str,
    problem: Option<String>,
) -> FormPage<'a> {
    let page = PageCtx::from_ctx(
        ctx,
        &state.i18n,
        state.i18n.message(ctx.lang, "forgot-title", &[]),
    );
    let tr = page.tr;
    let mut form = FormPage::new(page, "/password/forgot", tr.t("forgot-submit"));
    form.intro = vec![tr.t("forgot-lead")];
    form.problem = problem;
    form.sections = vec![Section {
        anchor: "",
        title: String::new(),
        fields: vec![
            Field::new(&tr, &FieldErrors::new(), "email", "email", email)
                .required()
                .autocomplete("email"),
        ],
    }];
    form
}

pub async fn forgot_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    forgot_form(&state, &ctx, "", None).render(StatusCode::OK)
}

pub async fn forgot(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    post: PublicPost<EmailForm>,
) -> AppResult<Response> {
    let ctx = post.ctx;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let email = post.form.email.trim().to_lowercase();
    let limits = [
        (signin::RESET_PER_ADDRESS, ip.as_str()),
        (signin::RESET_PER_ACCOUNT, email.as_str()),
    ];
    if let Err(wait) = signin::attempt(&state, &limits).await? {
        return forgot_form(&state, &ctx, &post.form.email, Some(too_many(&tr, wait)))
            .render(StatusCode::TOO_MANY_REQUESTS);
    }
    if hiroba_domain::codes::Email::parse(&email).is_ok() {
        act::request_reset(&state, &email).await?;
    }
    let page = PageCtx::from_ctx(&ctx, &state.i18n, tr.t("forgot-sent-title"));
    MessagePage::new(page, vec![tr.t("forgot-sent-body")]).render(StatusCode::OK)
}

fn reset_form<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    token: &str,
    errors: &FieldErrors,
) -> FormPage<'a> {
    let page = PageCtx::from_ctx(
        ctx,
        &state.i18n,
        state.i18n.message(ctx.lang, "reset-title", &[]),
    );
    let tr = page.tr;
    let mut form = FormPage::new(page, "/password/reset", tr.t("reset-submit"));
    form.summary = summary(&tr, errors);
    form.hidden = vec![("token".into(), token.to_owned())];
    form.sections = vec![Section {
        anchor: "",
        title: String::new(),
        fields: vec![
            Field::new(&tr, errors, "password", "password", "")
                .required()
                .autocomplete("new-password")
                .hint(tr.t("password-hint")),
            Field::new(&tr, errors, "password_confirmation", "password", "")
                .required()
                .autocomplete("new-password"),
        ],
    }];
    form
}

fn token_problem_page<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    problem: TokenProblem,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let page = PageCtx::from_ctx(ctx, &state.i18n, tr.t("token-problem-title"));
    let mut msg = MessagePage::new(page, vec![token_problem_text(&tr, problem)]);
    msg.links = vec![(tr.t("forgot-title"), "/password/forgot".into())];
    msg.render(StatusCode::BAD_REQUEST)
}

pub async fn reset_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LinkQuery>,
) -> AppResult<Response> {
    let check = state
        .store
        .account_tokens()
        .check(
            &hiroba_auth::digest(q.token.trim()),
            hiroba_store::account_tokens::Purpose::ResetPassword,
            chrono::Utc::now(),
        )
        .await?;
    match check {
        Ok(_) => {
            reset_form(&state, &ctx, q.token.trim(), &FieldErrors::new()).render(StatusCode::OK)
        }
        Err(problem) => token_problem_page(&state, &ctx, problem),
    }
}

pub async fn reset(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    post: PublicPost<ResetForm>,
) -> AppResult<Response> {
    let (form, ctx) = (post.form, post.ctx);
    match act::reset_password(
        &state,
        form.token.trim(),
        &form.password,
        &form.password_confirmation,
    )
    .await?
    {
        Err(problem) => token_problem_page(&state, &ctx, problem),
        Ok(Err(errors)) => {
            reset_form(&state, &ctx, form.token.trim(), &errors).render(StatusCode::BAD_REQUEST)
        }
        Ok(Ok(user)) => {
            signed_in_redirect(
                &state,
                &user,
                &with_query("/account", &[("notice", "password-reset")]),
                &headers,
            )
            .await
        }
    }
}
