//! rosetta: a static site generator and checker for translated documentation written in
//! DocFX-flavoured Markdown.
//!
//! The pipeline runs in one direction (see ARCHITECTURE.md):
//! discover → load → analyse (includes, one pulldown-cmark pass per page) → status (with a
//! source locale: each translation's source version from git) → check → render → index
//! (beside render) → commit. [`build`] runs all of it; [`check`] stops before rendering and
//! writes nothing; [`status`] reads the sources and git history only; [`serve`] keeps the
//! analysed site in memory and redoes what each change touches.

#![warn(unreachable_pub, missing_docs)]

mod check;
mod dfm;
pub mod diagnostic;
mod i18n;
mod markdown;
mod output;
mod page;
pub mod progress;
mod search;
pub mod serve;
mod site;
mod source;
mod status;
mod theme;
mod toc;

pub use search::Summary as SearchSummary;

use diagnostic::{Diagnostic, Policy, Severity};
use page::Page;
use progress::Progress;
use rayon::prelude::*;
use site::Site;
use site::pairing::{PageKey, Pairing};
use site::resolve::Resolver;
use source::{SourceId, Sources};
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
        /// The file, relative to the site root.
        file: String,
        /// 1-based line of the problem.
        line: u32,
        /// 1-based column of the problem.
        column: u32,
        /// What is wrong.
        message: String,
    },
    /// A theme template that does not render.
    Template {
        /// The template's name (`page.html`).
        template: String,
        /// What went wrong, and on which page.
        message: String,
    },
    /// Reading the site's structure or writing the output failed.
    Io(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Usage(m) | Error::Io(m) => f.write_str(m),
            Error::Template { template, message } => {
                write!(f, "theme template {template} failed: {message}")
            }
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
    /// The site folder (holds `content/` and `rosetta.yaml`).
    pub site: PathBuf,
    /// Output folder; default `SITE/public`.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` of rosetta.yaml.
    pub base_url: Option<String>,
    /// Build the search index (`--no-search` turns it off for one build).
    pub search: bool,
    /// Draw a progress bar.
    pub progress: bool,
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

/// The pages of a site after the analyse stage, and what the later stages share.
pub(crate) struct Analysed {
    pub(crate) site: Site,
    pub(crate) sources: Sources,
    /// Per locale, in site order.
    pub(crate) pages: Vec<check::LocalePages>,
    /// Per locale, in site order.
    pub(crate) tocs: Vec<check::LocaleTocs>,
    /// The UI strings of each locale, in site order: loaded once per run.
    pub(crate) strings: Vec<i18n::Strings>,
    /// Which pages are translations of one another: built once, for check and render.
    pub(crate) pairing: Pairing,
    /// Findings of discovery, redirections and UI strings.
    pub(crate) findings: Vec<Diagnostic>,
    /// Findings of the load stage, each on the file it loaded.
    pub(crate) load_findings: Vec<Diagnostic>,
    /// Findings of each locale's TOCs, in site order.
    pub(crate) toc_findings: Vec<Vec<Diagnostic>>,
    /// Findings of the analyse pass, per locale and page (a rebuild that analyses a page
    /// again replaces its findings).
    pub(crate) page_findings: Vec<Vec<Vec<Diagnostic>>>,
    /// Each locale's pivot definitions (`zone-pivot-groups.yml`), by path, in site order.
    pub(crate) pivots: Vec<PivotDefinitions>,
    /// Each locale's cross-reference index, in site order.
    pub(crate) xrefs: Vec<dfm::xref::XrefIndex>,
    /// Other sites' xref maps that rosetta.yaml names.
    pub(crate) external_maps: Vec<dfm::xrefmap::XrefMap>,
}

/// A locale's pivot definitions (`zone-pivot-groups.yml`), by path.
pub(crate) type PivotDefinitions =
    std::collections::HashMap<String, dfm::pivot_groups::PivotGroups>;

/// What the analyse pass of a locale reads besides its sources and strings: the dialect's
/// pivot definitions and cross-reference index.
pub(crate) struct Dialect<'a> {
    pub(crate) pivots: &'a PivotDefinitions,
    pub(crate) xrefs: &'a dfm::xref::XrefIndex,
}

impl Analysed {
    /// Every finding so far, in one list.
    fn take_findings(&mut self) -> Vec<Diagnostic> {
        let mut all = std::mem::take(&mut self.findings);
        all.append(&mut self.load_findings);
        all.extend(self.toc_findings.drain(..).flatten());
        all.extend(self.page_findings.drain(..).flatten().flatten());
        all
    }
}

/// Load and analyse every page of every locale; `render` also produces the body HTML of
/// each page.
pub(crate) fn analyse_site(
    mut site: Site,
    findings: Vec<Diagnostic>,
    render: bool,
    progress: &Progress,
) -> Analysed {
    let total = site.locales.iter().map(|l| l.pages.len()).sum();
    let bar = progress.bar(if render { "building" } else { "checking" }, total);
    let mut load_findings = Vec::new();
    let sources = Sources::load(&site.locales, &mut load_findings);
    let mut findings = findings;
    redirect_pages(&mut site, &sources);
    let reference = site.reference_index();
    site.redirects
        .finish(&site.locales, reference, &mut findings);
    let external_maps = load_xref_maps(&site, &mut findings);
    let mut pages = Vec::with_capacity(site.locales.len());
    let mut tocs = Vec::with_capacity(site.locales.len());
    let mut strings = Vec::with_capacity(site.locales.len());
    let mut toc_findings = Vec::with_capacity(site.locales.len());
    let mut page_findings = Vec::with_capacity(site.locales.len());
    let mut all_pivots = Vec::with_capacity(site.locales.len());
    let mut all_xrefs = Vec::with_capacity(site.locales.len());
    for (l, locale) in site.locales.iter().enumerate() {
        let mut found = Vec::new();
        tocs.push(load_tocs(&site, l, &sources, &mut found));
        toc_findings.push(found);
        let locale_strings = i18n::Strings::load(&site.root, &locale.name, &mut findings);
        let pivots = load_pivot_definitions(locale, &mut findings);
        let xrefs = xref_index(l, locale, &sources, &external_maps, &mut findings);
        let ids: Vec<SourceId> = locale
            .pages
            .iter()
            .filter_map(|path| sources.id(l, path))
            .collect();
        let dialect = Dialect {
            pivots: &pivots,
            xrefs: &xrefs,
        };
        let analysed = analyse_pages(
            &site,
            l,
            &sources,
            &locale_strings,
            &dialect,
            &ids,
            render,
            &bar,
        );
        let (locale_pages, locale_findings): (Vec<Page>, Vec<Vec<Diagnostic>>) =
            analysed.into_iter().unzip();
        pages.push(locale_pages);
        page_findings.push(locale_findings);
        strings.push(locale_strings);
        all_pivots.push(pivots);
        all_xrefs.push(xrefs);
    }
    bar.finish();
    let pairing = pair_pages(&pages);
    Analysed {
        site,
        sources,
        pages,
        tocs,
        strings,
        pairing,
        findings,
        load_findings,
        toc_findings,
        page_findings,
        pivots: all_pivots,
        xrefs: all_xrefs,
        external_maps,
    }
}

/// The TOCs of locale `l`, parsed from the loaded sources.
pub(crate) fn load_tocs(
    site: &Site,
    l: usize,
    sources: &Sources,
    findings: &mut Vec<Diagnostic>,
) -> Vec<toc::Toc> {
    toc::load(&Resolver::new(site, l), sources, findings)
}

/// Analyses (and with `render`, renders the body of) the pages `ids` of locale `l`, in
/// parallel; each with the findings of its pass, in the order of `ids`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn analyse_pages(
    site: &Site,
    l: usize,
    sources: &Sources,
    strings: &i18n::Strings,
    dialect: &Dialect<'_>,
    ids: &[SourceId],
    render: bool,
    bar: &progress::Bar,
) -> Vec<(Page, Vec<Diagnostic>)> {
    let labels = strings.alert_labels();
    let ctx = markdown::Context {
        resolver: Resolver::new(site, l),
        sources,
        alert_labels: &labels,
        pivots: dialect.pivots,
        xrefs: dialect.xrefs,
        render,
    };
    ids.par_iter()
        .map(|&id| {
            let mut page_findings = Vec::new();
            let page = markdown::analyse(&ctx, id, &mut page_findings);
            bar.inc();
            (page, page_findings)
        })
        .collect()
}

/// Other sites' xref maps that rosetta.yaml names (`xref:`); one that cannot be read is a
/// `config` finding at rosetta.yaml.
fn load_xref_maps(site: &Site, findings: &mut Vec<Diagnostic>) -> Vec<dfm::xrefmap::XrefMap> {
    let mut maps = Vec::new();
    for path in &site.config.xref {
        let at = diagnostic::Location::file_start("rosetta.yaml".into());
        let parsed = std::fs::read_to_string(site.root.join(path))
            .map_err(|e| format!("cannot read the xref map `{path}`: {e}"))
            .and_then(|text| {
                dfm::xrefmap::parse(text.trim_start_matches('\u{feff}'))
                    .map_err(|e| format!("xref map `{path}` line {}: {}", e.line, e.message))
            });
        match parsed {
            Ok(map) => maps.push(map),
            Err(message) => findings.push(Diagnostic::new(
                diagnostic::Code::Config,
                None,
                &at,
                message,
            )),
        }
    }
    maps
}

/// The uids of a locale's pages (`uid:` in front matter) and the other sites' maps; two
/// pages with one uid are each a `duplicate-uid` finding.
pub(crate) fn xref_index(
    l: usize,
    locale: &site::Locale,
    sources: &Sources,
    maps: &[dfm::xrefmap::XrefMap],
    findings: &mut Vec<Diagnostic>,
) -> dfm::xref::XrefIndex {
    let mut index = dfm::xref::XrefIndex {
        maps: maps.to_vec(),
        ..Default::default()
    };
    let mut seen: std::collections::BTreeMap<String, Vec<(std::sync::Arc<str>, u32)>> =
        std::collections::BTreeMap::new();
    for path in &locale.pages {
        let Some(source) = sources.get(l, path) else {
            continue;
        };
        let Some(uid) = source
            .front_matter
            .fields
            .get("uid")
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|u| !u.is_empty())
        else {
            continue;
        };
        let line = dfm::pivot_groups::front_matter_key_offset(&source.text, "uid")
            .map_or(1, |o| source.line_of(o));
        seen.entry(uid.to_owned())
            .or_default()
            .push((source.site_path.clone(), line));
        index
            .own
            .entry(uid.to_owned())
            .or_insert(dfm::xref::XrefSpec {
                uid: uid.to_owned(),
                name: source.front_matter.title.clone(),
                href: Some(site::paths::page_output(path)),
                ..Default::default()
            });
    }
    for (uid, places) in seen.into_iter().filter(|(_, p)| p.len() > 1) {
        for (file, line) in &places {
            let others: Vec<&str> = places
                .iter()
                .filter(|(f, _)| f != file)
                .map(|(f, _)| &**f)
                .collect();
            findings.push(Diagnostic::new(
                diagnostic::Code::DuplicateUid,
                Some(&locale.name),
                &diagnostic::Location::new(file.clone(), *line, 1),
                format!("uid `{uid}` is also the uid of {}", others.join(", ")),
            ));
        }
    }
    index
}

/// The pivot definitions (`zone-pivot-groups.yml`) of a locale, by path; one that does not
/// read is a `config` finding at its place.
pub(crate) fn load_pivot_definitions(
    locale: &site::Locale,
    findings: &mut Vec<Diagnostic>,
) -> std::collections::HashMap<String, dfm::pivot_groups::PivotGroups> {
    let mut out = std::collections::HashMap::new();
    for path in &locale.pivot_definitions {
        let site_path = locale.site_path(path);
        let text = match std::fs::read(locale.dir.join(path)) {
            Ok(bytes) => String::from_utf8_lossy(&bytes)
                .trim_start_matches('\u{feff}')
                .to_owned(),
            Err(err) => {
                findings.push(Diagnostic::new(
                    diagnostic::Code::Io,
                    Some(&locale.name),
                    &diagnostic::Location::file_start(site_path),
                    format!("cannot read the pivot definitions: {err}"),
                ));
                continue;
            }
        };
        let problems = match dfm::pivot_groups::parse(&text) {
            Ok(mut defs) => {
                let problems = std::mem::take(&mut defs.problems);
                out.insert(path.clone(), defs);
                problems
            }
            Err(err) => vec![err],
        };
        for p in problems {
            findings.push(Diagnostic::new(
                diagnostic::Code::Config,
                Some(&locale.name),
                &diagnostic::Location::new(site_path.clone(), p.line, p.column),
                format!("pivot definitions: {}", p.message),
            ));
        }
    }
    out
}

/// Pages whose front matter says `redirect_url` redirect their path: the locales that
/// lack the page get a redirect page there (the page itself stays a page, as published).
fn redirect_pages(site: &mut Site, sources: &Sources) {
    let Site {
        locales, redirects, ..
    } = site;
    for (l, locale) in locales.iter().enumerate() {
        for path in &locale.pages {
            let Some(source) = sources.get(l, path) else {
                continue;
            };
            let Some(url) = source.front_matter.redirect_url.as_deref() else {
                continue;
            };
            let to = site::redirects::destination(url, site::paths::parent(path), Some(l), locales);
            let at = diagnostic::Location::new(
                source.site_path.clone(),
                source.front_matter.redirect_url_line,
                1,
            );
            redirects.add(site::redirects::Redirect {
                from: path.clone(),
                to,
                at,
                locale: Some(l),
            });
        }
    }
}

/// `--locale` options name locales of the site.
fn check_locale_options(site: &Site, wanted: &[String]) -> Result<(), Error> {
    match wanted
        .iter()
        .find(|w| !site.locales.iter().any(|l| &l.name == *w))
    {
        Some(wanted) => Err(Error::Usage(format!(
            "--locale {wanted}: the site has no such locale"
        ))),
        None => Ok(()),
    }
}

/// The summary note on references resolved through the source locale, per locale.
pub(crate) fn fallback_note(site: &Site, pages: &[check::LocalePages]) -> Option<String> {
    let source = site.source_index()?;
    let counts: Vec<String> = site
        .locales
        .iter()
        .zip(pages)
        .enumerate()
        .filter(|(l, _)| *l != source)
        .map(|(_, (locale, pages))| {
            let n: usize = pages.iter().map(|p| p.fallbacks).sum();
            format!("{} {n}", locale.name)
        })
        .collect();
    (!counts.is_empty()).then(|| {
        format!(
            "fallbacks to {}: {}",
            site.locales[source].name,
            counts.join(", ")
        )
    })
}

/// The translation status stage (between analyse and check): each translated page's source
/// version from git and the sections changed since. `None` without a source locale.
pub(crate) fn translation_status(
    site: &Site,
    sources: &Sources,
    pages: &[check::LocalePages],
    pairing: &Pairing,
) -> Option<status::StatusReport> {
    site.source_index()?;
    let files: Vec<Vec<Option<&source::SourceFile>>> = pages
        .iter()
        .enumerate()
        .map(|(l, pages)| pages.iter().map(|p| sources.get(l, &p.path)).collect())
        .collect();
    status::run(site, &files, pairing)
}

/// The status and check stages over the analysed pages, as build, check and serve run them:
/// the translation status (its `stale-translation` findings and notes), the fallback note,
/// then every cross-page check. Returns the status (for the reader-side marks) and the notes.
pub(crate) fn status_and_check(
    input: &check::Input<'_>,
    sources: &Sources,
    findings: &mut Vec<Diagnostic>,
    mut stages: Option<&mut Stages>,
) -> (Option<status::StatusReport>, Vec<String>) {
    let status = translation_status(input.site, sources, input.pages, input.pairing);
    let mut notes: Vec<String> = fallback_note(input.site, input.pages).into_iter().collect();
    if let Some(report) = &status {
        findings.extend(status::stale_findings(report));
        notes.extend(report.notes.iter().cloned());
    }
    if let Some(stages) = stages.as_deref_mut() {
        stages.end("status");
    }
    check::run(input, status.as_ref(), findings);
    if let Some(stages) = stages {
        stages.end("check");
    }
    (status, notes)
}

/// How the analysed pages of all locales pair (by path, then by asset ID or uid).
pub(crate) fn pair_pages(pages: &[check::LocalePages]) -> Pairing {
    pair_by_front_matter(
        pages
            .iter()
            .map(|locale| {
                locale
                    .iter()
                    .map(|p| (p.path.as_str(), &p.front_matter))
                    .collect()
            })
            .collect(),
    )
}

/// How pages of all locales pair, given each page's path and front matter: by path, then by
/// `ms.assetid`, else by `uid`, as DocFX's uids name one article in every language
/// (prefixed, so that a uid never meets an asset ID).
fn pair_by_front_matter(pages: Vec<Vec<(&str, &dfm::front_matter::FrontMatter)>>) -> Pairing {
    let uids: Vec<Vec<Option<String>>> = pages
        .iter()
        .map(|locale| {
            locale
                .iter()
                .map(|(_, fm)| {
                    let uid = fm.fields.get("uid")?.as_str()?.trim();
                    (!uid.is_empty()).then(|| format!("uid:{uid}"))
                })
                .collect()
        })
        .collect();
    let keys: Vec<Vec<PageKey<'_>>> = pages
        .iter()
        .zip(&uids)
        .map(|(locale, uids)| {
            locale
                .iter()
                .zip(uids)
                .map(|((path, fm), uid)| PageKey {
                    path,
                    asset_id: fm.asset_id.as_deref().or(uid.as_deref()),
                })
                .collect()
        })
        .collect();
    Pairing::new(&keys)
}

/// Builds the site: every page of every locale to HTML, resources copied, written atomically.
pub fn build(opts: &BuildOptions) -> Result<Report, Error> {
    let started = Instant::now();
    let mut stages = Stages::start();
    let progress = Progress::new(opts.progress);
    let mut discover_findings = Vec::new();
    let site = Site::discover(&opts.site, &mut discover_findings)?;
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
    let mut analysed = analyse_site(site, discover_findings, true, &progress);
    stages.end("analyse");
    let search_on = opts.search && analysed.site.config.search;
    let mut findings = analysed.take_findings();
    let Analysed {
        site,
        sources,
        pages,
        tocs,
        strings,
        pairing,
        ..
    } = analysed;
    let input = check::Input {
        site: &site,
        pages: &pages,
        tocs: &tocs,
        pairing: &pairing,
        search: search_on,
        reuse: None,
    };
    let (status, mut notes) = status_and_check(&input, &sources, &mut findings, Some(&mut stages));
    let urls = render::Urls::new(base_url.as_deref());
    match (&base_url, &urls.absolute) {
        (None, _) => notes.push(
            "no base_url: no sitemap or canonical URLs, hreflang links are relative".to_owned(),
        ),
        (Some(url), None) => notes.push(format!(
            "base_url `{url}` is not an absolute http(s) URL: no sitemap or canonical URLs, hreflang links are relative"
        )),
        _ => {}
    }
    if !opts.search {
        notes.push("search off (--no-search)".to_owned());
    } else if !site.config.search {
        notes.push("search off (search: false)".to_owned());
    }
    // The index is built beside the render stage, from each page as it is written; the
    // analysed pages and the sources are let go before the last index is finished.
    let (diagnostics, search) = std::thread::scope(|scope| {
        let indexer = search_on.then(|| search::Indexer::start(scope, &out));
        let input = render::Input {
            site: &site,
            theme: &theme,
            pages: &pages,
            tocs: &tocs,
            strings: &strings,
            pairing: &pairing,
            urls,
            search: search_on,
            status: status.as_ref(),
        };
        render::write_site(&input, &out, indexer.as_ref())?;
        stages.end("render");
        drop((pages, tocs, pairing));
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
    let mut discover_findings = Vec::new();
    let site = Site::discover(&opts.site, &mut discover_findings)?;
    stages.end("discover");
    check_locale_options(&site, &opts.locales)?;
    let mut analysed = analyse_site(site, discover_findings, false, &progress);
    let mut findings = analysed.take_findings();
    let Analysed {
        site,
        sources,
        pages,
        tocs,
        pairing,
        ..
    } = analysed;
    stages.end("analyse");
    let input = check::Input {
        site: &site,
        pages: &pages,
        tocs: &tocs,
        pairing: &pairing,
        search: site.config.search,
        reuse: None,
    };
    let (_, notes) = status_and_check(&input, &sources, &mut findings, Some(&mut stages));
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
        notes,
        stages: stages.done,
    })
}

/// The translation status of a site in the asked format: per translated locale
/// the pages up to date, stale (with their changed sections), unknown, missing and
/// machine-translated. Reads the sources and the source's git history; analyses no page.
pub fn status(opts: &StatusOptions) -> Result<String, Error> {
    let mut ignored = Vec::new();
    let site = Site::discover(&opts.site, &mut ignored)?;
    check_locale_options(&site, &opts.locales)?;
    if site.source_index().is_none() {
        return Err(Error::Usage(
            "translation status needs a source locale: set `source_locale` in rosetta.yaml (the locale the others are translated from)".to_owned(),
        ));
    }
    let sources = Sources::load(&site.locales, &mut ignored);
    // The pages and their pairing as `check` sees them, from the loaded sources.
    let files: Vec<Vec<Option<&source::SourceFile>>> = site
        .locales
        .iter()
        .enumerate()
        .map(|(l, locale)| {
            locale
                .pages
                .iter()
                .filter_map(|path| sources.get(l, path))
                .map(Some)
                .collect()
        })
        .collect();
    let pairing = pair_by_front_matter(
        files
            .iter()
            .map(|locale| {
                locale
                    .iter()
                    .flatten()
                    .map(|f| (f.path.as_str(), &f.front_matter))
                    .collect()
            })
            .collect(),
    );
    let Some(mut report) = status::run(&site, &files, &pairing) else {
        return Ok(String::new());
    };
    report.retain_locales(&opts.locales);
    Ok(match opts.format {
        StatusFormat::Human => status::human(&report),
        StatusFormat::Json => status::json(&report),
        StatusFormat::Markdown => status::markdown(&report),
    })
}

/// What `checks:`, `ignore:` and `--locale` let through.
struct SitePolicy<'a> {
    site: &'a Site,
    ignore: globset::GlobSet,
    locales: &'a [String],
}

impl Policy for SitePolicy<'_> {
    fn severity(&self, code: diagnostic::Code) -> Option<Severity> {
        self.site.config.severity(code)
    }

    fn reports(&self, locale: Option<&str>, file: &str) -> bool {
        if let Some(locale) = locale {
            if !self.locales.is_empty() && !self.locales.iter().any(|l| l == locale) {
                return false;
            }
            let rel = self
                .site
                .locales
                .iter()
                .find(|l| l.name == locale)
                .and_then(|l| l.relative(file));
            if let Some(rel) = rel {
                return !self.ignore.is_match(rel);
            }
        }
        true
    }
}

/// Sorts, merges and filters the findings and attaches their source lines.
pub(crate) fn finish(
    site: &Site,
    sources: &Sources,
    findings: Vec<Diagnostic>,
    locales: &[String],
) -> Vec<Diagnostic> {
    let patterns: Vec<&str> = site.config.ignore.iter().map(String::as_str).collect();
    let policy = SitePolicy {
        site,
        ignore: site::docfx::glob_set(&patterns).unwrap_or_else(|_| globset::GlobSet::empty()),
        locales,
    };
    let mut diagnostics = diagnostic::finish(findings, &policy);
    attach_snippets(sources, &mut diagnostics);
    diagnostics
}

/// Gives findings made after the analyse stage (cross-page checks) their source lines.
/// Findings on one line are served by one walk over it: lines can be megabytes long.
fn attach_snippets(sources: &Sources, diagnostics: &mut [Diagnostic]) {
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
        if let Some(text) = sources.by_site_path(&file).and_then(|s| s.line_text(line)) {
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
