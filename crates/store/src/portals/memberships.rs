//! Keeps `portal_memberships` equal to what scopes and curations say.

use super::ScopeRow;
use crate::StoreResult;
use crate::entities::{
    organisation_areas as areas, organisations as orgs, portal_curations as curations,
    portal_memberships as pm,
};
use hiroba_domain::codes::MunicipalityCode;
use hiroba_domain::portals::PortalScope;
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::scope::{Curation, OrganisationReach, is_member};
use hiroba_domain::{activity_fields::ActivityFields, sdgs::SdgGoals};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use std::collections::HashMap;

const BATCH: usize = 1000;

/// id, prefecture, municipality, activity fields, SDGs.
type ReachRow = (i64, Option<i16>, Option<String>, i64, i64);

/// Recomputes which portals show one organisation.
pub(crate) async fn refresh_organisation(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    reach: &OrganisationReach,
    scopes: &[ScopeRow],
) -> StoreResult<()> {
    let curated: HashMap<i64, Curation> = curations::Entity::find()
        .filter(curations::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| Curation::parse(&c.curation).map(|cur| (c.portal_id, cur)))
        .collect();
    pm::Entity::delete_many()
        .filter(pm::Column::OrganisationId.eq(organisation_id))
        .exec(db)
        .await?;
    let rows: Vec<pm::ActiveModel> = scopes
        .iter()
        .filter(|s| is_member(s.scope.matches(reach), curated.get(&s.id).copied()))
        .map(|s| pm::ActiveModel {
            portal_id: Set(s.id),
            organisation_id: Set(organisation_id),
        })
        .collect();
    if !rows.is_empty() {
        pm::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// [`refresh_organisation`] for many organisations: one read of their curations, one delete,
/// one insert per chunk.
pub(crate) async fn refresh_organisations(
    db: &impl ConnectionTrait,
    items: &[(i64, OrganisationReach)],
    scopes: &[ScopeRow],
) -> StoreResult<()> {
    for chunk in items.chunks(BATCH) {
        let ids: Vec<i64> = chunk.iter().map(|(id, _)| *id).collect();
        let mut curated: HashMap<(i64, i64), Curation> = HashMap::new();
        for c in curations::Entity::find()
            .filter(curations::Column::OrganisationId.is_in(ids.clone()))
            .all(db)
            .await?
        {
            if let Some(cur) = Curation::parse(&c.curation) {
                curated.insert((c.organisation_id, c.portal_id), cur);
            }
        }
        pm::Entity::delete_many()
            .filter(pm::Column::OrganisationId.is_in(ids))
            .exec(db)
            .await?;
        let rows: Vec<pm::ActiveModel> = chunk
            .iter()
            .flat_map(|(id, reach)| {
                let curated = &curated;
                scopes
                    .iter()
                    .filter(move |s| {
                        is_member(s.scope.matches(reach), curated.get(&(*id, s.id)).copied())
                    })
                    .map(move |s| pm::ActiveModel {
                        portal_id: Set(s.id),
                        organisation_id: Set(*id),
                    })
            })
            .collect();
        for rows in rows.chunks(BATCH) {
            pm::Entity::insert_many(rows.to_vec()).exec(db).await?;
        }
    }
    Ok(())
}

/// Recomputes which organisations one portal shows.
pub(crate) async fn refresh_portal(
    db: &impl ConnectionTrait,
    portal_id: i64,
    scope: &PortalScope,
) -> StoreResult<()> {
    let curated: HashMap<i64, Curation> = curations::Entity::find()
        .filter(curations::Column::PortalId.eq(portal_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| Curation::parse(&c.curation).map(|cur| (c.organisation_id, cur)))
        .collect();
    let mut area_map: HashMap<i64, Vec<MunicipalityCode>> = HashMap::new();
    if !scope.is_nationwide() {
        let rows: Vec<(i64, String)> = areas::Entity::find()
            .select_only()
            .column(areas::Column::OrganisationId)
            .column(areas::Column::AreaCode)
            .into_tuple()
            .all(db)
            .await?;
        for (id, code) in rows {
            if let Ok(c) = MunicipalityCode::parse(&code) {
                area_map.entry(id).or_default().push(c);
            }
        }
    }
    let rows: Vec<ReachRow> = orgs::Entity::find()
        .select_only()
        .column(orgs::Column::Id)
        .column(orgs::Column::PrefectureCode)
        .column(orgs::Column::MunicipalityCode)
        .column(orgs::Column::ActivityFields)
        .column(orgs::Column::Sdgs)
        .into_tuple()
        .all(db)
        .await?;
    let members: Vec<i64> = rows
        .into_iter()
        .filter_map(|(id, pref, muni, fields, sdgs)| {
            let reach = OrganisationReach {
                prefecture: pref
                    .and_then(|p| u8::try_from(p).ok())
                    .and_then(PrefectureCode::new),
                municipality: muni.and_then(|m| MunicipalityCode::parse(&m).ok()),
                activity_areas: area_map.remove(&id).unwrap_or_default(),
                activity_fields: ActivityFields::from_bits(fields).unwrap_or_default(),
                sdgs: SdgGoals::from_bits(sdgs).unwrap_or_default(),
            };
            is_member(scope.matches(&reach), curated.get(&id).copied()).then_some(id)
        })
        .collect();
    let before: std::collections::HashSet<i64> = pm::Entity::find()
        .select_only()
        .column(pm::Column::OrganisationId)
        .filter(pm::Column::PortalId.eq(portal_id))
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let after: std::collections::HashSet<i64> = members.iter().copied().collect();
    // Organisations that joined or left the portal have a new portal facet in search.
    let moved: Vec<i64> = before.symmetric_difference(&after).copied().collect();
    crate::search_feed::touch_many(db, crate::search_feed::ORGANISATION, &moved).await?;
    pm::Entity::delete_many()
        .filter(pm::Column::PortalId.eq(portal_id))
        .exec(db)
        .await?;
    for chunk in members.chunks(BATCH) {
        let rows = chunk.iter().map(|&id| pm::ActiveModel {
            portal_id: Set(portal_id),
            organisation_id: Set(id),
        });
        pm::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}
