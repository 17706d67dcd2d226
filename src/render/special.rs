//! The pages a locale has besides its articles: the generated home page (when there is no
//! `index.md`), redirect pages, the search page, and at the output root the locale chooser
//! and `404.html`.

use super::Prepared;
use super::views::{
    ChooserContext, IndexContext, LocaleChoice, PageLink, RedirectContext, SearchContext,
};
use crate::error::Error;
use crate::site::Site;
use crate::site::is_rtl;
use crate::site::paths::{
    self, FileKind, Lookup, SEARCH_PAGE, bundle_dir, page_output, parent, relative_url,
};
use crate::site::redirects::Final;
use crate::site::resolve::Resolver;

impl Prepared<'_> {
    /// A locale's home page when it has no `index.md`: its TOCs, then the pages no TOC lists.
    pub(super) fn render_home(&self, l: usize) -> Result<String, Error> {
        let common = self.common(l, "index.html", self.homes());
        let nav = &self.locales[l].nav;
        let tocs = nav
            .tocs
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| t.full_html(""))
            .collect();
        let other_pages = self.locales[l]
            .pages
            .iter()
            .filter(|p| !nav.lists(&p.path))
            .map(|p| PageLink {
                title: p.title.clone(),
                href: relative_url("", &p.output),
            })
            .collect();
        // What search engines show of the page: the site's pages in this language.
        let site = self
            .site
            .config
            .title_for(&self.locales[l].locale.name)
            .map_or_else(|| self.locales[l].strings.get("home"), str::to_owned);
        let description = crate::i18n::fill(
            &self.locales[l].strings.get("home-description"),
            &[("site", &site)],
        );
        let context = IndexContext {
            common,
            description,
            tocs,
            other_pages,
        };
        self.theme.render_with(
            "index.html",
            &context,
            &self.locales[l].shared,
            "the home page",
        )
    }

    /// A redirect page at `from` (output path) of locale `l`, leading to `to` (relative to
    /// it, or absolute): it goes on at once, keeping the `#fragment`; without JavaScript a
    /// meta refresh and a visible link do.
    pub(super) fn render_redirect(&self, l: usize, from: &str, to: &str) -> Result<String, Error> {
        let locale = &self.locales[l].locale;
        let canonical = match (&self.urls.absolute, to.contains("://")) {
            (_, true) => to.to_owned(),
            (Some(_), false) => {
                let target = paths::normalize(&format!("{}/{}", locale.name, parent(from)), to)
                    .unwrap_or_default();
                self.urls.absolute(&target).unwrap_or_else(|| to.to_owned())
            }
            (None, false) => to.to_owned(),
        };
        // A JSON string is a JavaScript string; `<` escaped so it cannot close the script.
        let target_js = serde_json::to_string(to)
            .unwrap_or_else(|_| "\"\"".into())
            .replace('<', "\\u003c");
        let context = RedirectContext {
            lang: &locale.name,
            dir: if is_rtl(&locale.name) { "rtl" } else { "ltr" },
            target: to,
            target_js,
            canonical,
        };
        self.theme
            .render_with("redirect.html", &context, &self.locales[l].shared, from)
    }

    /// A locale's search page: the query from `?q=` runs against the locale's index.
    pub(super) fn render_search(&self, l: usize) -> Result<String, Error> {
        let name = &self.locales[l].locale.name;
        let every = vec![Some(SEARCH_PAGE); self.locales.len()];
        let common = self.common(l, SEARCH_PAGE, every);
        let search_bundle = format!("{}/", relative_url(name, &bundle_dir(name)));
        let context = SearchContext {
            common,
            search_bundle,
        };
        self.theme.render_with(
            "search.html",
            &context,
            &self.locales[l].shared,
            "the search page",
        )
    }

    /// The locale chooser (`index.html`) or the not-found page (`404.html`), both at the
    /// output root and in every language.
    pub(super) fn render_chooser(&self, not_found: bool) -> Result<String, Error> {
        // 404.html is served at any depth: its links start from the base path when known.
        let root = match (&self.urls.path, not_found) {
            (Some(path), true) => path.clone(),
            _ => String::new(),
        };
        let locales = self
            .site
            .locales
            .iter()
            .enumerate()
            .map(|(l, locale)| {
                let href = format!("{root}{}/index.html", relative_url("", &locale.name));
                LocaleChoice {
                    lang: &locale.name,
                    dir: if is_rtl(&locale.name) { "rtl" } else { "ltr" },
                    name: &self.locales[l].name,
                    alternate: self
                        .urls
                        .absolute(&format!("{}/index.html", locale.name))
                        .unwrap_or_else(|| href.clone()),
                    href,
                    title: self.site.config.title_for(&locale.name),
                    strings: &self.locales[l].page_strings,
                }
            })
            .collect();
        let template = if not_found {
            "404.html"
        } else {
            "chooser.html"
        };
        self.theme
            .render(template, &ChooserContext { root, locales }, "the root page")
    }
}

/// The redirect pages of locale `l`: every redirected path that is no page of the locale
/// (nor of the source locale), with the URL of the page its redirection ends at (this
/// locale's, else the source's) relative to the redirect page, or an absolute URL.
pub(super) fn redirect_pages(site: &Site, l: usize) -> Vec<(String, String)> {
    let resolver = Resolver::new(site, l);
    let name = &site.locales[l].name;
    let mut pages = Vec::new();
    for (redirect, last) in site.redirects.iter() {
        let is_page = |locale: usize| {
            matches!(
                site.locales[locale].files.find(&redirect.from),
                Lookup::Found {
                    kind: FileKind::Page,
                    ..
                }
            )
        };
        if is_page(l) || resolver.source.is_some_and(is_page) {
            continue;
        }
        let from = page_output(&redirect.from);
        let to = match last {
            Final::Url(url) => url.clone(),
            Final::Broken => continue,
            Final::Page(target) => {
                let Some(found) = resolver.find_file(target) else {
                    continue;
                };
                relative_url(
                    &format!("{name}/{}", parent(&from)),
                    &format!(
                        "{}/{}",
                        site.locales[found.locale].name,
                        page_output(&found.path)
                    ),
                )
            }
        };
        pages.push((from, to));
    }
    pages.sort();
    pages.dedup_by(|a, b| a.0.eq_ignore_ascii_case(&b.0));
    pages
}
