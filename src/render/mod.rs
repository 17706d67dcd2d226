//! The render stage: pages through the theme's templates with their navigation, language
//! switcher and alternates; the locale home pages, the locale chooser, `404.html`, the
//! shared TOC scripts, `sitemap.xml`, resources and theme assets, all into the staging
//! output.
//!
//! Cross-page work (pairing, TOCs) is prepared once (`prepare`: one `LocaleRender` per
//! locale); each page then costs one template render plus string building proportional to
//! what it shows. Here: the run's order of writing (folders, pages, what each locale writes
//! after its pages, the search feed). By concern: `views.rs` (what templates see, and a
//! page's view), `languages.rs` (switcher, hreflang, sitemap entries), `special.rs` (home,
//! redirect, search, chooser and 404 pages), `keys.rs` (`serve`'s render keys),
//! `resources.rs` (copied files, theme assets), `xrefmap.rs`, `nav.rs` (navigation),
//! `sitemap.rs`, `stale.rs` (translation status shown to readers), `versions.rs` (a page's
//! version picker and search versions).

mod keys;
mod languages;
mod nav;
mod reader;
mod resources;
mod sitemap;
mod special;
mod stale;
mod versions;
mod views;
mod xrefmap;

pub(crate) use keys::{Dates, Keys, Navigation, Reuse, Since};

use crate::analyse::AnalysedLocale;
use crate::analyse::versions::SiteVersions;
use crate::error::Error;
use crate::i18n::Strings;
use crate::output::Output;
use crate::page::{Page, search_page_sources};
use crate::site::pairing::Pairing;
use crate::site::paths::{SEARCH_PAGE, relative_url};
use crate::site::shard::Shard;
use crate::site::{Locale, Site};
use crate::status::{PageStatus, StatusReport};
use crate::theme::Theme;
use nav::LocaleNav;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// Where the site is served from, when known.
#[derive(Clone, Debug, Default)]
pub(crate) struct Urls {
    /// An absolute `http(s)://…/` base URL (ending in `/`): canonical URLs, absolute
    /// hreflang and the sitemap.
    pub absolute: Option<String>,
    /// The path of the base URL (`/docs/`), for the 404 page that is served at any depth.
    pub path: Option<String>,
}

impl Urls {
    /// From a configured `base_url` (absolute, or a `/path`).
    pub(crate) fn new(base_url: Option<&str>) -> Urls {
        let Some(base) = base_url else {
            return Urls::default();
        };
        let base = if base.ends_with('/') {
            base.to_owned()
        } else {
            format!("{base}/")
        };
        if let Some(rest) = base
            .strip_prefix("https://")
            .or_else(|| base.strip_prefix("http://"))
        {
            let path = rest.find('/').map_or("/", |i| &rest[i..]).to_owned();
            Urls {
                absolute: Some(base),
                path: Some(path),
            }
        } else {
            Urls {
                absolute: None,
                path: Some(base),
            }
        }
    }

    /// The summary note when `base_url` (the configured one) is not absolute: no sitemap,
    /// no canonical URLs.
    pub(crate) fn note(&self, base_url: Option<&str>) -> Option<String> {
        match (base_url, &self.absolute) {
            (None, _) => Some(
                "no base_url: no sitemap or canonical URLs, hreflang links are relative".to_owned(),
            ),
            (Some(url), None) => Some(format!(
                "base_url `{url}` is not an absolute http(s) URL: no sitemap or canonical URLs, hreflang links are relative"
            )),
            _ => None,
        }
    }

    fn absolute(&self, output: &str) -> Option<String> {
        self.absolute
            .as_ref()
            .map(|base| format!("{base}{}", relative_url("", output)))
    }
}

/// What the render stage reads.
pub(crate) struct Input<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    /// Each locale's pages, TOCs and UI strings, in site order.
    pub locales: &'a [AnalysedLocale],
    pub pairing: &'a Pairing,
    /// The locales written: their pages, home, search and redirect pages, TOC scripts,
    /// resources and xref map. What every locale's output shares (the locale chooser,
    /// `404.html`, the sitemap, the theme's assets) is written by every shard alike, and a
    /// file a locale's pages borrow from the source locale is copied by the borrowing
    /// locale, so that shards copied together are the whole site.
    pub shard: &'a Shard,
    pub urls: Urls,
    /// Whether the site has search: the search box on every page, a search page per locale
    /// (the index itself is built by `search/`, beside or after rendering).
    pub search: bool,
    /// The translation status (with a source locale).
    pub status: Option<&'a StatusReport>,
    /// The site's versions (monikers).
    pub versions: &'a SiteVersions,
}

/// What a locale writes after its pages.
struct LocalePlan<'a> {
    scripts: Vec<&'a nav::TocNav>,
}

/// One locale as the render stage sees it, prepared once per build.
struct LocaleRender<'a> {
    locale: &'a Locale,
    pages: &'a [Page],
    strings: &'a Strings,
    /// The UI strings every page's template sees: all but the labels of YAML pages'
    /// link lists (`landing-*`), which only those pages see (templates copy what they get).
    page_strings: BTreeMap<String, String>,
    /// The `landing-*` labels, for YAML pages.
    landing_strings: BTreeMap<String, String>,
    /// What every template of the locale sees besides its own context: `strings`
    /// (converted for the templates once per locale, not once per page).
    shared: crate::theme::Shared,
    /// The colour scheme toggle's HTML.
    theme_toggle: String,
    /// The locale's date format, for "last updated".
    date_format: reader::DateFormat,
    /// When each page's file last changed in git (for a locale the shard writes).
    dates: Dates,
    /// The text of the toggle that shows the source page in place of a translation.
    source_label: String,
    /// The language's name in itself, for the switcher.
    name: String,
    nav: Arc<LocaleNav>,
    /// Whether a page is the locale's home page (`index.md` at the locale root).
    has_home_page: bool,
    /// Redirect pages: (output path, where it leads, relative to the redirect page).
    redirects: Vec<(String, String)>,
    /// The title of each version in the locale's language.
    version_titles: Vec<String>,
    /// Page path → index in `pages`, in a site with versions (a picker links group twins).
    page_index: HashMap<&'a str, usize>,
}

/// Everything the render stage prepares once per build.
struct Prepared<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// In site order.
    locales: Vec<LocaleRender<'a>>,
    pairing: &'a Pairing,
    urls: &'a Urls,
    /// The locales written.
    shard: &'a Shard,
    /// Per locale: the files it copies to the output (none for a locale not written).
    copy_sets: Vec<Arc<BTreeSet<String>>>,
    /// Whether each locale gets a search page and its pages go to the index.
    search: bool,
    /// The pages rendered by the previous run that are still valid: per locale, in page
    /// order, whether page `i` is kept as it is.
    kept: Vec<Vec<bool>>,
    /// Per locale: whether its generated home page and TOC scripts are kept as they are.
    kept_extras: Vec<bool>,
    /// Whether each locale's xref map is kept as it is (no uid, title or pairing changed).
    kept_xrefmaps: bool,
    /// Each translated page's status, by its SITE-relative path.
    status: HashMap<&'a str, &'a PageStatus>,
    /// The site's versions.
    versions: &'a SiteVersions,
}

/// Writes every page, home page, TOC script, resource and theme asset into `out`, and the
/// sitemap when the base URL is absolute.
pub(crate) fn write_site(input: &Input<'_>, out: &Output) -> Result<(), Error> {
    let mut prepared = prepare(input, None, None);
    prepared.list_copies(None);
    prepared.write(out)
}

/// [`write_site`] for a rebuild: pages whose key did not change since the previous run are
/// kept as they are in the output (see [`Reuse`]); returns every page's key. No search
/// index is fed.
pub(crate) fn rewrite_site(
    input: &Input<'_>,
    out: &Output,
    reuse: &Reuse<'_>,
) -> Result<Keys, Error> {
    let since = reuse.since.as_ref();
    let navs = since
        .filter(|s| !s.navigation)
        .map(|s| s.keys.navs.as_slice());
    let mut prepared = prepare(input, navs, since.map(|s| s.keys.dates.as_slice()));
    let copies = since
        .filter(|s| !s.references)
        .map(|s| s.keys.copies.as_slice());
    prepared.list_copies(copies);
    let keys = prepared.keys(reuse);
    if let Some(since) = since {
        prepared.keep_unchanged(&keys, since.keys);
        prepared.kept_xrefmaps = !since.navigation && !since.pairing;
        out.may_vanish(prepared.may_vanish(since));
    }
    prepared.write(out)?;
    Ok(keys)
}

/// Prepares what every page of the run shares; each locale's navigation is `navs`' when
/// given, and its git dates `dates`' (else they are read: one history walk per locale).
fn prepare<'a>(
    input: &'a Input<'a>,
    navs: Option<&[Navigation]>,
    dates: Option<&[Dates]>,
) -> Prepared<'a> {
    // Built only when a locale's navigation is not given.
    let titles = std::sync::OnceLock::new();
    let titles = || {
        titles.get_or_init(|| {
            nav::Titles::new(
                input.site.locales.iter().map(|l| l.name.as_str()).collect(),
                input.locales,
                &input.versions.definitions,
            )
        })
    };
    let source = input.site.source_index();
    // Each locale's navigation and strings, side by side.
    let locales = input
        .site
        .locales
        .par_iter()
        .zip(input.locales)
        .enumerate()
        .map(|(l, (locale, analysed))| {
            let pages = analysed.pages.as_slice();
            let strings = &analysed.strings;
            // Month names are for the date format (`reader::DateFormat`), not templates.
            let page_strings: BTreeMap<String, String> = strings
                .all()
                .iter()
                .filter(|(k, _)| !k.starts_with("landing-") && !k.starts_with("month-"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            LocaleRender {
                version_titles: crate::analyse::versions::titles(
                    &input.versions.definitions,
                    strings,
                ),
                page_index: match input.versions.is_empty() {
                    true => HashMap::new(),
                    false => pages
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (p.path.as_str(), i))
                        .collect(),
                },
                redirects: match input.shard.owns(l) {
                    true => special::redirect_pages(input.site, l),
                    false => Vec::new(),
                },
                locale,
                pages,
                strings,
                shared: crate::theme::Shared::default().with("strings", &page_strings),
                page_strings,
                theme_toggle: reader::theme_toggle_html(strings),
                date_format: reader::DateFormat::new(strings),
                dates: match dates.and_then(|d| d.get(l)) {
                    _ if !input.shard.owns(l) => Dates::default(),
                    Some(dates) if crate::status::head_of(&locale.dir) == dates.head => {
                        dates.clone()
                    }
                    _ => {
                        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
                        let (head, dates) = crate::status::last_changed(&locale.dir, &paths);
                        Dates {
                            head,
                            dates: Arc::new(dates),
                        }
                    }
                },
                source_label: source.map_or_else(String::new, |s| {
                    let name = input.site.locales.get(s).map_or("", |l| l.name.as_str());
                    let language = input.locales.get(s).map(|a| a.strings.language_name(name));
                    crate::i18n::fill(
                        &strings.get("source-show"),
                        &[("language", language.as_deref().unwrap_or(name))],
                    )
                }),
                landing_strings: strings
                    .all()
                    .iter()
                    .filter(|(k, _)| k.starts_with("landing-"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                name: strings.language_name(&locale.name),
                nav: match navs.and_then(|n| n.get(l)) {
                    Some(Navigation(nav)) => nav.clone(),
                    None => Arc::new(LocaleNav::new(l, &analysed.tocs, titles())),
                },
                has_home_page: pages.iter().any(|p| p.output == "index.html"),
            }
        })
        .collect();
    Prepared {
        site: input.site,
        theme: input.theme,
        locales,
        pairing: input.pairing,
        urls: &input.urls,
        shard: input.shard,
        copy_sets: Vec::new(),
        search: input.search,
        kept: Vec::new(),
        kept_extras: Vec::new(),
        kept_xrefmaps: false,
        status: input
            .status
            .iter()
            .flat_map(|r| &r.locales)
            .flat_map(|l| &l.pages)
            .map(|p| (&*p.file, p))
            .collect(),
        versions: input.versions,
    }
}

impl Prepared<'_> {
    fn write(&self, out: &Output) -> Result<(), Error> {
        for l in self.shard.own() {
            let plan = self.plan_locale(out, l)?;
            // Pages kept from the previous run are told to the output at once; the others
            // are rendered side by side.
            let kept = |i: usize| self.is_kept(l, i);
            let name = &self.locales[l].locale.name;
            let pages = &self.locales[l].pages;
            out.keep_many(
                name,
                pages
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| kept(*i))
                    .map(|(_, p)| p.output.as_str()),
            );
            let rendered: Vec<usize> = (0..pages.len()).filter(|&i| !kept(i)).collect();
            rendered
                .par_iter()
                .try_for_each(|&i| self.write_page(out, l, i, &pages[i]))?;
            self.finish_locale(out, l, plan)?;
        }
        self.write_lent(out)?;
        out.write("index.html", self.render_chooser(false)?.as_bytes())?;
        out.write("404.html", self.render_chooser(true)?.as_bytes())?;
        if self.urls.absolute.is_some() {
            out.write("sitemap.xml", self.sitemap().xml().as_bytes())?;
        }
        self.write_assets(out)
    }

    /// The files the previous run wrote (`since`) that this one may not write: each
    /// locale's xref map and search page, its TOC scripts, and the files it no longer
    /// copies. Every other output of a rebuild is the same file as before (the set of
    /// pages, redirections and configuration being the same), written again or kept.
    fn may_vanish(&self, since: &Since<'_>) -> Vec<String> {
        let mut files = Vec::new();
        for l in self.shard.own() {
            let name = &self.locales[l].locale.name;
            files.push(format!("{name}/xrefmap.yml"));
            files.push(format!("{name}/{SEARCH_PAGE}"));
            if let Some(Navigation(nav)) = since.keys.navs.get(l) {
                files.extend(nav.tocs.iter().map(|t| t.script.clone()));
            }
            if let Some(before) = since.keys.copies.get(l)
                && !Arc::ptr_eq(before, &self.copy_sets[l])
            {
                files.extend(
                    before
                        .difference(&self.copy_sets[l])
                        .map(|rel| format!("{name}/{rel}")),
                );
            }
        }
        files
    }

    /// Whether page `i` of locale `l` is kept as the previous run wrote it.
    fn is_kept(&self, l: usize, i: usize) -> bool {
        self.kept.get(l).and_then(|k| k.get(i)) == Some(&true)
    }

    /// Creates the folders of locale `l`'s output; returns what is written after its pages.
    fn plan_locale(&self, out: &Output, l: usize) -> Result<LocalePlan<'_>, Error> {
        let locale = &self.locales[l].locale;
        let locale_pages = &self.locales[l].pages;
        let copies = &self.copy_sets[l];
        let scripts: Vec<&nav::TocNav> = self.locales[l]
            .nav
            .tocs
            .iter()
            .filter(|t| !t.is_empty())
            .collect();
        // A page kept from the previous run is in its folder already.
        let outputs: Vec<String> = locale_pages
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.is_kept(l, *i))
            .map(|(_, p)| format!("{}/{}", locale.name, p.output))
            .chain(copies.iter().map(|c| format!("{}/{c}", locale.name)))
            .chain(scripts.iter().map(|t| t.script.clone()))
            .chain(
                self.locales[l]
                    .redirects
                    .iter()
                    .map(|(from, _)| format!("{}/{from}", locale.name)),
            )
            .chain([format!("{}/index.html", locale.name)])
            .collect();
        out.create_dirs(outputs.iter().map(String::as_str))?;
        Ok(LocalePlan { scripts })
    }

    /// Writes what locale `l` has besides its pages: search page, home page, TOC scripts
    /// and resources.
    fn finish_locale(&self, out: &Output, l: usize, plan: LocalePlan<'_>) -> Result<(), Error> {
        let locale = &self.locales[l].locale;
        let locale_pages = &self.locales[l].pages;
        let LocalePlan { scripts } = plan;
        let copies = &self.copy_sets[l];
        match self.kept_xrefmaps {
            true => out.keep(&format!("{}/xrefmap.yml", locale.name)),
            false => self.write_xrefmap(out, l)?,
        }
        // A source that takes the search page's path is an `output-collision` finding;
        // the source is written, the search page is not.
        if self.search && search_page_sources(locale, locale_pages).is_empty() {
            let html = self.render_search(l)?;
            out.write(&format!("{}/{}", locale.name, SEARCH_PAGE), html.as_bytes())?;
        }
        let kept = self.kept_extras.get(l) == Some(&true);
        if kept {
            if !self.locales[l].has_home_page {
                out.keep(&format!("{}/index.html", locale.name));
            }
            for toc in &scripts {
                out.keep(&toc.script);
            }
        } else if !self.locales[l].has_home_page {
            let html = self.render_home(l)?;
            out.write(&format!("{}/index.html", locale.name), html.as_bytes())?;
        }
        for toc in scripts.iter().filter(|_| !kept) {
            out.write(&toc.script, toc.script_js().as_bytes())?;
        }
        for (from, to) in &self.locales[l].redirects {
            let html = self.render_redirect(l, from, to)?;
            out.write(&format!("{}/{from}", locale.name), html.as_bytes())?;
        }
        copies.par_iter().try_for_each(|rel| {
            out.copy(&format!("{}/{rel}", locale.name), &locale.dir.join(rel))
        })?;
        Ok(())
    }

    /// Every page of every locale (not only the written ones) with its translations, and
    /// each generated home page.
    fn sitemap(&self) -> sitemap::Sitemap {
        let mut sitemap = sitemap::Sitemap::default();
        for (l, locale) in self.locales.iter().enumerate() {
            for (i, page) in locale.pages.iter().enumerate() {
                self.add_to_sitemap(&mut sitemap, l, &page.output, self.translations(l, i));
            }
            if !locale.has_home_page {
                self.add_to_sitemap(&mut sitemap, l, "index.html", self.homes());
            }
        }
        sitemap
    }

    /// Renders and writes page `i` of locale `l`. A page kept from the previous run is left
    /// as it is.
    fn write_page(&self, out: &Output, l: usize, i: usize, page: &Page) -> Result<(), Error> {
        let path = format!("{}/{}", self.locales[l].locale.name, page.output);
        if self.is_kept(l, i) {
            out.keep(&path);
            return Ok(());
        }
        let html = self.render_page(l, i, page)?;
        out.write(&path, html.as_bytes())
    }
}
