//! Searching organisations, shared by the search pages and `/api/v1/search`: reading the
//! parameters ([`params`]), running the search ([`run`]) and naming facet values ([`facets`]).

pub mod facets;
pub mod params;
pub mod run;

use crate::page::Tr;
use hiroba_search::query::{MAX_CLAUSES, MAX_QUERY_CHARS, Notice};

/// Most results on a search page.
pub const PER_PAGE: usize = 20;

/// A stable code for a notice (the same as in the index's serialisation).
pub fn notice_code(n: Notice) -> &'static str {
    match n {
        Notice::Shortened => "shortened",
        Notice::TooManyWords => "too_many_words",
        Notice::NothingSearchable => "nothing_searchable",
        Notice::Relaxed => "relaxed",
    }
}

/// What a notice tells the person, in their language.
pub fn notice_message(tr: &Tr<'_>, n: Notice) -> String {
    match n {
        Notice::Shortened => tr.tn("search-notice-shortened", "max", MAX_QUERY_CHARS as i64),
        Notice::TooManyWords => tr.tn("search-notice-too-many-words", "max", MAX_CLAUSES as i64),
        Notice::NothingSearchable => tr.t("search-notice-nothing-searchable"),
        Notice::Relaxed => tr.t("search-notice-relaxed"),
    }
}
