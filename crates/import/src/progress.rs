//! A progress line on stderr: rewritten in place on a terminal, a line every ten seconds
//! otherwise (logs, CI).

use hiroba_store::imports::RunCounts;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub(crate) struct Progress {
    enabled: bool,
    tty: bool,
    started: Instant,
    last: Instant,
    printed: bool,
}

impl Progress {
    pub fn new(enabled: bool) -> Progress {
        let now = Instant::now();
        Progress {
            enabled,
            tty: std::io::stderr().is_terminal(),
            started: now,
            last: now,
            printed: false,
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Called for every row; looks at the clock every 4,096 rows only.
    pub fn tick(&mut self, counts: &RunCounts) {
        if !self.enabled || !counts.read.is_multiple_of(4096) {
            return;
        }
        let every = if self.tty {
            Duration::from_millis(250)
        } else {
            Duration::from_secs(10)
        };
        if self.last.elapsed() >= every {
            self.last = Instant::now();
            self.print(counts);
        }
    }

    fn print(&mut self, c: &RunCounts) {
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let line = format!(
            "{} rows read ({:.0} rows/s): {} created, {} updated, {} unchanged, {} skipped, {} rejected",
            c.read,
            c.read as f64 / secs,
            c.created,
            c.updated + c.closed + c.deleted,
            c.unchanged,
            c.skipped,
            c.rejected
        );
        let mut err = std::io::stderr().lock();
        let _ = if self.tty {
            write!(err, "\r\x1b[2K{line}")
        } else {
            writeln!(err, "{line}")
        };
        let _ = err.flush();
        self.printed = true;
    }

    /// Ends the line on a terminal.
    pub fn finish(&mut self) {
        if self.enabled && self.tty && self.printed {
            eprintln!();
        }
    }
}
