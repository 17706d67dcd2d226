//! The analyse stage: one pulldown-cmark pass per page that expands DFM (includes, alerts,
//! sections, anchors), resolves references, collects the page's facts with their source
//! positions and, in a build, produces the body HTML.
//!
//! Events of include files are spliced into the page's event stream where the directive
//! stands, so a block include lands in its list item or blockquote, and every fact keeps
//! the position in the file that holds its text.

mod blocks;
mod image;
mod include;
mod inline;
mod quote;
mod snippet;
mod tabs;
#[cfg(test)]
pub(crate) mod tests;
mod yaml;

use crate::dfm::OPTIONS;
use crate::dfm::anchor::PageIds;
use crate::dfm::directive::AlertKind;
use crate::dfm::moniker::Definitions;
use crate::dfm::pivot_groups::{PivotGroup, PivotGroups};
use crate::dfm::tabs::TabBlock;
use crate::diagnostic::{Code, Diagnostic, Related};
use crate::page::{
    Anchor, AnchorKind, Heading, IncludeFact, LinkFact, Page, PageMonikers, PageVersions,
};
use crate::site::paths::{self, page_output};
use crate::site::resolve::Resolver;
use crate::source::{Locator, SourceFile, SourceId, Sources};
use blocks::ColonBlocks;
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};
use quote::Section;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;
use tabs::TabGroups;

/// Nesting deeper than this is an `include-limit` finding.
pub(crate) const MAX_INCLUDE_DEPTH: usize = 32;
/// A page may grow to this many bytes through includes.
pub(crate) const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// Localized alert labels, in [`AlertKind::ALL`] order.
pub(crate) type AlertLabels = [String; 5];

/// What a page pass reads from the rest of the build.
pub(crate) struct Context<'a> {
    /// Where references of the locale lead (its files, the source's, redirections).
    pub resolver: Resolver<'a>,
    pub sources: &'a Sources,
    pub alert_labels: &'a AlertLabels,
    /// The locale's pivot definitions (`zone-pivot-groups.yml`), by path.
    pub pivots: &'a HashMap<String, PivotGroups>,
    /// The uids cross references resolve to.
    pub xrefs: &'a crate::dfm::xref::XrefIndex,
    /// The site's versions (none in a site without monikers).
    pub versions: &'a Definitions,
    /// The locale's pages that have a file-level range, with their versions, by path.
    pub page_versions: &'a HashMap<String, PageVersions>,
    /// The title of each version in the locale's language (moniker blocks show them).
    pub version_titles: &'a [String],
    /// What separates the titles a block shows (`list-separator`: `, `, or `、` in Chinese).
    pub list_separator: &'a str,
    /// Produce the body HTML (build) or only the facts (check).
    pub render: bool,
}

/// Analyses (and in a build renders) one page; findings about the page and the include
/// files it pulls in go to `findings`.
pub(crate) fn analyse<'a>(ctx: &Context<'a>, id: SourceId, findings: &mut Vec<Diagnostic>) -> Page {
    let source: &'a SourceFile = ctx.sources.file(id);
    let locale: Arc<str> = ctx.resolver.own().name.as_str().into();
    let mut pass = Pass {
        ctx,
        locale: locale.clone(),
        page_path: &source.path,
        page_dir: paths::parent(&source.path),
        out: Vec::new(),
        ids: PageIds::default(),
        headings: Vec::new(),
        anchors: Vec::new(),
        links: Vec::new(),
        includes: Vec::new(),
        include_seen: HashSet::new(),
        referenced: Vec::new(),
        source_files: Vec::new(),
        fallbacks: 0,
        unresolved_xrefs: Vec::new(),
        findings: Vec::new(),
        chain: Vec::new(),
        via: Arc::from(Vec::new()),
        grown: source.text.len(),
        first_h1: None,
        suppressed: 0,
        pivot_groups: Vec::new(),
        tab_groups: 0,
        tab_ids: Vec::new(),
        capturing: 0,
        monikers: page_monikers(ctx, source),
        open_monikers: Vec::new(),
    };
    let yaml = if source.is_yaml() {
        pass.yaml_page(source)
    } else {
        if source.front_matter.zone_pivot_groups().is_some() {
            pass.page_pivot_groups(&FileCtx::new(source));
        }
        pass.blocks(source);
        None
    };
    let mut body = String::new();
    if ctx.render {
        pulldown_cmark::html::push_html(&mut body, pass.out.drain(..));
    }
    let title = yaml
        .as_ref()
        .map(|y| y.title.clone())
        .or_else(|| {
            let title = source.front_matter.title.as_deref()?;
            Some(metadata_text(ctx, source, title))
        })
        .or_else(|| pass.first_h1.clone())
        .unwrap_or_else(|| file_stem(&source.path).to_owned());
    let (front_matter, yaml) = match yaml {
        Some(y) => (Arc::new(y.front_matter), Some(y.view)),
        None => {
            // The description as readers see it (the key in `fields` stays as written); the
            // source's front matter is shared when reading it changes nothing.
            let shown = source
                .front_matter
                .description
                .as_ref()
                .map(|description| metadata_text(ctx, source, description));
            let front_matter = if shown == source.front_matter.description {
                Arc::clone(&source.front_matter)
            } else {
                let mut own = (*source.front_matter).clone();
                own.description = shown;
                Arc::new(own)
            };
            (front_matter, None)
        }
    };
    pass.referenced.sort();
    pass.referenced.dedup();
    pass.source_files.sort();
    pass.source_files.dedup();
    findings.append(&mut pass.findings);
    Page {
        locale,
        path: source.path.clone(),
        site_path: source.site_path.clone(),
        output: page_output(&source.path),
        front_matter,
        title,
        headings: pass.headings,
        anchors: pass.anchors,
        links: pass.links,
        includes: pass.includes,
        referenced_files: pass.referenced,
        source_files: pass.source_files,
        fallbacks: pass.fallbacks,
        body,
        yaml,
        pivot_groups: pass.pivot_groups,
        tabs: pass.tab_ids,
        unresolved_xrefs: pass.unresolved_xrefs,
        monikers: pass.monikers,
    }
}

/// A front matter value (`title`, `description`) as readers see it: inline includes by
/// their text, cross references by the names they show (`dfm::xref::metadata_text`).
fn metadata_text(ctx: &Context<'_>, source: &SourceFile, text: &str) -> String {
    let text = with_included_text(ctx, source, text);
    crate::dfm::xref::metadata_text(&text, |target| {
        ctx.xrefs.resolve(&target.uid).map(|r| {
            r.spec()
                .display(target.display_property.as_deref())
                .to_owned()
        })
    })
}

/// Text with its inline includes (`[!INCLUDE[…](path)]`, read as the page's own) replaced by
/// the text of the file; a directive that does not resolve stays as written (the page's
/// own pass reports includes; metadata is not a place findings point to).
fn with_included_text(ctx: &Context<'_>, source: &SourceFile, text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("[!include") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    while let Some(start) = lower[last..].find("[!include").map(|i| last + i) {
        let Some(end) = text[start..].find(")]").map(|e| start + e + 2) else {
            break;
        };
        let included = crate::dfm::directive::include_directive(&text[start..end]).and_then(|d| {
            let reference = include::include_reference(include::include_path(&d.path))?;
            let path = ctx.resolver.normalize(&source.path, &reference).ok()?;
            let found = ctx.resolver.find_file(&path)?;
            let file = ctx.sources.get(found.locale, &found.path)?;
            Some(plain_text_of(file.body()))
        });
        out.push_str(&text[last..start]);
        match included {
            Some(t) => out.push_str(&t),
            None => out.push_str(&text[start..end]),
        }
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// The text of Markdown without markup, on one line.
fn plain_text_of(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, OPTIONS) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page's file-level versions, in a site with versions.
fn page_monikers(ctx: &Context<'_>, source: &SourceFile) -> Option<Box<PageMonikers>> {
    if ctx.versions.is_empty() {
        return None;
    }
    let own = ctx.page_versions.get(&source.path);
    Some(Box::new(PageMonikers {
        versions: own.map_or_else(|| ctx.versions.all(), |p| p.versions.clone()),
        ranged: own.is_some(),
        twins: own.map(|p| p.twins.clone()).unwrap_or_default(),
        blocks: Vec::new(),
        has_blocks: false,
    }))
}

/// A page of a locale a shard only lists (see `site::shard`): its front matter and output
/// path, without a pass over its text (a YAML page's front matter comes from its metadata,
/// so it gets its pass; its findings are not reported). Its facts are empty and its title
/// is the front matter's as written, else the file name.
pub(crate) fn listed(ctx: &Context<'_>, id: SourceId) -> Page {
    let source = ctx.sources.file(id);
    if source.is_yaml() {
        return analyse(ctx, id, &mut Vec::new());
    }
    Page {
        locale: ctx.resolver.own().name.as_str().into(),
        path: source.path.clone(),
        site_path: source.site_path.clone(),
        output: page_output(&source.path),
        front_matter: Arc::clone(&source.front_matter),
        title: source
            .front_matter
            .title
            .clone()
            .unwrap_or_else(|| file_stem(&source.path).to_owned()),
        headings: Vec::new(),
        anchors: Vec::new(),
        links: Vec::new(),
        includes: Vec::new(),
        referenced_files: Vec::new(),
        source_files: Vec::new(),
        fallbacks: 0,
        body: String::new(),
        yaml: None,
        pivot_groups: Vec::new(),
        tabs: Vec::new(),
        unresolved_xrefs: Vec::new(),
        monikers: None,
    }
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// The state of one page pass.
struct Pass<'c, 'a> {
    ctx: &'c Context<'a>,
    locale: Arc<str>,
    /// Source path of the page (locale-relative).
    page_path: &'a str,
    /// Folder of the page: links are rewritten relative to it.
    page_dir: &'a str,
    out: Vec<Event<'a>>,
    ids: PageIds,
    headings: Vec<Heading>,
    anchors: Vec<Anchor>,
    links: Vec<LinkFact>,
    includes: Vec<IncludeFact>,
    include_seen: HashSet<(String, Arc<str>, u32, u32)>,
    referenced: Vec<String>,
    /// Files of the source locale referenced through fallback.
    source_files: Vec<String>,
    /// References resolved through the source locale.
    fallbacks: usize,
    /// Where cross references are left unresolved while a map of the locale is missing.
    unresolved_xrefs: Vec<crate::diagnostic::Location>,
    findings: Vec<Diagnostic>,
    /// Include files being expanded, outermost first.
    chain: Vec<&'a str>,
    /// The directives that brought the current text in, outermost first.
    via: Arc<[Related]>,
    /// Bytes of source the page has grown to through includes.
    grown: usize,
    first_h1: Option<String>,
    /// Inside this many zones for another output: nothing is written.
    suppressed: usize,
    /// The pivot groups the page names, from its definitions (for zones and the selector).
    pivot_groups: Vec<PivotGroup>,
    /// Tab groups so far on the page (their ids are numbered).
    tab_groups: usize,
    /// The ids the page's tabs stand for, each once.
    tab_ids: Vec<String>,
    /// Inside this many inline runs whose events are kept even when only checking (a
    /// heading's, for its rendered text).
    capturing: usize,
    /// The page's versions and moniker blocks (in a site with versions).
    monikers: Option<Box<PageMonikers>>,
    /// The moniker blocks open, outermost first (at most one is rendered; more are
    /// findings).
    open_monikers: Vec<blocks::OpenMoniker>,
}

/// A file being walked: its text and where its references resolve from.
struct FileCtx<'a> {
    src: &'a SourceFile,
    loc: Locator<'a>,
    /// Whether the file has `:::` anywhere (else no inline text is searched for images).
    has_colons: bool,
}

impl<'a> FileCtx<'a> {
    fn new(src: &'a SourceFile) -> Self {
        FileCtx {
            src,
            loc: Locator::new(src),
            has_colons: src.has_colons,
        }
    }

    /// Whether this is an include file rather than the page.
    fn is_include(&self, pass: &Pass<'_, '_>) -> bool {
        !pass.chain.is_empty() && pass.chain.last() == Some(&self.src.path.as_str())
    }
}

/// Events of a block's inline content, each with its byte range in the file.
type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// A block whose inline content is buffered before it is written.
enum LeafKind<'a> {
    Paragraph,
    Heading(Tag<'a>),
    TableCell,
    /// Inline content directly in a tight list item.
    Implicit,
}

struct Leaf<'a> {
    kind: LeafKind<'a>,
    /// Byte range of the block in the file.
    range: Range<usize>,
    events: Vec<(Event<'a>, Range<usize>)>,
}

/// An open container block.
enum Container {
    Quote(Section),
    Code,
    Html { in_comment: bool },
    Other,
}

impl<'a> Pass<'_, 'a> {
    /// Whether what the pass writes is kept: in a build, or while capturing a heading's
    /// text, and not inside a zone for another output.
    fn writing(&self) -> bool {
        (self.ctx.render || self.capturing > 0) && self.suppressed == 0
    }

    fn emit(&mut self, event: Event<'a>) {
        if self.writing() {
            self.out.push(event);
        }
    }

    fn emit_html(&mut self, html: String) {
        if self.writing() {
            self.out
                .push(Event::Html(CowStr::Boxed(html.into_boxed_str())));
        }
    }

    fn emit_html_inline(&mut self, html: String) {
        if self.writing() {
            self.out
                .push(Event::InlineHtml(CowStr::Boxed(html.into_boxed_str())));
        }
    }

    /// A finding at `offset` of the file being walked, with the include chain attached.
    fn report(&mut self, f: &FileCtx<'a>, code: Code, offset: usize, message: impl Into<String>) {
        let mut d = f.loc.finding(code, &self.locale, offset, message);
        d.related.extend(self.via.iter().cloned());
        self.findings.push(d);
    }

    /// Walks the blocks of `src` (the page, or a block include) into the output.
    fn blocks(&mut self, src: &'a SourceFile) {
        let f = FileCtx::new(src);
        let base = src.body_start;
        let mut containers: Vec<Container> = Vec::new();
        let mut leaf: Option<Leaf<'a>> = None;
        let mut colon = ColonBlocks::default();
        let mut tab_groups = TabGroups::default();
        // Inside the HTML block that stands for a `:::` line: its events are not written.
        let mut in_marker = false;
        let text: &'a str = src.parse_text();
        for (event, range) in Parser::new_ext(&text[base..], OPTIONS).into_offset_iter() {
            let range = range.start + base..range.end + base;
            if let Some(current) = &mut leaf {
                if !ends_leaf(&current.kind, &event) {
                    current.events.push((event, range));
                    continue;
                }
                let implicit = matches!(current.kind, LeafKind::Implicit);
                if let Some(done) = leaf.take() {
                    let depth = containers.len();
                    if let LeafKind::Heading(_) = &done.kind
                        && let Some(tab) = tabs::heading_tab(&done.events)
                    {
                        self.open_quote_section(&mut containers);
                        self.tab_heading(&f, depth, tab, &mut tab_groups);
                    } else {
                        self.tab_block(depth, TabBlock::Other, &mut tab_groups);
                        self.leaf(&f, &mut containers, done);
                    }
                }
                if !implicit {
                    continue; // the leaf's own end event
                }
                // An implicit run ends at the next block event, handled below.
            }
            if in_marker {
                in_marker = !matches!(event, Event::End(TagEnd::HtmlBlock));
                continue;
            }
            if let (Event::Start(Tag::HtmlBlock), Some(markup)) = (&event, &src.markup)
                && let Some((line, marker)) = markup.marker_at(range.start)
            {
                in_marker = true;
                self.tab_block(containers.len(), TabBlock::Other, &mut tab_groups);
                self.open_quote_section(&mut containers);
                self.colon_marker(&f, line, marker, containers.len(), &mut colon);
                continue;
            }
            match event {
                Event::Start(Tag::Paragraph) => {
                    leaf = Some(Leaf {
                        kind: LeafKind::Paragraph,
                        range,
                        events: Vec::new(),
                    })
                }
                Event::Start(tag @ Tag::Heading { .. }) => {
                    self.open_quote_section(&mut containers);
                    leaf = Some(Leaf {
                        kind: LeafKind::Heading(tag),
                        range,
                        events: Vec::new(),
                    })
                }
                Event::Start(Tag::TableCell) => {
                    leaf = Some(Leaf {
                        kind: LeafKind::TableCell,
                        range,
                        events: Vec::new(),
                    })
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    self.tab_block(containers.len(), TabBlock::Other, &mut tab_groups);
                    self.open_quote_section(&mut containers);
                    containers.push(Container::Quote(Section::Pending));
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    self.close_colon_blocks(&f, containers.len(), &mut colon);
                    self.close_tab_groups(containers.len(), &mut tab_groups);
                    if let Some(Container::Quote(section)) = containers.pop() {
                        self.close_section(section);
                    }
                }
                Event::Start(tag) if !is_inline_tag(&tag) => {
                    self.tab_block(containers.len(), TabBlock::Other, &mut tab_groups);
                    self.open_quote_section(&mut containers);
                    containers.push(match tag {
                        Tag::CodeBlock(_) => Container::Code,
                        Tag::HtmlBlock => Container::Html { in_comment: false },
                        _ => Container::Other,
                    });
                    self.emit(Event::Start(tag));
                }
                Event::End(end) if !is_inline_end(end) => {
                    self.close_colon_blocks(&f, containers.len(), &mut colon);
                    self.close_tab_groups(containers.len(), &mut tab_groups);
                    containers.pop();
                    self.emit(Event::End(end));
                }
                Event::Html(html) => {
                    let mut in_comment = match containers.last() {
                        Some(Container::Html { in_comment }) => *in_comment,
                        _ => false,
                    };
                    let html = self.raw_html(&f, html, &range, &mut in_comment);
                    if let Some(Container::Html { in_comment: state }) = containers.last_mut() {
                        *state = in_comment;
                    }
                    self.emit(Event::Html(html));
                }
                Event::Rule => {
                    if self.tab_block(containers.len(), TabBlock::Rule, &mut tab_groups) {
                        self.open_quote_section(&mut containers);
                        self.emit(Event::Rule);
                    }
                }
                event if matches!(containers.last(), Some(Container::Code)) => self.emit(event),
                event => {
                    // Inline content outside a paragraph: a tight list item's text.
                    leaf = Some(Leaf {
                        kind: LeafKind::Implicit,
                        range: range.clone(),
                        events: vec![(event, range)],
                    });
                }
            }
        }
        if let Some(done) = leaf.take() {
            self.tab_block(containers.len(), TabBlock::Other, &mut tab_groups);
            self.leaf(&f, &mut containers, done);
        }
        self.close_colon_blocks(&f, 0, &mut colon);
        self.close_tab_groups(0, &mut tab_groups);
        while let Some(c) = containers.pop() {
            if let Container::Quote(section) = c {
                self.close_section(section);
            }
        }
    }

    /// Writes a buffered leaf block.
    fn leaf(&mut self, f: &FileCtx<'a>, containers: &mut [Container], leaf: Leaf<'a>) {
        match leaf.kind {
            LeafKind::Paragraph => self.paragraph(f, containers, leaf.events, true),
            LeafKind::Implicit => self.paragraph(f, containers, leaf.events, false),
            LeafKind::TableCell => {
                self.emit(Event::Start(Tag::TableCell));
                self.inline(f, leaf.events);
                self.emit(Event::End(TagEnd::TableCell));
            }
            LeafKind::Heading(tag) => self.heading(f, tag, leaf.range, leaf.events),
        }
    }

    /// Before a block is written directly inside a blockquote that has no open section,
    /// opens a plain `<blockquote>`.
    fn open_quote_section(&mut self, containers: &mut [Container]) {
        if let Some(Container::Quote(section)) = containers.last_mut()
            && section.needs_opening()
        {
            *section = Section::Quote;
            self.emit_html("<blockquote>\n".into());
        }
    }

    /// A heading: its id is the explicit anchor, else `{#custom}`, else a unique slug.
    fn heading(
        &mut self,
        f: &FileCtx<'a>,
        tag: Tag<'a>,
        range: Range<usize>,
        events: Vec<(Event<'a>, Range<usize>)>,
    ) {
        let Tag::Heading {
            level,
            id: custom,
            classes,
            attrs,
        } = tag
        else {
            return;
        };
        let (explicit, events) = inline::take_heading_anchor(events);
        let text = crate::dfm::anchor::heading_text(events.iter().map(|(e, _)| e));
        let from_include = f.is_include(self);
        let id = if let Some((name, offset)) = explicit {
            self.claim_anchor(f, &name, offset, AnchorKind::Explicit);
            name
        } else if let Some(custom) = custom {
            self.claim_anchor(f, &custom, range.start, AnchorKind::Heading);
            custom.to_string()
        } else {
            let id = self.ids.unique(&crate::dfm::anchor::slug(&text));
            self.anchors.push(Anchor {
                id: id.clone(),
                kind: AnchorKind::Heading,
                at: f.loc.location(range.start),
                from_include,
            });
            id
        };
        let level_number = level as u8;
        self.emit(Event::Start(Tag::Heading {
            level,
            id: Some(id.clone().into()),
            classes,
            attrs,
        }));
        // The heading as readers see it (includes expanded, cross references resolved):
        // its events are kept while only checking too, then let go.
        let start = self.out.len();
        self.capturing += 1;
        self.inline(f, events);
        self.capturing -= 1;
        // Empty when all it holds renders to nothing (an include of an empty file): such a
        // heading is no entry of "on this page" and gives no title.
        let shown = self
            .out
            .get(start..)
            .map(inline::rendered_text)
            .unwrap_or_default();
        if !self.ctx.render {
            self.out.truncate(start);
        }
        self.emit(Event::End(TagEnd::Heading(level)));
        // A heading of a zone for another output (`target="pdf"`) is not on the page.
        if self.suppressed > 0 {
            return;
        }
        if level_number == 1 && self.first_h1.is_none() && !shown.is_empty() {
            self.first_h1 = Some(shown.clone());
        }
        self.headings.push(Heading {
            level: level_number,
            id,
            text: shown,
            moniker: self.open_monikers.last().map(|m| m.names.clone()),
        });
    }

    /// Records an id written by the author; a second use on the page is a finding.
    fn claim_anchor(&mut self, f: &FileCtx<'a>, id: &str, offset: usize, kind: AnchorKind) {
        if !self.ids.claim(id) {
            self.report(
                f,
                Code::DuplicateAnchor,
                offset,
                format!("anchor `{id}` is already used on this page"),
            );
        }
        let from_include = f.is_include(self);
        self.anchors.push(Anchor {
            id: id.to_owned(),
            kind,
            at: f.loc.location(offset),
            from_include,
        });
    }
}

fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn is_inline_event(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::End(end) => is_inline_end(*end),
        Event::Html(_) | Event::Rule | Event::DisplayMath(_) => false,
        _ => true,
    }
}

/// Whether `event` ends the buffered leaf.
fn ends_leaf(kind: &LeafKind<'_>, event: &Event<'_>) -> bool {
    match kind {
        LeafKind::Paragraph => matches!(event, Event::End(TagEnd::Paragraph)),
        LeafKind::Heading(_) => matches!(event, Event::End(TagEnd::Heading(_))),
        LeafKind::TableCell => matches!(event, Event::End(TagEnd::TableCell)),
        LeafKind::Implicit => !is_inline_event(event),
    }
}

/// The label of an alert kind.
fn alert_label(labels: &AlertLabels, kind: AlertKind) -> &str {
    let i = AlertKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &labels[i]
}
