//! Hiroba's own index (hiroba-search on tantivy), used exactly as the server uses it.

use crate::report::{Answer, Load, disk_usage};
use anyhow::Result;
use hiroba_search::{Facet, SearchDocument, SearchIndex, SearchRequest, WriterOptions};
use std::path::Path;
use std::time::Instant;

/// Builds the index in `dir` the way `hiroba reindex` does (upsert in batches, commit), then
/// waits for the merges a rebuild leaves running, so the index searched is the settled one.
pub fn load(docs: &[SearchDocument], dir: &Path, writer: WriterOptions) -> Result<Load> {
    let t = Instant::now();
    let index = SearchIndex::open(dir, writer)?;
    for batch in docs.chunks(10_000) {
        index.upsert(batch)?;
    }
    let insert = t.elapsed();
    let t = Instant::now();
    index.commit(0)?;
    index.wait_merging()?;
    let finish = t.elapsed();
    Ok(Load {
        docs: docs.len(),
        insert,
        finish,
        bytes_on_disk: disk_usage(dir),
        note: format!(
            "{} threads, {} MiB writer budget; {} segments after merging",
            writer.threads,
            writer.memory_bytes >> 20,
            segments(dir)
        ),
    })
}

/// Segments in the last commit (from tantivy's meta.json).
pub fn segments(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("meta.json"))
        .ok()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .and_then(|v| v["segments"].as_array().map(Vec::len))
        .unwrap_or(0)
}

pub struct TantivyEngine {
    index: SearchIndex,
}

impl TantivyEngine {
    /// Opens the index as a server process does on start.
    pub fn open(dir: &Path) -> Result<TantivyEngine> {
        let index = SearchIndex::open(dir, WriterOptions::default())?;
        Ok(TantivyEngine { index })
    }

    pub fn doc_count(&self) -> u64 {
        self.index.doc_count()
    }

    /// Top 20 with counts by prefecture and activity field, as the search page asks.
    pub fn search(&self, text: &str) -> Result<Answer> {
        let req = SearchRequest {
            facets: vec![Facet::Prefecture, Facet::ActivityField],
            limit: 20,
            ..SearchRequest::organisations(text)
        };
        let r = self.index.search(&req)?;
        Ok(Answer {
            total: r.total as u64,
            names: r
                .hits
                .iter()
                .map(|h| h.name.iter().map(|s| s.text.as_str()).collect())
                .collect(),
        })
    }
}
