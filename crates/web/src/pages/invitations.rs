//! Opening an invitation link and accepting it.

use super::forms::{ButtonForm, MessagePage};
use crate::AppState;
use crate::auth::extract::{Ctx, Post, with_query};
use crate::errors::AppResult;
use crate::page::{PageCtx, Tr};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_store::invitations::{Invitation, InvitationProblem, Target};

async fn target_name(state: &AppState, tr: &Tr<'_>, target: Target) -> AppResult<(String, String)> {
    Ok(match target {
        Target::Organisation(id) => match state.store.organisations().get(id).await? {
            Some(o) => (o.profile.name, format!("/organisations/{id}")),
            None => (String::new(), "/".into()),
        },
        Target::Portal(id) => match state.store.portals().get(id).await? {
            Some(p) => (
                p.settings.name(tr.en()).to_owned(),
                format!("/p/{}/admin", p.settings.slug),
            ),
            None => (String::new(), "/".into()),
        },
    })
}

fn problem_text(tr: &Tr<'_>, p: InvitationProblem) -> String {
    tr.t(match p {
        InvitationProblem::Unknown => "invitation-unknown",
        InvitationProblem::Expired => "invitation-expired",
        InvitationProblem::Accepted => "invitation-accepted",
    })
}

fn status(inv: &Invitation) -> Result<(), InvitationProblem> {
    if inv.accepted_at.is_some() {
        Err(InvitationProblem::Accepted)
    } else if inv.expires_at <= chrono::Utc::now() {
        Err(InvitationProblem::Expired)
    } else {
        Ok(())
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let title = tr.t("invitation-title");
    let invitation = state
        .store
        .invitations()
        .by_token(&hiroba_auth::digest(&token))
        .await?;
    let Some(inv) = invitation else {
        return MessagePage::new(
            PageCtx::from_ctx(&ctx, &state.i18n, title),
            vec![problem_text(&tr, InvitationProblem::Unknown)],
        )
        .render(StatusCode::NOT_FOUND);
    };
    if let Err(p) = status(&inv) {
        return MessagePage::new(
            PageCtx::from_ctx(&ctx, &state.i18n, title),
            vec![problem_text(&tr, p)],
        )
        .render(StatusCode::GONE);
    }
    let (name, _) = target_name(&state, &tr, inv.target).await?;
    let role = crate::actions::invitations::role_label(&state, ctx.lang, inv.role);
    let mut msg = MessagePage::new(
        PageCtx::from_ctx(&ctx, &state.i18n, title),
        vec![tr.args(
            "invitation-body",
            &[
                ("target", name.into()),
                ("role", role.into()),
                ("email", inv.email.clone().into()),
            ],
        )],
    );
    let here = format!("/invitations/{token}");
    match ctx.auth.user() {
        Some(user) if user.email == inv.email => {
            msg.form = Some(ButtonForm {
                action: here,
                label: tr.t("invitation-accept"),
                hidden: Vec::new(),
            });
        }
        Some(_) => msg
            .paragraphs
            .push(tr.ts("invitation-other-account", "email", &inv.email)),
        None => {
            msg.paragraphs.push(tr.t("invitation-sign-in"));
            msg.links = vec![
                (
                    tr.t("nav-signin"),
                    with_query("/signin", &[("next", here.as_str())]),
                ),
                (tr.t("nav-signup"), "/signup".into()),
            ];
        }
    }
    msg.render(StatusCode::OK)
}

pub async fn accept(
    State(state): State<AppState>,
    Path(token): Path<String>,
    post: Post<super::accounts::NoFields>,
) -> AppResult<Response> {
    let (who, ctx) = (post.who, post.ctx);
    let tr = Tr::new(ctx.lang, &state.i18n);
    let digest = hiroba_auth::digest(&token);
    let Some(inv) = state.store.invitations().by_token(&digest).await? else {
        return MessagePage::new(
            PageCtx::from_ctx(&ctx, &state.i18n, tr.t("invitation-title")),
            vec![problem_text(&tr, InvitationProblem::Unknown)],
        )
        .render(StatusCode::NOT_FOUND);
    };
    // An invitation is for the address it was sent to: a forwarded link is not enough.
    if inv.email != who.user.email {
        return MessagePage::new(
            PageCtx::from_ctx(&ctx, &state.i18n, tr.t("invitation-title")),
            vec![tr.ts("invitation-other-account", "email", &inv.email)],
        )
        .render(StatusCode::FORBIDDEN);
    }
    match state
        .store
        .invitations()
        .accept(&digest, who.user.id, chrono::Utc::now())
        .await?
    {
        Ok(inv) => {
            let (_, href) = target_name(&state, &tr, inv.target).await?;
            Ok(Redirect::to(&format!("{href}?notice=invitation-accepted")).into_response())
        }
        Err(p) => MessagePage::new(
            PageCtx::from_ctx(&ctx, &state.i18n, tr.t("invitation-title")),
            vec![problem_text(&tr, p)],
        )
        .render(StatusCode::GONE),
    }
}
