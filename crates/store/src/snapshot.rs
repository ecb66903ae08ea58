//! A dump of the data that matters, for tests proving that a refused request changed nothing.
//! Sessions, rate-limit counters and form drafts are left out: refused requests may legitimately
//! touch them (a draft saved on an expired session, a counted sign-in attempt). So is
//! bookkeeping of use: when a token was last used, when someone last signed in, which imports
//! ran (a dry run records its own run).

use crate::entities::*;
use crate::{Store, StoreResult};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Map, Value};

macro_rules! dump {
    ($map:ident, $db:expr, $($entity:ident ordered by $($col:ident),+);* $(;)?) => {
        $(
            let rows = $entity::Entity::find()
                $(.order_by_asc($entity::Column::$col))+
                .into_json()
                .all($db)
                .await?;
            $map.insert(stringify!($entity).to_owned(), Value::Array(rows));
        )*
    };
}

impl Store {
    pub async fn snapshot(&self) -> StoreResult<Value> {
        let db = &self.read;
        let mut map = Map::new();
        dump!(map, db,
            organisations ordered by Id;
            organisation_areas ordered by OrganisationId, AreaCode;
            portals ordered by Id;
            portal_curations ordered by PortalId, OrganisationId;
            portal_memberships ordered by PortalId, OrganisationId;
            users ordered by Id;
            account_tokens ordered by Id;
            api_tokens ordered by Id;
            portal_roles ordered by PortalId, UserId;
            organisation_roles ordered by OrganisationId, UserId;
            invitations ordered by Id;
            claims ordered by Id;
            audit_events ordered by Id;
            organisation_programmes ordered by Id;
            annual_reports ordered by Id;
            outcome_metrics ordered by Id;
            metric_values ordered by MetricId, FiscalYear;
            organisation_documents ordered by Id;
            certifications ordered by Id;
            organisation_history ordered by Id;
        );
        for (table, column) in [("api_tokens", "last_used_at"), ("users", "last_sign_in_at")] {
            if let Some(Value::Array(rows)) = map.get_mut(table) {
                for row in rows {
                    if let Value::Object(r) = row {
                        r.remove(column);
                    }
                }
            }
        }
        Ok(Value::Object(map))
    }
}
