//! What search indexes read: the outbox of changes (written in the same transaction as each
//! change, by [`touch`]) and the organisations to index, with everything their documents need.

use crate::entities::{
    municipalities as munis, organisation_programmes as programmes, organisations as orgs,
    portal_memberships, search_outbox as outbox,
};
use crate::organisations::{Organisation, attach_areas};
use crate::{Store, StoreResult};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::{BTreeSet, HashMap};

/// The kind of entity an outbox row names (the search crate's document kinds).
pub const ORGANISATION: &str = "organisation";

/// Records that the search document of an entity must be rebuilt (or removed).
pub(crate) async fn touch(
    db: &impl ConnectionTrait,
    kind: &str,
    entity_id: i64,
) -> StoreResult<()> {
    outbox::ActiveModel {
        kind: Set(kind.to_owned()),
        entity_id: Set(entity_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// [`touch`] for many entities at once.
pub(crate) async fn touch_many(
    db: &impl ConnectionTrait,
    kind: &str,
    entity_ids: &[i64],
) -> StoreResult<()> {
    let now = Utc::now();
    for chunk in entity_ids.chunks(500) {
        let rows = chunk.iter().map(|id| outbox::ActiveModel {
            kind: Set(kind.to_owned()),
            entity_id: Set(*id),
            created_at: Set(now),
            ..Default::default()
        });
        outbox::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// One change to pick up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: i64,
    pub kind: String,
    pub entity_id: i64,
    pub created_at: DateTime<Utc>,
}

/// An organisation with what its search document shows besides the profile.
#[derive(Debug, Clone)]
pub struct IndexableOrganisation {
    pub organisation: Organisation,
    pub portal_ids: Vec<i64>,
    /// Programme names and descriptions.
    pub programmes: Vec<String>,
    /// Names of its municipality and activity areas, by code.
    pub place_names: HashMap<String, String>,
}

pub struct SearchFeed<'a> {
    store: &'a Store,
}

impl<'a> SearchFeed<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// Outbox entries after `id`, oldest first.
    pub async fn after(&self, id: i64, limit: u64) -> StoreResult<Vec<OutboxEntry>> {
        Ok(outbox::Entity::find()
            .filter(outbox::Column::Id.gt(id))
            .order_by_asc(outbox::Column::Id)
            .limit(limit)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(|m| OutboxEntry {
                id: m.id,
                kind: m.kind,
                entity_id: m.entity_id,
                created_at: m.created_at,
            })
            .collect())
    }

    /// The last entry written before `t` (0 if none): where a rebuild started at `t` may
    /// consider itself caught up to, given transactions shorter than the margin the caller
    /// subtracted.
    pub async fn last_id_before(&self, t: DateTime<Utc>) -> StoreResult<i64> {
        let id: Option<i64> = outbox::Entity::find()
            .select_only()
            .column_as(outbox::Column::Id.max(), "max")
            .filter(outbox::Column::CreatedAt.lt(t))
            .into_tuple()
            .one(&self.store.read)
            .await?
            .flatten();
        Ok(id.unwrap_or(0))
    }

    /// Organisation ids after `after`, in order (for rebuilding page by page).
    pub async fn organisation_ids_after(&self, after: i64, limit: u64) -> StoreResult<Vec<i64>> {
        Ok(orgs::Entity::find()
            .select_only()
            .column(orgs::Column::Id)
            .filter(orgs::Column::Id.gt(after))
            .order_by_asc(orgs::Column::Id)
            .limit(limit)
            .into_tuple()
            .all(&self.store.read)
            .await?)
    }

    /// The organisations among `ids` that exist, with their portals, programmes and place
    /// names. Ids not returned were deleted.
    pub async fn organisations(&self, ids: &[i64]) -> StoreResult<Vec<IndexableOrganisation>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // On SQLite the read pool sees every committed change (WAL) without holding the writer.
        let db = &self.store.read;
        let models = orgs::Entity::find()
            .filter(orgs::Column::Id.is_in(ids.to_vec()))
            .order_by_asc(orgs::Column::Id)
            .all(db)
            .await?;
        let found: Vec<Organisation> = attach_areas(db, models).await?;
        let found_ids: Vec<i64> = found.iter().map(|o| o.id).collect();
        let mut portals: HashMap<i64, Vec<i64>> = HashMap::new();
        for m in portal_memberships::Entity::find()
            .filter(portal_memberships::Column::OrganisationId.is_in(found_ids.clone()))
            .order_by_asc(portal_memberships::Column::PortalId)
            .all(db)
            .await?
        {
            portals
                .entry(m.organisation_id)
                .or_default()
                .push(m.portal_id);
        }
        let mut progs: HashMap<i64, Vec<String>> = HashMap::new();
        for p in programmes::Entity::find()
            .filter(programmes::Column::OrganisationId.is_in(found_ids))
            .order_by_asc(programmes::Column::Position)
            .all(db)
            .await?
        {
            let entry = progs.entry(p.organisation_id).or_default();
            entry.push(p.name);
            entry.extend(p.description);
            entry.extend(p.target_population);
        }
        let codes: BTreeSet<String> = found.iter().flat_map(place_codes).collect();
        let mut names: HashMap<String, String> = HashMap::new();
        if !codes.is_empty() {
            for m in munis::Entity::find()
                .filter(munis::Column::Code.is_in(codes))
                .all(db)
                .await?
            {
                names.insert(m.code, m.name_ja);
            }
        }
        Ok(found
            .into_iter()
            .map(|o| {
                let place_names = place_codes(&o)
                    .into_iter()
                    .filter_map(|code| names.get(&code).map(|n| (code, n.clone())))
                    .collect();
                IndexableOrganisation {
                    portal_ids: portals.remove(&o.id).unwrap_or_default(),
                    programmes: progs.remove(&o.id).unwrap_or_default(),
                    place_names,
                    organisation: o,
                }
            })
            .collect())
    }

    /// Deletes entries older than `before` (every index has long applied them).
    pub async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        Ok(outbox::Entity::delete_many()
            .filter(outbox::Column::CreatedAt.lt(before))
            .exec(&self.store.write)
            .await?
            .rows_affected)
    }

    /// Asks every index to re-read one organisation (e.g. after a fix made outside the app).
    pub async fn touch_organisation(&self, id: i64) -> StoreResult<()> {
        touch(&self.store.write, ORGANISATION, id).await
    }
}

/// The codes of an organisation's municipality and activity areas, whose names search shows.
fn place_codes(o: &Organisation) -> Vec<String> {
    o.profile
        .address
        .municipality
        .iter()
        .chain(o.profile.activity_areas.iter())
        .map(|c| c.to_string())
        .collect()
}

impl Store {
    pub fn search_feed(&self) -> SearchFeed<'_> {
        SearchFeed::new(self)
    }
}
