//! The render stage: pages through the theme's templates with their navigation, language
//! switcher and alternates; the locale home pages, the locale chooser, `404.html`, the
//! shared TOC scripts, `sitemap.xml`, resources and theme assets, all into the staging
//! output.
//!
//! Cross-page work (pairing, TOCs) is prepared once; each page then costs one template
//! render plus string building proportional to what it shows.

mod nav;
mod sitemap;
mod stale;

use crate::check::search_page_sources;
use crate::check::{LocalePages, LocaleTocs};
use crate::error::Error;
use crate::i18n::Strings;
use crate::output::Output;
use crate::page::Page;
use crate::search::{self, Indexer};
use crate::site::pairing::Pairing;
use crate::site::paths::{
    self, FileKind, Lookup, SEARCH_PAGE, bundle_dir, page_output, parent, relative_url,
};
use crate::site::redirects::Final;
use crate::site::resolve::Resolver;
use crate::site::{Locale, Site, is_rtl};
use crate::status::{PageState, PageStatus, StatusReport};
use crate::theme::Theme;
use nav::LocaleNav;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
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

/// A language in the switcher.
#[derive(Serialize)]
struct LanguageLink<'a> {
    lang: &'a str,
    /// The language's name in itself.
    name: &'a str,
    /// The translation of this page, relative to it; `None` when the locale lacks it.
    href: Option<String>,
    current: bool,
    /// Whether that translation is behind its source (translation status).
    stale: bool,
    /// Whether that translation was made by machine.
    machine_translated: bool,
}

/// A `<link rel="alternate" hreflang>`.
#[derive(Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: Option<&'a str>,
}

/// What every template of a locale sees.
#[derive(Serialize)]
struct Common<'a> {
    lang: &'a str,
    dir: &'static str,
    /// Relative URL of the output root (`../../`).
    root: String,
    /// The locale's home page, relative.
    home: String,
    site: SiteView<'a>,
    strings: &'a BTreeMap<String, String>,
    languages: Vec<LanguageLink<'a>>,
    alternates: Vec<Alternate>,
    canonical: Option<String>,
    /// Whether the site has search (the search box, the search page).
    search: bool,
}

/// What a page template sees as `page`.
#[derive(Serialize)]
struct PageView<'a> {
    lang: &'a str,
    dir: &'static str,
    title: &'a str,
    description: Option<&'a str>,
    /// The body HTML: printed with `| safe`, never evaluated.
    body: &'a str,
    /// Relative URL of the output root (`../../`), for theme assets.
    root: &'a str,
    /// Source path relative to the locale.
    path: &'a str,
    /// Output path relative to the locale.
    url: &'a str,
    /// Every front matter key.
    meta: &'a serde_json::Map<String, serde_json::Value>,
    headings: Vec<HeadingView<'a>>,
    /// The `##` and `###` headings, for "on this page".
    sections: Vec<HeadingView<'a>>,
    /// Whether the page was translated by machine (`ms.translationtype` MT or MTE…).
    machine_translated: bool,
    /// A YAML page's model (`landing.html`, `hub.html`): titles and texts to escape, URLs
    /// already rewritten, Markdown fields already rendered (`| safe`).
    yaml: Option<&'a serde_json::Value>,
    /// The pivot groups the page names: its pivot selector.
    pivot_groups: &'a [crate::dfm::pivot_groups::PivotGroup],
    /// The labels of link list types (`landing-overview`…), for YAML pages only.
    labels: Option<&'a BTreeMap<String, String>>,
    /// When the source changed since this translation was made: the banner's facts.
    stale: Option<stale::StaleView>,
}

#[derive(Serialize, Clone, Copy)]
struct HeadingView<'a> {
    level: u8,
    id: &'a str,
    text: &'a str,
    /// Whether the section changed in the source since the translation was made.
    stale: bool,
}

#[derive(Serialize)]
struct PageContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    page: PageView<'a>,
    /// The static navigation (HTML), when a TOC is above the page.
    nav: Option<String>,
    /// The shared full-tree script of that TOC, relative.
    nav_script: Option<String>,
}

/// What the search page template sees.
#[derive(Serialize)]
struct SearchContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    /// The locale's index folder, relative to the search page (ends in `/`).
    search_bundle: String,
}

#[derive(Serialize)]
struct PageLink {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct IndexContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    /// Each TOC of the locale, as a whole tree (HTML).
    tocs: Vec<String>,
    /// Pages no TOC lists.
    other_pages: Vec<PageLink>,
}

/// A locale as the chooser and the 404 page list it.
#[derive(Serialize)]
struct LocaleChoice<'a> {
    lang: &'a str,
    dir: &'static str,
    name: &'a str,
    href: String,
    title: Option<&'a str>,
    strings: &'a BTreeMap<String, String>,
}

#[derive(Serialize)]
struct ChooserContext<'a> {
    root: String,
    locales: Vec<LocaleChoice<'a>>,
}

/// What a locale writes after its pages.
struct LocalePlan<'a> {
    copies: BTreeSet<String>,
    scripts: Vec<&'a nav::TocNav>,
}

/// What the render stage reads.
pub(crate) struct Input<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    /// Per locale, in site order.
    pub pages: &'a [LocalePages],
    /// Per locale, in site order.
    pub tocs: &'a [LocaleTocs],
    /// The UI strings of each locale, in site order.
    pub strings: &'a [Strings],
    pub pairing: &'a Pairing,
    pub urls: Urls,
    /// Whether the site has search: the search box on every page, a search page per locale
    /// (the index itself is built by `search/`, beside or after rendering).
    pub search: bool,
    /// The translation status (with a source locale).
    pub status: Option<&'a StatusReport>,
}

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
}

/// A locale's navigation, prepared from its TOCs and the pages' titles.
#[derive(Clone)]
pub(crate) struct Navigation(Arc<LocaleNav>);

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
    /// The language's name in itself, for the switcher.
    name: String,
    nav: Arc<LocaleNav>,
    /// Whether a page is the locale's home page (`index.md` at the locale root).
    has_home_page: bool,
    /// Files of this locale that other locales' pages show (a translation's images kept
    /// only in its source): copied with the locale's own.
    lent: BTreeSet<String>,
    /// Redirect pages: (output path, where it leads, relative to the redirect page).
    redirects: Vec<(String, String)>,
}

/// Everything the render stage prepares once per build.
struct Prepared<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// In site order.
    locales: Vec<LocaleRender<'a>>,
    pairing: &'a Pairing,
    urls: &'a Urls,
    /// Whether each locale gets a search page and its pages go to the index.
    search: bool,
    /// The pages rendered by the previous run that are still valid: per locale, in page
    /// order, whether page `i` is kept as it is.
    kept: Vec<Vec<bool>>,
    /// Per locale: whether its generated home page and TOC scripts are kept as they are.
    kept_extras: Vec<bool>,
    /// Each translated page's status, by its SITE-relative path.
    status: HashMap<&'a str, &'a PageStatus>,
}

/// How many pages are rendered in parallel before they are handed to the search index in
/// page order.
const INDEX_CHUNK: usize = 32;

/// Writes every page, home page, TOC script, resource and theme asset into `out`, and the
/// sitemap when the base URL is absolute. With an `indexer`, each locale also gets its search
/// page, and every page goes to the index as soon as it is written.
pub(crate) fn write_site(
    input: &Input<'_>,
    out: &Output,
    indexer: Option<&Indexer<'_, '_>>,
) -> Result<(), Error> {
    prepare(input, None).write(out, indexer)
}

/// [`write_site`] for a rebuild: pages whose key did not change since the previous run are
/// kept as they are in the output (see [`Reuse`]); returns every page's key. No search
/// index is fed.
pub(crate) fn rewrite_site(
    input: &Input<'_>,
    out: &Output,
    reuse: &Reuse<'_>,
) -> Result<Keys, Error> {
    let mut prepared = prepare(input, reuse.navs);
    let navs = prepared.toc_prints();
    let keys = Keys {
        pages: prepared.page_keys(reuse.pages, &navs),
        locales: prepared.locale_keys(&navs),
        navs: prepared
            .locales
            .iter()
            .map(|l| Navigation(l.nav.clone()))
            .collect(),
    };
    if let Some(previous) = reuse.previous {
        prepared.kept = keys
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
        prepared.kept_extras = keys
            .locales
            .iter()
            .enumerate()
            .map(|(l, key)| previous.locales.get(l) == Some(key))
            .collect();
    }
    prepared.write(out, None)?;
    Ok(keys)
}

/// Prepares what every page of the run shares; each locale's navigation is `navs`' when
/// given.
fn prepare<'a>(input: &'a Input<'a>, navs: Option<&[Navigation]>) -> Prepared<'a> {
    let no_tocs = Vec::new();
    // Built only when a locale's navigation is not given.
    let titles = std::sync::OnceLock::new();
    let titles = || {
        titles.get_or_init(|| {
            nav::Titles::new(
                input.site.locales.iter().map(|l| l.name.as_str()).collect(),
                input.pages,
            )
        })
    };
    let source = input.site.source_index();
    // Each locale's navigation and strings, side by side.
    let locales = input
        .site
        .locales
        .par_iter()
        .enumerate()
        .map(|(l, locale)| {
            let pages = input.pages[l].as_slice();
            let strings = &input.strings[l];
            let lent = match source {
                Some(s) if s == l => input
                    .pages
                    .iter()
                    .flatten()
                    .flat_map(|p| p.source_files.iter().cloned())
                    .collect(),
                _ => BTreeSet::new(),
            };
            LocaleRender {
                lent,
                redirects: redirect_pages(input.site, l),
                locale,
                pages,
                strings,
                page_strings: strings
                    .all()
                    .iter()
                    .filter(|(k, _)| !k.starts_with("landing-"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                landing_strings: strings
                    .all()
                    .iter()
                    .filter(|(k, _)| k.starts_with("landing-"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                name: strings.language_name(&locale.name),
                nav: match navs.and_then(|n| n.get(l)) {
                    Some(Navigation(nav)) => nav.clone(),
                    None => Arc::new(LocaleNav::new(
                        l,
                        input.tocs.get(l).unwrap_or(&no_tocs),
                        titles(),
                    )),
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
        search: input.search,
        kept: Vec::new(),
        kept_extras: Vec::new(),
        status: input
            .status
            .iter()
            .flat_map(|r| &r.locales)
            .flat_map(|l| &l.pages)
            .map(|p| (&*p.file, p))
            .collect(),
    }
}

impl Prepared<'_> {
    fn write(&self, out: &Output, indexer: Option<&Indexer<'_, '_>>) -> Result<(), Error> {
        let mut sitemap = sitemap::Sitemap::default();
        // With search, the locales whose indexes are built side by side are rendered side
        // by side, so that every indexing thread has pages from the start.
        let locales: Vec<usize> = (0..self.locales.len()).collect();
        for group in locales.chunks(indexer.map_or(1, Indexer::parallel).max(1)) {
            let plans = group
                .iter()
                .map(|&l| self.plan_locale(out, l))
                .collect::<Result<Vec<LocalePlan<'_>>, Error>>()?;
            match indexer {
                None => {
                    for &l in group {
                        // Pages kept from the previous run are told to the output at once;
                        // the others are rendered side by side.
                        let kept = |i: usize| self.is_kept(l, i);
                        let name = &self.locales[l].locale.name;
                        let pages = &self.locales[l].pages;
                        out.keep_many(
                            pages
                                .iter()
                                .enumerate()
                                .filter(|(i, _)| kept(*i))
                                .map(|(_, p)| format!("{name}/{}", p.output)),
                        );
                        pages
                            .par_iter()
                            .enumerate()
                            .filter(|(i, _)| !kept(*i))
                            .try_for_each(|(i, page)| self.write_page(out, l, i, page).map(drop))?;
                    }
                }
                Some(indexer) => self.write_and_index(out, group, indexer)?,
            }
            for (&l, plan) in group.iter().zip(plans) {
                self.finish_locale(out, l, plan, &mut sitemap)?;
            }
        }
        out.write("index.html", self.render_chooser(false)?.as_bytes())?;
        out.write("404.html", self.render_chooser(true)?.as_bytes())?;
        if self.urls.absolute.is_some() {
            out.write("sitemap.xml", sitemap.xml().as_bytes())?;
        }
        let assets: Vec<String> = self
            .theme
            .assets()
            .keys()
            .map(|k| format!("_rosetta/{k}"))
            .collect();
        out.create_dirs(assets.iter().map(String::as_str))?;
        for (name, bytes) in self.theme.assets() {
            out.write(&format!("_rosetta/{name}"), bytes)?;
        }
        Ok(())
    }

    /// Whether page `i` of locale `l` is kept as the previous run wrote it.
    fn is_kept(&self, l: usize, i: usize) -> bool {
        self.kept.get(l).and_then(|k| k.get(i)) == Some(&true)
    }

    /// Creates the folders of locale `l`'s output; returns what is written after its pages.
    fn plan_locale(&self, out: &Output, l: usize) -> Result<LocalePlan<'_>, Error> {
        let locale = &self.locales[l].locale;
        let locale_pages = &self.locales[l].pages;
        let mut copies = files_to_copy(locale, locale_pages);
        copies.extend(self.locales[l].lent.iter().cloned());
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
        Ok(LocalePlan { copies, scripts })
    }

    /// Writes what locale `l` has besides its pages: search page, home page, TOC scripts,
    /// resources, and its sitemap entries.
    fn finish_locale(
        &self,
        out: &Output,
        l: usize,
        plan: LocalePlan<'_>,
        sitemap: &mut sitemap::Sitemap,
    ) -> Result<(), Error> {
        let locale = &self.locales[l].locale;
        let locale_pages = &self.locales[l].pages;
        let LocalePlan { copies, scripts } = plan;
        // The locale's uids, for other sites' cross references (hrefs relative to the
        // locale's folder; `baseUrl` when the site has an absolute base URL).
        let specs: Vec<crate::dfm::xref::XrefSpec> = locale_pages
            .iter()
            .filter_map(|p| {
                let uid = p.front_matter.fields.get("uid")?.as_str()?.trim();
                (!uid.is_empty()).then(|| crate::dfm::xref::XrefSpec {
                    uid: uid.to_owned(),
                    name: Some(p.title.clone()),
                    href: Some(p.output.clone()),
                    ..Default::default()
                })
            })
            .collect();
        if !specs.is_empty() {
            let base = self.urls.absolute(&format!("{}/", locale.name));
            let map = crate::dfm::xrefmap::write(&specs, base.as_deref());
            out.write(&format!("{}/xrefmap.yml", locale.name), map.as_bytes())?;
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
        if self.urls.absolute.is_some() {
            for (i, page) in locale_pages.iter().enumerate() {
                self.add_to_sitemap(sitemap, l, &page.output, self.translations(l, i));
            }
            if !self.locales[l].has_home_page {
                self.add_to_sitemap(sitemap, l, "index.html", self.homes());
            }
        }
        Ok(())
    }

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
                        format!("{status:?}").hash(&mut key);
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

    /// Renders and writes page `i` of locale `l`; returns its HTML. A page kept from the
    /// previous run is left as it is (and returns nothing to index).
    fn write_page(&self, out: &Output, l: usize, i: usize, page: &Page) -> Result<String, Error> {
        let path = format!("{}/{}", self.locales[l].locale.name, page.output);
        if self.is_kept(l, i) {
            out.keep(&path);
            return Ok(String::new());
        }
        let html = self.render_page(l, i, page)?;
        out.write(&path, html.as_bytes())?;
        Ok(html)
    }

    /// Writes the pages of the locales of `group` a chunk at a time (in parallel), a chunk
    /// of each locale in turn, and hands them to their locale's search index in page order,
    /// so that each index is the same from build to build.
    fn write_and_index(
        &self,
        out: &Output,
        group: &[usize],
        indexer: &Indexer<'_, '_>,
    ) -> Result<(), Error> {
        let feeds: Vec<search::LocaleFeed> = group
            .iter()
            .map(|&l| indexer.locale(&self.locales[l].locale.name))
            .collect();
        let longest = group
            .iter()
            .map(|&l| self.locales[l].pages.len())
            .max()
            .unwrap_or(0);
        for start in (0..longest).step_by(INDEX_CHUNK) {
            for (&l, feed) in group.iter().zip(&feeds) {
                let pages = &self.locales[l].pages;
                let chunk = &pages[start.min(pages.len())..(start + INDEX_CHUNK).min(pages.len())];
                let htmls = chunk
                    .par_iter()
                    .enumerate()
                    .map(|(j, page)| self.write_page(out, l, start + j, page))
                    .collect::<Result<Vec<String>, Error>>()?;
                let locale = &self.locales[l].locale.name;
                for (page, html) in chunk.iter().zip(htmls) {
                    feed.page(
                        &relative_url("", &format!("{locale}/{}", page.output)),
                        html,
                    );
                }
            }
        }
        Ok(())
    }

    /// Each locale's translation of page `i` of locale `l` (output path), in locale order.
    fn translations(&self, l: usize, i: usize) -> Vec<Option<&str>> {
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

    fn add_to_sitemap(
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
    fn homes(&self) -> Vec<Option<&str>> {
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

    fn common(&self, l: usize, output: &str, translations: Vec<Option<&str>>) -> Common<'_> {
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
        }
    }

    fn render_page(&self, l: usize, i: usize, page: &Page) -> Result<String, Error> {
        let translations = self.translations(l, i);
        let source_output = self
            .site
            .source_index()
            .and_then(|s| Some((s, translations.get(s).copied().flatten()?)));
        let mut common = self.common(l, &page.output, translations);
        self.mark_languages(l, i, &mut common.languages);
        let status = self.status.get(&*page.site_path).copied();
        let source_href = source_output
            .map(|(s, output)| {
                let from = format!("{}/{}", self.locales[l].locale.name, parent(&page.output));
                relative_url(&from, &format!("{}/{output}", self.locales[s].locale.name))
            })
            .unwrap_or_default();
        let strings = &self.locales[l].strings;
        let stale_view =
            status.and_then(|st| stale::view(st, &strings.get("stale-notice"), &source_href));
        let stale_ids = status.map(stale::marked_ids).unwrap_or_default();
        let more = strings.get("nav-more");
        let nav = self.locales[l].nav.for_page(&page.path, &more);
        let nav_script = nav
            .as_ref()
            .map(|n| format!("{}{}", common.root, n.toc.script));
        let headings: Vec<HeadingView<'_>> = page
            .headings
            .iter()
            .map(|h| HeadingView {
                level: h.level,
                id: &h.id,
                text: &h.text,
                stale: stale_ids.contains(&h.id.as_str()),
            })
            .collect();
        let sections = headings
            .iter()
            .copied()
            .filter(|h| h.level == 2 || h.level == 3)
            .collect();
        let body = if stale_ids.is_empty() {
            std::borrow::Cow::Borrowed(page.body.as_str())
        } else {
            std::borrow::Cow::Owned(stale::mark_headings(
                &page.body,
                &stale_ids,
                &source_href,
                &strings.get("stale-section"),
            ))
        };
        let root = common.root.clone();
        let context = PageContext {
            page: PageView {
                lang: common.lang,
                dir: common.dir,
                title: &page.title,
                description: page.front_matter.description.as_deref(),
                body: &body,
                root: &root,
                path: &page.path,
                url: &page.output,
                meta: &page.front_matter.fields,
                headings,
                sections,
                machine_translated: page.front_matter.machine_translated(),
                yaml: page.yaml.as_ref().map(|y| &y.model),
                pivot_groups: &page.pivot_groups,
                labels: page.yaml.as_ref().map(|_| &self.locales[l].landing_strings),
                stale: stale_view,
            },
            common,
            nav: nav.map(|n| n.html),
            nav_script,
        };
        let template = page.yaml.as_ref().map_or("page.html", |y| y.template);
        self.theme.render(template, &context, &page.site_path)
    }

    /// Marks the switcher's languages whose page of this article is stale or was translated
    /// by machine.
    fn mark_languages(&self, l: usize, i: usize, languages: &mut [LanguageLink<'_>]) {
        let Some(article) = self.pairing.article_of(l, i) else {
            return;
        };
        for (l2, j) in article.present() {
            let (Some(link), Some(page)) = (languages.get_mut(l2), self.locales[l2].pages.get(j))
            else {
                continue;
            };
            link.machine_translated = page.front_matter.machine_translated();
            link.stale = self
                .status
                .get(&*page.site_path)
                .is_some_and(|st| matches!(st.state, PageState::Stale(_)));
        }
    }

    /// A locale's home page when it has no `index.md`: its TOCs, then the pages no TOC lists.
    fn render_home(&self, l: usize) -> Result<String, Error> {
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
        let context = IndexContext {
            common,
            tocs,
            other_pages,
        };
        self.theme.render("index.html", &context, "the home page")
    }

    /// A redirect page at `from` (output path) of locale `l`, leading to `to` (relative to
    /// it, or absolute): it goes on at once, keeping the `#fragment`; without JavaScript a
    /// meta refresh and a visible link do.
    fn render_redirect(&self, l: usize, from: &str, to: &str) -> Result<String, Error> {
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
            strings: &self.locales[l].page_strings,
            target: to,
            target_js,
            canonical,
        };
        self.theme.render("redirect.html", &context, from)
    }

    /// A locale's search page: the query from `?q=` runs against the locale's index.
    fn render_search(&self, l: usize) -> Result<String, Error> {
        let name = &self.locales[l].locale.name;
        let every = vec![Some(SEARCH_PAGE); self.locales.len()];
        let common = self.common(l, SEARCH_PAGE, every);
        let search_bundle = format!("{}/", relative_url(name, &bundle_dir(name)));
        let context = SearchContext {
            common,
            search_bundle,
        };
        self.theme
            .render("search.html", &context, "the search page")
    }

    /// The locale chooser (`index.html`) or the not-found page (`404.html`), both at the
    /// output root and in every language.
    fn render_chooser(&self, not_found: bool) -> Result<String, Error> {
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
            .map(|(l, locale)| LocaleChoice {
                lang: &locale.name,
                dir: if is_rtl(&locale.name) { "rtl" } else { "ltr" },
                name: &self.locales[l].name,
                href: format!("{root}{}/index.html", relative_url("", &locale.name)),
                title: self.site.config.title_for(&locale.name),
                strings: &self.locales[l].page_strings,
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

/// What the redirect page template sees.
#[derive(Serialize)]
struct RedirectContext<'a> {
    lang: &'a str,
    dir: &'static str,
    strings: &'a BTreeMap<String, String>,
    /// Where it leads: relative to the redirect page, or an absolute URL.
    target: &'a str,
    /// `target` as a JavaScript string literal.
    target_js: String,
    canonical: String,
}

/// The redirect pages of locale `l`: every redirected path that is no page of the locale
/// (nor of the source locale), with the URL of the page its redirection ends at (this
/// locale's, else the source's) relative to the redirect page, or an absolute URL.
fn redirect_pages(site: &Site, l: usize) -> Vec<(String, String)> {
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

/// Resources the globs name, plus every existing file a page references.
fn files_to_copy(locale: &Locale, pages: &[Page]) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = locale.resources.iter().cloned().collect();
    for page in pages {
        files.extend(page.referenced_files.iter().cloned());
    }
    files
}
