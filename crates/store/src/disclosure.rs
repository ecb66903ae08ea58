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
use crate::organisations::{area_codes, attach_areas, to_domain};
use crate::{Store, StoreError, StoreResult};
use chrono::{NaiveDate, Utc};
use hiroba_domain::certification::{self, Grant, Status, Step};
use hiroba_domain::disclosure::{self, Assessment, DocumentFacts, Facts, MetricFacts, ReportFacts};
use hiroba_domain::documents::DocumentKind;
use hiroba_domain::metrics::MetricKind;
use hiroba_domain::organisations::OrganisationProfile;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

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

/// Everything the rubric looks at for one organisation.
struct Loaded {
    org: crate::organisations::Organisation,
    programmes: usize,
    reports: Vec<ReportFacts>,
    documents: Vec<DocumentFacts>,
    metrics: Vec<MetricFacts>,
    grants: Vec<Grant>,
}

impl Loaded {
    fn standing(&self, today: NaiveDate) -> Standing {
        let assessment = disclosure::assess(
            &Facts {
                profile: &self.org.profile,
                has_logo: self.org.logo_key.is_some(),
                logo_none: self.org.logo_none,
                programmes: self.programmes,
                reports: &self.reports,
                documents: &self.documents,
                metrics: &self.metrics,
                reviewed_on: self
                    .org
                    .reviewed_at
                    .map(|t| (t + chrono::Duration::hours(9)).date_naive()),
            },
            today,
        );
        let step = certification::current_step(assessment.level, &self.grants, today);
        Standing {
            assessment,
            grants: self.grants.clone(),
            step,
        }
    }
}

fn report_facts(r: &reports::Model) -> ReportFacts {
    ReportFacts {
        year: r.fiscal_year,
        has_finances: r.has_finances,
    }
}

fn document_facts(d: &docs::Model) -> Option<DocumentFacts> {
    Some(DocumentFacts {
        kind: DocumentKind::parse(&d.kind).ok()?,
        year: d.fiscal_year,
    })
}

fn metric_facts(m: &metrics::Model, years: Vec<i32>) -> MetricFacts {
    MetricFacts {
        shows_results: MetricKind::parse(&m.kind).is_ok_and(|k| k.shows_results()),
        years_with_values: years,
    }
}

fn grant_of(c: &certs::Model) -> Option<Grant> {
    Some(Grant {
        step: Step::from_number(u8::try_from(c.step).ok()?)?,
        granted_on: c.granted_on,
        expires_on: c.expires_on,
        status: Status::parse(&c.status)?,
    })
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
    let programmes = programmes::Entity::find()
        .filter(programmes::Column::OrganisationId.eq(organisation_id))
        .count(db)
        .await? as usize;
    let reports: Vec<ReportFacts> = reports::Entity::find()
        .filter(reports::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .iter()
        .map(report_facts)
        .collect();
    let documents: Vec<DocumentFacts> = docs::Entity::find()
        .filter(docs::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .iter()
        .filter_map(document_facts)
        .collect();
    let metric_rows = metrics::Entity::find()
        .filter(metrics::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?;
    let mut metric_list = Vec::with_capacity(metric_rows.len());
    for m in metric_rows {
        let years: Vec<i32> = values::Entity::find()
            .select_only()
            .column(values::Column::FiscalYear)
            .filter(values::Column::MetricId.eq(m.id))
            .into_tuple()
            .all(db)
            .await?;
        metric_list.push(metric_facts(&m, years));
    }
    let loaded = Loaded {
        org,
        programmes,
        reports,
        documents,
        metrics: metric_list,
        grants: grants(db, organisation_id).await?,
    };
    Ok(loaded.standing(today))
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
        .iter()
        .filter_map(grant_of)
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
    let open_step1 = certs::Entity::find()
        .filter(certs::Column::OrganisationId.eq(organisation_id))
        .filter(certs::Column::Step.eq(1))
        .filter(certs::Column::Status.eq(Status::Active.code()))
        .one(db)
        .await?;
    let before = orgs::Entity::find_by_id(organisation_id)
        .select_only()
        .column(orgs::Column::DisclosureLevel)
        .column(orgs::Column::CertificationStep)
        .into_tuple::<(i16, i16)>()
        .one(db)
        .await?
        .unwrap_or((0, 0));
    let changed = store_standing(
        db,
        organisation_id,
        &standing,
        before,
        open_step1,
        today,
        by,
    )
    .await?;
    if always_reindex || changed {
        crate::search_feed::touch(db, crate::search_feed::ORGANISATION, organisation_id).await?;
    }
    Ok(standing)
}

/// Writes an assessment: STEP1 granted or ended, level and step, a log entry when the level
/// moved. Returns whether level or step changed.
async fn store_standing(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    standing: &Standing,
    before: (i16, i16),
    open_step1: Option<certs::Model>,
    today: NaiveDate,
    by: By,
) -> StoreResult<bool> {
    let mut writes = StandingWrites::default();
    let changed = writes.add(organisation_id, standing, before, open_step1, today);
    writes.flush(db, by).await?;
    Ok(changed)
}

/// The writes of many assessments, made in a few statements: STEP1 grants in one insert,
/// levels in one UPDATE per distinct (level, step), log entries in one insert. What is written
/// is what [`store_standing`] writes one organisation at a time.
#[derive(Default)]
struct StandingWrites {
    grants: Vec<certs::ActiveModel>,
    ended: Vec<certs::Model>,
    levels: HashMap<(i16, i16), Vec<i64>>,
    events: Vec<Event>,
    today: Option<NaiveDate>,
}

impl StandingWrites {
    /// Notes one assessment's writes; returns whether level or step changed.
    fn add(
        &mut self,
        organisation_id: i64,
        standing: &Standing,
        (before, step_before): (i16, i16),
        open_step1: Option<certs::Model>,
        today: NaiveDate,
    ) -> bool {
        self.today = Some(today);
        let level = standing.assessment.level;
        match (level >= certification::STEP1_LEVEL, open_step1) {
            (true, None) => self.grants.push(certs::ActiveModel {
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
            }),
            (false, Some(open)) => self.ended.push(open),
            _ => {}
        }
        let step = i16::from(standing.step.map(|s| s.number()).unwrap_or(0));
        let changed = before != i16::from(level) || step_before != step;
        if changed {
            self.levels
                .entry((i16::from(level), step))
                .or_default()
                .push(organisation_id);
        }
        if before != i16::from(level) {
            self.events.push(
                Event::new("organisation.level", "organisation", organisation_id)
                    .organisation(organisation_id)
                    .details(serde_json::json!({ "from": before, "to": level })),
            );
        }
        changed
    }

    async fn flush(self, db: &impl ConnectionTrait, by: By) -> StoreResult<()> {
        for chunk in self.grants.chunks(500) {
            certs::Entity::insert_many(chunk.to_vec()).exec(db).await?;
        }
        for open in self.ended {
            let mut am: certs::ActiveModel = open.into();
            am.status = Set(Status::Expired.code().to_owned());
            am.ended_on = Set(self.today);
            am.update(db).await?;
        }
        for ((level, step), ids) in self.levels {
            for chunk in ids.chunks(500) {
                orgs::Entity::update_many()
                    .col_expr(orgs::Column::DisclosureLevel, Expr::value(level))
                    .col_expr(orgs::Column::CertificationStep, Expr::value(step))
                    .filter(orgs::Column::Id.is_in(chunk.to_vec()))
                    .exec(db)
                    .await?;
            }
        }
        if self.events.len() == 1 {
            let mut events = self.events;
            audit::record(db, by, events.remove(0)).await
        } else if !self.events.is_empty() {
            audit::record_many(db, by, self.events).await
        } else {
            Ok(())
        }
    }
}

/// The standing of an organisation that has nothing yet but the profile a registry gave it (no
/// logo, programmes, reports, documents, metrics or grants): what [`refresh_many`] would
/// compute right after creating it, computed before, so a bulk import writes the level with
/// the row instead of reading every new row back.
pub(crate) fn initial_standing(profile: &OrganisationProfile, today: NaiveDate) -> Standing {
    let assessment = disclosure::assess(
        &Facts {
            profile,
            has_logo: false,
            logo_none: false,
            programmes: 0,
            reports: &[],
            documents: &[],
            metrics: &[],
            reviewed_on: None,
        },
        today,
    );
    let step = certification::current_step(assessment.level, &[], today);
    Standing {
        assessment,
        grants: Vec::new(),
        step,
    }
}

/// The stored (level, step) of a standing.
pub(crate) fn level_and_step(standing: &Standing) -> (i16, i16) {
    (
        i16::from(standing.assessment.level),
        i16::from(standing.step.map(|s| s.number()).unwrap_or(0)),
    )
}

/// Writes what [`initial_standing`]s imply beyond the rows that already hold their levels: the
/// STEP1 grants, as [`refresh_many`] would.
pub(crate) async fn record_initial(
    db: &impl ConnectionTrait,
    created: &[(i64, Standing)],
    today: NaiveDate,
    by: By,
) -> StoreResult<()> {
    let mut writes = StandingWrites::default();
    for (id, standing) in created {
        writes.add(*id, standing, level_and_step(standing), None, today);
    }
    writes.flush(db, by).await
}

/// [`refresh`] for many organisations, reading what the rubric needs in a few queries per
/// chunk instead of several per organisation (imports refresh thousands at a time).
pub(crate) async fn refresh_many(
    db: &impl ConnectionTrait,
    ids: &[i64],
    today: NaiveDate,
    by: By,
) -> StoreResult<()> {
    for chunk in ids.chunks(500) {
        let models = orgs::Entity::find()
            .filter(orgs::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        let before: HashMap<i64, (i16, i16)> = models
            .iter()
            .map(|m| (m.id, (m.disclosure_level, m.certification_step)))
            .collect();
        let found = attach_areas(db, models).await?;
        let counts: Vec<(i64, i64)> = programmes::Entity::find()
            .select_only()
            .column(programmes::Column::OrganisationId)
            .column_as(programmes::Column::Id.count(), "n")
            .filter(programmes::Column::OrganisationId.is_in(chunk.to_vec()))
            .group_by(programmes::Column::OrganisationId)
            .into_tuple()
            .all(db)
            .await?;
        let counts: HashMap<i64, usize> =
            counts.into_iter().map(|(id, n)| (id, n as usize)).collect();
        let mut report_map: HashMap<i64, Vec<ReportFacts>> = HashMap::new();
        for r in reports::Entity::find()
            .filter(reports::Column::OrganisationId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            report_map
                .entry(r.organisation_id)
                .or_default()
                .push(report_facts(&r));
        }
        let mut doc_map: HashMap<i64, Vec<DocumentFacts>> = HashMap::new();
        for d in docs::Entity::find()
            .filter(docs::Column::OrganisationId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            if let Some(f) = document_facts(&d) {
                doc_map.entry(d.organisation_id).or_default().push(f);
            }
        }
        let metric_rows = metrics::Entity::find()
            .filter(metrics::Column::OrganisationId.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        let mut years: HashMap<i64, Vec<i32>> = HashMap::new();
        if !metric_rows.is_empty() {
            let rows: Vec<(i64, i32)> = values::Entity::find()
                .select_only()
                .column(values::Column::MetricId)
                .column(values::Column::FiscalYear)
                .filter(values::Column::MetricId.is_in(metric_rows.iter().map(|m| m.id)))
                .into_tuple()
                .all(db)
                .await?;
            for (metric, year) in rows {
                years.entry(metric).or_default().push(year);
            }
        }
        let mut metric_map: HashMap<i64, Vec<MetricFacts>> = HashMap::new();
        for m in &metric_rows {
            let y = years.remove(&m.id).unwrap_or_default();
            metric_map
                .entry(m.organisation_id)
                .or_default()
                .push(metric_facts(m, y));
        }
        let mut grant_map: HashMap<i64, Vec<Grant>> = HashMap::new();
        let mut open_step1: HashMap<i64, certs::Model> = HashMap::new();
        for c in certs::Entity::find()
            .filter(certs::Column::OrganisationId.is_in(chunk.to_vec()))
            .order_by_asc(certs::Column::Id)
            .all(db)
            .await?
        {
            if let Some(g) = grant_of(&c) {
                grant_map.entry(c.organisation_id).or_default().push(g);
            }
            if c.step == 1 && c.status == Status::Active.code() {
                open_step1.entry(c.organisation_id).or_insert(c);
            }
        }
        let mut writes = StandingWrites::default();
        for org in found {
            let id = org.id;
            let loaded = Loaded {
                org,
                programmes: counts.get(&id).copied().unwrap_or(0),
                reports: report_map.remove(&id).unwrap_or_default(),
                documents: doc_map.remove(&id).unwrap_or_default(),
                metrics: metric_map.remove(&id).unwrap_or_default(),
                grants: grant_map.remove(&id).unwrap_or_default(),
            };
            let standing = loaded.standing(today);
            let before = before.get(&id).copied().unwrap_or((0, 0));
            writes.add(id, &standing, before, open_step1.remove(&id), today);
        }
        writes.flush(db, by).await?;
        crate::search_feed::touch_many(db, crate::search_feed::ORGANISATION, chunk).await?;
    }
    Ok(())
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
