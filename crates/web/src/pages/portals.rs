//! A portal's home page and its colour stylesheet.

use crate::AppState;
use crate::auth::extract::Ctx;
use crate::errors::{AppError, AppResult, Missing};
use crate::page::PageCtx;
use crate::views::organisations::{OrganisationCard, card};
use crate::views::places::Places;
use crate::views::portals::{Emblem, brand, emblem, intro, kind_label, theme_css as render_theme};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use hiroba_domain::activity_fields::ACTIVITY_FIELDS;
use hiroba_store::portals::Portal;

pub async fn load(state: &AppState, slug: &str) -> AppResult<Portal> {
    state
        .store
        .portals()
        .get_by_slug(slug)
        .await?
        .ok_or(AppError::NotFound(Missing::Portal))
}

pub struct FieldLink {
    pub label: String,
    pub count: u64,
    pub href: String,
}

#[derive(Template)]
#[template(path = "portal_home.html")]
struct PortalHome<'a> {
    page: PageCtx<'a>,
    name: String,
    kind: String,
    intro: Vec<String>,
    emblem: Emblem,
    logo_url: Option<String>,
    count: String,
    operator: Option<(String, String)>,
    scope_places: Vec<String>,
    scope_themes: Vec<String>,
    fields: Vec<FieldLink>,
    recent: Vec<OrganisationCard>,
    list_href: String,
}

pub async fn home(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let lang = ctx.lang;
    let portal = load(&state, &slug).await?;
    let orgs = state.store.organisations();
    let counts = orgs.field_counts(Some(portal.id)).await?;
    let recent = orgs.recently_updated(Some(portal.id), 6).await?;
    let operator = match portal.settings.operator_organisation_id {
        Some(id) => orgs.get(id).await?,
        None => None,
    };
    let scope = &portal.settings.scope;
    let places = Places::for_organisations(&state.store, &recent, &scope.municipalities).await?;

    let name = portal.settings.name(lang.is_english()).to_owned();
    let page = PageCtx::from_ctx(&ctx, &state.i18n, name.clone()).with_brand(Some(brand(
        &crate::page::Tr::new(lang, &state.i18n),
        &portal,
    )));
    let tr = page.tr;
    let base = format!("/p/{slug}/organisations");
    let mut scope_places: Vec<String> = scope
        .prefectures
        .iter()
        .map(|p| tr.pick(p.info().name_ja, p.info().name_en).to_owned())
        .collect();
    scope_places.extend(
        scope
            .municipalities
            .iter()
            .map(|m| places.area_name(&tr, m)),
    );
    if scope_places.is_empty() {
        scope_places.push(tr.t("portal-scope-nationwide"));
    }
    let mut scope_themes: Vec<String> = crate::views::field_chips(&tr, &scope.activity_fields)
        .into_iter()
        .map(|c| c.label)
        .collect();
    scope_themes.extend(
        crate::views::sdg_chips(&tr, &scope.sdgs)
            .into_iter()
            .map(|c| format!("SDGs {}", c.label)),
    );
    if scope_themes.is_empty() {
        scope_themes.push(tr.t("portal-scope-all-themes"));
    }
    let fields = ACTIVITY_FIELDS
        .iter()
        .zip(counts.fields)
        .filter(|(_, n)| *n > 0)
        .map(|(f, n)| FieldLink {
            label: tr.pick(f.name_ja, f.name_en).to_owned(),
            count: n,
            href: format!("{base}?activity_field={}", f.code),
        })
        .collect();
    let recent = recent
        .iter()
        .map(|o| card(&tr, &places, o, format!("{base}/{}", o.id)))
        .collect();
    let template = PortalHome {
        kind: kind_label(&tr, portal.settings.kind),
        intro: intro(&tr, &portal)
            .map(|t| {
                t.split("\n\n")
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        emblem: emblem(&portal),
        logo_url: portal.settings.branding.logo_url.clone(),
        count: tr.tn("portal-organisation-count", "count", counts.total as i64),
        operator: operator.map(|o| (o.profile.name.clone(), format!("{base}/{}", o.id))),
        scope_places,
        scope_themes,
        fields,
        recent,
        list_href: base,
        name,
        page,
    };
    super::html(&template)
}

/// `GET /p/{slug}/theme.css`: the portal's colours as CSS custom properties.
pub async fn theme_css(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let portal = load(&state, &slug).await?;
    let mut response = render_theme(&portal).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    // Links carry ?v=<updated_at>, so a changed theme gets a new URL.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(response)
}
