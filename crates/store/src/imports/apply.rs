//! Writing a batch of planned changes: a few multi-row statements per batch where the engines
//! allow it (inserts, memberships, history, audit, ★ refresh, search outbox), one UPDATE per
//! changed organisation. Returns the id each plan created or updated, in order.

use crate::audit::{self, By, Event};
use crate::disclosure::{
    Standing, initial_standing, level_and_step, record_initial, refresh_many, today_in_japan,
};
use crate::entities::{organisation_history as history, organisations as orgs};
use crate::organisations::{active_model, reach_of};
use crate::portals::{self, memberships};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, NaiveTime, Utc};
use hiroba_domain::registries::plan::{HistoryEntry, Outcome, Plan, RegistryState};
use hiroba_domain::registries::provenance::Source;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryTrait, Set};
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
    let today = today_in_japan();
    let by = By::SYSTEM;
    let mut events = Vec::new();
    let mut refreshed = Vec::new();
    let mut reach = Vec::new();

    // Creations: multi-row inserts carrying each new row's ★ level (computed from the profile
    // alone: nothing else exists yet), then the ids back by 法人番号 (rows without one, rare,
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
    let new_row = |s: &RegistryState| {
        let standing = initial_standing(&s.profile, today);
        let (level, step) = level_and_step(&standing);
        let mut am = model(s, now);
        am.created_at = Set(now);
        am.source = Set(source.code().to_owned());
        am.disclosure_level = Set(level);
        am.certification_step = Set(step);
        (am, standing)
    };
    let mut created: Vec<(i64, Standing)> = Vec::new();
    // Each chunk's ids come back with its rows' 法人番号, or their names for rows without one
    // (such a chunk never holds one name twice): RETURNING gives no order to rely on.
    let chunks = numbered
        .chunks(INSERT_ROWS)
        .map(|c| (Key::Number, c.to_vec()))
        .chain(
            distinct_name_chunks(unnumbered)
                .into_iter()
                .map(|c| (Key::Name, c)),
        );
    for (key, chunk) in chunks {
        let (rows, standings): (Vec<_>, Vec<_>) = chunk.iter().map(|(_, s)| new_row(s)).unzip();
        let mut insert = orgs::Entity::insert_many(rows).into_query();
        insert.returning(Query::returning().columns([orgs::Column::Id, key.column()]));
        let mut by_key: HashMap<String, i64> = HashMap::with_capacity(chunk.len());
        for row in db
            .query_all(&insert)
            .await
            .map_err(StoreError::conflict_on("corporate_number"))?
        {
            by_key.insert(row.try_get("", key.name())?, row.try_get("", "id")?);
        }
        for ((i, s), standing) in chunk.iter().zip(standings) {
            let id = key
                .of(s)
                .and_then(|k| by_key.get(&k).copied())
                .ok_or(StoreError::NotFound)?;
            ids[*i] = Some(id);
            created.push((id, standing));
            reach.push((id, reach_of(&s.profile)));
        }
    }
    if !created.is_empty() {
        // One entry per batch for what a registry added: the import run's own log says which
        // file, and each new row says its source; per-row entries made the log as large as
        // the register (and its writing a third of the import's time).
        let created_ids: Vec<i64> = created.iter().map(|(id, _)| *id).collect();
        events.push(
            Event::new("organisation.import", "organisation", created_ids[0]).details(
                serde_json::json!({
                    "outcome": "created",
                    "source": source.code(),
                    "count": created_ids.len(),
                    "ids": id_ranges(&created_ids),
                }),
            ),
        );
        record_initial(db, &created, today, by).await?;
        crate::search_feed::touch_many(db, crate::search_feed::ORGANISATION, &created_ids).await?;
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
    refresh_many(db, &refreshed, today, by).await?;
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

/// What a new row's id is matched back by.
#[derive(Clone, Copy)]
enum Key {
    Number,
    Name,
}

impl Key {
    fn column(self) -> orgs::Column {
        match self {
            Key::Number => orgs::Column::CorporateNumber,
            Key::Name => orgs::Column::Name,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Key::Number => "corporate_number",
            Key::Name => "name",
        }
    }

    fn of(self, s: &RegistryState) -> Option<String> {
        match self {
            Key::Number => s.profile.corporate_number.map(|n| n.to_string()),
            Key::Name => Some(s.profile.name.clone()),
        }
    }
}

/// Splits rows into chunks of at most [`INSERT_ROWS`] in which no name appears twice (a
/// repeated name goes to a later chunk), keeping their order otherwise.
fn distinct_name_chunks(
    mut rows: Vec<(usize, &RegistryState)>,
) -> Vec<Vec<(usize, &RegistryState)>> {
    let mut chunks = Vec::new();
    while !rows.is_empty() {
        let mut names = std::collections::HashSet::new();
        let mut chunk = Vec::new();
        let mut later = Vec::new();
        for row in rows {
            if chunk.len() < INSERT_ROWS && names.insert(row.1.profile.name.clone()) {
                chunk.push(row);
            } else {
                later.push(row);
            }
        }
        chunks.push(chunk);
        rows = later;
    }
    chunks
}

/// Sorted ids as inclusive ranges: `[[1, 3], [7, 7]]` for 1, 2, 3, 7 (a batch's new ids are
/// nearly always one run).
fn id_ranges(ids: &[i64]) -> Vec<[i64; 2]> {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    let mut ranges: Vec<[i64; 2]> = Vec::new();
    for id in sorted {
        match ranges.last_mut() {
            Some(last) if last[1] + 1 == id => last[1] = id,
            _ => ranges.push([id, id]),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::id_ranges;

    #[test]
    fn id_ranges_join_runs() {
        assert_eq!(id_ranges(&[7, 1, 3, 2]), vec![[1, 3], [7, 7]]);
        assert_eq!(id_ranges(&[]), Vec::<[i64; 2]>::new());
        assert_eq!(id_ranges(&[5]), vec![[5, 5]]);
    }
}
