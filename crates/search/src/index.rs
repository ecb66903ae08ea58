//! The index: opening (or recreating) it, writing documents, and searching.

use crate::document::{DocKind, SearchDocument, key};
use crate::execute::{build, sort_key};
use crate::facets::FacetCollector;
use crate::highlight::{Needles, highlight, snippet};
use crate::query::{Clause, Notice, legal_form_spellings, parse};
use crate::request::{Hit, MAX_LIMIT, MAX_OFFSET, SearchRequest, SearchResults};
use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::tokenizer::{BIGRAM, Gram, JapaneseTokenizer, UNIGRAM};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory {path}: {source}")]
    Directory {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("search index: {0}")]
    Store(#[from] hiroba_store::StoreError),
    #[error("search index: the writer is poisoned by an earlier panic")]
    Poisoned,
}

impl SearchError {
    /// Another process (or writer) holds the index directory.
    pub fn is_locked(&self) -> bool {
        matches!(
            self,
            SearchError::Index(tantivy::TantivyError::LockFailure(..))
        )
    }
}

pub type SearchResult<T> = Result<T, SearchError>;

/// Where the index stands relative to the database's outbox, saved with every commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    pub schema: u32,
    /// Every outbox entry up to this id is reflected in the index.
    pub applied_through: i64,
    pub synced_at: DateTime<Utc>,
}

/// Sizing of the writer: the server indexes a few documents at a time, a rebuild or a
/// benchmark many.
#[derive(Debug, Clone, Copy)]
pub struct WriterOptions {
    pub threads: usize,
    pub memory_bytes: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            threads: 1,
            memory_bytes: 64 << 20,
        }
    }
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter<TantivyDocument>>,
    fields: Fields,
    dir: Option<PathBuf>,
}

fn register_tokenizers(index: &Index) {
    index
        .tokenizers()
        .register(BIGRAM, JapaneseTokenizer(Gram::Bigram));
    index
        .tokenizers()
        .register(UNIGRAM, JapaneseTokenizer(Gram::Unigram));
}

fn search_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4)
}

impl SearchIndex {
    fn from_index(mut index: Index, dir: Option<PathBuf>, w: WriterOptions) -> SearchResult<Self> {
        register_tokenizers(&index);
        index.set_multithread_executor(search_threads())?;
        let fields = schema::build().1;
        let writer = index.writer_with_num_threads(w.threads, w.memory_bytes.max(15 << 20))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            dir,
        })
    }

    /// An index in memory (tests, and a server configured without a search directory).
    pub fn in_memory() -> SearchResult<Self> {
        let (schema, _) = schema::build();
        Self::from_index(Index::create_in_ram(schema), None, WriterOptions::default())
    }

    /// Opens the index in `dir`, creating it if missing. An index built with another schema
    /// version, or one that cannot be read, is deleted and created empty: it holds nothing
    /// the database does not, and [`SearchIndex::sync_state`] being `None` tells the caller
    /// to rebuild it.
    pub fn open(dir: &Path, w: WriterOptions) -> SearchResult<Self> {
        match Self::try_open(dir, w) {
            Ok(index) if index.sync_state().is_some() || index.doc_count() == 0 => Ok(index),
            Ok(index) => {
                tracing::warn!(dir = %dir.display(), "search index is from another version; recreating it");
                drop(index);
                Self::recreate(dir, w)
            }
            Err(SearchError::Index(e)) => {
                tracing::warn!(dir = %dir.display(), error = %e, "search index unreadable; recreating it");
                Self::recreate(dir, w)
            }
            Err(e) => Err(e),
        }
    }

    fn try_open(dir: &Path, w: WriterOptions) -> SearchResult<Self> {
        std::fs::create_dir_all(dir).map_err(|source| SearchError::Directory {
            path: dir.to_owned(),
            source,
        })?;
        let (schema, _) = schema::build();
        let directory = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| SearchError::Index(e.into()))?;
        let index = Index::open_or_create(directory, schema)?;
        Self::from_index(index, Some(dir.to_owned()), w)
    }

    fn recreate(dir: &Path, w: WriterOptions) -> SearchResult<Self> {
        std::fs::remove_dir_all(dir).map_err(|source| SearchError::Directory {
            path: dir.to_owned(),
            source,
        })?;
        Self::try_open(dir, w)
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The state saved with the last commit, if it was made by this schema version.
    pub fn sync_state(&self) -> Option<SyncState> {
        let payload = self.index.load_metas().ok()?.payload?;
        serde_json::from_str::<SyncState>(&payload)
            .ok()
            .filter(|s| s.schema == SCHEMA_VERSION)
    }

    /// Documents searchable now.
    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn writer(&self) -> SearchResult<std::sync::MutexGuard<'_, IndexWriter<TantivyDocument>>> {
        self.writer.lock().map_err(|_| SearchError::Poisoned)
    }

    /// Adds or replaces documents (not visible until [`SearchIndex::commit`]).
    pub fn upsert(&self, docs: &[SearchDocument]) -> SearchResult<()> {
        let w = self.writer()?;
        for d in docs {
            w.delete_term(Term::from_field_text(self.fields.key, &key(d.kind, d.id)));
            w.add_document(d.to_tantivy(&self.fields))?;
        }
        Ok(())
    }

    pub fn delete(&self, kind: DocKind, id: i64) -> SearchResult<()> {
        self.writer()?
            .delete_term(Term::from_field_text(self.fields.key, &key(kind, id)));
        Ok(())
    }

    /// Removes everything (before a rebuild; readers keep the old view until the commit).
    pub fn clear(&self) -> SearchResult<()> {
        self.writer()?.delete_all_documents()?;
        Ok(())
    }

    /// Makes the writes visible, saving where the index stands.
    pub fn commit(&self, applied_through: i64) -> SearchResult<()> {
        let state = SyncState {
            schema: SCHEMA_VERSION,
            applied_through,
            synced_at: Utc::now(),
        };
        let payload = serde_json::to_string(&state).unwrap_or_default();
        {
            let mut w = self.writer()?;
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Waits for background segment merges (after a bulk load).
    pub fn wait_merging(self) -> SearchResult<()> {
        let writer = self
            .writer
            .into_inner()
            .map_err(|_| SearchError::Poisoned)?;
        writer.wait_merging_threads()?;
        Ok(())
    }

    /// Runs a search. Never fails on what was typed; errors are the index's own.
    pub fn search(&self, req: &SearchRequest) -> SearchResult<SearchResults> {
        let mut parsed = parse(&req.text);
        let limit = req.limit.clamp(1, MAX_LIMIT);
        let offset = req.offset.min(MAX_OFFSET);
        let searcher = self.reader.searcher();
        let facets = FacetCollector {
            facets: req.facets.clone(),
        };
        let top = TopDocs::with_limit(limit)
            .and_offset(offset)
            .tweak_score(sort_key);
        let kind = req.kind.code();
        let nothing_searchable = parsed.notices.contains(&Notice::NothingSearchable);
        let query: Box<dyn tantivy::query::Query> = if nothing_searchable {
            Box::new(tantivy::query::EmptyQuery)
        } else {
            build(&self.fields, kind, &parsed, &req.filters, true)
        };
        let (mut found, mut total, mut counts) =
            searcher.search(query.as_ref(), &(top, Count, facets))?;
        // Nothing matched every word: show what matches some, and say so.
        if total == 0 && parsed.clauses.len() > 1 {
            let relaxed = build(&self.fields, kind, &parsed, &req.filters, false);
            let top = TopDocs::with_limit(limit)
                .and_offset(offset)
                .tweak_score(sort_key);
            let facets = FacetCollector {
                facets: req.facets.clone(),
            };
            (found, total, counts) = searcher.search(relaxed.as_ref(), &(top, Count, facets))?;
            if total > 0 {
                parsed.notices.push(Notice::Relaxed);
            }
        }
        let needles = needles(&parsed.clauses);
        let mut hits = Vec::with_capacity(found.len());
        for ((bucket, _), address) in found {
            hits.push(self.hit(&searcher, address, bucket, &needles)?);
        }
        Ok(SearchResults {
            total,
            offset,
            hits,
            facets: counts,
            notices: parsed.notices,
        })
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
        bucket: i64,
        needles: &Needles,
    ) -> SearchResult<Hit> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let id = doc
            .get_first(self.fields.id)
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as i64;
        let kind = doc
            .get_first(self.fields.kind)
            .and_then(|v| v.as_u64())
            .and_then(DocKind::from_code)
            .unwrap_or(DocKind::Organisation);
        let name = text(self.fields.name);
        let mission = text(self.fields.mission);
        let body = text(self.fields.body);
        let snippet = match snippet(&mission, needles, 90) {
            Some((s, true)) => s,
            other => match snippet(&body, needles, 90) {
                Some((s, true)) => s,
                _ => other.map(|(s, _)| s).unwrap_or_default(),
            },
        };
        Ok(Hit {
            kind,
            id,
            score: f32::from_bits(u32::try_from(bucket).unwrap_or(0) << 19),
            name: highlight(&name, needles),
            snippet,
        })
    }
}

fn needles(clauses: &[Clause]) -> Needles {
    let mut texts = Vec::new();
    for c in clauses {
        match c {
            Clause::Text(t) => {
                texts.push(t.clone());
                texts.extend(crate::spelling::alternatives(t));
            }
            Clause::LegalForm { typed, forms } => {
                texts.push(typed.clone());
                texts.extend(legal_form_spellings(forms).into_iter().map(str::to_owned));
            }
            Clause::CorporateNumber(_) => {}
        }
    }
    Needles::new(texts)
}
