//! Inline content: links, images and raw HTML resolved and rewritten, inline includes
//! expanded, explicit anchors recorded.

use super::{Events, FileCtx, Pass};
use crate::dfm::html::{self, StartTag};
use crate::dfm::xref::{self, XrefResolution};
use crate::dfm::{details, directive};
use crate::diagnostic::Code;
use crate::page::{AnchorKind, LinkFact, LinkKind, LinkTarget};
use crate::site::paths::{self, FileKind, Target, page_output, relative_url};
use crate::site::resolve::Resolution;
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use std::ops::Range;

/// Takes the first `<a name="…">`/`<a id="…">` out of a heading's content (with its
/// `</a>`): it becomes the heading's id. Returns the name and its byte offset.
pub(super) fn take_heading_anchor(events: Events<'_>) -> (Option<(String, usize)>, Events<'_>) {
    let mut found = None;
    let mut drop_close = false;
    let mut kept = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let Event::InlineHtml(text) = &event {
            if found.is_none()
                && let Some(name) = html::leading_anchor(text)
            {
                drop_close = !text.trim_end().ends_with("/>");
                found = Some((name, range.start));
                continue;
            }
            if drop_close && text.trim().eq_ignore_ascii_case("</a>") {
                drop_close = false;
                continue;
            }
        }
        kept.push((event, range));
    }
    (found, kept)
}

/// The text of written inline content as a reader sees it: text, code, and the text of
/// inline HTML (a resolved cross reference, an included phrase), without markup.
pub(super) fn rendered_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::InlineHtml(html) | Event::Html(html) => {
                text.push_str(&crate::dfm::html::text_of(html))
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ")
}

/// What remains to skip of a cross-reference link.
enum XrefLinkState {
    None,
    /// An autolink written as a whole: skip its text and its end.
    SkipAll,
    /// A link without its start: skip its end.
    SkipEnd,
}

/// Where a reference is written and how it is read.
pub(super) struct RefSite {
    pub(super) kind: LinkKind,
    /// Byte offset of the `[` / `<img` / `<a` in the file.
    pub(super) offset: usize,
}

impl<'a> Pass<'_, 'a> {
    /// Writes inline content, expanding inline includes and resolving references.
    pub(super) fn inline(&mut self, f: &FileCtx<'a>, events: Events<'a>) {
        let has_colons = f.has_colons
            && events
                .iter()
                .any(|(e, _)| matches!(e, Event::Text(t) if t.contains(":::")));
        let (mut events, images) = if has_colons {
            super::image::mark_images(f, events)
        } else {
            (events, Vec::new())
        };
        let mut images = images.into_iter().peekable();
        // In event order, as the images.
        let mut includes = mark_inline_includes(f, &mut events).into_iter().peekable();
        let mut skip_until = None;
        // An `<xref:…>` autolink replaced whole: its text and end are not written; an
        // unresolved `[text](xref:…)`: its text is, its end is not.
        let mut xref_link = XrefLinkState::None;
        for (i, (event, range)) in events.into_iter().enumerate() {
            if let Some(end) = skip_until {
                if i <= end {
                    continue;
                }
                skip_until = None;
            }
            match (&xref_link, &event) {
                (XrefLinkState::SkipAll, Event::End(TagEnd::Link))
                | (XrefLinkState::SkipEnd, Event::End(TagEnd::Link)) => {
                    xref_link = XrefLinkState::None;
                    continue;
                }
                (XrefLinkState::SkipAll, _) => continue,
                _ => {}
            }
            if images.peek().is_some_and(|img| img.index == i) {
                if let Some(image) = images.next() {
                    self.inline_image(f, image);
                }
                continue;
            }
            if let Some(inc) = includes.next_if(|inc| inc.start == i) {
                skip_until = Some(inc.end);
                self.include_inline(f, &inc.directive, inc.offset);
                continue;
            }
            match event {
                // `<a@b.org>`: a `mailto:` link, never a path.
                Event::Start(
                    tag @ Tag::Link {
                        link_type: LinkType::Email,
                        ..
                    },
                ) => self.emit(Event::Start(tag)),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) if xref::xref_href(&dest_url).is_some() => {
                    xref_link = self.xref_link(f, range.start, link_type, &dest_url, title, id);
                }
                Event::Text(text) if !self.ctx.xrefs.is_empty() && text.contains('@') => {
                    self.text_with_shorthands(f, text, range);
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let site = RefSite {
                        kind: LinkKind::Link,
                        offset: range.start,
                    };
                    let dest_url = self.reference(f, site, dest_url);
                    self.emit(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    // Findings point at the `[` of `![`.
                    let bang = f.src.parse_text().as_bytes().get(range.start) == Some(&b'!');
                    let site = RefSite {
                        kind: LinkKind::Resource,
                        offset: range.start + usize::from(bang),
                    };
                    let dest_url = self.reference(f, site, dest_url);
                    self.emit(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::InlineHtml(text) => {
                    let text = self.raw_html(f, text, &range, &mut false);
                    self.emit(Event::InlineHtml(text));
                }
                event => self.emit(event),
            }
        }
    }

    /// Records the anchors and references of a raw HTML fragment and rewrites its URLs.
    pub(super) fn raw_html(
        &mut self,
        f: &FileCtx<'a>,
        text: CowStr<'a>,
        range: &Range<usize>,
        in_comment: &mut bool,
    ) -> CowStr<'a> {
        if !text.contains('<') && !*in_comment {
            return text;
        }
        let base = fragment_offset(f.src.parse_text(), &text, range);
        let tags = html::start_tags(&text, in_comment);
        let mut edits: Vec<(Range<usize>, String)> = Vec::new();
        for tag in &tags {
            self.html_tag(f, tag, base, &mut edits);
        }
        if edits.is_empty() || !self.ctx.render {
            return text;
        }
        edits.sort_by_key(|(r, _)| r.start);
        let mut out = String::with_capacity(text.len() + 32);
        let mut last = 0;
        for (r, replacement) in edits {
            out.push_str(&text[last..r.start]);
            out.push_str(&replacement);
            last = r.end;
        }
        out.push_str(&text[last..]);
        CowStr::Boxed(out.into_boxed_str())
    }

    fn html_tag(
        &mut self,
        f: &FileCtx<'a>,
        tag: &StartTag<'_>,
        base: usize,
        edits: &mut Vec<(Range<usize>, String)>,
    ) {
        let offset = base + tag.range.start;
        let is_a = tag.name == "a";
        if let Some(id) = tag.attr("id") {
            let kind = if is_a {
                AnchorKind::Explicit
            } else {
                AnchorKind::Element
            };
            self.claim_anchor(f, &id.value(), offset, kind);
        } else if let (true, Some(name)) = (is_a, tag.attr("name")) {
            let name = name.value();
            self.claim_anchor(f, &name, offset, AnchorKind::Explicit);
            // `<a name>` becomes a link target in today's browsers through its id.
            let at = tag.range.start + 2;
            edits.push((at..at, format!(" id=\"{}\"", html::escape(&name))));
        }
        let url_attr = match tag.name.as_str() {
            "a" | "area" => Some(("href", LinkKind::Link)),
            "img" | "video" | "audio" | "source" | "track" | "embed" | "iframe" | "script" => {
                Some(("src", LinkKind::Resource))
            }
            "object" => Some(("data", LinkKind::Resource)),
            "link" => Some(("href", LinkKind::Resource)),
            _ => None,
        };
        let Some((attr_name, kind)) = url_attr else {
            return;
        };
        let Some(attr) = tag.attr(attr_name) else {
            return;
        };
        let value = attr.value();
        let site = RefSite { kind, offset };
        let rewritten = self.reference(f, site, CowStr::Borrowed(&value));
        if rewritten.as_ref() != value {
            edits.push((attr.value_range.clone(), html::escape(&rewritten)));
        }
    }

    /// Classifies, resolves and records one reference; returns the URL to write.
    pub(super) fn reference<'u>(
        &mut self,
        f: &FileCtx<'a>,
        site: RefSite,
        dest: CowStr<'u>,
    ) -> CowStr<'u> {
        let reference = match paths::classify(&dest) {
            Target::Unchecked => return dest,
            Target::SamePage(fragment) => {
                self.record(f, &site, LinkTarget::SamePage, Some(fragment));
                return dest;
            }
            Target::Relative(r) => r,
        };
        if reference.backslash {
            self.report(
                f,
                Code::LinkBackslash,
                site.offset,
                format!(
                    "path `{dest}` uses `\\` as separator; it is read as `{}`",
                    reference.path
                ),
            );
        }
        let missing_code = match site.kind {
            LinkKind::Link => Code::BrokenLink,
            LinkKind::Resource => Code::MissingResource,
        };
        let resolver = self.ctx.resolver;
        let own = resolver.locale;
        // The target, the locale that holds it, and its output path in that locale.
        let (target, target_locale, output) = match resolver.resolve(&f.src.path, &reference) {
            Resolution::Unchecked => return dest,
            Resolution::OutsideRoot => {
                self.report(
                    f,
                    Code::BrokenLink,
                    site.offset,
                    format!("`{}` points outside the locale folder", reference.path),
                );
                (LinkTarget::Missing(reference.path.clone()), own, None)
            }
            Resolution::Missing { path } => {
                let what = if site.kind == LinkKind::Link {
                    "link target"
                } else {
                    "resource"
                };
                self.report(
                    f,
                    missing_code,
                    site.offset,
                    format!(
                        "{what} `{}` does not exist ({})",
                        reference.path,
                        resolver.own().site_path(&path)
                    ),
                );
                (LinkTarget::Missing(path), own, None)
            }
            Resolution::Url {
                url,
                redirected_from,
            } => {
                self.report(
                    f,
                    Code::LinkRedirected,
                    site.offset,
                    format!(
                        "`{}` was moved: a redirection of `{redirected_from}` leads to {url}",
                        reference.path
                    ),
                );
                return CowStr::Boxed(url.into_boxed_str());
            }
            Resolution::Found(found) => {
                if found.case_fixed {
                    self.report(
                        f,
                        Code::LinkCase,
                        site.offset,
                        format!(
                            "`{}` differs in letter case from the file on disk `{}`",
                            reference.path, found.path
                        ),
                    );
                }
                if let Some(from) = &found.redirected_from {
                    self.report(
                        f,
                        Code::LinkRedirected,
                        site.offset,
                        format!(
                            "`{}` was moved: a redirection of `{from}` leads to `{}`",
                            reference.path, found.path
                        ),
                    );
                }
                let fallback = found.locale != own;
                if fallback {
                    self.fallbacks += 1;
                }
                let path = found.path;
                match found.kind {
                    FileKind::Page => {
                        let output = page_output(&path);
                        (LinkTarget::Page(path), found.locale, Some(output))
                    }
                    FileKind::Markdown | FileKind::Toc => {
                        self.report(f, missing_code, site.offset, format!("`{}` is not a page: it is an include file, a TOC or excluded by docfx.json", reference.path));
                        (LinkTarget::Missing(path), own, None)
                    }
                    FileKind::Folder => {
                        let output = format!("{path}/");
                        (LinkTarget::File(path), found.locale, Some(output))
                    }
                    FileKind::Resource | FileKind::Other => {
                        if fallback {
                            self.source_files.push(path.clone());
                        } else {
                            self.referenced.push(path.clone());
                        }
                        (LinkTarget::File(path.clone()), found.locale, Some(path))
                    }
                }
            }
        };
        let url = match (&output, self.ctx.render) {
            (Some(output), true) => {
                let mut url = if target_locale == own {
                    relative_url(self.page_dir, output)
                } else {
                    // Into the source locale's output, beside this locale's.
                    let locales = resolver.locales;
                    relative_url(
                        &format!("{}/{}", locales[own].name, self.page_dir),
                        &format!("{}/{output}", locales[target_locale].name),
                    )
                };
                if output.ends_with('/') && !url.ends_with('/') {
                    url.push('/');
                }
                url.push_str(&reference.query);
                if let Some(fragment) = &reference.fragment {
                    url.push('#');
                    url.push_str(&paths::encode_fragment(fragment));
                }
                Some(url)
            }
            _ => None,
        };
        self.record_in(f, &site, target, target_locale, reference.fragment);
        match url {
            Some(url) if url != *dest => CowStr::Boxed(url.into_boxed_str()),
            _ => dest,
        }
    }

    fn record(
        &mut self,
        f: &FileCtx<'a>,
        site: &RefSite,
        target: LinkTarget,
        fragment: Option<String>,
    ) {
        let own = self.ctx.resolver.locale;
        self.record_in(f, site, target, own, fragment);
    }

    fn record_in(
        &mut self,
        f: &FileCtx<'a>,
        site: &RefSite,
        target: LinkTarget,
        locale: usize,
        fragment: Option<String>,
    ) {
        self.links.push(LinkFact {
            kind: site.kind,
            target,
            locale,
            fragment,
            at: f.loc.location(site.offset),
            via: self.via.clone(),
        });
    }
}

/// Where the text of an HTML event starts in the file: the event's range, or the first
/// place in it where the text stands (inside containers the range covers `> ` markers).
fn fragment_offset(source: &str, text: &str, range: &Range<usize>) -> usize {
    let Some(slice) = source.get(range.clone()) else {
        return range.start;
    };
    if slice.starts_with(text) {
        return range.start;
    }
    let head = text.lines().next().unwrap_or(text);
    slice.find(head).map_or(range.start, |i| range.start + i)
}

/// An inline include found in inline content: events `start..=end` are replaced.
struct InlineInclude {
    start: usize,
    end: usize,
    offset: usize,
    directive: directive::IncludeDirective,
}

/// Finds `[!INCLUDE[title](path)]` in inline content: a link preceded by `[!INCLUDE` and
/// followed by `]` in the source. Trims the surrounding text events so that only the
/// directive's own events are replaced.
fn mark_inline_includes<'a>(f: &FileCtx<'a>, events: &mut Events<'a>) -> Vec<InlineInclude> {
    let text = f.src.parse_text();
    let mut found = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (Event::Start(Tag::Link { dest_url, .. }), range) = &events[i] else {
            i += 1;
            continue;
        };
        let (start, end) = (range.start, range.end);
        let opener = directive::include_opener_len(&text[..start])
            .map(|len| start - len)
            .filter(|&o| !details::escaped_by_backslashes(text, o))
            .filter(|_| text[end..].starts_with(']'));
        let Some(opener) = opener else {
            i += 1;
            continue;
        };
        let path = dest_url.to_string();
        let close = (i + 1..events.len())
            .find(|&j| matches!(events[j].0, Event::End(TagEnd::Link)))
            .unwrap_or(i);
        // Cut `[!INCLUDE` from the text before and `]` from the text after.
        let mut first = i;
        while first > 0 {
            let (event, r) = &mut events[first - 1];
            if r.end <= opener {
                break;
            }
            if r.start >= opener {
                first -= 1;
                continue;
            }
            if let Event::Text(t) = event {
                *t = trim_text(t, r.start, r.end, opener, text);
                r.end = opener;
            }
            break;
        }
        let mut last = close;
        if let Some((event, r)) = events.get_mut(close + 1)
            && r.start == end
        {
            if r.end == end + 1 {
                last = close + 1;
            } else if let Event::Text(t) = event {
                let rest = t.get(1..).unwrap_or("").to_owned();
                *t = CowStr::Boxed(rest.into_boxed_str());
                r.start = end + 1;
            }
        }
        found.push(InlineInclude {
            start: first,
            end: last,
            offset: opener,
            directive: directive::IncludeDirective {
                title: String::new(),
                path,
            },
        });
        i = last + 1;
    }
    found
}

/// The text event `t` (starting at byte `start`) cut to end at byte `cut` of the file.
fn trim_text<'a>(
    t: &CowStr<'a>,
    start: usize,
    end: usize,
    cut: usize,
    source: &'a str,
) -> CowStr<'a> {
    match source.get(start..cut) {
        Some(slice) if source.get(start..start + t.len()) == Some(&**t) => CowStr::Borrowed(slice),
        _ => {
            let keep = t.len().saturating_sub(end.saturating_sub(cut));
            CowStr::Boxed(t.get(..keep).unwrap_or("").to_owned().into_boxed_str())
        }
    }
}

impl<'a> Pass<'_, 'a> {
    /// The URL of a resolved uid, relative to the page.
    fn xref_url(&self, resolution: &XrefResolution<'_>, fragment: Option<&str>) -> Option<String> {
        let mut url = match resolution {
            XrefResolution::Own(spec) => relative_url(self.page_dir, spec.href.as_deref()?),
            XrefResolution::External(_, url) => url.clone(),
        };
        if let Some(fragment) = fragment {
            url.push('#');
            url.push_str(&paths::encode_fragment(fragment));
        }
        Some(url)
    }

    /// `<xref:uid>` or `[text](xref:uid)` at file offset `offset`.
    fn xref_link(
        &mut self,
        f: &FileCtx<'a>,
        offset: usize,
        link_type: LinkType,
        dest: &str,
        title: CowStr<'a>,
        id: CowStr<'a>,
    ) -> XrefLinkState {
        let Some(target) = xref::xref_href(dest) else {
            return XrefLinkState::None;
        };
        let autolink = matches!(link_type, LinkType::Autolink);
        let resolved = self.ctx.xrefs.resolve(&target.uid);
        let url = resolved
            .as_ref()
            .and_then(|r| self.xref_url(r, target.fragment.as_deref()));
        match (resolved, url) {
            (Some(resolution), Some(url)) => {
                if autolink {
                    let spec = resolution.spec();
                    let text = target.text.clone().unwrap_or_else(|| {
                        spec.display(target.display_property.as_deref()).to_owned()
                    });
                    self.emit_html_inline(xref::link_html(&url, &text));
                    XrefLinkState::SkipAll
                } else {
                    self.emit(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::Boxed(url.into_boxed_str()),
                        title,
                        id,
                    }));
                    XrefLinkState::None
                }
            }
            _ => {
                if self.ctx.xrefs.incomplete {
                    // Perhaps in the map that is missing: counted in its warning.
                    self.unresolved_xrefs.push(f.loc.location(offset));
                } else {
                    self.report(
                        f,
                        Code::XrefNotFound,
                        offset,
                        format!(
                            "no page of this locale and no xref map has the uid `{}`",
                            target.uid
                        ),
                    );
                }
                if autolink {
                    self.emit_html_inline(xref::unresolved_html(&target.uid));
                    XrefLinkState::SkipAll
                } else {
                    XrefLinkState::SkipEnd
                }
            }
        }
    }

    /// Text with `@uid` shorthands: those that name a known uid become links; the others
    /// stay text (an `@mention`).
    fn text_with_shorthands(&mut self, f: &FileCtx<'a>, text: CowStr<'a>, range: Range<usize>) {
        let source = f.src.parse_text().get(range.clone());
        // Read from the source when the text is the source (so `\@` stays escaped).
        let scanned = match source {
            Some(s) if s == &*text => s,
            _ => &*text,
        };
        let mut found = Vec::new();
        for shorthand in xref::shorthands(scanned) {
            let Some(resolution) = self.ctx.xrefs.resolve(&shorthand.target.uid) else {
                continue;
            };
            let Some(url) = self.xref_url(&resolution, shorthand.target.fragment.as_deref()) else {
                continue;
            };
            let spec = resolution.spec();
            let shown = shorthand.target.text.clone().unwrap_or_else(|| {
                spec.display(shorthand.target.display_property.as_deref())
                    .to_owned()
            });
            found.push((shorthand.range, xref::link_html(&url, &shown)));
        }
        if found.is_empty() {
            self.emit(Event::Text(text));
            return;
        }
        let mut last = 0;
        for (r, html) in found {
            if r.start > last {
                self.emit(Event::Text(CowStr::Boxed(scanned[last..r.start].into())));
            }
            self.emit_html_inline(html);
            last = r.end;
        }
        if last < scanned.len() {
            self.emit(Event::Text(CowStr::Boxed(scanned[last..].into())));
        }
    }
}
