//! The platform home: what Hiroba is and the portals on it.

use crate::AppState;
use crate::auth::extract::Ctx;
use crate::errors::AppResult;
use crate::page::PageCtx;
use crate::views::portals::{PortalCard, card};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    page: PageCtx<'a>,
    portals: Vec<PortalCard>,
    portal_count: u64,
    organisation_count: u64,
}

pub async fn home(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let lang = ctx.lang;
    let portals = state.store.portals().list().await?;
    let counts = state.store.portals().member_counts().await?;
    let organisation_count = state.store.organisations().count().await?;
    let page = PageCtx::from_ctx(
        &ctx,
        &state.i18n,
        state.i18n.message(lang, "site-name", &[]),
    )
    .with_nav("home");
    let cards = portals
        .iter()
        .map(|p| card(&page.tr, p, counts.get(&p.id).copied().unwrap_or(0)))
        .collect();
    super::html(&HomePage {
        portal_count: portals.len() as u64,
        portals: cards,
        organisation_count,
        page,
    })
}
