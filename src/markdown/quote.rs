//! Blockquotes as DFM reads them: a line `[!NOTE]`, `[!div …]` or `[!VIDEO …]` (alone on
//! its line, any letter case) opens a section that runs to the next marker or the end of
//! the blockquote; text before the first marker stays a plain `<blockquote>`.

use super::{FileCtx, Pass, alert_label};
use crate::dfm::directive::{self, Marker};
use crate::dfm::html::escape;
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

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

impl<'a> Pass<'_, 'a> {
    /// A paragraph directly inside a blockquote: split at marker lines.
    pub(super) fn quote_paragraph(
        &mut self,
        f: &FileCtx<'a>,
        section: &mut Section,
        events: Events<'a>,
    ) {
        let mut lines: Vec<Events<'a>> = vec![Vec::new()];
        for (event, range) in events {
            let is_break = matches!(event, Event::SoftBreak | Event::HardBreak);
            if let Some(line) = lines.last_mut() {
                line.push((event, range));
            }
            if is_break {
                lines.push(Vec::new());
            }
        }
        let mut text: Events<'a> = Vec::new();
        for line in lines {
            match line_marker(&line) {
                Some(marker) => {
                    self.quote_text(f, section, std::mem::take(&mut text));
                    if !section.needs_opening() {
                        self.close_section(*section);
                    }
                    *section = self.open_marker(marker);
                }
                None => text.extend(line),
            }
        }
        self.quote_text(f, section, text);
    }

    /// Writes lines of a blockquote paragraph in the open section.
    fn quote_text(&mut self, f: &FileCtx<'a>, section: &mut Section, mut text: Events<'a>) {
        while matches!(text.last(), Some((Event::SoftBreak | Event::HardBreak, _))) {
            text.pop();
        }
        if text.is_empty() {
            return;
        }
        if section.needs_opening() {
            *section = Section::Quote;
            self.emit_html("<blockquote>\n".into());
        }
        self.emit(Event::Start(Tag::Paragraph));
        self.inline(f, text);
        self.emit(Event::End(TagEnd::Paragraph));
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

/// A line of a paragraph that is a marker: plain text only, the marker alone.
fn line_marker(line: &[(Event<'_>, Range<usize>)]) -> Option<Marker> {
    let mut text = String::new();
    for (event, _) in line {
        match event {
            Event::Text(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => {}
            _ => return None,
        }
    }
    if !text.trim_start().starts_with("[!") {
        return None;
    }
    directive::marker(&text)
}
