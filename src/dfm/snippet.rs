//! Code snippets: `[!code-<lang>[name](path?query#tag "title")]` alone on a line, as DocFX's
//! `CodeSnippetParser` and `HtmlCodeSnippetRenderer` read them (DocFX test:
//! `CodeSnippetTest`): which lines of the file to show (a tag or region, `#L3-L9`,
//! `?start=&end=`, `?range=`, in that order of precedence), their dedent, and the lines to
//! highlight. The file is read by the pass, at most [`MAX_SNIPPET_BYTES`] of it.

mod extract;

pub(crate) use extract::{canonical_language, extract};

use std::io::Read;

/// A snippet file is read up to this many bytes; a longer one is cut there (and the page
/// says so in a finding), so a 100 MB file costs no more than this.
pub(crate) const MAX_SNIPPET_BYTES: u64 = 4 * 1024 * 1024;

/// Lines `start..=end` of a file (1-based; `end` `None`: to the end of the file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineRange {
    /// First line, 1-based.
    pub(crate) start: usize,
    /// Last line, if bounded.
    pub(crate) end: Option<usize>,
}

impl LineRange {
    fn contains(&self, line: usize) -> bool {
        line >= self.start && self.end.is_none_or(|end| line <= end)
    }
}

/// Which lines of the file a snippet shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Selection {
    /// The whole file.
    All,
    /// A tag (`// <name>` … `// </name>`) or region (`#region name` … `#endregion`), from
    /// `#name` or `?name=`.
    Tag(String),
    /// `#L3-L9`.
    Bookmark(LineRange),
    /// `?start=3&end=9`.
    StartEnd(LineRange),
    /// `?range=1-3,5,9-`.
    Ranges(Vec<LineRange>),
}

/// A `[!code-…]` directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CodeSnippet {
    /// The language after `code-` (`csharp`), as written.
    pub(crate) language: Option<String>,
    /// The text in the first brackets (DocFX writes it as the code's `name`).
    pub(crate) name: String,
    /// The file, relative to the file that holds the directive.
    pub(crate) path: String,
    /// Which lines.
    pub(crate) selection: Selection,
    /// `?highlight=`: lines of the snippet (not of the file) to mark.
    pub(crate) highlight: Vec<LineRange>,
    /// `?dedent=`: spaces to remove from each line; `None` or negative: the common
    /// indentation.
    pub(crate) dedent: Option<i64>,
    /// The link title (`"title"`).
    pub(crate) title: Option<String>,
    /// Query keys that are not DocFX's, ignored.
    pub(crate) unknown_keys: Vec<String>,
}

/// Reads a paragraph line (trimmed) as a code snippet directive: `[!code` in any case,
/// `-lang`, `[name]`, `(path` with `?query` and `#bookmark`, an optional `"title"`, `)]`,
/// nothing after.
pub(crate) fn code_snippet(line: &str) -> Option<CodeSnippet> {
    let line = line.trim();
    let head = line.get(..6)?;
    if !head.eq_ignore_ascii_case("[!code") {
        return None;
    }
    let mut rest = &line[6..];
    let mut language = None;
    if let Some(after) = rest.strip_prefix('-') {
        let end = after.find('[')?;
        language = Some(after[..end].trim().to_owned()).filter(|l| !l.is_empty());
        rest = &after[end..];
    }
    let (name, after_name) = bracketed(rest.strip_prefix('[')?, ']')?;
    let rest = after_name.trim_start().strip_prefix('(')?;
    // The path runs to `#`, `?`, `"` or the closing `)` (balanced parentheses allowed).
    let mut path = String::new();
    let mut depth = 0usize;
    let mut chars = rest.char_indices().peekable();
    let mut end = rest.len();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, next)) = chars.next() {
                    path.push(next);
                }
            }
            '#' | '?' | '"' => {
                end = i;
                break;
            }
            '(' => {
                depth += 1;
                path.push(c);
            }
            ')' if depth == 0 => {
                end = i;
                break;
            }
            ')' => {
                depth -= 1;
                path.push(c);
            }
            c => path.push(c),
        }
    }
    let path = path.trim().to_owned();
    if path.is_empty() {
        return None;
    }
    let mut rest = &rest[end..];
    let mut snippet = CodeSnippet {
        language,
        name: name.trim().to_owned(),
        path,
        selection: Selection::All,
        highlight: Vec::new(),
        dedent: None,
        title: None,
        unknown_keys: Vec::new(),
    };
    let mut start_end: Option<(Option<usize>, Option<usize>)> = None;
    let mut tag = None;
    let mut ranges = None;
    if let Some(query) = rest.strip_prefix('?') {
        let stop = query.find(['"', ')', '#']).unwrap_or(query.len());
        for item in query[..stop].trim().split('&').filter(|s| !s.is_empty()) {
            let (key, value) = item.split_once('=').unwrap_or((item, ""));
            match key.to_ascii_lowercase().as_str() {
                "name" => tag = Some(value.to_owned()),
                "start" => {
                    let start = value.parse().ok();
                    start_end = Some((start, start_end.and_then(|(_, e)| e).or(start)));
                }
                "end" => {
                    let end = value.parse().ok();
                    start_end = Some((start_end.and_then(|(s, _)| s), end));
                }
                "range" => ranges = line_ranges(value),
                "highlight" => snippet.highlight = line_ranges(value).unwrap_or_default(),
                "dedent" => snippet.dedent = value.parse().ok(),
                other => snippet.unknown_keys.push(other.to_owned()),
            }
        }
        rest = &query[stop..];
    }
    let mut bookmark = None;
    if let Some(mark) = rest.strip_prefix('#') {
        let stop = mark.find(['"', ')']).unwrap_or(mark.len());
        let mark_text = mark[..stop].trim();
        match bookmark_range(mark_text) {
            Some(range) => bookmark = Some(range),
            None if !mark_text.is_empty() => tag = Some(mark_text.to_owned()),
            None => {}
        }
        rest = &mark[stop..];
    }
    let rest = rest.trim_start();
    let rest = if let Some(quoted) = rest.strip_prefix('"') {
        let (title, after) = bracketed(quoted, '"')?;
        snippet.title = Some(title.trim().to_owned()).filter(|t| !t.is_empty());
        after
    } else {
        rest
    };
    let rest = rest.trim_start().strip_prefix(')')?;
    if rest.trim() != "]" {
        return None;
    }
    snippet.selection = if let Some(tag) = tag.filter(|t| !t.is_empty()) {
        Selection::Tag(tag)
    } else if let Some(range) = bookmark {
        Selection::Bookmark(range)
    } else if let Some((Some(start), end)) = start_end {
        Selection::StartEnd(LineRange { start, end })
    } else if let Some(ranges) = ranges {
        Selection::Ranges(ranges)
    } else {
        Selection::All
    };
    Some(snippet)
}

/// Text up to an unescaped `end`, unescaped, and what follows `end`.
fn bracketed(text: &str, end: char) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            if let Some((_, next)) = chars.next() {
                out.push(next);
            }
            continue;
        }
        if c == end {
            return Some((out, &text[i + c.len_utf8()..]));
        }
        out.push(c);
    }
    None
}

/// `L3-L9`, `L3`, `L3-` (any letter case).
fn bookmark_range(text: &str) -> Option<LineRange> {
    let (start, end) = match text.split_once('-') {
        Some((s, e)) => (s, Some(e)),
        None => (text, None),
    };
    let number = |s: &str| -> Option<usize> {
        let digits = s.strip_prefix(['L', 'l'])?;
        digits.parse().ok()
    };
    let start = number(start)?;
    let end = match end {
        None => Some(start),
        Some("") => None,
        Some(e) => Some(number(e)?),
    };
    Some(LineRange { start, end })
}

/// `1-3,5,9-` → ranges; `None` when one part is not a range.
fn line_ranges(text: &str) -> Option<Vec<LineRange>> {
    text.split(',')
        .map(|part| {
            let part = part.trim();
            let (start, end) = match part.split_once('-') {
                Some((s, e)) => (s.trim(), Some(e.trim())),
                None => (part, None),
            };
            let start: usize = start.parse().ok()?;
            let end = match end {
                None => Some(start),
                Some("") => None,
                Some(e) => Some(e.parse().ok()?),
            };
            Some(LineRange { start, end })
        })
        .collect()
}

/// Reads at most [`MAX_SNIPPET_BYTES`] of a file as text (invalid UTF-8 replaced); `true`
/// when the file was longer and was cut.
pub(crate) fn read_capped(path: &std::path::Path) -> std::io::Result<(String, bool)> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_SNIPPET_BYTES + 1).read_to_end(&mut bytes)?;
    let cut = bytes.len() as u64 > MAX_SNIPPET_BYTES;
    if cut {
        bytes.truncate(MAX_SNIPPET_BYTES as usize);
        // Cut at the last whole line, so that no line is shown half.
        if let Some(last_newline) = bytes.iter().rposition(|&b| b == b'\n') {
            bytes.truncate(last_newline + 1);
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    Ok((String::from_utf8_lossy(bytes).into_owned(), cut))
}

/// The `highlight` ranges as DocFX writes them in `highlight-lines` (`1,2-4,7-`).
pub(crate) fn highlight_attribute(ranges: &[LineRange]) -> String {
    ranges
        .iter()
        .map(|r| match r.end {
            Some(end) if end == r.start => r.start.to_string(),
            Some(end) => format!("{}-{end}", r.start),
            None => format!("{}-", r.start),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether line `line` (1-based, of the snippet) is to be highlighted.
pub(crate) fn is_highlighted(ranges: &[LineRange], line: usize) -> bool {
    ranges.iter().any(|r| r.contains(line))
}

#[cfg(test)]
mod tests;
