use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub portal_id: Option<i64>,
    pub step: i16,
    pub status: String,
    pub granted_on: Date,
    pub expires_on: Option<Date>,
    pub granted_by: Option<i64>,
    pub notes: Option<String>,
    pub ended_on: Option<Date>,
    pub ended_by: Option<i64>,
    pub end_note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
