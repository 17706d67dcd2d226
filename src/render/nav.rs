//! Navigation from the TOCs, prepared once per TOC so that each page only strings together
//! the entries it shows: the TOC's top level, the current entry's ancestors with their
//! siblings, and its children. The whole tree goes to one shared script per TOC that the
//! theme's JavaScript loads to expand the rest.

use crate::analyse::AnalysedLocale;
use crate::dfm::html::escape;
use crate::dfm::moniker::Definitions;
use crate::site::paths::{self, page_output};
use crate::toc::{Toc, TocEntry, TocTarget};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::OnceLock;

/// At most this many entries of one list go into a page; longer lists show a window around
/// the current entry and a link to the locale's home page, which lists everything.
pub(super) const MAX_LIST: usize = 40;

/// One entry, ready to be written.
struct Node {
    /// The title, HTML-escaped, and as text.
    title: String,
    title_text: String,
    /// The link, HTML-escaped, and as is: relative to the locale's output root unless
    /// `external`.
    href: Option<String>,
    href_raw: Option<String>,
    external: bool,
    parent: Option<usize>,
    children: Vec<usize>,
    /// The versions of the entry's page (`vs-2017 vs-2019`) when it has a range of its own.
    versions: Option<String>,
}

/// A TOC prepared for rendering.
pub(super) struct TocNav {
    nodes: Vec<Node>,
    roots: Vec<usize>,
    /// Page (locale-relative source path) → the first entry that links it.
    by_page: HashMap<String, usize>,
    /// The shared full-tree script, relative to the output root.
    pub script: String,
}

/// The TOCs of a locale and which one each folder uses.
pub(super) struct LocaleNav {
    pub tocs: Vec<TocNav>,
    /// Folder (locale-relative) → the TOC in it.
    by_folder: HashMap<String, usize>,
    /// Each TOC's [`TocNav::fingerprint`], computed when first asked for.
    fingerprints: OnceLock<Vec<u64>>,
}

/// What a page shows as its navigation.
pub(super) struct PageNav<'n> {
    pub html: String,
    pub toc: &'n TocNav,
}

/// An ancestor of a page in its TOC (see [`LocaleNav::trail`]).
pub(super) struct TrailEntry<'n> {
    pub title: &'n str,
    /// Relative to the locale's output root unless `external`; `None` for a group title.
    pub href: Option<&'n str>,
    pub external: bool,
}

/// The pages of every locale by path, for entries written without a title and for entries
/// that lead into another locale (a page only the source locale has).
pub(super) struct Titles<'p> {
    /// Locale names, in site order.
    names: Vec<&'p str>,
    /// Per locale: page path → title.
    titles: Vec<HashMap<&'p str, &'p str>>,
    /// Per locale: page path → its versions (`vs-2017 vs-2019`), for pages with a range of
    /// their own (the others are for every version).
    versions: Vec<HashMap<&'p str, String>>,
}

impl<'p> Titles<'p> {
    /// The titles and versions of every locale's pages.
    pub(super) fn new(
        names: Vec<&'p str>,
        locales: &'p [AnalysedLocale],
        definitions: &Definitions,
    ) -> Self {
        let titles = locales
            .iter()
            .map(|locale| {
                locale
                    .pages
                    .iter()
                    .map(|p| (p.path.as_str(), p.title.as_str()))
                    .collect()
            })
            .collect();
        let versions = locales
            .iter()
            .map(|locale| {
                locale
                    .pages
                    .iter()
                    .filter_map(|p| {
                        let m = p.monikers.as_deref().filter(|m| m.ranged)?;
                        Some((p.path.as_str(), definitions.names(&m.versions)))
                    })
                    .collect()
            })
            .collect();
        Titles {
            names,
            titles,
            versions,
        }
    }

    fn title(&self, locale: usize, path: &str) -> Option<&'p str> {
        self.titles.get(locale)?.get(path).copied()
    }

    fn versions(&self, locale: usize, path: &str) -> Option<&str> {
        self.versions.get(locale)?.get(path).map(String::as_str)
    }
}

impl LocaleNav {
    /// Prepares every TOC of locale `l`; entries written without a title take their page's.
    pub(super) fn new(l: usize, tocs: &[Toc], titles: &Titles<'_>) -> LocaleNav {
        let locale = titles.names.get(l).copied().unwrap_or("");
        let mut by_folder = HashMap::new();
        let prepared = tocs
            .iter()
            .enumerate()
            .map(|(i, toc)| {
                by_folder.entry(toc.dir().to_owned()).or_insert(i);
                TocNav::new(l, locale, toc, titles)
            })
            .collect();
        LocaleNav {
            tocs: prepared,
            by_folder,
            fingerprints: OnceLock::new(),
        }
    }

    /// The fingerprint of each TOC's navigation, in TOC order.
    pub(super) fn fingerprints(&self) -> &[u64] {
        self.fingerprints
            .get_or_init(|| self.tocs.iter().map(TocNav::fingerprint).collect())
    }

    /// The nearest TOC up the tree from a page.
    pub(super) fn toc_for(&self, page_path: &str) -> Option<&TocNav> {
        self.toc_index_for(page_path).and_then(|i| self.tocs.get(i))
    }

    /// The index in `tocs` of the nearest TOC up the tree from a page.
    pub(super) fn toc_index_for(&self, page_path: &str) -> Option<usize> {
        let mut folder = paths::parent(page_path);
        loop {
            if let Some(&i) = self.by_folder.get(folder) {
                return Some(i);
            }
            if folder.is_empty() {
                return None;
            }
            folder = paths::parent(folder);
        }
    }

    /// The navigation of a page: `None` when no TOC is above it.
    pub(super) fn for_page(&self, page_path: &str, more_label: &str) -> Option<PageNav<'_>> {
        let toc = self.toc_for(page_path)?;
        let depth = page_path.matches('/').count();
        let prefix = "../".repeat(depth);
        let current = toc.by_page.get(page_path).copied();
        Some(PageNav {
            html: toc.static_html(current, &prefix, more_label),
            toc,
        })
    }

    /// The page's ancestors in its TOC, outermost first (group titles included, the page's
    /// own entry not): each title (text) and link (relative to the locale's output root, or
    /// absolute when `external`); empty when no TOC lists the page.
    pub(super) fn trail(&self, page_path: &str) -> Vec<TrailEntry<'_>> {
        let Some(toc) = self.toc_for(page_path) else {
            return Vec::new();
        };
        let mut trail = Vec::new();
        let mut at = toc
            .by_page
            .get(page_path)
            .and_then(|&i| toc.nodes[i].parent);
        while let Some(i) = at {
            let node = &toc.nodes[i];
            trail.push(TrailEntry {
                title: &node.title_text,
                href: node.href_raw.as_deref(),
                external: node.external,
            });
            at = node.parent;
        }
        trail.reverse();
        trail
    }

    /// Whether any TOC of the locale links the page.
    pub(super) fn lists(&self, page_path: &str) -> bool {
        self.tocs.iter().any(|t| t.by_page.contains_key(page_path))
    }
}

impl TocNav {
    fn new(l: usize, locale: &str, toc: &Toc, titles: &Titles<'_>) -> TocNav {
        let mut nav = TocNav {
            nodes: Vec::new(),
            roots: Vec::new(),
            by_page: HashMap::new(),
            script: format!(
                "_rosetta/toc/{locale}/{}.js",
                toc.path
                    .rsplit_once('.')
                    .map_or(toc.path.as_str(), |(p, _)| p)
            ),
        };
        for entry in &toc.entries {
            let i = nav.add(l, entry, None, titles);
            nav.roots.push(i);
        }
        nav
    }

    fn add(
        &mut self,
        l: usize,
        entry: &TocEntry,
        parent: Option<usize>,
        titles: &Titles<'_>,
    ) -> usize {
        let index = self.nodes.len();
        // The entry's page in this locale (marked when current), and its title.
        let mut page = None;
        let mut title = None;
        let mut versions = None;
        // From the locale's output root into another locale's (the source's).
        let into = |target: usize| match target == l {
            true => String::new(),
            false => format!("../{}/", titles.names.get(target).copied().unwrap_or("")),
        };
        let (href, external) = match entry.link.as_ref().map(|link| (link, &link.target)) {
            Some((link, TocTarget::Page { locale, path, .. })) => {
                if *locale == l {
                    page = Some(path.clone());
                }
                title = titles.title(*locale, path);
                versions = titles.versions(*locale, path).map(str::to_owned);
                let mut href = paths::relative_url("", &page_output(path));
                if let Some(f) = &link.fragment {
                    href.push('#');
                    href.push_str(&paths::encode_fragment(f));
                }
                (Some(format!("{}{href}", into(*locale))), false)
            }
            Some((_, TocTarget::File { locale, path, .. })) => (
                Some(format!(
                    "{}{}",
                    into(*locale),
                    paths::relative_url("", path)
                )),
                false,
            ),
            Some((_, TocTarget::Url { url, .. })) => (Some(url.clone()), true),
            Some((_, TocTarget::Xref { url, name })) => {
                title = Some(name.as_str());
                (Some(url.clone()), true)
            }
            Some((link, TocTarget::External)) if !link.written.starts_with('#') => {
                (Some(link.written.clone()), true)
            }
            _ => (None, false),
        };
        let title = entry
            .title
            .clone()
            .or_else(|| title.map(str::to_owned))
            .or_else(|| entry.link.as_ref().map(|l| l.written.clone()))
            .unwrap_or_default();
        self.nodes.push(Node {
            title: escape(&title),
            title_text: title,
            href: href.as_deref().map(escape),
            href_raw: href,
            external,
            parent,
            children: Vec::new(),
            versions,
        });
        if let Some(page) = page {
            // A link with a fragment marks its page only if no plain link does.
            let plain = entry.link.as_ref().is_some_and(|l| l.fragment.is_none());
            match self.by_page.get(&page) {
                Some(&other)
                    if plain
                        && self.nodes[other]
                            .href
                            .as_deref()
                            .is_some_and(|h| h.contains('#')) =>
                {
                    self.by_page.insert(page, index);
                }
                Some(_) => {}
                None => {
                    self.by_page.insert(page, index);
                }
            }
        }
        for child in &entry.children {
            let c = self.add(l, child, Some(index), titles);
            self.nodes[index].children.push(c);
        }
        index
    }

    /// Whether the TOC has any entry.
    pub(super) fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The static part of the navigation for a page whose entry is `current`; `prefix`
    /// leads from the page to the locale's output root.
    fn static_html(&self, current: Option<usize>, prefix: &str, more_label: &str) -> String {
        let mut open = Vec::new();
        let mut at = current;
        while let Some(i) = at {
            open.push(i);
            at = self.nodes[i].parent;
        }
        let mut html = String::with_capacity(2048);
        html.push_str("<ul class=\"nav-tree\">");
        self.list(&self.roots, &open, current, prefix, more_label, &mut html);
        html.push_str("</ul>");
        html
    }

    fn list(
        &self,
        items: &[usize],
        open: &[usize],
        current: Option<usize>,
        prefix: &str,
        more_label: &str,
        html: &mut String,
    ) {
        let (start, end) = window(items, open);
        let more = |html: &mut String| {
            html.push_str("<li class=\"nav-more\"><a href=\"");
            html.push_str(prefix);
            html.push_str("index.html\">");
            html.push_str(&escape(more_label));
            html.push_str("</a></li>");
        };
        if start > 0 {
            more(html);
        }
        for &i in &items[start..end] {
            let node = &self.nodes[i];
            let is_open = open.contains(&i);
            html.push_str("<li");
            push_versions(node, html);
            match (Some(i) == current, is_open, node.children.is_empty()) {
                (true, _, true) => html.push_str(" class=\"current\""),
                (true, _, false) => html.push_str(" class=\"current open\""),
                (false, true, _) => html.push_str(" class=\"open\""),
                (false, false, false) => html.push_str(" class=\"closed\""),
                (false, false, true) => {}
            }
            html.push('>');
            self.entry(i, Some(i) == current, prefix, html);
            if is_open && !node.children.is_empty() {
                html.push_str("<ul>");
                self.list(&node.children, open, current, prefix, more_label, html);
                html.push_str("</ul>");
            }
            html.push_str("</li>");
        }
        if end < items.len() {
            more(html);
        }
    }

    fn entry(&self, i: usize, current: bool, prefix: &str, html: &mut String) {
        let node = &self.nodes[i];
        match &node.href {
            Some(href) => {
                html.push_str("<a href=\"");
                if !node.external {
                    html.push_str(prefix);
                }
                html.push_str(href);
                html.push('"');
                if current {
                    html.push_str(" aria-current=\"page\"");
                }
                html.push('>');
                html.push_str(&node.title);
                html.push_str("</a>");
            }
            None => {
                html.push_str("<span class=\"nav-group\">");
                html.push_str(&node.title);
                html.push_str("</span>");
            }
        }
    }

    /// The whole tree as HTML (the locale's home page lists it); `prefix` as above.
    pub(super) fn full_html(&self, prefix: &str) -> String {
        let mut html = String::new();
        html.push_str("<ul class=\"toc-tree\">");
        self.full_list(&self.roots, prefix, &mut html);
        html.push_str("</ul>");
        html
    }

    fn full_list(&self, items: &[usize], prefix: &str, html: &mut String) {
        for &i in items {
            html.push_str("<li");
            push_versions(&self.nodes[i], html);
            html.push('>');
            self.entry(i, false, prefix, html);
            if !self.nodes[i].children.is_empty() {
                html.push_str("<ul>");
                self.full_list(&self.nodes[i].children, prefix, html);
                html.push_str("</ul>");
            }
            html.push_str("</li>");
        }
    }

    /// A fingerprint of everything the TOC's navigation is made of: equal fingerprints, equal
    /// navigation on every page that uses the TOC.
    fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        for n in &self.nodes {
            (&n.title, &n.title_text, &n.href, &n.href_raw).hash(&mut hasher);
            (n.external, n.parent, &n.children, &n.versions).hash(&mut hasher);
        }
        self.roots.hash(&mut hasher);
        let mut pages: Vec<(&String, &usize)> = self.by_page.iter().collect();
        pages.sort();
        pages.hash(&mut hasher);
        self.script.hash(&mut hasher);
        hasher.finish()
    }

    /// The shared script with the whole tree: `rosettaToc([[title, href, [children…]], …])`,
    /// titles as text, hrefs relative to the locale's output root (or absolute); an entry
    /// whose page has versions of its own has them fourth (`[title, href, children or 0,
    /// "vs-2017 vs-2019"]`).
    pub(super) fn script_js(&self) -> String {
        fn items(nav: &TocNav, list: &[usize]) -> Value {
            Value::Array(
                list.iter()
                    .map(|&i| {
                        let n = &nav.nodes[i];
                        let mut item = vec![
                            json!(n.title_text),
                            n.href_raw.as_deref().map_or(Value::Null, |h| json!(h)),
                        ];
                        if !n.children.is_empty() {
                            item.push(items(nav, &n.children));
                        }
                        if let Some(versions) = &n.versions {
                            if n.children.is_empty() {
                                item.push(json!(0));
                            }
                            item.push(json!(versions));
                        }
                        Value::Array(item)
                    })
                    .collect(),
            )
        }
        format!("rosettaToc({});\n", items(self, &self.roots))
    }
}

/// ` data-moniker="…"` for an entry whose page has versions of its own.
fn push_versions(node: &Node, html: &mut String) {
    if let Some(versions) = &node.versions {
        html.push_str(" data-moniker=\"");
        html.push_str(&escape(versions));
        html.push('"');
    }
}

/// The part of a list a page shows: everything when short, else a window around the open
/// entry (or the start).
fn window(items: &[usize], open: &[usize]) -> (usize, usize) {
    if items.len() <= MAX_LIST {
        return (0, items.len());
    }
    let centre = items.iter().position(|i| open.contains(i)).unwrap_or(0);
    let start = centre.saturating_sub(MAX_LIST / 2);
    let end = (start + MAX_LIST).min(items.len());
    (end.saturating_sub(MAX_LIST), end)
}
