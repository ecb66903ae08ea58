//! An organisation's programmes (事業), in the order it lists them.

use crate::audit::{self, By, Event};
use crate::disclosure::{refresh, today_in_japan};
use crate::entities::organisation_programmes as rows;
use crate::{Store, StoreError, StoreResult};
use chrono::Utc;
use hiroba_domain::programmes::{PROGRAMMES_MAX, Programme};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProgramme {
    pub id: i64,
    pub organisation_id: i64,
    pub programme: Programme,
}

pub struct Programmes<'a> {
    store: &'a Store,
}

fn to_domain(m: rows::Model) -> StoredProgramme {
    StoredProgramme {
        id: m.id,
        organisation_id: m.organisation_id,
        programme: Programme {
            name: m.name,
            description: m.description,
            target_population: m.target_population,
            area: m.area,
        },
    }
}

pub(crate) async fn list_in(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> StoreResult<Vec<StoredProgramme>> {
    Ok(rows::Entity::find()
        .filter(rows::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(rows::Column::Position)
        .order_by_asc(rows::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

impl<'a> Programmes<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    pub async fn list(&self, organisation_id: i64) -> StoreResult<Vec<StoredProgramme>> {
        list_in(&self.store.read, organisation_id).await
    }

    pub async fn get(&self, id: i64) -> StoreResult<Option<StoredProgramme>> {
        Ok(rows::Entity::find_by_id(id)
            .one(&self.store.read)
            .await?
            .map(to_domain))
    }

    /// Adds a programme at the end; refused beyond [`PROGRAMMES_MAX`].
    pub async fn add(
        &self,
        organisation_id: i64,
        p: &Programme,
        by: By,
    ) -> StoreResult<StoredProgramme> {
        let model = self
            .store
            .write_txn(async |txn| {
                let count = rows::Entity::find()
                    .filter(rows::Column::OrganisationId.eq(organisation_id))
                    .count(txn)
                    .await?;
                if count as usize >= PROGRAMMES_MAX {
                    return Err(StoreError::Conflict("programmes"));
                }
                // After the last one: deletions leave gaps, so the count may be a position
                // already taken further down the list.
                let last = rows::Entity::find()
                    .filter(rows::Column::OrganisationId.eq(organisation_id))
                    .order_by_desc(rows::Column::Position)
                    .one(txn)
                    .await?;
                let now = Utc::now();
                let model = rows::ActiveModel {
                    organisation_id: Set(organisation_id),
                    position: Set(last.map_or(0, |r| r.position + 1)),
                    name: Set(p.name.clone()),
                    description: Set(p.description.clone()),
                    target_population: Set(p.target_population.clone()),
                    area: Set(p.area.clone()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                audit::record(
                    txn,
                    by,
                    Event::new("programme.create", "programme", model.id)
                        .organisation(organisation_id)
                        .details(serde_json::json!({ "name": p.name })),
                )
                .await?;
                refresh(txn, organisation_id, today_in_japan(), by).await?;
                Ok(model)
            })
            .await?;
        Ok(to_domain(model))
    }

    pub async fn update(&self, id: i64, p: &Programme, by: By) -> StoreResult<StoredProgramme> {
        let model = self
            .store
            .write_txn(async |txn| {
                let row = rows::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                let organisation_id = row.organisation_id;
                let mut am: rows::ActiveModel = row.into();
                am.name = Set(p.name.clone());
                am.description = Set(p.description.clone());
                am.target_population = Set(p.target_population.clone());
                am.area = Set(p.area.clone());
                am.updated_at = Set(Utc::now());
                let model = am.update(txn).await?;
                audit::record(
                    txn,
                    by,
                    Event::new("programme.update", "programme", id)
                        .organisation(organisation_id)
                        .details(serde_json::json!({ "name": p.name })),
                )
                .await?;
                Ok(model)
            })
            .await?;
        Ok(to_domain(model))
    }

    pub async fn delete(&self, id: i64, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let row = rows::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                let organisation_id = row.organisation_id;
                rows::Entity::delete_by_id(id).exec(txn).await?;
                audit::record(
                    txn,
                    by,
                    Event::new("programme.delete", "programme", id)
                        .organisation(organisation_id)
                        .details(serde_json::json!({ "name": row.name })),
                )
                .await?;
                refresh(txn, organisation_id, today_in_japan(), by).await?;
                Ok(())
            })
            .await
    }
}
