//! Portals: settings, branding, scope and the operator's curation.

pub(crate) mod memberships;

use crate::audit::{self, By, Event};
use crate::entities::{portal_curations as curations, portal_memberships, portals};
use crate::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use hiroba_domain::codes::MunicipalityCode;
use hiroba_domain::colour::Colour;
use hiroba_domain::portals::{Branding, PortalKind, PortalScope, PortalSettings, PortalSlug};
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::scope::Curation;
use hiroba_domain::{Invalid, activity_fields::ActivityFields, sdgs::SdgGoals};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portal {
    pub id: i64,
    pub settings: PortalSettings,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A portal's id and scope, as membership computation needs them.
#[derive(Debug, Clone)]
pub(crate) struct ScopeRow {
    pub id: i64,
    pub scope: PortalScope,
}

pub struct Portals<'a> {
    store: &'a Store,
}

impl<'a> Portals<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    pub async fn create(&self, settings: &PortalSettings, by: By) -> StoreResult<Portal> {
        let model = self
            .store
            .write_txn(async |txn| {
                let now = Utc::now();
                let mut am = active_model(settings, now);
                am.created_at = Set(now);
                let model = am
                    .insert(txn)
                    .await
                    .map_err(StoreError::conflict_on("slug"))?;
                memberships::refresh_portal(txn, model.id, &settings.scope).await?;
                audit::record(
                    txn,
                    by,
                    Event::new("portal.create", "portal", model.id)
                        .portal(model.id)
                        .details(serde_json::json!({ "slug": settings.slug.as_str() })),
                )
                .await?;
                Ok(model)
            })
            .await?;
        to_domain(model)
    }

    pub async fn update(&self, id: i64, settings: &PortalSettings, by: By) -> StoreResult<Portal> {
        let model = self
            .store
            .write_txn(async |txn| {
                let Some(before) = portals::Entity::find_by_id(id).one(txn).await? else {
                    return Err(StoreError::NotFound);
                };
                let before = to_domain(before)?;
                let mut am = active_model(settings, Utc::now());
                am.id = Set(id);
                let model = am
                    .update(txn)
                    .await
                    .map_err(StoreError::conflict_on("slug"))?;
                memberships::refresh_portal(txn, id, &settings.scope).await?;
                let changed = changed_settings(&before.settings, settings);
                audit::record(
                    txn,
                    by,
                    Event::new("portal.update", "portal", id)
                        .portal(id)
                        .details(serde_json::json!({ "changed": changed })),
                )
                .await?;
                Ok(model)
            })
            .await?;
        to_domain(model)
    }

    pub async fn get(&self, id: i64) -> StoreResult<Option<Portal>> {
        portals::Entity::find_by_id(id)
            .one(&self.store.read)
            .await?
            .map(to_domain)
            .transpose()
    }

    pub async fn get_by_slug(&self, slug: &str) -> StoreResult<Option<Portal>> {
        portals::Entity::find()
            .filter(portals::Column::Slug.eq(slug))
            .one(&self.store.read)
            .await?
            .map(to_domain)
            .transpose()
    }

    /// Every portal, oldest first.
    pub async fn list(&self) -> StoreResult<Vec<Portal>> {
        portals::Entity::find()
            .order_by_asc(portals::Column::Id)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(to_domain)
            .collect()
    }

    /// How many organisations each portal shows.
    pub async fn member_counts(&self) -> StoreResult<HashMap<i64, u64>> {
        let rows: Vec<(i64, i64)> = portal_memberships::Entity::find()
            .select_only()
            .column(portal_memberships::Column::PortalId)
            .column_as(
                Expr::from(Func::count(Expr::col(
                    portal_memberships::Column::OrganisationId,
                ))),
                "n",
            )
            .group_by(portal_memberships::Column::PortalId)
            .into_tuple()
            .all(&self.store.read)
            .await?;
        Ok(rows.into_iter().map(|(p, n)| (p, n as u64)).collect())
    }

    pub async fn is_member(&self, portal_id: i64, organisation_id: i64) -> StoreResult<bool> {
        Ok(
            portal_memberships::Entity::find_by_id((portal_id, organisation_id))
                .one(&self.store.read)
                .await?
                .is_some(),
        )
    }

    /// Sets (or with `None` clears) the operator's decision about one organisation.
    pub async fn set_curation(
        &self,
        portal_id: i64,
        organisation_id: i64,
        curation: Option<Curation>,
        by: By,
    ) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let org = crate::entities::organisations::Entity::find_by_id(organisation_id)
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                curations::Entity::delete_many()
                    .filter(curations::Column::PortalId.eq(portal_id))
                    .filter(curations::Column::OrganisationId.eq(organisation_id))
                    .exec(txn)
                    .await?;
                if let Some(c) = curation {
                    curations::ActiveModel {
                        portal_id: Set(portal_id),
                        organisation_id: Set(organisation_id),
                        curation: Set(c.code().to_owned()),
                        created_at: Set(Utc::now()),
                    }
                    .insert(txn)
                    .await?;
                }
                let areas = crate::organisations::area_codes(txn, organisation_id).await?;
                let org = crate::organisations::to_domain(org, areas)?;
                let scopes = load_scopes(txn).await?;
                memberships::refresh_organisation(txn, organisation_id, &org.reach(), &scopes)
                    .await?;
                crate::search_feed::touch(txn, crate::search_feed::ORGANISATION, organisation_id)
                    .await?;
                audit::record(
                    txn,
                    by,
                    Event::new("portal.curation", "organisation", organisation_id)
                        .portal(portal_id)
                        .details(serde_json::json!({ "curation": curation.map(|c| c.code()) })),
                )
                .await
            })
            .await
    }

    pub async fn curations(&self, portal_id: i64) -> StoreResult<Vec<(i64, Curation)>> {
        curations::Entity::find()
            .filter(curations::Column::PortalId.eq(portal_id))
            .order_by_asc(curations::Column::OrganisationId)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|c| {
                Curation::parse(&c.curation)
                    .map(|cur| (c.organisation_id, cur))
                    .ok_or_else(|| StoreError::Corrupt(format!("curation {}", c.curation)))
            })
            .collect()
    }

    pub async fn count(&self) -> StoreResult<u64> {
        Ok(portals::Entity::find().count(&self.store.read).await?)
    }
}

pub(crate) async fn load_scopes(db: &impl ConnectionTrait) -> StoreResult<Vec<ScopeRow>> {
    portals::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(ScopeRow {
                id: m.id,
                scope: scope_of(&m)?,
            })
        })
        .collect()
}

fn join_codes<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn split_codes<T>(s: &str, parse: impl Fn(&str) -> Result<T, Invalid>) -> Result<Vec<T>, Invalid> {
    s.split(',').filter(|c| !c.is_empty()).map(parse).collect()
}

/// Names of the settings that differ, for the audit log.
fn changed_settings(before: &PortalSettings, after: &PortalSettings) -> Vec<String> {
    let a = serde_json::to_value(before).unwrap_or_default();
    let b = serde_json::to_value(after).unwrap_or_default();
    let mut changed = Vec::new();
    for section in [
        "slug",
        "name_ja",
        "name_en",
        "kind",
        "operator_organisation_id",
        "scope",
        "branding",
    ] {
        if a.get(section) != b.get(section) {
            changed.push(section.to_owned());
        }
    }
    changed
}

fn active_model(s: &PortalSettings, now: DateTime<Utc>) -> portals::ActiveModel {
    portals::ActiveModel {
        slug: Set(s.slug.to_string()),
        name_ja: Set(s.name_ja.clone()),
        name_en: Set(s.name_en.clone()),
        kind: Set(s.kind.code().to_owned()),
        operator_organisation_id: Set(s.operator_organisation_id),
        scope_prefectures: Set(join_codes(&s.scope.prefectures)),
        scope_municipalities: Set(join_codes(&s.scope.municipalities)),
        scope_activity_fields: Set(s.scope.activity_fields.bits()),
        scope_sdgs: Set(s.scope.sdgs.bits()),
        primary_colour: Set(s.branding.primary_colour.to_string()),
        accent_colour: Set(s.branding.accent_colour.to_string()),
        logo_url: Set(s.branding.logo_url.clone()),
        intro_ja: Set(s.branding.intro_ja.clone()),
        intro_en: Set(s.branding.intro_en.clone()),
        updated_at: Set(now),
        ..Default::default()
    }
}

fn scope_of(m: &portals::Model) -> StoreResult<PortalScope> {
    let corrupt = |field: &str| {
        let id = m.id;
        let field = field.to_owned();
        move |e: Invalid| StoreError::Corrupt(format!("portal {id} {field}: {e}"))
    };
    Ok(PortalScope {
        prefectures: split_codes(&m.scope_prefectures, PrefectureCode::parse)
            .map_err(corrupt("scope_prefectures"))?,
        municipalities: split_codes(&m.scope_municipalities, MunicipalityCode::parse)
            .map_err(corrupt("scope_municipalities"))?,
        activity_fields: ActivityFields::from_bits(m.scope_activity_fields)
            .map_err(corrupt("scope_activity_fields"))?,
        sdgs: SdgGoals::from_bits(m.scope_sdgs).map_err(corrupt("scope_sdgs"))?,
    })
}

fn to_domain(m: portals::Model) -> StoreResult<Portal> {
    let scope = scope_of(&m)?;
    let corrupt = |field: &'static str| {
        let id = m.id;
        move |e: Invalid| StoreError::Corrupt(format!("portal {id} {field}: {e}"))
    };
    let settings = PortalSettings {
        slug: PortalSlug::parse(&m.slug).map_err(corrupt("slug"))?,
        name_ja: m.name_ja,
        name_en: m.name_en,
        kind: PortalKind::parse(&m.kind).map_err(corrupt("kind"))?,
        operator_organisation_id: m.operator_organisation_id,
        scope,
        branding: Branding {
            primary_colour: Colour::parse(&m.primary_colour).map_err(corrupt("primary_colour"))?,
            accent_colour: Colour::parse(&m.accent_colour).map_err(corrupt("accent_colour"))?,
            logo_url: m.logo_url,
            intro_ja: m.intro_ja,
            intro_en: m.intro_en,
        },
    };
    Ok(Portal {
        id: m.id,
        settings,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}
