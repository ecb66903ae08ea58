//! The team pages of an organisation and of a portal: members, open invitations, inviting and
//! removing.

use crate::AppState;
use crate::actions::invitations as act;
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use crate::views::forms::{Field, summary};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::policy::{Action, can};
use hiroba_domain::roles::{InvitationRole, OrgRole, PortalRole};
use hiroba_domain::{FieldError, Invalid};
use hiroba_store::invitations::Target;
use serde::Deserialize;

pub struct MemberRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
}

pub struct InvitationRow {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub expires: String,
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage<'a> {
    page: PageCtx<'a>,
    heading: String,
    base: String,
    members: Vec<MemberRow>,
    invitations: Vec<InvitationRow>,
    can_manage: bool,
    summary: Vec<(String, String)>,
    invite_fields: Vec<Field>,
    back_href: String,
    back_label: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub email: String,
    pub role: String,
}

/// A team: whose it is and how to talk about it.
struct TeamOf {
    target: Target,
    name: String,
    base: String,
    view: Action<'static>,
    manage: Action<'static>,
}

async fn org_team(state: &AppState, id: &str) -> AppResult<TeamOf> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))?;
    let org = crate::actions::organisations::load(state, id).await?;
    Ok(TeamOf {
        target: Target::Organisation(id),
        name: org.profile.name,
        base: format!("/organisations/{id}"),
        view: Action::ViewOrganisationPrivate {
            organisation_id: id,
        },
        manage: Action::ManageOrganisationTeam {
            organisation_id: id,
        },
    })
}

async fn portal_team(state: &AppState, slug: &str, lang: hiroba_i18n::Lang) -> AppResult<TeamOf> {
    let portal = crate::actions::portals::load(state, slug).await?;
    Ok(TeamOf {
        target: Target::Portal(portal.id),
        name: portal.settings.name(lang.is_english()).to_owned(),
        base: format!("/p/{slug}/admin"),
        view: Action::ViewPortalAdmin {
            portal_id: portal.id,
        },
        manage: Action::ManagePortalTeam {
            portal_id: portal.id,
        },
    })
}

fn role_choices(tr: &Tr<'_>, target: Target) -> Vec<(String, String)> {
    match target {
        Target::Organisation(_) => [OrgRole::Editor, OrgRole::Owner]
            .iter()
            .map(|r| (r.code().to_owned(), tr.t(&format!("org-role-{}", r.code()))))
            .collect(),
        Target::Portal(_) => [PortalRole::Editor, PortalRole::Operator]
            .iter()
            .map(|r| {
                (
                    r.code().to_owned(),
                    tr.t(&format!("portal-role-{}", r.code())),
                )
            })
            .collect(),
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    who: &SignedIn,
    team: &TeamOf,
    form: &InviteForm,
    errs: &FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    who.authorize(&team.view)?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let members: Vec<MemberRow> = match team.target {
        Target::Organisation(id) => state
            .store
            .team()
            .organisation_team(id)
            .await?
            .into_iter()
            .map(|m| MemberRow {
                user_id: m.user_id,
                name: m.display_name,
                email: m.email,
                role: tr.t(&format!("org-role-{}", m.role.code())),
            })
            .collect(),
        Target::Portal(id) => state
            .store
            .team()
            .portal_team(id)
            .await?
            .into_iter()
            .map(|m| MemberRow {
                user_id: m.user_id,
                name: m.display_name,
                email: m.email,
                role: tr.t(&format!("portal-role-{}", m.role.code())),
            })
            .collect(),
    };
    let invitations = state
        .store
        .invitations()
        .pending(team.target, chrono::Utc::now())
        .await?
        .into_iter()
        .map(|i| InvitationRow {
            id: i.id,
            email: i.email,
            role: act::role_label(state, ctx.lang, i.role),
            expires: tr.ts(
                "team-invitation-expires",
                "date",
                &crate::views::date(&tr, &i.expires_at),
            ),
        })
        .collect();
    let can_manage = can(Some(&who.actor), &team.manage);
    let role = if form.role.is_empty() {
        role_choices(&tr, team.target)[0].0.clone()
    } else {
        form.role.clone()
    };
    let page = PageCtx::from_ctx(ctx, &state.i18n, tr.ts("team-title", "name", &team.name));
    let template = TeamPage {
        heading: page.title.clone(),
        base: team.base.clone(),
        members,
        invitations,
        can_manage,
        summary: summary(&tr, errs),
        invite_fields: vec![
            Field::new(&tr, errs, "email", "email", &form.email)
                .required()
                .autocomplete("off"),
            Field::new(&tr, errs, "role", "select", "")
                .choices(role_choices(&tr, team.target), &[role]),
        ],
        back_href: match team.target {
            Target::Organisation(_) => team.base.clone(),
            Target::Portal(_) => team.base.clone(),
        },
        back_label: team.name.clone(),
        page,
    };
    let mut response = super::html(&template)?;
    *response.status_mut() = status;
    Ok(response)
}

async fn invite(
    state: &AppState,
    who: &SignedIn,
    ctx: &Ctx,
    team: &TeamOf,
    form: InviteForm,
) -> AppResult<Response> {
    let role = match team.target {
        Target::Organisation(_) => OrgRole::parse(&form.role).map(InvitationRole::Organisation),
        Target::Portal(_) => PortalRole::parse(&form.role).map(InvitationRole::Portal),
    };
    let Some(role) = role else {
        who.authorize(&team.manage)?;
        let errs = FieldErrors(vec![FieldError::new("role", Invalid::UnknownChoice)]);
        return render(state, ctx, who, team, &form, &errs, StatusCode::BAD_REQUEST).await;
    };
    match act::invite(
        state,
        who,
        team.target,
        &team.name,
        role,
        &form.email,
        ctx.lang,
    )
    .await?
    {
        Ok(_) => Ok(Redirect::to(&format!("{}/team?notice=invited", team.base)).into_response()),
        Err(errs) => render(state, ctx, who, team, &form, &errs, StatusCode::BAD_REQUEST).await,
    }
}

fn id(raw: &str) -> AppResult<i64> {
    raw.parse().map_err(|_| AppError::NotFound(Missing::Page))
}

pub async fn organisation_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let team = org_team(&state, &org).await?;
    render(
        &state,
        &ctx,
        &who,
        &team,
        &InviteForm::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn organisation_invite(
    State(state): State<AppState>,
    Path(org): Path<String>,
    post: Post<InviteForm>,
) -> AppResult<Response> {
    let team = org_team(&state, &org).await?;
    invite(&state, &post.who, &post.ctx, &team, post.form).await
}

pub async fn organisation_remove(
    State(state): State<AppState>,
    Path((org, user)): Path<(String, String)>,
    post: Post<super::accounts::NoFields>,
) -> AppResult<Response> {
    let team = org_team(&state, &org).await?;
    act::remove_member(&state, &post.who, team.target, id(&user)?).await?;
    Ok(Redirect::to(&format!("{}/team?notice=removed", team.base)).into_response())
}

pub async fn organisation_revoke(
    State(state): State<AppState>,
    Path((org, inv)): Path<(String, String)>,
    post: Post<super::accounts::NoFields>,
) -> AppResult<Response> {
    let team = org_team(&state, &org).await?;
    act::revoke(&state, &post.who, team.target, id(&inv)?).await?;
    Ok(Redirect::to(&format!("{}/team?notice=revoked", team.base)).into_response())
}

pub async fn portal_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let team = portal_team(&state, &slug, ctx.lang).await?;
    render(
        &state,
        &ctx,
        &who,
        &team,
        &InviteForm::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn portal_invite(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    post: Post<InviteForm>,
) -> AppResult<Response> {
    let team = portal_team(&state, &slug, post.ctx.lang).await?;
    invite(&state, &post.who, &post.ctx, &team, post.form).await
}

pub async fn portal_remove(
    State(state): State<AppState>,
    Path((slug, user)): Path<(String, String)>,
    post: Post<super::accounts::NoFields>,
) -> AppResult<Response> {
    let team = portal_team(&state, &slug, post.ctx.lang).await?;
    act::remove_member(&state, &post.who, team.target, id(&user)?).await?;
    Ok(Redirect::to(&format!("{}/team?notice=removed", team.base)).into_response())
}

pub async fn portal_revoke(
    State(state): State<AppState>,
    Path((slug, inv)): Path<(String, String)>,
    post: Post<super::accounts::NoFields>,
) -> AppResult<Response> {
    let team = portal_team(&state, &slug, post.ctx.lang).await?;
    act::revoke(&state, &post.who, team.target, id(&inv)?).await?;
    Ok(Redirect::to(&format!("{}/team?notice=revoked", team.base)).into_response())
}
