//! Who works on which portal and which organisation.

use crate::audit::{self, By, Event};
use crate::entities::{organisation_roles as org_roles, portal_roles, users};
use crate::{Store, StoreError, StoreResult};
use chrono::Utc;
use hiroba_domain::roles::{OrgRole, PortalRole};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member<R> {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: R,
}

pub(crate) async fn grant_org(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    user_id: i64,
    role: OrgRole,
    by: By,
) -> StoreResult<()> {
    org_roles::Entity::insert(org_roles::ActiveModel {
        organisation_id: Set(organisation_id),
        user_id: Set(user_id),
        role: Set(role.code().to_owned()),
        created_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([org_roles::Column::OrganisationId, org_roles::Column::UserId])
            .update_column(org_roles::Column::Role)
            .to_owned(),
    )
    .exec(db)
    .await?;
    audit::record(
        db,
        by,
        Event::new("organisation.role.grant", "user", user_id)
            .organisation(organisation_id)
            .details(serde_json::json!({ "role": role.code() })),
    )
    .await
}

pub(crate) async fn grant_portal(
    db: &impl ConnectionTrait,
    portal_id: i64,
    user_id: i64,
    role: PortalRole,
    by: By,
) -> StoreResult<()> {
    portal_roles::Entity::insert(portal_roles::ActiveModel {
        portal_id: Set(portal_id),
        user_id: Set(user_id),
        role: Set(role.code().to_owned()),
        created_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([portal_roles::Column::PortalId, portal_roles::Column::UserId])
            .update_column(portal_roles::Column::Role)
            .to_owned(),
    )
    .exec(db)
    .await?;
    audit::record(
        db,
        by,
        Event::new("portal.role.grant", "user", user_id)
            .portal(portal_id)
            .details(serde_json::json!({ "role": role.code() })),
    )
    .await
}

async fn names(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> StoreResult<HashMap<i64, users::Model>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

pub struct Team<'a> {
    store: &'a Store,
}

impl<'a> Team<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    pub async fn grant_org_role(
        &self,
        organisation_id: i64,
        user_id: i64,
        role: OrgRole,
        by: By,
    ) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| grant_org(txn, organisation_id, user_id, role, by).await)
            .await
    }

    pub async fn grant_portal_role(
        &self,
        portal_id: i64,
        user_id: i64,
        role: PortalRole,
        by: By,
    ) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| grant_portal(txn, portal_id, user_id, role, by).await)
            .await
    }

    /// Removes someone from an organisation; its last owner cannot be removed.
    pub async fn remove_org_member(
        &self,
        organisation_id: i64,
        user_id: i64,
        by: By,
    ) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let row = org_roles::Entity::find_by_id((organisation_id, user_id))
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                if row.role == OrgRole::Owner.code() {
                    let owners = org_roles::Entity::find()
                        .filter(org_roles::Column::OrganisationId.eq(organisation_id))
                        .filter(org_roles::Column::Role.eq(OrgRole::Owner.code()))
                        .count(txn)
                        .await?;
                    if owners <= 1 {
                        return Err(StoreError::Conflict("last_owner"));
                    }
                }
                org_roles::Entity::delete_by_id((organisation_id, user_id))
                    .exec(txn)
                    .await?;
                audit::record(
                    txn,
                    by,
                    Event::new("organisation.role.remove", "user", user_id)
                        .organisation(organisation_id),
                )
                .await
            })
            .await
    }

    /// Removes someone from a portal's team; its last operator cannot be removed.
    pub async fn remove_portal_member(
        &self,
        portal_id: i64,
        user_id: i64,
        by: By,
    ) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let row = portal_roles::Entity::find_by_id((portal_id, user_id))
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                if row.role == PortalRole::Operator.code() {
                    let operators = portal_roles::Entity::find()
                        .filter(portal_roles::Column::PortalId.eq(portal_id))
                        .filter(portal_roles::Column::Role.eq(PortalRole::Operator.code()))
                        .count(txn)
                        .await?;
                    if operators <= 1 {
                        return Err(StoreError::Conflict("last_operator"));
                    }
                }
                portal_roles::Entity::delete_by_id((portal_id, user_id))
                    .exec(txn)
                    .await?;
                audit::record(
                    txn,
                    by,
                    Event::new("portal.role.remove", "user", user_id).portal(portal_id),
                )
                .await
            })
            .await
    }

    pub async fn organisation_team(
        &self,
        organisation_id: i64,
    ) -> StoreResult<Vec<Member<OrgRole>>> {
        let rows = org_roles::Entity::find()
            .filter(org_roles::Column::OrganisationId.eq(organisation_id))
            .order_by_asc(org_roles::Column::CreatedAt)
            .all(&self.store.read)
            .await?;
        let users = names(&self.store.read, rows.iter().map(|r| r.user_id).collect()).await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let u = users.get(&r.user_id)?;
                Some(Member {
                    user_id: r.user_id,
                    display_name: u.display_name.clone(),
                    email: u.email.clone(),
                    role: OrgRole::parse(&r.role)?,
                })
            })
            .collect())
    }

    pub async fn portal_team(&self, portal_id: i64) -> StoreResult<Vec<Member<PortalRole>>> {
        let rows = portal_roles::Entity::find()
            .filter(portal_roles::Column::PortalId.eq(portal_id))
            .order_by_asc(portal_roles::Column::CreatedAt)
            .all(&self.store.read)
            .await?;
        let users = names(&self.store.read, rows.iter().map(|r| r.user_id).collect()).await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let u = users.get(&r.user_id)?;
                Some(Member {
                    user_id: r.user_id,
                    display_name: u.display_name.clone(),
                    email: u.email.clone(),
                    role: PortalRole::parse(&r.role)?,
                })
            })
            .collect())
    }

    /// Portal ids a user works on, with roles.
    pub async fn portals_of(&self, user_id: i64) -> StoreResult<Vec<(i64, PortalRole)>> {
        Ok(portal_roles::Entity::find()
            .filter(portal_roles::Column::UserId.eq(user_id))
            .all(&self.store.read)
            .await?
            .into_iter()
            .filter_map(|r| PortalRole::parse(&r.role).map(|role| (r.portal_id, role)))
            .collect())
    }

    /// Organisation ids a user works on, with roles.
    pub async fn organisations_of(&self, user_id: i64) -> StoreResult<Vec<(i64, OrgRole)>> {
        Ok(org_roles::Entity::find()
            .filter(org_roles::Column::UserId.eq(user_id))
            .all(&self.store.read)
            .await?
            .into_iter()
            .filter_map(|r| OrgRole::parse(&r.role).map(|role| (r.organisation_id, role)))
            .collect())
    }

    /// Whether anyone manages the organisation (a claim makes sense only if not).
    pub async fn has_owner(&self, organisation_id: i64) -> StoreResult<bool> {
        Ok(org_roles::Entity::find()
            .filter(org_roles::Column::OrganisationId.eq(organisation_id))
            .filter(org_roles::Column::Role.eq(OrgRole::Owner.code()))
            .count(&self.store.read)
            .await?
            > 0)
    }
}
