//! The account page: what someone works on, and their name, language, address, password and
//! API tokens.

use super::forms::MessagePage;
use crate::AppState;
use crate::actions::accounts as act;
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::auth::signin;
use crate::errors::{AppError, AppResult};
use crate::page::{PageCtx, Tr};
use crate::views::forms::Field;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::codes::Email;
use hiroba_domain::policy::Action;
use hiroba_domain::roles::TokenScope;
use hiroba_domain::validation::required_text;
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_i18n::Lang;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub display_name: String,
    pub lang: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailChangeForm {
    pub email: String,
    pub current_password: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub current_password: String,
    pub password: String,
    pub password_confirmation: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    pub token_name: String,
    pub scope: String,
}

pub struct Listed {
    pub name: String,
    pub href: String,
    pub role: String,
    /// For organisations: the ★ level and what the next one still needs.
    pub stars: Option<crate::views::disclosure::Stars>,
    pub next: Option<String>,
}

pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub scope: String,
    pub last_used: String,
    pub revoked: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    page: PageCtx<'a>,
    verified: bool,
    is_admin: bool,
    email: String,
    organisations: Vec<Listed>,
    portals: Vec<Listed>,
    claims: Vec<(String, String)>,
    profile_fields: Vec<Field>,
    email_fields: Vec<Field>,
    password_fields: Vec<Field>,
    token_fields: Vec<Field>,
    tokens: Vec<TokenRow>,
}

/// What each form shows when the page comes back with a problem.
#[derive(Default)]
struct Forms {
    profile: Option<(ProfileForm, FieldErrors)>,
    email: Option<(String, FieldErrors)>,
    password: FieldErrors,
    token: Option<(TokenForm, FieldErrors)>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    who: &SignedIn,
    forms: Forms,
    status: StatusCode,
) -> AppResult<Response> {
    let page = PageCtx::from_ctx(
        ctx,
        &state.i18n,
        state.i18n.message(ctx.lang, "account-title", &[]),
    );
    let tr = page.tr;
    let user = &who.user;
    let mut organisations = Vec::new();
    for (id, role) in state.store.team().organisations_of(user.id).await? {
        if let Some(o) = state.store.organisations().get(id).await? {
            let standing = state.store.standing(id, crate::today()).await?;
            let missing = standing.assessment.missing_for_next().len();
            organisations.push(Listed {
                name: o.profile.name,
                href: format!("/organisations/{id}"),
                role: tr.t(&format!("org-role-{}", role.code())),
                stars: Some(crate::views::disclosure::stars(
                    &tr,
                    standing.assessment.level,
                )),
                next: (missing > 0).then(|| {
                    tr.args(
                        "account-next-level",
                        &[
                            ("count", (missing as i64).into()),
                            ("level", i64::from(standing.assessment.level + 1).into()),
                        ],
                    )
                }),
            });
        }
    }
    let mut portals = Vec::new();
    for (id, role) in state.store.team().portals_of(user.id).await? {
        if let Some(p) = state.store.portals().get(id).await? {
            portals.push(Listed {
                name: p.settings.name(tr.en()).to_owned(),
                href: format!("/p/{}", p.settings.slug),
                role: tr.t(&format!("portal-role-{}", role.code())),
                stars: None,
                next: None,
            });
        }
    }
    let claims = state
        .store
        .claims()
        .for_user(user.id)
        .await?
        .into_iter()
        .map(|c| {
            (
                c.organisation_name,
                tr.t(&format!("claim-status-{}", c.status.code())),
            )
        })
        .collect();
    let tokens = state
        .store
        .api_tokens()
        .list(user.id)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            prefix: t.display_prefix,
            scope: tr.t(&format!("scope-{}", t.scope.code())),
            last_used: t
                .last_used_at
                .map(|at| crate::views::date(&tr, &at))
                .unwrap_or_else(|| tr.t("account-token-never")),
            revoked: t.revoked_at.is_some(),
        })
        .collect();

    let (profile, profile_errs) = forms.profile.unwrap_or_else(|| {
        (
            ProfileForm {
                display_name: user.display_name.clone(),
                lang: user.lang.clone(),
            },
            FieldErrors::new(),
        )
    });
    let (new_email, email_errs) = forms.email.unwrap_or_default();
    let (token, token_errs) = forms.token.unwrap_or_default();
    let template = AccountPage {
        verified: user.email_verified,
        is_admin: user.platform_admin,
        email: user.email.clone(),
        organisations,
        portals,
        claims,
        profile_fields: vec![
            Field::new(
                &tr,
                &profile_errs,
                "display_name",
                "text",
                &profile.display_name,
            )
            .required()
            .autocomplete("name"),
            Field::new(&tr, &profile_errs, "lang", "select", "").choices(
                [
                    ("ja".to_owned(), "日本語".to_owned()),
                    ("en".to_owned(), "English".to_owned()),
                ],
                std::slice::from_ref(&profile.lang),
            ),
        ],
        email_fields: vec![
            Field::new(&tr, &email_errs, "email", "email", &new_email)
                .label(tr.t("account-email-new"))
                .required()
                .autocomplete("email"),
            Field::new(&tr, &email_errs, "current_password", "password", "")
                .required()
                .autocomplete("current-password"),
        ],
        password_fields: vec![
            Field::new(&tr, &forms.password, "current_password", "password", "")
                .required()
                .autocomplete("current-password"),
            Field::new(&tr, &forms.password, "password", "password", "")
                .label(tr.t("account-password-new"))
                .required()
                .autocomplete("new-password")
                .hint(tr.t("password-hint")),
            Field::new(
                &tr,
                &forms.password,
                "password_confirmation",
                "password",
                "",
            )
            .required()
            .autocomplete("new-password"),
        ],
        token_fields: vec![
            Field::new(&tr, &token_errs, "token_name", "text", &token.token_name)
                .required()
                .hint(tr.t("account-token-name-hint")),
            Field::new(&tr, &token_errs, "scope", "select", "").choices(
                [
                    ("read".to_owned(), tr.t("scope-read")),
                    ("read_write".to_owned(), tr.t("scope-read_write")),
                ],
                &[if token.scope.is_empty() {
                    "read".to_owned()
                } else {
                    token.scope.clone()
                }],
            ),
        ],
        tokens,
        page,
    };
    let mut response = super::html(&template)?;
    *response.status_mut() = status;
    Ok(response)
}

pub async fn overview(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
) -> AppResult<Response> {
    render(&state, &ctx, &who, Forms::default(), StatusCode::OK).await
}

fn manage(who: &SignedIn) -> Result<(), AppError> {
    who.authorize(&Action::ManageAccount {
        user_id: who.user.id,
    })
}

pub async fn update_profile(
    State(state): State<AppState>,
    post: Post<ProfileForm>,
) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    manage(&who)?;
    let mut errs = FieldErrors::new();
    let name = errs.check(
        "display_name",
        required_text(
            &form.display_name,
            hiroba_domain::accounts::DISPLAY_NAME_MAX,
        ),
    );
    let lang = errs.check(
        "lang",
        Lang::parse(&form.lang).ok_or(Invalid::UnknownChoice),
    );
    let (Some(name), Some(lang)) = (name, lang) else {
        return render(
            &state,
            &ctx,
            &who,
            Forms {
                profile: Some((form, errs)),
                ..Default::default()
            },
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    state
        .store
        .users()
        .set_display_name(who.user.id, &name, who.by())
        .await?;
    state
        .store
        .users()
        .set_lang(who.user.id, lang.code(), who.by())
        .await?;
    let mut response = Redirect::to("/account?notice=saved").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        crate::auth::cookies::set(
            crate::lang::COOKIE,
            lang.code(),
            365 * 24 * 3600,
            state.config.secure_cookies,
        ),
    );
    Ok(response)
}

pub async fn resend_verification(
    State(state): State<AppState>,
    post: Post<super::accounts::NoFields>,
) -> AppResult<Response> {
    let who = post.who;
    manage(&who)?;
    let limit = [(signin::MAIL_PER_ACCOUNT, who.user.email.as_str())];
    if !who.user.email_verified && signin::attempt(&state, &limit).await?.is_ok() {
        act::send_verification(&state, &who.user).await?;
    }
    Ok(Redirect::to("/account?notice=verify-sent").into_response())
}

async fn password_ok(state: &AppState, who: &SignedIn, password: &str) -> AppResult<bool> {
    let hash = state.store.users().password_hash(who.user.id).await?;
    act::verify_password(password.to_owned(), Some(hash)).await
}

pub async fn change_email(
    State(state): State<AppState>,
    post: Post<EmailChangeForm>,
) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    manage(&who)?;
    let mut errs = FieldErrors::new();
    let email = errs.check(
        "email",
        if form.email.trim().is_empty() {
            Err(Invalid::Required)
        } else {
            Email::parse(&form.email)
        },
    );
    if !password_ok(&state, &who, &form.current_password).await? {
        errs.push("current_password", Invalid::PasswordMismatch);
    }
    let Some(email) = email.filter(|_| errs.is_empty()) else {
        return render(
            &state,
            &ctx,
            &who,
            Forms {
                email: Some((form.email, errs)),
                ..Default::default()
            },
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    act::request_email_change(&state, &who.user, email.as_str()).await?;
    Ok(Redirect::to("/account?notice=email-change-sent").into_response())
}

pub async fn confirm_email(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<super::accounts::LinkQuery>,
) -> AppResult<Response> {
    match act::confirm_email_change(&state, q.token.trim()).await {
        Ok(Ok(_)) => Ok(Redirect::to("/account?notice=email-changed").into_response()),
        Ok(Err(problem)) => {
            let tr = Tr::new(ctx.lang, &state.i18n);
            let page = PageCtx::from_ctx(&ctx, &state.i18n, tr.t("token-problem-title"));
            let text = tr.t(match problem {
                hiroba_store::account_tokens::TokenProblem::Unknown => "token-unknown",
                hiroba_store::account_tokens::TokenProblem::Expired => "token-expired",
                hiroba_store::account_tokens::TokenProblem::Used => "token-used",
            });
            MessagePage::new(page, vec![text]).render(StatusCode::BAD_REQUEST)
        }
        Err(AppError::Conflict(_)) => {
            let tr = Tr::new(ctx.lang, &state.i18n);
            let page = PageCtx::from_ctx(&ctx, &state.i18n, tr.t("token-problem-title"));
            MessagePage::new(page, vec![tr.t("conflict-email")]).render(StatusCode::CONFLICT)
        }
        Err(e) => Err(e),
    }
}

pub async fn change_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    post: Post<PasswordForm>,
) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    manage(&who)?;
    let mut errs = match hiroba_domain::accounts::check_new_password(
        &form.password,
        &form.password_confirmation,
        &who.user.email,
    ) {
        Ok(()) => FieldErrors::new(),
        Err(e) => e,
    };
    if !password_ok(&state, &who, &form.current_password).await? {
        errs.0.insert(
            0,
            hiroba_domain::FieldError::new("current_password", Invalid::PasswordMismatch),
        );
    }
    if !errs.is_empty() {
        return render(
            &state,
            &ctx,
            &who,
            Forms {
                password: errs,
                ..Default::default()
            },
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let hash = act::hash_password(form.password).await?;
    // Every session ends, this one too; a new one starts here.
    state
        .store
        .users()
        .set_password(who.user.id, &hash, who.by())
        .await?;
    let cookies =
        signin::start_session(&state, who.user.id, signin::user_agent(&headers).as_deref()).await?;
    Ok(super::accounts::redirect_with_cookies(
        "/account?notice=password-changed",
        cookies,
    ))
}

pub async fn create_token(
    State(state): State<AppState>,
    post: Post<TokenForm>,
) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    manage(&who)?;
    let mut errs = FieldErrors::new();
    let name = errs.check("token_name", required_text(&form.token_name, 100));
    let scope = errs.check(
        "scope",
        TokenScope::parse(&form.scope).ok_or(Invalid::UnknownChoice),
    );
    let (Some(name), Some(scope)) = (name, scope) else {
        return render(
            &state,
            &ctx,
            &who,
            Forms {
                token: Some((form, errs)),
                ..Default::default()
            },
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    let token = hiroba_auth::new_api_token();
    state
        .store
        .api_tokens()
        .create(
            who.user.id,
            &name,
            &token.display_prefix,
            &hiroba_auth::digest(&token.secret),
            scope,
        )
        .await?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let page = PageCtx::from_ctx(&ctx, &state.i18n, tr.t("token-created-title"));
    let mut msg = MessagePage::new(page, vec![tr.t("token-created-body")]);
    msg.secret = Some(token.secret);
    msg.links = vec![(tr.t("token-created-back"), "/account#api-tokens".into())];
    let mut response = msg.render(StatusCode::OK)?;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

pub async fn revoke_token(
    State(state): State<AppState>,
    Path(id): Path<String>,
    post: Post<super::accounts::NoFields>,
) -> AppResult<Response> {
    let who = post.who;
    manage(&who)?;
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(crate::errors::Missing::Page))?;
    state.store.api_tokens().revoke(who.user.id, id).await?;
    Ok(Redirect::to("/account?notice=token-revoked#api-tokens").into_response())
}
