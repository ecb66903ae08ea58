//! Registering and editing organisations, and claiming existing ones.

use super::mail::{link, send, user_lang};
use crate::AppState;
use crate::auth::extract::SignedIn;
use crate::errors::{AppError, AppResult, Missing};
use hiroba_domain::organisations::{OrganisationInput, OrganisationProfile};
use hiroba_domain::policy::Action;
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::roles::PortalRole;
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_mail::Mail;
use hiroba_store::claims::Claim;
use hiroba_store::organisations::Organisation;

pub async fn load(state: &AppState, id: i64) -> AppResult<Organisation> {
    state
        .store
        .organisations()
        .get(id)
        .await?
        .ok_or(AppError::NotFound(Missing::Organisation))
}

/// Turns a place as typed ("倉敷市", "岡山県倉敷市", "332020", "岡山") into a code the domain
/// understands; `None` if no such place is known.
pub async fn resolve_place(
    state: &AppState,
    typed: &str,
    within: Option<PrefectureCode>,
) -> AppResult<Option<String>> {
    Ok(state.store.municipalities().resolve(typed, within).await?)
}

/// Resolves the place fields of a form (municipality, activity areas), then validates it.
pub async fn validate(
    state: &AppState,
    mut input: OrganisationInput,
) -> AppResult<Result<OrganisationProfile, FieldErrors>> {
    let mut unknown = FieldErrors::new();
    let within = PrefectureCode::parse(&input.prefecture).ok();
    match resolve_place(state, &input.municipality, within).await? {
        Some(code) => input.municipality = code,
        None => unknown.push("municipality", Invalid::UnknownPlace),
    }
    let mut areas = Vec::new();
    for typed in &input.activity_areas {
        match resolve_place(state, typed, None).await? {
            Some(code) if code.is_empty() => {}
            Some(code) => areas.push(code),
            None => {
                if unknown.for_field("activity_areas").is_none() {
                    unknown.push("activity_areas", Invalid::UnknownPlace);
                }
            }
        }
    }
    input.activity_areas = areas;
    let result = input.validate(crate::today());
    Ok(match (result, unknown.is_empty()) {
        (Ok(p), true) => Ok(p),
        (Ok(_), false) => Err(unknown),
        (Err(mut errs), _) => {
            // A name we could not find is the clearer message for that field.
            errs.0.retain(|e| unknown.for_field(e.field).is_none());
            errs.0.extend(unknown.0);
            Err(errs)
        }
    })
}

pub async fn register(
    state: &AppState,
    who: &SignedIn,
    input: OrganisationInput,
) -> AppResult<Result<Organisation, FieldErrors>> {
    who.authorize(&Action::RegisterOrganisation)?;
    match validate(state, input).await? {
        Ok(profile) => Ok(Ok(state
            .store
            .organisations()
            .register(&profile, who.user.id)
            .await?)),
        Err(e) => Ok(Err(e)),
    }
}

pub async fn update(
    state: &AppState,
    who: &SignedIn,
    id: i64,
    input: OrganisationInput,
) -> AppResult<Result<Organisation, FieldErrors>> {
    load(state, id).await?;
    who.authorize(&Action::EditOrganisation {
        organisation_id: id,
    })?;
    match validate(state, input).await? {
        Ok(profile) => Ok(Ok(state
            .store
            .organisations()
            .update(id, &profile, who.by())
            .await?)),
        Err(e) => Ok(Err(e)),
    }
}

pub const CLAIM_MESSAGE_MAX: usize = 2000;

/// Files a claim and tells the operators of every portal that lists the organisation.
pub async fn claim(
    state: &AppState,
    who: &SignedIn,
    id: i64,
    message: &str,
) -> AppResult<Result<Claim, FieldErrors>> {
    let org = load(state, id).await?;
    who.authorize(&Action::ClaimOrganisation {
        organisation_id: id,
    })?;
    let mut errs = FieldErrors::new();
    let Some(message) = errs.check(
        "message",
        hiroba_domain::validation::required_text(message, CLAIM_MESSAGE_MAX),
    ) else {
        return Ok(Err(errs));
    };
    let claim = state
        .store
        .claims()
        .create(id, who.user.id, &message)
        .await?;
    for portal_id in state.store.organisations().portal_ids(id).await? {
        let Some(portal) = state.store.portals().get(portal_id).await? else {
            continue;
        };
        for member in state.store.team().portal_team(portal_id).await? {
            if member.role != PortalRole::Operator {
                continue;
            }
            let lang = match state.store.users().get(member.user_id).await? {
                Some(u) => user_lang(&u.lang),
                None => Default::default(),
            };
            let mail = Mail::ClaimSubmitted {
                link: link(state, &format!("/p/{}/admin/claims", portal.settings.slug)),
                organisation: org.profile.name.clone(),
                claimant: who.user.display_name.clone(),
            };
            send(state, &member.email, lang, mail).await;
        }
    }
    Ok(Ok(claim))
}
