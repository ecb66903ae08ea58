//! Listing what an operator imported in their portal: each organisation a sheet names is
//! curated into the portal (unless the portal already decided about it), so it shows there
//! whatever its address says.

use crate::StoreResult;
use crate::entities::portal_curations as curations;
use crate::portals::{self, memberships};
use chrono::Utc;
use hiroba_domain::scope::{Curation, OrganisationReach};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use std::collections::HashSet;

pub(super) async fn list_in_portal(
    db: &impl ConnectionTrait,
    portal_id: i64,
    items: Vec<(i64, OrganisationReach)>,
) -> StoreResult<()> {
    let ids: Vec<i64> = items.iter().map(|(id, _)| *id).collect();
    let mut decided: HashSet<i64> = HashSet::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<i64> = curations::Entity::find()
            .select_only()
            .column(curations::Column::OrganisationId)
            .filter(curations::Column::PortalId.eq(portal_id))
            .filter(curations::Column::OrganisationId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        decided.extend(rows);
    }
    let mut seen = HashSet::new();
    let new: Vec<(i64, OrganisationReach)> = items
        .into_iter()
        .filter(|(id, _)| !decided.contains(id) && seen.insert(*id))
        .collect();
    if new.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    for chunk in new.chunks(500) {
        curations::Entity::insert_many(chunk.iter().map(|(id, _)| curations::ActiveModel {
            portal_id: Set(portal_id),
            organisation_id: Set(*id),
            curation: Set(Curation::Include.code().to_owned()),
            created_at: Set(now),
        }))
        .exec(db)
        .await?;
    }
    let scopes = portals::load_scopes(db).await?;
    memberships::refresh_organisations(db, &new, &scopes).await?;
    let ids: Vec<i64> = new.iter().map(|(id, _)| *id).collect();
    crate::search_feed::touch_many(db, crate::search_feed::ORGANISATION, &ids).await
}
