use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "portals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub name_ja: String,
    pub name_en: String,
    pub kind: String,
    pub operator_organisation_id: Option<i64>,
    /// Comma-separated prefecture codes ("33,26"); empty for nationwide.
    pub scope_prefectures: String,
    /// Comma-separated municipality codes.
    pub scope_municipalities: String,
    pub scope_activity_fields: i64,
    pub scope_sdgs: i64,
    pub primary_colour: String,
    pub accent_colour: String,
    pub logo_url: Option<String>,
    pub intro_ja: Option<String>,
    pub intro_en: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
