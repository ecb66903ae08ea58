//! Open data out: a portal's organisations (with the list page's filters, or all of them: the
//! full portal export) as CSV for spreadsheets (UTF-8 with BOM, or Shift_JIS with
//! `?encoding=sjis`) and as JSON Lines of the API's organisation objects. Public data only.

use super::organisations::ListParams;
use crate::AppState;
use crate::api::dto::organisation;
use crate::errors::{AppError, AppResult};
use crate::query::Params;
use crate::views::places::Places;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::Invalid;
use hiroba_opendata::{CsvEncoding, ExportOrganisation, write_csv};
use hiroba_store::organisations::{Organisation, OrganisationQuery};
use hiroba_store::paging::PageRequest;
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

pub async fn csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Params(params): Params<ExportParams>,
) -> AppResult<Response> {
    let Some(encoding) = CsvEncoding::parse(&params.encoding) else {
        let mut errs = FieldErrors::new();
        errs.push("encoding", Invalid::UnknownChoice);
        return Err(AppError::Invalid(errs));
    };
    let (slug, orgs) = members(&state, &slug, &params.list).await?;
    let places = Places::for_organisations(&state.store, &orgs, &[]).await?;
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
            url: format!("{base}/p/{slug}/organisations/{}", o.id),
            updated_at: o.updated_at,
        }),
        encoding,
    );
    let content_type = match encoding {
        CsvEncoding::Utf8Bom => "text/csv; charset=utf-8",
        CsvEncoding::ShiftJis => "text/csv; charset=Shift_JIS",
    };
    Ok(attachment(
        bytes,
        content_type,
        format!("{slug}-organisations-{}.csv", today_stamp()),
    ))
}

pub async fn jsonl(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Params(params): Params<ListParams>,
) -> AppResult<Response> {
    let (slug, orgs) = members(&state, &slug, &params).await?;
    let places = Places::for_organisations(&state.store, &orgs, &[]).await?;
    let mut out = Vec::new();
    for o in &orgs {
        let dto = organisation(&state.config.base_url, &state.i18n, &places, o);
        serde_json::to_writer(&mut out, &dto).map_err(|e| AppError::Internal(e.to_string()))?;
        out.push(b'\n');
    }
    Ok(attachment(
        out,
        "application/jsonl; charset=utf-8",
        format!("{slug}-organisations-{}.jsonl", today_stamp()),
    ))
}
