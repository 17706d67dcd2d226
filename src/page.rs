//! The analysed page: everything later stages need, from one pass over its source.

use crate::dfm::front_matter::FrontMatter;
use crate::dfm::moniker::Versions;
use crate::diagnostic::{Location, Related};
use crate::site::Locale;
use crate::site::paths::SEARCH_PAGE;
use std::sync::Arc;

/// One article of one locale, analysed (and, in a build, rendered).
#[derive(Debug, Hash)]
pub(crate) struct Page {
    pub locale: Arc<str>,
    /// Source path relative to the locale root (real letter case).
    pub path: String,
    /// Source path relative to the site root, as findings name it.
    pub site_path: Arc<str>,
    /// Output path relative to the locale's output folder (`a/b.html`).
    pub output: String,
    /// The source's front matter, shared with it (a YAML page's own otherwise).
    pub front_matter: Arc<FrontMatter>,
    /// `title` from the front matter, else the first H1, else the file name.
    pub title: String,
    /// Every heading, in order, with its final id.
    pub headings: Vec<Heading>,
    /// Every id on the page (headings, `<a name>`/`<a id>`, `id` attributes).
    pub anchors: Vec<Anchor>,
    /// Relative and same-page links, images and resources, as written.
    pub links: Vec<LinkFact>,
    /// Include directives expanded into this page (directly or nested).
    pub includes: Vec<IncludeFact>,
    /// Existing files the page references (images, downloads): copied to the output.
    pub referenced_files: Vec<String>,
    /// Files of the source locale the page references because its own locale lacks them
    /// (images the translation shares with its source): copied once, to the source's output.
    pub source_files: Vec<String>,
    /// References (links, images, includes) resolved through the source locale.
    pub fallbacks: usize,
    /// The body as HTML (empty when only checking).
    pub body: String,
    /// A YAML page (Landing, Hub, LandingData): the template that renders it and its model,
    /// URLs already rewritten for the output.
    pub yaml: Option<YamlView>,
    /// The pivot groups the page names (`zone_pivot_groups`), for its pivot selector.
    pub pivot_groups: Vec<crate::dfm::pivot_groups::PivotGroup>,
    /// The ids of the page's tabs (`#tab/id` links select them), in order, each once.
    pub tabs: Vec<String>,
    /// Where cross references are written that resolve nowhere while an xref map of the
    /// locale is missing: counted in that map's `xref-map` warning (each place once, as
    /// findings would be) rather than reported one by one.
    pub unresolved_xrefs: Vec<Location>,
    /// Its versions, in a site that has versions (monikers).
    pub monikers: Option<Box<PageMonikers>>,
}

/// A page's file-level versions (docfx.json, front matter), read before its pass.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct PageVersions {
    /// The versions the page is for.
    pub versions: Versions,
    /// Its twins in other docfx.json content groups (locale-relative paths): the same page
    /// for other versions.
    pub twins: Vec<String>,
}

/// A page's versions (DocFX monikers) and its moniker blocks.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct PageMonikers {
    /// The versions the page is for.
    pub versions: Versions,
    /// Whether the page has a file-level range of its own.
    pub ranged: bool,
    /// The same page for other versions (docfx.json content groups), locale-relative.
    pub twins: Vec<String>,
    /// The moniker blocks written in the page's own file, in order.
    pub blocks: Vec<MonikerBlock>,
    /// Whether the page shows any moniker block (its own or its includes').
    pub has_blocks: bool,
}

impl PageMonikers {
    /// Whether the page gets a version picker: it has a range of its own or moniker blocks.
    pub(crate) fn picker(&self) -> bool {
        self.ranged || self.has_blocks
    }
}

/// A `::: moniker range="…"` block written in a page's own file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct MonikerBlock {
    /// Where its line is.
    pub at: Location,
    /// The range as written.
    pub range: String,
    /// What the range gives on its own (before the page's versions); `None` when it does
    /// not parse.
    pub versions: Option<Versions>,
}

/// What the theme renders a YAML page from.
#[derive(Debug, Hash)]
pub(crate) struct YamlView {
    /// `landing.html` or `hub.html`.
    pub template: &'static str,
    /// The page's model (`dfm::yaml_page::YamlPage`) as JSON.
    pub model: serde_json::Value,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Heading {
    pub level: u8,
    pub id: String,
    /// The heading's text without markup.
    pub text: String,
    /// The versions of the moniker block it is in (`vs-2017 vs-2019`), if any.
    pub moniker: Option<Arc<str>>,
}

/// Where an id comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum AnchorKind {
    /// `<a name="…">` or `<a id="…">`: the anchors translations must share.
    Explicit,
    /// A heading's slug or `{#custom}` id.
    Heading,
    /// An `id` attribute of another raw HTML element.
    Element,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Anchor {
    pub id: String,
    pub kind: AnchorKind,
    pub at: Location,
    /// Whether it comes from an include file rather than the page itself.
    pub from_include: bool,
}

/// What a reference is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum LinkKind {
    /// `[t](x)` or `<a href>`.
    Link,
    /// `![a](x)`, `<img src>` and other embedded resources.
    Resource,
}

/// What a relative reference resolved to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum LinkTarget {
    /// `#fragment` on this page.
    SamePage,
    /// A page of the same locale (locale-relative source path).
    Page(String),
    /// Any other existing file or folder.
    File(String),
    /// Nothing: already reported as a finding; the normalised path as written.
    Missing(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct LinkFact {
    pub kind: LinkKind,
    pub target: LinkTarget,
    /// The locale (index in site order) that holds the target: the page's own, or the
    /// source locale when the target exists only there.
    pub locale: usize,
    pub fragment: Option<String>,
    /// Where the reference is written (in the page or an include file).
    pub at: Location,
    /// The include chain that brought it into the page (empty when written in the page).
    pub via: Arc<[Related]>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct IncludeFact {
    /// The include file, locale-relative (the normalised path when it is missing).
    pub target: String,
    pub at: Location,
    /// Whether the directive is written in the page itself rather than in an include.
    pub direct: bool,
}

/// The sources of a locale (pages, and files copied to the output) whose output path is the
/// locale's search page, sorted. The render stage writes no search page when there is one.
pub(crate) fn search_page_sources<'a>(locale: &'a Locale, pages: &'a [Page]) -> Vec<&'a str> {
    let page = SEARCH_PAGE;
    let mut sources: Vec<&str> = pages
        .iter()
        .filter(|p| p.output.eq_ignore_ascii_case(page))
        .map(|p| p.path.as_str())
        .chain(
            locale
                .resources
                .iter()
                .chain(pages.iter().flat_map(|p| &p.referenced_files))
                .filter(|r| r.eq_ignore_ascii_case(page))
                .map(String::as_str),
        )
        .collect();
    sources.sort_unstable();
    sources.dedup();
    sources
}
