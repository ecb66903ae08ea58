//! Turning a parsed query and filters into a tantivy query, and ranking.

use crate::analysis::normalise_str;
use crate::analysis::{CharClass, class};
use crate::common_words;
use crate::document::legal_form_code;
use crate::query::{Clause, ParsedQuery};
use crate::request::Filters;
use crate::schema::Fields;
use crate::spelling::alternatives;
use crate::tokenizer::query_pieces;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, SegmentReader, Term};

/// Weights added to a match anywhere (the `all` field, weight 1): a match in the name counts
/// most, then the reading, then the mission; the description and places only through `all`.
const NAME: f32 = 4.0;
const READING: f32 = 3.0;
const MISSION: f32 = 1.5;

/// Matches of one word or phrase in one field: a term, or a phrase of consecutive grams.
fn text_in_field(field: Field, text: &str, boost: f32) -> Option<Box<dyn Query>> {
    let pieces = query_pieces(text);
    let q: Box<dyn Query> = match pieces.len() {
        0 => return None,
        1 => Box::new(TermQuery::new(
            Term::from_field_text(field, &pieces[0].text),
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(PhraseQuery::new_with_offset(
            pieces
                .into_iter()
                .map(|p| (p.position, Term::from_field_text(field, &p.text)))
                .collect(),
        )),
    };
    Some(Box::new(BoostQuery::new(q, boost)))
}

/// One word or phrase in any text field, in any of its usual spellings.
fn text_clause(f: &Fields, text: &str) -> Option<Box<dyn Query>> {
    let first = spelled_clause(f, text)?;
    let others: Vec<(Occur, Box<dyn Query>)> = alternatives(text)
        .iter()
        .filter_map(|alt| spelled_clause(f, alt))
        .map(|q| (Occur::Should, q))
        .collect();
    if others.is_empty() {
        return Some(first);
    }
    let mut all = vec![(Occur::Should, first)];
    all.extend(others);
    Some(Box::new(BooleanQuery::new(all)))
}

/// One spelling of a word or phrase in any text field.
fn spelled_clause(f: &Fields, text: &str) -> Option<Box<dyn Query>> {
    let pieces = query_pieces(text);
    if pieces.is_empty() {
        return None;
    }
    // One kanji or kana alone has no bigram: look for it among the characters of names.
    if pieces.len() == 1 && pieces[0].text.chars().count() == 1 {
        let c = pieces[0].text.chars().next().unwrap_or(' ');
        if class(c) == CharClass::Cjk {
            let chars = TermQuery::new(
                Term::from_field_text(f.name_chars, &pieces[0].text),
                IndexRecordOption::WithFreqs,
            );
            return Some(Box::new(BoostQuery::new(Box::new(chars), NAME)));
        }
    }
    // Matching runs one phrase over all the text; the name, reading and mission are only
    // looked up for documents that already match (optional clauses are advanced by seeking),
    // so a common word costs one phrase scan instead of one per field.
    let normal = normalise_str(text.trim());
    let common = common_words::is_common(&normal);
    // A common word is one token where it occurs: no positions to check.
    let in_field = |field: Field, boost: f32| -> Option<Box<dyn Query>> {
        if common {
            let term = TermQuery::new(
                Term::from_field_text(field, &common_words::token(&normal)),
                IndexRecordOption::WithFreqs,
            );
            Some(Box::new(BoostQuery::new(Box::new(term), boost)))
        } else {
            text_in_field(field, text, boost)
        }
    };
    let matching = in_field(f.all, 1.0)?;
    let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, matching)];
    let kana_only = pieces.iter().all(|p| {
        p.text
            .chars()
            .all(|c| matches!(c, '\u{3041}'..='\u{3096}' | 'ー'))
    });
    let mut boosts = vec![(f.name, NAME), (f.mission, MISSION)];
    // A reading is kana: only a kana word can match it.
    if kana_only {
        boosts.push((f.reading, READING));
    }
    for (field, boost) in boosts {
        if let Some(q) = in_field(field, boost) {
            parts.push((Occur::Should, q));
        }
    }
    Some(Box::new(BooleanQuery::new(parts)))
}

/// Documents with any of `values` in `field`. Posting lists, not a term-set bitset: a bitset
/// costs a pass over every matching document of the index even when the text query is rare.
fn any_of(field: Field, values: &[u64]) -> Box<dyn Query> {
    let term = |v: &u64| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_u64(field, *v),
            IndexRecordOption::Basic,
        ))
    };
    match values {
        [one] => term(one),
        many => Box::new(BooleanQuery::new(
            many.iter().map(|v| (Occur::Should, term(v))).collect(),
        )),
    }
}

fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// The clauses every result must match, scored.
pub(crate) fn text_query(f: &Fields, parsed: &ParsedQuery) -> Vec<Box<dyn Query>> {
    let mut out = Vec::new();
    for clause in &parsed.clauses {
        let q: Option<Box<dyn Query>> = match clause {
            Clause::Text(t) => text_clause(f, t),
            Clause::CorporateNumber(n) => Some(Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(f.corporate_number, n),
                    IndexRecordOption::Basic,
                )),
                NAME * 2.0,
            ))),
            Clause::LegalForm { typed, forms } => {
                let codes: Vec<u64> = forms.iter().map(|x| legal_form_code(*x)).collect();
                let mut either: Vec<(Occur, Box<dyn Query>)> = vec![(
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(any_of(f.legal_form, &codes), 1.0)),
                )];
                if let Some(t) = text_clause(f, typed) {
                    either.push((Occur::Should, t));
                }
                Some(Box::new(BooleanQuery::new(either)))
            }
        };
        if let Some(q) = q {
            out.push(q);
        }
    }
    out
}

/// The whole query: text clauses (all of them, or any when `all` is false) and filters.
pub(crate) fn build(
    f: &Fields,
    kind: u64,
    parsed: &ParsedQuery,
    filters: &Filters,
    all: bool,
) -> Box<dyn Query> {
    let text = text_query(f, parsed);
    let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if text.is_empty() {
        parts.push((Occur::Must, Box::new(AllQuery)));
    } else if all {
        parts.extend(text.into_iter().map(|q| (Occur::Must, q)));
    } else {
        let any: Vec<(Occur, Box<dyn Query>)> =
            text.into_iter().map(|q| (Occur::Should, q)).collect();
        parts.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    parts.push(filter(any_of(f.kind, &[kind])));
    let sets = [
        (f.prefecture, &filters.prefecture),
        (f.municipality, &filters.municipality),
        (f.activity_field, &filters.activity_field),
        (f.sdg, &filters.sdg),
        (f.legal_form, &filters.legal_form),
        (f.portal, &filters.portal),
    ];
    for (field, values) in sets {
        if !values.is_empty() {
            parts.push(filter(any_of(field, values)));
        }
    }
    if let Some(min) = filters.min_level.filter(|m| *m > 0) {
        let values: Vec<u64> = (u64::from(min)..=7).collect();
        parts.push(filter(any_of(f.level, &values)));
    }
    if let Some(min) = filters.min_certification.filter(|m| *m > 0) {
        let values: Vec<u64> = (u64::from(min)..=7).collect();
        parts.push(filter(any_of(f.certification, &values)));
    }
    Box::new(BooleanQuery::new(parts))
}

/// The sort key: relevance in buckets of about 4%, then ★, certification and freshness
/// (packed in the `rank` field), so among equally relevant results the better-disclosed and
/// fresher come first without outweighing a clearly better match.
pub(crate) fn sort_key(
    reader: &SegmentReader,
) -> impl Fn(DocId, Score) -> (i64, u64) + 'static + use<> {
    let rank = reader
        .fast_fields()
        .u64("rank")
        .ok()
        .map(|c| c.first_or_default_col(0));
    move |doc, score| {
        // The float's exponent and first four mantissa bits: buckets about 4% wide on a log
        // scale, without a logarithm per match.
        let bucket = i64::from(score.max(0.0).to_bits() >> 19);
        let r = rank.as_ref().map(|c| c.get_val(doc)).unwrap_or(0);
        (bucket, r)
    }
}
