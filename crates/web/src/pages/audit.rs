//! Audit logs: an organisation's (its team), a portal's (its operators), everything (platform
//! administrators).

use crate::AppState;
use crate::auth::extract::{Ctx, SignedIn};
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hiroba_domain::policy::Action;
use hiroba_store::audit::{AuditEntry, AuditScope};
use serde::Deserialize;

pub const PER_PAGE: u64 = 50;

pub struct EntryRow {
    pub when: String,
    pub who: String,
    pub what: String,
    pub details: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    page: PageCtx<'a>,
    heading: String,
    entries: Vec<EntryRow>,
    older_href: Option<String>,
    back_href: String,
    back_label: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LogQuery {
    pub before: String,
}

fn row(tr: &Tr<'_>, e: &AuditEntry) -> EntryRow {
    let jst =
        e.at.with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).expect("valid offset"));
    let what_id = format!("audit-{}", e.action.replace('.', "-"));
    let what = if tr.i18n.has(tr.lang, &what_id) {
        tr.t(&what_id)
    } else {
        e.action.clone()
    };
    let mut details: Vec<String> = Vec::new();
    if let Some(changed) = e.details.get("changed").and_then(|c| c.as_array()) {
        details.extend(
            changed
                .iter()
                .filter_map(|f| f.as_str())
                .map(|f| tr.t(&format!("field-{f}"))),
        );
    }
    for key in ["role", "curation", "status", "scope"] {
        if let Some(v) = e.details.get(key).and_then(|v| v.as_str()) {
            details.push(value_label(tr, e, key, v));
        }
    }
    if let Some(v) = e.details.get("name").and_then(|v| v.as_str()) {
        details.push(v.to_owned());
    }
    EntryRow {
        when: jst.format("%Y-%m-%d %H:%M").to_string(),
        who: e.actor_name.clone().unwrap_or_else(|| tr.t("audit-system")),
        what: match e.target_id {
            Some(id) => {
                let target = tr.tn(&format!("audit-target-{}", e.target_type), "id", id);
                tr.args(
                    "audit-what-on",
                    &[("what", what.into()), ("target", target.into())],
                )
            }
            None => what,
        },
        details: details.join("、"),
    }
}

/// A recorded code (`editor`, `include`, …) in the reader's language; the code itself if no
/// message names it.
fn value_label(tr: &Tr<'_>, e: &AuditEntry, key: &str, value: &str) -> String {
    let id = match key {
        "role" if e.action.starts_with("organisation.") => format!("org-role-{value}"),
        "role" => format!("portal-role-{value}"),
        "curation" => format!("curation-{value}"),
        "status" => format!("claim-status-{value}"),
        _ => format!("scope-{value}"),
    };
    if tr.i18n.has(tr.lang, &id) {
        tr.t(&id)
    } else {
        value.to_owned()
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    scope: AuditScope,
    page: PageCtx<'_>,
    base: &str,
    back: (String, String),
    q: &LogQuery,
) -> AppResult<Response> {
    let before = q.before.trim().parse::<i64>().ok();
    let entries = state.store.audit().list(scope, before, PER_PAGE).await?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let older_href = (entries.len() as u64 == PER_PAGE)
        .then(|| entries.last().map(|e| format!("{base}?before={}", e.id)))
        .flatten();
    super::html(&AuditPage {
        entries: entries.iter().map(|e| row(&tr, e)).collect(),
        heading: page.title.clone(),
        older_href,
        back_href: back.1,
        back_label: back.0,
        page,
    })
}

pub async fn organisation(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<LogQuery>,
) -> AppResult<Response> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))?;
    let org = crate::actions::organisations::load(&state, id).await?;
    who.authorize(&Action::ViewOrganisationPrivate {
        organisation_id: id,
    })?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let base = format!("/organisations/{id}/log");
    render(
        &state,
        &ctx,
        AuditScope::Organisation(id),
        PageCtx::from_ctx(
            &ctx,
            &state.i18n,
            tr.ts("audit-title", "name", &org.profile.name),
        ),
        &base,
        (org.profile.name.clone(), format!("/organisations/{id}")),
        &q,
    )
    .await
}

pub async fn portal(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<LogQuery>,
) -> AppResult<Response> {
    let portal = crate::actions::portals::load(&state, &slug).await?;
    who.authorize(&Action::ViewPortalAudit {
        portal_id: portal.id,
    })?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let name = portal.settings.name(tr.en()).to_owned();
    render(
        &state,
        &ctx,
        AuditScope::Portal(portal.id),
        super::portal_admin::admin_page(&state, &ctx, &portal, tr.ts("audit-title", "name", &name)),
        &format!("/p/{slug}/admin/log"),
        (name, format!("/p/{slug}/admin")),
        &q,
    )
    .await
}

pub async fn platform(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(q): Query<LogQuery>,
) -> AppResult<Response> {
    who.authorize(&Action::ViewPlatformAudit)?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    render(
        &state,
        &ctx,
        AuditScope::Everything,
        PageCtx::from_ctx(&ctx, &state.i18n, tr.t("audit-platform-title")),
        "/admin/log",
        (tr.t("nav-admin"), "/admin".into()),
        &q,
    )
    .await
}
