use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    #[error("cannot connect to the database: {0}")]
    Connect(sqlx::Error),
    #[error("not found")]
    NotFound,
    /// A unique value is taken (the name is the field, e.g. "slug").
    #[error("{0} is already in use")]
    Conflict(&'static str),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("unsupported database URL: {0}")]
    UnsupportedUrl(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// Maps a unique-constraint violation to a conflict on `field`, leaving other errors as
    /// they are.
    pub(crate) fn conflict_on(field: &'static str) -> impl Fn(DbErr) -> StoreError {
        move |e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict(field),
            _ => StoreError::Db(e),
        }
    }
}
