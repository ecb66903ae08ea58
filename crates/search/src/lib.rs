//! Japanese full-text search for Hiroba.
//!
//! The index is derived from the database and can be rebuilt at any time; each server process
//! keeps its own and follows the database's search outbox (see [`sync`]). Text is normalised
//! the way Japanese people type ([`analysis`]) and cut into bigrams with positions
//! ([`tokenizer`]), so phrase queries find exactly the typed substring without a dictionary.

pub mod analysis;
pub mod common_words;
pub mod document;
mod execute;
pub mod facets;
pub mod highlight;
pub mod index;
pub mod query;
pub mod request;
pub mod schema;
pub mod spelling;
pub mod sync;
pub mod tokenizer;
pub mod variants;

pub use document::{DocKind, SearchDocument};
pub use facets::Facet;
pub use index::{SearchError, SearchIndex, SearchResult, SyncState, WriterOptions};
pub use request::{Filters, Hit, SearchRequest, SearchResults};
pub use sync::Follower;
