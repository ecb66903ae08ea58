//! The import benchmark: a seeded national NTA file (5 million rows by default) imported by
//! `hiroba import nta` and, in the same run, by the sqlite3 shell's `.import` into an unindexed
//! table (the practical upper bound on SQLite), and into PostgreSQL (with `COPY` of the same
//! file as its bound); then a national NPO list (60,000 rows) by `hiroba import npo`. Prints
//! rows/s, ratios, resident memory over the run and the targets. Run it with
//! `bench/import.sh` (see docs/benchmarks.md).

mod child;
mod npo_file;
mod nta_file;
mod places;

use anyhow::{Context, Result, bail};
use child::Run;
use clap::Parser;
use sqlx::{Connection, Executor, PgConnection};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(
    about = "Import benchmark: `hiroba import nta` against the sqlite3 shell's .import of the same \
             file, on SQLite and PostgreSQL, and `hiroba import npo`"
)]
struct Args {
    /// Rows of the generated NTA file.
    #[arg(long, default_value_t = 5_000_000)]
    rows: u64,
    /// Rows of the generated NPO list.
    #[arg(long, default_value_t = 60_000)]
    npo_rows: u64,
    /// Seed of the generated files.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// PostgreSQL server; the benchmark creates and drops its own databases there
    /// (`postgres://postgres@localhost/postgres?host=/var/run/postgresql` for the Unix socket).
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    pg_url: String,
    /// Where the generated files and the SQLite databases go (default: hiroba-bench-import in
    /// the temporary directory). The files are kept, the databases removed afterwards.
    #[arg(long)]
    work_dir: Option<PathBuf>,
    /// Use the files already generated in the work directory for these rows and seed.
    #[arg(long)]
    reuse: bool,
    /// Leave PostgreSQL out.
    #[arg(long)]
    skip_pg: bool,
    /// Leave the NPO list out.
    #[arg(long)]
    skip_npo: bool,
    /// Keep the SQLite databases and PostgreSQL databases afterwards (and print where).
    #[arg(long)]
    keep: bool,
    /// The hiroba binary to run (default: next to this one; bench/import.sh builds it).
    #[arg(long)]
    hiroba: Option<PathBuf>,
    /// The SQLite command-line shell.
    #[arg(long, default_value = "sqlite3")]
    sqlite3: PathBuf,
}

/// Empties a database the benchmark created, so the next import starts fresh as well.
async fn admin_reset(url: &str) -> Result<()> {
    let mut conn = PgConnection::connect(url).await?;
    conn.execute(sqlx::raw_sql(
        "DROP SCHEMA public CASCADE; CREATE SCHEMA public",
    ))
    .await?;
    conn.close().await?;
    Ok(())
}

/// The targets from the issue.
const TARGET_RATIO: f64 = 0.5;
const TARGET_NPO: Duration = Duration::from_secs(5);

/// Every NTA 法人種別, so every row of the file is written (the default is 399 only).
const ALL_KINDS: [u16; 10] = [101, 201, 301, 302, 303, 304, 305, 399, 401, 499];

struct Line {
    what: String,
    rows: u64,
    run: Option<Run>,
    elapsed: Duration,
    on_disk: Option<u64>,
    note: String,
}

impl Line {
    fn per_second(&self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map(|kb| format!("{:.0} GiB", kb as f64 / (1 << 20) as f64))
        .unwrap_or_default();
    format!("{model}, {cores} cores, {mem} RAM")
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Bytes of a SQLite database with its WAL.
fn sqlite_size(db: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .filter_map(|s| {
            let mut p = db.as_os_str().to_owned();
            p.push(s);
            std::fs::metadata(PathBuf::from(p)).ok()
        })
        .map(|m| m.len())
        .sum()
}

fn remove_sqlite(db: &Path) {
    for s in ["", "-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(s);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A count from hiroba's summary line ("read 5000000, created …").
fn count(summary: &str, word: &str) -> Option<u64> {
    let start = summary.find(&format!("{word} "))? + word.len() + 1;
    summary[start..]
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// The server URL with another database name (any `?…` parameters kept, e.g. `host=` for a
/// Unix socket).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    match base.rfind('/') {
        Some(i) if i > "postgres://".len() => format!("{}/{name}{query}", &base[..i]),
        _ => format!("{base}/{name}{query}"),
    }
}

struct Paths {
    dir: PathBuf,
    nta: PathBuf,
    npo: PathBuf,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let args = Args::parse();
    let hiroba = match &args.hiroba {
        Some(p) => p.clone(),
        None => std::env::current_exe()?
            .parent()
            .context("no directory")?
            .join("hiroba"),
    };
    if !hiroba.exists() {
        bail!(
            "{} not found: build it with `cargo build --release -p hiroba` (bench/import.sh does)",
            hiroba.display()
        );
    }
    let dir = args
        .work_dir
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("hiroba-bench-import"));
    std::fs::create_dir_all(&dir)?;
    let dir = dir.canonicalize()?;
    let paths = Paths {
        nta: dir.join(format!("nta-{}-{}.csv", args.rows, args.seed)),
        npo: dir.join(format!("npo-{}-{}.csv", args.npo_rows, args.seed)),
        dir,
    };

    println!("== Import benchmark ==");
    println!("machine:  {}", machine());
    println!(
        "date:     {}",
        chrono::Local::now().format("%Y-%m-%d %H:%M %:z")
    );
    println!("load:     {} (1, 5, 15 min averages)", load_average());
    println!("hiroba:   {}", hiroba.display());
    let sqlite3_version = Command::new(&args.sqlite3)
        .arg("--version")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .unwrap_or_default();
    println!("sqlite3:  {} {sqlite3_version}", args.sqlite3.display());

    // The files.
    let started = Instant::now();
    if args.reuse && paths.nta.exists() {
        println!(
            "NTA file: {} rows, {:.0} MiB, seed {} (reused: {})",
            args.rows,
            std::fs::metadata(&paths.nta)?.len() as f64 / (1 << 20) as f64,
            args.seed,
            paths.nta.display()
        );
    } else {
        let bytes = nta_file::generate(&paths.nta, args.rows, args.seed)?;
        println!(
            "NTA file: {} rows, {:.0} MiB, seed {}, generated in {:.1} s: {}",
            args.rows,
            bytes as f64 / (1 << 20) as f64,
            args.seed,
            started.elapsed().as_secs_f64(),
            paths.nta.display()
        );
    }
    if !args.skip_npo {
        if !(args.reuse && paths.npo.exists()) {
            npo_file::generate(&paths.npo, args.npo_rows, args.seed)?;
        }
        println!(
            "NPO file: {} rows, {:.1} MiB, CP932: {}",
            args.npo_rows,
            std::fs::metadata(&paths.npo)?.len() as f64 / (1 << 20) as f64,
            paths.npo.display()
        );
    }
    // Read the files once so neither contender pays for the first read from disk.
    for p in [&paths.nta, &paths.npo] {
        if p.exists() {
            std::io::copy(&mut std::fs::File::open(p)?, &mut std::io::sink())?;
        }
    }

    let mut lines: Vec<Line> = Vec::new();
    println!("\n== NTA file into SQLite ==");
    let baseline = sqlite3_import(&args, &paths)?;
    show(&baseline, None);
    let base_rate = baseline.per_second();
    // The command as operators run it (法人種別 399, the non-profit kinds, by default), then
    // with every kind asked for, so that every row the rules accept is written.
    lines.push(baseline);
    for every_kind in [false, true] {
        let line = hiroba_import(
            &hiroba,
            &paths,
            args.keep,
            nta_job(&args, &paths, None, every_kind),
        )?;
        show(&line, Some(base_rate));
        lines.push(line);
    }

    // The NPO list on SQLite before PostgreSQL, so that a long run stopped during the
    // PostgreSQL part still has every SQLite figure.
    let mut npo_lines = Vec::new();
    if !args.skip_npo {
        println!("\n== NPO list into SQLite ==");
        let line = hiroba_import(
            &hiroba,
            &paths,
            args.keep,
            Job {
                what: "npo",
                file: &paths.npo,
                rows: args.npo_rows,
                pg: None,
                every_kind: false,
            },
        )?;
        show(&line, None);
        npo_lines.push(line);
    }

    let mut pg_lines = Vec::new();
    if !args.skip_pg {
        println!("\n== PostgreSQL ==");
        let name = format!("hiroba_bench_import_{}", std::process::id());
        let mut admin = PgConnection::connect(&args.pg_url)
            .await
            .with_context(|| format!("connecting to {}", args.pg_url))?;
        let version: String = sqlx::query_scalar("SHOW server_version")
            .fetch_one(&mut admin)
            .await?;
        println!("PostgreSQL {version} at {}", args.pg_url);
        let mut databases = vec![name.clone()];
        if !args.skip_npo {
            databases.push(format!("{name}_npo"));
        }
        for db in &databases {
            admin
                .execute(sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "CREATE DATABASE {db} ENCODING 'UTF8' TEMPLATE template0"
                ))))
                .await?;
        }
        let result = async {
            let url = with_database(&args.pg_url, &name);
            let copy = pg_copy(&url, &paths.nta, args.rows).await?;
            show(&copy, None);
            let copy_rate = copy.per_second();
            pg_lines.push(copy);
            for every_kind in [false, true] {
                if every_kind {
                    admin_reset(&url).await?;
                }
                let line = hiroba_import(
                    &hiroba,
                    &paths,
                    args.keep,
                    nta_job(&args, &paths, Some(&url), every_kind),
                )?;
                show(&line, Some(copy_rate));
                pg_lines.push(line);
            }
            if let Some(npo_db) = databases.get(1) {
                let url = with_database(&args.pg_url, npo_db);
                let line = hiroba_import(
                    &hiroba,
                    &paths,
                    args.keep,
                    Job {
                        what: "npo",
                        file: &paths.npo,
                        rows: args.npo_rows,
                        pg: Some(&url),
                        every_kind: false,
                    },
                )?;
                show(&line, None);
                npo_lines.push(line);
            }
            anyhow::Ok(())
        }
        .await;
        if args.keep {
            println!("kept PostgreSQL databases: {}", databases.join(", "));
        } else {
            for db in &databases {
                admin
                    .execute(sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {db}"
                    ))))
                    .await?;
            }
        }
        admin.close().await?;
        result?;
    }

    println!("\n== Summary ==");
    println!(
        "{:<42} {:>9} {:>9} {:>10} {:>8} {:>9} {:>26} {:>9}",
        "", "rows", "seconds", "rows/s", "ratio", "peak RSS", "RSS at 10% / 50% / 100%", "on disk"
    );
    let base = lines[0].per_second();
    for l in &lines {
        summary_line(l, base);
    }
    if let Some(b) = pg_lines.first().map(Line::per_second) {
        for l in &pg_lines {
            summary_line(l, b);
        }
    }
    for l in &npo_lines {
        summary_line(l, 0.0);
    }
    println!(
        "ratio: rows/s against the line above it that has ratio 1.00 (sqlite3 .import, PostgreSQL COPY)"
    );

    println!("\n== Against the targets ==");
    for l in &lines[1..] {
        let ratio = l.per_second() / base;
        println!(
            "{} ≥ {:.0}% of sqlite3 .import: {:.0}% ({:.0} vs {:.0} rows/s) ({})",
            l.what,
            TARGET_RATIO * 100.0,
            ratio * 100.0,
            l.per_second(),
            base,
            met(ratio >= TARGET_RATIO)
        );
    }
    for l in &lines[1..] {
        let Some(run) = &l.run else { continue };
        let at = |f| run.rss_at(f).unwrap_or(0);
        // Flat: the end of the run holds no more than the first tenth did, give or take.
        let flat = at(1.0) <= at(0.1) + at(0.1) / 4 + 16 * 1024;
        println!(
            "flat memory, {}: VmRSS {} at 10%, {} at 50%, {} at 100% of the run; peak {} ({})",
            l.what,
            mib(at(0.1)),
            mib(at(0.5)),
            mib(at(1.0)),
            mib(run.peak_kib),
            met(flat)
        );
    }
    for pg in pg_lines.iter().skip(1) {
        println!(
            "{} (reported, no target): {:.0} rows/s, {:.0}% of COPY",
            pg.what,
            pg.per_second(),
            pg.per_second() / pg_lines[0].per_second() * 100.0
        );
    }
    for l in &npo_lines {
        println!(
            "{} rows in < {:.0} s: {:.1} s ({})",
            l.what,
            TARGET_NPO.as_secs_f64(),
            l.elapsed.as_secs_f64(),
            met(l.elapsed < TARGET_NPO)
        );
    }
    println!("load average at the end: {}", load_average());
    Ok(())
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT met" }
}

fn show(l: &Line, base: Option<f64>) {
    let ratio = base.map_or(String::new(), |b| {
        format!(", {:.2}× the baseline", l.per_second() / b)
    });
    let mem = l
        .run
        .as_ref()
        .map_or(String::new(), |r| format!(", peak RSS {}", mib(r.peak_kib)));
    println!(
        "{:<42} {} rows in {:.1} s: {:.0} rows/s{ratio}{mem}{}",
        l.what,
        l.rows,
        l.elapsed.as_secs_f64(),
        l.per_second(),
        if l.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", l.note)
        }
    );
}

fn summary_line(l: &Line, base: f64) {
    let (peak, over) = match &l.run {
        Some(r) => {
            let at = |f| r.rss_at(f).map_or("-".to_owned(), mib);
            (
                mib(r.peak_kib),
                format!("{} / {} / {}", at(0.1), at(0.5), at(1.0)),
            )
        }
        None => ("-".into(), "-".into()),
    };
    println!(
        "{:<42} {:>9} {:>9.1} {:>10.0} {:>8} {:>9} {:>26} {:>9}",
        l.what,
        l.rows,
        l.elapsed.as_secs_f64(),
        l.per_second(),
        if base > 0.0 {
            format!("{:.2}", l.per_second() / base)
        } else {
            "-".into()
        },
        peak,
        over,
        l.on_disk.map_or("-".into(), |b| mib(b / 1024)),
    );
}

/// The baseline: the sqlite3 shell's CSV import into a table of 30 TEXT columns with no index
/// (created first, so the first row is data, not a header), with the shell's defaults.
fn sqlite3_import(args: &Args, paths: &Paths) -> Result<Line> {
    let db = paths.dir.join("sqlite3-import.db");
    remove_sqlite(&db);
    let columns: Vec<String> = (1..=30).map(|i| format!("c{i} TEXT")).collect();
    let script = paths.dir.join("sqlite3-import.sql");
    std::fs::write(
        &script,
        format!(
            "CREATE TABLE nta_raw({});\n.mode csv\n.import '{}' nta_raw\n",
            columns.join(", "),
            paths.nta.display()
        ),
    )?;
    let mut cmd = Command::new(&args.sqlite3);
    cmd.arg(&db);
    let run = child::run(cmd, Some(std::fs::File::open(&script)?))?;
    if !run.stderr.trim().is_empty() {
        bail!("sqlite3 .import complained:\n{}", run.stderr);
    }
    let n = Command::new(&args.sqlite3)
        .arg(&db)
        .arg("SELECT count(*) FROM nta_raw")
        .output()?;
    let n: u64 = String::from_utf8_lossy(&n.stdout).trim().parse()?;
    if n != args.rows {
        bail!("sqlite3 imported {n} rows, not {}", args.rows);
    }
    let on_disk = sqlite_size(&db);
    if !args.keep {
        remove_sqlite(&db);
    }
    Ok(Line {
        what: "sqlite3 .import (no index)".into(),
        rows: n,
        elapsed: run.elapsed,
        run: Some(run),
        on_disk: Some(on_disk),
        note: String::new(),
    })
}

/// PostgreSQL's bound: `COPY … FROM STDIN (FORMAT csv)` of the file into an unindexed table,
/// sent from this process; the table is dropped afterwards.
async fn pg_copy(url: &str, file: &Path, rows: u64) -> Result<Line> {
    use std::io::Read;
    let mut conn = PgConnection::connect(url).await?;
    let columns: Vec<String> = (1..=30).map(|i| format!("c{i} TEXT")).collect();
    conn.execute(sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE TABLE nta_raw({})",
        columns.join(", ")
    ))))
    .await?;
    let started = Instant::now();
    let mut copy = conn
        .copy_in_raw("COPY nta_raw FROM STDIN (FORMAT csv)")
        .await?;
    let mut f = std::fs::File::open(file)?;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        copy.send(&buf[..n]).await?;
    }
    let copied = copy.finish().await?;
    let elapsed = started.elapsed();
    let on_disk: i64 = sqlx::query_scalar("SELECT pg_total_relation_size('nta_raw')")
        .fetch_one(&mut conn)
        .await?;
    conn.execute("DROP TABLE nta_raw").await?;
    conn.close().await?;
    if copied != rows {
        bail!("COPY wrote {copied} rows, not {rows}");
    }
    Ok(Line {
        what: "PostgreSQL COPY (no index)".into(),
        rows,
        run: None,
        elapsed,
        on_disk: Some(on_disk as u64),
        note: "from this process".into(),
    })
}

/// `hiroba import nta|npo FILE` as a user runs it: the release binary against a fresh
/// database (SQLite in the work directory, or the PostgreSQL URL given), migrations included.
/// One `hiroba import` to time.
struct Job<'a> {
    /// "nta" or "npo".
    what: &'a str,
    file: &'a Path,
    rows: u64,
    /// A PostgreSQL URL, or SQLite in the work directory.
    pg: Option<&'a str>,
    /// Every 法人種別 rather than the default (NTA only).
    every_kind: bool,
}

/// The NTA file's import, on SQLite (`pg` None) or PostgreSQL.
fn nta_job<'a>(args: &Args, paths: &'a Paths, pg: Option<&'a str>, every_kind: bool) -> Job<'a> {
    Job {
        what: "nta",
        file: &paths.nta,
        rows: args.rows,
        pg,
        every_kind,
    }
}

fn hiroba_import(hiroba: &Path, paths: &Paths, keep: bool, job: Job) -> Result<Line> {
    let Job {
        what,
        file,
        rows,
        pg,
        every_kind,
    } = job;
    let db = paths.dir.join(format!("hiroba-{what}.db"));
    let url = match pg {
        Some(url) => url.to_owned(),
        None => {
            remove_sqlite(&db);
            format!("sqlite://{}", db.display())
        }
    };
    let data = paths.dir.join("hiroba-data");
    std::fs::create_dir_all(&data)?;
    let report = paths.dir.join(format!("{what}.rejected.csv"));
    let mut cmd = Command::new(hiroba);
    cmd.env_remove("HIROBA_CONFIG")
        .current_dir(&paths.dir)
        .arg("--database-url")
        .arg(&url)
        .arg("--data-dir")
        .arg(&data)
        .args(["--log", "warn", "import", what])
        .arg(file)
        .arg("--report")
        .arg(&report);
    if every_kind {
        for k in ALL_KINDS {
            cmd.args(["--kind", &k.to_string()]);
        }
    }
    let run = child::run(cmd, None)?;
    let summary = run.stdout.lines().next().unwrap_or("").to_owned();
    let read = count(&summary, "read").unwrap_or(0);
    let created = count(&summary, "created").unwrap_or(0);
    let rejected = count(&summary, "rejected").unwrap_or(0);
    if read != rows {
        bail!(
            "hiroba read {read} rows, not {rows}:\n{}\n{}",
            run.stdout,
            run.stderr
        );
    }
    let on_disk = pg.is_none().then(|| sqlite_size(&db));
    if pg.is_none() && !keep {
        remove_sqlite(&db);
    }
    let engine = if pg.is_some() { "PostgreSQL" } else { "SQLite" };
    Ok(Line {
        what: format!(
            "hiroba import {what}{} ({engine})",
            if every_kind { " every kind" } else { "" }
        ),
        rows,
        elapsed: run.elapsed,
        run: Some(run),
        on_disk,
        note: format!(
            "created {created}, rejected {rejected}; hiroba says: {}",
            summary.rsplit("; ").next().unwrap_or("")
        ),
    })
}
