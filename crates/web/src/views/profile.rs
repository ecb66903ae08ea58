//! The parts of a public profile beyond the basic facts: the ★ checklist, certification,
//! programmes, finances, outcome metrics and documents.

use super::disclosure::{CertificationView, ChecklistView, certification, checklist, step_badge};
use super::finances::{FinancesView, finances, year_label};
use crate::AppState;
use crate::errors::AppResult;
use crate::page::Tr;
use crate::pages::documents::{DocumentRow, rows};
use hiroba_charts::{Format, Frame, Locale, Series, Svg};
use hiroba_domain::policy::Actor;
use hiroba_domain::programmes::Programme;
use hiroba_store::metrics::StoredMetric;
use hiroba_store::organisations::Organisation;

#[derive(Debug, Clone)]
pub struct MetricView {
    pub name: String,
    pub meta: String,
    pub targets: Vec<String>,
    pub description: Option<String>,
    pub chart: Option<Svg>,
    /// (year, value) rows.
    pub values: Vec<(String, String)>,
    pub unit: String,
}

pub struct ProfileExtras {
    pub checklist: ChecklistView,
    pub certification: Option<String>,
    pub certifications: Vec<CertificationView>,
    pub programmes: Vec<Programme>,
    pub finances: Option<FinancesView>,
    pub metrics: Vec<MetricView>,
    pub documents: Vec<DocumentRow>,
    /// The viewer is on the organisation's team (or an administrator).
    pub staff: bool,
    /// Registered from a list or a registry rather than by its own people.
    pub imported: bool,
    /// Where its people ask to manage it, while nobody does.
    pub claim_href: Option<String>,
    /// Closed, dissolved or removed from the register: said first, in words.
    pub closed: Option<String>,
}

fn metric_view(tr: &Tr<'_>, index: usize, m: &StoredMetric) -> MetricView {
    let unit = m.metric.unit.clone();
    let values: Vec<(String, String)> = m
        .values
        .iter()
        .map(|v| {
            (
                year_label(tr, v.fiscal_year),
                crate::pages::metrics::number(v.value),
            )
        })
        .collect();
    let chart = (m.values.len() >= 2).then(|| {
        let years: Vec<String> = m
            .values
            .iter()
            .map(|v| year_label(tr, v.fiscal_year))
            .collect();
        hiroba_charts::line_chart(
            &Frame::new(
                format!("metric-{index}"),
                m.metric.name.clone(),
                tr.t("profile-metric-chart-desc"),
                if tr.en() { Locale::En } else { Locale::Ja },
            ),
            &years,
            &[Series::new(
                m.metric.name.clone(),
                m.values.iter().map(|v| Some(v.value)).collect(),
            )],
            &Format::Number { unit: unit.clone() },
        )
    });
    let mut targets = Vec::new();
    if let Some(t) = &m.metric.sdg_target {
        targets.push(tr.ts("profile-metric-sdg", "target", t));
    }
    if let Some(c) = &m.metric.iris_code {
        targets.push(format!("IRIS+ {c}"));
    }
    MetricView {
        name: m.metric.name.clone(),
        meta: tr.args(
            "profile-metric-meta",
            &[
                (
                    "kind",
                    tr.t(&format!("metric-kind-{}", m.metric.kind.code()))
                        .into(),
                ),
                ("unit", unit.clone().into()),
            ],
        ),
        targets,
        description: m.metric.description.clone(),
        chart,
        values,
        unit,
    }
}

/// Loads and builds everything; private records (officer lists, operators' notes) only for
/// `viewer`s the policy lets see them.
pub async fn extras(
    state: &AppState,
    tr: &Tr<'_>,
    org: &Organisation,
    viewer: Option<&Actor>,
) -> AppResult<ProfileExtras> {
    let today = crate::today();
    let standing = state.store.standing(org.id, today).await?;
    let staff = viewer.is_some_and(|a| {
        hiroba_domain::policy::can(
            Some(a),
            &hiroba_domain::policy::Action::EditOrganisation {
                organisation_id: org.id,
            },
        )
    });
    let private_docs = crate::actions::documents::may_see_private(state, viewer, org.id).await?;
    let history = state.store.certifications().history(org.id).await?;
    let portals = state.store.portals().list().await?;
    let slug_of = |id: Option<i64>| {
        id.and_then(|id| portals.iter().find(|p| p.id == id))
            .map(|p| p.settings.slug.to_string())
    };
    let mut certifications: Vec<CertificationView> = history
        .iter()
        .map(|r| certification(tr, r, today, private_docs, slug_of(r.portal_id).as_deref()))
        .collect();
    // What holds now first, then the history.
    certifications.sort_by_key(|c| (!c.holds, std::cmp::Reverse(c.step)));
    let reports = state.store.reports().list(org.id).await?;
    let metrics = state.store.metrics().list(org.id).await?;
    let docs = state.store.documents().list(org.id, private_docs).await?;
    Ok(ProfileExtras {
        checklist: checklist(tr, org.id, &standing.assessment),
        certification: step_badge(tr, standing.step),
        certifications,
        programmes: state
            .store
            .programmes()
            .list(org.id)
            .await?
            .into_iter()
            .map(|p| p.programme)
            .collect(),
        finances: finances(tr, org.id, &reports),
        metrics: metrics
            .iter()
            .enumerate()
            .map(|(i, m)| metric_view(tr, i, m))
            .collect(),
        documents: rows(tr, org.id, &docs),
        staff,
        imported: org.origin != hiroba_domain::registries::provenance::Origin::Manual,
        claim_href: (!staff && !state.store.team().has_owner(org.id).await?)
            .then(|| format!("/organisations/{}/claim", org.id)),
        closed: org.closure.map(|c| closed_text(tr, &c)),
    })
}

/// "This corporation closed on … (cause)".
pub fn closed_text(tr: &Tr<'_>, c: &hiroba_domain::registries::provenance::Closure) -> String {
    let cause = tr.t(&format!("close-cause-{}", c.cause.code()));
    match c.on {
        Some(on) => tr.args(
            "profile-closed-on",
            &[
                ("date", super::disclosure::date(tr, on).into()),
                ("cause", cause.into()),
            ],
        ),
        None => tr.ts("profile-closed", "cause", &cause),
    }
}
