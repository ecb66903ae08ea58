//! A portal's administration: dashboard, settings and branding, curation, claims.

use super::forms::FormPage;
use super::organisation_edit::{DraftQuery, restore};
use crate::AppState;
use crate::actions::portals as act;
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use crate::views::forms::{Field, Section, summary};
use crate::views::portals::brand;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::activity_fields::ACTIVITY_FIELDS;
use hiroba_domain::policy::{Action, can};
use hiroba_domain::portals::{PortalInput, PortalSettings};
use hiroba_domain::prefectures::PREFECTURES;
use hiroba_domain::scope::Curation;
use hiroba_domain::sdgs::SDG_GOALS;
use hiroba_store::portals::Portal;
use serde::{Deserialize, Serialize};

pub(super) fn admin_page<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    portal: &Portal,
    title: String,
) -> PageCtx<'a> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let slug = portal.settings.slug.to_string();
    PageCtx::from_ctx(ctx, &state.i18n, title)
        .with_brand(Some(brand(&tr, portal)))
        .crumb(portal.settings.name(tr.en()), Some(format!("/p/{slug}")))
        .crumb(tr.t("admin-title"), Some(format!("/p/{slug}/admin")))
}

#[derive(Template)]
#[template(path = "portal_admin.html")]
struct Dashboard<'a> {
    page: PageCtx<'a>,
    heading: String,
    tiles: Vec<(String, Option<usize>, String)>,
}

pub async fn dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let portal = act::load(&state, &slug).await?;
    who.authorize(&Action::ViewPortalAdmin {
        portal_id: portal.id,
    })?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let base = format!("/p/{slug}/admin");
    let claims = state
        .store
        .claims()
        .pending_for_portal(portal.id)
        .await?
        .len();
    let curations = state.store.portals().curations(portal.id).await?.len();
    let team = state.store.team().portal_team(portal.id).await?.len();
    let mut tiles = vec![
        (tr.t("admin-claims"), Some(claims), format!("{base}/claims")),
        (
            tr.t("admin-curation"),
            Some(curations),
            format!("{base}/curation"),
        ),
        (tr.t("admin-team"), Some(team), format!("{base}/team")),
        (
            tr.t("admin-certification"),
            Some(
                state
                    .store
                    .certifications()
                    .queue(portal.id, crate::today())
                    .await?
                    .len(),
            ),
            format!("{base}/certification"),
        ),
    ];
    if can(
        Some(&who.actor),
        &Action::EditPortalSettings {
            portal_id: portal.id,
        },
    ) {
        tiles.push((tr.t("admin-settings"), None, format!("{base}/settings")));
    }
    if can(
        Some(&who.actor),
        &Action::ImportIntoPortal {
            portal_id: portal.id,
        },
    ) {
        tiles.push((tr.t("import-title"), None, format!("{base}/import")));
    }
    if can(
        Some(&who.actor),
        &Action::ViewPortalAudit {
            portal_id: portal.id,
        },
    ) {
        tiles.push((tr.t("admin-log"), None, format!("{base}/log")));
    }
    let title = tr.ts("admin-heading", "name", portal.settings.name(tr.en()));
    let page = admin_page(&state, &ctx, &portal, title.clone());
    super::html(&Dashboard {
        page,
        heading: title,
        tiles,
    })
}

/// The settings form as posted (lists repeat their field name).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SettingsForm {
    pub slug: String,
    pub name_ja: String,
    pub name_en: String,
    pub kind: String,
    pub prefectures: Vec<String>,
    pub municipalities: String,
    pub activity_fields: Vec<String>,
    pub sdgs: Vec<String>,
    pub primary_colour: String,
    pub accent_colour: String,
    pub logo_url: String,
    pub intro_ja: String,
    pub intro_en: String,
    /// Only when creating a portal: whom to invite as its first operator.
    pub operator_email: String,
}

impl SettingsForm {
    pub fn into_input(self) -> PortalInput {
        PortalInput {
            slug: self.slug,
            name_ja: self.name_ja,
            name_en: self.name_en,
            kind: self.kind,
            operator_organisation_id: None,
            prefectures: self.prefectures,
            municipalities: self
                .municipalities
                .split(['\n', ',', '、'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            activity_fields: self.activity_fields,
            sdgs: self.sdgs,
            primary_colour: self.primary_colour,
            accent_colour: self.accent_colour,
            logo_url: self.logo_url,
            intro_ja: self.intro_ja,
            intro_en: self.intro_en,
        }
    }

    pub fn from_settings(s: &PortalSettings) -> Self {
        let b = &s.branding;
        SettingsForm {
            slug: s.slug.to_string(),
            name_ja: s.name_ja.clone(),
            name_en: s.name_en.clone(),
            kind: s.kind.code().into(),
            prefectures: s.scope.prefectures.iter().map(|p| p.to_string()).collect(),
            municipalities: s
                .scope
                .municipalities
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            activity_fields: s
                .scope
                .activity_fields
                .iter()
                .map(|c| c.to_string())
                .collect(),
            sdgs: s.scope.sdgs.iter().map(|c| c.to_string()).collect(),
            primary_colour: b.primary_colour.to_string(),
            accent_colour: b.accent_colour.to_string(),
            logo_url: b.logo_url.clone().unwrap_or_default(),
            intro_ja: b.intro_ja.clone().unwrap_or_default(),
            intro_en: b.intro_en.clone().unwrap_or_default(),
            operator_email: String::new(),
        }
    }
}

/// The fields of a portal's settings; `with_slug` for creating one.
pub fn settings_sections(
    tr: &Tr<'_>,
    f: &SettingsForm,
    errs: &FieldErrors,
    with_slug: bool,
) -> Vec<Section> {
    let mut names = vec![
        Field::new(tr, errs, "name_ja", "text", &f.name_ja).required(),
        Field::new(tr, errs, "name_en", "text", &f.name_en).required(),
        Field::new(tr, errs, "kind", "select", "").choices(
            ["regional", "theme"]
                .iter()
                .map(|k| ((*k).to_owned(), tr.t(&format!("kind-{k}")))),
            std::slice::from_ref(&f.kind),
        ),
    ];
    if with_slug {
        names.insert(
            0,
            Field::new(tr, errs, "slug", "text", &f.slug)
                .required()
                .hint(tr.t("portal-form-slug-hint")),
        );
    }
    let prefectures: Vec<String> = f
        .prefectures
        .iter()
        .map(|p| {
            hiroba_domain::prefectures::PrefectureCode::parse(p)
                .map(|c| c.to_string())
                .unwrap_or_else(|_| p.clone())
        })
        .collect();
    vec![
        Section {
            anchor: "",
            title: tr.t("portal-form-names"),
            fields: names,
        },
        Section {
            anchor: "",
            title: tr.t("portal-form-scope"),
            fields: vec![
                Field::new(tr, errs, "prefectures", "checkboxes", "")
                    .choices(
                        PREFECTURES.iter().map(|p| {
                            (
                                format!("{:02}", p.code),
                                tr.pick(p.name_ja, p.name_en).to_owned(),
                            )
                        }),
                        &prefectures,
                    )
                    .hint(tr.t("portal-form-prefectures-hint")),
                Field::new(tr, errs, "municipalities", "textarea", &f.municipalities)
                    .rows(2)
                    .hint(tr.t("portal-form-municipalities-hint")),
                Field::new(tr, errs, "activity_fields", "checkboxes", "")
                    .choices(
                        ACTIVITY_FIELDS.iter().map(|a| {
                            (a.code.to_string(), tr.pick(a.name_ja, a.name_en).to_owned())
                        }),
                        &f.activity_fields,
                    )
                    .hint(tr.t("portal-form-themes-hint")),
                Field::new(tr, errs, "sdgs", "checkboxes", "").choices(
                    SDG_GOALS.iter().map(|g| {
                        (
                            g.code.to_string(),
                            format!("{} {}", g.code, tr.pick(g.name_ja, g.name_en)),
                        )
                    }),
                    &f.sdgs,
                ),
            ],
        },
        Section {
            anchor: "",
            title: tr.t("portal-form-branding"),
            fields: vec![
                Field::new(tr, errs, "primary_colour", "color", &f.primary_colour)
                    .hint(tr.t("portal-form-colour-hint")),
                Field::new(tr, errs, "accent_colour", "color", &f.accent_colour),
                Field::new(tr, errs, "logo_url", "url", &f.logo_url)
                    .hint(tr.t("portal-form-logo-hint")),
                Field::new(tr, errs, "intro_ja", "textarea", &f.intro_ja).rows(5),
                Field::new(tr, errs, "intro_en", "textarea", &f.intro_en).rows(5),
            ],
        },
    ]
}

fn settings_form<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    portal: &Portal,
    f: &SettingsForm,
    errs: &FieldErrors,
) -> FormPage<'a> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let page = admin_page(state, ctx, portal, tr.t("admin-settings"));
    let base = format!("/p/{}/admin", portal.settings.slug);
    let mut form = FormPage::new(page, format!("{base}/settings"), tr.t("form-save"));
    form.summary = summary(&tr, errs);
    form.sections = settings_sections(&tr, f, errs, false);
    form.cancel = Some((tr.t("form-cancel"), base));
    form
}

pub async fn settings_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<DraftQuery>,
) -> AppResult<Response> {
    let portal = act::load(&state, &slug).await?;
    who.authorize(&Action::EditPortalSettings {
        portal_id: portal.id,
    })?;
    let restored = restore(&state, &ctx, &who, &q.draft, |pairs| {
        serde_html_form::from_str::<SettingsForm>(&serde_html_form::to_string(pairs).ok()?).ok()
    })
    .await?;
    let f = restored.unwrap_or_else(|| SettingsForm::from_settings(&portal.settings));
    settings_form(&state, &ctx, &portal, &f, &FieldErrors::new()).render(StatusCode::OK)
}

pub async fn update_settings(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    post: Post<SettingsForm>,
) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    let portal = act::load(&state, &slug).await?;
    match act::update_settings(&state, &who, &portal, form.clone().into_input()).await? {
        Ok(_) => {
            Ok(Redirect::to(&format!("/p/{slug}/admin?notice=settings-saved")).into_response())
        }
        Err(errs) => {
            settings_form(&state, &ctx, &portal, &form, &errs).render(StatusCode::BAD_REQUEST)
        }
    }
}

pub struct OrgRow {
    pub id: i64,
    pub name: String,
    pub member: bool,
    pub label: String,
}

#[derive(Template)]
#[template(path = "curation.html")]
struct CurationPage<'a> {
    page: PageCtx<'a>,
    heading: String,
    base: String,
    query: String,
    results: Vec<OrgRow>,
    current: Vec<OrgRow>,
    choices: Vec<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CurationQuery {
    pub q: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CurationForm {
    pub organisation_id: String,
    pub curation: String,
}

pub async fn curation_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<CurationQuery>,
) -> AppResult<Response> {
    let portal = act::load(&state, &slug).await?;
    who.authorize(&Action::CuratePortal {
        portal_id: portal.id,
    })?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let mut results = Vec::new();
    for o in state.store.organisations().search_by_name(&q.q, 20).await? {
        let member = state.store.portals().is_member(portal.id, o.id).await?;
        results.push(OrgRow {
            id: o.id,
            name: o.profile.name,
            member,
            label: String::new(),
        });
    }
    let mut current = Vec::new();
    for (org_id, curation) in state.store.portals().curations(portal.id).await? {
        if let Some(o) = state.store.organisations().get(org_id).await? {
            current.push(OrgRow {
                id: o.id,
                name: o.profile.name,
                member: curation == Curation::Include,
                label: tr.t(&format!("curation-{}", curation.code())),
            });
        }
    }
    let page = admin_page(&state, &ctx, &portal, tr.t("admin-curation"));
    super::html(&CurationPage {
        heading: page.title.clone(),
        base: format!("/p/{slug}/admin"),
        query: q.q,
        results,
        current,
        choices: vec![
            ("include".into(), tr.t("curation-include-action")),
            ("exclude".into(), tr.t("curation-exclude-action")),
        ],
        page,
    })
}

pub async fn curate(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    post: Post<CurationForm>,
) -> AppResult<Response> {
    let (who, form) = (post.who, post.form);
    let portal = act::load(&state, &slug).await?;
    let org: i64 = form
        .organisation_id
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))?;
    let curation =
        Curation::parse(form.curation.trim()).ok_or(AppError::Invalid(FieldErrors(vec![
            hiroba_domain::FieldError::new("curation", hiroba_domain::Invalid::UnknownChoice),
        ])))?;
    act::curate(&state, &who, &portal, org, Some(curation)).await?;
    Ok(Redirect::to(&format!("/p/{slug}/admin/curation?notice=curation-saved")).into_response())
}

pub async fn clear_curation(
    State(state): State<AppState>,
    Path((slug, org)): Path<(String, String)>,
    post: Post<super::accounts::NoFields>,
) -> AppResult<Response> {
    let portal = act::load(&state, &slug).await?;
    let org: i64 = org
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))?;
    act::curate(&state, &post.who, &portal, org, None).await?;
    Ok(Redirect::to(&format!("/p/{slug}/admin/curation?notice=curation-saved")).into_response())
}

pub struct ClaimRow {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    pub claimant: String,
    pub email: String,
    pub message: String,
    pub date: String,
}

#[derive(Template)]
#[template(path = "claims.html")]
struct ClaimsPage<'a> {
    page: PageCtx<'a>,
    heading: String,
    base: String,
    claims: Vec<ClaimRow>,
    can_decide: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub decision: String,
    pub note: String,
}

pub async fn claims_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let portal = act::load(&state, &slug).await?;
    who.authorize(&Action::ViewPortalAdmin {
        portal_id: portal.id,
    })?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let claims = state
        .store
        .claims()
        .pending_for_portal(portal.id)
        .await?
        .into_iter()
        .map(|c| ClaimRow {
            id: c.id,
            organisation_id: c.organisation_id,
            organisation: c.organisation_name,
            claimant: c.claimant_name,
            email: c.claimant_email,
            message: c.message,
            date: crate::views::date(&tr, &c.created_at),
        })
        .collect();
    let can_decide = can(
        Some(&who.actor),
        &Action::DecideClaim {
            listed_in: &[portal.id],
        },
    );
    let page = admin_page(&state, &ctx, &portal, tr.t("admin-claims"));
    super::html(&ClaimsPage {
        heading: page.title.clone(),
        base: format!("/p/{slug}/admin"),
        claims,
        can_decide,
        page,
    })
}

pub async fn decide_claim(
    State(state): State<AppState>,
    Path((slug, claim)): Path<(String, String)>,
    post: Post<DecisionForm>,
) -> AppResult<Response> {
    let (who, form) = (post.who, post.form);
    let portal = act::load(&state, &slug).await?;
    let claim: i64 = claim
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Page))?;
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            return Err(AppError::Invalid(FieldErrors(vec![
                hiroba_domain::FieldError::new("decision", hiroba_domain::Invalid::UnknownChoice),
            ])));
        }
    };
    crate::actions::claims::decide(&state, &who, &portal, claim, approve, &form.note).await?;
    Ok(Redirect::to(&format!("/p/{slug}/admin/claims?notice=claim-decided")).into_response())
}
