//! The audit log: who changed what, when, on which record. Every mutation of the store takes a
//! [`By`] and writes its event in the same transaction as the change, so the log cannot miss a
//! change or record one that was rolled back.

use crate::entities::{audit_events as events, users};
use crate::{Store, StoreResult};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::Value;
use std::collections::HashMap;

/// Who is making a change: a signed-in person, or the system (demo, imports, jobs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct By {
    pub user_id: Option<i64>,
}

impl By {
    pub const SYSTEM: By = By { user_id: None };

    pub fn user(id: i64) -> By {
        By { user_id: Some(id) }
    }
}

/// One change, as recorded.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub action: &'static str,
    pub target_type: &'static str,
    pub target_id: Option<i64>,
    /// The portal whose log shows it.
    pub portal_id: Option<i64>,
    /// The organisation whose log shows it.
    pub organisation_id: Option<i64>,
    pub details: Value,
}

impl Event {
    pub fn new(action: &'static str, target_type: &'static str, target_id: i64) -> Event {
        Event {
            action,
            target_type,
            target_id: Some(target_id),
            portal_id: None,
            organisation_id: None,
            details: Value::Null,
        }
    }

    pub fn portal(mut self, id: i64) -> Event {
        self.portal_id = Some(id);
        self
    }

    pub fn organisation(mut self, id: i64) -> Event {
        self.organisation_id = Some(id);
        self
    }

    pub fn details(mut self, details: Value) -> Event {
        self.details = details;
        self
    }
}

pub(crate) async fn record(db: &impl ConnectionTrait, by: By, event: Event) -> StoreResult<()> {
    events::Entity::insert(row(by, event)).exec(db).await?;
    Ok(())
}

/// [`record`] for many events, a few statements per thousand (bulk imports).
pub(crate) async fn record_many(
    db: &impl ConnectionTrait,
    by: By,
    list: Vec<Event>,
) -> StoreResult<()> {
    let mut rows = list.into_iter().map(|e| row(by, e)).peekable();
    while rows.peek().is_some() {
        let chunk: Vec<events::ActiveModel> = rows.by_ref().take(500).collect();
        events::Entity::insert_many(chunk).exec(db).await?;
    }
    Ok(())
}

fn row(by: By, event: Event) -> events::ActiveModel {
    events::ActiveModel {
        at: Set(Utc::now()),
        actor_user_id: Set(by.user_id),
        action: Set(event.action.to_owned()),
        target_type: Set(event.target_type.to_owned()),
        target_id: Set(event.target_id),
        portal_id: Set(event.portal_id),
        organisation_id: Set(event.organisation_id),
        details: Set(if event.details.is_null() {
            "{}".into()
        } else {
            event.details.to_string()
        }),
        ..Default::default()
    }
}

/// A recorded change, for display.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub actor_name: Option<String>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<i64>,
    pub portal_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub details: Value,
}

/// Whose log to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditScope {
    Portal(i64),
    Organisation(i64),
    Everything,
}

pub struct Audit<'a> {
    store: &'a Store,
}

impl<'a> Audit<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// Newest first; `before` continues from an entry id.
    pub async fn list(
        &self,
        scope: AuditScope,
        before: Option<i64>,
        limit: u64,
    ) -> StoreResult<Vec<AuditEntry>> {
        let mut q = events::Entity::find();
        q = match scope {
            AuditScope::Portal(id) => q.filter(events::Column::PortalId.eq(id)),
            AuditScope::Organisation(id) => q.filter(events::Column::OrganisationId.eq(id)),
            AuditScope::Everything => q,
        };
        if let Some(before) = before {
            q = q.filter(events::Column::Id.lt(before));
        }
        let rows = q
            .order_by_desc(events::Column::Id)
            .limit(limit)
            .all(&self.store.read)
            .await?;
        let actor_ids: Vec<i64> = rows.iter().filter_map(|r| r.actor_user_id).collect();
        let names: HashMap<i64, String> = if actor_ids.is_empty() {
            HashMap::new()
        } else {
            users::Entity::find()
                .filter(users::Column::Id.is_in(actor_ids))
                .all(&self.store.read)
                .await?
                .into_iter()
                .map(|u| (u.id, u.display_name))
                .collect()
        };
        Ok(rows
            .into_iter()
            .map(|r| AuditEntry {
                id: r.id,
                at: r.at,
                actor_name: r.actor_user_id.and_then(|id| names.get(&id).cloned()),
                actor_user_id: r.actor_user_id,
                action: r.action,
                target_type: r.target_type,
                target_id: r.target_id,
                portal_id: r.portal_id,
                organisation_id: r.organisation_id,
                details: serde_json::from_str(&r.details).unwrap_or(Value::Null),
            })
            .collect())
    }

    /// When the newest entry about an organisation was written: since every change to it or
    /// its sections is logged in its own transaction (deletions too), the last time anything
    /// published about it changed. One row by the `(organisation_id, id)` index.
    pub async fn last_change(&self, organisation_id: i64) -> StoreResult<Option<DateTime<Utc>>> {
        Ok(events::Entity::find()
            .select_only()
            .column(events::Column::At)
            .filter(events::Column::OrganisationId.eq(organisation_id))
            .order_by_desc(events::Column::Id)
            .limit(1)
            .into_tuple::<DateTime<Utc>>()
            .one(&self.store.read)
            .await?)
    }
}
