//! `:::image …:::` in inline content (`dfm::image`): found in the source of a paragraph's
//! text, its references resolved like Markdown images (the source and the lightbox are
//! resources, the link a link), and written as DocFX does. A complex image takes the rest
//! of its paragraph as its long description.

use super::inline::RefSite;
use super::{Events, FileCtx, Pass};
use crate::dfm::image::{
    self, ImageDirective, ImageKind, ImageProblem, ImageUrls, LongDescription,
};
use crate::diagnostic::Code;
use crate::page::LinkKind;
use pulldown_cmark::{CowStr, Event};

/// An image directive found in inline content: the index of its placeholder event.
pub(super) struct InlineImage<'a> {
    pub(super) index: usize,
    pub(super) directive: ImageDirective,
    /// File offset of its `:::`.
    pub(super) offset: usize,
    /// A complex image's description: the paragraph's events after it.
    pub(super) description: Events<'a>,
}

/// Replaces the `:::image …:::` runs of `events` by one placeholder event each.
pub(super) fn mark_images<'a>(
    f: &FileCtx<'a>,
    events: Events<'a>,
) -> (Events<'a>, Vec<InlineImage<'a>>) {
    let text: &'a str = f.src.parse_text();
    let Some(end) = events.last().map(|(_, r)| r.end) else {
        return (events, Vec::new());
    };
    let mut out: Events<'a> = Vec::with_capacity(events.len());
    let mut images: Vec<InlineImage<'a>> = Vec::new();
    let mut skip_until = 0;
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        if range.end <= skip_until && range.start < range.end {
            continue;
        }
        let (event, range) = if range.start < skip_until {
            match event {
                Event::Text(_) => (
                    Event::Text(CowStr::Borrowed(&text[skip_until..range.end])),
                    skip_until..range.end,
                ),
                _ => continue,
            }
        } else {
            (event, range)
        };
        let is_source_text = matches!(&event, Event::Text(t) if t.contains(":::") && text.get(range.clone()) == Some(&**t));
        if !is_source_text {
            out.push((event, range));
            continue;
        }
        let mut cursor = range.start;
        while let Some(i) = text[cursor..range.end].find(":::") {
            let at = cursor + i;
            let found = image::image_directive(&text[at..end]).filter(|d| {
                !d.problems
                    .iter()
                    .any(|p| matches!(p, ImageProblem::Syntax(_)))
            });
            let Some(directive) = found else {
                out.push((
                    Event::Text(CowStr::Borrowed(&text[cursor..at + 3])),
                    cursor..at + 3,
                ));
                cursor = at + 3;
                continue;
            };
            if at > cursor {
                out.push((Event::Text(CowStr::Borrowed(&text[cursor..at])), cursor..at));
            }
            let after = at + directive.len;
            let complex = directive.kind == ImageKind::Complex;
            images.push(InlineImage {
                index: out.len(),
                directive,
                offset: at,
                description: Vec::new(),
            });
            out.push((Event::InlineHtml(CowStr::Borrowed("")), at..after));
            skip_until = after;
            cursor = after.min(range.end);
            if complex {
                // The rest of the paragraph (after the directive's line) describes it.
                let rest: Events<'a> = iter
                    .by_ref()
                    .filter(|(_, r)| r.start >= after)
                    .skip_while(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak))
                    .collect();
                if let Some(image) = images.last_mut() {
                    image.description = rest;
                }
                return (out, images);
            }
            if after >= range.end {
                break;
            }
        }
        if cursor < range.end {
            out.push((
                Event::Text(CowStr::Borrowed(&text[cursor..range.end])),
                cursor..range.end,
            ));
        }
    }
    (out, images)
}

impl<'a> Pass<'_, 'a> {
    /// Writes an image directive.
    pub(super) fn inline_image(&mut self, f: &FileCtx<'a>, image: InlineImage<'a>) {
        let d = &image.directive;
        for problem in &d.problems {
            match problem {
                ImageProblem::AltMissing => self.report(
                    f,
                    Code::ImageAltMissing,
                    image.offset,
                    "`:::image:::` has no `alt-text`: readers who cannot see the image learn nothing of it",
                ),
                ImageProblem::SourceMissing => self.report(
                    f,
                    Code::MissingResource,
                    image.offset,
                    "`:::image:::` has no `source`",
                ),
                ImageProblem::UnknownAttribute(_) | ImageProblem::UnknownType(_) | ImageProblem::Syntax(_) => {}
            }
        }
        let resolve =
            |pass: &mut Self, value: &Option<String>, at: Option<usize>, kind: LinkKind| {
                value.as_ref().map(|v| {
                    let site = RefSite {
                        kind,
                        offset: image.offset + at.unwrap_or(0),
                    };
                    pass.reference(f, site, CowStr::Borrowed(v.as_str()))
                        .into_string()
                })
            };
        let source = resolve(self, &d.source, d.offsets.source, LinkKind::Resource);
        let lightbox = resolve(self, &d.lightbox, d.offsets.lightbox, LinkKind::Resource);
        let link = resolve(self, &d.link, d.offsets.link, LinkKind::Link);
        let description = if d.kind == ImageKind::Complex {
            let start = self.out.len();
            self.inline(f, image.description);
            let mut html = String::from("<p>");
            pulldown_cmark::html::push_html(&mut html, self.out.drain(start..));
            html.push_str("</p>");
            Some(html)
        } else {
            None
        };
        let Some(source) = source else {
            return;
        };
        let id = match description {
            Some(_) => self.ids.unique("image-description"),
            None => String::new(),
        };
        let long = description
            .as_deref()
            .map(|html| LongDescription { id: &id, html });
        let urls = ImageUrls {
            source: &source,
            lightbox: lightbox.as_deref(),
            link: link.as_deref(),
        };
        self.emit_html_inline(image::image_html(d, &urls, long.as_ref()));
    }
}
