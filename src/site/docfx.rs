//! `docfx.json`: which files of a docset are pages and which are resources, and which
//! versions (monikers) its files are for.
//!
//! Only `build.content` and `build.resource` (`files`, `exclude`, `src`, and a content
//! entry's `group` or `version`), `build.groups.<g>.moniker_range`,
//! `build.fileMetadata.monikerRange` / `exclude_monikers` and `build.xref` (other sites'
//! xref maps) matter to rosetta; the rest of the file belongs to DocFX and is left alone.
//! Globs ignore letter case, as on the Windows machines these repositories are written on;
//! `fileMetadata` globs are relative to the docset (the folder of docfx.json), and the last
//! one that matches a file wins.

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
    /// The moniker range of a content entry: its `version`, else its group's
    /// `moniker_range` (with the line where it is written).
    range: Option<(String, u32)>,
}

/// A moniker range docfx.json gives, and the line it is written on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ConfigRange {
    /// The range as written.
    pub(crate) range: String,
    /// 1-based line in docfx.json.
    pub(crate) line: u32,
}

/// What docfx.json says about the versions of its files.
#[derive(Debug, Default)]
pub(crate) struct DocsetVersions {
    /// `fileMetadata.monikerRange`: glob (relative to the docset), range; in order.
    file_ranges: Vec<(GlobSet, ConfigRange)>,
    /// `fileMetadata.exclude_monikers`: glob, the monikers it removes, line; in order.
    excludes: Vec<(GlobSet, Vec<String>, u32)>,
}

/// The content entry a page belongs to, when it has a moniker range (`group` or
/// `version`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ContentRange {
    /// Index of the entry in `build.content`.
    pub(crate) entry: usize,
    /// The entry's `src` folder, relative to the docset (empty: the docset itself).
    pub(crate) src: String,
    /// Its range.
    pub(crate) range: ConfigRange,
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
    /// The versions of its files.
    pub(crate) versions: DocsetVersions,
}

impl DocsetGlobs {
    /// The rules when a docset has no docfx.json: every `.md` is content.
    pub(crate) fn default_rules() -> Self {
        DocsetGlobs {
            content: vec![group("", &["**/*.md"], &[]).unwrap_or_else(|_| empty_group())],
            resource: Vec::new(),
            versions: DocsetVersions::default(),
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
        // `build.groups.<g>.moniker_range`.
        let group_range = |name: &str| -> Result<Option<(String, u32)>, ConfigError> {
            let Some(group) = build
                .and_then(|b| b.get("groups"))
                .and_then(|g| g.get(name))
            else {
                return Ok(None);
            };
            match group.get("moniker_range") {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(range)) => Ok(Some((
                    range.clone(),
                    line_of_path(text, &["groups", name, "moniker_range"]),
                ))),
                Some(_) => Err(type_error(text, "moniker_range", "a string")),
            }
        };
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
                    let range = match (entry.get("version"), entry.get("group")) {
                        (Some(Value::String(v)), _) if !v.trim().is_empty() => {
                            Some((v.clone(), line_of(text, "version")))
                        }
                        (_, Some(Value::String(g))) if key == "content" => group_range(g)?,
                        _ => None,
                    };
                    let files: Vec<&str> = files.iter().map(String::as_str).collect();
                    let exclude: Vec<&str> = exclude.iter().map(String::as_str).collect();
                    let mut g = group(src, &files, &exclude).map_err(|e| ConfigError {
                        line: line_of(text, key),
                        column: 1,
                        message: format!("docfx.json: {e}"),
                    })?;
                    g.range = range;
                    Ok(g)
                })
                .collect()
        };
        let content = groups("content")?;
        let resource = groups("resource")?;
        let versions = file_metadata_versions(text, build)?;
        Ok(DocsetGlobs {
            content,
            resource,
            versions,
        })
    }

    /// The content entry with a moniker range that a Markdown file (path relative to the
    /// docset) belongs to: the first entry whose globs match it.
    pub(crate) fn content_range(&self, docset_path: &str) -> Option<ContentRange> {
        let (entry, g) = self
            .content
            .iter()
            .enumerate()
            .find(|(_, g)| g.matches(docset_path))?;
        let (range, line) = g.range.clone()?;
        Some(ContentRange {
            entry,
            src: g.src.clone(),
            range: ConfigRange { range, line },
        })
    }

    /// The other content entries with a moniker range: (entry, src), for a page's twins in
    /// other groups.
    pub(crate) fn ranged_entries(&self) -> impl Iterator<Item = (usize, &str)> {
        self.content
            .iter()
            .enumerate()
            .filter(|(_, g)| g.range.is_some())
            .map(|(i, g)| (i, g.src.as_str()))
    }

    /// The range of each content entry that has one.
    pub(crate) fn content_ranges(&self) -> impl Iterator<Item = ConfigRange> + '_ {
        self.content.iter().filter_map(|g| {
            g.range
                .clone()
                .map(|(range, line)| ConfigRange { range, line })
        })
    }

    /// Whether content entry `entry` takes a file (path relative to the docset).
    pub(crate) fn entry_matches(&self, entry: usize, docset_path: &str) -> bool {
        self.content
            .get(entry)
            .is_some_and(|g| g.matches(docset_path))
    }
}

impl DocsetVersions {
    /// `fileMetadata.monikerRange` of a file (path relative to the docset): the last glob
    /// that matches.
    pub(crate) fn file_range(&self, docset_path: &str) -> Option<&ConfigRange> {
        self.file_ranges
            .iter()
            .rev()
            .find(|(glob, _)| glob.is_match(docset_path))
            .map(|(_, r)| r)
    }

    /// `fileMetadata.exclude_monikers` of a file: the monikers the last matching glob
    /// removes, and its line.
    pub(crate) fn excluded(&self, docset_path: &str) -> Option<(&[String], u32)> {
        self.excludes
            .iter()
            .rev()
            .find(|(glob, _, _)| glob.is_match(docset_path))
            .map(|(_, names, line)| (names.as_slice(), *line))
    }

    /// Every range written here (for the monikers in use).
    pub(crate) fn ranges(&self) -> impl Iterator<Item = &ConfigRange> {
        self.file_ranges.iter().map(|(_, r)| r)
    }

    /// Every moniker `exclude_monikers` names.
    pub(crate) fn excluded_names(&self) -> impl Iterator<Item = &str> {
        self.excludes
            .iter()
            .flat_map(|(_, names, _)| names.iter().map(String::as_str))
    }
}

/// `build.fileMetadata.monikerRange` and `exclude_monikers`.
fn file_metadata_versions(
    text: &str,
    build: Option<&Value>,
) -> Result<DocsetVersions, ConfigError> {
    let mut versions = DocsetVersions::default();
    let metadata = build.and_then(|b| b.get("fileMetadata"));
    let glob_of = |pattern: &str| {
        glob_set(&[pattern]).map_err(|e| ConfigError {
            line: line_of(text, pattern),
            column: 1,
            message: format!("docfx.json: {e}"),
        })
    };
    if let Some(ranges) = metadata.and_then(|m| m.get("monikerRange")) {
        let map = ranges
            .as_object()
            .ok_or_else(|| type_error(text, "monikerRange", "a map from glob to range"))?;
        for (pattern, range) in map {
            let range = range
                .as_str()
                .ok_or_else(|| type_error(text, pattern, "a moniker range (a string)"))?;
            let line = line_of_path(text, &["fileMetadata", "monikerRange", pattern]);
            versions.file_ranges.push((
                glob_of(pattern)?,
                ConfigRange {
                    range: range.to_owned(),
                    line,
                },
            ));
        }
    }
    if let Some(excludes) = metadata.and_then(|m| m.get("exclude_monikers")) {
        let map = excludes
            .as_object()
            .ok_or_else(|| type_error(text, "exclude_monikers", "a map from glob to monikers"))?;
        for (pattern, names) in map {
            let names = strings(Some(names))
                .ok_or_else(|| type_error(text, pattern, "a moniker or a list of monikers"))?;
            let line = line_of_path(text, &["fileMetadata", "exclude_monikers", pattern]);
            versions.excludes.push((glob_of(pattern)?, names, line));
        }
    }
    Ok(versions)
}

/// The line where the last of `keys` is written, each key looked for after the one before.
fn line_of_path(text: &str, keys: &[&str]) -> u32 {
    let mut at = 0;
    for key in keys {
        match text[at..].find(&format!("\"{key}\"")) {
            Some(found) => at += found,
            None => return keys.last().map_or(1, |k| line_of(text, k)),
        }
    }
    line_column(text, at).0
}

impl DocsetGlobs {
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
        range: None,
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
        src: match src.trim_start_matches("./").trim_matches('/') {
            "." => String::new(),
            src => src.to_owned(),
        },
        files: glob_set(files)?,
        exclude: glob_set(exclude)?,
        range: None,
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

    // The docfx.json of the Visual Studio documentation (vs2021 corpus), shortened.
    #[test]
    fn groups_and_file_metadata_give_moniker_ranges() {
        let text = r#"{ "build": {
            "content": [
              { "files": ["**/*.md"], "exclude": ["**/includes/**"], "src": "./vs-2015", "group": "vs-2015" },
              { "files": ["**/*.md"], "exclude": ["**/includes/**", "vs-2015/**"], "src": "./", "group": "vs-2017-2019" }
            ],
            "fileMetadata": {
              "monikerRange": { "rtvs/**/**.md": "vs-2017", "rtvs/old/*.md": "vs-2015" },
              "exclude_monikers": { "vs-2015/**/*.md": ["vs-2015"], "x/*.md": "vs-2019" }
            },
            "groups": {
              "vs-2015": { "dest": "a", "moniker_range": "vs-2015" },
              "vs-2017-2019": { "dest": "b", "moniker_range": ">= vs-2017" }
            } } }"#;
        let g = DocsetGlobs::parse(text).expect("valid");
        let old = g.content_range("vs-2015/python/a.md").expect("in a group");
        assert_eq!((old.entry, old.src.as_str()), (0, "vs-2015"));
        assert_eq!(old.range.range, "vs-2015");
        assert_eq!(old.range.line, 11);
        let new = g.content_range("python/a.md").expect("in a group");
        assert_eq!(
            (new.entry, new.src.as_str(), new.range.range.as_str()),
            (1, "", ">= vs-2017")
        );
        assert_eq!(new.range.line, 12);
        assert!(g.entry_matches(0, "vs-2015/python/a.md"));
        assert!(!g.entry_matches(1, "vs-2015/python/a.md"));
        let v = &g.versions;
        assert_eq!(
            v.file_range("rtvs/a/b.md").map(|r| r.range.as_str()),
            Some("vs-2017")
        );
        assert_eq!(
            v.file_range("rtvs/old/b.md")
                .map(|r| (r.range.as_str(), r.line)),
            Some(("vs-2015", 7))
        );
        assert_eq!(v.file_range("python/a.md"), None);
        assert_eq!(v.excluded("x/a.md"), Some((&["vs-2019".to_owned()][..], 8)));
        let plain = DocsetGlobs::parse(DOCFX).expect("valid");
        assert_eq!(plain.content_range("a.md"), None);
        let err = DocsetGlobs::parse(r#"{"build":{"fileMetadata":{"monikerRange":{"a/*.md":3}}}}"#)
            .expect_err("not a string");
        assert!(err.message.contains("a/*.md"), "{}", err.message);
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
