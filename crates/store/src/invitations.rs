//! Invitations by e-mail: owners invite editors to an organisation, operators invite operators
//! and editors to a portal.

use crate::audit::{self, By, Event};
use crate::entities::invitations as inv;
use crate::team::{grant_org, grant_portal};
use crate::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use hiroba_domain::roles::{InvitationRole, OrgRole, PortalRole};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Organisation(i64),
    Portal(i64),
}

impl Target {
    fn kind(&self) -> &'static str {
        match self {
            Target::Organisation(_) => "organisation",
            Target::Portal(_) => "portal",
        }
    }

    fn id(&self) -> i64 {
        match self {
            Target::Organisation(id) | Target::Portal(id) => *id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub target: Target,
    pub role: InvitationRole,
    pub invited_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

fn to_domain(m: inv::Model) -> Option<Invitation> {
    let (target, role) = match m.target_kind.as_str() {
        "organisation" => (
            Target::Organisation(m.target_id),
            InvitationRole::Organisation(OrgRole::parse(&m.role)?),
        ),
        "portal" => (
            Target::Portal(m.target_id),
            InvitationRole::Portal(PortalRole::parse(&m.role)?),
        ),
        _ => return None,
    };
    Some(Invitation {
        id: m.id,
        email: m.email,
        target,
        role,
        invited_by: m.invited_by,
        created_at: m.created_at,
        expires_at: m.expires_at,
        accepted_at: m.accepted_at,
    })
}

/// Why an invitation cannot be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationProblem {
    Unknown,
    Expired,
    Accepted,
}

pub struct Invitations<'a> {
    store: &'a Store,
}

fn audit_event(action: &'static str, target: Target, id: i64) -> Event {
    let e = Event::new(action, "invitation", id);
    match target {
        Target::Organisation(o) => e.organisation(o),
        Target::Portal(p) => e.portal(p),
    }
}

impl<'a> Invitations<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    pub async fn create(
        &self,
        target: Target,
        role: InvitationRole,
        email: &str,
        token_hash: &str,
        expires_at: DateTime<Utc>,
        by: By,
    ) -> StoreResult<Invitation> {
        let role_code = match (target, role) {
            (Target::Organisation(_), InvitationRole::Organisation(r)) => r.code(),
            (Target::Portal(_), InvitationRole::Portal(r)) => r.code(),
            _ => {
                return Err(StoreError::Corrupt(
                    "invitation role does not fit its target".into(),
                ));
            }
        };
        self.store
            .write_txn(async |txn| {
                let model = inv::ActiveModel {
                    token_hash: Set(token_hash.to_owned()),
                    email: Set(crate::users::email_key(email)),
                    target_kind: Set(target.kind().to_owned()),
                    target_id: Set(target.id()),
                    role: Set(role_code.to_owned()),
                    invited_by: Set(by.user_id),
                    created_at: Set(Utc::now()),
                    expires_at: Set(expires_at),
                    accepted_at: Set(None),
                    accepted_by: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                audit::record(
                    txn,
                    by,
                    audit_event("invitation.create", target, model.id)
                        .details(serde_json::json!({ "email": model.email, "role": role_code })),
                )
                .await?;
                to_domain(model).ok_or_else(|| StoreError::Corrupt("invitation".into()))
            })
            .await
    }

    pub async fn by_token(&self, token_hash: &str) -> StoreResult<Option<Invitation>> {
        Ok(inv::Entity::find()
            .filter(inv::Column::TokenHash.eq(token_hash))
            .one(&self.store.read)
            .await?
            .and_then(to_domain))
    }

    /// Accepts an invitation for `user_id`, granting its role, once.
    pub async fn accept(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<Invitation, InvitationProblem>> {
        let by = By::user(user_id);
        self.store
            .write_txn(async |txn| {
                let Some(model) = inv::Entity::find()
                    .filter(inv::Column::TokenHash.eq(token_hash))
                    .one(txn)
                    .await?
                else {
                    return Ok(Err(InvitationProblem::Unknown));
                };
                if model.accepted_at.is_some() {
                    return Ok(Err(InvitationProblem::Accepted));
                }
                if model.expires_at <= now {
                    return Ok(Err(InvitationProblem::Expired));
                }
                let invitation = to_domain(model.clone())
                    .ok_or_else(|| StoreError::Corrupt("invitation".into()))?;
                let mut am: inv::ActiveModel = model.into();
                am.accepted_at = Set(Some(now));
                am.accepted_by = Set(Some(user_id));
                am.update(txn).await?;
                match (invitation.target, invitation.role) {
                    (Target::Organisation(o), InvitationRole::Organisation(r)) => {
                        grant_org(txn, o, user_id, r, by).await?
                    }
                    (Target::Portal(p), InvitationRole::Portal(r)) => {
                        grant_portal(txn, p, user_id, r, by).await?
                    }
                    _ => {
                        return Err(StoreError::Corrupt(
                            "invitation role does not fit its target".into(),
                        ));
                    }
                }
                audit::record(
                    txn,
                    by,
                    audit_event("invitation.accept", invitation.target, invitation.id),
                )
                .await?;
                Ok(Ok(invitation))
            })
            .await
    }

    /// Open invitations of an organisation or a portal, newest first.
    pub async fn pending(
        &self,
        target: Target,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Invitation>> {
        Ok(inv::Entity::find()
            .filter(inv::Column::TargetKind.eq(target.kind()))
            .filter(inv::Column::TargetId.eq(target.id()))
            .filter(inv::Column::AcceptedAt.is_null())
            .filter(inv::Column::ExpiresAt.gt(now))
            .order_by_desc(inv::Column::Id)
            .all(&self.store.read)
            .await?
            .into_iter()
            .filter_map(to_domain)
            .collect())
    }

    /// Withdraws an open invitation of `target` (another target's invitation is "not found").
    pub async fn revoke(&self, target: Target, id: i64, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let deleted = inv::Entity::delete_many()
                    .filter(inv::Column::Id.eq(id))
                    .filter(inv::Column::TargetKind.eq(target.kind()))
                    .filter(inv::Column::TargetId.eq(target.id()))
                    .filter(inv::Column::AcceptedAt.is_null())
                    .exec(txn)
                    .await?;
                if deleted.rows_affected == 0 {
                    return Err(StoreError::NotFound);
                }
                audit::record(txn, by, audit_event("invitation.revoke", target, id)).await
            })
            .await
    }
}
