//! The analyse stage: every Markdown file and TOC loaded (read once, in parallel), what the
//! pass reads across pages (each locale's pivot definitions and uid index, other sites'
//! xref maps, the redirections pages' front matter adds), then one pass per page
//! (`markdown::analyse`), and the translation pairing of the analysed pages. Its result,
//! [`Analysed`], is what the later stages share.

mod pairing;
mod pivots;
mod redirects;
pub(crate) mod status;
mod xref;

pub(crate) use pairing::{pair_pages, pair_sources};
pub(crate) use xref::xref_index;

use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::progress::{self, Progress};
use crate::site::Site;
use crate::site::pairing::Pairing;
use crate::site::resolve::Resolver;
use crate::source::{SourceId, Sources};
use crate::{dfm, i18n, markdown, toc};
use rayon::prelude::*;

/// The pages of one locale, in the order of `Locale::pages`.
pub(crate) type LocalePages = Vec<Page>;

/// The TOCs of one locale, in the order of `Locale::tocs`.
pub(crate) type LocaleTocs = Vec<toc::Toc>;

/// The pages of a site after the analyse stage, and what the later stages share.
pub(crate) struct Analysed {
    pub(crate) site: Site,
    pub(crate) sources: Sources,
    /// Per locale, in site order.
    pub(crate) pages: Vec<LocalePages>,
    /// Per locale, in site order.
    pub(crate) tocs: Vec<LocaleTocs>,
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
    pub(crate) fn take_findings(&mut self) -> Vec<Diagnostic> {
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
    redirects::redirect_pages(&mut site, &sources);
    let reference = site.reference_index();
    site.redirects
        .finish(&site.locales, reference, &mut findings);
    let external_maps = xref::load_xref_maps(&site, &mut findings);
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
        let pivots = pivots::load_pivot_definitions(locale, &mut findings);
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
