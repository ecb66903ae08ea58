//! Documents an organisation uploaded: the row describes the file; the bytes live in the file
//! store under `storage_key`. Deleting a row returns the key so the caller removes the file
//! once the transaction has committed (a file without a row is harmless; the reverse is not).

use crate::audit::{self, By, Event};
use crate::disclosure::{refresh, today_in_japan};
use crate::entities::organisation_documents as rows;
use crate::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use hiroba_domain::documents::DocumentKind;
use sea_orm::sea_query::NullOrdering;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder, Set};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: i64,
    pub organisation_id: i64,
    pub kind: DocumentKind,
    pub fiscal_year: Option<i32>,
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
    pub storage_key: String,
    pub public: bool,
    pub uploaded_at: DateTime<Utc>,
}

/// What to record for a file already written to the file store.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub organisation_id: i64,
    pub kind: DocumentKind,
    pub fiscal_year: Option<i32>,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub size: u64,
    pub sha256: &'a str,
    pub storage_key: &'a str,
}

pub struct Documents<'a> {
    store: &'a Store,
}

fn to_domain(m: rows::Model) -> StoreResult<Document> {
    Ok(Document {
        id: m.id,
        organisation_id: m.organisation_id,
        kind: DocumentKind::parse(&m.kind)
            .map_err(|e| StoreError::Corrupt(format!("document {} kind: {e}", m.id)))?,
        fiscal_year: m.fiscal_year,
        filename: m.filename,
        content_type: m.content_type,
        size: u64::try_from(m.size).unwrap_or(0),
        sha256: m.sha256,
        storage_key: m.storage_key,
        public: m.public,
        uploaded_at: m.uploaded_at,
    })
}

impl<'a> Documents<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// The organisation's documents, newest year first; private ones only when asked.
    pub async fn list(
        &self,
        organisation_id: i64,
        include_private: bool,
    ) -> StoreResult<Vec<Document>> {
        let mut q = rows::Entity::find().filter(rows::Column::OrganisationId.eq(organisation_id));
        if !include_private {
            q = q.filter(rows::Column::Public.eq(true));
        }
        // NULLS LAST spelled out: PostgreSQL puts NULLs first in a descending order and SQLite
        // last, and undated documents (articles) belong after the yearly ones on both.
        q.order_by_with_nulls(rows::Column::FiscalYear, Order::Desc, NullOrdering::Last)
            .order_by_asc(rows::Column::Kind)
            .order_by_asc(rows::Column::Id)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(to_domain)
            .collect()
    }

    pub async fn get(&self, id: i64) -> StoreResult<Option<Document>> {
        rows::Entity::find_by_id(id)
            .one(&self.store.read)
            .await?
            .map(to_domain)
            .transpose()
    }

    pub async fn add(&self, d: &NewDocument<'_>, by: By) -> StoreResult<Document> {
        let model = self
            .store
            .write_txn(async |txn| {
                let model = rows::ActiveModel {
                    organisation_id: Set(d.organisation_id),
                    kind: Set(d.kind.code().to_owned()),
                    fiscal_year: Set(d.fiscal_year),
                    filename: Set(d.filename.to_owned()),
                    content_type: Set(d.content_type.to_owned()),
                    size: Set(i64::try_from(d.size).unwrap_or(i64::MAX)),
                    sha256: Set(d.sha256.to_owned()),
                    storage_key: Set(d.storage_key.to_owned()),
                    public: Set(d.kind.is_public()),
                    uploaded_by: Set(by.user_id),
                    uploaded_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                audit::record(
                    txn,
                    by,
                    Event::new("document.create", "document", model.id)
                        .organisation(d.organisation_id)
                        .details(serde_json::json!({
                            "kind": d.kind.code(),
                            "year": d.fiscal_year,
                            "name": d.filename,
                        })),
                )
                .await?;
                refresh(txn, d.organisation_id, today_in_japan(), by).await?;
                Ok(model)
            })
            .await?;
        to_domain(model)
    }

    /// Removes the record and returns its storage key, for the caller to delete the file.
    pub async fn delete(&self, id: i64, by: By) -> StoreResult<String> {
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
                    Event::new("document.delete", "document", id)
                        .organisation(row.organisation_id)
                        .details(serde_json::json!({ "kind": row.kind, "name": row.filename })),
                )
                .await?;
                refresh(txn, row.organisation_id, today_in_japan(), by).await?;
                Ok(row.storage_key)
            })
            .await
    }
}
