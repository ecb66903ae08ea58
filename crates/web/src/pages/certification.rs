//! Certification by a portal's operators: the queue of organisations to check or renew, and
//! the review page where an operator checks one against its documents and grants a step.

use super::portal_admin::admin_page;
use crate::AppState;
use crate::actions::certifications as act;
use crate::actions::organisations::load;
use crate::actions::portals::load as load_portal;
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use crate::pages::documents::{DocumentRow, rows};
use crate::views::disclosure::{
    CertificationView, ChecklistView, certification, checklist, date, stars,
};
use crate::views::forms::{Field, summary};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::certification::{GrantInput, Step};
use hiroba_domain::policy::Action;
use hiroba_store::portals::Portal;
use serde::Deserialize;

pub struct QueueRow {
    pub name: String,
    pub href: String,
    pub stars: String,
    pub stars_label: String,
    pub step: Option<String>,
    pub expires: Option<String>,
}

#[derive(Template)]
#[template(path = "certification_queue.html")]
struct QueuePage<'a> {
    page: PageCtx<'a>,
    rows: Vec<QueueRow>,
}

pub async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let portal = load_portal(&state, &slug).await?;
    who.authorize(&Action::ViewPortalAdmin {
        portal_id: portal.id,
    })?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let items = state
        .store
        .certifications()
        .queue(portal.id, crate::today())
        .await?;
    let rows = items
        .into_iter()
        .map(|i| {
            let s = stars(&tr, i.level);
            QueueRow {
                name: i.name,
                href: format!("/p/{slug}/admin/certification/{}", i.organisation_id),
                stars: s.glyphs,
                stars_label: s.label,
                step: crate::views::disclosure::step_badge(&tr, i.step),
                expires: i.expires_on.map(|d| date(&tr, d)),
            }
        })
        .collect();
    let page = admin_page(&state, &ctx, &portal, tr.t("certification-queue-title"));
    super::html(&QueuePage { page, rows })
}

#[derive(Template)]
#[template(path = "certification_review.html")]
struct ReviewPage<'a> {
    page: PageCtx<'a>,
    org_href: String,
    action: String,
    checklist: ChecklistView,
    documents: Vec<DocumentRow>,
    history: Vec<CertificationView>,
    /// Records this portal granted that still hold (they may be revoked here).
    revocable: Vec<CertificationView>,
    summary: Vec<(String, String)>,
    fields: Vec<Field>,
    can_certify: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct GrantForm {
    pub step: String,
    pub notes: String,
    pub granted_on: String,
}

fn org_id(raw: &str) -> AppResult<i64> {
    raw.parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    ctx: &Ctx,
    who: &SignedIn,
    portal: &Portal,
    organisation_id: i64,
    form: &GrantForm,
    errs: &FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let org = load(state, organisation_id).await?;
    let listed = state.store.portals().is_member(portal.id, org.id).await?;
    // Seeing the review page (and the private documents on it) is for the portal's staff,
    // and only for organisations the portal lists.
    who.authorize(&Action::ViewPortalAdmin {
        portal_id: portal.id,
    })?;
    if !listed {
        return Err(AppError::NotFound(Missing::Organisation));
    }
    let can_certify = hiroba_domain::policy::can(
        Some(&who.actor),
        &Action::CertifyOrganisation {
            portal_id: portal.id,
            listed,
        },
    );
    let tr = Tr::new(ctx.lang, &state.i18n);
    let today = crate::today();
    let standing = state.store.standing(org.id, today).await?;
    let private =
        crate::actions::documents::may_see_private(state, Some(&who.actor), org.id).await?;
    let docs = state.store.documents().list(org.id, private).await?;
    let records = state.store.certifications().history(org.id).await?;
    let slug = portal.settings.slug.to_string();
    let history: Vec<CertificationView> = records
        .iter()
        .map(|r| certification(&tr, r, today, true, None))
        .collect();
    let revocable = records
        .iter()
        .filter(|r| r.portal_id == Some(portal.id) && r.holds_on(today) && r.step != Step::One)
        .map(|r| certification(&tr, r, today, true, None))
        .collect();
    let steps = std::iter::once((String::new(), tr.t("filter-any"))).chain(
        [Step::Two, Step::Three].into_iter().map(|s| {
            (
                s.code().to_owned(),
                tr.t(&format!("certification-{}", s.code())),
            )
        }),
    );
    let page = admin_page(
        state,
        ctx,
        portal,
        tr.ts("certification-review-title", "name", &org.profile.name),
    );
    let mut response = super::html(&ReviewPage {
        org_href: format!("/organisations/{}", org.id),
        action: format!("/p/{slug}/admin/certification/{}", org.id),
        checklist: checklist(&tr, org.id, &standing.assessment),
        documents: rows(&tr, org.id, &docs),
        history,
        revocable,
        summary: summary(&tr, errs),
        fields: vec![
            Field::new(&tr, errs, "step", "select", "")
                .label(tr.t("certification-step"))
                .required()
                .hint(tr.t("certification-step-hint"))
                .choices(steps, std::slice::from_ref(&form.step)),
            Field::new(&tr, errs, "notes", "textarea", &form.notes)
                .label(tr.t("certification-notes"))
                .rows(4)
                .hint(tr.t("certification-notes-hint")),
            Field::new(&tr, errs, "granted_on", "text", &form.granted_on)
                .label(tr.t("certification-granted-on"))
                .hint(tr.t("certification-granted-on-hint")),
        ],
        can_certify,
        page,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

pub async fn review_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path((slug, org)): Path<(String, String)>,
) -> AppResult<Response> {
    let portal = load_portal(&state, &slug).await?;
    render(
        &state,
        &ctx,
        &who,
        &portal,
        org_id(&org)?,
        &GrantForm::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn grant(
    State(state): State<AppState>,
    Path((slug, org)): Path<(String, String)>,
    post: Post<GrantForm>,
) -> AppResult<Response> {
    let portal = load_portal(&state, &slug).await?;
    let id = org_id(&org)?;
    let input = GrantInput {
        step: post.form.step.clone(),
        notes: post.form.notes.clone(),
        granted_on: post.form.granted_on.clone(),
    };
    match act::grant(&state, &post.who, &portal, id, &input).await? {
        Ok(_) => Ok(
            Redirect::to(&format!("/p/{slug}/admin/certification?notice=certified"))
                .into_response(),
        ),
        Err(errs) => {
            render(
                &state,
                &post.ctx,
                &post.who,
                &portal,
                id,
                &post.form,
                &errs,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RevokeForm {
    pub note: String,
}

pub async fn revoke(
    State(state): State<AppState>,
    Path((slug, org, record)): Path<(String, String, String)>,
    post: Post<RevokeForm>,
) -> AppResult<Response> {
    let portal = load_portal(&state, &slug).await?;
    let id = org_id(&org)?;
    let record: i64 = record
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Page))?;
    match act::revoke(&state, &post.who, &portal, id, record, &post.form.note).await? {
        Ok(()) => Ok(Redirect::to(&format!(
            "/p/{slug}/admin/certification/{id}?notice=revoked"
        ))
        .into_response()),
        Err(errs) => {
            render(
                &state,
                &post.ctx,
                &post.who,
                &portal,
                id,
                &GrantForm::default(),
                &errs,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}
