//! Running a search: bringing this process's index up to date, searching off the async threads,
//! and loading the organisations found so pages show their current data.

use super::params::{choose, chosen, with_wards};
use crate::AppState;
use crate::errors::{AppError, AppResult};
use hiroba_search::request::Filters;
use hiroba_search::{Facet, Hit, SearchIndex, SearchRequest, SearchResults};
use hiroba_store::organisations::Organisation;
use std::collections::HashMap;
use std::sync::Arc;

/// A request for `filters` as chosen in the URL, within a portal if given.
pub fn request(
    text: &str,
    filters: &Filters,
    portal: Option<i64>,
    facets: Vec<Facet>,
    offset: usize,
    limit: usize,
) -> SearchRequest {
    let mut filters = filters.clone();
    filters.municipality = with_wards(&filters.municipality);
    if let Some(id) = portal {
        filters.portal = vec![id.max(0) as u64];
    }
    SearchRequest {
        filters,
        facets,
        offset,
        limit,
        ..SearchRequest::organisations(text)
    }
}

/// Searches after applying pending changes (so a change made through this process is found
/// at once). Each facet that has a value chosen is counted as if it had none, so the other
/// values of that facet stay visible with the counts they would give.
pub async fn search(state: &AppState, req: SearchRequest) -> AppResult<SearchResults> {
    state.search.catch_up_before_search().await;
    let index: Arc<SearchIndex> = state.search.index().clone();
    tokio::task::spawn_blocking(move || {
        let mut results = index.search(&req)?;
        for facet in req.facets.iter().copied() {
            if chosen(&req.filters, facet).is_empty() {
                continue;
            }
            let mut wider = req.clone();
            choose(&mut wider.filters, facet, Vec::new());
            wider.facets = vec![facet];
            wider.offset = 0;
            wider.limit = 1;
            let counts = index.search(&wider)?.counts(facet).to_vec();
            if let Some(slot) = results.facets.iter_mut().find(|(f, _)| *f == facet) {
                slot.1 = counts;
            }
        }
        Ok::<_, hiroba_search::SearchError>(results)
    })
    .await
    .map_err(|e| AppError::Internal(format!("search task: {e}")))?
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// The organisations of `hits` that still exist, in the order of the hits, each with its hit.
pub async fn organisations(state: &AppState, hits: &[Hit]) -> AppResult<Vec<(Hit, Organisation)>> {
    let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
    let mut found: HashMap<i64, Organisation> = state
        .store
        .organisations()
        .get_many(&ids)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    Ok(hits
        .iter()
        .filter_map(|h| found.remove(&h.id).map(|o| (h.clone(), o)))
        .collect())
}

/// The hit's marked name if it is still the organisation's name (else nothing to mark).
pub fn marked_name(hit: &Hit, org: &Organisation) -> Vec<hiroba_search::highlight::Segment> {
    let text: String = hit.name.iter().map(|s| s.text.as_str()).collect();
    if text == org.profile.name && hit.name.iter().any(|s| s.matched) {
        hit.name.clone()
    } else {
        Vec::new()
    }
}
