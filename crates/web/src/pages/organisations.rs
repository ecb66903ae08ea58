//! Organisation lists (with filters and pages) and public profiles.

use super::portals::load as load_portal;
use crate::AppState;
use crate::auth::extract::Ctx;
use crate::errors::{AppError, AppResult, Missing};
use crate::forms::error_for;
use crate::page::{PageCtx, Tr, script_json};
use crate::query::{Params, page_number};
use crate::views::organisations::{OrganisationCard, Profile, card, profile as profile_view};
use crate::views::paging::{Pager, pager};
use crate::views::places::Places;
use crate::views::portals::brand;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::activity_fields::ACTIVITY_FIELDS;
use hiroba_domain::legal_forms::LEGAL_FORMS;
use hiroba_domain::organisations::{OrganisationFilter, OrganisationFilterInput};
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::sdgs::SDG_GOALS;
use hiroba_domain::{FieldErrors, codes::MunicipalityCode};
use hiroba_store::organisations::{Organisation, OrganisationQuery};
use hiroba_store::paging::PageRequest;
use hiroba_store::portals::Portal;
use serde::{Deserialize, Serialize};

pub const PER_PAGE: u64 = 20;
pub const MAX_PAGE: u64 = 10_000;

/// The list's query string: the domain's filter fields plus the page. Everything is text so
/// that nothing typed into a URL can fail before validation, which then names the parameter.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ListParams {
    #[serde(flatten)]
    pub filter: OrganisationFilterInput,
    pub page: String,
}

impl ListParams {
    /// The query string for page `n` with the same filters (empty values left out).
    fn href(&self, base: &str, n: u64) -> String {
        let f = &self.filter;
        let mut pairs: Vec<(&str, String)> = [
            ("prefecture", &f.prefecture),
            ("municipality", &f.municipality),
            ("activity_field", &f.activity_field),
            ("sdg", &f.sdg),
            ("legal_form", &f.legal_form),
            ("corporate_number", &f.corporate_number),
            ("level", &f.level),
            ("certification", &f.certification),
            ("sort", &f.sort),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.trim().to_owned()))
        .collect();
        if n > 1 {
            pairs.push(("page", n.to_string()));
        }
        if pairs.is_empty() {
            base.to_owned()
        } else {
            format!(
                "{base}?{}",
                serde_html_form::to_string(&pairs).unwrap_or_default()
            )
        }
    }
}

pub struct SelectOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One filter control: a labelled select (or, without options, a text box) with its message
/// and hint.
pub struct FilterSelect {
    pub name: &'static str,
    pub label: String,
    pub options: Vec<SelectOption>,
    /// The typed value, for a text box.
    pub value: String,
    pub error: Option<String>,
    pub hint: Option<String>,
}

impl FilterSelect {
    pub fn is_text(&self) -> bool {
        self.options.is_empty()
    }
}

#[derive(Template)]
#[template(path = "organisations_list.html")]
struct ListPage<'a> {
    page: PageCtx<'a>,
    heading: String,
    action: String,
    selects: Vec<FilterSelect>,
    has_errors: bool,
    filtered: bool,
    cards: Vec<OrganisationCard>,
    count: String,
    pager: Option<Pager>,
    page_empty: bool,
    downloads: Option<crate::views::downloads::Downloads>,
}

pub async fn list_all(
    state: State<AppState>,
    ctx: Ctx,
    params: Params<ListParams>,
) -> AppResult<Response> {
    list(state, ctx, params, None).await
}

pub async fn list_in_portal(
    state: State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    params: Params<ListParams>,
) -> AppResult<Response> {
    let portal = load_portal(&state, &slug).await?;
    list(state, ctx, params, Some(portal)).await
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(params): Params<ListParams>,
    portal: Option<Portal>,
) -> AppResult<Response> {
    let lang = ctx.lang;
    let tr = Tr::new(lang, &state.i18n);
    let base = match &portal {
        Some(p) => format!("/p/{}/organisations", p.settings.slug),
        None => "/organisations".to_owned(),
    };
    let mut errors = FieldErrors::new();
    let filter = match params.filter.validate() {
        Ok(f) => f,
        Err(e) => {
            errors = e;
            OrganisationFilter::default()
        }
    };
    let page_no = errors.check("page", page_number(&params.page, MAX_PAGE));
    let selects = filter_selects(&state, &tr, &params, &filter, portal.as_ref(), &errors).await?;

    let heading = match &portal {
        Some(p) => tr.ts(
            "organisations-title-in",
            "portal",
            p.settings.name(lang.is_english()),
        ),
        None => tr.t("organisations-all-title"),
    };
    let mut page = PageCtx::from_ctx(&ctx, &state.i18n, heading.clone()).with_nav("organisations");
    if let Some(p) = &portal {
        page = page.with_brand(Some(brand(&tr, p))).crumb(
            p.settings.name(lang.is_english()),
            Some(format!("/p/{}", p.settings.slug)),
        );
    } else {
        page = page.crumb(tr.t("nav-home"), Some("/".into()));
    }
    page = page.crumb(tr.t("organisations-title"), None);

    let mut template = ListPage {
        page,
        heading,
        action: base.clone(),
        selects,
        has_errors: !errors.is_empty(),
        filtered: !filter.is_empty(),
        cards: Vec::new(),
        count: String::new(),
        pager: None,
        page_empty: false,
        downloads: None,
    };
    let Some(page_no) = page_no.filter(|_| errors.is_empty()) else {
        // Show the form with its messages and what was typed; no results.
        let mut response = super::html(&template)?;
        *response.status_mut() = StatusCode::BAD_REQUEST;
        return Ok(response);
    };

    let result = state
        .store
        .organisations()
        .list(&OrganisationQuery {
            portal_id: portal.as_ref().map(|p| p.id),
            filter,
            page: PageRequest::Numbered {
                page: page_no,
                per_page: PER_PAGE,
            },
        })
        .await?;
    let total = result.total.unwrap_or(0);
    let places = Places::for_organisations(&state.store, &result.items, &[]).await?;
    template.cards = result
        .items
        .iter()
        .map(|o| card(&tr, &places, o, format!("{base}/{}", o.id)))
        .collect();
    template.count = tr.tn("result-count", "count", total as i64);
    template.page_empty = template.cards.is_empty() && total > 0;
    if total > 0 {
        template.pager = Some(pager(&tr, page_no, PER_PAGE, total, |n| {
            params.href(&base, n)
        }));
        // Open-data exports are per portal (the platform's list has none of its own).
        if portal.is_some() {
            template.downloads = Some(crate::views::downloads::Downloads::of(
                &params.href(&base, 1),
            ));
        }
    }
    super::html(&template)
}

async fn filter_selects(
    state: &AppState,
    tr: &Tr<'_>,
    params: &ListParams,
    filter: &OrganisationFilter,
    portal: Option<&Portal>,
    errors: &FieldErrors,
) -> AppResult<Vec<FilterSelect>> {
    let any = || SelectOption {
        value: String::new(),
        label: tr.t("filter-any"),
        selected: false,
    };
    let chosen = |value: &str, current: &str| value == current.trim();
    let scope = portal.map(|p| &p.settings.scope);

    // Prefectures: the portal's, or all 47 for a nationwide portal.
    let prefectures: Vec<PrefectureCode> = match scope {
        Some(s) if !s.prefectures.is_empty() => s.prefectures.clone(),
        _ => PrefectureCode::all().collect(),
    };
    let current_pref = filter
        .prefecture
        .map(|p| p.to_string())
        .unwrap_or_else(|| params.filter.prefecture.clone());
    let mut pref_options = vec![any()];
    pref_options.extend(prefectures.iter().map(|p| SelectOption {
        value: p.to_string(),
        label: tr.pick(p.info().name_ja, p.info().name_en).to_owned(),
        selected: chosen(&p.to_string(), &current_pref),
    }));

    // Municipalities: those of the chosen prefecture, or of a one-prefecture portal.
    let muni_prefecture = filter.prefecture.or(match scope {
        Some(s) if s.prefectures.len() == 1 => Some(s.prefectures[0]),
        _ => None,
    });
    let mut municipalities = match muni_prefecture {
        Some(p) => state.store.municipalities().in_prefecture(p).await?,
        None => Vec::new(),
    };
    if let Some(s) = scope.filter(|_| municipalities.is_empty()) {
        municipalities = state
            .store
            .municipalities()
            .by_codes(&s.municipalities)
            .await?;
    }
    let places = Places::new(municipalities.clone());
    let current_muni = filter
        .municipality
        .map(|m| m.to_string())
        .unwrap_or_else(|| params.filter.municipality.clone());
    let mut muni_options = vec![any()];
    muni_options.extend(municipalities.iter().map(|m| SelectOption {
        value: m.code.to_string(),
        label: places.municipality_name(tr, &m.code),
        selected: chosen(&m.code.to_string(), &current_muni),
    }));
    // Keep a value typed into the URL visible even if it is not in the list.
    if !current_muni.trim().is_empty() && !muni_options.iter().any(|o| o.selected) {
        let label = MunicipalityCode::parse(&current_muni)
            .map(|c| places.area_name(tr, &c))
            .unwrap_or_else(|_| current_muni.clone());
        muni_options.push(SelectOption {
            value: current_muni.clone(),
            label,
            selected: true,
        });
    }

    let mut field_options = vec![any()];
    field_options.extend(ACTIVITY_FIELDS.iter().map(|f| {
        SelectOption {
            value: f.code.to_string(),
            label: tr.pick(f.name_ja, f.name_en).to_owned(),
            selected: chosen(
                &f.code.to_string(),
                &filter
                    .activity_field
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| params.filter.activity_field.clone()),
            ),
        }
    }));
    let mut sdg_options = vec![any()];
    sdg_options.extend(SDG_GOALS.iter().map(|g| {
        SelectOption {
            value: g.code.to_string(),
            label: format!("{} {}", g.code, tr.pick(g.name_ja, g.name_en)),
            selected: chosen(
                &g.code.to_string(),
                &filter
                    .sdg
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| params.filter.sdg.clone()),
            ),
        }
    }));
    let mut form_options = vec![any()];
    form_options.extend(LEGAL_FORMS.iter().map(|f| SelectOption {
        value: f.code.to_owned(),
        label: tr.pick(f.short_ja, f.name_en).to_owned(),
        selected: chosen(f.code, &params.filter.legal_form),
    }));

    let level_options: Vec<SelectOption> = std::iter::once(any())
        .chain((1..=5u8).map(|l| SelectOption {
            value: l.to_string(),
            label: tr.tn("filter-level-option", "level", i64::from(l)),
            selected: filter.min_level == Some(l),
        }))
        .collect();
    let cert_options: Vec<SelectOption> = std::iter::once(any())
        .chain((1..=3u8).map(|s| SelectOption {
            value: s.to_string(),
            label: tr.tn("filter-certification-option", "step", i64::from(s)),
            selected: filter.min_certification.map(|c| c.number()) == Some(s),
        }))
        .collect();
    let sort_options: Vec<SelectOption> = hiroba_domain::organisations::OrganisationOrder::ALL
        .iter()
        .map(|o| SelectOption {
            value: o.code().to_owned(),
            label: tr.t(&format!("filter-sort-{}", o.code())),
            selected: filter.order == *o,
        })
        .collect();
    let select =
        |name: &'static str, options: Vec<SelectOption>, hint: Option<String>| FilterSelect {
            name,
            label: tr.t(&format!("field-{name}")),
            options,
            value: String::new(),
            error: error_for(tr, errors, name),
            hint,
        };
    let muni_hint = (municipalities.is_empty()).then(|| tr.t("filter-municipality-hint"));
    let mut selects = vec![
        select("prefecture", pref_options, None),
        select("municipality", muni_options, muni_hint),
        select("activity_field", field_options, None),
        select("sdg", sdg_options, None),
        select("legal_form", form_options, None),
        select("level", level_options, None),
        select("certification", cert_options, None),
        select("sort", sort_options, None),
        FilterSelect {
            value: params.filter.corporate_number.clone(),
            ..select(
                "corporate_number",
                Vec::new(),
                Some(tr.t("filter-corporate-number-hint")),
            )
        },
    ];
    // Problems with the page number or the query as a whole are shown with the first control.
    for field in ["page", "query"] {
        if let Some(message) = error_for(tr, errors, field) {
            let label = tr.t(&format!("field-{field}"));
            selects[0].error = Some(match selects[0].error.take() {
                Some(existing) => format!("{existing} {label}: {message}"),
                None => format!("{label}: {message}"),
            });
        }
    }
    Ok(selects)
}

#[derive(Template)]
#[template(path = "organisation_profile.html")]
struct ProfilePage<'a> {
    page: PageCtx<'a>,
    org: Profile,
    x: crate::views::profile::ProfileExtras,
    back_href: String,
    /// The same JSON-LD as a document of its own (`<link rel="alternate">`).
    ld_href: String,
}

fn parse_id(id: &str) -> AppResult<i64> {
    id.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or(AppError::NotFound(Missing::Organisation))
}

async fn load_organisation(state: &AppState, id: &str) -> AppResult<Organisation> {
    state
        .store
        .organisations()
        .get(parse_id(id)?)
        .await?
        .ok_or(AppError::NotFound(Missing::Organisation))
}

pub async fn profile(
    state: State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let org = load_organisation(&state, &id).await?;
    render_profile(state, ctx, org, None).await
}

pub async fn profile_in_portal(
    state: State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let portal = load_portal(&state, &slug).await?;
    let org = load_organisation(&state, &id).await?;
    if !state.store.portals().is_member(portal.id, org.id).await? {
        // The organisation exists but this portal does not list it: show it on the platform.
        return Ok(Redirect::to(&format!("/organisations/{}", org.id)).into_response());
    }
    render_profile(state, ctx, org, Some(portal)).await
}

async fn render_profile(
    State(state): State<AppState>,
    ctx: Ctx,
    org: Organisation,
    portal: Option<Portal>,
) -> AppResult<Response> {
    let lang = ctx.lang;
    let tr = Tr::new(lang, &state.i18n);
    let portal_ids = state.store.organisations().portal_ids(org.id).await?;
    let portals: Vec<Portal> = state
        .store
        .portals()
        .list()
        .await?
        .into_iter()
        .filter(|p| portal_ids.contains(&p.id))
        .collect();
    let places = Places::for_organisations(&state.store, std::slice::from_ref(&org), &[]).await?;
    let view = profile_view(&tr, &places, &org, &portals);
    let mut page =
        PageCtx::from_ctx(&ctx, &state.i18n, org.profile.name.clone()).with_nav("organisations");
    let back_href = match &portal {
        Some(p) => {
            let list = format!("/p/{}/organisations", p.settings.slug);
            page = page
                .with_brand(Some(brand(&tr, p)))
                .crumb(
                    p.settings.name(lang.is_english()),
                    Some(format!("/p/{}", p.settings.slug)),
                )
                .crumb(tr.t("organisations-title"), Some(list.clone()));
            list
        }
        None => {
            page = page.crumb(tr.t("nav-home"), Some("/".into())).crumb(
                tr.t("organisations-all-title"),
                Some("/organisations".into()),
            );
            "/organisations".to_owned()
        }
    };
    page = page.crumb(org.profile.name.clone(), None);
    let x = crate::views::profile::extras(&state, &tr, &org, ctx.auth.actor()).await?;
    let ld = super::linked_data::build(&state, &org, &places).await?;
    page.json_ld = Some(script_json(&ld));
    super::html(&ProfilePage {
        page,
        ld_href: super::linked_data::href(org.id),
        org: view,
        x,
        back_href,
    })
}
