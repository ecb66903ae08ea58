//! Keeping a process's own index in step with the shared database.
//!
//! Every change writes a row to the `search_outbox` table in its own transaction. Each server
//! process polls the outbox after the last id its index has applied, re-reads the named
//! organisations and replaces their documents. On PostgreSQL ids are handed out before commit,
//! so a row with a smaller id can appear after a larger one: the follower applies what it
//! sees at once, but only moves its saved position past a gap once the row after the gap is
//! older than [`GAP_WAIT`] (a transaction that long is assumed rolled back). Re-applying a
//! change is harmless; it reads the current row.

use crate::document::{DocKind, SearchDocument};
use crate::index::{SearchIndex, SearchResult};
use chrono::{DateTime, Duration, Utc};
use hiroba_domain::activity_fields::activity_field;
use hiroba_domain::sdgs::sdg_goal;
use hiroba_store::Store;
use hiroba_store::search_feed::{IndexableOrganisation, OutboxEntry};
use std::collections::BTreeSet;
use std::sync::Arc;
use tokio::sync::Mutex;

/// How long a gap in outbox ids is waited for before it is taken as a rolled-back insert.
pub const GAP_WAIT: Duration = Duration::seconds(30);
/// Outbox rows are kept this long; an index last synced before that is rebuilt.
pub const OUTBOX_RETENTION: Duration =
    Duration::days(hiroba_store::housekeeping::SEARCH_OUTBOX_DAYS);
const BATCH: u64 = 500;
/// The longest a search waits for another task's catch-up before answering.
pub const SEARCH_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

/// Builds the search document of an organisation.
pub fn organisation_document(o: &IndexableOrganisation) -> SearchDocument {
    let p = &o.organisation.profile;
    let mut body: Vec<String> = Vec::new();
    body.extend(p.description.clone());
    for code in p.activity_fields.iter() {
        if let Some(f) = activity_field(code) {
            body.push(f.name_ja.to_owned());
        }
    }
    for code in p.sdgs.iter() {
        if let Some(g) = sdg_goal(code) {
            body.push(format!("SDGs {} {}", g.code, g.name_ja));
        }
    }
    body.extend(o.programmes.iter().cloned());
    body.push(p.legal_form.info().name_ja.to_owned());
    let mut place: Vec<String> = Vec::new();
    if let Some(pref) = p.address.prefecture {
        place.push(pref.info().name_ja.to_owned());
    }
    if let Some(m) = &p.address.municipality
        && let Some(name) = o.place_names.get(&m.to_string())
    {
        place.push(name.clone());
    }
    for area in &p.activity_areas {
        if let Some(name) = o.place_names.get(&area.to_string()) {
            place.push(name.clone());
        }
    }
    let updated = match o.organisation.reviewed_at {
        Some(r) if r > o.organisation.updated_at => r,
        _ => o.organisation.updated_at,
    };
    SearchDocument {
        kind: DocKind::Organisation,
        id: o.organisation.id,
        name: p.name.clone(),
        reading: p.name_kana.clone().unwrap_or_default(),
        mission: p.mission.clone().unwrap_or_default(),
        body: body.join("\n"),
        place: place.join(" "),
        corporate_number: p.corporate_number.as_ref().map(|n| n.to_string()),
        prefecture: p.address.prefecture.map(|c| c.get()),
        municipality: p
            .address
            .municipality
            .as_ref()
            .and_then(|m| m.to_string().parse().ok()),
        legal_form: Some(p.legal_form),
        level: o.organisation.disclosure_level,
        certification: o
            .organisation
            .certification
            .map(|s| s.number())
            .unwrap_or(0),
        activity_fields: p.activity_fields.iter().collect(),
        sdgs: p.sdgs.iter().collect(),
        portals: o.portal_ids.clone(),
        updated_at: updated,
    }
}

/// Where the follower stands: the saved position, and ids past a gap already applied.
#[derive(Debug, Default)]
struct Position {
    applied_through: i64,
    beyond: BTreeSet<i64>,
}

/// Follows the outbox into one index.
pub struct Follower {
    index: Arc<SearchIndex>,
    store: Store,
    position: Mutex<Position>,
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub entries: usize,
    pub rebuilt: bool,
}

impl Follower {
    pub fn new(index: Arc<SearchIndex>, store: Store) -> Follower {
        let applied_through = index.sync_state().map(|s| s.applied_through).unwrap_or(0);
        Follower {
            index,
            store,
            position: Mutex::new(Position {
                applied_through,
                beyond: BTreeSet::new(),
            }),
        }
    }

    pub fn index(&self) -> &Arc<SearchIndex> {
        &self.index
    }

    /// Whether the index must be rebuilt before following: never built, built by another
    /// version, or last synced so long ago that the outbox may have been pruned past it.
    pub async fn needs_rebuild(&self) -> SearchResult<bool> {
        let Some(state) = self.index.sync_state() else {
            return Ok(true);
        };
        // An index ahead of the outbox was built from another database (a restored backup,
        // a recreated demo).
        let newest = self
            .store
            .search_feed()
            .last_id_before(Utc::now() + Duration::days(1))
            .await?;
        if newest < state.applied_through {
            return Ok(true);
        }
        if state.synced_at > Utc::now() - OUTBOX_RETENTION + Duration::days(1) {
            return Ok(false);
        }
        // Old but possibly still whole: the outbox must still hold the entry after ours.
        let first = self.store.search_feed().after(0, 1).await?;
        Ok(match first.first() {
            Some(e) => e.id > state.applied_through + 1,
            None => true,
        })
    }

    /// Reindexes everything from the database.
    pub async fn rebuild(&self) -> SearchResult<u64> {
        let mut pos = self.position.lock().await;
        self.rebuild_locked(&mut pos).await
    }

    async fn rebuild_locked(&self, pos: &mut Position) -> SearchResult<u64> {
        let started = Utc::now();
        // Changes committed before the scan are in it; rows from just before it are applied
        // again afterwards, in case their transaction was still open.
        let through = self
            .store
            .search_feed()
            .last_id_before(started - GAP_WAIT)
            .await?;
        self.index.clear()?;
        let mut after = 0;
        let mut count = 0u64;
        loop {
            let ids = self
                .store
                .search_feed()
                .organisation_ids_after(after, BATCH)
                .await?;
            let Some(last) = ids.last().copied() else {
                break;
            };
            let orgs = self.store.search_feed().organisations(&ids).await?;
            let docs: Vec<SearchDocument> = orgs.iter().map(organisation_document).collect();
            count += docs.len() as u64;
            self.index.upsert(&docs)?;
            after = last;
        }
        self.index.commit(through)?;
        *pos = Position {
            applied_through: through,
            beyond: BTreeSet::new(),
        };
        tracing::info!(documents = count, "search index rebuilt");
        Ok(count)
    }

    /// Applies what the outbox holds beyond the index's position; rebuilds first if needed.
    pub async fn catch_up(&self) -> SearchResult<Applied> {
        let mut pos = self.position.lock().await;
        self.catch_up_locked(&mut pos).await
    }

    async fn catch_up_locked(&self, pos: &mut Position) -> SearchResult<Applied> {
        let mut rebuilt = false;
        if self.index.sync_state().is_none() {
            self.rebuild_locked(pos).await?;
            rebuilt = true;
        }
        let mut total = 0;
        loop {
            let n = self.pass(pos).await?;
            total += n;
            if n < BATCH as usize {
                break;
            }
        }
        Ok(Applied {
            entries: total,
            rebuilt,
        })
    }

    /// Applies pending changes before a search, so a change is found at once on any node
    /// (read-your-writes). If another task is catching up, waits for it (it may have read the
    /// outbox just before the change) for at most [`SEARCH_WAIT`]; after that, or on an
    /// error, the search answers from the index as it is.
    pub async fn catch_up_before_search(&self) {
        let Ok(mut pos) = tokio::time::timeout(SEARCH_WAIT, self.position.lock()).await else {
            return;
        };
        if let Err(e) = self.catch_up_locked(&mut pos).await {
            tracing::warn!(error = %e, "search index could not catch up");
        }
    }

    /// One batch; returns how many outbox rows were read.
    async fn pass(&self, pos: &mut Position) -> SearchResult<usize> {
        let entries = self
            .store
            .search_feed()
            .after(pos.applied_through, BATCH)
            .await?;
        if entries.is_empty() {
            return Ok(0);
        }
        let fresh: Vec<&OutboxEntry> = entries
            .iter()
            .filter(|e| !pos.beyond.contains(&e.id))
            .collect();
        let mut organisation_ids: Vec<i64> = fresh
            .iter()
            .filter(|e| DocKind::parse(&e.kind) == Some(DocKind::Organisation))
            .map(|e| e.entity_id)
            .collect();
        organisation_ids.sort_unstable();
        organisation_ids.dedup();
        if !organisation_ids.is_empty() {
            let found = self
                .store
                .search_feed()
                .organisations(&organisation_ids)
                .await?;
            let docs: Vec<SearchDocument> = found.iter().map(organisation_document).collect();
            for id in &organisation_ids {
                if !docs.iter().any(|d| d.id == *id) {
                    self.index.delete(DocKind::Organisation, *id)?;
                }
            }
            self.index.upsert(&docs)?;
        }
        let (through, beyond) = advance(
            pos.applied_through,
            &pos.beyond,
            &entries,
            Utc::now() - GAP_WAIT,
        );
        if !fresh.is_empty() || through != pos.applied_through {
            self.index.commit(through)?;
        }
        pos.applied_through = through;
        pos.beyond = beyond;
        Ok(entries.len())
    }

    /// Brings the index up to date (rebuilding it if it is missing, from another version or
    /// too old), then polls the outbox every `interval` until the process ends. Errors are
    /// logged and retried with growing pauses.
    pub fn spawn(self: Arc<Self>, interval: std::time::Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            match self.needs_rebuild().await {
                Ok(true) => {
                    if let Err(e) = self.rebuild().await {
                        tracing::warn!(error = %e, "search index rebuild failed");
                    }
                }
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "search index state unknown"),
            }
            let mut failures = 0u32;
            loop {
                match self.catch_up().await {
                    Ok(_) => failures = 0,
                    Err(e) => {
                        failures += 1;
                        tracing::warn!(error = %e, failures, "search index could not follow the database");
                    }
                }
                let pause = interval * (1 << failures.min(5));
                tokio::time::sleep(pause).await;
            }
        })
    }
}

/// The new saved position after applying `entries` (in id order): it moves through
/// consecutive ids, and over a gap once the entry after it is older than `gap_deadline`.
/// Ids applied beyond a gap are remembered so they are not applied again.
fn advance(
    through: i64,
    beyond: &BTreeSet<i64>,
    entries: &[OutboxEntry],
    gap_deadline: DateTime<Utc>,
) -> (i64, BTreeSet<i64>) {
    let mut through = through;
    let mut stuck = false;
    let mut rest: BTreeSet<i64> = beyond.clone();
    for e in entries {
        if !stuck && (e.id == through + 1 || e.created_at < gap_deadline) {
            through = e.id;
        } else {
            stuck = true;
            rest.insert(e.id);
        }
    }
    rest.retain(|id| *id > through);
    (through, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, age_secs: i64) -> OutboxEntry {
        OutboxEntry {
            id,
            kind: "organisation".into(),
            entity_id: id,
            created_at: Utc::now() - Duration::seconds(age_secs),
        }
    }

    #[test]
    fn moves_through_consecutive_ids() {
        let (t, b) = advance(
            4,
            &BTreeSet::new(),
            &[entry(5, 0), entry(6, 0)],
            Utc::now() - GAP_WAIT,
        );
        assert_eq!((t, b.len()), (6, 0));
    }

    #[test]
    fn waits_at_a_young_gap_and_remembers_what_it_applied() {
        let (t, b) = advance(
            4,
            &BTreeSet::new(),
            &[entry(5, 0), entry(7, 0), entry(8, 0)],
            Utc::now() - GAP_WAIT,
        );
        assert_eq!(t, 5);
        assert_eq!(b.into_iter().collect::<Vec<_>>(), vec![7, 8]);
    }

    #[test]
    fn passes_an_old_gap() {
        let (t, b) = advance(
            4,
            &BTreeSet::from([7]),
            &[entry(7, 60), entry(8, 0)],
            Utc::now() - GAP_WAIT,
        );
        assert_eq!((t, b.len()), (8, 0));
    }

    #[test]
    fn the_late_row_closes_the_gap() {
        let (t, b) = advance(
            5,
            &BTreeSet::from([7, 8]),
            &[entry(6, 0), entry(7, 0), entry(8, 0)],
            Utc::now() - GAP_WAIT,
        );
        assert_eq!((t, b.len()), (8, 0));
    }
}
