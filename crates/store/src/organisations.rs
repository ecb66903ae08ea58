//! Organisations: profiles and their activity areas; saving one refreshes its portal
//! memberships in the same transaction.

use crate::audit::{self, By, Event};
use crate::entities::{organisation_areas as areas, organisations as orgs, portal_memberships};
use crate::paging::{Cursor, Page, PageRequest};
use crate::portals::{self, memberships};
use crate::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use hiroba_domain::codes::{CorporateNumber, Email, MunicipalityCode, PostalCode, Website};
use hiroba_domain::ecosystem_roles::EcosystemRoles;
use hiroba_domain::legal_forms::LegalForm;
use hiroba_domain::organisations::{
    Address, OrganisationFilter, OrganisationInput, OrganisationProfile,
};
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::roles::OrgRole;
use hiroba_domain::scope::OrganisationReach;
use hiroba_domain::{activity_fields::ActivityFields, sdgs::SdgGoals};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, Set,
};
use std::collections::HashMap;

/// A stored organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: i64,
    pub profile: OrganisationProfile,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
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
                let before = to_domain(before, area_codes(txn, id).await?)?;
                let mut am = active_model(profile, Utc::now());
                am.id = Set(id);
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
                let changed = changed_fields(&before.profile, profile);
                audit::record(
                    txn,
                    by,
                    Event::new("organisation.update", "organisation", id)
                        .organisation(id)
                        .details(serde_json::json!({ "changed": changed })),
                )
                .await
            })
            .await?;
        self.get(id).await?.ok_or(StoreError::NotFound)
    }

    pub async fn get(&self, id: i64) -> StoreResult<Option<Organisation>> {
        let Some(model) = orgs::Entity::find_by_id(id).one(&self.store.read).await? else {
            return Ok(None);
        };
        let mut with_areas = attach_areas(&self.store.read, vec![model]).await?;
        Ok(with_areas.pop())
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

    pub async fn list(&self, q: &OrganisationQuery) -> StoreResult<Page<Organisation>> {
        let db = &self.store.read;
        let select = filtered(q.portal_id, &q.filter);
        match &q.page {
            PageRequest::Numbered { page, per_page } => {
                let total = select.clone().count(db).await?;
                let models = sorted(select)
                    .offset(page.saturating_sub(1).saturating_mul(*per_page))
                    .limit(*per_page)
                    .all(db)
                    .await?;
                let items = attach_areas(db, models).await?;
                Ok(Page {
                    items,
                    total: Some(total),
                    next: None,
                })
            }
            PageRequest::After { after, limit } => {
                let mut select = select;
                if let Some(c) = after {
                    select = select.filter(
                        Expr::tuple([
                            Expr::col(orgs::Column::SortKey),
                            Expr::col(orgs::Column::Id),
                        ])
                        .gt(Expr::tuple([
                            Expr::val(c.sort_key.clone()),
                            Expr::val(c.id),
                        ])),
                    );
                }
                // One extra row tells whether there is a next page.
                let mut models = sorted(select).limit(limit + 1).all(db).await?;
                let more = models.len() as u64 > *limit;
                models.truncate(*limit as usize);
                let next = models.last().filter(|_| more).map(|m| Cursor {
                    sort_key: m.sort_key.clone(),
                    id: m.id,
                });
                let items = attach_areas(db, models).await?;
                Ok(Page {
                    items,
                    total: None,
                    next,
                })
            }
        }
    }

    /// Deletes an organisation; its areas, memberships, curations and roles go with it.
    pub async fn delete(&self, id: i64, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let Some(org) = orgs::Entity::find_by_id(id).one(txn).await? else {
                    return Err(StoreError::NotFound);
                };
                orgs::Entity::delete_by_id(id).exec(txn).await?;
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

    pub async fn count(&self) -> StoreResult<u64> {
        Ok(orgs::Entity::find().count(&self.store.read).await?)
    }

    /// How many organisations (of a portal, or all) work in each activity field and on each
    /// SDG, counted in one query.
    pub async fn field_counts(&self, portal_id: Option<i64>) -> StoreResult<FieldCounts> {
        let mut q = Query::select();
        q.from(orgs::Entity).expr(Expr::cust("COUNT(*)"));
        // The masks are constants built here, never user input.
        for code in 1..=20u8 {
            q.expr(Expr::cust(format!(
                "COUNT(CASE WHEN (activity_fields & {}) <> 0 THEN 1 END)",
                ActivityFields::bit(code)
            )));
        }
        for code in 1..=17u8 {
            q.expr(Expr::cust(format!(
                "COUNT(CASE WHEN (sdgs & {}) <> 0 THEN 1 END)",
                SdgGoals::bit(code)
            )));
        }
        if let Some(portal_id) = portal_id {
            q.and_where(orgs::Column::Id.in_subquery(members_of(portal_id)));
        }
        let db = &self.store.read;
        let row = db
            .query_one_raw(db.get_database_backend().build(&q))
            .await?
            .ok_or(StoreError::NotFound)?;
        let get = |i: usize| -> StoreResult<u64> {
            Ok(u64::try_from(row.try_get_by_index::<i64>(i)?).unwrap_or(0))
        };
        let mut counts = FieldCounts {
            total: get(0)?,
            fields: [0; 20],
            sdgs: [0; 17],
        };
        for i in 0..20 {
            counts.fields[i] = get(1 + i)?;
        }
        for i in 0..17 {
            counts.sdgs[i] = get(21 + i)?;
        }
        Ok(counts)
    }

    /// The most recently updated organisations (of a portal, or all).
    pub async fn recently_updated(
        &self,
        portal_id: Option<i64>,
        limit: u64,
    ) -> StoreResult<Vec<Organisation>> {
        let models = filtered(portal_id, &OrganisationFilter::default())
            .order_by_desc(orgs::Column::UpdatedAt)
            .order_by_desc(orgs::Column::Id)
            .limit(limit)
            .all(&self.store.read)
            .await?;
        attach_areas(&self.store.read, models).await
    }

    /// Organisations whose name or reading contains `text` (for operators looking one up).
    pub async fn search_by_name(&self, text: &str, limit: u64) -> StoreResult<Vec<Organisation>> {
        let needle = text.trim();
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        // LIKE wildcards typed by the user match literally.
        let like = |s: &str| {
            format!(
                "%{}%",
                s.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        };
        let pattern = like(needle);
        let kana = like(&hiroba_domain::kana::sort_key(needle));
        let models = orgs::Entity::find()
            .filter(
                sea_orm::Condition::any()
                    .add(
                        Expr::col(orgs::Column::Name)
                            .like(sea_orm::sea_query::LikeExpr::new(&pattern).escape('\\')),
                    )
                    .add(
                        Expr::col(orgs::Column::SortKey)
                            .like(sea_orm::sea_query::LikeExpr::new(&kana).escape('\\')),
                    ),
            )
            .order_by_asc(orgs::Column::SortKey)
            .limit(limit)
            .all(&self.store.read)
            .await?;
        attach_areas(&self.store.read, models).await
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

fn members_of(portal_id: i64) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(portal_memberships::Column::OrganisationId)
        .from(portal_memberships::Entity)
        .and_where(portal_memberships::Column::PortalId.eq(portal_id))
        .take()
}

fn filtered(portal_id: Option<i64>, f: &OrganisationFilter) -> Select<orgs::Entity> {
    let mut s = orgs::Entity::find();
    if let Some(portal_id) = portal_id {
        s = s.filter(orgs::Column::Id.in_subquery(members_of(portal_id)));
    }
    if let Some(p) = f.prefecture {
        s = s.filter(orgs::Column::PrefectureCode.eq(i16::from(p.get())));
    }
    if let Some(m) = f.municipality {
        let (lo, hi) = m.covered_range();
        s = s.filter(orgs::Column::MunicipalityCode.between(lo, hi));
    }
    if let Some(field) = f.activity_field {
        s = s.filter(
            Expr::col(orgs::Column::ActivityFields)
                .bit_and(ActivityFields::bit(field))
                .ne(0),
        );
    }
    if let Some(goal) = f.sdg {
        s = s.filter(
            Expr::col(orgs::Column::Sdgs)
                .bit_and(SdgGoals::bit(goal))
                .ne(0),
        );
    }
    if let Some(form) = f.legal_form {
        s = s.filter(orgs::Column::LegalForm.eq(form.code()));
    }
    if let Some(number) = f.corporate_number {
        s = s.filter(orgs::Column::CorporateNumber.eq(number.to_string()));
    }
    s
}

fn sorted(s: Select<orgs::Entity>) -> Select<orgs::Entity> {
    s.order_by_asc(orgs::Column::SortKey)
        .order_by_asc(orgs::Column::Id)
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
    Ok(model.id)
}

/// Names of the profile fields that differ, for the audit log.
fn changed_fields(before: &OrganisationProfile, after: &OrganisationProfile) -> Vec<String> {
    let a = serde_json::to_value(OrganisationInput::from(before)).unwrap_or_default();
    let b = serde_json::to_value(OrganisationInput::from(after)).unwrap_or_default();
    match (a, b) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => b
            .iter()
            .filter(|(k, v)| a.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect(),
        _ => Vec::new(),
    }
}

fn active_model(p: &OrganisationProfile, now: DateTime<Utc>) -> orgs::ActiveModel {
    orgs::ActiveModel {
        name: Set(p.name.clone()),
        name_kana: Set(p.name_kana.clone()),
        sort_key: Set(p.sort_key()),
        legal_form: Set(p.legal_form.code().to_owned()),
        roles: Set(p.roles.bits()),
        corporate_number: Set(p.corporate_number.map(|c| c.to_string())),
        postal_code: Set(p.address.postal_code.map(|c| c.digits())),
        prefecture_code: Set(p.address.prefecture.map(|c| i16::from(c.get()))),
        municipality_code: Set(p.address.municipality.map(|c| c.to_string())),
        street: Set(p.address.street.clone()),
        street_public: Set(p.address.street_public),
        website: Set(p.website.as_ref().map(|w| w.to_string())),
        email: Set(p.email.as_ref().map(|e| e.to_string())),
        mission: Set(p.mission.clone()),
        description: Set(p.description.clone()),
        activity_fields: Set(p.activity_fields.bits()),
        sdgs: Set(p.sdgs.bits()),
        updated_at: Set(now),
        ..Default::default()
    }
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
async fn attach_areas(
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

fn corrupt(id: i64, field: &str) -> impl Fn(hiroba_domain::Invalid) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("organisation {id} {field}: {e}"))
}

fn opt<T>(
    v: Option<String>,
    parse: impl Fn(&str) -> Result<T, hiroba_domain::Invalid>,
) -> Result<Option<T>, hiroba_domain::Invalid> {
    v.as_deref().map(parse).transpose()
}

pub(crate) fn to_domain(m: orgs::Model, area_codes: Vec<String>) -> StoreResult<Organisation> {
    let id = m.id;
    let activity_areas = area_codes
        .iter()
        .map(|c| MunicipalityCode::parse(c))
        .collect::<Result<Vec<_>, _>>()
        .map_err(corrupt(id, "activity_areas"))?;
    let prefecture = m
        .prefecture_code
        .map(|c| {
            u8::try_from(c)
                .ok()
                .and_then(PrefectureCode::new)
                .ok_or(hiroba_domain::Invalid::UnknownPrefecture)
        })
        .transpose()
        .map_err(corrupt(id, "prefecture_code"))?;
    let profile = OrganisationProfile {
        name: m.name,
        name_kana: m.name_kana,
        legal_form: LegalForm::parse(&m.legal_form).map_err(corrupt(id, "legal_form"))?,
        roles: EcosystemRoles::from_bits(m.roles).map_err(corrupt(id, "roles"))?,
        corporate_number: opt(m.corporate_number, CorporateNumber::parse)
            .map_err(corrupt(id, "corporate_number"))?,
        address: Address {
            postal_code: opt(m.postal_code, PostalCode::parse)
                .map_err(corrupt(id, "postal_code"))?,
            prefecture,
            municipality: opt(m.municipality_code, MunicipalityCode::parse)
                .map_err(corrupt(id, "municipality_code"))?,
            street: m.street,
            street_public: m.street_public,
        },
        website: opt(m.website, Website::parse).map_err(corrupt(id, "website"))?,
        email: opt(m.email, Email::parse).map_err(corrupt(id, "email"))?,
        mission: m.mission,
        description: m.description,
        activity_fields: ActivityFields::from_bits(m.activity_fields)
            .map_err(corrupt(id, "activity_fields"))?,
        sdgs: SdgGoals::from_bits(m.sdgs).map_err(corrupt(id, "sdgs"))?,
        activity_areas,
    };
    Ok(Organisation {
        id,
        profile,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}
