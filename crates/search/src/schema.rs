//! The index schema: one schema for every kind of document, so organisations, events, grants,
//! volunteer openings and posts can share one index and one query path.

use crate::tokenizer::{BIGRAM, UNIGRAM};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema or the analysis changes; an index built with another version is
/// rebuilt from the database on start.
pub const SCHEMA_VERSION: u32 = 3;

/// The fields, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// "kind:id", the unit of replacement.
    pub key: Field,
    pub kind: Field,
    pub id: Field,
    pub name: Field,
    /// The name cut into single characters, for one-character queries.
    pub name_chars: Field,
    /// The reading (フリガナ), folded to hiragana.
    pub reading: Field,
    pub mission: Field,
    /// Description, activity fields, SDGs, programmes: stored for snippets.
    pub body: Field,
    /// Every text of the document (name, reading, mission, body, place names), for matching.
    pub all: Field,
    pub corporate_number: Field,
    pub prefecture: Field,
    pub municipality: Field,
    pub legal_form: Field,
    pub level: Field,
    pub certification: Field,
    pub activity_field: Field,
    /// Activity fields as bits, for counting.
    pub activity_field_mask: Field,
    /// SDGs as bits, for counting.
    pub sdg_mask: Field,
    pub sdg: Field,
    pub portal: Field,
    /// ★, certification and freshness packed into one number, for tie-breaking.
    pub rank: Field,
}

fn text(tokenizer: &str, positions: bool, stored: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let facet = INDEXED | FAST;
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        kind: b.add_u64_field("kind", facet.clone()),
        id: b.add_u64_field("id", STORED | FAST),
        name: b.add_text_field("name", text(BIGRAM, true, true)),
        name_chars: b.add_text_field("name_chars", text(UNIGRAM, false, false)),
        reading: b.add_text_field("reading", text(BIGRAM, true, true)),
        mission: b.add_text_field("mission", text(BIGRAM, true, true)),
        body: b.add_text_field("body", STORED),
        all: b.add_text_field("all", text(BIGRAM, true, false)),
        corporate_number: b.add_text_field("corporate_number", STRING),
        prefecture: b.add_u64_field("prefecture", facet.clone()),
        municipality: b.add_u64_field("municipality", facet.clone()),
        legal_form: b.add_u64_field("legal_form", facet.clone()),
        level: b.add_u64_field("level", facet.clone()),
        certification: b.add_u64_field("certification", facet.clone()),
        activity_field: b.add_u64_field("activity_field", facet.clone()),
        activity_field_mask: b.add_u64_field("activity_field_mask", FAST),
        sdg_mask: b.add_u64_field("sdg_mask", FAST),
        sdg: b.add_u64_field("sdg", facet.clone()),
        portal: b.add_u64_field("portal", facet.clone()),
        rank: b.add_u64_field("rank", FAST),
    };
    (b.build(), fields)
}
