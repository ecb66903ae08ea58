//! Organisations: profiles and their activity areas; saving one refreshes its portal
//! memberships in the same transaction.

mod convert;
mod lists;

use crate::audit::{self, By, Event};
use crate::disclosure::{refresh, today_in_japan};
use crate::entities::{organisation_areas as areas, organisations as orgs, portal_memberships};
use crate::paging::PageRequest;
use crate::portals::{self, memberships};
use crate::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
pub(crate) use convert::active_model;
use convert::changed_fields;
pub(crate) use convert::to_domain;
use hiroba_domain::certification::Step;
use hiroba_domain::codes::{CorporateNumber, MunicipalityCode};
use hiroba_domain::organisations::{OrganisationFilter, OrganisationProfile};
use hiroba_domain::registries::provenance::{Closure, FieldSources, Origin};
use hiroba_domain::roles::OrgRole;
use hiroba_domain::scope::OrganisationReach;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// A stored organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: i64,
    pub profile: OrganisationProfile,
    /// Where the logo image is stored (see `hiroba-files`), if one was uploaded.
    pub logo_key: Option<String>,
    /// "We have no logo" — an answer, for the ★ rubric.
    pub logo_none: bool,
    /// When staff last saved or confirmed the profile.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The ★ level as last assessed (0–5).
    pub disclosure_level: u8,
    /// The highest certification step held, as last assessed.
    pub certification: Option<Step>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Who created it: people, or a registry import (then anyone may claim it).
    pub origin: Origin,
    /// Closed, dissolved or deleted from the register, per the registries.
    pub closure: Option<Closure>,
    /// The registered English name (NTA), if any.
    pub name_en: Option<String>,
}

impl Organisation {
    pub fn reach(&self) -> OrganisationReach {
        reach_of(&self.profile)
    }
}

pub(crate) fn reach_of(p: &OrganisationProfile) -> OrganisationReach {
    OrganisationReach {
        prefecture: p.address.prefecture,
        municipality: p.address.municipality,
        activity_areas: p.activity_areas.clone(),
        activity_fields: p.activity_fields,
        sdgs: p.sdgs,
    }
}

/// Counts per activity field (index 0 = field 1) and per SDG (index 0 = goal 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldCounts {
    pub total: u64,
    pub fields: [u64; 20],
    pub sdgs: [u64; 17],
}

/// An organisation to insert; `updated_at` keeps a date known from elsewhere (a registry's
/// update date, or the demo's spread of dates) instead of now.
#[derive(Debug, Clone, Copy)]
pub struct NewOrganisation<'a> {
    pub profile: &'a OrganisationProfile,
    pub updated_at: Option<DateTime<Utc>>,
}

/// What to list: optionally one portal's members, filtered, in 五十音 order.
#[derive(Debug, Clone)]
pub struct OrganisationQuery {
    pub portal_id: Option<i64>,
    pub filter: OrganisationFilter,
    pub page: PageRequest,
}

pub struct Organisations<'a> {
    store: &'a Store,
}

impl<'a> Organisations<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    pub async fn create(&self, profile: &OrganisationProfile, by: By) -> StoreResult<Organisation> {
        let ids = self
            .create_many(
                &[NewOrganisation {
                    profile,
                    updated_at: None,
                }],
                by,
            )
            .await?;
        self.get(ids[0]).await?.ok_or(StoreError::NotFound)
    }

    /// A signed-in person registers a new organisation and becomes its owner.
    pub async fn register(
        &self,
        profile: &OrganisationProfile,
        owner_user_id: i64,
    ) -> StoreResult<Organisation> {
        let by = By::user(owner_user_id);
        let id = self
            .store
            .write_txn(async |txn| {
                let scopes = portals::load_scopes(txn).await?;
                let id = insert(txn, profile, Utc::now(), &scopes, by).await?;
                crate::team::grant_org(txn, id, owner_user_id, OrgRole::Owner, by).await?;
                Ok(id)
            })
            .await?;
        self.get(id).await?.ok_or(StoreError::NotFound)
    }

    /// Inserts many organisations in one transaction (all or none), with their memberships.
    pub async fn create_many(
        &self,
        items: &[NewOrganisation<'_>],
        by: By,
    ) -> StoreResult<Vec<i64>> {
        self.store
            .write_txn(async |txn| {
                let scopes = portals::load_scopes(txn).await?;
                let now = Utc::now();
                let mut ids = Vec::with_capacity(items.len());
                for item in items {
                    ids.push(
                        insert(
                            txn,
                            item.profile,
                            item.updated_at.unwrap_or(now),
                            &scopes,
                            by,
                        )
                        .await?,
                    );
                }
                Ok(ids)
            })
            .await
    }

    pub async fn update(
        &self,
        id: i64,
        profile: &OrganisationProfile,
        by: By,
    ) -> StoreResult<Organisation> {
        self.store
            .write_txn(async |txn| {
                let Some(before) = orgs::Entity::find_by_id(id).one(txn).await? else {
                    return Err(StoreError::NotFound);
                };
                let mut sources = FieldSources::from_json(&before.field_sources);
                let before = to_domain(before, area_codes(txn, id).await?)?;
                let changed = changed_fields(&before.profile, profile);
                // What people change becomes theirs: no import overwrites it afterwards.
                sources.forget_form_fields(&changed);
                let now = Utc::now();
                let mut am = active_model(profile, now);
                am.id = Set(id);
                am.field_sources = Set(sources.to_json());
                // Staff saving the whole profile have reviewed it; a registry update has not.
                if by.user_id.is_some() {
                    am.reviewed_at = Set(Some(now));
                }
                am.update(txn)
                    .await
                    .map_err(StoreError::conflict_on("corporate_number"))?;
                areas::Entity::delete_many()
                    .filter(areas::Column::OrganisationId.eq(id))
                    .exec(txn)
                    .await?;
                insert_areas(txn, id, &profile.activity_areas).await?;
                let scopes = portals::load_scopes(txn).await?;
                memberships::refresh_organisation(txn, id, &reach_of(profile), &scopes).await?;
                audit::record(
                    txn,
                    by,
                    Event::new("organisation.update", "organisation", id)
                        .organisation(id)
                        .details(serde_json::json!({ "changed": changed })),
                )
                .await?;
                refresh(txn, id, today_in_japan(), by).await?;
                Ok(())
            })
            .await?;
        self.get(id).await?.ok_or(StoreError::NotFound)
    }

    /// Records that staff confirmed the profile is current, without changing it.
    pub async fn mark_reviewed(&self, id: i64, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let found = orgs::Entity::update_many()
                    .col_expr(orgs::Column::ReviewedAt, Expr::value(Some(Utc::now())))
                    .filter(orgs::Column::Id.eq(id))
                    .exec(txn)
                    .await?
                    .rows_affected;
                if found == 0 {
                    return Err(StoreError::NotFound);
                }
                audit::record(
                    txn,
                    by,
                    Event::new("organisation.review", "organisation", id).organisation(id),
                )
                .await?;
                refresh(txn, id, today_in_japan(), by).await?;
                Ok(())
            })
            .await
    }

    /// Sets the logo (a file already stored under `key`), or records that there is none
    /// (`key` None and `none` true), or clears both. Returns the previous key, whose file the
    /// caller deletes once this has committed.
    pub async fn set_logo(
        &self,
        id: i64,
        key: Option<&str>,
        none: bool,
        by: By,
    ) -> StoreResult<Option<String>> {
        self.store
            .write_txn(async |txn| {
                let Some(row) = orgs::Entity::find_by_id(id).one(txn).await? else {
                    return Err(StoreError::NotFound);
                };
                let previous = row.logo_key.clone();
                let mut am: orgs::ActiveModel = row.into();
                am.logo_key = Set(key.map(str::to_owned));
                am.logo_none = Set(key.is_none() && none);
                am.updated_at = Set(Utc::now());
                am.update(txn).await?;
                audit::record(
                    txn,
                    by,
                    Event::new("organisation.logo", "organisation", id)
                        .organisation(id)
                        .details(serde_json::json!({ "logo": key.is_some(), "none": none })),
                )
                .await?;
                refresh(txn, id, today_in_japan(), by).await?;
                Ok(previous.filter(|p| Some(p.as_str()) != key))
            })
            .await
    }

    pub async fn get(&self, id: i64) -> StoreResult<Option<Organisation>> {
        let Some(model) = orgs::Entity::find_by_id(id).one(&self.store.read).await? else {
            return Ok(None);
        };
        let mut with_areas = attach_areas(&self.store.read, vec![model]).await?;
        Ok(with_areas.pop())
    }

    /// The organisations with these ids that exist, in id order (search results are loaded
    /// this way, one query for a page; the caller restores their ranking).
    pub async fn get_many(&self, ids: &[i64]) -> StoreResult<Vec<Organisation>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let models = orgs::Entity::find()
            .filter(orgs::Column::Id.is_in(ids.iter().copied()))
            .order_by_asc(orgs::Column::Id)
            .all(&self.store.read)
            .await?;
        attach_areas(&self.store.read, models).await
    }

    pub async fn find_by_corporate_number(
        &self,
        number: &CorporateNumber,
    ) -> StoreResult<Option<Organisation>> {
        let Some(model) = orgs::Entity::find()
            .filter(orgs::Column::CorporateNumber.eq(number.to_string()))
            .one(&self.store.read)
            .await?
        else {
            return Ok(None);
        };
        Ok(attach_areas(&self.store.read, vec![model]).await?.pop())
    }

    /// Deletes an organisation; its areas, memberships, curations and roles go with it.
    pub async fn delete(&self, id: i64, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let Some(org) = orgs::Entity::find_by_id(id).one(txn).await? else {
                    return Err(StoreError::NotFound);
                };
                orgs::Entity::delete_by_id(id).exec(txn).await?;
                crate::search_feed::touch(txn, crate::search_feed::ORGANISATION, id).await?;
                audit::record(
                    txn,
                    by,
                    Event::new("organisation.delete", "organisation", id)
                        .details(serde_json::json!({ "name": org.name })),
                )
                .await
            })
            .await
    }

    /// Ids of the portals that show this organisation.
    pub async fn portal_ids(&self, id: i64) -> StoreResult<Vec<i64>> {
        Ok(portal_memberships::Entity::find()
            .filter(portal_memberships::Column::OrganisationId.eq(id))
            .order_by_asc(portal_memberships::Column::PortalId)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|m| m.portal_id)
            .collect())
    }
}

async fn insert(
    txn: &impl ConnectionTrait,
    profile: &OrganisationProfile,
    at: DateTime<Utc>,
    scopes: &[portals::ScopeRow],
    by: By,
) -> StoreResult<i64> {
    let mut am = active_model(profile, at);
    am.created_at = Set(at);
    // Registered by a person: they have just gone through the whole profile.
    if by.user_id.is_some() {
        am.reviewed_at = Set(Some(Utc::now()));
    }
    let model = am
        .insert(txn)
        .await
        .map_err(StoreError::conflict_on("corporate_number"))?;
    insert_areas(txn, model.id, &profile.activity_areas).await?;
    memberships::refresh_organisation(txn, model.id, &reach_of(profile), scopes).await?;
    audit::record(
        txn,
        by,
        Event::new("organisation.create", "organisation", model.id)
            .organisation(model.id)
            .details(serde_json::json!({ "name": profile.name })),
    )
    .await?;
    refresh(txn, model.id, today_in_japan(), by).await?;
    Ok(model.id)
}

async fn insert_areas(
    db: &impl ConnectionTrait,
    id: i64,
    codes: &[MunicipalityCode],
) -> StoreResult<()> {
    if codes.is_empty() {
        return Ok(());
    }
    let rows = codes.iter().enumerate().map(|(i, c)| areas::ActiveModel {
        organisation_id: Set(id),
        area_code: Set(c.to_string()),
        position: Set(i as i32),
    });
    areas::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

pub(crate) async fn area_codes(db: &impl ConnectionTrait, id: i64) -> StoreResult<Vec<String>> {
    Ok(areas::Entity::find()
        .filter(areas::Column::OrganisationId.eq(id))
        .order_by_asc(areas::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.area_code)
        .collect())
}

/// Loads the activity areas of `models` in one query and builds domain records.
pub(crate) async fn attach_areas(
    db: &impl ConnectionTrait,
    models: Vec<orgs::Model>,
) -> StoreResult<Vec<Organisation>> {
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let mut by_org: HashMap<i64, Vec<String>> = HashMap::new();
    if !ids.is_empty() {
        for a in areas::Entity::find()
            .filter(areas::Column::OrganisationId.is_in(ids))
            .order_by_asc(areas::Column::OrganisationId)
            .order_by_asc(areas::Column::Position)
            .all(db)
            .await?
        {
            by_org
                .entry(a.organisation_id)
                .or_default()
                .push(a.area_code);
        }
    }
    models
        .into_iter()
        .map(|m| {
            let areas = by_org.remove(&m.id).unwrap_or_default();
            to_domain(m, areas)
        })
        .collect()
}
