//! rosetta: a static site generator and checker for translated documentation written in
//! DocFX-flavoured Markdown.
//!
//! The pipeline runs in one direction (see ARCHITECTURE.md):
//! discover → load → analyse (includes, one pulldown-cmark pass per page) → check → render
//! → index (beside render) → commit. [`build`] runs all of it; [`check`] stops before
//! rendering and writes nothing.

pub mod check;
pub mod dfm;
pub mod diagnostic;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod page;
pub mod progress;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod theme;

use diagnostic::{Diagnostic, Policy, Severity};
use page::Page;
use progress::Progress;
use rayon::prelude::*;
use site::Site;
use site::config::Config;
use source::SourceSet;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A failure that stops a run (exit code 2): bad usage or configuration, or output I/O.
/// Bad *content* is never an `Error`: it is a [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Missing site, refused output folder and the like.
    Usage(String),
    /// A configuration file that cannot be used.
    Config {
        file: String,
        line: u32,
        column: u32,
        message: String,
    },
    /// Reading the site's structure or writing the output failed.
    Io(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Usage(m) | Error::Io(m) => f.write_str(m),
            Error::Config {
                file,
                line,
                column,
                message,
            } => write!(f, "{file}:{line}:{column}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// What `rosetta build` is asked to do.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub site: PathBuf,
    /// Output folder; default `SITE/public`.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub search: bool,
    pub progress: bool,
}

/// What `rosetta check` is asked to do.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    pub site: PathBuf,
    /// Report only these locales (all when empty).
    pub locales: Vec<String>,
    pub progress: bool,
}

/// The outcome of a run: findings (sorted, merged, filtered) and figures for the summary.
#[derive(Debug)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Pages per locale.
    pub pages: BTreeMap<String, usize>,
    pub elapsed: Duration,
    /// What the search indexes hold (a build with search only).
    pub search: Option<search::Summary>,
    /// Remarks for the summary (e.g. no `base_url`).
    pub notes: Vec<String>,
    /// Wall time of each stage, in order (`-v` prints them).
    pub stages: Vec<(&'static str, Duration)>,
}

/// Records how long each stage of a run takes.
struct Stages {
    last: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Stages {
    fn start() -> Self {
        Stages {
            last: Instant::now(),
            done: Vec::new(),
        }
    }

    /// Closes the stage `name`, which ran since the previous one ended.
    fn end(&mut self, name: &'static str) {
        let now = Instant::now();
        self.done.push((name, now - self.last));
        self.last = now;
    }
}

impl Report {
    /// Whether any reported finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// The pages of a site after the analyse stage.
struct Analysed {
    site: Site,
    sources: Vec<SourceSet>,
    pages: Vec<check::LocalePages>,
    tocs: Vec<check::LocaleTocs>,
    findings: Vec<Diagnostic>,
}

/// Discover, load and analyse every page of every locale; `render` also produces the body
/// HTML of each page.
fn analyse_site(
    site: Site,
    mut findings: Vec<Diagnostic>,
    render: bool,
    progress: &Progress,
) -> Analysed {
    let total = site.locales.iter().map(|l| l.pages.len()).sum();
    let bar = progress.bar(if render { "building" } else { "checking" }, total);
    let mut sources = Vec::with_capacity(site.locales.len());
    let mut pages = Vec::with_capacity(site.locales.len());
    let mut tocs = Vec::with_capacity(site.locales.len());
    for locale in &site.locales {
        let (set, load_findings) = SourceSet::load(locale);
        findings.extend(load_findings);
        let (locale_tocs, toc_findings) = site::toc::load(locale);
        findings.extend(toc_findings);
        tocs.push(locale_tocs);
        let strings = i18n::Strings::load(&site.root, &locale.name, &mut findings);
        let labels = strings.alert_labels();
        let ctx = markdown::Context {
            locale,
            sources: &set,
            alert_labels: &labels,
            render,
        };
        let analysed: Vec<(Page, Vec<Diagnostic>)> = locale
            .pages
            .par_iter()
            .filter_map(|path| set.get(path))
            .map(|source| {
                let result = markdown::analyse(&ctx, source);
                bar.inc();
                result
            })
            .collect();
        let mut locale_pages = Vec::with_capacity(analysed.len());
        for (page, page_findings) in analysed {
            findings.extend(page_findings);
            locale_pages.push(page);
        }
        pages.push(locale_pages);
        sources.push(set);
    }
    bar.finish();
    Analysed {
        site,
        sources,
        pages,
        tocs,
        findings,
    }
}

/// Builds the site: every page of every locale to HTML, resources copied, written atomically.
pub fn build(opts: &BuildOptions) -> Result<Report, Error> {
    let started = Instant::now();
    let mut stages = Stages::start();
    let progress = Progress::new(opts.progress);
    let (site, discover_findings) = Site::discover(&opts.site)?;
    let base_url = match &opts.base_url {
        Some(url) => Some(
            site::config::check_base_url(url)
                .map_err(|message| Error::Usage(format!("--base-url: {message}")))?,
        ),
        None => site.config.base_url.clone(),
    };
    let theme = theme::Theme::load(&site.root, &site.config.theme)?;
    let out_dir = opts.out.clone().unwrap_or_else(|| site.root.join("public"));
    let out = output::Output::begin(&out_dir, &site.root)?;
    stages.end("discover");
    let analysed = analyse_site(site, discover_findings, true, &progress);
    stages.end("analyse");
    let Analysed {
        site,
        sources,
        pages,
        tocs,
        mut findings,
    } = analysed;
    findings.extend(check::run(&site, &pages, &tocs));
    stages.end("check");
    let urls = render::Urls::new(base_url.as_deref());
    let mut notes = Vec::new();
    match (&base_url, &urls.absolute) {
        (None, _) => notes.push(
            "no base_url: no sitemap or canonical URLs, hreflang links are relative".to_owned(),
        ),
        (Some(url), None) => notes.push(format!(
            "base_url `{url}` is not an absolute http(s) URL: no sitemap or canonical URLs, hreflang links are relative"
        )),
        _ => {}
    }
    let search_on = opts.search && site.config.search;
    if !opts.search {
        notes.push("search off (--no-search)".to_owned());
    } else if !site.config.search {
        notes.push("search off (search: false)".to_owned());
    }
    // The index is built beside the render stage, from each page as it is written; the
    // analysed pages and the sources are let go before the last index is finished.
    let (diagnostics, search) = std::thread::scope(|scope| {
        let indexer = search_on.then(|| search::Indexer::start(scope, &out));
        render::write_site(&site, &theme, &out, &pages, &tocs, urls, indexer.as_ref())?;
        stages.end("render");
        drop((pages, tocs));
        let diagnostics = finish(&site, &sources, findings, &[]);
        stages.end("report");
        drop(sources);
        let search = indexer.map(search::Indexer::finish).transpose()?;
        if search.is_some() {
            stages.end("search");
        }
        Ok::<_, Error>((diagnostics, search))
    })?;
    out.commit()?;
    stages.end("commit");
    Ok(Report {
        diagnostics,
        pages: site.page_counts(),
        elapsed: started.elapsed(),
        search,
        notes,
        stages: stages.done,
    })
}

/// Checks the site without writing anything.
pub fn check(opts: &CheckOptions) -> Result<Report, Error> {
    let started = Instant::now();
    let mut stages = Stages::start();
    let progress = Progress::new(opts.progress);
    let (site, discover_findings) = Site::discover(&opts.site)?;
    stages.end("discover");
    for wanted in &opts.locales {
        if !site.locales.iter().any(|l| &l.name == wanted) {
            return Err(Error::Usage(format!(
                "--locale {wanted}: the site has no such locale"
            )));
        }
    }
    let Analysed {
        site,
        sources,
        pages,
        tocs,
        mut findings,
    } = analyse_site(site, discover_findings, false, &progress);
    stages.end("analyse");
    findings.extend(check::run(&site, &pages, &tocs));
    stages.end("check");
    let diagnostics = finish(&site, &sources, findings, &opts.locales);
    stages.end("report");
    let mut counts = site.page_counts();
    if !opts.locales.is_empty() {
        counts.retain(|l, _| opts.locales.contains(l));
    }
    Ok(Report {
        diagnostics,
        pages: counts,
        elapsed: started.elapsed(),
        search: None,
        notes: Vec::new(),
        stages: stages.done,
    })
}

/// What `checks:`, `ignore:` and `--locale` let through.
struct SitePolicy<'a> {
    config: &'a Config,
    ignore: globset::GlobSet,
    locales: &'a [String],
}

impl Policy for SitePolicy<'_> {
    fn severity(&self, code: diagnostic::Code) -> Option<Severity> {
        self.config.severity(code)
    }

    fn reports(&self, locale: Option<&str>, file: &str) -> bool {
        if let Some(locale) = locale {
            if !self.locales.is_empty() && !self.locales.iter().any(|l| l == locale) {
                return false;
            }
            let prefix = format!("content/{locale}/");
            if let Some(rel) = file.strip_prefix(&prefix) {
                return !self.ignore.is_match(rel);
            }
        }
        true
    }
}

/// Sorts, merges and filters the findings and attaches their source lines.
fn finish(
    site: &Site,
    sources: &[SourceSet],
    findings: Vec<Diagnostic>,
    locales: &[String],
) -> Vec<Diagnostic> {
    let patterns: Vec<&str> = site.config.ignore.iter().map(String::as_str).collect();
    let policy = SitePolicy {
        config: &site.config,
        ignore: site::docfx::glob_set(&patterns).unwrap_or_else(|_| globset::GlobSet::empty()),
        locales,
    };
    let mut diagnostics = diagnostic::finish(findings, &policy);
    attach_snippets(site, sources, &mut diagnostics);
    diagnostics
}

/// Gives findings made after the analyse stage (cross-page checks) their source lines.
/// Findings on one line are served by one walk over it: lines can be megabytes long.
fn attach_snippets(site: &Site, sources: &[SourceSet], diagnostics: &mut [Diagnostic]) {
    let mut wanted: Vec<usize> = (0..diagnostics.len())
        .filter(|&i| diagnostics[i].snippet.is_none())
        .collect();
    wanted.sort_by_key(|&i| {
        (
            diagnostics[i].file.clone(),
            diagnostics[i].line,
            diagnostics[i].column,
        )
    });
    let mut k = 0;
    while k < wanted.len() {
        let first = &diagnostics[wanted[k]];
        let (file, line) = (first.file.clone(), first.line);
        let same_line = wanted[k..]
            .iter()
            .take_while(|&&i| diagnostics[i].file == file && diagnostics[i].line == line)
            .count();
        let source = site.locales.iter().zip(sources).find_map(|(locale, set)| {
            let rel = file
                .strip_prefix("content/")?
                .strip_prefix(locale.name.as_str())?
                .strip_prefix('/')?;
            set.get(rel)
        });
        if let Some(text) = source.and_then(|s| s.line_text(line)) {
            let mut chars = text.char_indices().enumerate();
            let mut last: Option<(usize, usize)> = None;
            for &i in &wanted[k..k + same_line] {
                let column = diagnostics[i].column.saturating_sub(1) as usize;
                let byte = match last {
                    Some((c, b)) if c == column => b,
                    _ => chars
                        .find(|(n, _)| *n == column)
                        .map_or(text.len(), |(_, (b, _))| b),
                };
                last = Some((column, byte));
                diagnostics[i].snippet = Some(diagnostic::Snippet::at_byte(text, byte));
            }
        }
        k += same_line;
    }
}

mod render;
