//! Certification records (see `hiroba_domain::certification`): grants by portal operators,
//! STEP1 kept automatically with the ★ level, expiry and revocation as states so the whole
//! history stays readable.

use crate::audit::{self, By, Event};
use crate::disclosure::{assess, refresh};
use crate::entities::{
    certifications as rows, organisations as orgs, portal_memberships, portals, users,
};
use crate::{Store, StoreError, StoreResult};
use chrono::{NaiveDate, Utc};
use hiroba_domain::certification::{self, GrantDecision, Refusal, Status, Step};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificationRecord {
    pub id: i64,
    pub organisation_id: i64,
    pub portal_id: Option<i64>,
    pub portal_name_ja: Option<String>,
    pub portal_name_en: Option<String>,
    pub step: Step,
    pub status: Status,
    pub granted_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub granted_by: Option<String>,
    /// What the operator checked. Shown to the organisation and operators, not the public.
    pub notes: Option<String>,
    pub ended_on: Option<NaiveDate>,
    pub end_note: Option<String>,
}

impl CertificationRecord {
    pub fn holds_on(&self, today: NaiveDate) -> bool {
        self.status == Status::Active && self.expires_on.is_none_or(|e| today < e)
    }
}

/// An organisation an operator may want to certify or renew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    pub organisation_id: i64,
    pub name: String,
    pub level: u8,
    pub step: Option<Step>,
    /// When the portal's own STEP2/3 ends, if it holds one.
    pub expires_on: Option<NaiveDate>,
}

pub struct Certifications<'a> {
    store: &'a Store,
}

/// Days before expiry when an organisation shows up again in the renewal queue.
pub const RENEWAL_WINDOW_DAYS: i64 = 60;

impl<'a> Certifications<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// Every record of the organisation, newest first.
    pub async fn history(&self, organisation_id: i64) -> StoreResult<Vec<CertificationRecord>> {
        let rows = rows::Entity::find()
            .filter(rows::Column::OrganisationId.eq(organisation_id))
            .order_by_desc(rows::Column::GrantedOn)
            .order_by_desc(rows::Column::Id)
            .all(&self.store.read)
            .await?;
        let portal_ids: Vec<i64> = rows.iter().filter_map(|r| r.portal_id).collect();
        let user_ids: Vec<i64> = rows.iter().filter_map(|r| r.granted_by).collect();
        let portal_names: HashMap<i64, (String, String)> = if portal_ids.is_empty() {
            HashMap::new()
        } else {
            portals::Entity::find()
                .filter(portals::Column::Id.is_in(portal_ids))
                .all(&self.store.read)
                .await?
                .into_iter()
                .map(|p| (p.id, (p.name_ja, p.name_en)))
                .collect()
        };
        let user_names: HashMap<i64, String> = if user_ids.is_empty() {
            HashMap::new()
        } else {
            users::Entity::find()
                .filter(users::Column::Id.is_in(user_ids))
                .all(&self.store.read)
                .await?
                .into_iter()
                .map(|u| (u.id, u.display_name))
                .collect()
        };
        rows.into_iter()
            .map(|r| {
                let corrupt = |f: &str| StoreError::Corrupt(format!("certification {} {f}", r.id));
                let names = r.portal_id.and_then(|p| portal_names.get(&p).cloned());
                Ok(CertificationRecord {
                    id: r.id,
                    organisation_id: r.organisation_id,
                    portal_id: r.portal_id,
                    portal_name_ja: names.as_ref().map(|n| n.0.clone()),
                    portal_name_en: names.map(|n| n.1),
                    step: u8::try_from(r.step)
                        .ok()
                        .and_then(Step::from_number)
                        .ok_or_else(|| corrupt("step"))?,
                    status: Status::parse(&r.status).ok_or_else(|| corrupt("status"))?,
                    granted_on: r.granted_on,
                    expires_on: r.expires_on,
                    granted_by: r.granted_by.and_then(|u| user_names.get(&u).cloned()),
                    notes: r.notes,
                    ended_on: r.ended_on,
                    end_note: r.end_note,
                })
            })
            .collect()
    }

    pub async fn get(&self, id: i64) -> StoreResult<Option<CertificationRecord>> {
        let Some(row) = rows::Entity::find_by_id(id).one(&self.store.read).await? else {
            return Ok(None);
        };
        Ok(self
            .history(row.organisation_id)
            .await?
            .into_iter()
            .find(|r| r.id == id))
    }

    /// Grants a step on behalf of `portal_id`, if the organisation qualifies today.
    pub async fn grant(
        &self,
        organisation_id: i64,
        portal_id: i64,
        decision: &GrantDecision,
        today: NaiveDate,
        by: By,
    ) -> StoreResult<Result<i64, Refusal>> {
        self.store
            .write_txn(async |txn| {
                let standing = assess(txn, organisation_id, today).await?;
                if let Err(refusal) = certification::may_grant(
                    decision.step,
                    standing.assessment.level,
                    &standing.grants,
                    today,
                ) {
                    return Ok(Err(refusal));
                }
                let model = rows::ActiveModel {
                    organisation_id: Set(organisation_id),
                    portal_id: Set(Some(portal_id)),
                    step: Set(i16::from(decision.step.number())),
                    status: Set(Status::Active.code().to_owned()),
                    granted_on: Set(decision.granted_on),
                    expires_on: Set(decision.expires_on),
                    granted_by: Set(by.user_id),
                    notes: Set(decision.notes.clone()),
                    ended_on: Set(None),
                    ended_by: Set(None),
                    end_note: Set(None),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                audit::record(
                    txn,
                    by,
                    Event::new("certification.grant", "organisation", organisation_id)
                        .organisation(organisation_id)
                        .portal(portal_id)
                        .details(serde_json::json!({
                            "step": decision.step.code(),
                            "expires_on": decision.expires_on,
                        })),
                )
                .await?;
                refresh(txn, organisation_id, today, by).await?;
                Ok(Ok(model.id))
            })
            .await
    }

    /// Withdraws an active grant before its time, with a reason.
    pub async fn revoke(
        &self,
        id: i64,
        note: Option<String>,
        today: NaiveDate,
        by: By,
    ) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let row = rows::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                if row.status != Status::Active.code() || row.step == 1 {
                    return Err(StoreError::Conflict("certification"));
                }
                let organisation_id = row.organisation_id;
                let portal_id = row.portal_id;
                let step = row.step;
                let mut am: rows::ActiveModel = row.into();
                am.status = Set(Status::Revoked.code().to_owned());
                am.ended_on = Set(Some(today));
                am.ended_by = Set(by.user_id);
                am.end_note = Set(note.clone());
                am.update(txn).await?;
                let mut event = Event::new("certification.revoke", "organisation", organisation_id)
                    .organisation(organisation_id)
                    .details(serde_json::json!({ "step": format!("step{step}") }));
                if let Some(p) = portal_id {
                    event = event.portal(p);
                }
                audit::record(txn, by, event).await?;
                refresh(txn, organisation_id, today, by).await?;
                Ok(())
            })
            .await
    }

    /// The portal's certification queue: organisations it lists at ★3 or above that hold no
    /// STEP2/3 of this portal, or whose grant ends within [`RENEWAL_WINDOW_DAYS`].
    pub async fn queue(&self, portal_id: i64, today: NaiveDate) -> StoreResult<Vec<QueueItem>> {
        let members: Vec<(i64, String, i16, i16)> = orgs::Entity::find()
            .select_only()
            .column(orgs::Column::Id)
            .column(orgs::Column::Name)
            .column(orgs::Column::DisclosureLevel)
            .column(orgs::Column::CertificationStep)
            .filter(
                orgs::Column::Id.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(portal_memberships::Column::OrganisationId)
                        .from(portal_memberships::Entity)
                        .and_where(portal_memberships::Column::PortalId.eq(portal_id))
                        .to_owned(),
                ),
            )
            .filter(orgs::Column::DisclosureLevel.gte(i16::from(certification::STEP1_LEVEL)))
            .order_by_desc(orgs::Column::DisclosureLevel)
            .order_by_asc(orgs::Column::SortKey)
            .into_tuple()
            .all(&self.store.read)
            .await?;
        let ids: Vec<i64> = members.iter().map(|m| m.0).collect();
        let mut own: HashMap<i64, NaiveDate> = HashMap::new();
        if !ids.is_empty() {
            for r in rows::Entity::find()
                .filter(rows::Column::OrganisationId.is_in(ids))
                .filter(rows::Column::PortalId.eq(portal_id))
                .filter(rows::Column::Status.eq(Status::Active.code()))
                .all(&self.store.read)
                .await?
            {
                if let Some(e) = r.expires_on.filter(|e| *e > today) {
                    let slot = own.entry(r.organisation_id).or_insert(e);
                    *slot = (*slot).max(e);
                }
            }
        }
        let window = chrono::Duration::days(RENEWAL_WINDOW_DAYS);
        Ok(members
            .into_iter()
            .filter_map(|(id, name, level, step)| {
                let expires_on = own.get(&id).copied();
                let due = expires_on.is_none_or(|e| e - today <= window);
                due.then(|| QueueItem {
                    organisation_id: id,
                    name,
                    level: u8::try_from(level).unwrap_or(0),
                    step: u8::try_from(step).ok().and_then(Step::from_number),
                    expires_on,
                })
            })
            .collect())
    }
}
