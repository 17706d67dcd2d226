//! The links between translations: the language switcher, hreflang alternates and sitemap
//! entries, and what every template of a locale sees (`Common`).

use super::Prepared;
use super::sitemap;
use super::views::{Alternate, Common, LanguageLink, SiteView};
use crate::site::is_rtl;
use crate::site::paths::{parent, relative_url};

impl Prepared<'_> {
    /// Each locale's translation of page `i` of locale `l` (output path), in locale order.
    pub(super) fn translations(&self, l: usize, i: usize) -> Vec<Option<&str>> {
        match self.pairing.article_of(l, i) {
            Some(article) => article
                .pages
                .iter()
                .enumerate()
                .map(|(l2, p)| {
                    p.and_then(|j| self.locales[l2].pages.get(j))
                        .map(|p| p.output.as_str())
                })
                .collect(),
            None => (0..self.locales.len())
                .map(|l2| (l2 == l).then(|| self.locales[l].pages[i].output.as_str()))
                .collect(),
        }
    }

    pub(super) fn add_to_sitemap(
        &self,
        sitemap: &mut sitemap::Sitemap,
        l: usize,
        output: &str,
        translations: Vec<Option<&str>>,
    ) {
        let locale = &self.locales[l].locale.name;
        if let Some(own) = self.urls.absolute(&format!("{locale}/{output}")) {
            let mut alternates = self.alternates(l, output, translations);
            alternates.retain(|a| a.lang != "x-default");
            sitemap.add_page(own, alternates);
        }
    }

    /// Every locale's home page.
    pub(super) fn homes(&self) -> Vec<Option<&str>> {
        vec![Some("index.html"); self.locales.len()]
    }

    /// `(locale, URL)` of every translation, for hreflang and the sitemap: absolute when
    /// the base URL is, else relative to the page at `output` of locale `l`.
    fn alternates(
        &self,
        l: usize,
        output: &str,
        translations: Vec<Option<&str>>,
    ) -> Vec<Alternate> {
        let from = format!("{}/{}", self.locales[l].locale.name, parent(output));
        let mut list: Vec<Alternate> = self
            .site
            .locales
            .iter()
            .zip(&translations)
            .filter_map(|(locale, t)| {
                let target = format!("{}/{}", locale.name, (*t)?);
                let href = self
                    .urls
                    .absolute(&target)
                    .unwrap_or_else(|| relative_url(&from, &target));
                Some(Alternate {
                    lang: locale.name.clone(),
                    href,
                })
            })
            .collect();
        let reference = self.site.reference_locale();
        if let Some(default) = list.iter().find(|a| a.lang == reference) {
            let href = default.href.clone();
            list.push(Alternate {
                lang: "x-default".into(),
                href,
            });
        }
        list
    }

    pub(super) fn common(
        &self,
        l: usize,
        output: &str,
        translations: Vec<Option<&str>>,
    ) -> Common<'_> {
        let locale = &self.locales[l].locale;
        let depth = output.matches('/').count() + 1;
        let from = format!("{}/{}", locale.name, parent(output));
        let languages = self
            .locales
            .iter()
            .zip(&translations)
            .enumerate()
            .map(|(l2, (other, t))| LanguageLink {
                lang: &other.locale.name,
                name: &other.name,
                href: t.map(|t| relative_url(&from, &format!("{}/{t}", other.locale.name))),
                current: l2 == l,
                stale: false,
                machine_translated: false,
            })
            .collect();
        Common {
            lang: &locale.name,
            dir: if is_rtl(&locale.name) { "rtl" } else { "ltr" },
            root: "../".repeat(depth),
            home: relative_url(&from, &format!("{}/index.html", locale.name)),
            site: SiteView {
                title: self.site.config.title_for(&locale.name),
            },
            strings: &self.locales[l].page_strings,
            canonical: self.urls.absolute(&format!("{}/{output}", locale.name)),
            alternates: self.alternates(l, output, translations),
            languages,
            search: self.search,
            theme_toggle: &self.locales[l].theme_toggle,
        }
    }
}
