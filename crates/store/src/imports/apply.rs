//! Writing a batch of planned changes: a few multi-row statements per batch where the engines
//! allow it (inserts, memberships, history, audit, ★ refresh, search outbox), one UPDATE per
//! changed organisation. Returns the id each plan created or updated, in order.

use crate::audit::{self, By, Event};
use crate::disclosure::{refresh_many, today_in_japan};
use crate::entities::{organisation_history as history, organisations as orgs};
use crate::organisations::{active_model, reach_of};
use crate::portals::{self, memberships};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, NaiveTime, Utc};
use hiroba_domain::registries::plan::{HistoryEntry, Outcome, Plan, RegistryState};
use hiroba_domain::registries::provenance::Source;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};
use std::collections::HashMap;

/// Rows per multi-row INSERT of organisations (about 50 columns each: well under the bind
/// limits of both engines).
const INSERT_ROWS: usize = 100;

/// When the registry last changed the row, as the time lists show "updated" (midnight in
/// Japan); now when unknown.
fn updated_at(state: &RegistryState, now: DateTime<Utc>) -> DateTime<Utc> {
    state
        .registry_updated_on
        .map(|d| d.and_time(NaiveTime::MIN).and_utc() - chrono::Duration::hours(9))
        .filter(|t| *t <= now)
        .unwrap_or(now)
}

/// The organisation row for a state: the profile plus what imports add.
fn model(state: &RegistryState, now: DateTime<Utc>) -> orgs::ActiveModel {
    let mut am = active_model(&state.profile, updated_at(state, now));
    am.field_sources = Set(state.sources.to_json());
    am.closed_on = Set(state.closure.and_then(|c| c.on));
    am.close_cause = Set(state.closure.map(|c| c.cause.code().to_owned()));
    am.name_en = Set(state.name_en.clone());
    am.registry_updated_on = Set(state.registry_updated_on);
    am
}

pub(super) async fn write(
    db: &impl ConnectionTrait,
    source: Source,
    plans: &[Plan],
    names: &HashMap<i64, String>,
) -> StoreResult<Vec<Option<i64>>> {
    let now = Utc::now();
    let by = By::SYSTEM;
    let mut events = Vec::new();
    let mut refreshed = Vec::new();
    let mut reach = Vec::new();

    // Creations: multi-row inserts, then the ids back by 法人番号 (rows without one, rare,
    // are inserted one by one).
    let mut ids: Vec<Option<i64>> = vec![None; plans.len()];
    let creates: Vec<(usize, &RegistryState)> = plans
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match p {
            Plan::Create(s) => Some((i, s)),
            _ => None,
        })
        .collect();
    type Indexed<'p> = Vec<(usize, &'p RegistryState)>;
    let (numbered, unnumbered): (Indexed, Indexed) = creates
        .into_iter()
        .partition(|(_, s)| s.profile.corporate_number.is_some());
    let mut created: Vec<(i64, &RegistryState)> = Vec::new();
    for chunk in numbered.chunks(INSERT_ROWS) {
        let rows = chunk.iter().map(|(_, s)| {
            let mut am = model(s, now);
            am.created_at = Set(now);
            am.source = Set(source.code().to_owned());
            am
        });
        orgs::Entity::insert_many(rows)
            .exec(db)
            .await
            .map_err(StoreError::conflict_on("corporate_number"))?;
        let numbers: Vec<String> = chunk
            .iter()
            .filter_map(|(_, s)| s.profile.corporate_number.map(|n| n.to_string()))
            .collect();
        let by_number: HashMap<String, i64> = orgs::Entity::find()
            .select_only()
            .column(orgs::Column::CorporateNumber)
            .column(orgs::Column::Id)
            .filter(orgs::Column::CorporateNumber.is_in(numbers))
            .into_tuple::<(String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        for (i, s) in chunk {
            let number = s.profile.corporate_number.map(|n| n.to_string());
            let id = number
                .and_then(|n| by_number.get(&n).copied())
                .ok_or(StoreError::NotFound)?;
            ids[*i] = Some(id);
            created.push((id, s));
        }
    }
    for (i, s) in unnumbered {
        let mut am = model(s, now);
        am.created_at = Set(now);
        am.source = Set(source.code().to_owned());
        let id = am.insert(db).await?.id;
        ids[i] = Some(id);
        created.push((id, s));
    }
    for (id, s) in &created {
        events.push(
            Event::new("organisation.import", "organisation", *id)
                .organisation(*id)
                .details(serde_json::json!({
                    "outcome": "created",
                    "source": source.code(),
                    "name": s.profile.name,
                })),
        );
        refreshed.push(*id);
        reach.push((*id, reach_of(&s.profile)));
    }

    // Changes: one UPDATE each (no portable multi-row UPDATE), history in one insert.
    let mut entries: Vec<history::ActiveModel> = Vec::new();
    for (i, plan) in plans.iter().enumerate() {
        let Plan::Update {
            id,
            state,
            history: changes,
            outcome,
        } = plan
        else {
            continue;
        };
        ids[i] = Some(*id);
        let mut am = model(state, now);
        am.id = Set(*id);
        // "Updated" stays what people did; registry changes are in the history and the log.
        am.updated_at = sea_orm::ActiveValue::NotSet;
        orgs::Entity::update(am)
            .exec(db)
            .await
            .map_err(StoreError::conflict_on("corporate_number"))?;
        entries.extend(changes.iter().map(|h| history_row(*id, h, now)));
        events.push(
            Event::new("organisation.import", "organisation", *id)
                .organisation(*id)
                .details(serde_json::json!({
                    "outcome": outcome_code(*outcome),
                    "source": source.code(),
                    "history": changes.iter().map(|h| h.kind.code()).collect::<Vec<_>>(),
                })),
        );
        refreshed.push(*id);
        reach.push((*id, reach_of(&state.profile)));
    }
    for chunk in entries.chunks(500) {
        history::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }

    // Deletions: their areas, memberships and history go with them (ON DELETE CASCADE).
    let deleted: Vec<i64> = plans
        .iter()
        .filter_map(|p| match p {
            Plan::Delete { id } => Some(*id),
            _ => None,
        })
        .collect();
    for chunk in deleted.chunks(500) {
        orgs::Entity::delete_many()
            .filter(orgs::Column::Id.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
        crate::search_feed::touch_many(db, crate::search_feed::ORGANISATION, chunk).await?;
    }
    for id in &deleted {
        events.push(
            Event::new("organisation.delete", "organisation", *id).details(serde_json::json!({
                "name": names.get(id),
                "reason": "deleted from the corporate-number register",
            })),
        );
    }

    if !reach.is_empty() {
        let scopes = portals::load_scopes(db).await?;
        memberships::refresh_organisations(db, &reach, &scopes).await?;
    }
    audit::record_many(db, by, events).await?;
    refresh_many(db, &refreshed, today_in_japan(), by).await?;
    Ok(ids)
}

fn outcome_code(o: Outcome) -> &'static str {
    match o {
        Outcome::Created => "created",
        Outcome::Updated => "updated",
        Outcome::Closed => "closed",
        Outcome::Deleted => "deleted",
        Outcome::Unchanged => "unchanged",
        Outcome::Skipped => "skipped",
    }
}

fn history_row(organisation_id: i64, h: &HistoryEntry, now: DateTime<Utc>) -> history::ActiveModel {
    history::ActiveModel {
        organisation_id: Set(organisation_id),
        changed_on: Set(h.changed_on),
        kind: Set(h.kind.code().to_owned()),
        old_value: Set(h.old_value.clone()),
        new_value: Set(h.new_value.clone()),
        correction: Set(h.correction),
        source: Set(h.source.code().to_owned()),
        recorded_at: Set(now),
        ..Default::default()
    }
}
