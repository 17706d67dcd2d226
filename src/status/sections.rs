//! A page body split into sections by heading, each under the id the site gives its
//! heading, and two versions of a page compared section by section.
//!
//! A section is a heading and its text up to the next heading of any level; the text before
//! the first heading is a section of its own (id ""). Front matter belongs to no section.
//! Texts are compared with runs of white space made one space, so re-wrapping, indenting or
//! blank lines do not count as a change.

use crate::dfm::anchor::{PageIds, heading_text, slug};
use crate::dfm::{OPTIONS, front_matter, html};
use crate::diagnostic::line_column;
use crate::source::SourceFile;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashMap;

/// One section of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Section {
    /// The id the site gives the heading; empty for the text before the first heading.
    pub(crate) id: String,
    /// The heading; `None` for the text before the first heading.
    pub(crate) heading: Option<SectionHeading>,
    /// The section's text (its heading line included), white space runs made one space.
    text: String,
}

/// A section's heading and where it is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Hash)]
pub(crate) struct SectionHeading {
    /// 1 to 6.
    pub(crate) level: u8,
    /// The heading's text without markup.
    pub(crate) text: String,
    /// 1-based line in the file (front matter counted).
    pub(crate) line: u32,
    /// 1-based column in Unicode scalar values.
    pub(crate) column: u32,
}

/// How a section differs between the source version a translation was made from and the
/// source as it is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Change {
    /// In both versions, with other text.
    Changed,
    /// Only in the current source.
    Added,
    /// Only in the version the translation was made from.
    Removed,
}

impl Change {
    /// The word users read.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Change::Changed => "changed",
            Change::Added => "added",
            Change::Removed => "removed",
        }
    }
}

/// A section that differs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct SectionChange {
    pub(crate) change: Change,
    /// The section's id ("" for the text before the first heading).
    pub(crate) id: String,
    /// The heading in the current source (changed, added), or in the old version (removed).
    pub(crate) heading: Option<SectionHeading>,
}

/// The sections of a loaded Markdown file, in document order.
pub(crate) fn sections(source: &SourceFile) -> Vec<Section> {
    split(&source.text, source.body_start, &|offset| {
        source.line_column(offset)
    })
}

/// The sections of a file's text (an old version read from git): its front matter is
/// skipped without being parsed.
pub(crate) fn sections_of_text(text: &str) -> Vec<Section> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let body_start = front_matter::body_start(text);
    split(text, body_start, &|offset| line_column(text, offset))
}

/// Splits `text[body_start..]` into sections; `locate` gives a file offset's line and column.
fn split(text: &str, body_start: usize, locate: &dyn Fn(usize) -> (u32, u32)) -> Vec<Section> {
    let body = &text[body_start..];
    let mut headings = HeadingIds::default();
    let mut starts: Vec<(usize, String, SectionHeading)> = Vec::new();
    let mut parser = Parser::new_ext(body, OPTIONS).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let mut inner = Vec::new();
                for (event, _) in parser.by_ref() {
                    if matches!(event, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(event);
                }
                let (id, text) = headings.heading(id.as_deref(), &inner);
                let at = line_start(body, range.start);
                let (line, column) = locate(body_start + range.start);
                starts.push((
                    at,
                    id,
                    SectionHeading {
                        level: level as u8,
                        text,
                        line,
                        column,
                    },
                ));
            }
            Event::Start(Tag::HtmlBlock) => headings.in_comment = false,
            Event::Html(text) | Event::InlineHtml(text) => headings.raw_html(&text),
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(starts.len() + 1);
    let first = starts.first().map_or(body.len(), |(at, ..)| *at);
    let preamble = normalize(&body[..first]);
    if !preamble.is_empty() {
        out.push(Section {
            id: String::new(),
            heading: None,
            text: preamble,
        });
    }
    for (i, (at, id, heading)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(body.len(), |(next, ..)| *next);
        out.push(Section {
            id: id.clone(),
            heading: Some(heading.clone()),
            text: normalize(&body[*at..end]),
        });
    }
    out
}

/// The sections that differ between `old` and `new`, matched by id, in the order of the
/// current source; a removed section comes after the section it followed.
pub(crate) fn compare(old: &[Section], new: &[Section]) -> Vec<SectionChange> {
    let old_keys = keys(old);
    let new_keys = keys(new);
    let old_by_key: HashMap<(&str, usize), usize> =
        old_keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let new_by_key: HashMap<(&str, usize), usize> =
        new_keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    // (position in the new document, then old order) for each change.
    let mut changes: Vec<((usize, usize), SectionChange)> = Vec::new();
    for (i, section) in new.iter().enumerate() {
        let change = match old_by_key.get(&new_keys[i]) {
            Some(&j) if old[j].text == section.text => continue,
            Some(_) => Change::Changed,
            None => Change::Added,
        };
        changes.push((
            (i, 0),
            SectionChange {
                change,
                id: section.id.clone(),
                heading: section.heading.clone(),
            },
        ));
    }
    // A removed section goes right after the nearest earlier old section still present.
    let mut after = None;
    for (j, section) in old.iter().enumerate() {
        match new_by_key.get(&old_keys[j]) {
            Some(&i) => after = Some(i),
            None => changes.push((
                (after.map_or(0, |i| i + 1), j + 1),
                SectionChange {
                    change: Change::Removed,
                    id: section.id.clone(),
                    heading: section.heading.clone(),
                },
            )),
        }
    }
    // Removed sections sort before the new section at the same position.
    changes.sort_by_key(|((pos, old_order), c)| (*pos, c.change != Change::Removed, *old_order));
    changes.into_iter().map(|(_, c)| c).collect()
}

/// Each section's id with its occurrence number (ids repeat only on pages that reuse an
/// explicit anchor).
fn keys(sections: &[Section]) -> Vec<(&str, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    sections
        .iter()
        .map(|s| {
            let n = seen.entry(s.id.as_str()).or_default();
            *n += 1;
            (s.id.as_str(), *n)
        })
        .collect()
}

/// Heading ids as the analyse stage gives them: the explicit `<a name>`/`<a id>` in the
/// heading, else `{#custom}`, else a slug made unique among every id on the page so far
/// (raw HTML `id`s and `<a name>`s included).
#[derive(Default)]
struct HeadingIds {
    ids: PageIds,
    in_comment: bool,
}

impl HeadingIds {
    /// The id and text of a heading from its inline events.
    fn heading(&mut self, custom: Option<&str>, inner: &[Event<'_>]) -> (String, String) {
        let text = heading_text(inner);
        let mut explicit = None;
        let mut rest_html = Vec::new();
        for event in inner {
            if let Event::InlineHtml(html) = event {
                if explicit.is_none()
                    && let Some(name) = html::leading_anchor(html)
                {
                    explicit = Some(name);
                    continue;
                }
                rest_html.push(html);
            }
        }
        let id = if let Some(name) = explicit {
            self.ids.claim(&name);
            name
        } else if let Some(custom) = custom {
            self.ids.claim(custom);
            custom.to_owned()
        } else {
            self.ids.unique(&slug(&text))
        };
        // Other raw HTML in the heading claims its ids after the heading's own.
        let mut in_comment = false;
        for html in rest_html {
            self.claim_tags(html, &mut in_comment);
        }
        (id, text)
    }

    /// Claims the ids of raw HTML outside headings.
    fn raw_html(&mut self, html: &str) {
        let mut in_comment = self.in_comment;
        self.claim_tags(html, &mut in_comment);
        self.in_comment = in_comment;
    }

    fn claim_tags(&mut self, html: &str, in_comment: &mut bool) {
        for tag in html::start_tags(html, in_comment) {
            if let Some(id) = tag.attr("id") {
                self.ids.claim(&id.value());
            } else if tag.name == "a"
                && let Some(name) = tag.attr("name")
            {
                self.ids.claim(&name.value());
            }
        }
    }
}

/// The start of the line that holds `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// Runs of white space made one space, ends trimmed.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::from_bytes(
            "content/en-us/a.md".into(),
            "a.md".into(),
            (0, "en-us"),
            text.as_bytes(),
            &mut Vec::new(),
        )
    }

    fn ids(text: &str) -> Vec<String> {
        sections(&source(text)).into_iter().map(|s| s.id).collect()
    }

    fn changes(old: &str, new: &str) -> Vec<(Change, String)> {
        compare(&sections(&source(old)), &sections(&source(new)))
            .into_iter()
            .map(|c| (c.change, c.id))
            .collect()
    }

    #[test]
    fn ids_are_the_ids_the_site_gives_headings() {
        let text = "---\ntitle: T\n---\nIntro text.\n\n# Sign in\n\n## <a name=\"setup\"></a>Set it up\n\n## Notes {#my-notes}\n\n## Notes\n\n### Notes\n\n<div id=\"faq\"></div>\n\n## FAQ\n\n## 安裝「公司入口網站」！\n";
        assert_eq!(
            ids(text),
            [
                "",
                "sign-in",
                "setup",
                "my-notes",
                "notes",
                "notes-1",
                "faq-1",
                "安裝公司入口網站"
            ]
        );
    }

    #[test]
    fn headings_keep_their_text_and_line() {
        let list = sections(&source(
            "---\ntitle: T\n---\n\n# Title\n\ntext\n\n> ## In a *quote*\n",
        ));
        let headings: Vec<_> = list.iter().filter_map(|s| s.heading.clone()).collect();
        assert_eq!(headings[0].text, "Title");
        assert_eq!((headings[0].line, headings[0].column), (5, 1));
        assert_eq!(headings[1].text, "In a quote");
        assert_eq!((headings[1].line, headings[1].column), (9, 3));
        assert_eq!(headings[1].level, 2);
    }

    #[test]
    fn front_matter_and_white_space_do_not_count() {
        let old = "---\nms.date: 01/01/2019\n---\n# A\n\none two\nthree\n\n## B\n\ntext\n";
        let new =
            "---\nms.date: 02/02/2020\n---\n# A\n\none   two three\n\n\n## B   \n\n  text\r\n";
        assert_eq!(changes(old, new), []);
    }

    #[test]
    fn a_changed_section_is_the_only_one_reported() {
        let old = "# A\n\nintro\n\n## B\n\nold text\n\n## C\n\nsame\n";
        let new = "# A\n\nintro\n\n## B\n\nnew text\n\n## C\n\nsame\n";
        assert_eq!(changes(old, new), [(Change::Changed, "b".to_owned())]);
    }

    #[test]
    fn a_renamed_heading_is_removed_and_added_in_place() {
        let old = "# A\n\n## B\n\ntext\n\n## C\n\nmore\n";
        let new = "# A\n\n## Bee\n\ntext\n\n## C\n\nmore\n";
        assert_eq!(
            changes(old, new),
            [
                (Change::Removed, "b".to_owned()),
                (Change::Added, "bee".to_owned())
            ]
        );
    }

    #[test]
    fn a_deleted_section_is_removed_and_the_text_before_the_first_heading_counts() {
        let old = "# A\n\n## B\n\ntext\n\n## C\n\nmore\n";
        let new = "Now an intro.\n\n# A\n\n## C\n\nmore\n";
        assert_eq!(
            changes(old, new),
            [
                (Change::Added, String::new()),
                (Change::Removed, "b".to_owned())
            ]
        );
    }

    #[test]
    fn a_changed_heading_text_under_an_explicit_anchor_is_a_changed_section() {
        let old = "## <a name=\"x\"></a>Old title\n\ntext\n";
        let new = "## <a name=\"x\"></a>New title\n\ntext\n";
        assert_eq!(changes(old, new), [(Change::Changed, "x".to_owned())]);
    }

    #[test]
    fn a_text_from_git_splits_like_a_loaded_file() {
        let text =
            "\u{FEFF}---\r\ntitle: \"T\"\r\n---\r\nIntro.\r\n\r\n# A\r\n\r\ntext\r\n\r\n## B\r\n";
        assert_eq!(sections_of_text(text), sections(&source(text)));
    }

    #[test]
    fn headings_in_code_are_not_sections() {
        assert_eq!(
            ids("# A\n\n```\n# not a heading\n```\n\n<!-- <a name=\"a\"></a> -->\n\n## A\n"),
            ["a", "a-1"]
        );
    }
}
