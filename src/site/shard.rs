//! Which locales a run is about, and how far it reads the others: a locale shard
//! (`build --locale`, `check --locale`) builds and reports its own locales, analyses the
//! locales they are compared with or fall back to, and reads the rest only as far as their
//! pages' files and front matter (the language switcher, hreflang, the sitemap and the
//! pairing of translations need no more). A whole-site run is the shard of every locale,
//! so shards and whole builds go down one code path.

use super::Site;

/// How far a run takes one locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// A locale of the run: its pages are analysed, rendered and indexed (in a build), and
    /// its findings reported.
    Own,
    /// The reference or the source locale of a shard that does not own it: its pages are
    /// analysed, without rendering, for the checks that compare the run's locales with it
    /// and for the references that fall back to it; nothing of it is written or reported.
    Compared,
    /// Any other locale: only its pages are read, for their front matter (their facts are
    /// empty, their title is the front matter's or the file name).
    Listed,
}

/// Each locale's [`Part`] in a run, in site order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Shard {
    parts: Vec<Part>,
}

impl Shard {
    /// Every locale of the site.
    pub(crate) fn whole(site: &Site) -> Shard {
        Shard {
            parts: vec![Part::Own; site.locales.len()],
        }
    }

    /// The shard of the locales named `names` (every locale when empty); names must be
    /// locales of the site (see `policy::check_locale_options`).
    pub(crate) fn of(site: &Site, names: &[String]) -> Shard {
        if names.is_empty() {
            return Shard::whole(site);
        }
        let compared = [Some(site.reference_index()), site.source_index()];
        let parts = site
            .locales
            .iter()
            .enumerate()
            .map(|(l, locale)| {
                if names.contains(&locale.name) {
                    Part::Own
                } else if compared.contains(&Some(l)) {
                    Part::Compared
                } else {
                    Part::Listed
                }
            })
            .collect();
        Shard { parts }
    }

    /// How far the run takes locale `l`.
    pub(crate) fn part(&self, l: usize) -> Part {
        self.parts.get(l).copied().unwrap_or(Part::Listed)
    }

    /// Whether locale `l` is one of the run's own.
    pub(crate) fn owns(&self, l: usize) -> bool {
        self.part(l) == Part::Own
    }

    /// The run's own locales, by index in site order.
    pub(crate) fn own(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.parts.len()).filter(|&l| self.owns(l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::config::Config;
    use crate::site::{Locale, paths::FileIndex, redirects::Redirects};
    use std::path::PathBuf;

    fn site(names: &[&str], yaml: &str) -> Site {
        let config = Config::parse(yaml).unwrap_or_else(|e| panic!("{e:?}"));
        Site {
            root: PathBuf::from("/site"),
            config,
            locales: names
                .iter()
                .map(|n| {
                    Locale::in_memory(
                        n,
                        PathBuf::from(format!("/site/content/{n}")),
                        format!("content/{n}"),
                        FileIndex::default(),
                    )
                })
                .collect(),
            redirects: Redirects::default(),
        }
    }

    #[test]
    fn a_shard_compares_with_the_reference_and_source_and_lists_the_rest() {
        let site = site(
            &["en-us", "de-de", "es-es", "zh-tw"],
            "source_locale: en-us\nreference_locale: de-de\n",
        );
        let shard = Shard::of(&site, &["zh-tw".to_owned()]);
        assert_eq!(
            (0..4).map(|l| shard.part(l)).collect::<Vec<_>>(),
            [Part::Compared, Part::Compared, Part::Listed, Part::Own]
        );
        assert_eq!(shard.own().collect::<Vec<_>>(), [3]);
    }

    #[test]
    fn no_names_and_all_names_are_the_whole_site() {
        let site = site(&["zh-tw", "es-es"], "");
        assert_eq!(Shard::of(&site, &[]), Shard::whole(&site));
        let all = ["es-es".to_owned(), "zh-tw".to_owned()];
        assert_eq!(Shard::of(&site, &all), Shard::whole(&site));
        // Without a source locale the first locale is the reference.
        let shard = Shard::of(&site, &["es-es".to_owned()]);
        assert_eq!(shard.part(0), Part::Compared);
    }
}
