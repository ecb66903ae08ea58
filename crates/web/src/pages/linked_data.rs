//! schema.org JSON-LD of an organisation: embedded in its profile page and served on its own at
//! `/organisations/{id}/schema.jsonld` (`application/ld+json`), built once here from public
//! data only (see `views::organisations::json_ld`).

use crate::AppState;
use crate::errors::{AppError, AppResult, Missing};
use crate::http_cache::organisation_changed;
use crate::page::Tr;
use crate::views::places::Places;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use hiroba_store::organisations::Organisation;
use serde_json::Value;

/// The path of an organisation's JSON-LD.
pub fn href(organisation_id: i64) -> String {
    format!("/organisations/{organisation_id}/schema.jsonld")
}

/// The JSON-LD of `org`: the profile's public fields and the certifications that hold today.
/// In Japanese, the language of the record, whoever asks; no private record is read.
pub async fn build(state: &AppState, org: &Organisation, places: &Places) -> AppResult<Value> {
    let tr = Tr::new(hiroba_i18n::Lang::Ja, &state.i18n);
    let today = crate::today();
    let certifications: Vec<_> = state
        .store
        .certifications()
        .history(org.id)
        .await?
        .iter()
        .map(|r| crate::views::disclosure::certification(&tr, r, today, false, None))
        .collect();
    let mut ld =
        crate::views::organisations::json_ld(&state.i18n, &state.config.base_url, places, org);
    crate::views::organisations::add_credentials(&state.i18n, &mut ld, &certifications);
    Ok(ld)
}

/// `GET /organisations/{id}/schema.jsonld`
pub async fn organisation(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id = id
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or(AppError::NotFound(Missing::Organisation))?;
    let org = crate::actions::organisations::load(&state, id).await?;
    let places = Places::for_organisations(&state.store, std::slice::from_ref(&org), &[]).await?;
    let ld = build(&state, &org, &places).await?;
    let body = serde_json::to_vec(&ld).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut response = (organisation_changed(&state, &org).await?, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/ld+json"),
    );
    Ok(response)
}
