//! The load stage: a source file's text, its front matter, and byte offset → line:column.

use crate::dfm::front_matter::{self, FrontMatter};
use crate::dfm::markers::{self, Markup};
use crate::diagnostic::{Code, Diagnostic, Location, Snippet, line_column};
use crate::site::Locale;
use rayon::prelude::*;
use std::cell::Cell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// A source file of the site: its index in [`Sources`]. Findings name it by its
/// SITE-relative path ([`Sources::file`]`(id).site_path`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct SourceId(u32);

/// One Markdown source (page, include or TOC) as loaded: UTF-8 text without BOM, split
/// into front matter and body.
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// Index of the locale in site order.
    pub locale: usize,
    /// Path relative to the site root, `/` separators (how findings name the file).
    pub site_path: Arc<str>,
    /// Path relative to the locale root, real letter case, `/` separators.
    pub path: String,
    pub text: String,
    /// Byte offset in `text` where the Markdown body starts (after the front matter).
    pub body_start: usize,
    /// Shared with the page analysed from it.
    pub front_matter: Arc<FrontMatter>,
    /// The text as the Markdown parser reads it, when the file has `:::` lines (zones,
    /// rows, columns; see `dfm::markers`): same length and lines as `text`.
    pub markup: Option<Markup>,
    /// Whether the body has `:::` anywhere (the pass looks for `:::image` only then).
    pub has_colons: bool,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Builds a source from raw bytes; findings of the load stage (invalid UTF-8, bad
    /// front matter) are pushed to `findings`.
    pub(crate) fn from_bytes(
        site_path: Arc<str>,
        path: String,
        locale: (usize, &str),
        bytes: &[u8],
        findings: &mut Vec<Diagnostic>,
    ) -> SourceFile {
        let (locale_index, locale) = (locale.0, Some(locale.1));
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(err) => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                // The valid prefix is identical in the lossy text.
                let (line, column) = line_column(&text, err.valid_up_to());
                findings.push(Diagnostic::new(
                    Code::InvalidUtf8,
                    locale,
                    &Location::file_start(site_path.clone()),
                    format!(
                        "file is not valid UTF-8 (first invalid byte at line {line}, column {column}); it was read with replacement characters"
                    ),
                ));
                text
            }
        };
        let line_starts = line_starts(&text);
        let mut source = SourceFile {
            locale: locale_index,
            site_path,
            path,
            text,
            body_start: 0,
            front_matter: Arc::default(),
            markup: None,
            has_colons: false,
            line_starts,
        };
        if source.is_yaml() {
            // A YAML file has no front matter: `---` there is a YAML document marker. A YAML
            // page's `metadata` may give it versions, read here as front matter is.
            let fields = crate::dfm::yaml_page::version_fields(&source.text);
            if !fields.is_empty() {
                source.front_matter = Arc::new(FrontMatter {
                    fields,
                    ..FrontMatter::default()
                });
            }
            return source;
        }
        let parsed = front_matter::parse(&source.text);
        source.body_start = parsed.body_start;
        source.front_matter = Arc::new(parsed.front_matter);
        for (key, line) in parsed.duplicates {
            let at = Location::new(source.site_path.clone(), line, 1);
            let d = Diagnostic::new(
                Code::DuplicateKey,
                locale,
                &at,
                format!("front matter key `{key}` is given more than once; the last value is used"),
            )
            .with_line_text(source.line_text(line));
            findings.push(d);
        }
        if let Some(err) = parsed.error {
            let at = Location::new(source.site_path.clone(), err.line, err.column);
            let d = Diagnostic::new(Code::FrontMatter, locale, &at, err.message)
                .with_line_text(source.line_text(err.line));
            findings.push(d);
        }
        let markup = markers::scan(&source.text, source.body_start);
        source.has_colons = markup.is_some();
        source.markup = markup.filter(|m| !m.markers.is_empty());
        source
    }

    /// The whole text as the Markdown parser reads it (`:::` lines turned into comments).
    pub(crate) fn parse_text(&self) -> &str {
        self.markup.as_ref().map_or(&self.text, |m| &m.text)
    }

    /// The offset in `text` of what stands at `offset` of [`Self::parse_text`].
    pub(crate) fn original(&self, offset: usize) -> usize {
        self.markup.as_ref().map_or(offset, |m| m.original(offset))
    }

    /// Reads a file from disk; an unreadable file gives an `io` finding and `None`.
    pub(crate) fn read(
        disk_path: &Path,
        site_path: Arc<str>,
        path: String,
        locale: (usize, &str),
        findings: &mut Vec<Diagnostic>,
    ) -> Option<SourceFile> {
        match std::fs::read(disk_path) {
            Ok(bytes) => Some(SourceFile::from_bytes(
                site_path, path, locale, &bytes, findings,
            )),
            Err(err) => {
                let at = Location::file_start(site_path);
                findings.push(Diagnostic::new(
                    Code::Io,
                    Some(locale.1),
                    &at,
                    format!("cannot read the file: {err}"),
                ));
                None
            }
        }
    }

    /// Whether the file is YAML (`toc.yml`), which has no front matter.
    pub(crate) fn is_yaml(&self) -> bool {
        let ends = |ext: &str| {
            self.path.len() >= ext.len()
                && self.path.as_bytes()[self.path.len() - ext.len()..]
                    .eq_ignore_ascii_case(ext.as_bytes())
        };
        ends(".yml") || ends(".yaml")
    }

    /// The Markdown body (after the front matter).
    pub(crate) fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The 1-based line holding byte `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> u32 {
        self.line_starts.partition_point(|&s| s <= offset) as u32
    }

    /// The text of a 1-based line, without its line ending.
    pub(crate) fn line_text(&self, line: u32) -> Option<&str> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(i)?;
        let end = self
            .line_starts
            .get(i + 1)
            .copied()
            .unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// Byte offset where a 1-based line starts.
    pub(crate) fn line_start(&self, line: u32) -> usize {
        let i = (line as usize).saturating_sub(1);
        self.line_starts.get(i).copied().unwrap_or(self.text.len())
    }

    /// The location of byte `offset`, for a finding.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let (line, column) = self.line_column(offset);
        Location::new(self.site_path.clone(), line, column)
    }

    /// 1-based line and column (in Unicode scalar values) of byte `offset`.
    pub(crate) fn line_column(&self, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = self.text[start..offset].chars().count() as u32 + 1;
        (line, column)
    }

    /// A finding at byte `offset`, with the source line attached.
    pub(crate) fn finding(
        &self,
        code: Code,
        locale: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let at = self.location(offset);
        let d = Diagnostic::new(code, Some(locale), &at, message);
        self.attach_snippet(d, offset)
    }

    /// Attaches the excerpt of the line holding byte `offset`.
    fn attach_snippet(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        let start = self.line_start(d.line);
        match self.line_text(d.line) {
            Some(line) => d.with_snippet(Snippet::at_byte(line, offset.saturating_sub(start))),
            None => d,
        }
    }
}

/// Every Markdown source of the site (pages, includes, other `.md`, TOCs), each read once.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    files: Vec<SourceFile>,
    /// Per locale (site order): locale-relative path → id.
    by_path: Vec<HashMap<String, SourceId>>,
    /// SITE-relative path → id.
    by_site_path: HashMap<Arc<str>, SourceId>,
}

impl Sources {
    /// Reads every Markdown file and TOC of every locale, in parallel; the findings of the
    /// load stage (unreadable files, invalid UTF-8, bad front matter) go to `findings`.
    pub(crate) fn load(locales: &[Locale], findings: &mut Vec<Diagnostic>) -> Sources {
        let wanted: Vec<(usize, &Locale, &String)> = locales
            .iter()
            .enumerate()
            .flat_map(|(l, locale)| {
                locale
                    .markdown
                    .iter()
                    .chain(&locale.tocs)
                    .map(move |path| (l, locale, path))
            })
            .collect();
        let loaded: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = wanted
            .par_iter()
            .map(|&(l, locale, path)| {
                let mut found = Vec::new();
                let source = SourceFile::read(
                    &locale.dir.join(path),
                    locale.site_path(path),
                    path.clone(),
                    (l, &locale.name),
                    &mut found,
                );
                (source, found)
            })
            .collect();
        let mut sources = Sources::default();
        for (source, found) in loaded {
            findings.extend(found);
            if let Some(source) = source {
                sources.insert(source);
            }
        }
        sources
    }

    /// Adds a loaded source; returns its id.
    pub(crate) fn insert(&mut self, source: SourceFile) -> SourceId {
        let id = SourceId(self.files.len() as u32);
        if self.by_path.len() <= source.locale {
            self.by_path.resize_with(source.locale + 1, HashMap::new);
        }
        self.by_path[source.locale].insert(source.path.clone(), id);
        self.by_site_path.insert(source.site_path.clone(), id);
        self.files.push(source);
        id
    }

    /// Puts a source read again (the same file, new content) in place of the old one: its
    /// id stays the same.
    pub(crate) fn replace(&mut self, id: SourceId, source: SourceFile) {
        if let Some(slot) = self.files.get_mut(id.0 as usize) {
            *slot = source;
        }
    }

    /// The source of a locale (by index) at a locale-relative path.
    pub(crate) fn get(&self, locale: usize, path: &str) -> Option<&SourceFile> {
        self.id(locale, path).map(|id| self.file(id))
    }

    /// The id of the source of a locale at a locale-relative path.
    pub(crate) fn id(&self, locale: usize, path: &str) -> Option<SourceId> {
        self.by_path.get(locale)?.get(path).copied()
    }

    /// The source with an id.
    pub(crate) fn file(&self, id: SourceId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Every source, in load order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    /// The source named by its SITE-relative path, as findings name files.
    pub(crate) fn by_site_path(&self, site_path: &str) -> Option<&SourceFile> {
        self.by_site_path.get(site_path).map(|&id| self.file(id))
    }
}

/// Byte offsets of line starts; lines end at LF, CRLF or a lone CR.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while let Some(n) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
        let at = i + n;
        i = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        starts.push(i);
    }
    starts
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Line:column lookups for offsets that mostly increase (one render pass over a file):
/// counting resumes from the previous lookup on the same line, so that a file made of one
/// very long line does not cost quadratic time.
pub(crate) struct Locator<'a> {
    source: &'a SourceFile,
    last: Cell<(usize, u32, u32)>,
}

impl<'a> Locator<'a> {
    /// A locator over `source`.
    pub(crate) fn new(source: &'a SourceFile) -> Self {
        Locator {
            source,
            last: Cell::new((0, 1, 1)),
        }
    }

    /// The location of byte `offset`.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let offset = self.source.original(offset);
        let text = &self.source.text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let (last_offset, last_line, last_column) = self.last.get();
        let line = self.source.line_of(offset);
        let column = if line == last_line && offset >= last_offset {
            last_column + text[last_offset..offset].chars().count() as u32
        } else {
            let start = self.source.line_start(line);
            text[start..offset].chars().count() as u32 + 1
        };
        self.last.set((offset, line, column));
        Location::new(self.source.site_path.clone(), line, column)
    }

    /// A finding at byte `offset`, with the source line attached.
    pub(crate) fn finding(
        &self,
        code: Code,
        locale: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let at = self.location(offset);
        let d = Diagnostic::new(code, Some(locale), &at, message);
        self.source.attach_snippet(d, self.source.original(offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(bytes: &[u8]) -> (SourceFile, Vec<Diagnostic>) {
        let mut findings = Vec::new();
        let s = SourceFile::from_bytes(
            "content/es-es/a.md".into(),
            "a.md".into(),
            (0, "es-es"),
            bytes,
            &mut findings,
        );
        (s, findings)
    }

    #[test]
    fn lines_end_at_lf_crlf_and_cr() {
        let (s, _) = load(b"a\nb\r\nc\rd");
        assert_eq!(s.line_column(0), (1, 1));
        assert_eq!(s.line_column(2), (2, 1));
        assert_eq!(s.line_column(5), (3, 1));
        assert_eq!(s.line_column(7), (4, 1));
        assert_eq!(s.line_text(2), Some("b"));
    }

    #[test]
    fn columns_count_characters_and_skip_the_bom() {
        let (s, _) = load("\u{feff}中文x".as_bytes());
        assert_eq!(s.text, "中文x");
        assert_eq!(s.line_column(6), (1, 3));
    }

    #[test]
    fn invalid_utf8_is_read_lossily_and_reported() {
        let (s, findings) = load(b"ok\nab\xFFcd\n");
        assert_eq!(s.text, "ok\nab\u{FFFD}cd\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::InvalidUtf8);
        assert!(
            findings[0].message.contains("line 2, column 3"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn locator_agrees_with_direct_lookup() {
        let (s, _) = load("ab\nc中d\ne".as_bytes());
        let loc = Locator::new(&s);
        for offset in [0, 1, 3, 4, 7, 9, 4, 0] {
            let (line, column) = s.line_column(offset);
            let at = loc.location(offset);
            assert_eq!((at.line, at.column), (line, column), "offset {offset}");
        }
    }
}
