//! Paragraph lines that are directives, and blockquotes as DFM reads them.
//!
//! A paragraph line that is exactly `[!INCLUDE[…](…)]` is a block include, even in the
//! middle of a paragraph (it interrupts it, as in DocFX). In a blockquote, a line
//! `[!NOTE]`, `[!div …]` or `[!VIDEO …]` (alone on its line, any letter case) opens a section
//! that runs to the next marker or the end of the blockquote; text before the first marker
//! stays a plain `<blockquote>`.

use super::{Container, Events, FileCtx, Pass, alert_label};
use crate::dfm::directive::{self, IncludeDirective, Marker};
use crate::dfm::html::escape;
use crate::dfm::{details, snippet::CodeSnippet};
use crate::diagnostic::Code;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// What is open inside a blockquote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Section {
    /// Nothing written yet: a marker on the first line makes it a section, anything else a
    /// `<blockquote>`.
    Pending,
    /// A `<blockquote>` is open.
    Quote,
    /// A `<div>` (alert or section) is open.
    Div,
    /// After a video (a one-line block): the next content opens a `<blockquote>`.
    Closed,
}

impl Section {
    pub(super) fn needs_opening(self) -> bool {
        matches!(self, Section::Pending | Section::Closed)
    }
}

/// What a line of a paragraph is.
enum Line {
    Text,
    Include(IncludeDirective, usize),
    Marker(Marker),
    /// `[!code-…]` at a file offset.
    Snippet(Box<CodeSnippet>, usize),
    /// A blockquote marker with text after it on its line (at that offset): the line is
    /// text, with an `invalid-note-section` warning.
    MarkerWithText(String, usize),
}

impl<'a> Pass<'_, 'a> {
    /// Writes a paragraph (or a tight list item's text, `wrap` false), splitting it at lines
    /// that are directives.
    pub(super) fn paragraph(
        &mut self,
        f: &FileCtx<'a>,
        containers: &mut [Container],
        events: Events<'a>,
        wrap: bool,
    ) {
        let in_quote = wrap && matches!(containers.last(), Some(Container::Quote(_)));
        let lines = line_ranges(&events);
        let kinds: Vec<Line> = lines
            .iter()
            .map(|r| classify(f, &events[r.clone()], in_quote))
            .collect();
        for kind in &kinds {
            if let Line::MarkerWithText(marker, offset) = kind {
                self.report(
                    f,
                    Code::InvalidNoteSection,
                    *offset,
                    format!("text after `{marker}` on its line: the blockquote is rendered as a plain blockquote; put the text on the next line"),
                );
            }
        }
        if kinds
            .iter()
            .all(|k| matches!(k, Line::Text | Line::MarkerWithText(..)))
        {
            self.text_lines(f, containers, events, wrap);
            return;
        }
        let mut events = events.into_iter();
        let mut text: Events<'a> = Vec::new();
        for (range, kind) in lines.iter().zip(kinds) {
            let line: Events<'a> = events.by_ref().take(range.len()).collect();
            match kind {
                Line::Text | Line::MarkerWithText(..) => text.extend(line),
                Line::Snippet(s, offset) => {
                    self.text_lines(f, containers, std::mem::take(&mut text), wrap);
                    self.open_quote_section(containers);
                    self.code_snippet(f, &s, offset);
                }
                Line::Include(d, offset) => {
                    self.text_lines(f, containers, std::mem::take(&mut text), wrap);
                    self.open_quote_section(containers);
                    self.include_block(f, &d, offset);
                }
                Line::Marker(marker) => {
                    self.text_lines(f, containers, std::mem::take(&mut text), wrap);
                    if let Some(Container::Quote(section)) = containers.last_mut() {
                        let previous = *section;
                        *section = Section::Pending;
                        if !previous.needs_opening() {
                            self.close_section(previous);
                        }
                        let next = self.open_marker(marker);
                        if let Some(Container::Quote(section)) = containers.last_mut() {
                            *section = next;
                        }
                    }
                }
            }
        }
        self.text_lines(f, containers, text, wrap);
    }

    /// Writes lines of text as one paragraph (in the open section of a blockquote).
    fn text_lines(
        &mut self,
        f: &FileCtx<'a>,
        containers: &mut [Container],
        mut text: Events<'a>,
        wrap: bool,
    ) {
        while matches!(text.last(), Some((Event::SoftBreak | Event::HardBreak, _))) {
            text.pop();
        }
        if text.is_empty() {
            return;
        }
        self.open_quote_section(containers);
        if wrap {
            self.emit(Event::Start(Tag::Paragraph));
        }
        self.inline(f, text);
        if wrap {
            self.emit(Event::End(TagEnd::Paragraph));
        }
    }

    fn open_marker(&mut self, marker: Marker) -> Section {
        match marker {
            Marker::Alert(kind) => {
                let label = escape(alert_label(self.ctx.alert_labels, kind));
                let class = kind.as_str();
                self.emit_html(format!("<div class=\"alert {class}\" role=\"note\">\n<p class=\"alert-title\">{label}</p>\n"));
                Section::Div
            }
            Marker::Div(attrs) => {
                let mut tag = String::from("<div");
                for (name, value) in attrs {
                    tag.push_str(&format!(" {}=\"{}\"", name, escape(&value)));
                }
                tag.push_str(">\n");
                self.emit_html(tag);
                Section::Div
            }
            Marker::Video(url) => {
                self.emit_html(format!(
                    "<div class=\"video\"><iframe src=\"{}\" loading=\"lazy\" allowfullscreen title=\"video\"></iframe></div>\n",
                    escape(&url)
                ));
                Section::Closed
            }
        }
    }

    /// Closes what a blockquote has open.
    pub(super) fn close_section(&mut self, section: Section) {
        match section {
            Section::Quote => self.emit_html("</blockquote>\n".into()),
            Section::Div => self.emit_html("</div>\n".into()),
            Section::Pending => self.emit_html("<blockquote>\n</blockquote>\n".into()),
            Section::Closed => {}
        }
    }
}

/// The event ranges of a paragraph's lines; each line keeps its trailing break.
fn line_ranges(events: &[(Event<'_>, Range<usize>)]) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, (event, _)) in events.iter().enumerate() {
        if matches!(event, Event::SoftBreak | Event::HardBreak) {
            lines.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < events.len() {
        lines.push(start..events.len());
    }
    lines
}

/// Reads one line of a paragraph: a block include, a marker (in blockquotes), or text.
fn classify(f: &FileCtx<'_>, line: &[(Event<'_>, Range<usize>)], in_quote: bool) -> Line {
    let content: Vec<&(Event<'_>, Range<usize>)> = line
        .iter()
        .filter(|(e, _)| !matches!(e, Event::SoftBreak | Event::HardBreak))
        .collect();
    let (Some(first), Some(last)) = (content.first(), content.last()) else {
        return Line::Text;
    };
    let text = f.src.parse_text();
    let Some(source) = text.get(first.1.start..last.1.end) else {
        return Line::Text;
    };
    // `\[!INCLUDE…]` is an escaped bracket: text, not a directive.
    let escaped = first.1.start > 0 && text.as_bytes()[first.1.start - 1] == b'\\';
    if escaped || !source.trim_start().starts_with("[!") {
        return Line::Text;
    }
    let offset = first.1.start + (source.len() - source.trim_start().len());
    if let Some(d) = directive::include_directive(source) {
        return Line::Include(d, offset);
    }
    if let Some(s) = crate::dfm::snippet::code_snippet(source) {
        return Line::Snippet(Box::new(s), offset);
    }
    if in_quote && content.iter().all(|(e, _)| matches!(e, Event::Text(_))) {
        let text: String = content
            .iter()
            .filter_map(|(e, _)| {
                if let Event::Text(t) = e {
                    Some(&**t)
                } else {
                    None
                }
            })
            .collect();
        if let Some(marker) = directive::marker(&text) {
            return Line::Marker(marker);
        }
    }
    if in_quote && let Some(m) = details::marker_with_text(source) {
        return Line::MarkerWithText(m.marker, first.1.start + m.text_offset);
    }
    Line::Text
}
