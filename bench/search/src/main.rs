//! The search benchmark: a million generated organisations loaded into Hiroba's index
//! (hiroba-search), SQLite FTS5 (trigram) and PostgreSQL (pg_trgm); the same query mix timed
//! on each in the same run; the relevance set checked on each; build throughput, resident
//! memory and sizes on disk. Run it with `bench/search.sh` (see docs/benchmarks.md).

mod data;
mod postgres_engine;
mod queries;
mod relevance;
mod report;
mod sqlite_engine;
mod tantivy_engine;

use anyhow::{Context, Result};
use clap::Parser;
use data::Corpus;
use hiroba_search::WriterOptions;
use postgres_engine::{Database, PostgresEngine};
use queries::{Kind, Query};
use report::{Answer, EngineRun, Latencies, Load, Memory, heading, mib, ms};
use sqlite_engine::SqliteEngine;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy_engine::TantivyEngine;

#[derive(Parser, Debug, Clone)]
#[command(about = "Search benchmark: hiroba-search vs SQLite FTS5 (trigram) vs PostgreSQL pg_trgm")]
struct Args {
    /// Organisations in the corpus (the demo's own included).
    #[arg(long, default_value_t = 1_000_000)]
    orgs: usize,
    /// Seed of the generated organisations and of the query mix.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Timed queries per engine.
    #[arg(long, default_value_t = 300)]
    queries: usize,
    /// Untimed queries per engine first (another draw of the same mix).
    #[arg(long, default_value_t = 30)]
    warmup: usize,
    /// PostgreSQL server; the benchmark creates and drops its own database there.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    pg_url: String,
    /// Where the index and the SQLite file are written (default: a temporary directory,
    /// removed afterwards).
    #[arg(long)]
    work_dir: Option<PathBuf>,
    #[arg(long)]
    skip_pg: bool,
    #[arg(long)]
    skip_sqlite: bool,
    /// Keep the PostgreSQL database (and print its name) to look at plans afterwards.
    #[arg(long)]
    keep_pg: bool,
    /// Search the index already in --work-dir if it holds the corpus, instead of building it
    /// (for iterating on search speed; loads of the other engines still run unless skipped).
    #[arg(long)]
    reuse_index: bool,
    /// Time these queries (repeated to --queries) instead of the mix, to look at one kind.
    #[arg(long = "query")]
    given: Vec<String>,
    /// Indexing threads for the bulk load.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Indexing memory budget for the bulk load, in MiB.
    #[arg(long, default_value_t = 1024)]
    writer_mib: usize,
    /// Internal: open the index in this directory in a fresh process, run the query mix and
    /// print its memory (how a server starts).
    #[arg(long, hide = true)]
    probe_memory: Option<PathBuf>,
}

/// The targets from the issue.
const TARGET_P99: Duration = Duration::from_millis(10);
const TARGET_SPEEDUP: f64 = 5.0;
const TARGET_BUILD_PER_SECOND: f64 = 20_000.0;

enum Engine {
    Tantivy(Box<TantivyEngine>),
    Sqlite(SqliteEngine),
    Postgres(PostgresEngine),
}

impl Engine {
    fn name(&self) -> &'static str {
        match self {
            Engine::Tantivy(_) => "hiroba-search",
            Engine::Sqlite(_) => "SQLite FTS5 trigram",
            Engine::Postgres(_) => "PostgreSQL pg_trgm",
        }
    }

    async fn search(&mut self, text: &str) -> Result<Answer> {
        match self {
            Engine::Tantivy(e) => e.search(text),
            Engine::Sqlite(e) => e.search(text).await,
            Engine::Postgres(e) => e.search(text).await,
        }
    }
}

/// One engine's results beyond the summary: latencies by kind of query, the slowest queries,
/// and the relevance cases it missed.
struct Details {
    by_kind: BTreeMap<Kind, Latencies>,
    slowest: Vec<(Duration, String, u64)>,
    misses: Vec<(String, String)>,
}

async fn run(
    engine: &mut Engine,
    warmup: &[Query],
    timed: &[Query],
    cases: &[relevance::Case],
) -> Result<(EngineRun, Details)> {
    let name = engine.name();
    for q in warmup {
        engine.search(&q.text).await?;
    }
    let mut latencies = Latencies::default();
    let mut by_kind: BTreeMap<Kind, Latencies> = BTreeMap::new();
    let mut slowest = Vec::new();
    let mut totals = 0u64;
    let started = Instant::now();
    for (i, q) in timed.iter().enumerate() {
        let t = Instant::now();
        let answer = engine.search(&q.text).await?;
        let d = t.elapsed();
        latencies.push(d);
        by_kind.entry(q.kind).or_default().push(d);
        slowest.push((d, q.text.clone(), answer.total));
        totals += answer.total;
        if (i + 1) % 100 == 0 {
            eprintln!(
                "  {name}: {} of {} queries, {:.0} s",
                i + 1,
                timed.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    slowest.truncate(5);
    let mut hits = 0;
    let mut misses = Vec::new();
    for c in cases {
        let answer = engine.search(&c.query).await?;
        match answer.names.first() {
            Some(n) if *n == c.first => hits += 1,
            other => misses.push((c.query.clone(), other.cloned().unwrap_or_default())),
        }
    }
    let run = EngineRun {
        name,
        mean_total: totals as f64 / timed.len().max(1) as f64,
        latencies,
        relevance: (hits, cases.len()),
    };
    Ok((
        run,
        Details {
            by_kind,
            slowest,
            misses,
        },
    ))
}

fn print_load(name: &str, load: &Load) {
    println!(
        "{name:<22} {:>9} docs in {:>7.1} s ({:.1} s writing, {:.1} s indexes/commit/merge): \
         {:>7.0} orgs/s, {} on disk — {}",
        load.docs,
        load.total().as_secs_f64(),
        load.insert.as_secs_f64(),
        load.finish.as_secs_f64(),
        load.per_second(),
        mib(load.bytes_on_disk),
        load.note
    );
}

/// The memory a server has with the index open, measured in a fresh process.
#[derive(Debug)]
struct Probe {
    before: Memory,
    opened: Memory,
    searched: Memory,
}

fn probe_in_child(args: &Args, dir: &Path) -> Result<Probe> {
    let out = std::process::Command::new(std::env::current_exe()?)
        .arg("--probe-memory")
        .arg(dir)
        .args(["--orgs", &args.orgs.to_string()])
        .args(["--seed", &args.seed.to_string()])
        .args(["--queries", &args.queries.to_string()])
        .output()?;
    anyhow::ensure!(
        out.status.success(),
        "memory probe failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Vec<u64> = text
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    anyhow::ensure!(v.len() == 12, "memory probe printed {text}");
    let m = |i: usize| Memory {
        rss: v[i],
        anon: v[i + 1],
        file: v[i + 2],
        peak: v[i + 3],
    };
    Ok(Probe {
        before: m(0),
        opened: m(4),
        searched: m(8),
    })
}

/// The child's side of [`probe_in_child`].
fn probe(args: &Args, dir: &Path) -> Result<()> {
    let corpus = Corpus::new(args.seed, args.orgs);
    let mix = queries::mix(&corpus, args.seed, args.queries);
    drop(corpus);
    let before = Memory::now();
    let engine = TantivyEngine::open(dir)?;
    let opened = Memory::now();
    for q in &mix {
        engine.search(&q.text)?;
    }
    let searched = Memory::now();
    for m in [before, opened, searched] {
        print!("{} {} {} {} ", m.rss, m.anon, m.file, m.peak);
    }
    println!();
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let args = Args::parse();
    if let Some(dir) = &args.probe_memory {
        return probe(&args, dir);
    }
    let db = if args.skip_pg {
        None
    } else {
        Some(Database::create(&args.pg_url).await?)
    };
    let result = bench(&args, db.as_ref()).await;
    if let Some(db) = db {
        let name = db.name.clone();
        if args.keep_pg {
            println!("kept the PostgreSQL database {name}");
        } else if let Err(e) = db.drop().await {
            eprintln!("could not drop the benchmark database {name}: {e}");
        }
    }
    result
}

async fn bench(args: &Args, db: Option<&Database>) -> Result<()> {
    let temp = tempfile::Builder::new().prefix("hiroba-bench-").tempdir()?;
    let work = args
        .work_dir
        .clone()
        .unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(&work)?;
    let index_dir = work.join("tantivy");
    let sqlite_path = work.join("bench.sqlite3");
    if !args.reuse_index {
        let _ = std::fs::remove_dir_all(&index_dir);
    }
    let _ = std::fs::remove_file(&sqlite_path);

    heading("Search benchmark");
    println!("machine:  {}", report::machine());
    println!(
        "date:     {}",
        chrono::Local::now().format("%Y-%m-%d %H:%M %Z")
    );
    println!(
        "load:     {} (1, 5, 15 min averages)",
        report::load_average()
    );
    println!(
        "corpus:   {} organisations (seed {}), {} timed + {} warm-up queries per engine",
        args.orgs, args.seed, args.queries, args.warmup
    );

    let t = Instant::now();
    let corpus = Corpus::new(args.seed, args.orgs);
    let warmup = queries::mix(&corpus, args.seed ^ 0x5eed, args.warmup);
    let timed = if args.given.is_empty() {
        queries::mix(&corpus, args.seed, args.queries)
    } else {
        queries::given(&args.given, args.queries)
    };
    let cases = relevance::cases();
    println!(
        "          {} of them the demo's own (ids 1–{}); data and queries ready in {:.1} s",
        corpus.demo_len(),
        corpus.demo_len(),
        t.elapsed().as_secs_f64()
    );
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    for q in &timed {
        *kinds.entry(q.kind).or_default() += 1;
    }
    let mix: Vec<String> = kinds
        .iter()
        .map(|(k, n)| format!("{} {n}", k.label()))
        .collect();
    println!("mix:      {}", mix.join(", "));
    let examples: Vec<&str> = timed.iter().take(12).map(|q| q.text.as_str()).collect();
    println!("e.g.:     {}", examples.join(" / "));
    let short = timed
        .iter()
        .filter(|q| SqliteEngine::falls_back(&q.text))
        .count();

    heading("Loading");
    let reuse = args.reuse_index
        && tantivy_engine::segments(&index_dir) > 0
        && TantivyEngine::open(&index_dir)?.doc_count() == corpus.len() as u64;
    let need_docs = !reuse || !args.skip_sqlite || db.is_some();
    let t = Instant::now();
    let docs = if need_docs {
        corpus.documents()
    } else {
        Vec::new()
    };
    println!(
        "documents generated beforehand (not counted in the loads): {} in {:.1} s",
        docs.len(),
        t.elapsed().as_secs_f64()
    );
    let tantivy_load = if reuse {
        println!(
            "hiroba-search: reusing the index in {}",
            index_dir.display()
        );
        Load {
            docs: corpus.len(),
            bytes_on_disk: report::disk_usage(&index_dir),
            ..Load::default()
        }
    } else {
        let writer = WriterOptions {
            threads: args.threads,
            memory_bytes: args.writer_mib << 20,
        };
        let load = tantivy_engine::load(&docs, &index_dir, writer)?;
        print_load("hiroba-search", &load);
        println!(
            "{:<22} peak resident memory of this process so far: {} (documents and writer)",
            "",
            mib(Memory::now().peak)
        );
        load
    };
    if !args.skip_sqlite {
        let version = sqlite_engine::check(&sqlite_path).await?;
        let load = sqlite_engine::load(&docs, &sqlite_path).await?;
        print_load(&format!("SQLite {version}"), &load);
    }
    if let Some(db) = db {
        let version = postgres_engine::check(db).await?;
        let load = postgres_engine::load(&docs, db).await?;
        print_load(&format!("PostgreSQL {version}"), &load);
    }
    drop(docs);

    heading("Searching");
    println!(
        "each query: top 20 by relevance + counts by prefecture and by activity field over all \
         matches, timed end to end on the client"
    );
    let tantivy = TantivyEngine::open(&index_dir)?;
    println!(
        "hiroba-search: opened {} documents fresh from disk",
        tantivy.doc_count()
    );
    let mut engines = vec![Engine::Tantivy(Box::new(tantivy))];
    if !args.skip_sqlite {
        println!(
            "SQLite: {short} of {} timed queries have a word under 3 characters, which the trigram \
             index cannot serve: those words fall back to LIKE '%word%' (a full scan), as an \
             application would do",
            timed.len()
        );
        engines.push(Engine::Sqlite(SqliteEngine::open(&sqlite_path).await?));
    }
    if let Some(db) = db {
        engines.push(Engine::Postgres(PostgresEngine::open(db).await?));
    }
    let mut runs = Vec::new();
    let mut details = Vec::new();
    for engine in &mut engines {
        let (r, d) = run(engine, &warmup, &timed, &cases).await?;
        runs.push(r);
        details.push(d);
    }
    drop(engines);

    heading("Latency");
    report::print_latency_table(&runs);
    println!();
    report::print_ratios(&runs);

    heading("Latency by kind of query (p50 / p99)");
    print!("{:<16}", "kind");
    for r in &runs {
        print!(" {:>28}", r.name);
    }
    println!();
    for kind in Kind::ALL {
        if details.iter().all(|d| !d.by_kind.contains_key(&kind)) {
            continue;
        }
        print!("{:<16}", kind.label());
        for d in &details {
            let l = d.by_kind.get(&kind).cloned().unwrap_or_default();
            print!(
                " {:>28}",
                format!(
                    "{} / {} (n={})",
                    ms(l.percentile(50.0)),
                    ms(l.percentile(99.0)),
                    l.len()
                )
            );
        }
        println!();
    }
    for (r, d) in runs.iter().zip(&details) {
        let slow: Vec<String> = d
            .slowest
            .iter()
            .map(|(t, q, n)| format!("{q} ({}, {n} matches)", ms(*t)))
            .collect();
        println!("slowest on {}: {}", r.name, slow.join("; "));
    }

    heading("Relevance (first= cases of crates/search/tests/relevance.tsv, at full scale)");
    for (r, d) in runs.iter().zip(&details) {
        println!(
            "{:<22} {} of {} first results right",
            r.name, r.relevance.0, r.relevance.1
        );
        for (q, got) in &d.misses {
            println!(
                "    missed: {q} → {}",
                if got.is_empty() { "(nothing)" } else { got }
            );
        }
    }

    heading("Memory and size");
    match probe_in_child(args, &index_dir) {
        Ok(p) => {
            println!("fresh process (as a server starts):");
            println!(
                "  before opening the index:               {}",
                p.before.describe()
            );
            println!(
                "  after opening it:                       {}",
                p.opened.describe()
            );
            println!(
                "  after the {} timed queries:            {}",
                args.queries,
                p.searched.describe()
            );
        }
        Err(e) => println!("memory probe failed: {e:#}"),
    }
    println!(
        "index on disk: {} in {} segments",
        mib(tantivy_load.bytes_on_disk),
        tantivy_engine::segments(&index_dir)
    );

    println!("load average at the end: {}", report::load_average());

    heading("Against the targets");
    let ours = &runs[0];
    let p99 = ours.latencies.percentile(99.0);
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!(
        "p99 ≤ {} for top 20 with two facets: {} ({})",
        ms(TARGET_P99),
        ms(p99),
        verdict(p99 <= TARGET_P99)
    );
    for b in &runs[1..] {
        let x50 = b.latencies.percentile(50.0).as_secs_f64()
            / ours.latencies.percentile(50.0).as_secs_f64();
        let x99 = b.latencies.percentile(99.0).as_secs_f64() / p99.as_secs_f64();
        println!(
            "≥ {TARGET_SPEEDUP}× faster than {}: p50 {x50:.1}×, p99 {x99:.1}× ({})",
            b.name,
            verdict(x50 >= TARGET_SPEEDUP && x99 >= TARGET_SPEEDUP)
        );
        println!(
            "relevance ≥ {}: {} vs {} ({})",
            b.name,
            ours.relevance.0,
            b.relevance.0,
            verdict(ours.relevance.0 >= b.relevance.0)
        );
    }
    if !reuse {
        println!(
            "build ≥ {TARGET_BUILD_PER_SECOND:.0} orgs/s: {:.0} orgs/s ({})",
            tantivy_load.per_second(),
            verdict(tantivy_load.per_second() >= TARGET_BUILD_PER_SECOND)
        );
    }
    if args.work_dir.is_none() {
        temp.close().context("removing the work directory")?;
    }
    Ok(())
}
