//! A progress bar on a terminal; nothing at all otherwise. And the time each stage of a
//! run takes (`-v` prints them).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// Whether progress should be drawn: stderr is a terminal and `CI` is not set.
pub fn wanted() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Draws progress bars when enabled.
pub(crate) struct Progress {
    enabled: bool,
}

/// One bar; does nothing when progress is off.
pub(crate) struct Bar(Option<ProgressBar>);

impl Progress {
    /// Progress drawn when `enabled`.
    pub(crate) fn new(enabled: bool) -> Self {
        Progress { enabled }
    }

    /// A bar for `total` steps of the stage `label`.
    pub(crate) fn bar(&self, label: &'static str, total: usize) -> Bar {
        if !self.enabled {
            return Bar(None);
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} pages")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(label);
        Bar(Some(bar))
    }
}

impl Bar {
    /// One step done.
    pub(crate) fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Removes the bar.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Records how long each stage of a run takes.
pub(crate) struct Stages {
    last: Instant,
    pub(crate) done: Vec<(&'static str, Duration)>,
}

impl Stages {
    /// Starts timing the first stage.
    pub(crate) fn start() -> Self {
        Stages {
            last: Instant::now(),
            done: Vec::new(),
        }
    }

    /// Closes the stage `name`, which ran since the previous one ended.
    pub(crate) fn end(&mut self, name: &'static str) {
        let now = Instant::now();
        self.done.push((name, now - self.last));
        self.last = now;
    }
}
