//! Certification by a portal's operators.

use super::organisations::load;
use crate::AppState;
use crate::auth::extract::SignedIn;
use crate::errors::{AppError, AppResult, Missing};
use hiroba_domain::certification::{GrantInput, Refusal, STEP1_LEVEL};
use hiroba_domain::policy::Action;
use hiroba_domain::validation::text;
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_store::portals::Portal;

async fn authorize(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    organisation_id: i64,
) -> AppResult<()> {
    load(state, organisation_id).await?;
    let listed = state
        .store
        .portals()
        .is_member(portal.id, organisation_id)
        .await?;
    who.authorize(&Action::CertifyOrganisation {
        portal_id: portal.id,
        listed,
    })
}

/// Grants a step on behalf of `portal`; returns the record's id.
pub async fn grant(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    organisation_id: i64,
    input: &GrantInput,
) -> AppResult<Result<i64, FieldErrors>> {
    authorize(state, who, portal, organisation_id).await?;
    let today = crate::today();
    let decision = match input.validate(today) {
        Ok(d) => d,
        Err(e) => return Ok(Err(e)),
    };
    let granted = state
        .store
        .certifications()
        .grant(organisation_id, portal.id, &decision, today, who.by())
        .await?;
    Ok(granted.map_err(|refusal| {
        let mut errs = FieldErrors::new();
        errs.push(
            "step",
            match refusal {
                Refusal::LevelTooLow => Invalid::LevelTooLow {
                    needed: STEP1_LEVEL,
                },
                Refusal::NeedsStep2 => Invalid::NeedsStep2,
                Refusal::Automatic => Invalid::UnknownChoice,
            },
        );
        errs
    }))
}

pub const END_NOTE_MAX: usize = 1_000;

/// Withdraws a grant this portal made.
pub async fn revoke(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    organisation_id: i64,
    certification_id: i64,
    note: &str,
) -> AppResult<Result<(), FieldErrors>> {
    authorize(state, who, portal, organisation_id).await?;
    let record = state
        .store
        .certifications()
        .get(certification_id)
        .await?
        .filter(|r| r.organisation_id == organisation_id && r.portal_id == Some(portal.id))
        .ok_or(AppError::NotFound(Missing::Page))?;
    let mut errs = FieldErrors::new();
    let Some(note) = errs.check("note", text(note, END_NOTE_MAX)) else {
        return Ok(Err(errs));
    };
    state
        .store
        .certifications()
        .revoke(record.id, note, crate::today(), who.by())
        .await?;
    Ok(Ok(()))
}
