//! Single-use links sent by e-mail: address verification, password reset, address change.

use crate::entities::account_tokens as tokens;
use crate::{Store, StoreResult};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
}

impl Purpose {
    fn code(&self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
        }
    }
}

/// Why a link no longer works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    Unknown,
    Expired,
    Used,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountToken {
    pub user_id: i64,
    pub new_email: Option<String>,
}

pub struct AccountTokens<'a> {
    store: &'a Store,
}

impl<'a> AccountTokens<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// Stores a new token; earlier unused ones of the same purpose stop working.
    pub async fn issue(
        &self,
        user_id: i64,
        purpose: Purpose,
        token_hash: &str,
        new_email: Option<&str>,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                tokens::Entity::update_many()
                    .col_expr(tokens::Column::UsedAt, Expr::value(now))
                    .filter(tokens::Column::UserId.eq(user_id))
                    .filter(tokens::Column::Purpose.eq(purpose.code()))
                    .filter(tokens::Column::UsedAt.is_null())
                    .exec(txn)
                    .await?;
                tokens::Entity::insert(tokens::ActiveModel {
                    user_id: Set(user_id),
                    purpose: Set(purpose.code().to_owned()),
                    token_hash: Set(token_hash.to_owned()),
                    new_email: Set(new_email.map(str::to_owned)),
                    created_at: Set(now),
                    expires_at: Set(expires_at),
                    used_at: Set(None),
                    ..Default::default()
                })
                .exec(txn)
                .await?;
                Ok(())
            })
            .await
    }

    /// Uses a token once: only the first of two concurrent uses succeeds.
    pub async fn consume(
        &self,
        token_hash: &str,
        purpose: Purpose,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<AccountToken, TokenProblem>> {
        self.store
            .write_txn(async |txn| {
                let Some(row) = tokens::Entity::find()
                    .filter(tokens::Column::TokenHash.eq(token_hash))
                    .filter(tokens::Column::Purpose.eq(purpose.code()))
                    .one(txn)
                    .await?
                else {
                    return Ok(Err(TokenProblem::Unknown));
                };
                if row.used_at.is_some() {
                    return Ok(Err(TokenProblem::Used));
                }
                if row.expires_at <= now {
                    return Ok(Err(TokenProblem::Expired));
                }
                let updated = tokens::Entity::update_many()
                    .col_expr(tokens::Column::UsedAt, Expr::value(now))
                    .filter(tokens::Column::Id.eq(row.id))
                    .filter(tokens::Column::UsedAt.is_null())
                    .exec(txn)
                    .await?;
                if updated.rows_affected != 1 {
                    return Ok(Err(TokenProblem::Used));
                }
                Ok(Ok(AccountToken {
                    user_id: row.user_id,
                    new_email: row.new_email,
                }))
            })
            .await
    }

    /// Whether a token is still usable, without using it (to show the form it opens).
    pub async fn check(
        &self,
        token_hash: &str,
        purpose: Purpose,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<AccountToken, TokenProblem>> {
        let Some(row) = tokens::Entity::find()
            .filter(tokens::Column::TokenHash.eq(token_hash))
            .filter(tokens::Column::Purpose.eq(purpose.code()))
            .one(&self.store.read)
            .await?
        else {
            return Ok(Err(TokenProblem::Unknown));
        };
        Ok(if row.used_at.is_some() {
            Err(TokenProblem::Used)
        } else if row.expires_at <= now {
            Err(TokenProblem::Expired)
        } else {
            Ok(AccountToken {
                user_id: row.user_id,
                new_email: row.new_email,
            })
        })
    }
}
