//! What the server shows after a build: every output file's fingerprint, the pages held at
//! their last good version, and each page's findings. A [`Generation`] is immutable once
//! published; the builder publishes a new one after every build.

use crate::diagnostic::{Code, Diagnostic};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hasher};
use std::sync::Arc;

/// The page every missing path gets (status 404).
pub(crate) const NOT_FOUND: &str = "404.html";

/// The fingerprint of some bytes: equal bytes, equal fingerprints (within one process).
pub(crate) fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// One output file as the builder last saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileMark {
    /// Device and inode: a file hard-linked from the previous output keeps them, and then
    /// its bytes are the same.
    pub(crate) id: (u64, u64),
    /// The fingerprint of its bytes.
    pub(crate) hash: u64,
}

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
    /// Every file of the output folder, by its path relative to it (`/` separators).
    pub(crate) files: HashMap<String, FileMark>,
    /// Pages served at their last good version instead of the output's, with the bytes'
    /// fingerprint.
    pub(crate) held: HashMap<String, (Arc<[u8]>, u64)>,
    /// Each page's source (site-relative, as findings name it), by output path.
    pub(crate) sources: HashMap<String, Arc<str>>,
    /// The findings each page's overlay shows (its own file's and its includes'), by output
    /// path; pages without findings are absent.
    pub(crate) findings: HashMap<String, Arc<[Finding]>>,
    /// Pages whose source has a finding that breaks them (held or, without a good version
    /// to hold, served as built), by output path.
    pub(crate) broken: HashSet<String>,
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
        if let Some(mark) = self.files.get(path) {
            return Shown {
                file: path.to_owned(),
                hash: mark.hash,
                missing: false,
            };
        }
        Shown {
            file: NOT_FOUND.to_owned(),
            hash: self.files.get(NOT_FOUND).map_or(0, |m| m.hash),
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

/// Sorts each page's findings out of a build's: those of its own source file, and those of
/// the include files it uses (whose `related` entries name the page, see
/// `markdown/include.rs`). A finding in a file that is not a page source is shown on the
/// pages its `related` entries name.
pub(crate) fn page_findings(
    diagnostics: &[Diagnostic],
    sources: &HashMap<String, Arc<str>>,
) -> HashMap<String, Arc<[Finding]>> {
    let mut outputs_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (output, source) in sources {
        outputs_of.entry(source).or_default().push(output);
    }
    let mut by_output: HashMap<String, Vec<Finding>> = HashMap::new();
    for d in diagnostics {
        let pages: HashSet<&str> = if outputs_of.contains_key(&*d.file) {
            HashSet::from([&*d.file])
        } else {
            d.related
                .iter()
                .map(|r| &*r.file)
                .filter(|f| outputs_of.contains_key(f))
                .collect()
        };
        for page in pages {
            for output in outputs_of.get(page).into_iter().flatten() {
                by_output
                    .entry((*output).to_owned())
                    .or_default()
                    .push(Finding::of(d));
            }
        }
    }
    by_output
        .into_iter()
        .map(|(output, list)| (output, Arc::from(list)))
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
    use crate::diagnostic::{Location, Related};

    fn diagnostic(code: Code, file: &str, related: &[&str]) -> Diagnostic {
        let mut d = Diagnostic::new(
            code,
            Some("es-es"),
            &Location::new(file.into(), 3, 4),
            "message",
        );
        for r in related {
            d.related
                .push(Related::new(&Location::new((*r).into(), 1, 1), "included"));
        }
        d
    }

    #[test]
    fn a_page_shows_its_own_findings_and_those_of_its_includes_only() {
        let sources: HashMap<String, Arc<str>> = [
            ("es-es/a.html", "content/es-es/a.md"),
            ("es-es/b.html", "content/es-es/b.md"),
        ]
        .into_iter()
        .map(|(o, s)| (o.to_owned(), Arc::from(s)))
        .collect();
        let diagnostics = vec![
            diagnostic(Code::FrontMatter, "content/es-es/a.md", &[]),
            diagnostic(
                Code::BrokenLink,
                "content/es-es/includes/x.md",
                &["content/es-es/a.md", "content/es-es/b.md"],
            ),
            // A parity finding on b names a in `related`: it is b's, not a's.
            diagnostic(
                Code::AnchorMismatch,
                "content/es-es/b.md",
                &["content/es-es/a.md"],
            ),
        ];
        let findings = page_findings(&diagnostics, &sources);
        let codes = |page: &str| -> Vec<&str> {
            findings
                .get(page)
                .map(|list| list.iter().map(|f| f.code).collect())
                .unwrap_or_default()
        };
        assert_eq!(codes("es-es/a.html"), ["front-matter", "broken-link"]);
        assert_eq!(codes("es-es/b.html"), ["broken-link", "anchor-mismatch"]);
        assert_eq!(
            findings["es-es/b.html"][0].file,
            "content/es-es/includes/x.md"
        );
    }

    #[test]
    fn a_missing_path_shows_the_not_found_page_and_a_held_page_its_last_good_bytes() {
        let mut generation = Generation::default();
        generation.files.insert(
            NOT_FOUND.into(),
            FileMark {
                id: (1, 1),
                hash: 7,
            },
        );
        generation.files.insert(
            "a.html".into(),
            FileMark {
                id: (1, 2),
                hash: 8,
            },
        );
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
