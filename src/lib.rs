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

mod analyse;
mod check;
mod dfm;
pub mod diagnostic;
mod error;
mod i18n;
mod markdown;
mod options;
mod output;
mod page;
mod policy;
pub mod progress;
mod render;
mod search;
pub mod serve;
mod site;
mod source;
mod status;
mod theme;
mod toc;

pub use error::Error;
pub use options::{BuildOptions, CheckOptions, Report, StatusFormat, StatusOptions};
pub use search::Summary as SearchSummary;

use analyse::Analysed;
use progress::{Progress, Stages};
use site::Site;
use site::shard::Shard;
use source::Sources;
use std::collections::BTreeMap;
use std::time::Instant;

/// Builds the site: every page of every locale (or of the locales of a shard) to HTML,
/// resources copied, written atomically.
pub fn build(opts: &BuildOptions) -> Result<Report, Error> {
    let started = Instant::now();
    let mut stages = Stages::start();
    let progress = Progress::new(opts.progress);
    let mut discover_findings = Vec::new();
    let site = Site::discover(&opts.site, &mut discover_findings)?;
    policy::check_locale_options(&site, &opts.locales)?;
    let shard = Shard::of(&site, &opts.locales);
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
    let mut analysed = analyse::analyse_site(
        site,
        discover_findings,
        &shard,
        true,
        opts.offline,
        &progress,
    );
    stages.end("analyse");
    let search_on = opts.search && analysed.site.config.search;
    let mut findings = analysed.take_findings();
    let Analysed {
        site,
        sources,
        locales,
        pairing,
        versions,
        ..
    } = analysed;
    let (status, mut notes) =
        analyse::status::run(&site, &sources, &locales, &pairing, &shard, &mut findings);
    notes.extend(versions.note());
    stages.end("status");
    let input = check::Input {
        site: &site,
        locales: &locales,
        pairing: &pairing,
        shard: &shard,
        search: search_on,
    };
    check::run(&input, status.as_ref(), &mut findings);
    stages.end("check");
    let urls = render::Urls::new(base_url.as_deref());
    notes.extend(urls.note(base_url.as_deref()));
    if !opts.search {
        notes.push("search off (--no-search)".to_owned());
    } else if !site.config.search {
        notes.push("search off (search: false)".to_owned());
    }
    // The index is built from the written pages once the analysed pages and the sources
    // are let go: the search stage's memory is not added to theirs.
    let indexed: Vec<(String, Vec<String>)> = if search_on {
        site.locales
            .iter()
            .zip(&locales)
            .enumerate()
            .filter(|(l, _)| shard.owns(*l))
            .map(|(_, (locale, analysed))| {
                let outputs = analysed.pages.iter().map(|p| p.output.clone()).collect();
                (locale.name.clone(), outputs)
            })
            .collect()
    } else {
        Vec::new()
    };
    let (diagnostics, search) = {
        let input = render::Input {
            site: &site,
            theme: &theme,
            locales: &locales,
            pairing: &pairing,
            shard: &shard,
            urls,
            search: search_on,
            status: status.as_ref(),
            versions: &versions,
        };
        render::write_site(&input, &out)?;
        stages.end("render");
        drop((locales, pairing));
        let diagnostics = policy::finish(&site, &sources, findings, &opts.locales);
        stages.end("report");
        drop(sources);
        let search = search_on
            .then(|| search::index_pages(&out, &out.staging_dir(""), &indexed))
            .transpose()?;
        if search.is_some() {
            stages.end("search");
        }
        (diagnostics, search)
    };
    out.commit()?;
    stages.end("commit");
    Ok(Report {
        diagnostics,
        pages: page_counts(&site, &opts.locales),
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
    policy::check_locale_options(&site, &opts.locales)?;
    let shard = Shard::of(&site, &opts.locales);
    let mut analysed = analyse::analyse_site(
        site,
        discover_findings,
        &shard,
        false,
        opts.offline,
        &progress,
    );
    let mut findings = analysed.take_findings();
    let Analysed {
        site,
        sources,
        locales,
        pairing,
        versions,
        ..
    } = analysed;
    stages.end("analyse");
    let (status, mut notes) =
        analyse::status::run(&site, &sources, &locales, &pairing, &shard, &mut findings);
    notes.extend(versions.note());
    stages.end("status");
    let input = check::Input {
        site: &site,
        locales: &locales,
        pairing: &pairing,
        shard: &shard,
        search: site.config.search,
    };
    check::run(&input, status.as_ref(), &mut findings);
    stages.end("check");
    let diagnostics = policy::finish(&site, &sources, findings, &opts.locales);
    stages.end("report");
    Ok(Report {
        diagnostics,
        pages: page_counts(&site, &opts.locales),
        elapsed: started.elapsed(),
        search: None,
        notes,
        stages: stages.done,
    })
}

/// Pages per locale of the run's locales (all when `locales` is empty).
fn page_counts(site: &Site, locales: &[String]) -> BTreeMap<String, usize> {
    let mut counts = site.page_counts();
    if !locales.is_empty() {
        counts.retain(|l, _| locales.contains(l));
    }
    counts
}

/// The translation status of a site in the asked format: per translated locale
/// the pages up to date, stale (with their changed sections), unknown, missing and
/// machine-translated. Reads the sources and the source's git history; analyses no page.
pub fn status(opts: &StatusOptions) -> Result<String, Error> {
    let mut ignored = Vec::new();
    let site = Site::discover(&opts.site, &mut ignored)?;
    policy::check_locale_options(&site, &opts.locales)?;
    if site.source_index().is_none() {
        return Err(Error::Usage(
            "translation status needs a source locale: set `source_locale` in rosetta.yaml (the locale the others are translated from)".to_owned(),
        ));
    }
    let sources = Sources::load(&site.locales, &mut ignored);
    // The pages and their pairing as `check` sees them, from the loaded sources.
    let (files, pairing) = analyse::pair_sources(&site, &sources);
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
