//! Outcome metrics and their yearly values.

use super::organisations::load;
use crate::AppState;
use crate::auth::extract::SignedIn;
use crate::errors::{AppError, AppResult, Missing};
use hiroba_domain::finances::years;
use hiroba_domain::metrics::{self, METRICS_MAX, MetricInput};
use hiroba_domain::policy::Action;
use hiroba_domain::validation::text;
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_store::StoreError;
use hiroba_store::metrics::StoredMetric;

pub const NOTE_MAX: usize = 500;

/// The metric `id` of organisation `organisation_id`.
pub async fn get(state: &AppState, organisation_id: i64, id: i64) -> AppResult<StoredMetric> {
    state
        .store
        .metrics()
        .get(id)
        .await?
        .filter(|m| m.organisation_id == organisation_id)
        .ok_or(AppError::NotFound(Missing::Page))
}

pub async fn add(
    state: &AppState,
    who: &SignedIn,
    organisation_id: i64,
    input: &MetricInput,
) -> AppResult<Result<i64, FieldErrors>> {
    load(state, organisation_id).await?;
    who.authorize(&Action::EditOrganisation { organisation_id })?;
    let metric = match input.validate() {
        Ok(m) => m,
        Err(e) => return Ok(Err(e)),
    };
    match state
        .store
        .metrics()
        .add(organisation_id, &metric, who.by())
        .await
    {
        Ok(id) => Ok(Ok(id)),
        Err(StoreError::Conflict(_)) => {
            let mut errs = FieldErrors::new();
            errs.push("name", Invalid::TooMany { max: METRICS_MAX });
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
    input: &MetricInput,
) -> AppResult<Result<(), FieldErrors>> {
    get(state, organisation_id, id).await?;
    who.authorize(&Action::EditOrganisation { organisation_id })?;
    match input.validate() {
        Ok(m) => Ok(Ok(state.store.metrics().update(id, &m, who.by()).await?)),
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
    who.authorize(&Action::EditOrganisation { organisation_id })?;
    state.store.metrics().delete(id, who.by()).await?;
    Ok(())
}

/// One year's value as typed; an empty value removes the year.
#[derive(Debug, Clone, Default)]
pub struct ValueForm {
    pub fiscal_year: String,
    pub value: String,
    pub note: String,
}

pub async fn set_value(
    state: &AppState,
    who: &SignedIn,
    organisation_id: i64,
    id: i64,
    form: &ValueForm,
) -> AppResult<Result<(), FieldErrors>> {
    let org = load(state, organisation_id).await?;
    get(state, organisation_id, id).await?;
    who.authorize(&Action::EditOrganisation { organisation_id })?;
    let mut errs = FieldErrors::new();
    let year = errs.check(
        "fiscal_year",
        years::parse_year(
            &form.fiscal_year,
            crate::today(),
            super::reports::start_month(&org),
        ),
    );
    let value = errs.check(
        "value",
        hiroba_domain::validation::optional(&form.value, metrics::parse_value),
    );
    let note = errs.check("note", text(&form.note, NOTE_MAX));
    let (Some(year), Some(value), Some(note)) = (year, value, note) else {
        return Ok(Err(errs));
    };
    state
        .store
        .metrics()
        .set_value(id, year, value.map(|v| (v, note)), who.by())
        .await?;
    Ok(Ok(()))
}
