//! Yearly reports: the business report text and the year's statement, one per fiscal year.
//! The statement is kept whole as JSON (validated again when read); its headline figures are
//! also columns, so lists and regional figures can use them in SQL.

use crate::audit::{self, By, Event};
use crate::disclosure::{refresh, today_in_japan};
use crate::entities::annual_reports as rows;
use crate::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use hiroba_domain::finances::{Basis, Line, Statement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub id: i64,
    pub organisation_id: i64,
    pub fiscal_year: i32,
    pub basis: Basis,
    pub business_report: Option<String>,
    pub statement: Statement,
    pub updated_at: DateTime<Utc>,
}

/// One year's report as saved.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    pub fiscal_year: i32,
    pub basis: Basis,
    pub business_report: Option<&'a str>,
    pub statement: &'a Statement,
}

pub struct Reports<'a> {
    store: &'a Store,
}

fn to_domain(m: rows::Model) -> StoreResult<Report> {
    let corrupt = |f: &str, e: String| StoreError::Corrupt(format!("report {} {f}: {e}", m.id));
    Ok(Report {
        id: m.id,
        organisation_id: m.organisation_id,
        fiscal_year: m.fiscal_year,
        basis: Basis::parse(&m.basis).map_err(|e| corrupt("basis", e.to_string()))?,
        business_report: m.business_report.clone(),
        statement: serde_json::from_str(&m.statement)
            .map_err(|e| corrupt("statement", e.to_string()))?,
        updated_at: m.updated_at,
    })
}

pub(crate) async fn list_in(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> StoreResult<Vec<Report>> {
    rows::Entity::find()
        .filter(rows::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(rows::Column::FiscalYear)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

impl<'a> Reports<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// Every report of the organisation, oldest year first.
    pub async fn list(&self, organisation_id: i64) -> StoreResult<Vec<Report>> {
        list_in(&self.store.read, organisation_id).await
    }

    pub async fn get(&self, organisation_id: i64, fiscal_year: i32) -> StoreResult<Option<Report>> {
        rows::Entity::find()
            .filter(rows::Column::OrganisationId.eq(organisation_id))
            .filter(rows::Column::FiscalYear.eq(fiscal_year))
            .one(&self.store.read)
            .await?
            .map(to_domain)
            .transpose()
    }

    /// Creates or replaces the report of `input.fiscal_year`.
    pub async fn save(
        &self,
        organisation_id: i64,
        input: &ReportInput<'_>,
        by: By,
    ) -> StoreResult<Report> {
        let model = self
            .store
            .write_txn(async |txn| {
                let existing = rows::Entity::find()
                    .filter(rows::Column::OrganisationId.eq(organisation_id))
                    .filter(rows::Column::FiscalYear.eq(input.fiscal_year))
                    .one(txn)
                    .await?;
                let now = Utc::now();
                let s = input.statement;
                let mut am = match &existing {
                    Some(row) => rows::ActiveModel::from(row.clone()),
                    None => rows::ActiveModel {
                        organisation_id: Set(organisation_id),
                        fiscal_year: Set(input.fiscal_year),
                        created_at: Set(now),
                        ..Default::default()
                    },
                };
                am.basis = Set(input.basis.code().to_owned());
                am.business_report = Set(input.business_report.map(str::to_owned));
                am.statement = Set(serde_json::to_string(s).expect("statements serialise"));
                am.revenue_total = Set(s.get(Line::OrdinaryRevenueTotal));
                am.expenses_total = Set(s.get(Line::OrdinaryExpensesTotal));
                am.assets_total = Set(s.get(Line::AssetsTotal));
                am.liabilities_total = Set(s.get(Line::LiabilitiesTotal));
                am.net_assets_total = Set(s.get(Line::NetAssetsTotal));
                am.has_finances = Set(s.has_year_finances());
                am.updated_at = Set(now);
                let model = if existing.is_some() {
                    am.update(txn).await?
                } else {
                    am.insert(txn).await?
                };
                audit::record(
                    txn,
                    by,
                    Event::new(
                        if existing.is_some() {
                            "report.update"
                        } else {
                            "report.create"
                        },
                        "report",
                        model.id,
                    )
                    .organisation(organisation_id)
                    .details(serde_json::json!({ "year": input.fiscal_year })),
                )
                .await?;
                refresh(txn, organisation_id, today_in_japan(), by).await?;
                Ok(model)
            })
            .await?;
        to_domain(model)
    }

    pub async fn delete(&self, organisation_id: i64, fiscal_year: i32, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let row = rows::Entity::find()
                    .filter(rows::Column::OrganisationId.eq(organisation_id))
                    .filter(rows::Column::FiscalYear.eq(fiscal_year))
                    .one(txn)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                rows::Entity::delete_by_id(row.id).exec(txn).await?;
                audit::record(
                    txn,
                    by,
                    Event::new("report.delete", "report", row.id)
                        .organisation(organisation_id)
                        .details(serde_json::json!({ "year": fiscal_year })),
                )
                .await?;
                refresh(txn, organisation_id, today_in_japan(), by).await?;
                Ok(())
            })
            .await
    }
}
