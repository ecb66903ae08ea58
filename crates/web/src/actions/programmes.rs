//! An organisation's programmes.

use super::organisations::load;
use crate::AppState;
use crate::auth::extract::SignedIn;
use crate::errors::{AppError, AppResult, Missing};
use hiroba_domain::policy::Action;
use hiroba_domain::programmes::{PROGRAMMES_MAX, ProgrammeInput};
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_store::StoreError;
use hiroba_store::programmes::StoredProgramme;

fn edit(who: &SignedIn, organisation_id: i64) -> AppResult<()> {
    who.authorize(&Action::EditOrganisation { organisation_id })
}

/// The programme `id` of organisation `organisation_id` (another organisation's is "not found").
pub async fn get(state: &AppState, organisation_id: i64, id: i64) -> AppResult<StoredProgramme> {
    state
        .store
        .programmes()
        .get(id)
        .await?
        .filter(|p| p.organisation_id == organisation_id)
        .ok_or(AppError::NotFound(Missing::Page))
}

pub async fn add(
    state: &AppState,
    who: &SignedIn,
    organisation_id: i64,
    input: &ProgrammeInput,
) -> AppResult<Result<StoredProgramme, FieldErrors>> {
    load(state, organisation_id).await?;
    edit(who, organisation_id)?;
    let programme = match input.validate() {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    match state
        .store
        .programmes()
        .add(organisation_id, &programme, who.by())
        .await
    {
        Ok(p) => Ok(Ok(p)),
        Err(StoreError::Conflict(_)) => {
            let mut errs = FieldErrors::new();
            errs.push(
                "name",
                Invalid::TooMany {
                    max: PROGRAMMES_MAX,
                },
            );
            Ok(Err(errs))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn update(
    state: &AppState,
    who: &SignedIn,
    organisation_id: i64,
    id: i64,
    input: &ProgrammeInput,
) -> AppResult<Result<StoredProgramme, FieldErrors>> {
    get(state, organisation_id, id).await?;
    edit(who, organisation_id)?;
    match input.validate() {
        Ok(p) => Ok(Ok(state
            .store
            .programmes()
            .update(id, &p, who.by())
            .await?)),
        Err(e) => Ok(Err(e)),
    }
}

pub async fn delete(
    state: &AppState,
    who: &SignedIn,
    organisation_id: i64,
    id: i64,
) -> AppResult<()> {
    get(state, organisation_id, id).await?;
    edit(who, organisation_id)?;
    state.store.programmes().delete(id, who.by()).await?;
    Ok(())
}
