//! Facet counts read from columnar fast fields in the same pass that ranks the results.

use crate::schema::Fields;
use serde::Serialize;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnValues};
use tantivy::schema::Schema;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The facets a search can count and filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    Prefecture,
    Municipality,
    ActivityField,
    Sdg,
    LegalForm,
    Level,
    Certification,
    Portal,
}

impl Facet {
    pub const ALL: [Facet; 8] = [
        Facet::Prefecture,
        Facet::Municipality,
        Facet::ActivityField,
        Facet::Sdg,
        Facet::LegalForm,
        Facet::Level,
        Facet::Certification,
        Facet::Portal,
    ];

    pub fn field_name(self) -> &'static str {
        match self {
            Facet::Prefecture => "prefecture",
            Facet::Municipality => "municipality",
            Facet::ActivityField => "activity_field",
            Facet::Sdg => "sdg",
            Facet::LegalForm => "legal_form",
            Facet::Level => "level",
            Facet::Certification => "certification",
            Facet::Portal => "portal",
        }
    }

    pub fn field(self, f: &Fields) -> tantivy::schema::Field {
        match self {
            Facet::Prefecture => f.prefecture,
            Facet::Municipality => f.municipality,
            Facet::ActivityField => f.activity_field,
            Facet::Sdg => f.sdg,
            Facet::LegalForm => f.legal_form,
            Facet::Level => f.level,
            Facet::Certification => f.certification,
            Facet::Portal => f.portal,
        }
    }

    /// For facets with many values per document, a single-valued column holding them as bits
    /// (bit n = value n): one read per match instead of a multi-valued lookup.
    fn mask_field(self) -> Option<&'static str> {
        match self {
            Facet::ActivityField => Some("activity_field_mask"),
            Facet::Sdg => Some("sdg_mask"),
            _ => None,
        }
    }

    /// Small value ranges are counted in an array, the rest in a map.
    fn dense_size(self) -> Option<usize> {
        match self {
            Facet::Prefecture => Some(48),
            Facet::ActivityField => Some(21),
            Facet::Sdg => Some(18),
            Facet::LegalForm => Some(32),
            Facet::Level => Some(8),
            Facet::Certification => Some(8),
            Facet::Municipality | Facet::Portal => None,
        }
    }

    /// Whether a value means "not given" and is left out of the counts.
    fn skips(self, value: u64) -> bool {
        matches!(self, Facet::Prefecture | Facet::Municipality) && value == 0
    }
}

/// Counts for one facet: (value, number of matching documents), largest first.
pub type Counts = Vec<(u64, u64)>;

enum Tally {
    Dense(Vec<u64>),
    Sparse(HashMap<u64, u64>),
}

impl Tally {
    fn new(facet: Facet) -> Tally {
        match facet.dense_size() {
            Some(n) => Tally::Dense(vec![0; n]),
            None => Tally::Sparse(HashMap::new()),
        }
    }

    fn add(&mut self, value: u64) {
        match self {
            Tally::Dense(v) => {
                if let Some(slot) = v.get_mut(value as usize) {
                    *slot += 1;
                }
            }
            Tally::Sparse(m) => *m.entry(value).or_default() += 1,
        }
    }

    fn into_map(self, into: &mut HashMap<u64, u64>) {
        match self {
            Tally::Dense(v) => {
                for (value, n) in v.into_iter().enumerate() {
                    if n > 0 {
                        *into.entry(value as u64).or_default() += n;
                    }
                }
            }
            Tally::Sparse(m) => {
                for (value, n) in m {
                    *into.entry(value).or_default() += n;
                }
            }
        }
    }
}

/// Counts the requested facets over every matching document.
pub struct FacetCollector {
    pub facets: Vec<Facet>,
}

/// A bit-mask column and the count per bit.
type MaskTally = (Facet, std::sync::Arc<dyn ColumnValues<u64>>, Vec<u64>);

pub struct FacetSegmentCollector {
    columns: Vec<(Facet, Column<u64>, Tally)>,
    masks: Vec<MaskTally>,
}

impl Collector for FacetCollector {
    type Fruit = Vec<(Facet, Counts)>;
    type Child = FacetSegmentCollector;

    fn check_schema(&self, _schema: &Schema) -> tantivy::Result<()> {
        Ok(())
    }

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCollector> {
        let mut columns = Vec::with_capacity(self.facets.len());
        let mut masks = Vec::new();
        for facet in &self.facets {
            match facet.mask_field() {
                Some(name) => {
                    let column = segment.fast_fields().u64(name)?.first_or_default_col(0);
                    masks.push((*facet, column, vec![0u64; 64]));
                }
                None => {
                    let column = segment.fast_fields().u64(facet.field_name())?;
                    columns.push((*facet, column, Tally::new(*facet)));
                }
            }
        }
        Ok(FacetSegmentCollector { columns, masks })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<Vec<(Facet, HashMap<u64, u64>)>>,
    ) -> tantivy::Result<Vec<(Facet, Counts)>> {
        let mut merged: Vec<(Facet, HashMap<u64, u64>)> =
            self.facets.iter().map(|f| (*f, HashMap::new())).collect();
        for fruit in segment_fruits {
            for (facet, counts) in fruit {
                if let Some((_, into)) = merged.iter_mut().find(|(f, _)| *f == facet) {
                    for (value, n) in counts {
                        *into.entry(value).or_default() += n;
                    }
                }
            }
        }
        Ok(merged
            .into_iter()
            .map(|(facet, m)| {
                let mut counts: Counts = m
                    .into_iter()
                    .filter(|(v, n)| *n > 0 && !facet.skips(*v))
                    .collect();
                counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                (facet, counts)
            })
            .collect())
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Vec<(Facet, HashMap<u64, u64>)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (_, column, tally) in &mut self.columns {
            for value in column.values_for_doc(doc) {
                tally.add(value);
            }
        }
        for (_, column, counts) in &mut self.masks {
            let mut bits = column.get_val(doc);
            while bits != 0 {
                counts[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out: Vec<(Facet, HashMap<u64, u64>)> = self
            .columns
            .into_iter()
            .map(|(facet, _, tally)| {
                let mut m = HashMap::new();
                tally.into_map(&mut m);
                (facet, m)
            })
            .collect();
        for (facet, _, counts) in self.masks {
            let m = counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(bit, n)| (bit as u64, n))
                .collect();
            out.push((facet, m));
        }
        out
    }
}
