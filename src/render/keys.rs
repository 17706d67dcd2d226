//! The render keys of `rosetta serve`: a page is rendered again only when its key changed.
//! A page's key covers everything its HTML is made of besides what is the same for all
//! pages (theme, strings, configuration): the analysed page, its translations with their
//! fingerprints and status, and its TOC's navigation; a locale's key covers its generated
//! home page and TOC scripts.

use super::Prepared;
use super::nav::LocaleNav;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// What every page's key is made of besides the page itself.
struct KeyParts<'a> {
    /// Each analysed page's fingerprint, per locale in page order.
    prints: &'a [Vec<u64>],
    /// Each page's status fingerprint, per locale in page order.
    statuses: &'a [Vec<u64>],
    /// Each TOC's navigation fingerprint, per locale in TOC order.
    navs: &'a [Vec<u64>],
    /// Each locale's "more" label, as a fingerprint.
    more: &'a [u64],
}

/// What a rebuild may reuse from the previous one (`rosetta serve`): a page is rendered
/// again only when its key changed. The key covers everything a page's HTML is made of
/// besides what is the same for all pages (theme, strings, configuration): the analysed
/// page (`pages`, a fingerprint per page), its translations and its TOC's navigation.
pub(crate) struct Reuse<'a> {
    /// The fingerprint of each analysed page, per locale in page order.
    pub pages: &'a [Vec<u64>],
    /// What changed since the previous run, whose pages are in the output as it rendered
    /// them; `None` renders every page.
    pub since: Option<Since<'a>>,
}

/// What changed since the previous run of a rebuild, whose set of pages is the same.
pub(crate) struct Since<'a> {
    /// The previous run's keys.
    pub keys: &'a Keys,
    /// The pages analysed again (locale, page index).
    pub pages: &'a [(usize, usize)],
    /// Whether a TOC or a page's title changed: the navigation is prepared again (else the
    /// previous run's is used, as it is made of nothing else) and every key made again.
    pub navigation: bool,
    /// Whether the translations were paired again: every key is made again.
    pub pairing: bool,
    /// Whether a page analysed again references or borrows other files than before: the
    /// files each locale copies are listed again.
    pub references: bool,
}

/// The render keys of a run: each page's, and each locale's for what it shows besides its
/// pages that depends on them (the generated home page, the TOC scripts).
#[derive(Clone, Default)]
pub(crate) struct Keys {
    /// Per locale, in page order.
    pub pages: Vec<Vec<u64>>,
    /// Per locale.
    pub locales: Vec<u64>,
    /// Per locale, the navigation the run prepared (see [`Since::navigation`]).
    pub navs: Vec<Navigation>,
    /// Per locale, in page order: a fingerprint of the page's translation status (0: none).
    statuses: Vec<Vec<u64>>,
    /// Per locale: the files it copies to the output (see [`Since::references`]).
    pub(super) copies: Vec<Arc<BTreeSet<String>>>,
    /// Per locale, when each page's file last changed in git (read once per run: a rebuild
    /// takes the previous run's, since editing a file does not change its history).
    pub dates: Vec<Dates>,
}

/// When each page's file of a locale last changed in git (page path → `YYYY-MM-DD`), as of
/// the commit `head` of its repository (none outside a repository): a rebuild reads them
/// again only when `HEAD` moved.
#[derive(Clone, Default)]
pub(crate) struct Dates {
    pub(super) head: Option<String>,
    pub(super) dates: Arc<HashMap<String, String>>,
}

/// A locale's navigation, prepared from its TOCs and the pages' titles.
#[derive(Clone)]
pub(crate) struct Navigation(pub(super) Arc<LocaleNav>);

impl Prepared<'_> {
    /// The fingerprint of each TOC's navigation, per locale in TOC order.
    fn toc_prints(&self) -> Vec<Vec<u64>> {
        self.locales
            .iter()
            .map(|l| l.nav.fingerprints().to_vec())
            .collect()
    }

    /// Each page's translation status as a fingerprint (0: none), per locale in page order.
    fn status_prints(&self) -> Vec<Vec<u64>> {
        self.locales
            .iter()
            .map(|locale| {
                locale
                    .pages
                    .iter()
                    .map(|page| match self.status.get(&*page.site_path) {
                        Some(status) => {
                            let mut key = std::hash::DefaultHasher::new();
                            status.hash(&mut key);
                            key.finish() | 1
                        }
                        None => 0,
                    })
                    .collect()
            })
            .collect()
    }

    /// The key of page `i` of locale `l` (see [`Reuse`]): its fingerprint; its
    /// translations (the switcher links them; a page is named by its place, the set of
    /// pages being the same from key to key), their fingerprints and status (the switcher
    /// marks translations that are stale or machine translated; a stale page shows a
    /// banner); its TOC's navigation; its date from git.
    fn page_key(&self, l: usize, i: usize, parts: &KeyParts<'_>) -> u64 {
        let mut key = std::hash::DefaultHasher::new();
        parts.prints.get(l).and_then(|f| f.get(i)).hash(&mut key);
        match self.pairing.article_of(l, i) {
            Some(article) => {
                article.pages.hash(&mut key);
                for (l2, j) in article.present() {
                    parts.prints.get(l2).and_then(|f| f.get(j)).hash(&mut key);
                    parts.statuses.get(l2).and_then(|s| s.get(j)).hash(&mut key);
                }
            }
            None => {
                (l, i).hash(&mut key);
                parts.statuses.get(l).and_then(|s| s.get(i)).hash(&mut key);
            }
        }
        self.locales[l]
            .nav
            .toc_index_for(&self.locales[l].pages[i].path)
            .map(|t| parts.navs[l][t])
            .hash(&mut key);
        parts.more[l].hash(&mut key);
        // Its date from git (which moves with `HEAD`, not with the page).
        let locale = &self.locales[l];
        locale.dates.dates.get(&locale.pages[i].path).hash(&mut key);
        key.finish()
    }

    /// Each locale's key for its generated home page and TOC scripts: its TOCs'
    /// navigation, and the title and output of each of its pages (the home page lists those
    /// no TOC lists).
    fn locale_keys(&self, navs: &[Vec<u64>]) -> Vec<u64> {
        self.locales
            .iter()
            .zip(navs)
            .map(|(locale, navs)| {
                let mut key = std::hash::DefaultHasher::new();
                for toc in navs {
                    toc.hash(&mut key);
                }
                locale.has_home_page.hash(&mut key);
                for page in locale.pages {
                    (&page.path, &page.output, &page.title).hash(&mut key);
                }
                key.finish()
            })
            .collect()
    }

    /// Every page's and locale's key, with `reuse.pages` the fingerprint of each analysed
    /// page. After a change that keeps the navigation, the pairing and the dates from git,
    /// only the pages of the articles analysed again, or whose status changed, get a new
    /// key.
    pub(super) fn keys(&self, reuse: &Reuse<'_>) -> Keys {
        let navs = self.toc_prints();
        let statuses = self.status_prints();
        let more: Vec<u64> = self
            .locales
            .iter()
            .map(|l| {
                let mut key = std::hash::DefaultHasher::new();
                l.strings.get("nav-more").hash(&mut key);
                key.finish()
            })
            .collect();
        let parts = KeyParts {
            prints: reuse.pages,
            statuses: &statuses,
            navs: &navs,
            more: &more,
        };
        let same_dates = |since: &Since<'_>| {
            self.locales
                .iter()
                .zip(&since.keys.dates)
                .all(|(l, d)| Arc::ptr_eq(&l.dates.dates, &d.dates))
                && since.keys.dates.len() == self.locales.len()
        };
        let (pages, locales) = match &reuse.since {
            Some(since) if !since.navigation && !since.pairing && same_dates(since) => {
                let mut pages = since.keys.pages.clone();
                let status_changed = statuses.iter().enumerate().flat_map(|(l, s)| {
                    let before = since.keys.statuses.get(l);
                    s.iter()
                        .enumerate()
                        .filter(move |(i, p)| before.and_then(|b| b.get(*i)) != Some(*p))
                        .map(move |(i, _)| (l, i))
                });
                let again: BTreeSet<(usize, usize)> = since
                    .pages
                    .iter()
                    .copied()
                    .chain(status_changed)
                    .flat_map(|(l, i)| match self.pairing.article_of(l, i) {
                        Some(article) => article.present().collect(),
                        None => vec![(l, i)],
                    })
                    .collect();
                for (l, i) in again {
                    if let Some(slot) = pages.get_mut(l).and_then(|p| p.get_mut(i)) {
                        *slot = self.page_key(l, i, &parts);
                    }
                }
                (pages, since.keys.locales.clone())
            }
            _ => {
                let pages = (0..self.locales.len())
                    .map(|l| {
                        (0..self.locales[l].pages.len())
                            .into_par_iter()
                            .map(|i| self.page_key(l, i, &parts))
                            .collect()
                    })
                    .collect();
                (pages, self.locale_keys(&navs))
            }
        };
        Keys {
            pages,
            locales,
            navs: self
                .locales
                .iter()
                .map(|l| Navigation(l.nav.clone()))
                .collect(),
            statuses,
            copies: self.copy_sets.clone(),
            dates: self.locales.iter().map(|l| l.dates.clone()).collect(),
        }
    }

    /// Keeps in the output what the `previous` run wrote under the same key.
    pub(super) fn keep_unchanged(&mut self, keys: &Keys, previous: &Keys) {
        self.kept = keys
            .pages
            .iter()
            .enumerate()
            .map(|(l, keys)| {
                keys.iter()
                    .enumerate()
                    .map(|(i, key)| previous.pages.get(l).and_then(|p| p.get(i)) == Some(key))
                    .collect()
            })
            .collect();
        self.kept_extras = keys
            .locales
            .iter()
            .enumerate()
            .map(|(l, key)| previous.locales.get(l) == Some(key))
            .collect();
    }
}
