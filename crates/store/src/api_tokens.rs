//! Personal API tokens, stored as digests.

use crate::audit::{self, By, Event};
use crate::entities::api_tokens as tokens;
use crate::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use hiroba_domain::roles::TokenScope;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub display_prefix: String,
    pub scope: TokenScope,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

fn to_domain(m: tokens::Model) -> ApiToken {
    ApiToken {
        id: m.id,
        user_id: m.user_id,
        name: m.name,
        display_prefix: m.display_prefix,
        scope: TokenScope::parse(&m.scope).unwrap_or(TokenScope::Read),
        created_at: m.created_at,
        last_used_at: m.last_used_at,
        revoked_at: m.revoked_at,
    }
}

pub struct ApiTokens<'a> {
    store: &'a Store,
}

impl<'a> ApiTokens<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    pub async fn create(
        &self,
        user_id: i64,
        name: &str,
        display_prefix: &str,
        token_hash: &str,
        scope: TokenScope,
    ) -> StoreResult<ApiToken> {
        self.store
            .write_txn(async |txn| {
                let row = tokens::ActiveModel {
                    user_id: Set(user_id),
                    name: Set(name.to_owned()),
                    display_prefix: Set(display_prefix.to_owned()),
                    token_hash: Set(token_hash.to_owned()),
                    scope: Set(scope.code().to_owned()),
                    created_at: Set(Utc::now()),
                    last_used_at: Set(None),
                    revoked_at: Set(None),
                    ..Default::default()
                };
                let model = tokens::Entity::insert(row).exec_with_returning(txn).await?;
                audit::record(
                    txn,
                    By::user(user_id),
                    Event::new("token.create", "api_token", model.id)
                        .details(serde_json::json!({ "scope": scope.code() })),
                )
                .await?;
                Ok(to_domain(model))
            })
            .await
    }

    pub async fn list(&self, user_id: i64) -> StoreResult<Vec<ApiToken>> {
        Ok(tokens::Entity::find()
            .filter(tokens::Column::UserId.eq(user_id))
            .order_by_desc(tokens::Column::Id)
            .all(&self.store.read)
            .await?
            .into_iter()
            .map(to_domain)
            .collect())
    }

    /// Revokes one of the user's own tokens; another user's token is "not found".
    pub async fn revoke(&self, user_id: i64, id: i64) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let updated = tokens::Entity::update_many()
                    .col_expr(tokens::Column::RevokedAt, Expr::value(Utc::now()))
                    .filter(tokens::Column::Id.eq(id))
                    .filter(tokens::Column::UserId.eq(user_id))
                    .filter(tokens::Column::RevokedAt.is_null())
                    .exec(txn)
                    .await?;
                if updated.rows_affected == 0 {
                    return Err(StoreError::NotFound);
                }
                audit::record(
                    txn,
                    By::user(user_id),
                    Event::new("token.revoke", "api_token", id),
                )
                .await
            })
            .await
    }

    /// The live token with this digest.
    pub async fn authenticate(&self, token_hash: &str) -> StoreResult<Option<ApiToken>> {
        let Some(model) = tokens::Entity::find()
            .filter(tokens::Column::TokenHash.eq(token_hash))
            .filter(tokens::Column::RevokedAt.is_null())
            .one(&self.store.read)
            .await?
        else {
            return Ok(None);
        };
        // Recorded at most once a minute, so heavy API use does not mean a write per call.
        let now = Utc::now();
        if model
            .last_used_at
            .is_none_or(|t| now - t > chrono::Duration::minutes(1))
        {
            tokens::Entity::update_many()
                .col_expr(tokens::Column::LastUsedAt, Expr::value(now))
                .filter(tokens::Column::Id.eq(model.id))
                .exec(&self.store.write)
                .await?;
        }
        Ok(Some(to_domain(model)))
    }
}
