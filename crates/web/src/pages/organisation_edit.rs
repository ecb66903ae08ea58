//! Registering an organisation, editing its profile, and claiming an existing one.

use super::forms::FormPage;
use crate::AppState;
use crate::actions::organisations as act;
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use crate::views::forms::{Field, Section, summary};
pub use crate::views::organisation_form::OrgForm;
use crate::views::organisation_form::sections;
use crate::views::places::Places;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::policy::Action;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DraftQuery {
    pub draft: String,
}

/// The draft for this form and this person, if there is one.
pub async fn restore<T>(
    state: &AppState,
    ctx: &Ctx,
    who: &SignedIn,
    draft: &str,
    parse: impl Fn(&[(String, String)]) -> Option<T>,
) -> AppResult<Option<T>> {
    if draft.is_empty() {
        return Ok(None);
    }
    let pairs = state
        .store
        .drafts()
        .take(draft, ctx.uri.path(), who.user.id, chrono::Utc::now())
        .await?;
    Ok(pairs.as_deref().and_then(parse))
}

fn form_page<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    title: String,
    action: String,
    f: &OrgForm,
    errs: &FieldErrors,
    cancel: String,
) -> FormPage<'a> {
    let page = PageCtx::from_ctx(ctx, &state.i18n, title);
    let tr = page.tr;
    let mut form = FormPage::new(page, action, tr.t("form-save"));
    form.summary = summary(&tr, errs);
    form.sections = sections(&tr, f, errs);
    form.cancel = Some((tr.t("form-cancel"), cancel));
    form
}

pub async fn new_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(q): Query<DraftQuery>,
) -> AppResult<Response> {
    who.authorize(&Action::RegisterOrganisation)?;
    let restored = restore(&state, &ctx, &who, &q.draft, OrgForm::from_pairs).await?;
    let title = state.i18n.message(ctx.lang, "org-new-title", &[]);
    let f = restored.unwrap_or_else(|| OrgForm {
        roles: vec!["npo_ngo".into()],
        ..Default::default()
    });
    form_page(
        &state,
        &ctx,
        title,
        "/organisations/new".into(),
        &f,
        &FieldErrors::new(),
        "/account".into(),
    )
    .render(StatusCode::OK)
}

pub async fn create(State(state): State<AppState>, post: Post<OrgForm>) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    match act::register(&state, &who, form.clone().into_input()).await? {
        Ok(org) => Ok(Redirect::to(&format!(
            "/organisations/{}?notice=organisation-created",
            org.id
        ))
        .into_response()),
        Err(errs) => {
            let title = state.i18n.message(ctx.lang, "org-new-title", &[]);
            form_page(
                &state,
                &ctx,
                title,
                "/organisations/new".into(),
                &form,
                &errs,
                "/account".into(),
            )
            .render(StatusCode::BAD_REQUEST)
        }
    }
}

fn parse_id(id: &str) -> AppResult<i64> {
    id.parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))
}

pub async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<DraftQuery>,
) -> AppResult<Response> {
    let org = act::load(&state, parse_id(&id)?).await?;
    who.authorize(&Action::EditOrganisation {
        organisation_id: org.id,
    })?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let f = match restore(&state, &ctx, &who, &q.draft, OrgForm::from_pairs).await? {
        Some(f) => f,
        None => {
            let places =
                Places::for_organisations(&state.store, std::slice::from_ref(&org), &[]).await?;
            OrgForm::from_profile(&org.profile, &places, &tr)
        }
    };
    let title = tr.ts("org-edit-title", "name", &org.profile.name);
    let href = format!("/organisations/{}", org.id);
    form_page(
        &state,
        &ctx,
        title,
        format!("{href}/edit"),
        &f,
        &FieldErrors::new(),
        href,
    )
    .render(StatusCode::OK)
}

pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    post: Post<OrgForm>,
) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    let id = parse_id(&id)?;
    match act::update(&state, &who, id, form.clone().into_input()).await? {
        Ok(org) => {
            Ok(Redirect::to(&format!("/organisations/{}?notice=saved", org.id)).into_response())
        }
        Err(errs) => {
            let org = act::load(&state, id).await?;
            let title =
                Tr::new(ctx.lang, &state.i18n).ts("org-edit-title", "name", &org.profile.name);
            let href = format!("/organisations/{id}");
            form_page(
                &state,
                &ctx,
                title,
                format!("{href}/edit"),
                &form,
                &errs,
                href,
            )
            .render(StatusCode::BAD_REQUEST)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClaimForm {
    pub message: String,
}

fn claim_form<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    org: &hiroba_store::organisations::Organisation,
    message: &str,
    errs: &FieldErrors,
) -> FormPage<'a> {
    let page = PageCtx::from_ctx(
        ctx,
        &state.i18n,
        state.i18n.message(ctx.lang, "claim-title", &[]),
    );
    let tr = page.tr;
    let href = format!("/organisations/{}", org.id);
    let mut form = FormPage::new(page, format!("{href}/claim"), tr.t("claim-submit"));
    form.intro = vec![
        tr.ts("claim-lead", "name", &org.profile.name),
        tr.t("claim-how"),
    ];
    form.summary = summary(&tr, errs);
    form.sections = vec![Section {
        anchor: "",
        title: String::new(),
        fields: vec![
            Field::new(&tr, errs, "message", "textarea", message)
                .required()
                .rows(6)
                .hint(tr.t("claim-message-hint")),
        ],
    }];
    form.cancel = Some((tr.t("form-cancel"), href));
    form
}

pub async fn claim_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<DraftQuery>,
) -> AppResult<Response> {
    let org = act::load(&state, parse_id(&id)?).await?;
    who.authorize(&Action::ClaimOrganisation {
        organisation_id: org.id,
    })?;
    let restored = restore(&state, &ctx, &who, &q.draft, |pairs| {
        pairs
            .iter()
            .find(|(k, _)| k == "message")
            .map(|(_, v)| v.clone())
    })
    .await?;
    claim_form(
        &state,
        &ctx,
        &org,
        &restored.unwrap_or_default(),
        &FieldErrors::new(),
    )
    .render(StatusCode::OK)
}

pub async fn claim(
    State(state): State<AppState>,
    Path(id): Path<String>,
    post: Post<ClaimForm>,
) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    let id = parse_id(&id)?;
    match act::claim(&state, &who, id, &form.message).await? {
        Ok(_) => Ok(Redirect::to("/account?notice=claim-submitted").into_response()),
        Err(errs) => {
            let org = act::load(&state, id).await?;
            claim_form(&state, &ctx, &org, &form.message, &errs).render(StatusCode::BAD_REQUEST)
        }
    }
}
