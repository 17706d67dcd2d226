//! Findings: the [`Diagnostic`] value, its codes and severities, and merging.
//!
//! Every stage reports bad input as a `Diagnostic` value; nothing is printed from inside
//! the pipeline. [`finish`] sorts, merges and filters them at the end of a run; the
//! formats live in [`format`].

pub mod format;

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// How bad a finding is (a code switched off in `checks:` is not reported at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reported; does not fail a run.
    Warning,
    /// Fails `check`, and `build --strict`.
    Error,
}

impl Severity {
    /// The severity as users write it (`error`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($( $variant:ident = $name:literal, $sev:ident, $when:literal, $help:literal; )*) => {
        /// Every kind of finding rosetta reports.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( #[doc = $when] $variant, )* }

        impl Code {
            /// All codes, in table order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The code as users write it (`broken-link`).
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// The severity a code has unless `checks:` overrides it.
            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// When the code is reported , for SARIF rules and the README.
            pub fn description(self) -> &'static str {
                match self { $( Code::$variant => $when, )* }
            }

            /// One sentence on what to do about it, for the human format and SARIF rules.
            pub fn help(self) -> &'static str {
                match self { $( Code::$variant => $help, )* }
            }

            /// Parses a code name as written in rosetta.yaml.
            pub fn from_name(name: &str) -> Option<Code> {
                match name { $( $name => Some(Code::$variant), )* _ => None }
            }
        }
    };
}

codes! {
    FrontMatter = "front-matter", Error, "front matter YAML that does not parse, or that is not a mapping", "fix the YAML between the `---` lines; it must be a mapping of keys to values";
    IncludeNotFound = "include-not-found", Error, "an include target is missing", "check the include path: it is relative to the file that contains the directive";
    IncludeCycle = "include-cycle", Error, "an include reaches itself", "remove one of the includes in the chain so that no file includes itself";
    IncludeOutsideRoot = "include-outside-root", Error, "an include path leaves the locale root", "include files must live inside the same locale folder";
    IncludeLimit = "include-limit", Error, "includes nest deeper than 32, or a page grows past 16 MiB through includes", "includes nest at most 32 deep and a page may grow to at most 16 MiB through them";
    InvalidUtf8 = "invalid-utf8", Error, "a source file is not UTF-8", "save the file as UTF-8; invalid bytes were replaced with U+FFFD";
    BrokenLink = "broken-link", Error, "a relative link to a page or file that does not exist, or to an `.md` that is not a page", "link to a page or file that exists in this locale (paths are relative to the file)";
    BrokenAnchor = "broken-anchor", Error, "a `#fragment` that is not among the target page's anchors", "link to a heading id or `<a name>` that exists on the target page";
    MissingResource = "missing-resource", Error, "an image or other embedded resource is missing", "add the file, or fix the path (relative to the file that contains it)";
    Config = "config", Error, "rosetta.yaml, docfx.json or toc.yml that does not parse or has unknown keys", "fix the configuration file; every key and type is listed in the README";
    Io = "io", Error, "a source that cannot be read", "check that the file exists and is readable";
    OutputCollision = "output-collision", Error, "two sources map to one output path", "rename one of the sources so that each maps to its own output file";
    LinkCase = "link-case", Warning, "a link target found only under different letter case", "write the path with the letter case it has on disk; other systems are case-sensitive";
    LinkBackslash = "link-backslash", Warning, "a relative path written with `\\` separators", "use `/` as the path separator";
    DuplicateAnchor = "duplicate-anchor", Warning, "two targets with one id on a page", "give every anchor on a page its own name";
    MissingAssetid = "missing-assetid", Warning, "a page without `ms.assetid`, in a locale where other pages have one, that no page of another locale pairs with by path", "add `ms.assetid` to the front matter, the same in every translation (or give the translations the same path)";
    DuplicateAssetid = "duplicate-assetid", Error, "two pages of one locale share an asset ID", "give each page of a locale its own `ms.assetid`";
    AssetidMismatch = "assetid-mismatch", Error, "paired translations carry different `ms.assetid`", "translations of one article carry the same `ms.assetid`";
    AnchorMismatch = "anchor-mismatch", Error, "paired translations differ in their explicit anchors; with a source locale, a translation lacks ids of its source page that readers land on", "give the translation's headings the ids of the source's (`<a name>`), so that links and the language switcher land on them";
    MissingTranslation = "missing-translation", Warning, "a page exists in some locales only", "add the page to the locales that lack it, or pair it by `ms.assetid`";
    StructureMismatch = "structure-mismatch", Warning, "paired translations differ in include targets, image targets or linked pages", "translations of one article include, show and link the same files";
    DuplicateKey = "duplicate-key", Warning, "a front matter key given twice; the last value wins", "give each front matter key once";
    LinkRedirected = "link-redirected", Warning, "a link to a path that a redirection moved; it resolves to the new page", "link to the page the redirection leads to";
    BrokenRedirect = "broken-redirect", Error, "a redirection whose target does not exist, or a chain that loops or is longer than 16", "point the redirection at a page that exists, without loops";
    StaleTranslation = "stale-translation", Warning, "the source changed since the translation was made", "update the translation's changed sections, then its `ms.sourcegitcommit`";
    InvalidNoteSection = "invalid-note-section", Warning, "text after `[!NOTE]` (or another marker) on the marker's line: rendered as a plain blockquote", "put the marker alone on its line and the text on the next one";
    ZoneError = "zone-error", Error, "a `::: zone` not closed, nested, or naming a pivot or group that the definitions lack", "close every zone with `::: zone-end`, and name pivots of the page's `zone_pivot_groups`";
    SnippetNotFound = "snippet-not-found", Error, "a `[!code-…]` file, region, tag or line range that does not exist", "check the snippet path (relative to the file) and its region, tag or line range";
    XrefNotFound = "xref-not-found", Error, "a cross reference naming no `uid` of the site or of a configured xref map", "give a page that `uid`, or add the map that defines it under `xref:` in rosetta.yaml";
    DuplicateUid = "duplicate-uid", Error, "two pages of one locale with one `uid`", "give each page of a locale its own `uid`";
    XrefMap = "xref-map", Warning, "an xref map that cannot be had (not cached with `--offline`, an HTTP or network error, a timeout, not a YAML or JSON map, over the size cap); references it may resolve are counted in it", "check the map's path or URL; run once without `--offline` to cache a downloaded map in .rosetta-cache/";
    ImageAltMissing = "image-alt-missing", Warning, "a `:::image:::` without `alt-text` (except `type=\"icon\"`)", "describe the image in `alt-text` for readers who cannot see it";
    MonikerError = "moniker-error", Error, "a moniker range or block that does not parse, names an undefined moniker, is not closed, is nested, or has no version in common with its page", "write ranges as DocFX reads them (`>= vs-2019`, `vs-2017 || vs-2019`), close every `::: moniker` block with `::: moniker-end`, and name monikers of `monikers:`";
    MonikerMismatch = "moniker-mismatch", Warning, "a translation's moniker blocks (their ranges, in order) differ from its source's or reference's", "give the translation the moniker blocks of its source, so that readers of one version see the same content in every language";
    YamlPage = "yaml-page", Error, "a `### YamlMime:` page (Landing, Hub, YamlDocument) that does not parse or lacks required fields", "fix the YAML page: it must parse and carry the fields its YamlMime needs";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A place in a source file: site-relative path, 1-based line and column
/// (columns count Unicode scalar values).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file, relative to the site root, `/` separators.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in Unicode scalar values.
    pub column: u32,
}

impl Location {
    /// A location.
    pub fn new(file: Arc<str>, line: u32, column: u32) -> Self {
        Location { file, line, column }
    }

    /// The start of a file, for file-level findings.
    pub fn file_start(file: Arc<str>) -> Self {
        Location::new(file, 1, 1)
    }
}

/// 1-based line and column (in Unicode scalar values) of byte `offset` of `text`; lines
/// end at LF, CRLF or a lone CR. The one conversion for text that has no line index.
pub(crate) fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text.as_bytes()[..offset];
    let mut line = 1;
    let mut line_start = 0;
    let mut i = 0;
    while let Some(n) = memchr::memchr2(b'\n', b'\r', &before[i..]) {
        let at = i + n;
        i = if before[at] == b'\r' && before.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        line += 1;
        line_start = i.min(offset);
    }
    let column = text[line_start..offset].chars().count() + 1;
    (line, column as u32)
}

/// Another place that explains a finding: the other translation, an include chain, the
/// pages that include a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Related {
    /// The file, relative to the site root.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What this place has to do with the finding.
    pub message: String,
}

impl Related {
    /// A related place at `at`.
    pub fn new(at: &Location, message: impl Into<String>) -> Self {
        Related {
            file: at.file.clone(),
            line: at.line,
            column: at.column,
            message: message.into(),
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// What kind of finding it is.
    pub code: Code,
    /// Its severity after `checks:`.
    pub severity: Severity,
    /// The locale of the file (`None` for files outside a locale).
    pub locale: Option<String>,
    /// The file, relative to the site root, `/` separators.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in Unicode scalar values.
    pub column: u32,
    /// What is wrong.
    pub message: String,
    /// Other places that explain it.
    pub related: Vec<Related>,
    /// The source line around the position, for the human format.
    #[serde(skip)]
    pub snippet: Option<Snippet>,
}

/// An excerpt of the source line a finding points at, at most [`Snippet::WIDTH`]
/// characters, with the caret's place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The excerpt.
    pub text: String,
    /// Characters of `text` before the caret.
    pub caret: usize,
    /// Whether characters were cut before the excerpt.
    pub cut_before: bool,
    /// Whether characters were cut after the excerpt.
    pub cut_after: bool,
}

impl Snippet {
    /// Characters an excerpt shows at most.
    pub const WIDTH: usize = 120;

    /// The excerpt of `line` around byte `byte` of it: a few dozen characters either side,
    /// found without counting the whole line (lines can be megabytes long).
    pub fn at_byte(line: &str, byte: usize) -> Snippet {
        let mut byte = byte.min(line.len());
        while !line.is_char_boundary(byte) {
            byte -= 1;
        }
        let from = line[..byte]
            .char_indices()
            .rev()
            .nth(Self::WIDTH / 3 - 1)
            .map_or(0, |(i, _)| i);
        let caret = line[from..byte].chars().count();
        let to = line[from..]
            .char_indices()
            .nth(Self::WIDTH)
            .map_or(line.len(), |(i, _)| from + i);
        Snippet {
            text: line[from..to].to_owned(),
            caret,
            cut_before: from > 0,
            cut_after: to < line.len(),
        }
    }

    /// The excerpt of `line` around the 1-based character `column`.
    pub fn of(line: &str, column: u32) -> Snippet {
        let byte = line
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i);
        Self::at_byte(line, byte)
    }
}

impl Diagnostic {
    /// A finding with the code's default severity.
    pub fn new(
        code: Code,
        locale: Option<&str>,
        at: &Location,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            locale: locale.map(str::to_owned),
            file: at.file.clone(),
            line: at.line,
            column: at.column,
            message: message.into(),
            related: Vec::new(),
            snippet: None,
        }
    }

    /// Adds a related place.
    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    /// Attaches the excerpt of the source line (`line` is the whole line's text).
    pub fn with_line_text(mut self, line: Option<&str>) -> Self {
        self.snippet = line.map(|l| Snippet::of(l, self.column));
        self
    }

    /// Attaches the excerpt of the source line, the position given as a byte of the line.
    pub fn with_snippet(mut self, snippet: Snippet) -> Self {
        self.snippet = Some(snippet);
        self
    }

    fn sort_key(&self) -> (&str, u32, u32, Code, &str) {
        (&self.file, self.line, self.column, self.code, &self.message)
    }
}

/// What `checks:`, `ignore:` and `--locale` leave of the findings.
pub trait Policy {
    /// The severity to report `code` with, or `None` when it is switched off.
    fn severity(&self, code: Code) -> Option<Severity>;
    /// Whether findings in this file are reported at all.
    fn reports(&self, locale: Option<&str>, file: &str) -> bool;
}

/// Sorts the findings, merges the copies of one finding (a finding inside an include is
/// found once per including page: one diagnostic, with every including page in `related`),
/// and applies the policy.
pub fn finish(mut diagnostics: Vec<Diagnostic>, policy: &dyn Policy) -> Vec<Diagnostic> {
    diagnostics.retain_mut(|d| match policy.severity(d.code) {
        Some(sev) if policy.reports(d.locale.as_deref(), &d.file) => {
            d.severity = sev;
            true
        }
        _ => false,
    });
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut merged: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        match merged.last_mut() {
            Some(last) if last.sort_key() == d.sort_key() => last.related.extend(d.related),
            _ => merged.push(d),
        }
    }
    for d in &mut merged {
        d.related.sort();
        d.related.dedup();
    }
    merged
}

/// Counts of reported findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Error-severity findings.
    pub errors: usize,
    /// Warning-severity findings.
    pub warnings: usize,
}

impl Counts {
    /// Counts the findings by severity.
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Counts {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}
