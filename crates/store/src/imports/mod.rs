//! Registry imports: finding the organisations a batch of rows names, applying the planned
//! changes in one transaction per batch (with memberships, ★ levels, the search outbox, the
//! audit log and name/address history), and the log of import runs.

mod apply;
mod deferred;
mod listing;
mod runs;

pub use runs::{ImportRun, NewRun, RunCounts, RunStatus};

use crate::entities::{
    annual_reports, claims, organisation_documents, organisation_history as history,
    organisation_programmes, organisation_roles, organisations as orgs, outcome_metrics,
    portal_curations,
};
use crate::organisations::{attach_areas, reach_of};
use crate::{Store, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use hiroba_domain::codes::CorporateNumber;
use hiroba_domain::registries::plan::{Existing, Outcome, Plan, RegistryState};
use hiroba_domain::registries::provenance::{FieldSources, Origin, Source};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

/// What a batch of rows looks up: 法人番号, and exact names for rows without one.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    pub corporate_numbers: Vec<CorporateNumber>,
    pub names: Vec<String>,
}

impl Keys {
    pub fn is_empty(&self) -> bool {
        self.corporate_numbers.is_empty() && self.names.is_empty()
    }
}

/// The stored organisations a batch names.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub by_number: HashMap<CorporateNumber, Existing>,
    /// Every organisation with one of the names asked for (several may share a name).
    pub by_name: HashMap<String, Vec<Existing>>,
}

/// One entry of an organisation's registered name and address history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRecord {
    pub id: i64,
    pub changed_on: Option<NaiveDate>,
    /// "name" or "address".
    pub kind: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub correction: bool,
    pub source: String,
    pub recorded_at: DateTime<Utc>,
}

pub struct Imports<'a> {
    store: &'a Store,
}

impl<'a> Imports<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// Looks up and plans a batch without writing anything (a dry run).
    pub async fn preview<T>(&self, keys: &Keys, plan: impl FnOnce(&Found) -> T) -> StoreResult<T> {
        let found = find(&self.store.read, keys).await?;
        Ok(plan(&found))
    }

    /// Looks up, plans and writes a batch in one transaction: all of it or none. Planning
    /// inside the transaction means an edit made meanwhile is never overwritten with a stale
    /// copy. Returns each plan's outcome, in order.
    pub async fn apply(
        &self,
        source: Source,
        keys: &Keys,
        plan: impl FnOnce(&Found) -> Vec<Plan>,
    ) -> StoreResult<Vec<Outcome>> {
        self.store
            .write_txn(async |txn| {
                let found = find(txn, keys).await?;
                let plans = plan(&found);
                let names: HashMap<i64, String> = found
                    .by_number
                    .values()
                    .chain(found.by_name.values().flatten())
                    .map(|e| (e.id, e.state.profile.name.clone()))
                    .collect();
                apply::write(txn, source, &plans, &names).await?;
                Ok(plans.iter().map(Plan::outcome).collect())
            })
            .await
    }

    /// [`Imports::apply`] for an operator's spreadsheet: the planner also returns the stored
    /// organisation each row was matched to, and with `portal_id` every organisation the
    /// rows name is listed in that portal (see [`listing`]).
    pub async fn apply_sheet(
        &self,
        portal_id: Option<i64>,
        keys: &Keys,
        plan: impl FnOnce(&Found) -> Vec<(Plan, Option<i64>)>,
    ) -> StoreResult<Vec<Outcome>> {
        self.store
            .write_txn(async |txn| {
                let found = find(txn, keys).await?;
                let (plans, matched): (Vec<Plan>, Vec<Option<i64>>) =
                    plan(&found).into_iter().unzip();
                let existing: HashMap<i64, &Existing> = found
                    .by_number
                    .values()
                    .chain(found.by_name.values().flatten())
                    .map(|e| (e.id, e))
                    .collect();
                let names = existing
                    .iter()
                    .map(|(id, e)| (*id, e.state.profile.name.clone()))
                    .collect();
                let ids = apply::write(txn, Source::Spreadsheet, &plans, &names).await?;
                if let Some(portal_id) = portal_id {
                    let listed = plans
                        .iter()
                        .zip(ids.iter().zip(&matched))
                        .filter_map(|(plan, (written, matched))| {
                            let profile = match plan {
                                Plan::Create(s) | Plan::Update { state: s, .. } => &s.profile,
                                Plan::Unchanged => &existing.get(&(*matched)?)?.state.profile,
                                Plan::Delete { .. } | Plan::Skip(_) => return None,
                            };
                            Some(((*written).or(*matched)?, reach_of(profile)))
                        })
                        .collect();
                    listing::list_in_portal(txn, portal_id, listed).await?;
                }
                Ok(plans.iter().map(Plan::outcome).collect())
            })
            .await
    }

    /// The name and address history of one organisation, oldest first.
    pub async fn history(&self, organisation_id: i64) -> StoreResult<Vec<HistoryRecord>> {
        Ok(history::Entity::find()
            .filter(history::Column::OrganisationId.eq(organisation_id))
            .order_by_asc(history::Column::Id)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|h| HistoryRecord {
                id: h.id,
                changed_on: h.changed_on,
                kind: h.kind,
                old_value: h.old_value,
                new_value: h.new_value,
                correction: h.correction,
                source: h.source,
                recorded_at: h.recorded_at,
            })
            .collect())
    }

    /// Which value of an organisation came from which registry (absent: its own).
    pub async fn field_sources(&self, organisation_id: i64) -> StoreResult<FieldSources> {
        let text: Option<String> = orgs::Entity::find_by_id(organisation_id)
            .select_only()
            .column(orgs::Column::FieldSources)
            .into_tuple()
            .one(&self.store.read)
            .await?;
        Ok(text
            .map(|t| FieldSources::from_json(&t))
            .unwrap_or_default())
    }
}

const CHUNK: usize = 500;

async fn find(db: &impl ConnectionTrait, keys: &Keys) -> StoreResult<Found> {
    let mut models = Vec::new();
    let numbers: Vec<String> = keys
        .corporate_numbers
        .iter()
        .map(|n| n.to_string())
        .collect();
    for chunk in numbers.chunks(CHUNK) {
        models.extend(
            orgs::Entity::find()
                .filter(orgs::Column::CorporateNumber.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    for chunk in keys.names.chunks(CHUNK) {
        models.extend(
            orgs::Entity::find()
                .filter(orgs::Column::Name.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    let mut seen = HashSet::new();
    models.retain(|m| seen.insert(m.id));
    let extra: HashMap<i64, (Origin, String, Option<NaiveDate>, bool)> = models
        .iter()
        .map(|m| {
            // A logo or a review means people look after the profile.
            let touched = m.logo_key.is_some() || m.logo_none || m.reviewed_at.is_some();
            (
                m.id,
                (
                    Origin::parse(&m.source),
                    m.field_sources.clone(),
                    m.registry_updated_on,
                    touched,
                ),
            )
        })
        .collect();
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let managed = managed_ids(db, &ids).await?;
    let wanted_numbers: HashSet<&String> = numbers.iter().collect();
    let wanted_names: HashSet<&String> = keys.names.iter().collect();
    let mut found = Found::default();
    for org in attach_areas(db, models).await? {
        let (origin, sources, registry_updated_on, touched) = extra[&org.id].clone();
        let existing = Existing {
            id: org.id,
            origin,
            managed: touched || managed.contains(&org.id),
            state: RegistryState {
                sources: FieldSources::from_json(&sources),
                closure: org.closure,
                name_en: org.name_en,
                registry_updated_on,
                profile: org.profile,
            },
        };
        if wanted_names.contains(&existing.state.profile.name) {
            found
                .by_name
                .entry(existing.state.profile.name.clone())
                .or_default()
                .push(existing.clone());
        }
        if let Some(n) = existing.state.profile.corporate_number
            && wanted_numbers.contains(&n.to_string())
        {
            found.by_number.insert(n, existing);
        }
    }
    for list in found.by_name.values_mut() {
        list.sort_by_key(|e| e.id);
    }
    Ok(found)
}

/// Organisations someone looks after: a team, a claim, a curation, or content of their own.
async fn managed_ids(db: &impl ConnectionTrait, ids: &[i64]) -> StoreResult<HashSet<i64>> {
    let mut managed = HashSet::new();
    for chunk in ids.chunks(CHUNK) {
        macro_rules! owners {
            ($($entity:ident),*) => {$(
                let rows: Vec<i64> = $entity::Entity::find()
                    .select_only()
                    .column($entity::Column::OrganisationId)
                    .filter($entity::Column::OrganisationId.is_in(chunk.to_vec()))
                    .into_tuple()
                    .all(db)
                    .await?;
                managed.extend(rows);
            )*};
        }
        owners!(
            organisation_roles,
            claims,
            portal_curations,
            organisation_programmes,
            annual_reports,
            organisation_documents,
            outcome_metrics
        );
    }
    Ok(managed)
}

impl Store {
    pub fn imports(&self) -> Imports<'_> {
        Imports::new(self)
    }
}
