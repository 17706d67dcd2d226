//! Which pages are translations of one another: pages pair across locales by path,
//! ignoring letter case; then, among pages still unpaired, by an `ms.assetid` that is unique
//! in each locale. The language switcher and the parity checks share this one rule.

use std::collections::{BTreeMap, HashMap};

/// What pairing needs to know of a page.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PageKey<'p> {
    /// Source path relative to the locale root.
    pub path: &'p str,
    pub asset_id: Option<&'p str>,
}

/// One article across locales: for each locale (in site order) the index of its page in that
/// locale's page list, if it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Article {
    pub pages: Vec<Option<usize>>,
    /// Whether some locale's page joined by asset ID rather than by path.
    pub by_asset_id: bool,
}

impl Article {
    /// Locales (by index) that have the article.
    pub(crate) fn present(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.pages
            .iter()
            .enumerate()
            .filter_map(|(l, p)| p.map(|p| (l, p)))
    }

    /// Whether every locale has the article.
    pub(crate) fn complete(&self) -> bool {
        self.pages.iter().all(Option::is_some)
    }
}

/// The pairing of every page of every locale.
#[derive(Clone, Debug, Default)]
pub(crate) struct Pairing {
    pub articles: Vec<Article>,
    /// For each locale, for each page index: the article it belongs to.
    article_of: Vec<Vec<usize>>,
}

impl Pairing {
    /// Pairs the pages of the locales (`locales[l][i]` is page `i` of locale `l`).
    pub(crate) fn new(locales: &[Vec<PageKey<'_>>]) -> Pairing {
        let n = locales.len();
        // 1. By path, ignoring letter case; within a locale the first page of a folded path wins.
        let mut by_path: BTreeMap<String, Vec<Option<usize>>> = BTreeMap::new();
        let mut leftovers: Vec<(usize, usize)> = Vec::new();
        for (l, pages) in locales.iter().enumerate() {
            for (i, page) in pages.iter().enumerate() {
                let slot = &mut by_path
                    .entry(page.path.to_lowercase())
                    .or_insert_with(|| vec![None; n])[l];
                if slot.is_none() {
                    *slot = Some(i);
                } else {
                    leftovers.push((l, i));
                }
            }
        }
        let mut groups: Vec<Article> = by_path
            .into_values()
            .map(|pages| Article {
                pages,
                by_asset_id: false,
            })
            .collect();
        for (l, i) in leftovers {
            let mut pages = vec![None; n];
            pages[l] = Some(i);
            groups.push(Article {
                pages,
                by_asset_id: false,
            });
        }
        // 2. Incomplete groups join by an asset ID unique in each of their locales.
        let unique: Vec<HashMap<&str, usize>> = locales
            .iter()
            .map(|pages| {
                let mut count: HashMap<&str, usize> = HashMap::new();
                for id in pages.iter().filter_map(|p| p.asset_id) {
                    *count.entry(id).or_default() += 1;
                }
                count
            })
            .collect();
        let asset_of = |g: &Article| -> Option<&str> {
            g.present()
                .filter_map(|(l, i)| {
                    locales[l][i]
                        .asset_id
                        .filter(|id| unique[l].get(id) == Some(&1))
                })
                .next()
        };
        let mut by_asset: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (g, group) in groups.iter().enumerate() {
            if !group.complete()
                && let Some(id) = asset_of(group)
            {
                by_asset.entry(id).or_default().push(g);
            }
        }
        let mut merged_into: Vec<Option<usize>> = vec![None; groups.len()];
        for members in by_asset.values() {
            let Some((&first, rest)) = members.split_first() else {
                continue;
            };
            for &other in rest {
                let disjoint = groups[first]
                    .pages
                    .iter()
                    .zip(&groups[other].pages)
                    .all(|(a, b)| a.is_none() || b.is_none());
                if !disjoint {
                    continue;
                }
                let moved = groups[other].pages.clone();
                for (slot, page) in groups[first].pages.iter_mut().zip(moved) {
                    if page.is_some() {
                        *slot = page;
                    }
                }
                groups[first].by_asset_id = true;
                merged_into[other] = Some(first);
            }
        }
        let articles: Vec<Article> = groups
            .into_iter()
            .enumerate()
            .filter(|(g, _)| merged_into[*g].is_none())
            .map(|(_, a)| a)
            .collect();
        let mut article_of: Vec<Vec<usize>> = locales.iter().map(|p| vec![0; p.len()]).collect();
        for (a, article) in articles.iter().enumerate() {
            for (l, i) in article.present() {
                article_of[l][i] = a;
            }
        }
        Pairing {
            articles,
            article_of,
        }
    }

    /// The article a page belongs to.
    pub(crate) fn article_of(&self, locale: usize, page: usize) -> Option<&Article> {
        self.articles.get(self.article_index(locale, page)?)
    }

    /// The index in `articles` of the article a page belongs to.
    pub(crate) fn article_index(&self, locale: usize, page: usize) -> Option<usize> {
        self.article_of.get(locale)?.get(page).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'p>(path: &'p str, id: Option<&'p str>) -> PageKey<'p> {
        PageKey { path, asset_id: id }
    }

    #[test]
    fn pages_pair_by_path_ignoring_case_then_by_unique_asset_id() {
        let zh = vec![
            key("a.md", Some("1")),
            key("Troubleshoot/b.md", Some("2")),
            key("old/c.md", Some("3")),
            key("only-zh.md", Some("9")),
        ];
        let es = vec![
            key("A.md", Some("1")),
            key("troubleshoot/b.md", Some("2")),
            key("new/c.md", Some("3")),
        ];
        let p = Pairing::new(&[zh, es]);
        let article = |l, i| p.article_of(l, i).map(|a| a.pages.clone());
        assert_eq!(article(0, 0), Some(vec![Some(0), Some(0)]));
        assert_eq!(article(0, 1), Some(vec![Some(1), Some(1)]));
        assert_eq!(
            article(0, 2),
            Some(vec![Some(2), Some(2)]),
            "moved page pairs by asset id"
        );
        assert!(p.article_of(0, 2).is_some_and(|a| a.by_asset_id));
        assert_eq!(article(0, 3), Some(vec![Some(3), None]));
        assert_eq!(p.articles.len(), 4);
    }

    #[test]
    fn a_shared_asset_id_does_not_pair() {
        let zh = vec![key("x.md", Some("dup")), key("y.md", Some("dup"))];
        let es = vec![key("z.md", Some("dup"))];
        let p = Pairing::new(&[zh, es]);
        assert_eq!(p.articles.len(), 3);
    }
}
