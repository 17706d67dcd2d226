//! What the commands are asked to do and what a run reports: the public types of the
//! library's three commands.

use crate::diagnostic::{Diagnostic, Severity};
use crate::search::Summary as SearchSummary;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

/// What `rosetta build` is asked to do.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site folder (holds `content/` and `rosetta.yaml`).
    pub site: PathBuf,
    /// Output folder; default `SITE/public`.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` of rosetta.yaml.
    pub base_url: Option<String>,
    /// Build the search index (`--no-search` turns it off for one build).
    pub search: bool,
    /// Build only these locales (a shard; all when empty).
    pub locales: Vec<String>,
    /// Draw a progress bar.
    pub progress: bool,
    /// Read downloaded xref maps from the cache only (`--offline`).
    pub offline: bool,
}

/// What `rosetta check` is asked to do.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// The site folder (holds `content/` and `rosetta.yaml`).
    pub site: PathBuf,
    /// Report only these locales (all when empty).
    pub locales: Vec<String>,
    /// Draw a progress bar.
    pub progress: bool,
    /// Read downloaded xref maps from the cache only (`--offline`).
    pub offline: bool,
}

/// What `rosetta status` is asked to do.
#[derive(Clone, Debug)]
pub struct StatusOptions {
    /// The site folder (holds `content/` and `rosetta.yaml`).
    pub site: PathBuf,
    /// Report only these locales (all translated locales when empty).
    pub locales: Vec<String>,
    /// How to print the status.
    pub format: StatusFormat,
}

/// How `rosetta status` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    /// A table and lists for a terminal.
    Human,
    /// One JSON document with every translated page.
    Json,
    /// GitHub-flavoured Markdown for a pull-request comment or a CI job summary.
    Markdown,
}

/// The outcome of a run: findings (sorted, merged, filtered) and figures for the summary.
#[derive(Debug)]
pub struct Report {
    /// The findings, sorted, merged and filtered by the policy.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages per locale.
    pub pages: BTreeMap<String, usize>,
    /// Wall time of the whole run.
    pub elapsed: Duration,
    /// What the search indexes hold (a build with search only).
    pub search: Option<SearchSummary>,
    /// Remarks for the summary (e.g. no `base_url`).
    pub notes: Vec<String>,
    /// Wall time of each stage, in order (`-v` prints them).
    pub stages: Vec<(&'static str, Duration)>,
}

impl Report {
    /// Whether any reported finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}
