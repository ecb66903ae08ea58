//! The search pages: `/search` across the platform and `/p/{slug}/search` within a portal.
//! Facets are a plain GET form (no JavaScript needed); nothing typed into the URL makes a 500.

use super::portals::load as load_portal;
use crate::AppState;
use crate::auth::extract::Ctx;
use crate::errors::AppResult;
use crate::forms::message;
use crate::page::{PageCtx, SearchBox, Tr};
use crate::query::{Params, page_number};
use crate::search::facets::{FacetGroup, label};
use crate::search::params::{Asked, FILTERS, SearchParams, read};
use crate::search::run::{marked_name, organisations, request, search};
use crate::search::{PER_PAGE, notice_message};
use crate::views::organisations::{OrganisationCard, card};
use crate::views::paging::{Pager, pager};
use crate::views::places::Places;
use crate::views::portals::brand;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hiroba_search::Facet;
use hiroba_search::request::MAX_OFFSET;
use hiroba_store::portals::Portal;

/// The last page a search can show (the index pages no deeper than [`MAX_OFFSET`]).
pub const MAX_PAGE: u64 = (MAX_OFFSET / PER_PAGE) as u64 + 1;
/// Municipalities listed in the facet form beyond those chosen.
const MUNICIPALITY_OPTIONS: usize = 15;

/// A chosen filter and the link that drops it.
pub struct ActiveFilter {
    pub label: String,
    pub href: String,
    pub remove_label: String,
}

pub struct FacetOption {
    pub id: String,
    pub value: String,
    pub label: String,
    pub count: String,
    pub checked: bool,
}

pub struct FacetControl {
    pub param: &'static str,
    pub legend: String,
    /// "At least" facets (★, certification) take one value.
    pub radio: bool,
    pub none_chosen: bool,
    pub options: Vec<FacetOption>,
}

/// What to try when nothing was found.
pub struct NoResults {
    pub message: String,
    pub tips: Vec<String>,
    pub removals: Vec<ActiveFilter>,
    pub list_href: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    page: PageCtx<'a>,
    heading: String,
    main_box: Option<SearchBox>,
    action: String,
    query: String,
    intro: bool,
    ignored: Vec<String>,
    page_error: Option<String>,
    first_page_href: String,
    notices: Vec<String>,
    active: Vec<ActiveFilter>,
    clear_href: Option<String>,
    controls: Vec<FacetControl>,
    count: String,
    cards: Vec<OrganisationCard>,
    pager: Option<Pager>,
    page_empty: bool,
    no_results: Option<NoResults>,
    downloads: Option<crate::views::downloads::Downloads>,
}

pub async fn search_all(
    state: State<AppState>,
    ctx: Ctx,
    params: Params<SearchParams>,
) -> AppResult<Response> {
    render(state, ctx, params, None).await
}

pub async fn search_in_portal(
    state: State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    params: Params<SearchParams>,
) -> AppResult<Response> {
    let portal = load_portal(&state, &slug).await?;
    render(state, ctx, params, Some(portal)).await
}

/// The field label of a filter parameter (the list pages' names for the same filters).
fn filter_label(tr: &Tr<'_>, param: &str) -> String {
    let field = match param {
        "pref" => "prefecture",
        "muni" => "municipality",
        "field" => "activity_field",
        "form" => "legal_form",
        "cert" => "certification",
        other => other,
    };
    tr.t(&format!("field-{field}"))
}

/// A query as people read it in a title: the first words, cut with an ellipsis.
fn short(text: &str) -> String {
    let cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

async fn render(
    State(state): State<AppState>,
    ctx: Ctx,
    Params(params): Params<SearchParams>,
    portal: Option<Portal>,
) -> AppResult<Response> {
    let lang = ctx.lang;
    let tr = Tr::new(lang, &state.i18n);
    let (base, list_href, profiles) = match &portal {
        Some(p) => {
            let slug = &p.settings.slug;
            (
                format!("/p/{slug}/search"),
                format!("/p/{slug}/organisations"),
                format!("/p/{slug}/organisations"),
            )
        }
        None => (
            "/search".to_owned(),
            "/organisations".to_owned(),
            "/organisations".to_owned(),
        ),
    };
    let (asked, unread) = read(&params);
    let page_no = page_number(params.page.as_deref().unwrap_or(""), MAX_PAGE);

    let heading = if asked.text.is_empty() {
        tr.t("search-title")
    } else {
        tr.ts("search-title-query", "query", &short(&asked.text))
    };
    let mut page = PageCtx::from_ctx(&ctx, &state.i18n, heading.clone()).with_nav("organisations");
    page = match &portal {
        Some(p) => page.with_brand(Some(brand(&tr, p))).crumb(
            p.settings.name(lang.is_english()),
            Some(format!("/p/{}", p.settings.slug)),
        ),
        None => page.crumb(tr.t("nav-home"), Some("/".into())),
    };
    page = page.crumb(tr.t("search-crumb"), None);
    // This page's own box replaces the header's.
    let main_box = page.search.take().map(|header| SearchBox {
        id: "search-q",
        visible_label: true,
        query: asked.text_read(),
        hidden: asked.filter_pairs(),
        ..header
    });

    let mut template = SearchPage {
        page,
        heading,
        main_box,
        action: base.clone(),
        query: asked.text_read(),
        intro: asked.is_empty(),
        ignored: unread
            .0
            .iter()
            .map(|e| {
                format!(
                    "{}{}{}",
                    filter_label(&tr, e.field),
                    tr.t("colon"),
                    message(&tr, &e.invalid)
                )
            })
            .collect(),
        page_error: None,
        first_page_href: asked.href(&base, 1),
        notices: Vec::new(),
        active: active_filters(&tr, &state, &asked, &base).await?,
        clear_href: (!asked.filters.is_empty()).then(|| {
            Asked {
                text: asked.text.clone(),
                ..Asked::default()
            }
            .href(&base, 1)
        }),
        controls: Vec::new(),
        count: String::new(),
        cards: Vec::new(),
        pager: None,
        page_empty: false,
        no_results: None,
        downloads: None,
    };
    let page_no = match page_no {
        Ok(n) => n,
        Err(invalid) => {
            template.page_error = Some(format!(
                "{}{}{}",
                tr.t("field-page"),
                tr.t("colon"),
                message(&tr, &invalid)
            ));
            let mut response = super::html(&template)?;
            *response.status_mut() = StatusCode::BAD_REQUEST;
            return Ok(response);
        }
    };

    let facets: Vec<Facet> = FILTERS.iter().map(|(f, _)| *f).collect();
    let offset = (page_no as usize - 1) * PER_PAGE;
    let req = request(
        &asked.text,
        &asked.filters,
        portal.as_ref().map(|p| p.id),
        facets,
        offset,
        PER_PAGE,
    );
    let results = search(&state, req).await?;
    let found = organisations(&state, &results.hits).await?;
    let orgs: Vec<_> = found.iter().map(|(_, o)| o.clone()).collect();
    let places = Places::for_organisations(&state.store, &orgs, &[]).await?;
    template.cards = found
        .iter()
        .map(|(hit, org)| OrganisationCard {
            name_marked: marked_name(hit, org),
            snippet: if hit.snippet.iter().any(|s| s.matched) {
                hit.snippet.clone()
            } else {
                Vec::new()
            },
            ..card(&tr, &places, org, format!("{profiles}/{}", org.id))
        })
        .collect();
    template.notices = results
        .notices
        .iter()
        .map(|n| notice_message(&tr, *n))
        .collect();
    template.controls = controls(&tr, &label(&state, &results.facets, &asked.filters).await?);
    let total = results.total as u64;
    template.count = tr.tn("result-count", "count", total as i64);
    template.page_empty = template.cards.is_empty() && total > 0;
    if total > 0 {
        template.downloads = Some(crate::views::downloads::Downloads::of(
            &asked.href(&base, 1),
        ));
        let reachable = total.min(MAX_PAGE * PER_PAGE as u64);
        template.pager = Some(pager(&tr, page_no, PER_PAGE as u64, reachable, |n| {
            asked.href(&base, n)
        }));
    } else {
        template.no_results = Some(no_results(&tr, &asked, &template.active, list_href));
    }
    super::html(&template)
}

/// Each chosen value, named, with the link that drops it.
async fn active_filters(
    tr: &Tr<'_>,
    state: &AppState,
    asked: &Asked,
    base: &str,
) -> AppResult<Vec<ActiveFilter>> {
    if asked.filters.is_empty() {
        return Ok(Vec::new());
    }
    // Named the way the facet form names them (no counts needed).
    let uncounted: Vec<_> = FILTERS.iter().map(|(f, _)| (*f, Vec::new())).collect();
    let groups = label(state, &uncounted, &asked.filters).await?;
    let mut out = Vec::new();
    for g in &groups {
        for v in g.values.iter().filter(|v| v.selected) {
            let name = v.name(tr.lang).to_owned();
            out.push(ActiveFilter {
                href: asked.without(g.facet, v.raw).href(base, 1),
                remove_label: tr.ts("search-remove-filter", "name", &name),
                label: format!("{}{}{name}", filter_label(tr, g.param), tr.t("colon")),
            });
        }
    }
    Ok(out)
}

fn controls(tr: &Tr<'_>, groups: &[FacetGroup]) -> Vec<FacetControl> {
    groups
        .iter()
        .filter(|g| !g.values.is_empty())
        .map(|g| {
            let radio = matches!(g.facet, Facet::Level | Facet::Certification);
            let mut values: Vec<_> = g.values.iter().collect();
            if g.facet == Facet::Municipality {
                // The largest few, and every chosen one.
                let mut shown = 0;
                values.retain(|v| {
                    shown += 1;
                    v.selected || shown <= MUNICIPALITY_OPTIONS
                });
            }
            FacetControl {
                param: g.param,
                legend: filter_label(tr, g.param),
                radio,
                none_chosen: !g.values.iter().any(|v| v.selected),
                options: values
                    .into_iter()
                    .map(|v| FacetOption {
                        id: format!("facet-{}-{}", g.param, v.value),
                        value: v.value.clone(),
                        label: v.name(tr.lang).to_owned(),
                        count: tr.tn("search-facet-count", "count", v.count as i64),
                        checked: v.selected,
                    })
                    .collect(),
            }
        })
        .collect()
}

fn no_results(tr: &Tr<'_>, asked: &Asked, active: &[ActiveFilter], list_href: String) -> NoResults {
    let mut tips = Vec::new();
    let message = if asked.text.is_empty() {
        tr.t("search-empty")
    } else {
        tips.push(tr.t("search-tip-spelling"));
        if asked.text.split_whitespace().count() > 1 {
            tips.push(tr.t("search-tip-fewer-words"));
        }
        tips.push(tr.t("search-tip-kana"));
        tr.ts("search-empty-query", "query", &short(&asked.text))
    };
    NoResults {
        message,
        tips,
        removals: active
            .iter()
            .map(|a| ActiveFilter {
                label: a.remove_label.clone(),
                href: a.href.clone(),
                remove_label: a.remove_label.clone(),
            })
            .collect(),
        list_href,
    }
}
