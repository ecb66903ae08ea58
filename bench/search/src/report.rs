//! What is measured and how it is printed: loads, latencies, relevance, memory and sizes.

use std::path::Path;
use std::time::Duration;

/// What one search answered, reduced to what the report compares.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    /// Documents matching, in all.
    pub total: u64,
    /// Names of the results shown (at most 20), best first.
    pub names: Vec<String>,
}

/// One engine's bulk load.
#[derive(Debug, Clone, Default)]
pub struct Load {
    pub docs: usize,
    /// Writing rows and documents, excluding generating them.
    pub insert: Duration,
    /// Indexes built, commits and merges after the rows are in.
    pub finish: Duration,
    pub bytes_on_disk: u64,
    pub note: String,
}

impl Load {
    pub fn total(&self) -> Duration {
        self.insert + self.finish
    }

    pub fn per_second(&self) -> f64 {
        self.docs as f64 / self.total().as_secs_f64().max(1e-9)
    }
}

/// Latencies of the timed queries, end to end as the client sees them.
#[derive(Debug, Clone, Default)]
pub struct Latencies(Vec<Duration>);

impl Latencies {
    pub fn push(&mut self, d: Duration) {
        self.0.push(d);
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Nearest-rank percentile.
    pub fn percentile(&self, p: f64) -> Duration {
        let mut v = self.0.clone();
        v.sort_unstable();
        if v.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
        v[rank.clamp(1, v.len()) - 1]
    }

    pub fn mean(&self) -> Duration {
        if self.0.is_empty() {
            return Duration::ZERO;
        }
        self.0.iter().sum::<Duration>() / self.0.len() as u32
    }

    pub fn max(&self) -> Duration {
        self.0.iter().max().copied().unwrap_or_default()
    }
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

pub fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1 << 20) as f64)
}

/// The process's memory from /proc/self/status, in bytes: (VmRSS, RssAnon, RssFile, VmHWM).
#[derive(Debug, Clone, Copy, Default)]
pub struct Memory {
    pub rss: u64,
    pub anon: u64,
    pub file: u64,
    pub peak: u64,
}

impl Memory {
    pub fn now() -> Memory {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|rest| {
                    rest.trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
                .unwrap_or(0)
                * 1024
        };
        Memory {
            rss: field("VmRSS:"),
            anon: field("RssAnon:"),
            file: field("RssFile:"),
            peak: field("VmHWM:"),
        }
    }

    pub fn describe(&self) -> String {
        format!(
            "VmRSS {} (anonymous {}, file-backed {})",
            mib(self.rss),
            mib(self.anon),
            mib(self.file)
        )
    }
}

/// Bytes of every file under `path`.
pub fn disk_usage(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| disk_usage(&e.path()))
                .sum()
        })
        .unwrap_or(0)
}

/// The machine, for the record.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
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

/// The 1, 5 and 15-minute load averages: other work on the machine shows in the latencies.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

pub fn heading(title: &str) {
    println!("\n== {title} ==");
}

/// One engine's timed run, for the summary table.
pub struct EngineRun {
    pub name: &'static str,
    pub latencies: Latencies,
    /// Mean of the matching documents per query (the engines read text differently).
    pub mean_total: f64,
    pub relevance: (usize, usize),
}

pub fn print_latency_table(runs: &[EngineRun]) {
    println!(
        "{:<22} {:>8} {:>11} {:>11} {:>11} {:>11} {:>14}",
        "engine", "queries", "p50", "p99", "mean", "max", "mean matches"
    );
    for r in runs {
        let l = &r.latencies;
        println!(
            "{:<22} {:>8} {:>11} {:>11} {:>11} {:>11} {:>14.0}",
            r.name,
            l.len(),
            ms(l.percentile(50.0)),
            ms(l.percentile(99.0)),
            ms(l.mean()),
            ms(l.max()),
            r.mean_total
        );
    }
}

/// Each baseline's latency divided by the first engine's (how many times faster it is).
pub fn print_ratios(runs: &[EngineRun]) {
    let Some((ours, baselines)) = runs.split_first() else {
        return;
    };
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
    for b in baselines {
        println!(
            "{} ÷ {}: p50 {:.1}×, p99 {:.1}×, mean {:.1}×",
            b.name,
            ours.name,
            ratio(
                b.latencies.percentile(50.0),
                ours.latencies.percentile(50.0)
            ),
            ratio(
                b.latencies.percentile(99.0),
                ours.latencies.percentile(99.0)
            ),
            ratio(b.latencies.mean(), ours.latencies.mean()),
        );
    }
}
