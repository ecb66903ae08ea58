use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub name_kana: Option<String>,
    pub sort_key: String,
    pub legal_form: String,
    pub roles: i64,
    pub corporate_number: Option<String>,
    pub postal_code: Option<String>,
    pub prefecture_code: Option<i16>,
    pub municipality_code: Option<String>,
    pub street: Option<String>,
    pub street_public: bool,
    pub website: Option<String>,
    pub email: Option<String>,
    pub mission: Option<String>,
    pub description: Option<String>,
    pub activity_fields: i64,
    pub sdgs: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
