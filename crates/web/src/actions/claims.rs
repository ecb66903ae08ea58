//! Deciding claims.

use super::mail::{link, send, user_lang};
use crate::AppState;
use crate::auth::extract::SignedIn;
use crate::errors::{AppError, AppResult, Missing};
use hiroba_domain::policy::Action;
use hiroba_mail::Mail;
use hiroba_store::claims::Claim;
use hiroba_store::portals::Portal;

/// A claim on an organisation listed in `portal`; another portal's claims are "not found".
pub async fn load(state: &AppState, portal: &Portal, id: i64) -> AppResult<Claim> {
    let claim = state
        .store
        .claims()
        .get(id)
        .await?
        .ok_or(AppError::NotFound(Missing::Page))?;
    if !state
        .store
        .portals()
        .is_member(portal.id, claim.organisation_id)
        .await?
    {
        return Err(AppError::NotFound(Missing::Page));
    }
    Ok(claim)
}

pub async fn decide(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    id: i64,
    approve: bool,
    note: &str,
) -> AppResult<Claim> {
    let claim = load(state, portal, id).await?;
    let listed_in = state
        .store
        .organisations()
        .portal_ids(claim.organisation_id)
        .await?;
    who.authorize(&Action::DecideClaim {
        listed_in: &listed_in,
    })?;
    let note = note.trim().chars().take(2000).collect::<String>();
    let decided = state
        .store
        .claims()
        .decide(id, approve, &note, portal.id, who.by())
        .await?;
    let lang = match state.store.users().get(decided.user_id).await? {
        Some(u) => user_lang(&u.lang),
        None => Default::default(),
    };
    let mail = if approve {
        Mail::ClaimApproved {
            link: link(
                state,
                &format!("/organisations/{}/edit", decided.organisation_id),
            ),
            organisation: decided.organisation_name.clone(),
        }
    } else {
        Mail::ClaimRejected {
            organisation: decided.organisation_name.clone(),
            note,
        }
    };
    send(state, &decided.claimant_email, lang, mail).await;
    Ok(decided)
}
