//! Reading organisations in lists: filtered and sorted pages (numbered or by cursor), counts
//! per activity field and SDG, recent updates, and name look-ups for operators.

use super::{FieldCounts, Organisation, OrganisationQuery, Organisations, attach_areas};
use crate::entities::{organisations as orgs, portal_memberships};
use crate::paging::{Cursor, Page, PageRequest};
use crate::{StoreError, StoreResult};
use hiroba_domain::organisations::{OrganisationFilter, OrganisationOrder};
use hiroba_domain::{activity_fields::ActivityFields, sdgs::SdgGoals};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

impl Organisations<'_> {
    pub async fn list(&self, q: &OrganisationQuery) -> StoreResult<Page<Organisation>> {
        let db = &self.store.read;
        let select = filtered(q.portal_id, &q.filter);
        let order = q.filter.order;
        match &q.page {
            PageRequest::Numbered { page, per_page } => {
                let total = select.clone().count(db).await?;
                let models = sorted(select, order)
                    .offset(page.saturating_sub(1).saturating_mul(*per_page))
                    .limit(*per_page)
                    .all(db)
                    .await?;
                let items = attach_areas(db, models).await?;
                Ok(Page {
                    items,
                    total: Some(total),
                    next: None,
                })
            }
            PageRequest::After { after, limit } => {
                let mut select = select;
                if let Some(c) = after {
                    select = select.filter(
                        Expr::tuple([
                            rank_expr(order),
                            Expr::col(orgs::Column::SortKey),
                            Expr::col(orgs::Column::Id),
                        ])
                        .gt(Expr::tuple([
                            Expr::val(c.rank),
                            Expr::val(c.sort_key.clone()),
                            Expr::val(c.id),
                        ])),
                    );
                }
                // One extra row tells whether there is a next page.
                let mut models = sorted(select, order).limit(limit + 1).all(db).await?;
                let more = models.len() as u64 > *limit;
                models.truncate(*limit as usize);
                let next = models.last().filter(|_| more).map(|m| Cursor {
                    rank: order.rank(
                        u8::try_from(m.disclosure_level).unwrap_or(0),
                        u8::try_from(m.certification_step).unwrap_or(0),
                    ),
                    sort_key: m.sort_key.clone(),
                    id: m.id,
                });
                let items = attach_areas(db, models).await?;
                Ok(Page {
                    items,
                    total: None,
                    next,
                })
            }
        }
    }

    pub async fn count(&self) -> StoreResult<u64> {
        Ok(orgs::Entity::find().count(&self.store.read).await?)
    }

    /// How many organisations (of a portal, or all) work in each activity field and on each
    /// SDG, counted in one query.
    pub async fn field_counts(&self, portal_id: Option<i64>) -> StoreResult<FieldCounts> {
        let mut q = Query::select();
        q.from(orgs::Entity).expr(Expr::cust("COUNT(*)"));
        // The masks are constants built here, never user input.
        for code in 1..=20u8 {
            q.expr(Expr::cust(format!(
                "COUNT(CASE WHEN (activity_fields & {}) <> 0 THEN 1 END)",
                ActivityFields::bit(code)
            )));
        }
        for code in 1..=17u8 {
            q.expr(Expr::cust(format!(
                "COUNT(CASE WHEN (sdgs & {}) <> 0 THEN 1 END)",
                SdgGoals::bit(code)
            )));
        }
        if let Some(portal_id) = portal_id {
            q.and_where(orgs::Column::Id.in_subquery(members_of(portal_id)));
        }
        let db = &self.store.read;
        let row = db
            .query_one_raw(db.get_database_backend().build(&q))
            .await?
            .ok_or(StoreError::NotFound)?;
        let get = |i: usize| -> StoreResult<u64> {
            Ok(u64::try_from(row.try_get_by_index::<i64>(i)?).unwrap_or(0))
        };
        let mut counts = FieldCounts {
            total: get(0)?,
            fields: [0; 20],
            sdgs: [0; 17],
        };
        for i in 0..20 {
            counts.fields[i] = get(1 + i)?;
        }
        for i in 0..17 {
            counts.sdgs[i] = get(21 + i)?;
        }
        Ok(counts)
    }

    /// The most recently updated organisations (of a portal, or all).
    pub async fn recently_updated(
        &self,
        portal_id: Option<i64>,
        limit: u64,
    ) -> StoreResult<Vec<Organisation>> {
        let models = filtered(portal_id, &OrganisationFilter::default())
            .order_by_desc(orgs::Column::UpdatedAt)
            .order_by_desc(orgs::Column::Id)
            .limit(limit)
            .all(&self.store.read)
            .await?;
        attach_areas(&self.store.read, models).await
    }

    /// Organisations whose name or reading contains `text` (for operators looking one up).
    pub async fn search_by_name(&self, text: &str, limit: u64) -> StoreResult<Vec<Organisation>> {
        let needle = text.trim();
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        // LIKE wildcards typed by the user match literally.
        let like = |s: &str| {
            format!(
                "%{}%",
                s.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        };
        let pattern = like(needle);
        let kana = like(&hiroba_domain::kana::sort_key(needle));
        let models = orgs::Entity::find()
            .filter(
                sea_orm::Condition::any()
                    .add(
                        Expr::col(orgs::Column::Name)
                            .like(sea_orm::sea_query::LikeExpr::new(&pattern).escape('\\')),
                    )
                    .add(
                        Expr::col(orgs::Column::SortKey)
                            .like(sea_orm::sea_query::LikeExpr::new(&kana).escape('\\')),
                    ),
            )
            .order_by_asc(orgs::Column::SortKey)
            .limit(limit)
            .all(&self.store.read)
            .await?;
        attach_areas(&self.store.read, models).await
    }
}

fn members_of(portal_id: i64) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(portal_memberships::Column::OrganisationId)
        .from(portal_memberships::Entity)
        .and_where(portal_memberships::Column::PortalId.eq(portal_id))
        .take()
}

fn filtered(portal_id: Option<i64>, f: &OrganisationFilter) -> Select<orgs::Entity> {
    let mut s = orgs::Entity::find();
    if let Some(portal_id) = portal_id {
        s = s.filter(orgs::Column::Id.in_subquery(members_of(portal_id)));
    }
    if let Some(p) = f.prefecture {
        s = s.filter(orgs::Column::PrefectureCode.eq(i16::from(p.get())));
    }
    if let Some(m) = f.municipality {
        let (lo, hi) = m.covered_range();
        s = s.filter(orgs::Column::MunicipalityCode.between(lo, hi));
    }
    if let Some(field) = f.activity_field {
        s = s.filter(
            Expr::col(orgs::Column::ActivityFields)
                .bit_and(ActivityFields::bit(field))
                .ne(0),
        );
    }
    if let Some(goal) = f.sdg {
        s = s.filter(
            Expr::col(orgs::Column::Sdgs)
                .bit_and(SdgGoals::bit(goal))
                .ne(0),
        );
    }
    if let Some(form) = f.legal_form {
        s = s.filter(orgs::Column::LegalForm.eq(form.code()));
    }
    if let Some(number) = f.corporate_number {
        s = s.filter(orgs::Column::CorporateNumber.eq(number.to_string()));
    }
    if let Some(level) = f.min_level {
        s = s.filter(orgs::Column::DisclosureLevel.gte(i16::from(level)));
    }
    if let Some(step) = f.min_certification {
        s = s.filter(orgs::Column::CertificationStep.gte(i16::from(step.number())));
    }
    s
}

/// The SQL of [`OrganisationOrder::rank`], so keyset paging compares what it sorts by.
fn rank_expr(order: OrganisationOrder) -> sea_orm::sea_query::SimpleExpr {
    let level = || Expr::val(5).sub(Expr::col(orgs::Column::DisclosureLevel));
    let step = || Expr::val(3).sub(Expr::col(orgs::Column::CertificationStep));
    match order {
        OrganisationOrder::Name => Expr::val(0i64),
        OrganisationOrder::Level => level().mul(10).add(step()),
        OrganisationOrder::Certification => step().mul(10).add(level()),
    }
}

fn sorted(s: Select<orgs::Entity>, order: OrganisationOrder) -> Select<orgs::Entity> {
    let s = match order {
        OrganisationOrder::Name => s,
        _ => s.order_by(rank_expr(order), sea_orm::Order::Asc),
    };
    s.order_by_asc(orgs::Column::SortKey)
        .order_by_asc(orgs::Column::Id)
}
