//! Inviting people to an organisation's or a portal's team, and accepting.

use super::mail::{link, send};
use crate::AppState;
use crate::auth::extract::SignedIn;
use crate::errors::AppResult;
use chrono::{Duration, Utc};
use hiroba_domain::codes::Email;
use hiroba_domain::policy::Action;
use hiroba_domain::roles::InvitationRole;
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_i18n::Lang;
use hiroba_mail::Mail;
use hiroba_store::invitations::{Invitation, Target};

pub const VALID_DAYS: i64 = 14;

/// Who may invite to a target: owners to their organisation, operators to their portal.
fn action(target: Target) -> Action<'static> {
    match target {
        Target::Organisation(id) => Action::ManageOrganisationTeam {
            organisation_id: id,
        },
        Target::Portal(id) => Action::ManagePortalTeam { portal_id: id },
    }
}

pub fn role_label(state: &AppState, lang: Lang, role: InvitationRole) -> String {
    let id = match role {
        InvitationRole::Organisation(r) => format!("org-role-{}", r.code()),
        InvitationRole::Portal(r) => format!("portal-role-{}", r.code()),
    };
    state.i18n.message(lang, &id, &[])
}

/// Creates an invitation and mails its link (in the inviter's language: the invitee has no
/// account, or we do not know which).
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    state: &AppState,
    who: &SignedIn,
    target: Target,
    target_name: &str,
    role: InvitationRole,
    email: &str,
    lang: Lang,
) -> AppResult<Result<Invitation, FieldErrors>> {
    who.authorize(&action(target))?;
    let mut errs = FieldErrors::new();
    let email = errs.check(
        "email",
        if email.trim().is_empty() {
            Err(Invalid::Required)
        } else {
            Email::parse(email)
        },
    );
    let Some(email) = email else {
        return Ok(Err(errs));
    };
    let token = hiroba_auth::new_token();
    let invitation = state
        .store
        .invitations()
        .create(
            target,
            role,
            email.as_str(),
            &hiroba_auth::digest(&token),
            Utc::now() + Duration::days(VALID_DAYS),
            who.by(),
        )
        .await?;
    let mail = Mail::Invitation {
        link: link(state, &format!("/invitations/{token}")),
        inviter: who.user.display_name.clone(),
        target: target_name.to_owned(),
        role: role_label(state, lang, role),
    };
    send(state, &invitation.email, lang, mail).await;
    Ok(Ok(invitation))
}

pub async fn revoke(state: &AppState, who: &SignedIn, target: Target, id: i64) -> AppResult<()> {
    who.authorize(&action(target))?;
    state
        .store
        .invitations()
        .revoke(target, id, who.by())
        .await?;
    Ok(())
}

pub async fn remove_member(
    state: &AppState,
    who: &SignedIn,
    target: Target,
    user_id: i64,
) -> AppResult<()> {
    who.authorize(&action(target))?;
    match target {
        Target::Organisation(o) => {
            state
                .store
                .team()
                .remove_org_member(o, user_id, who.by())
                .await?
        }
        Target::Portal(p) => {
            state
                .store
                .team()
                .remove_portal_member(p, user_id, who.by())
                .await?
        }
    }
    Ok(())
}
