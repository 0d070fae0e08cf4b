//! A progress line for long scans: drawn on stderr only when stderr is a terminal and the
//! scan has already taken more than a second, so quick scans and pipelines stay quiet.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a scan runs before the progress line appears.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// Counts scanned files and bytes; shows them once the scan is slow enough to wonder.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// A progress display, active only if `wanted` and stderr is a terminal.
    #[must_use]
    pub fn new(wanted: bool) -> Self {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} scanning: {pos} files, {msg} ({elapsed})")
            {
                bar.set_style(style);
            }
            bar
        });
        Self {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    /// Records one scanned file; `total_bytes` is the running byte count.
    pub fn file_done(&self, total_bytes: u64) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        bar.set_message(crate::output::format_bytes(total_bytes));
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= QUIET_FOR
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    /// Removes the line before results are printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
