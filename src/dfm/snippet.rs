//! Code snippets: `[!code-<lang>[name](path?query#tag "title")]` alone on a line, as DocFX's
//! `CodeSnippetParser` and `HtmlCodeSnippetRenderer` read them (DocFX test:
//! `CodeSnippetTest`): which lines of the file to show (a tag or region, `#L3-L9`,
//! `?start=&end=`, `?range=`, in that order of precedence), their dedent, and the lines to
//! highlight. The file is read by the pass, at most [`MAX_SNIPPET_BYTES`] of it.
#![cfg_attr(not(test), allow(dead_code))]

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

/// The lines a snippet shows, ready to highlight.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Extracted {
    /// The code, each line ending in `\n`.
    pub(crate) code: String,
    /// What is wrong (each a `snippet-not-found` finding): a tag not in the file, a range
    /// past its end.
    pub(crate) problems: Vec<String>,
}

/// Extracts the lines `snippet` selects from `content` (the file's text; `extension` its
/// file extension without the dot, used when the directive names no language).
pub(crate) fn extract(content: &str, snippet: &CodeSnippet, extension: &str) -> Extracted {
    let lines: Vec<&str> = split_lines(content);
    let mut out = Extracted::default();
    let mut skip: Vec<usize> = Vec::new();
    let ranges: Vec<LineRange> = match &snippet.selection {
        Selection::All => vec![LineRange {
            start: 1,
            end: None,
        }],
        Selection::Tag(tag) => {
            let language = snippet.language.as_deref().unwrap_or(extension);
            match find_tag(&lines, tag, language) {
                TagSearch::Found { range, tag_lines } => {
                    skip = tag_lines;
                    vec![range]
                }
                TagSearch::NotClosed(line) => {
                    out.problems.push(format!(
                        "tag or region `{tag}` (line {line} of `{}`) is not closed",
                        snippet.path
                    ));
                    return out;
                }
                TagSearch::Missing => {
                    out.problems
                        .push(format!("`{}` has no tag or region `{tag}`", snippet.path));
                    return out;
                }
            }
        }
        Selection::Bookmark(range) | Selection::StartEnd(range) => vec![*range],
        Selection::Ranges(ranges) => ranges.clone(),
    };
    let mut selected: Vec<&str> = Vec::new();
    for range in &ranges {
        if range.start > lines.len().max(1) || range.end.is_some_and(|e| e < range.start) {
            out.problems.push(format!(
                "lines {}{} are past the end of `{}` ({} lines)",
                range.start,
                range.end.map_or("-".to_owned(), |e| format!("-{e}")),
                snippet.path,
                lines.len()
            ));
            continue;
        }
        let first = range.start.max(1) - 1;
        let last = range.end.map_or(lines.len(), |e| e.min(lines.len()));
        for (index, line) in lines.iter().enumerate().take(last).skip(first) {
            if !skip.contains(&index) {
                selected.push(line);
            }
        }
    }
    out.code = dedent(&selected, snippet.dedent);
    out
}

/// Lines as DocFX reads them: split at `\r\n`, `\n` or `\r`; no empty last line.
fn split_lines(content: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = content.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&content[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&content[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < content.len() {
        lines.push(&content[start..]);
    }
    lines
}

/// Removes `dedent` leading spaces from each line (tabs expanded to the next multiple of
/// four first), or the common indentation of the non-blank lines when `dedent` is `None`
/// or negative. Each line ends in `\n`.
fn dedent(lines: &[&str], dedent: Option<i64>) -> String {
    let expanded: Vec<(String, usize)> = lines
        .iter()
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            let mut width = 0;
            let mut rest = *line;
            while let Some(c) = rest.chars().next() {
                match c {
                    ' ' => width += 1,
                    '\t' => width = (width / 4 + 1) * 4,
                    _ => break,
                }
                rest = &rest[1..];
            }
            for _ in 0..width {
                out.push(' ');
            }
            out.push_str(rest);
            (out, width)
        })
        .collect();
    let common = expanded
        .iter()
        .filter(|(line, _)| !line.trim().is_empty())
        .map(|(_, width)| *width)
        .min()
        .unwrap_or(0);
    let remove = match dedent {
        Some(n) if n >= 0 => usize::try_from(n).unwrap_or(usize::MAX),
        _ => common,
    };
    let mut out = String::new();
    for (line, width) in &expanded {
        out.push_str(&line[remove.min(*width)..]);
        out.push('\n');
    }
    out
}

/// The comment forms of tags, by language, as DocFX knows them: a start template and an
/// end template around the tag name, and whether the end names the tag (else it closes the
/// innermost open one, as `#endregion`).
struct TagForm {
    start: &'static str,
    end: &'static str,
    end_names_tag: bool,
}

const C_FAMILY: TagForm = TagForm {
    start: "//<",
    end: "//</",
    end_names_tag: true,
};
const REGION: TagForm = TagForm {
    start: "#region",
    end: "#endregion",
    end_names_tag: false,
};
const BASIC: TagForm = TagForm {
    start: "'<",
    end: "'</",
    end_names_tag: true,
};
const MARKUP: TagForm = TagForm {
    start: "<!--<",
    end: "<!--</",
    end_names_tag: true,
};
const SQL: TagForm = TagForm {
    start: "--<",
    end: "--</",
    end_names_tag: true,
};
const SCRIPT: TagForm = TagForm {
    start: "#<",
    end: "#</",
    end_names_tag: true,
};
const BATCH: TagForm = TagForm {
    start: "rem<",
    end: "rem</",
    end_names_tag: true,
};
const ERLANG: TagForm = TagForm {
    start: "%<",
    end: "%</",
    end_names_tag: true,
};
const LISP: TagForm = TagForm {
    start: ";<",
    end: ";</",
    end_names_tag: true,
};
const CSS: TagForm = TagForm {
    start: "/*<",
    end: "/*</",
    end_names_tag: true,
};

/// The language DocFX's alias table gives a language name or file extension.
pub(crate) fn canonical_language(name: &str) -> Option<&'static str> {
    const ALIASES: &[(&str, &[&str])] = &[
        ("actionscript", &["as"]),
        ("arduino", &["ino"]),
        ("assembly", &["nasm", "asm"]),
        ("batchfile", &["bat", "cmd"]),
        ("css", &[]),
        (
            "cpp",
            &[
                "c",
                "c++",
                "objective-c",
                "obj-c",
                "objc",
                "objectivec",
                "h",
                "hpp",
                "cc",
                "m",
            ],
        ),
        ("csharp", &["cs"]),
        ("cuda", &["cu", "cuh"]),
        ("d", &["dlang"]),
        ("erlang", &["erl"]),
        ("fsharp", &["fs", "fsi", "fsx"]),
        ("go", &["golang"]),
        ("handlebars", &["hbs"]),
        ("haskell", &["hs"]),
        ("html", &["jsp", "asp", "aspx", "ascx", "htm"]),
        ("cshtml", &["aspx-cs", "aspx-csharp", "razor"]),
        ("vbhtml", &["aspx-vb"]),
        ("java", &["gradle"]),
        ("javascript", &["js", "node", "json", "mjs"]),
        ("lisp", &["lsp"]),
        ("lua", &[]),
        ("matlab", &[]),
        ("pascal", &["pas"]),
        ("perl", &["pl"]),
        ("php", &[]),
        ("powershell", &["posh", "ps1", "psm1"]),
        ("processing", &["pde"]),
        ("python", &["py"]),
        ("r", &[]),
        ("react", &["tsx", "jsx"]),
        ("ruby", &["ru", "erb", "rb"]),
        ("rust", &["rs"]),
        ("scala", &[]),
        ("shell", &["sh", "bash", "zsh"]),
        ("smalltalk", &["st"]),
        ("sql", &[]),
        ("swift", &[]),
        ("typescript", &["ts"]),
        ("xaml", &[]),
        (
            "xml",
            &[
                "xsl", "xslt", "xsd", "wsdl", "csdl", "edmx", "config", "csproj",
            ],
        ),
        ("vb", &["vbnet", "vbscript", "bas", "vbs", "vba"]),
        ("yaml", &["yml"]),
    ];
    let name = name.trim_start_matches('.').to_ascii_lowercase();
    ALIASES
        .iter()
        .find(|(lang, aliases)| *lang == name || aliases.contains(&name.as_str()))
        .map(|(lang, _)| *lang)
}

/// The tag forms to try for a language (all of them for one DocFX does not know).
fn tag_forms(language: &str) -> Vec<&'static TagForm> {
    let Some(lang) = canonical_language(language) else {
        return vec![
            &C_FAMILY, &REGION, &BASIC, &MARKUP, &SQL, &SCRIPT, &BATCH, &ERLANG, &LISP, &CSS,
        ];
    };
    let mut forms: Vec<&'static TagForm> = Vec::new();
    let c_family = [
        "actionscript",
        "arduino",
        "assembly",
        "cpp",
        "csharp",
        "cshtml",
        "cuda",
        "d",
        "fsharp",
        "go",
        "java",
        "javascript",
        "pascal",
        "php",
        "processing",
        "react",
        "rust",
        "scala",
        "smalltalk",
        "swift",
        "typescript",
    ];
    if ["vb", "vbhtml"].contains(&lang) {
        forms.push(&BASIC);
        forms.push(&REGION);
    }
    if c_family.contains(&lang) {
        forms.push(&C_FAMILY);
    }
    if [
        "xml",
        "xaml",
        "handlebars",
        "html",
        "cshtml",
        "php",
        "react",
        "ruby",
        "vbhtml",
    ]
    .contains(&lang)
    {
        forms.push(&MARKUP);
    }
    if ["haskell", "lua", "sql"].contains(&lang) {
        forms.push(&SQL);
    }
    if ["perl", "powershell", "python", "r", "ruby", "shell", "yaml"].contains(&lang) {
        forms.push(&SCRIPT);
    }
    if lang == "batchfile" {
        forms.push(&BATCH);
    }
    if ["csharp", "cshtml"].contains(&lang) {
        forms.push(&REGION);
    }
    if ["erlang", "matlab"].contains(&lang) {
        forms.push(&ERLANG);
    }
    if lang == "lisp" {
        forms.push(&LISP);
    }
    if lang == "css" {
        forms.push(&CSS);
    }
    if forms.is_empty() {
        forms.push(&C_FAMILY);
    }
    forms
}

enum TagSearch {
    Found {
        range: LineRange,
        /// 0-based indexes of every tag line of the form (left out of the snippet).
        tag_lines: Vec<usize>,
    },
    /// Found, but no end (the 1-based line of the start).
    NotClosed(usize),
    Missing,
}

/// Finds `tag` (or `snippet` + tag, as DocFX) in the first form that has it; letter case
/// is ignored.
fn find_tag(lines: &[&str], tag: &str, language: &str) -> TagSearch {
    let wanted = tag.to_lowercase();
    let prefixed = format!("snippet{wanted}");
    let mut not_closed = None;
    for form in tag_forms(language) {
        let mut starts: Vec<(String, usize)> = Vec::new();
        let mut found: Option<(usize, Option<usize>)> = None;
        let mut tag_lines = Vec::new();
        for (index, line) in lines.iter().enumerate() {
            if let Some(name) = match_tag(line, form.end, form.end_names_tag) {
                tag_lines.push(index);
                let name = if form.end_names_tag {
                    Some(name)
                } else {
                    starts.pop().map(|(n, _)| n)
                };
                if let (Some(name), Some((_, end @ None))) = (name, found.as_mut())
                    && (name == wanted || name == prefixed)
                {
                    *end = Some(index);
                }
                continue;
            }
            if let Some(name) = match_tag(line, form.start, true) {
                tag_lines.push(index);
                if name == wanted || name == prefixed {
                    // A tag given twice: the last start wins, as in DocFX.
                    found = Some((index, None));
                }
                starts.push((name, index));
            }
        }
        match found {
            Some((start, Some(end))) => {
                return TagSearch::Found {
                    range: LineRange {
                        start: start + 2,
                        end: Some(end),
                    },
                    tag_lines,
                };
            }
            Some((start, None)) => not_closed = Some(start + 1),
            None => {}
        }
    }
    match not_closed {
        Some(line) => TagSearch::NotClosed(line),
        None => TagSearch::Missing,
    }
}

/// Matches a line against a tag template (`//<` + name + `>`; spaces anywhere in the
/// template's text are skipped, letter case ignored) and returns the lower-cased name.
/// `with_name` false: the template is the whole line (`#endregion`), the name empty.
fn match_tag(line: &str, template: &str, with_name: bool) -> Option<String> {
    let mut chars = line.chars().peekable();
    for expected in template.chars() {
        loop {
            let c = chars.next()?;
            if c.is_whitespace() {
                continue;
            }
            if c.to_ascii_lowercase() != expected {
                return None;
            }
            break;
        }
    }
    let rest: String = chars.collect();
    if !with_name {
        return Some(String::new());
    }
    let after = if template.starts_with("<!--") {
        ">-->"
    } else if template.starts_with("/*") {
        ">*/"
    } else if template == "#region" {
        ""
    } else {
        ">"
    };
    let name = if after.is_empty() {
        // `#region name`, and VB's `#Region "name"`.
        rest.trim().trim_matches('"').to_owned()
    } else {
        let close = rest.find('>')?;
        let tail: String = rest[close..]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !tail.eq_ignore_ascii_case(after) {
            return None;
        }
        rest[..close].trim().to_owned()
    };
    let name = name.to_lowercase();
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'));
    valid.then_some(name)
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
mod tests {
    use super::*;

    const PROGRAM: &str = "namespace ConsoleApplication1\n{\n    // <namespace>\n    using System;\n    using System.Collections.Generic;\n    using System.IO;\n    // </namespace>\n\n    // <snippetprogram>\n    class Program\n    {\n        static void Main(string[] args)\n        {\n            string s = \"\\ntest\";\n            int i = 100;\n        }\n    }\n    // </snippetprogram>\n\n    #region Helper\n    internal static class Helper\n    {\n        #region Foo\n        public static void Foo()\n        {\n        }\n        #endregion Foo\n    }\n    #endregion\n}";

    fn snippet(line: &str) -> CodeSnippet {
        code_snippet(line).expect("a snippet directive")
    }

    fn lines(directive: &str) -> String {
        let e = extract(PROGRAM, &snippet(directive), "cs");
        assert!(e.problems.is_empty(), "{:?}", e.problems);
        e.code
    }

    // DocFX: CodeSnippetTest.TestFencesBlockLevel (languages, titles, letter case).
    #[test]
    fn directives() {
        let s = snippet(r#"[!Code-FakeREST-i[REST-i](api.json "This is root")]"#);
        assert_eq!(s.language.as_deref(), Some("FakeREST-i"));
        assert_eq!(s.name, "REST-i");
        assert_eq!(s.path, "api.json");
        assert_eq!(s.title.as_deref(), Some("This is root"));
        assert_eq!(s.selection, Selection::All);
        let s = snippet("[!CODE[No Language](api.json)]");
        assert_eq!(s.language, None);
        let s = snippet(
            "[!code-csharp[name](Program.cs?start=1&end=1&name=tag&range=5-&highlight=1,2-2,4-&dedent=3#tag1)]",
        );
        assert_eq!(s.selection, Selection::Tag("tag1".into()));
        assert_eq!(highlight_attribute(&s.highlight), "1,2,4-");
        assert_eq!(s.dedent, Some(3));
        assert_eq!(
            snippet("[!code[a](a\\(x\\).cs)]").path,
            "a(x).cs",
            "escaped parentheses"
        );
        assert_eq!(snippet("[!code[a](f(x).cs#L2)]").path, "f(x).cs");
        // DocFX: CodeSnippetShouldNotWorkInParagraph.
        assert_eq!(code_snippet("text [!code[test](CodeSnippet.cs)]"), None);
        assert_eq!(code_snippet("[!code[test](CodeSnippet.cs)] text"), None);
        assert_eq!(code_snippet("[!include[t](a.md)]"), None);
    }

    // DocFX: CodeSnippetTest.TestFencesBlockLevelWithQueryString.
    #[test]
    fn lines_by_tag_region_bookmark_and_range() {
        assert_eq!(
            lines(r#"[!code[Main](Program.cs#L12-L16 "This is root")]"#),
            "static void Main(string[] args)\n{\n    string s = \"\\ntest\";\n    int i = 100;\n}\n"
        );
        assert!(lines("[!code[Main](Program.cs#L12-L100)]").ends_with("    #endregion\n}\n"));
        assert_eq!(
            lines("[!code-csharp[Main](Program.cs#NAMESPACE)]"),
            "using System;\nusing System.Collections.Generic;\nusing System.IO;\n"
        );
        assert_eq!(
            lines("[!code-csharp[Main](Program.cs#program)]"),
            "class Program\n{\n    static void Main(string[] args)\n    {\n        string s = \"\\ntest\";\n        int i = 100;\n    }\n}\n"
        );
        assert_eq!(
            lines("[!code[Main](Program.cs?name=Foo)]"),
            "public static void Foo()\n{\n}\n"
        );
        assert_eq!(
            lines("[!code[Main](Program.cs?name=Helper)]"),
            "internal static class Helper\n{\n    public static void Foo()\n    {\n    }\n}\n"
        );
        assert_eq!(
            lines("[!code[Main](Program.cs?start=5&end=9)]"),
            "using System.Collections.Generic;\nusing System.IO;\n// </namespace>\n\n// <snippetprogram>\n"
        );
        assert_eq!(
            lines("[!code[Main](Program.cs?range=1-2,10,20-21,29-)]"),
            "namespace ConsoleApplication1\n{\n    class Program\n    #region Helper\n    internal static class Helper\n    #endregion\n}\n"
        );
        assert_eq!(
            lines("[!code[Main](Program.cs?start=5&end=9&dedent=0)]"),
            "    using System.Collections.Generic;\n    using System.IO;\n    // </namespace>\n\n    // <snippetprogram>\n"
        );
        assert_eq!(
            lines("[!code[Main](Program.cs?name=Helper&dedent=8)]"),
            "internal static class Helper\n{\npublic static void Foo()\n{\n}\n}\n"
        );
    }

    // DocFX: CodeSnippetTest.CodeSnippetGeneral, CodeSnippetTagsShouldMatchCaseInsensitive,
    // CodeSnippetTagsShouldSucceedWhenDuplicateWithWarningWhenReferenced,
    // CodeSnippetTagsShouldSucceedWhenReferencedFileContainsRegionWithoutName,
    // CodeSnippetShouldVerifyTagname.
    #[test]
    fn tags_as_docfx_matches_them() {
        let content = "    line for start & end\n    // <tag1>\n    line1\n    // </tag1>\n \tline for indent & range";
        let s = snippet(
            "[!code-csharp[name](Program.cs?start=1&end=1&name=tag&range=5-&highlight=1,2-2,4-&dedent=3#tag1)]",
        );
        assert_eq!(extract(content, &s, "cs").code, " line1\n");

        let content = "\t// <tag1>\t\nline1\n// <tag2>\nline2\n// </tag2>\nline3\n// </TAG1>\n// <unmatched>\n";
        assert_eq!(
            extract(content, &snippet("[!code[tag1](Program.cs#Tag1)]"), "cs").code,
            "line1\nline2\nline3\n"
        );

        let content = "// <tag1>\nline1\n// <tag1>\nline2\n// </tag1>\nline3\n// </TAG1>\n// <tag2>\nline4\n// </tag2>\n";
        assert_eq!(
            extract(content, &snippet("[!code[t](P.cs#Tag1)]"), "cs").code,
            "line2\n"
        );
        assert_eq!(
            extract(content, &snippet("[!code[t](P.cs#Tag2)]"), "cs").code,
            "line4\n"
        );

        let content = "#region\npublic class MyClass\n#region\n{\n    #region main\n    static void Main()\n    {\n    }\n    #endregion\n}\n#endregion\n#endregion";
        assert_eq!(
            extract(content, &snippet("[!code[MyClass](Program.cs#main)]"), "cs").code,
            "static void Main()\n{\n}\n"
        );

        let content = "    line for start & end\n    // <tag1>\n    line1\n    // <Content=\"my\">\n    // </tag1>\n";
        assert_eq!(
            extract(
                content,
                &snippet("[!code-csharp[name](Program.cs#tag1)]"),
                "cs"
            )
            .code,
            "line1\n// <Content=\"my\">\n"
        );
    }

    #[test]
    fn other_languages_comment_forms() {
        let py = "import os\n# <main>\nprint(1)\n# </main>\n";
        assert_eq!(
            extract(py, &snippet("[!code-python[](a.py#main)]"), "py").code,
            "print(1)\n"
        );
        let xml = "<a>\n  <!-- <part> -->\n  <b/>\n  <!-- </part> -->\n</a>\n";
        assert_eq!(
            extract(xml, &snippet("[!code-xml[](a.xml#part)]"), "xml").code,
            "<b/>\n"
        );
        let sql = "-- <q>\nSELECT 1;\n-- </q>\n";
        assert_eq!(
            extract(sql, &snippet("[!code-sql[](a.sql#q)]"), "sql").code,
            "SELECT 1;\n"
        );
        let vb = "' <x>\nDim a\n' </x>\n#Region \"y\"\nDim b\n#End Region\n";
        assert_eq!(
            extract(vb, &snippet("[!code-vb[](a.vb#x)]"), "vb").code,
            "Dim a\n"
        );
        let css = "/* <c> */\na { }\n/* </c> */\n";
        assert_eq!(
            extract(css, &snippet("[!code-css[](a.css#c)]"), "css").code,
            "a { }\n"
        );
        // No language on the directive: the file's extension decides.
        assert_eq!(
            extract(py, &snippet("[!code[](a.py#main)]"), "py").code,
            "print(1)\n"
        );
    }

    #[test]
    fn missing_tags_and_ranges_past_the_end_are_problems() {
        let e = extract(PROGRAM, &snippet("[!code[M](Program.cs#nowhere)]"), "cs");
        assert_eq!(e.code, "");
        assert_eq!(e.problems, ["`Program.cs` has no tag or region `nowhere`"]);
        let e = extract("// <a>\nx\n", &snippet("[!code[M](P.cs#a)]"), "cs");
        assert!(e.problems[0].contains("not closed"), "{:?}", e.problems);
        let e = extract("a\nb\n", &snippet("[!code[M](P.cs#L5-L9)]"), "cs");
        assert_eq!(
            e.problems,
            ["lines 5-9 are past the end of `P.cs` (2 lines)"]
        );
        let e = extract("a\nb\n", &snippet("[!code[M](P.cs?range=1,7-)]"), "cs");
        assert_eq!(e.code, "a\n");
        assert_eq!(e.problems.len(), 1);
        // A range that ends past the end is cut, as in DocFX.
        let e = extract("a\nb\n", &snippet("[!code[M](P.cs#L2-L100)]"), "cs");
        assert_eq!((e.code.as_str(), e.problems.len()), ("b\n", 0));
    }

    #[test]
    fn highlight_lines() {
        let s = snippet("[!code-csharp[](Program.cs?highlight=2,5-7,9-)]");
        let marked: Vec<usize> = (1..=12)
            .filter(|l| is_highlighted(&s.highlight, *l))
            .collect();
        assert_eq!(marked, [2, 5, 6, 7, 9, 10, 11, 12]);
    }

    #[test]
    fn large_files_are_read_up_to_the_cap() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("big.cs");
        let line = "x".repeat(99) + "\n";
        let content = line.repeat((MAX_SNIPPET_BYTES as usize / 100) + 10);
        std::fs::write(&path, &content).expect("write");
        let (text, cut) = read_capped(&path).expect("read");
        assert!(cut);
        assert!(text.len() as u64 <= MAX_SNIPPET_BYTES);
        assert!(text.ends_with('\n'));
        let small = dir.path().join("small.cs");
        std::fs::write(&small, "\u{feff}a\n").expect("write");
        assert_eq!(
            read_capped(&small).expect("read"),
            ("a\n".to_owned(), false)
        );
    }
}
