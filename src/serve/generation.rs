//! What the server shows after a build: every output file's fingerprint, the pages held at
//! their last good version, and each page's findings. A [`Generation`] is immutable once
//! published; the builder publishes a new one after every build.

use crate::diagnostic::{Code, Diagnostic};
use crate::output::Fingerprints;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The page every missing path gets (status 404).
pub(crate) const NOT_FOUND: &str = "404.html";

pub(crate) use crate::output::fingerprint;

/// One finding as a page's overlay lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Finding {
    pub(crate) file: String,
    pub(crate) line: u32,
    pub(crate) column: u32,
    pub(crate) severity: &'static str,
    pub(crate) code: &'static str,
    pub(crate) message: String,
}

impl Finding {
    /// The overlay's view of a diagnostic.
    pub(crate) fn of(d: &Diagnostic) -> Finding {
        Finding {
            file: d.file.to_string(),
            line: d.line,
            column: d.column,
            severity: d.severity.as_str(),
            code: d.code.as_str(),
            message: d.message.clone(),
        }
    }
}

/// Findings that leave a page unusable: its last good version is served instead while they
/// last (the output folder itself always holds what a fresh build gives).
pub(crate) fn breaks_page(code: Code) -> bool {
    matches!(code, Code::FrontMatter | Code::Io | Code::YamlPage)
}

/// The state of the output after one build.
#[derive(Clone, Debug, Default)]
pub(crate) struct Generation {
    /// Counts builds, from 1.
    pub(crate) number: u64,
    /// Every file of the output folder, by its path relative to it (`/` separators), with
    /// the fingerprint of its bytes.
    pub(crate) files: Fingerprints,
    /// Pages served at their last good version instead of the output's, with the bytes'
    /// fingerprint.
    pub(crate) held: HashMap<String, (Arc<[u8]>, u64)>,
    /// The findings each page's overlay shows (its own file's and its includes'), by output
    /// path; pages without findings are absent.
    pub(crate) findings: HashMap<Arc<str>, Arc<[Finding]>>,
    /// Pages whose source has a finding that breaks them (held or, without a good version
    /// to hold, served as built), by output path.
    pub(crate) broken: HashSet<Arc<str>>,
    /// Why the last build failed, when it did: the output is then the last good one.
    pub(crate) failure: Option<String>,
}

/// What a URL shows: the output file sent (or the not-found page) and its fingerprint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Shown {
    /// The output file whose bytes are sent.
    pub(crate) file: String,
    /// The fingerprint of the bytes (before the live-reload script is added).
    pub(crate) hash: u64,
    /// Whether it is the not-found page standing in for a missing file.
    pub(crate) missing: bool,
}

impl Generation {
    /// What `path` (an output path, `index.html` already added for folders) shows.
    pub(crate) fn shown(&self, path: &str) -> Shown {
        if let Some((_, hash)) = self.held.get(path) {
            return Shown {
                file: path.to_owned(),
                hash: *hash,
                missing: false,
            };
        }
        if let Some(&hash) = self.files.get(path) {
            return Shown {
                file: path.to_owned(),
                hash,
                missing: false,
            };
        }
        Shown {
            file: NOT_FOUND.to_owned(),
            hash: self.files.get(NOT_FOUND).copied().unwrap_or(0),
            missing: true,
        }
    }

    /// The findings the overlay of the page at `path` shows.
    pub(crate) fn findings_of(&self, path: &str) -> Arc<[Finding]> {
        self.findings
            .get(path)
            .cloned()
            .unwrap_or_else(|| Arc::from(Vec::new()))
    }
}

/// A page's source file and the include files it uses (site-relative paths).
pub(crate) type SourceFiles = (Arc<str>, Vec<Arc<str>>);

/// Each page's [`SourceFiles`], by output path.
pub(crate) type PageFiles = HashMap<Arc<str>, SourceFiles>;

/// The findings the overlay of a page shows: those of its own source file and of the
/// include files it uses (`files`), as `of_file` gives each file's.
pub(crate) fn page_findings<'d>(
    files: &SourceFiles,
    of_file: impl Fn(&str) -> &'d [Diagnostic],
) -> Vec<Finding> {
    let (source, includes) = files;
    std::iter::once(source)
        .chain(includes)
        .flat_map(|f| of_file(f))
        .map(Finding::of)
        .collect()
}

/// What one build changed, for the open tabs.
#[derive(Debug)]
pub(crate) struct Update {
    /// The state after the build.
    pub(crate) generation: Arc<Generation>,
    /// Output files other than HTML pages whose bytes changed, appeared or went away
    /// (stylesheets are swapped in place; a tab that uses another one reloads).
    pub(crate) assets: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    fn diagnostic(code: Code, file: &str) -> Diagnostic {
        Diagnostic::new(
            code,
            Some("es-es"),
            &Location::new(file.into(), 3, 4),
            "message",
        )
    }

    #[test]
    fn a_page_shows_its_own_findings_and_those_of_its_includes_only() {
        let page = |s: &str, i: Vec<&str>| -> SourceFiles {
            (Arc::from(s), i.into_iter().map(Arc::from).collect())
        };
        let diagnostics = [
            diagnostic(Code::FrontMatter, "content/es-es/a.md"),
            diagnostic(Code::BrokenLink, "content/es-es/includes/x.md"),
            diagnostic(Code::AnchorMismatch, "content/es-es/b.md"),
        ];
        let of_file = |file: &str| -> &[Diagnostic] {
            match diagnostics.iter().position(|d| &*d.file == file) {
                Some(i) => &diagnostics[i..i + 1],
                None => &[],
            }
        };
        let codes = |files| -> Vec<&str> {
            page_findings(&files, of_file)
                .iter()
                .map(|f| f.code)
                .collect()
        };
        let include = vec!["content/es-es/includes/x.md"];
        assert_eq!(
            codes(page("content/es-es/a.md", include.clone())),
            ["front-matter", "broken-link"]
        );
        assert_eq!(
            codes(page("content/es-es/b.md", include)),
            ["anchor-mismatch", "broken-link"]
        );
        assert!(codes(page("content/es-es/c.md", vec![])).is_empty());
    }

    #[test]
    fn a_missing_path_shows_the_not_found_page_and_a_held_page_its_last_good_bytes() {
        let mut generation = Generation::default();
        generation.files.insert(NOT_FOUND.into(), 7);
        generation.files.insert("a.html".into(), 8);
        assert_eq!(generation.shown("b.html").file, NOT_FOUND);
        assert!(generation.shown("b.html").missing);
        assert_eq!(generation.shown("a.html").hash, 8);
        generation.held.insert(
            "a.html".into(),
            (Arc::from(&b"old"[..]), fingerprint(b"old")),
        );
        assert_eq!(generation.shown("a.html").hash, fingerprint(b"old"));
    }
}
