//! The check stage: pure functions over the analysed pages of every locale. Nothing here
//! reads or writes a file.
//!
//! [`run`] makes every finding at once (build, check). `rosetta serve` keeps them as a
//! [`Memo`], by what each depends on (a page's links, a locale's TOCs and outputs, a
//! locale's asset IDs, an article's parity), and after a rebuild [`Memo::update`] makes
//! again only those whose inputs changed ([`Changes`]), so that a one-page edit costs what
//! the page costs.

mod anchors;
mod collisions;
mod parity;
mod toc_links;

use crate::analyse::AnalysedLocale;
use crate::diagnostic::Diagnostic;
use crate::site::Site;
use crate::site::pairing::Pairing;
use crate::site::shard::Shard;
use crate::status::{Change, PageState, StatusReport};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// What the check stage reads.
pub(crate) struct Input<'a> {
    pub site: &'a Site,
    /// Each locale's pages and TOCs, in site order.
    pub locales: &'a [AnalysedLocale],
    pub pairing: &'a Pairing,
    /// The locales whose findings the run makes (the others are only compared with).
    pub shard: &'a Shard,
    /// Whether the run writes search pages (a source at their path collides).
    pub search: bool,
}

/// Every cross-page finding on the shard's own locales: fragments that miss their anchor,
/// outputs that collide, TOC entries that lead nowhere, and translation parity. With the
/// translation status, a stale translation is not held to the ids of sections its source
/// added since the version it was made from (`stale-translation` reports those).
pub(crate) fn run(
    input: &Input<'_>,
    status: Option<&StatusReport>,
    findings: &mut Vec<Diagnostic>,
) {
    findings.extend(Memo::new(input, status).into_findings());
}

/// The findings of a run of the checks, by what each depends on (see the module's doc).
#[derive(Default)]
pub(crate) struct Memo {
    /// Per locale, per page: the `broken-anchor` findings of its links.
    anchors: Vec<Vec<Vec<Diagnostic>>>,
    /// Per locale: two sources with one output (the outputs stay the same until a page is
    /// added or removed, which makes a new memo).
    collisions: Vec<Vec<Diagnostic>>,
    /// Per locale: sources at the search page's path.
    search_pages: Vec<Vec<Diagnostic>>,
    /// Per locale: the TOCs' entries.
    tocs: Vec<Vec<Diagnostic>>,
    /// Translation parity.
    parity: parity::Memo,
    /// Per stale translation (site-relative path), the ids its source added since its
    /// version, sorted, as the run saw them.
    added_since: HashMap<String, Vec<String>>,
    /// Per locale: page path → page index, made at the first update.
    paths: Vec<HashMap<String, usize>>,
}

/// What changed since a [`Memo`] was made or updated.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// The pages analysed again (locale, page index).
    pub pages: Vec<(usize, usize)>,
    /// Those of them whose ids changed: fragments that lead there are checked again.
    pub ids: Vec<(usize, usize)>,
    /// The locales whose TOCs were parsed again.
    pub tocs: Vec<usize>,
    /// Whether the translations were paired again (an asset ID or uid changed).
    pub pairing: bool,
}

/// The findings an update took out and those it put in.
#[derive(Debug, Default)]
pub(crate) struct Replaced {
    pub old: Vec<Diagnostic>,
    pub new: Vec<Diagnostic>,
}

impl Replaced {
    /// Records that `slot`'s findings are now `new`.
    fn set(&mut self, slot: &mut Vec<Diagnostic>, new: Vec<Diagnostic>) {
        if *slot == new {
            return;
        }
        self.new.extend(new.iter().cloned());
        self.old.append(slot);
        *slot = new;
    }
}

impl Memo {
    /// Every finding, made anew.
    pub(crate) fn new(input: &Input<'_>, status: Option<&StatusReport>) -> Memo {
        let site = input.site;
        let ids: Vec<anchors::PageIds<'_>> = input
            .locales
            .par_iter()
            .map(|l| anchors::anchor_ids(&l.pages))
            .collect();
        let added_since = added_since_translated(status);
        // Each locale's links and outputs, and the parity of all, side by side.
        let (per_locale, parity) = rayon::join(
            || {
                site.locales
                    .par_iter()
                    .zip(input.locales)
                    .enumerate()
                    .map(|(l, (locale, analysed))| {
                        let pages = &analysed.pages;
                        let own = input.shard.owns(l);
                        let target =
                            |locale: usize, path: &str| ids.get(locale)?.get(path).copied();
                        let mut sets = anchors::IdSets::default();
                        let anchors: Vec<Vec<Diagnostic>> = pages
                            .iter()
                            .map(|page| {
                                let mut found = Vec::new();
                                if own {
                                    anchors::page_broken_anchors(
                                        &site.locales,
                                        l,
                                        page,
                                        &target,
                                        &mut sets,
                                        &mut found,
                                    );
                                }
                                found
                            })
                            .collect();
                        let (mut collisions, mut search_pages, mut tocs) =
                            (Vec::new(), Vec::new(), Vec::new());
                        if own {
                            collisions::output_collisions(locale, pages, &mut collisions);
                            if input.search {
                                collisions::search_page_collisions(
                                    locale,
                                    pages,
                                    &mut search_pages,
                                );
                            }
                            toc_links::toc_links(&site.locales, l, &analysed.tocs, &ids, &mut tocs);
                        }
                        (anchors, collisions, search_pages, tocs)
                    })
                    .collect::<Vec<_>>()
            },
            || parity::Memo::new(&parity_locales(input, &added_since)),
        );
        let mut memo = Memo {
            parity,
            added_since: owned(&added_since),
            ..Memo::default()
        };
        for (anchors, collisions, search_pages, tocs) in per_locale {
            memo.anchors.push(anchors);
            memo.collisions.push(collisions);
            memo.search_pages.push(search_pages);
            memo.tocs.push(tocs);
        }
        memo
    }

    /// Every finding, in the order of a run: each locale's links, outputs and TOCs, then
    /// the parity.
    fn into_findings(self) -> Vec<Diagnostic> {
        let mut all = Vec::new();
        for (l, anchors) in self.anchors.into_iter().enumerate() {
            all.extend(anchors.into_iter().flatten());
            for list in [&self.collisions, &self.search_pages, &self.tocs] {
                all.extend(list.get(l).into_iter().flatten().cloned());
            }
        }
        all.extend(self.parity.into_findings());
        all
    }

    /// Every finding the memo holds.
    pub(crate) fn findings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.anchors
            .iter()
            .flatten()
            .flatten()
            .chain(self.collisions.iter().flatten())
            .chain(self.search_pages.iter().flatten())
            .chain(self.tocs.iter().flatten())
            .chain(self.parity.findings())
    }

    /// Makes again the findings whose inputs `changes` changed (the site's pages being the
    /// same ones, at the same indices, as when the memo was made); returns what it replaced.
    pub(crate) fn update(
        &mut self,
        input: &Input<'_>,
        status: Option<&StatusReport>,
        changes: &Changes,
    ) -> Replaced {
        let site = input.site;
        let mut replaced = Replaced::default();
        if self.paths.len() != input.locales.len() {
            self.paths = input
                .locales
                .iter()
                .map(|l| {
                    l.pages
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (p.path.clone(), i))
                        .collect()
                })
                .collect();
        }
        let paths = &self.paths;
        let target = |locale: usize, path: &str| {
            let i = *paths.get(locale)?.get(path)?;
            input.locales.get(locale)?.pages.get(i)
        };
        // The pages whose links to check again: those analysed again, and those with a
        // fragment that leads to a page whose ids changed.
        let mut again: BTreeSet<(usize, usize)> = changes.pages.iter().copied().collect();
        if !changes.ids.is_empty() {
            let moved: Vec<(usize, &str)> = changes
                .ids
                .iter()
                .map(|&(l, i)| (l, input.locales[l].pages[i].path.as_str()))
                .collect();
            for (l, locale) in input.locales.iter().enumerate() {
                for (i, page) in locale.pages.iter().enumerate() {
                    if anchors::links_into(page, &moved) {
                        again.insert((l, i));
                    }
                }
            }
        }
        let mut sets = anchors::IdSets::default();
        for (l, i) in again.into_iter().filter(|(l, _)| input.shard.owns(*l)) {
            let mut found = Vec::new();
            let page = &input.locales[l].pages[i];
            anchors::page_broken_anchors(&site.locales, l, page, &target, &mut sets, &mut found);
            replaced.set(&mut self.anchors[l][i], found);
        }
        // A page's referenced files may now take the search page's path.
        let changed_locales: BTreeSet<usize> = changes.pages.iter().map(|(l, _)| *l).collect();
        for &l in changed_locales.iter().filter(|_| input.search) {
            let mut found = Vec::new();
            if input.shard.owns(l) {
                let pages = &input.locales[l].pages;
                collisions::search_page_collisions(&site.locales[l], pages, &mut found);
            }
            replaced.set(&mut self.search_pages[l], found);
        }
        // TOCs parsed again, or pages whose ids they may lead to changed.
        let tocs: Vec<usize> = match changes.ids.is_empty() {
            true => changes.tocs.clone(),
            false => (0..input.locales.len()).collect(),
        };
        let tocs: Vec<usize> = tocs.into_iter().filter(|&l| input.shard.owns(l)).collect();
        let ids: Vec<anchors::PageIds<'_>> = match tocs.is_empty() {
            true => Vec::new(),
            false => input
                .locales
                .iter()
                .map(|l| anchors::anchor_ids(&l.pages))
                .collect(),
        };
        for l in tocs {
            let mut found = Vec::new();
            let tocs = &input.locales[l].tocs;
            toc_links::toc_links(&site.locales, l, tocs, &ids, &mut found);
            replaced.set(&mut self.tocs[l], found);
        }
        // Parity: the articles of the pages analysed again, and of the translations whose
        // status now names other added sections; every article when the pairing changed.
        let added_since = added_since_translated(status);
        let mut articles: BTreeSet<usize> = changes
            .pages
            .iter()
            .filter_map(|&(l, i)| input.pairing.article_index(l, i))
            .collect();
        let now = owned(&added_since);
        if now != self.added_since {
            for (l, locale) in input.locales.iter().enumerate() {
                for (i, page) in locale.pages.iter().enumerate() {
                    let file: &str = &page.site_path;
                    if now.get(file) != self.added_since.get(file) {
                        articles.extend(input.pairing.article_index(l, i));
                    }
                }
            }
            self.added_since = now;
        }
        let locales = parity_locales(input, &added_since);
        self.parity
            .update(&locales, &articles, changes.pairing, &mut replaced);
        replaced
    }
}

/// The locales as the parity checks read them.
fn parity_locales<'a>(
    input: &'a Input<'a>,
    added_since: &'a HashMap<&'a str, Vec<&'a str>>,
) -> parity::Locales<'a> {
    let site = input.site;
    let reference = site
        .locales
        .iter()
        .position(|l| l.name == site.reference_locale())
        .unwrap_or(0);
    parity::Locales {
        site,
        reference,
        locales: input.locales,
        pairing: input.pairing,
        shard: input.shard,
        source: site.source_index() == Some(reference),
        added_since,
    }
}

/// Per stale translation (by its site-relative path), the ids of the sections its source
/// added since the version the translation was made from, sorted.
fn added_since_translated(status: Option<&StatusReport>) -> HashMap<&str, Vec<&str>> {
    let mut added: HashMap<&str, Vec<&str>> = HashMap::new();
    for page in status
        .iter()
        .flat_map(|s| &s.locales)
        .flat_map(|l| &l.pages)
    {
        if let PageState::Stale(changes) = &page.state {
            let mut ids: Vec<&str> = changes
                .iter()
                .filter(|c| c.change == Change::Added)
                .map(|c| c.id.as_str())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            if !ids.is_empty() {
                added.insert(&page.file, ids);
            }
        }
    }
    added
}

/// [`added_since_translated`] to keep.
fn owned(added: &HashMap<&str, Vec<&str>>) -> HashMap<String, Vec<String>> {
    added
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect()))
        .collect()
}

#[cfg(test)]
mod tests;
