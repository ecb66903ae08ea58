//! An organisation's own page for its staff: the ★ to-do list, the sections to edit, the logo
//! and the yearly "still current" confirmation.

use crate::AppState;
use crate::actions::documents::{self as docs, LogoChange};
use crate::actions::organisations as act;
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::auth::upload::Upload;
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use crate::views::disclosure::{ChecklistView, checklist};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::policy::Action;
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_store::organisations::Organisation;
use serde::Deserialize;

/// The tabs every staff page of an organisation shows.
pub struct Tab {
    pub label: String,
    pub href: String,
    pub current: bool,
}

pub fn tabs(tr: &Tr<'_>, id: i64, current: &str) -> Vec<Tab> {
    [
        ("manage", "manage-tab-overview"),
        ("edit", "manage-tab-profile"),
        ("programmes", "manage-tab-programmes"),
        ("reports", "manage-tab-reports"),
        ("documents", "manage-tab-documents"),
        ("metrics", "manage-tab-metrics"),
        ("team", "manage-tab-team"),
        ("log", "manage-tab-log"),
    ]
    .into_iter()
    .map(|(path, label)| Tab {
        label: tr.t(label),
        href: format!("/organisations/{id}/{path}"),
        current: path == current,
    })
    .collect()
}

/// The page context of a staff page: breadcrumbs back to the public profile.
pub fn staff_page<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    org: &Organisation,
    title: String,
) -> PageCtx<'a> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    PageCtx::from_ctx(ctx, &state.i18n, title)
        .crumb(
            org.profile.name.clone(),
            Some(format!("/organisations/{}", org.id)),
        )
        .crumb(
            tr.t("manage-title"),
            Some(format!("/organisations/{}/manage", org.id)),
        )
}

pub fn parse_id(id: &str) -> AppResult<i64> {
    id.parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))
}

/// Loads an organisation its staff may edit.
pub async fn editable(state: &AppState, who: &SignedIn, id: &str) -> AppResult<Organisation> {
    let org = act::load(state, parse_id(id)?).await?;
    who.authorize(&Action::EditOrganisation {
        organisation_id: org.id,
    })?;
    Ok(org)
}

#[derive(Template)]
#[template(path = "manage.html")]
struct ManagePage<'a> {
    page: PageCtx<'a>,
    tabs: Vec<Tab>,
    org_id: i64,
    checklist: ChecklistView,
    to_do: Option<String>,
    has_logo: bool,
    logo_none: bool,
    logo_error: Option<String>,
    reviewed: Option<String>,
    certification: Option<String>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    org: &Organisation,
    logo_error: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let standing = state.store.standing(org.id, crate::today()).await?;
    let page = staff_page(
        state,
        ctx,
        org,
        tr.ts("manage-heading", "name", &org.profile.name),
    );
    let mut response = super::html(&ManagePage {
        tabs: tabs(&tr, org.id, "manage"),
        org_id: org.id,
        to_do: Some(standing.assessment.to_do().len())
            .filter(|n| *n > 0)
            .map(|n| tr.tn("manage-todo-count", "count", n as i64)),
        checklist: checklist(&tr, org.id, &standing.assessment),
        has_logo: org.logo_key.is_some(),
        logo_none: org.logo_none,
        logo_error,
        reviewed: org.reviewed_at.map(|t| {
            crate::views::disclosure::date(&tr, (t + chrono::Duration::hours(9)).date_naive())
        }),
        certification: crate::views::disclosure::step_badge(&tr, standing.step),
        page,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let org = editable(&state, &who, &id).await?;
    render(&state, &ctx, &org, None, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LogoForm {
    /// upload | none | clear
    pub choice: String,
}

pub async fn logo(
    State(state): State<AppState>,
    Path(id): Path<String>,
    upload: Upload<LogoForm>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let change = match upload.form.choice.as_str() {
        "none" => LogoChange::None,
        "clear" => LogoChange::Clear,
        _ if upload.too_large => {
            return logo_problem(&state, &upload.ctx, id, Invalid::FileTooLarge { max_mb: 1 })
                .await;
        }
        _ => match upload.file {
            Some(file) => LogoChange::Upload(file),
            None => return logo_problem(&state, &upload.ctx, id, Invalid::FileMissing).await,
        },
    };
    match docs::set_logo(&state, &upload.who, id, change).await? {
        Ok(()) => Ok(
            Redirect::to(&format!("/organisations/{id}/manage?notice=saved#logo")).into_response(),
        ),
        Err(errs) => {
            let org = act::load(&state, id).await?;
            let tr = Tr::new(upload.ctx.lang, &state.i18n);
            let message = crate::forms::error_for(&tr, &errs, "logo");
            render(&state, &upload.ctx, &org, message, StatusCode::BAD_REQUEST).await
        }
    }
}

async fn logo_problem(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    invalid: Invalid,
) -> AppResult<Response> {
    let org = act::load(state, id).await?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let mut errs = FieldErrors::new();
    errs.push("logo", invalid);
    let message = crate::forms::error_for(&tr, &errs, "logo");
    render(state, ctx, &org, message, StatusCode::BAD_REQUEST).await
}

#[derive(Debug, Default, Deserialize)]
pub struct NoFields {}

pub async fn reviewed(
    State(state): State<AppState>,
    Path(id): Path<String>,
    post: Post<NoFields>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    state
        .store
        .organisations()
        .mark_reviewed(org.id, post.who.by())
        .await?;
    Ok(Redirect::to(&format!(
        "/organisations/{}/manage?notice=reviewed#review",
        org.id
    ))
    .into_response())
}
