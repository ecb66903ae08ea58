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
    pub founded_on: Option<Date>,
    pub incorporated_on: Option<Date>,
    pub competent_authority: Option<String>,
    pub representative_name: Option<String>,
    pub representative_title: Option<String>,
    pub fiscal_year_start_month: Option<i16>,
    pub phone: Option<String>,
    pub contact_name: Option<String>,
    pub website_none: bool,
    pub social_links: String,
    pub social_none: bool,
    pub logo_key: Option<String>,
    pub logo_none: bool,
    pub officers: Option<i32>,
    pub staff_full_time: Option<i32>,
    pub staff_part_time: Option<i32>,
    pub volunteers: Option<i32>,
    pub members_regular: Option<i32>,
    pub members_supporting: Option<i32>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub disclosure_level: i16,
    pub certification_step: i16,
    pub source: String,
    pub field_sources: String,
    pub closed_on: Option<Date>,
    pub close_cause: Option<String>,
    pub name_en: Option<String>,
    pub registry_updated_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
