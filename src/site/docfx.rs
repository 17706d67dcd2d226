//! `docfx.json`: which files of a docset are pages and which are resources.
//!
//! Only `build.content` and `build.resource` (`files`, `exclude`, `src`) and `build.xref`
//! (other sites' xref maps) matter to rosetta; the rest of the file belongs to DocFX and is
//! left alone. Globs ignore letter case, as on
//! the Windows machines these repositories are written on.

use super::config::ConfigError;
use crate::diagnostic::line_column;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde_json::Value;

/// An xref map a docfx.json names in `build.xref`: a path relative to the docfx.json's
/// folder, or a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct XrefName {
    /// The docfx.json, locale-relative.
    pub(crate) file: String,
    /// The entry as written.
    pub(crate) name: String,
    /// The line it is written on.
    pub(crate) line: u32,
}

/// The entries of `build.xref` (a string or a list of strings) with their lines.
pub(crate) fn xref_names(text: &str) -> Result<Vec<(String, u32)>, ConfigError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ConfigError {
        line: e.line() as u32,
        column: e.column() as u32,
        message: format!("docfx.json is not valid JSON: {e}"),
    })?;
    let names = strings(value.get("build").and_then(|b| b.get("xref")))
        .ok_or_else(|| type_error(text, "xref", "a string or an array of strings"))?;
    let mut from = text.find("\"xref\"").unwrap_or(0);
    Ok(names
        .into_iter()
        .filter(|n| !n.trim().is_empty())
        .map(|name| {
            let quoted = serde_json::to_string(&name).unwrap_or_default();
            let at = text[from..].find(&quoted).map_or(from, |i| from + i);
            from = at;
            (name, line_column(text, at).0)
        })
        .collect())
}

/// One `files`/`exclude` group of `build.content` or `build.resource`.
#[derive(Debug)]
struct FileGroup {
    /// Folder the globs are relative to, relative to the docset (from `src`), no trailing `/`.
    src: String,
    files: GlobSet,
    exclude: GlobSet,
}

impl FileGroup {
    fn matches(&self, docset_path: &str) -> bool {
        let rel = if self.src.is_empty() {
            docset_path
        } else {
            match docset_path
                .strip_prefix(&self.src)
                .and_then(|r| r.strip_prefix('/'))
            {
                Some(rel) => rel,
                None => return false,
            }
        };
        self.files.is_match(rel) && !self.exclude.is_match(rel)
    }
}

/// The file rules of one docset.
#[derive(Debug)]
pub(crate) struct DocsetGlobs {
    content: Vec<FileGroup>,
    resource: Vec<FileGroup>,
}

impl DocsetGlobs {
    /// The rules when a docset has no docfx.json: every `.md` is content.
    pub(crate) fn default_rules() -> Self {
        DocsetGlobs {
            content: vec![group("", &["**/*.md"], &[]).unwrap_or_else(|_| empty_group())],
            resource: Vec::new(),
        }
    }

    /// Parses the text of a docfx.json.
    pub(crate) fn parse(text: &str) -> Result<Self, ConfigError> {
        let value: Value = serde_json::from_str(text).map_err(|e| ConfigError {
            line: e.line() as u32,
            column: e.column() as u32,
            message: format!("docfx.json is not valid JSON: {e}"),
        })?;
        let build = value.get("build");
        let groups = |key: &str| -> Result<Vec<FileGroup>, ConfigError> {
            let Some(entries) = build.and_then(|b| b.get(key)) else {
                return Ok(Vec::new());
            };
            let entries = entries
                .as_array()
                .ok_or_else(|| type_error(text, key, "an array"))?;
            entries
                .iter()
                .map(|entry| {
                    let files = strings(entry.get("files")).ok_or_else(|| {
                        type_error(text, "files", "a string or an array of strings")
                    })?;
                    let exclude = strings(entry.get("exclude")).ok_or_else(|| {
                        type_error(text, "exclude", "a string or an array of strings")
                    })?;
                    let src = match entry.get("src") {
                        None | Some(Value::Null) => "",
                        Some(Value::String(s)) => s.as_str(),
                        Some(_) => return Err(type_error(text, "src", "a string")),
                    };
                    let files: Vec<&str> = files.iter().map(String::as_str).collect();
                    let exclude: Vec<&str> = exclude.iter().map(String::as_str).collect();
                    group(src, &files, &exclude).map_err(|e| ConfigError {
                        line: line_of(text, key),
                        column: 1,
                        message: format!("docfx.json: {e}"),
                    })
                })
                .collect()
        };
        let content = groups("content")?;
        let resource = groups("resource")?;
        Ok(DocsetGlobs { content, resource })
    }

    /// Whether a Markdown file (path relative to the docset) is a page.
    pub(crate) fn is_content(&self, docset_path: &str) -> bool {
        self.content.iter().any(|g| g.matches(docset_path))
    }

    /// Whether a file (path relative to the docset) is a resource to copy. Without resource
    /// rules every file that is not Markdown is one, as in mdBook.
    pub(crate) fn is_resource(&self, docset_path: &str) -> bool {
        if self.resource.is_empty() {
            return true;
        }
        self.resource.iter().any(|g| g.matches(docset_path))
    }
}

fn empty_group() -> FileGroup {
    FileGroup {
        src: String::new(),
        files: GlobSet::empty(),
        exclude: GlobSet::empty(),
    }
}

fn strings(value: Option<&Value>) -> Option<Vec<String>> {
    match value {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::String(s)) => Some(vec![s.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(_) => None,
    }
}

fn type_error(text: &str, key: &str, expected: &str) -> ConfigError {
    ConfigError {
        line: line_of(text, key),
        column: 1,
        message: format!("docfx.json: `{key}` must be {expected}"),
    }
}

/// The line where `"key"` is first written.
fn line_of(text: &str, key: &str) -> u32 {
    let quoted = format!("\"{key}\"");
    text.find(&quoted).map_or(1, |at| line_column(text, at).0)
}

fn group(src: &str, files: &[&str], exclude: &[&str]) -> Result<FileGroup, globset::Error> {
    Ok(FileGroup {
        src: src.trim_start_matches("./").trim_matches('/').to_owned(),
        files: glob_set(files)?,
        exclude: glob_set(exclude)?,
    })
}

/// A set of DocFX globs: `*` stays within a folder, `**` crosses folders, letter case ignored.
pub(crate) fn glob_set(patterns: &[&str]) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(docfx_glob(p)?);
    }
    builder.build()
}

fn docfx_glob(pattern: &str) -> Result<Glob, globset::Error> {
    let pattern = pattern.trim().trim_start_matches("./");
    GlobBuilder::new(pattern)
        .case_insensitive(true)
        .literal_separator(true)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCFX: &str = r#"{ "build": {
        "content": [{ "files": ["**/*.md"], "exclude": ["**/obj/**", "**/includes/**", "**/old-TOC.md"] }],
        "resource": [{ "files": ["**/images/**", "**/*.png"], "exclude": ["_themes/**"] }],
        "dest": "x", "globalMetadata": { "a": 1 } } }"#;

    #[test]
    fn content_and_resource_globs_ignore_letter_case() {
        let g = DocsetGlobs::parse(DOCFX).expect("valid");
        assert!(g.is_content("a.md"));
        assert!(g.is_content("deep/er/A.MD"));
        assert!(!g.is_content("includes/x.md"));
        assert!(!g.is_content("sub/OLD-toc.md"));
        assert!(g.is_resource("media/A.PNG"));
        assert!(g.is_resource("images/x.svg"));
        assert!(!g.is_resource("_themes/a.png"));
        assert!(!g.is_resource("LICENSE"));
    }

    #[test]
    fn src_folders_scope_their_globs() {
        let g = DocsetGlobs::parse(r#"{"build":{"content":[{"files":"*.md","src":"articles"}]}}"#)
            .expect("valid");
        assert!(g.is_content("articles/a.md"));
        assert!(!g.is_content("a.md"));
        assert!(!g.is_content("articles/sub/a.md"));
    }

    #[test]
    fn xref_maps_are_named_with_their_lines() {
        let text = "{\"build\": {\n  \"xref\": [\n    \"https://learn.microsoft.com/en-us/dotnet/.xrefmap.json\",\n    \"../api/xrefmap.yml\", \"\"\n  ]\n}}";
        let names = xref_names(text).expect("valid");
        assert_eq!(
            names,
            [
                (
                    "https://learn.microsoft.com/en-us/dotnet/.xrefmap.json".to_owned(),
                    3
                ),
                ("../api/xrefmap.yml".to_owned(), 4)
            ]
        );
        assert_eq!(
            xref_names("{\"build\": {\"xref\": \"a.yml\"}}").expect("valid"),
            [("a.yml".to_owned(), 1)]
        );
        assert!(xref_names("{\"build\": {}}").expect("valid").is_empty());
        assert!(xref_names("{\"build\": {\"xref\": 3}}").is_err());
    }

    #[test]
    fn invalid_json_and_wrong_types_are_errors() {
        let err = DocsetGlobs::parse("{\n \"build\": [,\n}").expect_err("invalid");
        assert_eq!(err.line, 2);
        let err =
            DocsetGlobs::parse("{\"build\":{\n\"content\":[{\"files\": 3}]}}").expect_err("type");
        assert!(err.message.contains("`files`"));
    }
}
