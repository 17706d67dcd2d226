//! YAML pages in the pass: a Landing, Hub or LandingData file (`dfm::yaml_page`) is a page
//! like a Markdown one: every URL in it is resolved, checked and rewritten like a Markdown
//! link (findings at the URL's line and column in the YAML), its Markdown fields (a Hub's
//! footer, LandingData paragraphs) and raw HTML fields are rendered inline, and its model
//! goes to the theme template of its kind.

use super::inline::RefSite;
use super::{FileCtx, Pass};
use crate::dfm::front_matter::FrontMatter;
use crate::dfm::yaml_page::{self, UrlKind, YamlPage};
use crate::diagnostic::Code;
use crate::page::{LinkKind, YamlView};
use crate::source::SourceFile;
use pulldown_cmark::{CowStr, Parser};

/// What a YAML page gives besides the pass's facts.
pub(super) struct YamlOutcome {
    pub(super) view: YamlView,
    pub(super) title: String,
    pub(super) front_matter: FrontMatter,
}

impl<'a> Pass<'_, 'a> {
    /// Analyses a YAML page; `None` (after a `yaml-page` finding) when it cannot be read.
    pub(super) fn yaml_page(&mut self, src: &'a SourceFile) -> Option<YamlOutcome> {
        let f = FileCtx::new(src);
        let text = src.text.as_str();
        let mut page = match yaml_page::parse(text) {
            Ok(page) => page,
            Err(err) => {
                let offset = offset_of(src, err.line, err.column);
                self.report(&f, Code::YamlPage, offset, err.message);
                return None;
            }
        };
        for problem in std::mem::take(&mut page.problems) {
            let offset = offset_of(src, problem.line, problem.column);
            self.report(&f, Code::YamlPage, offset, problem.message);
        }
        for (key, line) in std::mem::take(&mut page.duplicate_keys) {
            let line_text = src.line_text(line).unwrap_or("");
            let column = line_text
                .find(key.as_str())
                .map_or(1, |b| line_text[..b].chars().count() as u32 + 1);
            let offset = offset_of(src, line, column);
            self.report(
                &f,
                Code::DuplicateKey,
                offset,
                format!("`{key}` is given twice in this mapping; the last value is used"),
            );
        }
        for (url, kind) in page.urls_mut() {
            let offset = offset_of(src, url.line, url.column);
            let site = RefSite {
                kind: match kind {
                    UrlKind::Link => LinkKind::Link,
                    UrlKind::Image => LinkKind::Resource,
                },
                offset,
            };
            let value = std::mem::take(&mut url.value);
            url.value = self
                .reference(&f, site, CowStr::Borrowed(value.as_str()))
                .into_string();
        }
        for (field, raw_html) in page.rich_text_mut() {
            let offset = offset_of(src, field.line, field.column);
            field.value = self.rich_text(&f, offset, &field.value, raw_html);
        }
        let front_matter = front_matter_of(&page, text);
        let title = page.title.clone();
        let template = page.kind.template();
        let model = serde_json::to_value(&page).unwrap_or_default();
        Some(YamlOutcome {
            view: YamlView { template, model },
            title,
            front_matter,
        })
    }

    /// Renders a Markdown (or raw HTML) field written at `offset` as inline HTML, its links
    /// resolved and checked where they stand. A value not written as is at its place (a
    /// quoted or folded scalar) is rendered without checks.
    fn rich_text(&mut self, f: &FileCtx<'a>, offset: usize, value: &str, raw_html: bool) -> String {
        let text: &'a str = f.src.text.as_str();
        let Some(slice) = text
            .get(offset..offset + value.len())
            .filter(|s| *s == value)
        else {
            let mut html = String::new();
            if raw_html {
                html.push_str(value);
            } else {
                pulldown_cmark::html::push_html(
                    &mut html,
                    Parser::new_ext(value, crate::dfm::OPTIONS),
                );
            }
            return html;
        };
        let start = self.out.len();
        if raw_html {
            let range = offset..offset + slice.len();
            let html = self.raw_html(f, CowStr::Borrowed(slice), &range, &mut false);
            return html.into_string();
        }
        let events = Parser::new_ext(slice, crate::dfm::OPTIONS)
            .into_offset_iter()
            .filter(|(e, _)| super::is_inline_event(e))
            .map(|(e, r)| (e, r.start + offset..r.end + offset))
            .collect();
        self.inline(f, events);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, self.out.drain(start..));
        html
    }
}

/// The byte offset of a 1-based line and column (in characters) of `src`.
fn offset_of(src: &SourceFile, line: u32, column: u32) -> usize {
    let start = src.line_start(line);
    let line_text = src.line_text(line).unwrap_or("");
    let within = line_text
        .char_indices()
        .nth((column as usize).saturating_sub(1))
        .map_or(line_text.len(), |(b, _)| b);
    start + within
}

/// The page's metadata as front matter: every key for templates, `ms.assetid` for pairing
/// (with its line), `title` and `description` from the metadata, else the page's title and
/// summary.
fn front_matter_of(page: &YamlPage, text: &str) -> FrontMatter {
    let string = |key: &str| {
        page.metadata
            .get(key)
            .and_then(|v| v.as_str())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let asset_id_line = text
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix("ms.assetid")
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i as u32 + 1);
    FrontMatter {
        fields: page.metadata.clone(),
        title: string("title").or_else(|| Some(page.title.clone())),
        description: string("description").or_else(|| page.summary.clone()),
        asset_id: string("ms.assetid"),
        asset_id_line,
        ..FrontMatter::default()
    }
}
