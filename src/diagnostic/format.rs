//! The output formats of findings (README, "Checking in CI"): `human` (rustc-style, on stderr), `json`,
//! `sarif` (2.1.0, for code scanning) and `github` (workflow commands that annotate a pull
//! request).

mod github;
mod human;
mod json;
mod sarif;

pub use github::github;
pub use human::human;
pub use json::json;
pub use sarif::sarif;

use super::{Counts, Diagnostic};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Component, Path};

/// The formats `--format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style text: `file:line:col`, the source line, a caret and a help line.
    Human,
    /// One JSON document: `{version, diagnostics, summary}`.
    Json,
    /// SARIF 2.1.0, one rule per code (for code-scanning uploads).
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    Github,
}

/// What a report says besides the findings.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Error-severity findings.
    pub errors: usize,
    /// Warning-severity findings.
    pub warnings: usize,
    /// Pages per locale.
    pub pages: BTreeMap<String, usize>,
}

impl Summary {
    /// The summary of `diagnostics` for a site with these pages per locale.
    pub fn new(diagnostics: &[Diagnostic], pages: BTreeMap<String, usize>) -> Summary {
        let Counts { errors, warnings } = Counts::of(diagnostics);
        Summary {
            errors,
            warnings,
            pages,
        }
    }
}

/// Where the site is seen from the current directory: the prefix that turns a
/// site-relative path (as findings name files) into one relative to the current directory,
/// so that CI annotations attach when SITE is a subfolder. Empty when SITE is the current
/// directory; an absolute path when the site lies outside it.
pub fn site_base(site: &Path, cwd: &Path) -> String {
    if let (Ok(site_abs), Ok(cwd_abs)) = (site.canonicalize(), cwd.canonicalize())
        && let Ok(rel) = site_abs.strip_prefix(&cwd_abs)
    {
        return slash_path(rel);
    }
    slash_path(site)
}

/// A path with `/` separators and without `.` components.
fn slash_path(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for c in path.components() {
        match c {
            Component::RootDir => absolute = true,
            Component::CurDir | Component::Prefix(_) => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// A site-relative file seen from the current directory (see [`site_base`]).
pub fn from_base(base: &str, file: &str) -> String {
    if base.is_empty() {
        file.to_owned()
    } else {
        format!("{}/{file}", base.trim_end_matches('/'))
    }
}

/// A `broken-link` error at line 3 of `content/zh-tw/a.md`, column `column`, for the
/// formats' tests.
#[cfg(test)]
pub(crate) fn test_finding(line_text: &str, column: u32) -> Diagnostic {
    let at = super::Location::new("content/zh-tw/a.md".into(), 3, column);
    Diagnostic::new(
        super::Code::BrokenLink,
        Some("zh-tw"),
        &at,
        "link target `x.md` does not exist",
    )
    .with_line_text(Some(line_text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_seen_from_the_current_directory() {
        let cwd = std::env::current_dir().unwrap_or_default();
        assert_eq!(site_base(Path::new("."), &cwd), "");
        assert_eq!(site_base(Path::new("./src/"), &cwd), "src");
        assert_eq!(site_base(&cwd.join("src"), &cwd), "src");
        assert_eq!(site_base(Path::new("../elsewhere"), &cwd), "../elsewhere");
        assert_eq!(from_base("docs", "content/a.md"), "docs/content/a.md");
        assert_eq!(from_base("", "content/a.md"), "content/a.md");
    }
}
