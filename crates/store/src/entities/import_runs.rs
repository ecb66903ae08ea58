use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub dry_run: bool,
    pub status: String,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub rows_read: i64,
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub closed: i64,
    pub deleted: i64,
    pub skipped: i64,
    pub rejected: i64,
    pub error: Option<String>,
    pub portal_id: Option<i64>,
    pub rows_total: Option<i64>,
    pub report_key: Option<String>,
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
