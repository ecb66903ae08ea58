//! Outcome metrics and their yearly values.

use crate::audit::{self, By, Event};
use crate::disclosure::{refresh, today_in_japan};
use crate::entities::{metric_values as values, outcome_metrics as rows};
use crate::{Store, StoreError, StoreResult};
use chrono::Utc;
use hiroba_domain::metrics::{Direction, METRICS_MAX, Metric, MetricKind};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct YearValue {
    pub fiscal_year: i32,
    pub value: f64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredMetric {
    pub id: i64,
    pub organisation_id: i64,
    pub metric: Metric,
    /// Oldest year first.
    pub values: Vec<YearValue>,
}

pub struct Metrics<'a> {
    store: &'a Store,
}

fn to_metric(m: &rows::Model) -> StoreResult<Metric> {
    let corrupt = |f: &str| StoreError::Corrupt(format!("metric {} {f}", m.id));
    Ok(Metric {
        name: m.name.clone(),
        unit: m.unit.clone(),
        kind: MetricKind::parse(&m.kind).map_err(|_| corrupt("kind"))?,
        direction: Direction::parse(&m.direction).map_err(|_| corrupt("direction"))?,
        sdg_target: m.sdg_target.clone(),
        iris_code: m.iris_code.clone(),
        description: m.description.clone(),
    })
}

pub(crate) async fn list_in(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> StoreResult<Vec<StoredMetric>> {
    let metrics = rows::Entity::find()
        .filter(rows::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(rows::Column::Position)
        .order_by_asc(rows::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = metrics.iter().map(|m| m.id).collect();
    let mut by_metric: HashMap<i64, Vec<YearValue>> = HashMap::new();
    if !ids.is_empty() {
        for v in values::Entity::find()
            .filter(values::Column::MetricId.is_in(ids))
            .order_by_asc(values::Column::FiscalYear)
            .all(db)
            .await?
        {
            by_metric.entry(v.metric_id).or_default().push(YearValue {
                fiscal_year: v.fiscal_year,
                value: v.value,
                note: v.note,
            });
        }
    }
    metrics
        .into_iter()
        .map(|m| {
            Ok(StoredMetric {
                id: m.id,
                organisation_id: m.organisation_id,
                metric: to_metric(&m)?,
                values: by_metric.remove(&m.id).unwrap_or_default(),
            })
        })
        .collect()
}

impl<'a> Metrics<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    pub async fn list(&self, organisation_id: i64) -> StoreResult<Vec<StoredMetric>> {
        list_in(&self.store.read, organisation_id).await
    }

    pub async fn get(&self, id: i64) -> StoreResult<Option<StoredMetric>> {
        let Some(row) = rows::Entity::find_by_id(id).one(&self.store.read).await? else {
            return Ok(None);
        };
        Ok(list_in(&self.store.read, row.organisation_id)
            .await?
            .into_iter()
            .find(|m| m.id == id))
    }

    pub async fn add(&self, organisation_id: i64, m: &Metric, by: By) -> StoreResult<i64> {
        self.store
            .write_txn(async |txn| {
                let count = rows::Entity::find()
                    .filter(rows::Column::OrganisationId.eq(organisation_id))
                    .count(txn)
                    .await?;
                if count as usize >= METRICS_MAX {
                    return Err(StoreError::Conflict("metrics"));
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
                    name: Set(m.name.clone()),
                    unit: Set(m.unit.clone()),
                    kind: Set(m.kind.code().to_owned()),
                    direction: Set(m.direction.code().to_owned()),
                    sdg_target: Set(m.sdg_target.clone()),
                    iris_code: Set(m.iris_code.clone()),
                    description: Set(m.description.clone()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                audit::record(
                    txn,
                    by,
                    Event::new("metric.create", "metric", model.id)
                        .organisation(organisation_id)
                        .details(serde_json::json!({ "name": m.name })),
                )
                .await?;
                refresh(txn, organisation_id, today_in_japan(), by).await?;
                Ok(model.id)
            })
            .await
    }

    pub async fn update(&self, id: i64, m: &Metric, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let row = rows::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                let organisation_id = row.organisation_id;
                let mut am: rows::ActiveModel = row.into();
                am.name = Set(m.name.clone());
                am.unit = Set(m.unit.clone());
                am.kind = Set(m.kind.code().to_owned());
                am.direction = Set(m.direction.code().to_owned());
                am.sdg_target = Set(m.sdg_target.clone());
                am.iris_code = Set(m.iris_code.clone());
                am.description = Set(m.description.clone());
                am.updated_at = Set(Utc::now());
                am.update(txn).await?;
                audit::record(
                    txn,
                    by,
                    Event::new("metric.update", "metric", id)
                        .organisation(organisation_id)
                        .details(serde_json::json!({ "name": m.name })),
                )
                .await?;
                refresh(txn, organisation_id, today_in_japan(), by).await?;
                Ok(())
            })
            .await
    }

    pub async fn delete(&self, id: i64, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let row = rows::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                rows::Entity::delete_by_id(id).exec(txn).await?;
                audit::record(
                    txn,
                    by,
                    Event::new("metric.delete", "metric", id)
                        .organisation(row.organisation_id)
                        .details(serde_json::json!({ "name": row.name })),
                )
                .await?;
                refresh(txn, row.organisation_id, today_in_japan(), by).await?;
                Ok(())
            })
            .await
    }

    /// Sets (or replaces) the value of one year; `None` removes it.
    pub async fn set_value(
        &self,
        metric_id: i64,
        fiscal_year: i32,
        value: Option<(f64, Option<String>)>,
        by: By,
    ) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let row = rows::Entity::find_by_id(metric_id)
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                match &value {
                    Some((v, note)) => {
                        values::Entity::insert(values::ActiveModel {
                            metric_id: Set(metric_id),
                            fiscal_year: Set(fiscal_year),
                            value: Set(*v),
                            note: Set(note.clone()),
                        })
                        .on_conflict(
                            OnConflict::columns([
                                values::Column::MetricId,
                                values::Column::FiscalYear,
                            ])
                            .update_columns([values::Column::Value, values::Column::Note])
                            .to_owned(),
                        )
                        .exec_without_returning(txn)
                        .await?;
                    }
                    None => {
                        values::Entity::delete_many()
                            .filter(values::Column::MetricId.eq(metric_id))
                            .filter(values::Column::FiscalYear.eq(fiscal_year))
                            .exec(txn)
                            .await?;
                    }
                }
                audit::record(
                    txn,
                    by,
                    Event::new("metric.value", "metric", metric_id)
                        .organisation(row.organisation_id)
                        .details(serde_json::json!({
                            "name": row.name,
                            "year": fiscal_year,
                            "value": value.as_ref().map(|v| v.0),
                        })),
                )
                .await?;
                refresh(txn, row.organisation_id, today_in_japan(), by).await?;
                Ok(())
            })
            .await
    }
}
