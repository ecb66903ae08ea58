//! Claims: a signed-in person asks to manage an organisation that already exists (for example
//! one imported from a registry); an operator of a portal that lists it decides.

use crate::audit::{self, By, Event};
use crate::entities::{claims, organisations, portal_memberships, users};
use crate::team::grant_org;
use crate::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use hiroba_domain::roles::{ClaimStatus, OrgRole};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub user_id: i64,
    pub claimant_name: String,
    pub claimant_email: String,
    pub message: String,
    pub status: ClaimStatus,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
}

pub struct Claims<'a> {
    store: &'a Store,
}

impl<'a> Claims<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// Files a claim; a second pending claim by the same person is a conflict.
    pub async fn create(
        &self,
        organisation_id: i64,
        user_id: i64,
        message: &str,
    ) -> StoreResult<Claim> {
        let id = self
            .store
            .write_txn(async |txn| {
                if organisations::Entity::find_by_id(organisation_id)
                    .one(txn)
                    .await?
                    .is_none()
                {
                    return Err(StoreError::NotFound);
                }
                let open = claims::Entity::find()
                    .filter(claims::Column::OrganisationId.eq(organisation_id))
                    .filter(claims::Column::UserId.eq(user_id))
                    .filter(claims::Column::Status.eq(ClaimStatus::Pending.code()))
                    .one(txn)
                    .await?;
                if open.is_some() {
                    return Err(StoreError::Conflict("claim"));
                }
                let model = claims::ActiveModel {
                    organisation_id: Set(organisation_id),
                    user_id: Set(user_id),
                    message: Set(message.to_owned()),
                    status: Set(ClaimStatus::Pending.code().to_owned()),
                    created_at: Set(Utc::now()),
                    decided_at: Set(None),
                    decided_by: Set(None),
                    decision_note: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                audit::record(
                    txn,
                    By::user(user_id),
                    Event::new("claim.create", "claim", model.id).organisation(organisation_id),
                )
                .await?;
                Ok(model.id)
            })
            .await?;
        self.get(id).await?.ok_or(StoreError::NotFound)
    }

    pub async fn get(&self, id: i64) -> StoreResult<Option<Claim>> {
        let rows = claims::Entity::find_by_id(id).all(&self.store.read).await?;
        Ok(self.with_names(rows).await?.pop())
    }

    /// Pending claims on organisations this portal lists, oldest first.
    pub async fn pending_for_portal(&self, portal_id: i64) -> StoreResult<Vec<Claim>> {
        let rows = claims::Entity::find()
            .filter(claims::Column::Status.eq(ClaimStatus::Pending.code()))
            .filter(
                claims::Column::OrganisationId.in_subquery(
                    Query::select()
                        .column(portal_memberships::Column::OrganisationId)
                        .from(portal_memberships::Entity)
                        .and_where(portal_memberships::Column::PortalId.eq(portal_id))
                        .take(),
                ),
            )
            .order_by_asc(claims::Column::Id)
            .all(&self.store.read)
            .await?;
        self.with_names(rows).await
    }

    pub async fn for_user(&self, user_id: i64) -> StoreResult<Vec<Claim>> {
        let rows = claims::Entity::find()
            .filter(claims::Column::UserId.eq(user_id))
            .order_by_desc(claims::Column::Id)
            .all(&self.store.read)
            .await?;
        self.with_names(rows).await
    }

    /// Approves (the claimant becomes owner) or rejects a pending claim, deciding for
    /// `portal_id`, whose log records it.
    pub async fn decide(
        &self,
        id: i64,
        approve: bool,
        note: &str,
        portal_id: i64,
        by: By,
    ) -> StoreResult<Claim> {
        self.store
            .write_txn(async |txn| {
                let model = claims::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                if model.status != ClaimStatus::Pending.code() {
                    return Err(StoreError::Conflict("claim_decided"));
                }
                let status = if approve {
                    ClaimStatus::Approved
                } else {
                    ClaimStatus::Rejected
                };
                let (org, user) = (model.organisation_id, model.user_id);
                let mut am: claims::ActiveModel = model.into();
                am.status = Set(status.code().to_owned());
                am.decided_at = Set(Some(Utc::now()));
                am.decided_by = Set(by.user_id);
                am.decision_note = Set(Some(note.to_owned()).filter(|n| !n.trim().is_empty()));
                am.update(txn).await?;
                if approve {
                    grant_org(txn, org, user, OrgRole::Owner, by).await?;
                }
                audit::record(
                    txn,
                    by,
                    Event::new("claim.decide", "claim", id)
                        .portal(portal_id)
                        .organisation(org)
                        .details(serde_json::json!({ "status": status.code() })),
                )
                .await
            })
            .await?;
        self.get(id).await?.ok_or(StoreError::NotFound)
    }

    async fn with_names(&self, rows: Vec<claims::Model>) -> StoreResult<Vec<Claim>> {
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let org = organisations::Entity::find_by_id(r.organisation_id)
                .one(&self.store.read)
                .await?;
            let user = users::Entity::find_by_id(r.user_id)
                .one(&self.store.read)
                .await?;
            let (Some(org), Some(user)) = (org, user) else {
                continue;
            };
            out.push(Claim {
                id: r.id,
                organisation_id: r.organisation_id,
                organisation_name: org.name,
                user_id: r.user_id,
                claimant_name: user.display_name,
                claimant_email: user.email,
                message: r.message,
                status: ClaimStatus::parse(&r.status).unwrap_or(ClaimStatus::Pending),
                created_at: r.created_at,
                decided_at: r.decided_at,
                decision_note: r.decision_note,
            });
        }
        Ok(out)
    }
}
