//! Open data out: a portal's organisations (with the list page's filters, or all of them: the
//! full portal export) as CSV for spreadsheets (UTF-8 with BOM, or Shift_JIS with
//! `?encoding=sjis`) and as JSON Lines of the API's organisation objects; the same for a
//! search's results, best first. Public data only.

use super::organisations::ListParams;
use crate::AppState;
use crate::api::dto::organisation;
use crate::errors::{AppError, AppResult};
use crate::query::Params;
use crate::search::params::{SearchParams, read};
use crate::search::run::{organisations, request, search};
use crate::views::places::Places;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::Invalid;
use hiroba_opendata::{CsvEncoding, ExportOrganisation, write_csv};
use hiroba_store::organisations::{Organisation, OrganisationQuery};
use hiroba_store::paging::PageRequest;
use hiroba_store::portals::Portal;
use serde::Deserialize;

/// The list's filters plus the text encoding of a CSV.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExportParams {
    #[serde(flatten)]
    pub list: ListParams,
    pub encoding: String,
}

/// Every organisation of the portal that matches the filters, page by page.
async fn members(
    state: &AppState,
    slug: &str,
    params: &ListParams,
) -> AppResult<(String, Vec<Organisation>)> {
    let portal = super::portals::load(state, slug).await?;
    let filter = params.filter.validate().map_err(AppError::Invalid)?;
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = state
            .store
            .organisations()
            .list(&OrganisationQuery {
                portal_id: Some(portal.id),
                filter: filter.clone(),
                page: PageRequest::After {
                    after: after.clone(),
                    limit: 1_000,
                },
            })
            .await?;
        all.extend(page.items);
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    Ok((portal.settings.slug.to_string(), all))
}

fn attachment(body: Vec<u8>, content_type: &'static str, filename: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

fn today_stamp() -> String {
    hiroba_store::disclosure::today_in_japan()
        .format("%Y%m%d")
        .to_string()
}

fn encoding_of(raw: &str) -> AppResult<CsvEncoding> {
    CsvEncoding::parse(raw).ok_or_else(|| {
        let mut errs = FieldErrors::new();
        errs.push("encoding", Invalid::UnknownChoice);
        AppError::Invalid(errs)
    })
}

/// `orgs` as CSV; each row links its profile under `profiles` (a portal's or the platform's).
async fn csv_of(
    state: &AppState,
    orgs: &[Organisation],
    profiles: &str,
    encoding: CsvEncoding,
    filename: String,
) -> AppResult<Response> {
    let places = Places::for_organisations(&state.store, orgs, &[]).await?;
    let tr = crate::page::Tr::new(hiroba_i18n::Lang::Ja, &state.i18n);
    let base = &state.config.base_url;
    let bytes = write_csv(
        orgs.iter().map(|o| ExportOrganisation {
            id: o.id,
            profile: &o.profile,
            municipality_name: o
                .profile
                .address
                .municipality
                .map(|m| places.municipality_name(&tr, &m)),
            level: o.disclosure_level,
            certification: o.certification.map(|s| s.number()),
            url: format!("{base}{profiles}/{}", o.id),
            updated_at: o.updated_at,
        }),
        encoding,
    );
    let content_type = match encoding {
        CsvEncoding::Utf8Bom => "text/csv; charset=utf-8",
        CsvEncoding::ShiftJis => "text/csv; charset=Shift_JIS",
    };
    Ok(attachment(bytes, content_type, filename))
}

/// `orgs` as JSON Lines of the API's organisation objects.
async fn jsonl_of(
    state: &AppState,
    orgs: &[Organisation],
    filename: String,
) -> AppResult<Response> {
    let places = Places::for_organisations(&state.store, orgs, &[]).await?;
    let mut out = Vec::new();
    for o in orgs {
        let dto = organisation(&state.config.base_url, &state.i18n, &places, o);
        serde_json::to_writer(&mut out, &dto).map_err(|e| AppError::Internal(e.to_string()))?;
        out.push(b'\n');
    }
    Ok(attachment(
        out,
        "application/jsonl; charset=utf-8",
        filename,
    ))
}

pub async fn csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Params(params): Params<ExportParams>,
) -> AppResult<Response> {
    let encoding = encoding_of(&params.encoding)?;
    let (slug, orgs) = members(&state, &slug, &params.list).await?;
    let filename = format!("{slug}-organisations-{}.csv", today_stamp());
    csv_of(
        &state,
        &orgs,
        &format!("/p/{slug}/organisations"),
        encoding,
        filename,
    )
    .await
}

pub async fn jsonl(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Params(params): Params<ListParams>,
) -> AppResult<Response> {
    let (slug, orgs) = members(&state, &slug, &params).await?;
    jsonl_of(
        &state,
        &orgs,
        format!("{slug}-organisations-{}.jsonl", today_stamp()),
    )
    .await
}

/// The most organisations a search export holds (as many as the search pages can reach).
pub const SEARCH_EXPORT_MAX: usize = 10_000;

/// What a search found, best first, up to [`SEARCH_EXPORT_MAX`]; unreadable filters are an
/// error here (a download must not silently hold something else than what was asked).
async fn found(
    state: &AppState,
    params: &SearchParams,
    portal: Option<&Portal>,
) -> AppResult<Vec<Organisation>> {
    let (asked, unread) = read(params);
    if !unread.is_empty() {
        return Err(AppError::Invalid(unread));
    }
    let req = request(
        &asked.text,
        &asked.filters,
        portal.map(|p| p.id),
        Vec::new(),
        0,
        SEARCH_EXPORT_MAX,
    );
    let results = search(state, req).await?;
    Ok(organisations(state, &results.hits)
        .await?
        .into_iter()
        .map(|(_, o)| o)
        .collect())
}

/// `encoding` is read apart from the search's own parameters (shared with the API).
fn encoding_param(raw: &RawQuery) -> AppResult<CsvEncoding> {
    let pairs: Vec<(String, String)> =
        serde_html_form::from_str(raw.0.as_deref().unwrap_or_default()).unwrap_or_default();
    let value = pairs
        .into_iter()
        .find(|(k, _)| k == "encoding")
        .map(|(_, v)| v)
        .unwrap_or_default();
    encoding_of(&value)
}

pub async fn search_csv(
    State(state): State<AppState>,
    raw: RawQuery,
    Params(params): Params<SearchParams>,
) -> AppResult<Response> {
    let encoding = encoding_param(&raw)?;
    let orgs = found(&state, &params, None).await?;
    let filename = format!("hiroba-search-{}.csv", today_stamp());
    csv_of(&state, &orgs, "/organisations", encoding, filename).await
}

pub async fn search_csv_in_portal(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    raw: RawQuery,
    Params(params): Params<SearchParams>,
) -> AppResult<Response> {
    let encoding = encoding_param(&raw)?;
    let portal = super::portals::load(&state, &slug).await?;
    let orgs = found(&state, &params, Some(&portal)).await?;
    let slug = portal.settings.slug.to_string();
    let filename = format!("{slug}-search-{}.csv", today_stamp());
    csv_of(
        &state,
        &orgs,
        &format!("/p/{slug}/organisations"),
        encoding,
        filename,
    )
    .await
}

pub async fn search_jsonl(
    State(state): State<AppState>,
    Params(params): Params<SearchParams>,
) -> AppResult<Response> {
    let orgs = found(&state, &params, None).await?;
    jsonl_of(
        &state,
        &orgs,
        format!("hiroba-search-{}.jsonl", today_stamp()),
    )
    .await
}

pub async fn search_jsonl_in_portal(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Params(params): Params<SearchParams>,
) -> AppResult<Response> {
    let portal = super::portals::load(&state, &slug).await?;
    let orgs = found(&state, &params, Some(&portal)).await?;
    let filename = format!("{}-search-{}.jsonl", portal.settings.slug, today_stamp());
    jsonl_of(&state, &orgs, filename).await
}
