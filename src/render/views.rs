//! What the templates see: one serialisable view per template (`page.html`, `landing.html`
//! and `hub.html`, `index.html`, `search.html`, `chooser.html` and `404.html`,
//! `redirect.html`) and the parts they share; and the page's view, made from the analysed
//! page, its translations and its status.

use super::Prepared;
use super::reader;
use super::stale;
use crate::error::Error;
use crate::page::Page;
use crate::site::paths::{parent, relative_url};
use crate::status::PageState;
use serde::Serialize;
use std::collections::BTreeMap;

/// A language in the switcher.
#[derive(Serialize)]
pub(super) struct LanguageLink<'a> {
    pub(super) lang: &'a str,
    /// The language's name in itself.
    pub(super) name: &'a str,
    /// The translation of this page, relative to it; `None` when the locale lacks it.
    pub(super) href: Option<String>,
    pub(super) current: bool,
    /// Whether that translation is behind its source (translation status).
    pub(super) stale: bool,
    /// Whether that translation was made by machine.
    pub(super) machine_translated: bool,
}

/// A `<link rel="alternate" hreflang>`.
#[derive(Serialize)]
pub(super) struct Alternate {
    pub(super) lang: String,
    pub(super) href: String,
}

#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) title: Option<&'a str>,
}

/// What every template of a locale sees.
#[derive(Serialize)]
pub(super) struct Common<'a> {
    pub(super) lang: &'a str,
    pub(super) dir: &'static str,
    /// Relative URL of the output root (`../../`).
    pub(super) root: String,
    /// The locale's home page, relative.
    pub(super) home: String,
    pub(super) site: SiteView<'a>,
    /// The locale's UI strings: the templates see them as `strings`, from
    /// `LocaleRender::shared` (converted once per locale, not once per page).
    #[serde(skip)]
    pub(super) strings: &'a BTreeMap<String, String>,
    pub(super) languages: Vec<LanguageLink<'a>>,
    pub(super) alternates: Vec<Alternate>,
    pub(super) canonical: Option<String>,
    /// Whether the site has search (the search box, the search page).
    pub(super) search: bool,
    /// The colour scheme toggle (HTML, made once per locale from its strings).
    pub(super) theme_toggle: &'a str,
}

/// What a page template sees as `page`.
#[derive(Serialize)]
pub(super) struct PageView<'a> {
    pub(super) lang: &'a str,
    pub(super) dir: &'static str,
    pub(super) title: &'a str,
    pub(super) description: Option<&'a str>,
    /// The body HTML: printed with `| safe`, never evaluated.
    pub(super) body: &'a str,
    /// Relative URL of the output root (`../../`), for theme assets.
    pub(super) root: &'a str,
    /// Source path relative to the locale.
    pub(super) path: &'a str,
    /// Output path relative to the locale.
    pub(super) url: &'a str,
    /// Every front matter key.
    pub(super) meta: &'a serde_json::Map<String, serde_json::Value>,
    pub(super) headings: Vec<HeadingView<'a>>,
    /// The `##` and `###` headings, for "on this page".
    pub(super) sections: Vec<HeadingView<'a>>,
    /// Whether the page was translated by machine (`ms.translationtype` MT or MTE…).
    pub(super) machine_translated: bool,
    /// A YAML page's model (`landing.html`, `hub.html`): titles and texts to escape, URLs
    /// already rewritten, Markdown fields already rendered (`| safe`).
    pub(super) yaml: Option<&'a serde_json::Value>,
    /// The pivot groups the page names: its pivot selector.
    pub(super) pivot_groups: &'a [crate::dfm::pivot_groups::PivotGroup],
    /// The labels of link list types (`landing-overview`…), for YAML pages only.
    pub(super) labels: Option<&'a BTreeMap<String, String>>,
    /// When the source changed since this translation was made: the banner's facts.
    pub(super) stale: Option<stale::StaleView>,
    /// The locale's home page, then the page's ancestors in its TOC (none for a page at the
    /// locale's home).
    pub(super) breadcrumbs: Vec<reader::Crumb>,
    /// The breadcrumbs as HTML (printed with `| safe`), none without breadcrumbs.
    pub(super) breadcrumbs_html: Option<String>,
    /// The breadcrumbs as `BreadcrumbList` JSON-LD (safe in `<script>`).
    pub(super) breadcrumbs_ld: Option<String>,
    /// When the page last changed: in the locale's git history, else its `ms.date`.
    pub(super) updated: Option<reader::Updated>,
    /// The page's "Edit this page" link (`edit_url`).
    pub(super) edit_url: Option<String>,
    /// `updated` and `edit_url` as HTML (printed with `| safe`), none without either.
    pub(super) page_meta_html: Option<String>,
    /// On a machine-translated or stale translation: the source page to show in its place.
    pub(super) source: Option<reader::SourceView>,
    /// Its versions, in a site with versions (monikers); left out of the template's
    /// context otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) versions: Option<super::versions::VersionsView<'a>>,
}

#[derive(Serialize, Clone, Copy)]
pub(super) struct HeadingView<'a> {
    pub(super) level: u8,
    pub(super) id: &'a str,
    pub(super) text: &'a str,
    /// Whether the section changed in the source since the translation was made.
    pub(super) stale: bool,
    /// The versions of the moniker block it is in (`vs-2017 vs-2019`), if any; left out of
    /// the template's context otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) moniker: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct PageContext<'a> {
    #[serde(flatten)]
    pub(super) common: Common<'a>,
    pub(super) page: PageView<'a>,
    /// The static navigation (HTML), when a TOC is above the page.
    pub(super) nav: Option<String>,
    /// The shared full-tree script of that TOC, relative.
    pub(super) nav_script: Option<String>,
}

/// What the search page template sees.
#[derive(Serialize)]
pub(super) struct SearchContext<'a> {
    #[serde(flatten)]
    pub(super) common: Common<'a>,
    /// The locale's index folder, relative to the search page (ends in `/`).
    pub(super) search_bundle: String,
}

#[derive(Serialize)]
pub(super) struct PageLink {
    pub(super) title: String,
    pub(super) href: String,
}

#[derive(Serialize)]
pub(super) struct IndexContext<'a> {
    #[serde(flatten)]
    pub(super) common: Common<'a>,
    /// The meta description (`home-description`, the site's title filled in).
    pub(super) description: String,
    /// Each TOC of the locale, as a whole tree (HTML).
    pub(super) tocs: Vec<String>,
    /// Pages no TOC lists.
    pub(super) other_pages: Vec<PageLink>,
}

/// A locale as the chooser and the 404 page list it.
#[derive(Serialize)]
pub(super) struct LocaleChoice<'a> {
    pub(super) lang: &'a str,
    pub(super) dir: &'static str,
    pub(super) name: &'a str,
    pub(super) href: String,
    /// The home page's address for `hreflang` alternates: absolute with an absolute
    /// `base_url`, else `href`.
    pub(super) alternate: String,
    pub(super) title: Option<&'a str>,
    pub(super) strings: &'a BTreeMap<String, String>,
}

#[derive(Serialize)]
pub(super) struct ChooserContext<'a> {
    pub(super) root: String,
    pub(super) locales: Vec<LocaleChoice<'a>>,
}

/// What the redirect page template sees.
#[derive(Serialize)]
pub(super) struct RedirectContext<'a> {
    pub(super) lang: &'a str,
    pub(super) dir: &'static str,
    /// Where it leads: relative to the redirect page, or an absolute URL.
    pub(super) target: &'a str,
    /// `target` as a JavaScript string literal.
    pub(super) target_js: String,
    pub(super) canonical: String,
}

impl Prepared<'_> {
    pub(super) fn render_page(&self, l: usize, i: usize, page: &Page) -> Result<String, Error> {
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
                moniker: h.moniker.as_deref(),
            })
            .collect();
        let sections = headings
            .iter()
            .copied()
            // A heading with no text (only an image or an empty anchor) would be an entry
            // with nothing to read or click.
            .filter(|h| (h.level == 2 || h.level == 3) && !h.text.trim().is_empty())
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
        let locale = &self.locales[l];
        // Breadcrumbs: none on the locale's home page itself.
        let breadcrumbs = match page.output == "index.html" {
            true => Vec::new(),
            false => reader::breadcrumbs(
                common
                    .site
                    .title
                    .or_else(|| common.strings.get("home").map(String::as_str))
                    .unwrap_or_default(),
                &common.home,
                &locale.nav.trail(&page.path),
                &"../".repeat(page.path.matches('/').count()),
            ),
        };
        let breadcrumbs_ld = (!breadcrumbs.is_empty()).then(|| {
            reader::breadcrumbs_ld(&breadcrumbs, &page.title, |crumb| {
                match (&self.urls.absolute, &crumb.in_locale) {
                    (Some(_), Some(target)) => self
                        .urls
                        .absolute(&format!("{}/{target}", locale.locale.name)),
                    _ => crumb.href.clone(),
                }
            })
        });
        let breadcrumbs_html = (!breadcrumbs.is_empty()).then(|| {
            let label = common.strings.get("breadcrumbs").map_or("", String::as_str);
            reader::breadcrumbs_html(&breadcrumbs, label)
        });
        let updated = locale
            .dates
            .dates
            .get(&page.path)
            .cloned()
            .or_else(|| page.front_matter.ms_date())
            .and_then(|iso| locale.date_format.format(&iso));
        let edit_url = self
            .site
            .config
            .edit_url_for(&locale.locale.name)
            .map(|pattern| reader::edit_url(pattern, &locale.locale.name, &page.path));
        let page_meta_html =
            reader::page_meta_html(updated.as_ref(), edit_url.as_deref(), common.strings);
        let wants_source = page.front_matter.machine_translated()
            || status.is_some_and(|st| matches!(st.state, PageState::Stale(_)));
        let source = source_output
            .filter(|(s, _)| *s != l && wants_source)
            .map(|(s, _)| reader::SourceView {
                href: source_href.clone(),
                lang: self.locales[s].locale.name.clone(),
                label: locale.source_label.clone(),
            });
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
                breadcrumbs,
                breadcrumbs_html,
                breadcrumbs_ld,
                updated,
                edit_url,
                page_meta_html,
                source,
                versions: self.versions_view(l, page),
            },
            common,
            nav: nav.map(|n| n.html),
            nav_script,
        };
        let template = page.yaml.as_ref().map_or("page.html", |y| y.template);
        self.theme
            .render_with(template, &context, &locale.shared, &page.site_path)
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
}
