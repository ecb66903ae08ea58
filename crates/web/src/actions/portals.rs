//! Portal settings, curation and creation.

use crate::AppState;
use crate::auth::extract::SignedIn;
use crate::errors::{AppError, AppResult, Missing};
use hiroba_domain::FieldErrors;
use hiroba_domain::policy::Action;
use hiroba_domain::portals::PortalInput;
use hiroba_domain::scope::Curation;
use hiroba_store::portals::Portal;

pub async fn load(state: &AppState, slug: &str) -> AppResult<Portal> {
    state
        .store
        .portals()
        .get_by_slug(slug)
        .await?
        .ok_or(AppError::NotFound(Missing::Portal))
}

/// Operators change everything but the URL name and the operating organisation, which stay as
/// the platform set them.
pub async fn update_settings(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    mut input: PortalInput,
) -> AppResult<Result<Portal, FieldErrors>> {
    who.authorize(&Action::EditPortalSettings {
        portal_id: portal.id,
    })?;
    input.slug = portal.settings.slug.to_string();
    input.operator_organisation_id = portal.settings.operator_organisation_id;
    match input.validate() {
        Ok(settings) => Ok(Ok(state
            .store
            .portals()
            .update(portal.id, &settings, who.by())
            .await?)),
        Err(e) => Ok(Err(e)),
    }
}

pub async fn curate(
    state: &AppState,
    who: &SignedIn,
    portal: &Portal,
    organisation_id: i64,
    curation: Option<Curation>,
) -> AppResult<()> {
    who.authorize(&Action::CuratePortal {
        portal_id: portal.id,
    })?;
    if state
        .store
        .organisations()
        .get(organisation_id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound(Missing::Organisation));
    }
    state
        .store
        .portals()
        .set_curation(portal.id, organisation_id, curation, who.by())
        .await?;
    Ok(())
}

pub async fn create(
    state: &AppState,
    who: &SignedIn,
    input: PortalInput,
) -> AppResult<Result<Portal, FieldErrors>> {
    who.authorize(&Action::CreatePortal)?;
    match input.validate() {
        Ok(settings) => Ok(Ok(state
            .store
            .portals()
            .create(&settings, who.by())
            .await?)),
        Err(e) => Ok(Err(e)),
    }
}
