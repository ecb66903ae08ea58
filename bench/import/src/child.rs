//! Running a command as a child process, timed, with its resident memory sampled from
//! /proc/<pid>/status while it runs (the peak from VmHWM, which the kernel keeps exactly).

use anyhow::{Context, Result, bail};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Run {
    pub elapsed: Duration,
    /// Peak resident memory (VmHWM) in KiB, as last read before the process ended.
    pub peak_kib: u64,
    /// (seconds since start, VmRSS in KiB), every `SAMPLE`.
    pub samples: Vec<(f64, u64)>,
    pub stdout: String,
    pub stderr: String,
}

const SAMPLE: Duration = Duration::from_millis(200);

fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs `cmd` to its end; fails if it exits unsuccessfully (with its stderr in the error).
pub fn run(mut cmd: Command, stdin: Option<std::fs::File>) -> Result<Run> {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    match stdin {
        Some(f) => cmd.stdin(f),
        None => cmd.stdin(Stdio::null()),
    };
    let started = Instant::now();
    let mut child = cmd.spawn().with_context(|| format!("starting {cmd:?}"))?;
    let pid = child.id();
    let mut out = child.stdout.take().context("stdout")?;
    let mut err = child.stderr.take().context("stderr")?;
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut samples = Vec::new();
    let mut peak_kib = 0;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if let Some(rss) = status_kib(pid, "VmRSS:") {
            samples.push((started.elapsed().as_secs_f64(), rss));
        }
        if let Some(hwm) = status_kib(pid, "VmHWM:") {
            peak_kib = peak_kib.max(hwm);
        }
        std::thread::sleep(SAMPLE);
    };
    let elapsed = started.elapsed();
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    if !status.success() {
        bail!("{cmd:?} failed ({status}):\n{stderr}\n{stdout}");
    }
    Ok(Run {
        elapsed,
        peak_kib,
        samples,
        stdout,
        stderr,
    })
}

impl Run {
    /// Resident memory when `fraction` of the run's time had passed (the sample nearest it).
    pub fn rss_at(&self, fraction: f64) -> Option<u64> {
        let t = self.elapsed.as_secs_f64() * fraction;
        self.samples
            .iter()
            .min_by(|a, b| (a.0 - t).abs().total_cmp(&(b.0 - t).abs()))
            .map(|s| s.1)
    }
}
