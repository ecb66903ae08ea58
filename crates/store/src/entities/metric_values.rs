use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "metric_values")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub metric_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub fiscal_year: i32,
    pub value: f64,
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
