//! People's accounts.

use crate::audit::{self, By, Event};
use crate::entities::{organisation_roles, portal_roles, sessions, users};
use crate::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use hiroba_domain::policy::Actor;
use hiroba_domain::roles::{OrgRole, PortalRole, TokenScope};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    /// Lower-cased, the form used for sign-in and uniqueness.
    pub email: String,
    pub email_verified: bool,
    pub display_name: String,
    /// "ja" or "en".
    pub lang: String,
    pub platform_admin: bool,
    pub created_at: DateTime<Utc>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub lang: &'a str,
    pub verified: bool,
    pub platform_admin: bool,
}

fn to_domain(m: users::Model) -> User {
    User {
        id: m.id,
        email: m.email,
        email_verified: m.email_verified_at.is_some(),
        display_name: m.display_name,
        lang: m.lang,
        platform_admin: m.platform_admin,
        created_at: m.created_at,
        last_sign_in_at: m.last_sign_in_at,
    }
}

/// Addresses are compared without regard to case.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

pub struct Users<'a> {
    store: &'a Store,
}

impl<'a> Users<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    pub async fn create(&self, new: &NewUser<'_>, by: By) -> StoreResult<User> {
        let now = Utc::now();
        let model = self
            .store
            .write_txn(async |txn| {
                let model = users::ActiveModel {
                    email: Set(email_key(new.email)),
                    email_verified_at: Set(new.verified.then_some(now)),
                    password_hash: Set(new.password_hash.to_owned()),
                    display_name: Set(new.display_name.trim().to_owned()),
                    lang: Set(new.lang.to_owned()),
                    platform_admin: Set(new.platform_admin),
                    created_at: Set(now),
                    updated_at: Set(now),
                    last_sign_in_at: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await
                .map_err(StoreError::conflict_on("email"))?;
                let by = if by.user_id.is_some() {
                    by
                } else {
                    By::user(model.id)
                };
                audit::record(txn, by, Event::new("user.create", "user", model.id)).await?;
                Ok(model)
            })
            .await?;
        Ok(to_domain(model))
    }

    pub async fn get(&self, id: i64) -> StoreResult<Option<User>> {
        Ok(users::Entity::find_by_id(id)
            .one(&self.store.read)
            .await?
            .map(to_domain))
    }

    pub async fn by_email(&self, email: &str) -> StoreResult<Option<User>> {
        Ok(self.credentials(email).await?.map(|(u, _)| u))
    }

    /// The account and its password hash, for sign-in.
    pub async fn credentials(&self, email: &str) -> StoreResult<Option<(User, String)>> {
        Ok(users::Entity::find()
            .filter(users::Column::Email.eq(email_key(email)))
            .one(&self.store.read)
            .await?
            .map(|m| {
                let hash = m.password_hash.clone();
                (to_domain(m), hash)
            }))
    }

    pub async fn password_hash(&self, id: i64) -> StoreResult<String> {
        users::Entity::find_by_id(id)
            .one(&self.store.read)
            .await?
            .map(|m| m.password_hash)
            .ok_or(StoreError::NotFound)
    }

    /// Sets a new password and ends every session of the account (a reset must lock out
    /// whoever had the old one).
    pub async fn set_password(&self, id: i64, password_hash: &str, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                self.update_row(txn, id, |am| {
                    am.password_hash = Set(password_hash.to_owned())
                })
                .await?;
                sessions::Entity::delete_many()
                    .filter(sessions::Column::UserId.eq(id))
                    .exec(txn)
                    .await?;
                audit::record(txn, by, Event::new("user.password", "user", id)).await
            })
            .await
    }

    pub async fn set_email(&self, id: i64, email: &str, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                let email = email_key(email);
                self.update_row(txn, id, |am| {
                    am.email = Set(email.clone());
                    am.email_verified_at = Set(Some(Utc::now()));
                })
                .await
                .map_err(|e| match e {
                    StoreError::Db(db) => StoreError::conflict_on("email")(db),
                    other => other,
                })?;
                audit::record(txn, by, Event::new("user.email", "user", id)).await
            })
            .await
    }

    pub async fn set_lang(&self, id: i64, lang: &str, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                self.update_row(txn, id, |am| am.lang = Set(lang.to_owned()))
                    .await?;
                audit::record(
                    txn,
                    by,
                    Event::new("user.lang", "user", id)
                        .details(serde_json::json!({ "lang": lang })),
                )
                .await
            })
            .await
    }

    pub async fn set_display_name(&self, id: i64, name: &str, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                self.update_row(txn, id, |am| am.display_name = Set(name.trim().to_owned()))
                    .await?;
                audit::record(txn, by, Event::new("user.name", "user", id)).await
            })
            .await
    }

    pub async fn mark_verified(&self, id: i64) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                self.update_row(txn, id, |am| am.email_verified_at = Set(Some(Utc::now())))
                    .await?;
                audit::record(txn, By::user(id), Event::new("user.verify", "user", id)).await
            })
            .await
    }

    pub async fn set_platform_admin(&self, id: i64, admin: bool, by: By) -> StoreResult<()> {
        self.store
            .write_txn(async |txn| {
                self.update_row(txn, id, |am| am.platform_admin = Set(admin))
                    .await?;
                audit::record(
                    txn,
                    by,
                    Event::new("user.platform_admin", "user", id)
                        .details(serde_json::json!({ "admin": admin })),
                )
                .await
            })
            .await
    }

    pub async fn record_sign_in(&self, id: i64) -> StoreResult<()> {
        users::Entity::update_many()
            .col_expr(
                users::Column::LastSignInAt,
                sea_orm::sea_query::Expr::value(Utc::now()),
            )
            .filter(users::Column::Id.eq(id))
            .exec(&self.store.write)
            .await?;
        Ok(())
    }

    async fn update_row(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        id: i64,
        change: impl FnOnce(&mut users::ActiveModel),
    ) -> StoreResult<()> {
        let model = users::Entity::find_by_id(id)
            .one(txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut am: users::ActiveModel = model.into();
        change(&mut am);
        am.updated_at = Set(Utc::now());
        am.update(txn).await?;
        Ok(())
    }

    /// The person as the policy sees them: their roles everywhere.
    pub async fn actor(
        &self,
        id: i64,
        token_scope: Option<TokenScope>,
    ) -> StoreResult<Option<Actor>> {
        let Some(user) = self.get(id).await? else {
            return Ok(None);
        };
        let portals = portal_roles::Entity::find()
            .filter(portal_roles::Column::UserId.eq(id))
            .all(&self.store.read)
            .await?
            .into_iter()
            .filter_map(|r| PortalRole::parse(&r.role).map(|role| (r.portal_id, role)))
            .collect();
        let organisations = organisation_roles::Entity::find()
            .filter(organisation_roles::Column::UserId.eq(id))
            .all(&self.store.read)
            .await?
            .into_iter()
            .filter_map(|r| OrgRole::parse(&r.role).map(|role| (r.organisation_id, role)))
            .collect();
        Ok(Some(Actor {
            user_id: user.id,
            platform_admin: user.platform_admin,
            email_verified: user.email_verified,
            portals,
            organisations,
            token_scope,
        }))
    }

    pub async fn count(&self) -> StoreResult<u64> {
        Ok(users::Entity::find().count(&self.store.read).await?)
    }
}
