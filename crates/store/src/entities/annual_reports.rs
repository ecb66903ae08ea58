use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "annual_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub fiscal_year: i32,
    pub basis: String,
    pub business_report: Option<String>,
    pub statement: String,
    pub revenue_total: Option<i64>,
    pub expenses_total: Option<i64>,
    pub assets_total: Option<i64>,
    pub liabilities_total: Option<i64>,
    pub net_assets_total: Option<i64>,
    pub has_finances: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
