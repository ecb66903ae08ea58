//! Keeping each organisation's ★ level and certification step current. Every change to what
//! the rubric reads calls [`refresh`] in the same transaction, and a daily job refreshes every
//! organisation, because time alone can lower a level (a report going stale, a review
//! getting old) or end a certification.

use crate::audit::{self, By, Event};
use crate::entities::{
    annual_reports as reports, certifications as certs, metric_values as values,
    organisation_documents as docs, organisation_programmes as programmes, organisations as orgs,
    outcome_metrics as metrics,
};
use crate::organisations::{area_codes, to_domain};
use crate::{Store, StoreError, StoreResult};
use chrono::{NaiveDate, Utc};
use hiroba_domain::certification::{self, Grant, Status, Step};
use hiroba_domain::disclosure::{self, Assessment, DocumentFacts, Facts, MetricFacts, ReportFacts};
use hiroba_domain::documents::DocumentKind;
use hiroba_domain::metrics::MetricKind;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// Today's date in Japan, where fiscal years and review dates are counted.
pub fn today_in_japan() -> NaiveDate {
    (Utc::now() + chrono::Duration::hours(9)).date_naive()
}

/// The rubric's verdict for one organisation, with the certification grants it holds.
#[derive(Debug, Clone)]
pub struct Standing {
    pub assessment: Assessment,
    pub grants: Vec<Grant>,
    pub step: Option<Step>,
}

/// Reads everything the rubric looks at and assesses it.
pub(crate) async fn assess(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    today: NaiveDate,
) -> StoreResult<Standing> {
    let Some(model) = orgs::Entity::find_by_id(organisation_id).one(db).await? else {
        return Err(StoreError::NotFound);
    };
    let org = to_domain(model, area_codes(db, organisation_id).await?)?;
    let programme_count = programmes::Entity::find()
        .filter(programmes::Column::OrganisationId.eq(organisation_id))
        .count(db)
        .await?;
    let report_facts: Vec<ReportFacts> = reports::Entity::find()
        .filter(reports::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| ReportFacts {
            year: r.fiscal_year,
            has_finances: r.has_finances,
        })
        .collect();
    let document_facts: Vec<DocumentFacts> = docs::Entity::find()
        .filter(docs::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|d| {
            Some(DocumentFacts {
                kind: DocumentKind::parse(&d.kind).ok()?,
                year: d.fiscal_year,
            })
        })
        .collect();
    let metric_rows = metrics::Entity::find()
        .filter(metrics::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?;
    let mut metric_facts = Vec::with_capacity(metric_rows.len());
    for m in metric_rows {
        let years: Vec<i32> = values::Entity::find()
            .select_only()
            .column(values::Column::FiscalYear)
            .filter(values::Column::MetricId.eq(m.id))
            .into_tuple()
            .all(db)
            .await?;
        metric_facts.push(MetricFacts {
            shows_results: MetricKind::parse(&m.kind).is_ok_and(|k| k.shows_results()),
            years_with_values: years,
        });
    }
    let assessment = disclosure::assess(
        &Facts {
            profile: &org.profile,
            has_logo: org.logo_key.is_some(),
            logo_none: org.logo_none,
            programmes: programme_count as usize,
            reports: &report_facts,
            documents: &document_facts,
            metrics: &metric_facts,
            reviewed_on: org
                .reviewed_at
                .map(|t| (t + chrono::Duration::hours(9)).date_naive()),
        },
        today,
    );
    let grants = grants(db, organisation_id).await?;
    let step = certification::current_step(assessment.level, &grants, today);
    Ok(Standing {
        assessment,
        grants,
        step,
    })
}

pub(crate) async fn grants(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> StoreResult<Vec<Grant>> {
    Ok(certs::Entity::find()
        .filter(certs::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(certs::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| {
            Some(Grant {
                step: Step::from_number(u8::try_from(c.step).ok()?)?,
                granted_on: c.granted_on,
                expires_on: c.expires_on,
                status: Status::parse(&c.status)?,
            })
        })
        .collect())
}

/// Reassesses one organisation and stores its level and step; STEP1 comes and goes with ★3,
/// recorded in the certification history. Records a log entry when the level changes.
/// Also asks search indexes to re-read the organisation: every change to it passes here.
pub(crate) async fn refresh(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    today: NaiveDate,
    by: By,
) -> StoreResult<Standing> {
    reassess(db, organisation_id, today, by, true).await
}

/// `refresh`, telling search only when the level or step changed (the daily pass, which
/// must not rewrite every search document each day).
async fn reassess(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    today: NaiveDate,
    by: By,
    always_reindex: bool,
) -> StoreResult<Standing> {
    let standing = assess(db, organisation_id, today).await?;
    let level = standing.assessment.level;
    let open_step1 = certs::Entity::find()
        .filter(certs::Column::OrganisationId.eq(organisation_id))
        .filter(certs::Column::Step.eq(1))
        .filter(certs::Column::Status.eq(Status::Active.code()))
        .one(db)
        .await?;
    match (level >= certification::STEP1_LEVEL, open_step1) {
        (true, None) => {
            certs::ActiveModel {
                organisation_id: Set(organisation_id),
                portal_id: Set(None),
                step: Set(1),
                status: Set(Status::Active.code().to_owned()),
                granted_on: Set(today),
                expires_on: Set(None),
                granted_by: Set(None),
                notes: Set(None),
                ended_on: Set(None),
                ended_by: Set(None),
                end_note: Set(None),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        (false, Some(open)) => {
            let mut am: certs::ActiveModel = open.into();
            am.status = Set(Status::Expired.code().to_owned());
            am.ended_on = Set(Some(today));
            am.update(db).await?;
        }
        _ => {}
    }
    let (before, step_before) = orgs::Entity::find_by_id(organisation_id)
        .select_only()
        .column(orgs::Column::DisclosureLevel)
        .column(orgs::Column::CertificationStep)
        .into_tuple::<(i16, i16)>()
        .one(db)
        .await?
        .unwrap_or((0, 0));
    let step = standing.step.map(|s| s.number()).unwrap_or(0);
    if always_reindex || before != i16::from(level) || step_before != i16::from(step) {
        crate::search_feed::touch(db, crate::search_feed::ORGANISATION, organisation_id).await?;
    }
    orgs::Entity::update_many()
        .col_expr(orgs::Column::DisclosureLevel, Expr::value(i16::from(level)))
        .col_expr(
            orgs::Column::CertificationStep,
            Expr::value(i16::from(step)),
        )
        .filter(orgs::Column::Id.eq(organisation_id))
        .exec(db)
        .await?;
    if before != i16::from(level) {
        audit::record(
            db,
            by,
            Event::new("organisation.level", "organisation", organisation_id)
                .organisation(organisation_id)
                .details(serde_json::json!({ "from": before, "to": level })),
        )
        .await?;
    }
    Ok(standing)
}

impl Store {
    /// The ★ assessment and certification of one organisation, as of `today`.
    pub async fn standing(&self, organisation_id: i64, today: NaiveDate) -> StoreResult<Standing> {
        assess(&self.read, organisation_id, today).await
    }

    /// Reassesses every organisation as of `today` and ends certifications whose time is up;
    /// returns how many levels or steps changed. Run daily by one node (see `jobs`).
    pub async fn refresh_all(&self, today: NaiveDate) -> StoreResult<u64> {
        let expired = certs::Entity::update_many()
            .col_expr(certs::Column::Status, Expr::value(Status::Expired.code()))
            .col_expr(certs::Column::EndedOn, Expr::value(Some(today)))
            .filter(certs::Column::Status.eq(Status::Active.code()))
            .filter(certs::Column::ExpiresOn.lte(today))
            .exec(&self.write)
            .await?
            .rows_affected;
        if expired > 0 {
            tracing::info!(expired, "certifications expired");
        }
        let ids: Vec<(i64, i16, i16)> = orgs::Entity::find()
            .select_only()
            .column(orgs::Column::Id)
            .column(orgs::Column::DisclosureLevel)
            .column(orgs::Column::CertificationStep)
            .order_by_asc(orgs::Column::Id)
            .into_tuple()
            .all(&self.read)
            .await?;
        let mut changed = 0;
        // One short transaction per organisation keeps the SQLite writer free for people.
        for (id, level, step) in ids {
            let standing = self
                .write_txn(async |txn| reassess(txn, id, today, By::SYSTEM, false).await)
                .await?;
            let new_step = standing.step.map(|s| s.number()).unwrap_or(0);
            if i16::from(standing.assessment.level) != level || i16::from(new_step) != step {
                changed += 1;
            }
        }
        Ok(changed)
    }
}
