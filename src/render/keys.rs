//! The render keys of `rosetta serve`: a page is rendered again only when its key changed.
//! A page's key covers everything its HTML is made of besides what is the same for all
//! pages (theme, strings, configuration): the analysed page, its translations with their
//! fingerprints and status, and its TOC's navigation; a locale's key covers its generated
//! home page and TOC scripts.

use super::Prepared;
use super::nav::LocaleNav;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// What a rebuild may reuse from the previous one (`rosetta serve`): a page is rendered
/// again only when its key changed. The key covers everything a page's HTML is made of
/// besides what is the same for all pages (theme, strings, configuration): the analysed
/// page (`pages`, a fingerprint per page), its translations and its TOC's navigation.
pub(crate) struct Reuse<'a> {
    /// The fingerprint of each analysed page, per locale in page order.
    pub pages: &'a [Vec<u64>],
    /// The keys of the previous run, whose pages are in the output as it rendered them;
    /// `None` renders every page.
    pub previous: Option<&'a Keys>,
    /// Each locale's navigation as the previous run prepared it (`Keys::navs`), to use
    /// again: only when no TOC and no page title changed since, as the navigation is made
    /// of nothing else (the set of pages being the same).
    pub navs: Option<&'a [Navigation]>,
}

/// The render keys of a run: each page's, and each locale's for what it shows besides its
/// pages that depends on them (the generated home page, the TOC scripts).
#[derive(Clone, Default)]
pub(crate) struct Keys {
    /// Per locale, in page order.
    pub pages: Vec<Vec<u64>>,
    /// Per locale.
    pub locales: Vec<u64>,
    /// Per locale, the navigation the run prepared (see [`Reuse::navs`]).
    pub navs: Vec<Navigation>,
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
            .par_iter()
            .map(|l| l.nav.fingerprints().to_vec())
            .collect()
    }

    /// Each page's key (see [`Reuse`]), per locale in page order; `navs` from
    /// [`Prepared::toc_prints`].
    fn page_keys(&self, fingerprints: &[Vec<u64>], navs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let more: Vec<String> = self
            .locales
            .iter()
            .map(|l| l.strings.get("nav-more"))
            .collect();
        // Each page's status, as a fingerprint (0: none).
        let statuses: Vec<Vec<u64>> = self
            .locales
            .iter()
            .map(|locale| {
                locale
                    .pages
                    .par_iter()
                    .map(|page| {
                        let Some(status) = self.status.get(&*page.site_path) else {
                            return 0;
                        };
                        let mut key = std::hash::DefaultHasher::new();
                        status.hash(&mut key);
                        key.finish() | 1
                    })
                    .collect()
            })
            .collect();
        self.locales
            .iter()
            .enumerate()
            .map(|(l, locale)| {
                locale
                    .pages
                    .par_iter()
                    .enumerate()
                    .map(|(i, page)| {
                        let mut key = std::hash::DefaultHasher::new();
                        let print = fingerprints.get(l).and_then(|f| f.get(i)).copied();
                        print.hash(&mut key);
                        // Its translations (the switcher links them), their fingerprints and
                        // status: the switcher marks translations that are stale or machine
                        // translated; a stale page shows a banner.
                        match self.pairing.article_of(l, i) {
                            Some(article) => {
                                for (l2, j) in article.pages.iter().enumerate() {
                                    let other = j.and_then(|j| self.locales[l2].pages.get(j));
                                    other.map(|p| &p.output).hash(&mut key);
                                }
                                for (l2, j) in article.present() {
                                    fingerprints.get(l2).and_then(|f| f.get(j)).hash(&mut key);
                                    statuses.get(l2).and_then(|s| s.get(j)).hash(&mut key);
                                }
                            }
                            None => {
                                page.output.hash(&mut key);
                                statuses.get(l).and_then(|s| s.get(i)).hash(&mut key);
                            }
                        }
                        locale
                            .nav
                            .toc_index_for(&page.path)
                            .map(|t| navs[l][t])
                            .hash(&mut key);
                        more[l].hash(&mut key);
                        // Its date from git (which moves with `HEAD`, not with the page).
                        locale.dates.dates.get(&page.path).hash(&mut key);
                        key.finish()
                    })
                    .collect()
            })
            .collect()
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

    /// Every page's and locale's key, with `prints` the fingerprint of each analysed page.
    pub(super) fn keys(&self, prints: &[Vec<u64>]) -> Keys {
        let navs = self.toc_prints();
        Keys {
            pages: self.page_keys(prints, &navs),
            locales: self.locale_keys(&navs),
            navs: self
                .locales
                .iter()
                .map(|l| Navigation(l.nav.clone()))
                .collect(),
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
