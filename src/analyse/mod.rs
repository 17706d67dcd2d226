//! The analyse stage: every Markdown file and TOC loaded (read once, in parallel), what the
//! pass reads across pages (each locale's pivot definitions and uid index, other sites'
//! xref maps, files or downloads, see `xrefmaps/`; the redirections pages' front matter
//! adds; the site's versions and each page's file-level versions), then one pass per page
//! (`markdown::analyse`), and the translation pairing of the analysed pages. Its result,
//! [`Analysed`], is what the later stages share.

mod pairing;
mod pivots;
mod redirects;
pub(crate) mod status;
pub(crate) mod versions;
mod xref;
pub(crate) mod xrefmaps;

pub(crate) use pairing::{pair_pages, pair_sources};
pub(crate) use xref::{unresolved_xrefs, xref_index};

use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::progress::{self, Progress};
use crate::site::Site;
use crate::site::pairing::Pairing;
use crate::site::resolve::Resolver;
use crate::site::shard::{Part, Shard};
use crate::source::{SourceId, Sources};
use crate::{dfm, i18n, markdown, toc};
use rayon::prelude::*;

/// The pages of a site after the analyse stage, and what the later stages share.
pub(crate) struct Analysed {
    pub(crate) site: Site,
    /// How far each locale was taken: only the own locales' findings are counted in the
    /// summaries findings make (the `xref-map` warning's count of unresolved references).
    pub(crate) shard: Shard,
    pub(crate) sources: Sources,
    /// Each locale's pages, TOCs, strings and findings, in the order of `Site::locales`.
    pub(crate) locales: Vec<AnalysedLocale>,
    /// Which pages are translations of one another: built once, for check and render.
    pub(crate) pairing: Pairing,
    /// Findings of discovery, redirections and UI strings.
    pub(crate) findings: Vec<Diagnostic>,
    /// Findings of the load stage, each on the file it loaded.
    pub(crate) load_findings: Vec<Diagnostic>,
    /// Other sites' xref maps that rosetta.yaml and docfx.json files name.
    pub(crate) xref_maps: xrefmaps::XrefMaps,
    /// The site's versions (monikers) and each page's file-level versions.
    pub(crate) versions: versions::SiteVersions,
}

/// One locale after the analyse stage: what the later stages read of it. Its place in
/// [`Analysed::locales`] is its place in `Site::locales`; page `i` here is the page of
/// `Locale::pages[i]`.
pub(crate) struct AnalysedLocale {
    /// The analysed pages, in the order of `Locale::pages`.
    pub(crate) pages: Vec<Page>,
    /// The parsed TOCs, in the order of `Locale::tocs`.
    pub(crate) tocs: Vec<toc::Toc>,
    /// The UI strings: loaded once per run.
    pub(crate) strings: i18n::Strings,
    /// What the analyse pass reads besides the sources and strings.
    pub(crate) dialect: Dialect,
    /// Findings of the TOCs.
    pub(crate) toc_findings: Vec<Diagnostic>,
    /// Findings of the analyse pass, one list per page in page order (a rebuild that
    /// analyses a page again replaces its list).
    pub(crate) page_findings: Vec<Vec<Diagnostic>>,
}

/// A locale's pivot definitions (`zone-pivot-groups.yml`), by path.
pub(crate) type PivotDefinitions =
    std::collections::HashMap<String, dfm::pivot_groups::PivotGroups>;

/// What the analyse pass of a locale reads besides its sources and strings: the dialect's
/// pivot definitions and cross-reference index.
pub(crate) struct Dialect {
    pub(crate) pivots: PivotDefinitions,
    pub(crate) xrefs: dfm::xref::XrefIndex,
}

impl Analysed {
    /// Every finding so far, in one list.
    pub(crate) fn take_findings(&mut self) -> Vec<Diagnostic> {
        let mut all = std::mem::take(&mut self.findings);
        all.append(&mut self.load_findings);
        for locale in &mut self.locales {
            all.append(&mut locale.toc_findings);
        }
        for locale in &mut self.locales {
            all.extend(locale.page_findings.drain(..).flatten());
        }
        let mut unresolved = unresolved_xrefs(&self.locales);
        for (l, count) in unresolved.iter_mut().enumerate() {
            if !self.shard.owns(l) {
                *count = 0;
            }
        }
        all.extend(self.xref_maps.findings(&unresolved));
        all
    }
}

/// Load every Markdown file and TOC of the site, and analyse the pages of the locales
/// `shard` analyses (`render` also produces the body HTML of its own locales' pages); the
/// locales it only lists get their pages' front matter. `offline` reads downloaded xref
/// maps from the cache only.
pub(crate) fn analyse_site(
    mut site: Site,
    findings: Vec<Diagnostic>,
    shard: &Shard,
    render: bool,
    offline: bool,
    progress: &Progress,
) -> Analysed {
    let total = (0..site.locales.len())
        .filter(|&l| shard.part(l) != Part::Listed)
        .map(|l| site.locales[l].pages.len())
        .sum();
    let bar = progress.bar(if render { "building" } else { "checking" }, total);
    let mut load_findings = Vec::new();
    let sources = Sources::load(&site.locales, &mut load_findings);
    let mut findings = findings;
    redirects::redirect_pages(&mut site, &sources);
    let reference = site.reference_index();
    site.redirects
        .finish(&site.locales, reference, &mut findings);
    let xref_maps = xrefmaps::load(&site, shard, offline);
    let versions = versions::read(&site.config, &site.locales, &sources);
    findings.extend(versions.findings.iter().cloned());
    let mut locales = Vec::with_capacity(site.locales.len());
    for (l, locale) in site.locales.iter().enumerate() {
        let strings = i18n::Strings::load(&site.root, &locale.name, &mut findings);
        let ids: Vec<SourceId> = locale
            .pages
            .iter()
            .filter_map(|path| sources.id(l, path))
            .collect();
        if shard.part(l) == Part::Listed {
            locales.push(listed_locale(&site, l, &sources, strings, &versions, &ids));
            continue;
        }
        let dialect = Dialect {
            pivots: pivots::load_pivot_definitions(locale, &mut findings),
            xrefs: xref_index(l, locale, &sources, &xref_maps.of_locale(l), &mut findings),
        };
        let mut toc_findings = Vec::new();
        let tocs = match shard.part(l) {
            Part::Own => load_tocs(&site, l, &sources, &dialect.xrefs, &mut toc_findings),
            _ => Vec::new(),
        };
        let render = render && shard.owns(l);
        let analysed = analyse_pages(
            &site, l, &sources, &strings, &dialect, &versions, &ids, render, &bar,
        );
        let (pages, page_findings): (Vec<Page>, Vec<Vec<Diagnostic>>) =
            analysed.into_iter().unzip();
        locales.push(AnalysedLocale {
            pages,
            tocs,
            strings,
            dialect,
            toc_findings,
            page_findings,
        });
    }
    bar.finish();
    let pairing = pair_pages(&locales);
    Analysed {
        site,
        shard: shard.clone(),
        sources,
        locales,
        pairing,
        findings,
        load_findings,
        xref_maps,
        versions,
    }
}

/// What the analyse pass of a locale shows from its UI strings: alert labels, version
/// titles and the list separator, held while the pass borrows them.
struct PassTexts {
    labels: markdown::AlertLabels,
    version_titles: Vec<String>,
    list_separator: String,
}

impl PassTexts {
    fn new(strings: &i18n::Strings, versions: &versions::SiteVersions) -> Self {
        PassTexts {
            labels: strings.alert_labels(),
            version_titles: versions::titles(&versions.definitions, strings),
            list_separator: strings.get("list-separator"),
        }
    }

    /// The analyse pass's context for locale `l`.
    fn context<'a>(
        &'a self,
        site: &'a Site,
        l: usize,
        sources: &'a Sources,
        dialect: &'a Dialect,
        versions: &'a versions::SiteVersions,
        render: bool,
    ) -> markdown::Context<'a> {
        markdown::Context {
            resolver: Resolver::new(site, l),
            sources,
            alert_labels: &self.labels,
            pivots: &dialect.pivots,
            xrefs: &dialect.xrefs,
            versions: &versions.definitions,
            page_versions: versions.locale(l),
            version_titles: &self.version_titles,
            list_separator: &self.list_separator,
            render,
        }
    }
}

/// A locale a shard only lists: each page with its front matter (a YAML page's from its
/// metadata, which takes its pass), no TOCs, no findings.
fn listed_locale(
    site: &Site,
    l: usize,
    sources: &Sources,
    strings: i18n::Strings,
    versions: &versions::SiteVersions,
    ids: &[SourceId],
) -> AnalysedLocale {
    let dialect = Dialect {
        pivots: PivotDefinitions::new(),
        xrefs: dfm::xref::XrefIndex::default(),
    };
    let texts = PassTexts::new(&strings, versions);
    let ctx = texts.context(site, l, sources, &dialect, versions, false);
    let pages: Vec<Page> = ids
        .par_iter()
        .map(|&id| markdown::listed(&ctx, id))
        .collect();
    AnalysedLocale {
        page_findings: vec![Vec::new(); pages.len()],
        pages,
        tocs: Vec::new(),
        strings,
        dialect,
        toc_findings: Vec::new(),
    }
}

/// The TOCs of locale `l`, parsed from the loaded sources; uids resolve through `xrefs`,
/// the locale's uid index.
pub(crate) fn load_tocs(
    site: &Site,
    l: usize,
    sources: &Sources,
    xrefs: &dfm::xref::XrefIndex,
    findings: &mut Vec<Diagnostic>,
) -> Vec<toc::Toc> {
    let resolver = Resolver::new(site, l);
    let targets = toc::Targets {
        resolver: &resolver,
        xrefs,
    };
    toc::load(&targets, sources, findings)
}

/// Analyses (and with `render`, renders the body of) the pages `ids` of locale `l`, in
/// parallel; each with the findings of its pass, in the order of `ids`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn analyse_pages(
    site: &Site,
    l: usize,
    sources: &Sources,
    strings: &i18n::Strings,
    dialect: &Dialect,
    versions: &versions::SiteVersions,
    ids: &[SourceId],
    render: bool,
    bar: &progress::Bar,
) -> Vec<(Page, Vec<Diagnostic>)> {
    let texts = PassTexts::new(strings, versions);
    let ctx = texts.context(site, l, sources, dialect, versions, render);
    ids.par_iter()
        .map(|&id| {
            let mut page_findings = Vec::new();
            let page = markdown::analyse(&ctx, id, &mut page_findings);
            bar.inc();
            (page, page_findings)
        })
        .collect()
}
