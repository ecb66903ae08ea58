//! Staff pages for an organisation's programmes.

use super::forms::FormPage;
use super::manage::{Tab, editable, staff_page, tabs};
use crate::AppState;
use crate::actions::programmes as act;
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::errors::AppResult;
use crate::page::{PageCtx, Tr};
use crate::views::forms::{Field, Section, summary};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::programmes::{PROGRAMMES_MAX, ProgrammeInput};
use hiroba_store::organisations::Organisation;
use hiroba_store::programmes::StoredProgramme;

fn fields(tr: &Tr<'_>, f: &ProgrammeInput, errs: &FieldErrors) -> Vec<Field> {
    vec![
        Field::new(tr, errs, "name", "text", &f.name)
            .label(tr.t("programme-name"))
            .required()
            .hint(tr.t("programme-name-hint")),
        Field::new(tr, errs, "target_population", "text", &f.target_population)
            .label(tr.t("programme-target"))
            .hint(tr.t("programme-target-hint")),
        Field::new(tr, errs, "area", "text", &f.area)
            .label(tr.t("programme-area"))
            .hint(tr.t("programme-area-hint")),
        Field::new(tr, errs, "description", "textarea", &f.description)
            .label(tr.t("programme-description"))
            .rows(5),
    ]
}

#[derive(Template)]
#[template(path = "programmes.html")]
struct ProgrammesPage<'a> {
    page: PageCtx<'a>,
    tabs: Vec<Tab>,
    org_id: i64,
    programmes: Vec<StoredProgramme>,
    full: bool,
    summary: Vec<(String, String)>,
    fields: Vec<Field>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    org: &Organisation,
    form: &ProgrammeInput,
    errs: &FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let programmes = state.store.programmes().list(org.id).await?;
    let page = staff_page(state, ctx, org, tr.t("programmes-title"));
    let mut response = super::html(&ProgrammesPage {
        tabs: tabs(&tr, org.id, "programmes"),
        org_id: org.id,
        full: programmes.len() >= PROGRAMMES_MAX,
        programmes,
        summary: summary(&tr, errs),
        fields: fields(&tr, form, errs),
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
    render(
        &state,
        &ctx,
        &org,
        &ProgrammeInput::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn add(
    State(state): State<AppState>,
    Path(id): Path<String>,
    post: Post<ProgrammeInput>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    match act::add(&state, &post.who, org.id, &post.form).await? {
        Ok(_) => Ok(Redirect::to(&format!(
            "/organisations/{}/programmes?notice=saved",
            org.id
        ))
        .into_response()),
        Err(errs) => {
            render(
                &state,
                &post.ctx,
                &org,
                &post.form,
                &errs,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

fn edit_form<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    org: &Organisation,
    programme_id: i64,
    form: &ProgrammeInput,
    errs: &FieldErrors,
) -> FormPage<'a> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let page = staff_page(state, ctx, org, tr.t("programme-edit-title"));
    let base = format!("/organisations/{}/programmes", org.id);
    let mut f = FormPage::new(
        page,
        format!("{base}/{programme_id}/edit"),
        tr.t("form-save"),
    );
    f.summary = summary(&tr, errs);
    f.sections = vec![Section {
        anchor: "",
        title: String::new(),
        fields: fields(&tr, form, errs),
    }];
    f.cancel = Some((tr.t("form-cancel"), base));
    f
}

fn programme_id(raw: &str) -> AppResult<i64> {
    raw.parse()
        .map_err(|_| crate::errors::AppError::NotFound(crate::errors::Missing::Page))
}

pub async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path((id, programme)): Path<(String, String)>,
) -> AppResult<Response> {
    let org = editable(&state, &who, &id).await?;
    let p = act::get(&state, org.id, programme_id(&programme)?).await?;
    edit_form(
        &state,
        &ctx,
        &org,
        p.id,
        &ProgrammeInput::from(&p.programme),
        &FieldErrors::new(),
    )
    .render(StatusCode::OK)
}

pub async fn update(
    State(state): State<AppState>,
    Path((id, programme)): Path<(String, String)>,
    post: Post<ProgrammeInput>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    let pid = programme_id(&programme)?;
    match act::update(&state, &post.who, org.id, pid, &post.form).await? {
        Ok(_) => Ok(Redirect::to(&format!(
            "/organisations/{}/programmes?notice=saved",
            org.id
        ))
        .into_response()),
        Err(errs) => edit_form(&state, &post.ctx, &org, pid, &post.form, &errs)
            .render(StatusCode::BAD_REQUEST),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    Path((id, programme)): Path<(String, String)>,
    post: Post<super::manage::NoFields>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    act::delete(&state, &post.who, org.id, programme_id(&programme)?).await?;
    Ok(Redirect::to(&format!(
        "/organisations/{}/programmes?notice=deleted",
        org.id
    ))
    .into_response())
}
