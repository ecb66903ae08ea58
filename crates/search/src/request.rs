//! What a search asks for and what it answers.

use crate::document::DocKind;
use crate::facets::{Counts, Facet};
use crate::highlight::Segment;
use crate::query::Notice;
use serde::Serialize;

/// Most results per page.
pub const MAX_LIMIT: usize = 100;
/// Results beyond this are not paged to (ask a narrower question instead).
pub const MAX_OFFSET: usize = 10_000;

/// Values chosen per facet: a document matches a facet if it has any of the values; it must
/// match every facet that has values. Level and certification mean "at least".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub prefecture: Vec<u64>,
    pub municipality: Vec<u64>,
    pub activity_field: Vec<u64>,
    pub sdg: Vec<u64>,
    pub legal_form: Vec<u64>,
    pub min_level: Option<u8>,
    pub min_certification: Option<u8>,
    pub portal: Vec<u64>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub text: String,
    pub kind: DocKind,
    pub filters: Filters,
    /// Facets to count over the matching documents.
    pub facets: Vec<Facet>,
    pub offset: usize,
    pub limit: usize,
}

impl SearchRequest {
    pub fn organisations(text: impl Into<String>) -> SearchRequest {
        SearchRequest {
            text: text.into(),
            kind: DocKind::Organisation,
            filters: Filters::default(),
            facets: Vec::new(),
            offset: 0,
            limit: 20,
        }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub kind: DocKind,
    pub id: i64,
    /// Relevance after ★ and freshness tie-breaking; larger is better.
    pub score: f32,
    /// The name with matches marked.
    pub name: Vec<Segment>,
    /// A passage of the mission or description with matches marked.
    pub snippet: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Documents matching, in all.
    pub total: usize,
    pub offset: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<(Facet, Counts)>,
    pub notices: Vec<Notice>,
}

impl SearchResults {
    pub fn counts(&self, facet: Facet) -> &[(u64, u64)] {
        self.facets
            .iter()
            .find(|(f, _)| *f == facet)
            .map(|(_, c)| c.as_slice())
            .unwrap_or(&[])
    }
}
