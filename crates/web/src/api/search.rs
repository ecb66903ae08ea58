//! `/api/v1/search`: the search pages' results as JSON, for search-as-you-type and for other
//! sites. Public data only, anonymous access.

use super::dto::{Labelled, Numbered, fields, goals};
use super::problem::Problem;
use crate::AppState;
use crate::errors::{AppError, AppResult};
use crate::lang::ReqLang;
use crate::page::Tr;
use crate::query::{Params, page_number};
use crate::search::facets::label;
use crate::search::params::{SearchParams, read};
use crate::search::run::{marked_name, organisations, request, search};
use crate::search::{notice_code, notice_message};
use crate::views::places::Places;
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use hiroba_domain::Invalid;
use hiroba_search::Facet;
use hiroba_search::highlight::Segment;
use hiroba_search::request::{MAX_LIMIT, MAX_OFFSET};
use hiroba_store::organisations::Organisation;
use serde::Serialize;
use utoipa::ToSchema;

const DEFAULT_LIMIT: usize = 20;

/// A piece of text; `matched` pieces are what the query found.
#[derive(Debug, Serialize, ToSchema)]
pub struct TextSegment {
    pub text: String,
    pub matched: bool,
}

fn segments(s: &[Segment]) -> Vec<TextSegment> {
    s.iter()
        .map(|s| TextSegment {
            text: s.text.clone(),
            matched: s.matched,
        })
        .collect()
}

/// One organisation found: its public summary and where the query matched. Street address,
/// contact details and anything unpublished are never part of a result.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    pub id: i64,
    pub name: String,
    /// The name in pieces, matched pieces marked (empty when nothing in the name matched).
    pub name_highlighted: Vec<TextSegment>,
    /// A passage of the mission or description around the first match.
    pub snippet: Vec<TextSegment>,
    pub name_kana: Option<String>,
    pub legal_form: Labelled,
    pub prefecture: Option<Labelled>,
    pub municipality: Option<Labelled>,
    pub mission: Option<String>,
    pub activity_fields: Vec<Numbered>,
    pub sdgs: Vec<Numbered>,
    /// The ★ information-disclosure level, 0–5.
    pub disclosure_level: u8,
    /// The highest certification step held (1–3), if any.
    pub certification_step: Option<u8>,
    pub updated_at: DateTime<Utc>,
    /// The profile page: within the portal when the search was within one.
    pub url: String,
    /// The full public profile in this API.
    pub api_url: String,
}

/// One value of a facet with its count among all matching organisations.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetValueDto {
    /// The value to pass in the facet's parameter (`33`, `331007`, `npo`, a portal's slug…).
    pub value: String,
    pub name_ja: String,
    pub name_en: String,
    /// For `level` and `certification`: organisations at this value or above.
    pub count: u64,
    /// Chosen in this request.
    pub selected: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacetDto {
    /// `prefecture`, `municipality`, `activity_field`, `sdg`, `legal_form`, `level`,
    /// `certification` or `portal`.
    pub facet: String,
    /// The query parameter that filters by it.
    pub parameter: String,
    /// Counted as if none of this facet's values were chosen, so alternatives stay visible.
    pub values: Vec<FacetValueDto>,
}

/// How the query was read: it was cut, had too many words, had nothing searchable, or
/// matched only in part.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchNotice {
    /// `shortened`, `too_many_words`, `nothing_searchable` or `relaxed`.
    pub code: String,
    /// The same in the requested language.
    pub message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    /// Organisations matching, in all.
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
    /// Best first; among equally good matches, more ★ and fresher first.
    pub hits: Vec<SearchHit>,
    pub facets: Vec<FacetDto>,
    pub notices: Vec<SearchNotice>,
}

fn number(v: &Option<String>, min: usize, max: usize) -> Result<Option<usize>, Invalid> {
    let Some(s) = v.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let n: usize = hiroba_domain::kana::nfkc(s)
        .parse()
        .map_err(|_| Invalid::NotANumber)?;
    if (min..=max).contains(&n) {
        Ok(Some(n))
    } else {
        Err(Invalid::OutOfRange {
            min: min as i64,
            max: max as i64,
        })
    }
}

fn requested_facets(values: &[String]) -> Result<Vec<Facet>, Invalid> {
    let mut out = Vec::new();
    for name in values.iter().flat_map(|v| v.split(',')).map(str::trim) {
        if name.is_empty() {
            continue;
        }
        if name == "all" {
            return Ok(Facet::ALL.to_vec());
        }
        let facet = Facet::ALL
            .into_iter()
            .find(|f| f.field_name() == name)
            .ok_or(Invalid::UnknownChoice)?;
        if !out.contains(&facet) {
            out.push(facet);
        }
    }
    Ok(out)
}

fn hit(
    state: &AppState,
    profile_base: &str,
    h: &hiroba_search::Hit,
    o: &Organisation,
    places: &Places,
) -> SearchHit {
    let ja = Tr::new(hiroba_i18n::Lang::Ja, &state.i18n);
    let en = Tr::new(hiroba_i18n::Lang::En, &state.i18n);
    let p = &o.profile;
    let form = p.legal_form.info();
    let base = &state.config.base_url;
    SearchHit {
        id: o.id,
        name: p.name.clone(),
        name_highlighted: segments(&marked_name(h, o)),
        snippet: segments(&h.snippet),
        name_kana: p.name_kana.clone(),
        legal_form: Labelled {
            code: form.code.into(),
            name_ja: form.name_ja.into(),
            name_en: form.name_en.into(),
        },
        prefecture: p.address.prefecture.map(|c| Labelled {
            code: c.to_string(),
            name_ja: c.info().name_ja.into(),
            name_en: c.info().name_en.into(),
        }),
        municipality: p.address.municipality.map(|c| Labelled {
            code: c.to_string(),
            name_ja: places.municipality_name(&ja, &c),
            name_en: places.municipality_name(&en, &c),
        }),
        mission: p.mission.clone(),
        activity_fields: fields(&p.activity_fields),
        sdgs: goals(&p.sdgs),
        disclosure_level: o.disclosure_level,
        certification_step: o.certification.map(|s| s.number()),
        updated_at: o.updated_at,
        url: format!("{base}{profile_base}/{}", o.id),
        api_url: format!("{base}/api/v1/organisations/{}", o.id),
    }
}

/// Search organisations: Japanese text in any script or width, with filters and facet counts.
#[utoipa::path(
    get, path = "/search", operation_id = "search_organisations", tag = "search",
    params(SearchParams),
    responses(
        (status = 200, body = SearchResponse),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn search_organisations(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Params(params): Params<SearchParams>,
) -> AppResult<Json<SearchResponse>> {
    let (asked, mut errors) = read(&params);
    let limit = errors
        .check("limit", number(&params.limit, 1, MAX_LIMIT))
        .flatten()
        .unwrap_or(DEFAULT_LIMIT);
    let offset = errors.check("offset", number(&params.offset, 0, MAX_OFFSET));
    let page = match params.page.as_deref() {
        Some(p) if offset.flatten().is_none() => {
            errors.check("page", page_number(p, (MAX_OFFSET / limit + 1) as u64))
        }
        _ => Some(1),
    };
    let facets = errors.check("facets", requested_facets(&params.facets));
    let portal = match params
        .portal
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(slug) => match state.store.portals().get_by_slug(slug).await? {
            Some(p) => Some(p),
            None => {
                errors.push("portal", Invalid::UnknownChoice);
                None
            }
        },
        None => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let offset = match offset.flatten() {
        Some(o) => o,
        None => (page.unwrap_or(1) as usize - 1) * limit,
    };
    let mut filters = asked.filters.clone();
    if let Some(p) = &portal {
        filters.portal = vec![p.id.max(0) as u64];
    }
    let req = request(
        &asked.text,
        &asked.filters,
        portal.as_ref().map(|p| p.id),
        facets.unwrap_or_default(),
        offset,
        limit,
    );
    let results = search(&state, req).await?;
    let found = organisations(&state, &results.hits).await?;
    let orgs: Vec<Organisation> = found.iter().map(|(_, o)| o.clone()).collect();
    let places = Places::for_organisations(&state.store, &orgs, &[]).await?;
    let profile_base = match &portal {
        Some(p) => format!("/p/{}/organisations", p.settings.slug),
        None => "/organisations".to_owned(),
    };
    let tr = Tr::new(lang, &state.i18n);
    let facets = label(&state, &results.facets, &filters)
        .await?
        .into_iter()
        .map(|g| FacetDto {
            facet: g.facet.field_name().to_owned(),
            parameter: g.param.to_owned(),
            values: g
                .values
                .into_iter()
                .map(|v| FacetValueDto {
                    value: v.value,
                    name_ja: v.name_ja,
                    name_en: v.name_en,
                    count: v.count,
                    selected: v.selected,
                })
                .collect(),
        })
        .collect();
    Ok(Json(SearchResponse {
        total: results.total as u64,
        offset: results.offset as u64,
        limit: limit as u64,
        hits: found
            .iter()
            .map(|(h, o)| hit(&state, &profile_base, h, o, &places))
            .collect(),
        facets,
        notices: results
            .notices
            .iter()
            .map(|n| SearchNotice {
                code: notice_code(*n).to_owned(),
                message: notice_message(&tr, *n),
            })
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_are_named_or_all() {
        assert_eq!(
            requested_facets(&["prefecture,sdg".into(), "sdg".into()]),
            Ok(vec![Facet::Prefecture, Facet::Sdg])
        );
        assert_eq!(requested_facets(&["all".into()]), Ok(Facet::ALL.to_vec()));
        assert_eq!(requested_facets(&["".into()]), Ok(vec![]));
        assert_eq!(
            requested_facets(&["nope".into()]),
            Err(Invalid::UnknownChoice)
        );
    }
}
