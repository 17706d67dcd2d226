//! The lines a snippet shows: a tag or region found by the comment forms of its language
//! (as DocFX's `CodeSnippetExtractor` knows them), or line ranges; then their dedent.

use super::{CodeSnippet, LineRange, Selection};

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
