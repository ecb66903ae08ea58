//! Platform administration: the list of portals, creating one (and inviting its first
//! operator), and the log of everything.

use super::forms::FormPage;
use super::portal_admin::{SettingsForm, settings_sections};
use crate::AppState;
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::errors::AppResult;
use crate::page::{PageCtx, Tr};
use crate::views::forms::{Field, Section, summary};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::policy::Action;
use hiroba_domain::roles::{InvitationRole, PortalRole};
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_store::invitations::Target;

#[derive(Template)]
#[template(path = "platform_admin.html")]
struct Dashboard<'a> {
    page: PageCtx<'a>,
    heading: String,
    users: String,
    portals: Vec<(String, String)>,
}

pub async fn dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
) -> AppResult<Response> {
    who.authorize(&Action::CreatePortal)?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let portals = state
        .store
        .portals()
        .list()
        .await?
        .into_iter()
        .map(|p| {
            (
                p.settings.name(tr.en()).to_owned(),
                format!("/p/{}", p.settings.slug),
            )
        })
        .collect();
    let users = tr.tn(
        "platform-users",
        "count",
        state.store.users().count().await? as i64,
    );
    let page = PageCtx::from_ctx(&ctx, &state.i18n, tr.t("nav-admin"));
    super::html(&Dashboard {
        heading: page.title.clone(),
        users,
        portals,
        page,
    })
}

fn new_form<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    f: &SettingsForm,
    errs: &FieldErrors,
) -> FormPage<'a> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let page = PageCtx::from_ctx(ctx, &state.i18n, tr.t("platform-new-portal"));
    let mut form = FormPage::new(page, "/admin/portals/new", tr.t("platform-create-portal"));
    form.summary = summary(&tr, errs);
    form.sections = settings_sections(&tr, f, errs, true);
    form.sections.push(Section {
        anchor: "",
        title: tr.t("portal-form-operator"),
        fields: vec![
            Field::new(&tr, errs, "operator_email", "email", &f.operator_email)
                .hint(tr.t("portal-form-operator-hint")),
        ],
    });
    form.cancel = Some((tr.t("form-cancel"), "/admin".into()));
    form
}

pub async fn new_portal_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
) -> AppResult<Response> {
    who.authorize(&Action::CreatePortal)?;
    let f = SettingsForm {
        kind: "regional".into(),
        primary_colour: "#1d5d90".into(),
        accent_colour: "#8a4b08".into(),
        ..Default::default()
    };
    new_form(&state, &ctx, &f, &FieldErrors::new()).render(StatusCode::OK)
}

pub async fn create_portal(
    State(state): State<AppState>,
    post: Post<SettingsForm>,
) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    who.authorize(&Action::CreatePortal)?;
    let operator = form.operator_email.trim();
    if !operator.is_empty() && hiroba_domain::codes::Email::parse(operator).is_err() {
        let errs = FieldErrors(vec![hiroba_domain::FieldError::new(
            "operator_email",
            Invalid::EmailFormat,
        )]);
        return new_form(&state, &ctx, &form, &errs).render(StatusCode::BAD_REQUEST);
    }
    let portal = match crate::actions::portals::create(&state, &who, form.clone().into_input())
        .await?
    {
        Ok(p) => p,
        Err(errs) => return new_form(&state, &ctx, &form, &errs).render(StatusCode::BAD_REQUEST),
    };
    if !operator.is_empty() {
        let name = portal.settings.name_ja.clone();
        let role = InvitationRole::Portal(PortalRole::Operator);
        let _ = crate::actions::invitations::invite(
            &state,
            &who,
            Target::Portal(portal.id),
            &name,
            role,
            operator,
            ctx.lang,
        )
        .await?;
    }
    Ok(Redirect::to(&format!(
        "/p/{}/admin?notice=portal-created",
        portal.settings.slug
    ))
    .into_response())
}
