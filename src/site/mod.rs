//! The discover stage: the site on disk, its configuration, locales and files.

pub(crate) mod config;
pub(crate) mod docfx;
pub(crate) mod pairing;
pub(crate) mod paths;
pub(crate) mod redirects;
pub(crate) mod resolve;
pub(crate) mod shard;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::error::Error;
use config::Config;
use docfx::DocsetGlobs;
use paths::{FileIndex, FileKind};
use redirects::Redirects;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A site: its root, configuration and locales.
#[derive(Debug)]
pub(crate) struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// In `locales` order (configured, else sorted folder names).
    pub locales: Vec<Locale>,
    /// The redirections of moved pages.
    pub redirects: Redirects,
}

/// One locale folder, `content/<name>/`, and what it holds.
#[derive(Debug)]
pub(crate) struct Locale {
    pub name: String,
    /// The locale's folder on disk.
    pub dir: PathBuf,
    /// The locale's folder relative to the site root, `/` separators (`content/zh-tw`): how
    /// findings name its files.
    pub site_dir: String,
    pub files: FileIndex,
    /// Page paths relative to the locale root, sorted.
    pub pages: Vec<String>,
    /// Every Markdown file that may be read: pages, includes and other `.md`, sorted.
    pub markdown: Vec<String>,
    /// `TOC.md` / `toc.yml` paths, sorted.
    pub tocs: Vec<String>,
    /// Files the resource globs name, sorted.
    pub resources: Vec<String>,
    /// Folders that hold a docfx.json (docset roots), relative to the locale root.
    pub docsets: Vec<String>,
    /// Each docset's docfx.json rules, by folder.
    pub docfx: BTreeMap<String, DocsetGlobs>,
    /// Pivot definitions (`zone-pivot-groups.yml`), sorted.
    pub pivot_definitions: Vec<String>,
    /// The xref maps the locale's docfx.json files name (`build.xref`), in path order.
    pub xref_maps: Vec<docfx::XrefName>,
}

impl Locale {
    /// A locale of the given files only, as unit tests build it (no folder is walked).
    #[cfg(test)]
    pub(crate) fn in_memory(name: &str, dir: PathBuf, site_dir: String, files: FileIndex) -> Self {
        Locale {
            name: name.to_owned(),
            dir,
            site_dir,
            files,
            pages: Vec::new(),
            markdown: Vec::new(),
            tocs: Vec::new(),
            resources: Vec::new(),
            docsets: vec![String::new()],
            docfx: BTreeMap::new(),
            pivot_definitions: Vec::new(),
            xref_maps: Vec::new(),
        }
    }

    /// The path of a locale file relative to the site root, as findings name it.
    pub(crate) fn site_path(&self, path: &str) -> Arc<str> {
        if path.is_empty() {
            return self.site_dir.as_str().into();
        }
        format!("{}/{path}", self.site_dir).into()
    }

    /// The locale-relative path of a file named relative to the site root, if it is in this
    /// locale.
    pub(crate) fn relative<'p>(&self, site_path: &'p str) -> Option<&'p str> {
        site_path
            .strip_prefix(self.site_dir.as_str())?
            .strip_prefix('/')
    }

    /// The docfx.json rules that apply to a file (the nearest docfx.json up the tree) and
    /// the file's path relative to that docset.
    pub(crate) fn docfx_of<'p>(&self, path: &'p str) -> Option<(&DocsetGlobs, &'p str)> {
        let docset = self.docset_of(path);
        let rules = self.docfx.get(docset)?;
        let rel = if docset.is_empty() {
            path
        } else {
            path.get(docset.len() + 1..)?
        };
        Some((rules, rel))
    }

    /// The docset folder a file belongs to (nearest docfx.json up the tree, else the locale
    /// root), for `~/` references.
    pub(crate) fn docset_of(&self, path: &str) -> &str {
        self.docsets
            .iter()
            .filter(|d| {
                d.is_empty()
                    || path
                        .strip_prefix(d.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .max_by_key(|d| d.len())
            .map_or("", String::as_str)
    }
}

/// Whether a locale is written right to left.
pub(crate) fn is_rtl(locale: &str) -> bool {
    let lang = locale.split(['-', '_']).next().unwrap_or("");
    matches!(
        lang,
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "ug" | "ckb" | "sd"
    )
}

impl Site {
    /// Finds the site at `root`: reads rosetta.yaml and walks `content/<locale>/`. The
    /// findings of discovery (bad docfx.json, unreadable folders) go to `findings`.
    pub(crate) fn discover(root: &Path, findings: &mut Vec<Diagnostic>) -> Result<Site, Error> {
        if !root.is_dir() {
            return Err(Error::Usage(format!(
                "site folder `{}` does not exist",
                root.display()
            )));
        }
        let config = Config::load(root)?;
        let content = root.join("content");
        // Each locale: its name and its folder relative to the site root.
        let folders: Vec<(String, String)> = match &config.locales {
            Some(list) => list
                .0
                .iter()
                .map(|e| {
                    let folder = match &e.folder {
                        Some(f) => f.replace('\\', "/").trim_end_matches('/').to_owned(),
                        None => content_dir(&e.name),
                    };
                    (e.name.clone(), folder)
                })
                .collect(),
            None => {
                if !content.is_dir() {
                    return Err(Error::Usage(format!(
                        "`{}` has no content/ folder: a site keeps its pages in content/<locale>/ (or names each locale's folder under `locales:` in rosetta.yaml)",
                        root.display()
                    )));
                }
                locale_folders(&content)?
                    .into_iter()
                    .map(|name| {
                        let folder = content_dir(&name);
                        (name, folder)
                    })
                    .collect()
            }
        };
        if folders.is_empty() {
            return Err(Error::Usage(format!(
                "`{}` has no locale folders",
                content.display()
            )));
        }
        let names: Vec<&str> = folders.iter().map(|(name, _)| name.as_str()).collect();
        config.check_locale_names(root, &names)?;
        for (name, folder) in &folders {
            if !root.join(folder).is_dir() {
                return Err(Error::Config {
                    file: "rosetta.yaml".into(),
                    line: 1,
                    column: 1,
                    message: format!("locale `{name}` has no folder {folder}/"),
                });
            }
        }
        let locales: Vec<Locale> = folders
            .into_iter()
            .map(|(name, folder)| walk_locale(&name, &root.join(&folder), folder, findings))
            .collect();
        let redirects = Redirects::load(root, &locales, findings);
        Ok(Site {
            root: root.to_path_buf(),
            config,
            locales,
            redirects,
        })
    }

    /// The locale others are compared with: `reference_locale`, else `source_locale`, else
    /// the first locale.
    pub(crate) fn reference_locale(&self) -> &str {
        self.config
            .reference_locale
            .as_deref()
            .or(self.config.source_locale.as_deref())
            .or_else(|| self.locales.first().map(|l| l.name.as_str()))
            .unwrap_or("")
    }

    /// The index of the reference locale.
    pub(crate) fn reference_index(&self) -> usize {
        let name = self.reference_locale();
        self.locales
            .iter()
            .position(|l| l.name == name)
            .unwrap_or(0)
    }

    /// The index of the source locale, when the site has one.
    pub(crate) fn source_index(&self) -> Option<usize> {
        let name = self.config.source_locale.as_deref()?;
        self.locales.iter().position(|l| l.name == name)
    }

    /// Pages per locale.
    pub(crate) fn page_counts(&self) -> BTreeMap<String, usize> {
        self.locales
            .iter()
            .map(|l| (l.name.clone(), l.pages.len()))
            .collect()
    }
}

/// A locale's folder under `content/`, relative to the site root: the one place that names it.
fn content_dir(locale: &str) -> String {
    format!("content/{}", locale)
}

fn locale_folders(content: &Path) -> Result<Vec<String>, Error> {
    let entries = std::fs::read_dir(content)
        .map_err(|e| Error::Io(format!("cannot read {}: {e}", content.display())))?;
    // `path().is_dir()` follows symbolic links: a locale may be a link to a repository
    // checked out elsewhere.
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && !n.starts_with('_'))
        .collect();
    names.sort();
    Ok(names)
}

/// A file or folder found under a locale root.
struct Entry {
    path: String,
    is_dir: bool,
}

fn walk_locale(name: &str, dir: &Path, site_dir: String, findings: &mut Vec<Diagnostic>) -> Locale {
    let mut locale = Locale {
        name: name.to_owned(),
        dir: dir.to_path_buf(),
        site_dir,
        files: FileIndex::default(),
        pages: Vec::new(),
        markdown: Vec::new(),
        tocs: Vec::new(),
        resources: Vec::new(),
        docsets: Vec::new(),
        docfx: BTreeMap::new(),
        pivot_definitions: Vec::new(),
        xref_maps: Vec::new(),
    };
    let canonical_root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut entries = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let rel = err
                    .path()
                    .and_then(|p| p.strip_prefix(dir).ok())
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let at = Location::file_start(locale.site_path(&rel));
                findings.push(Diagnostic::new(
                    Code::Io,
                    Some(name),
                    &at,
                    format!("cannot read: {err}"),
                ));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let Some(rel) = rel.to_str().map(|s| s.replace('\\', "/")) else {
            let at = Location::file_start(locale.site_path(&rel.to_string_lossy()));
            findings.push(Diagnostic::new(
                Code::Io,
                Some(name),
                &at,
                "file name is not valid UTF-8; the file is skipped",
            ));
            continue;
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            entries.push(Entry {
                path: rel,
                is_dir: true,
            });
        } else if file_type.is_file()
            || (file_type.is_symlink() && symlink_to_file_inside(entry.path(), &canonical_root))
        {
            entries.push(Entry {
                path: rel,
                is_dir: false,
            });
        }
        // FIFOs, sockets, devices and links out of the locale are never opened.
    }
    classify_entries(&mut locale, entries, findings);
    locale
}

/// Whether a YAML file is a page (`### YamlMime:Landing`, `Hub`, or `YamlDocument` with
/// `documentType: LandingData`), from its first few kilobytes.
fn is_yaml_page(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let head = String::from_utf8_lossy(&head);
    crate::dfm::yaml_page::page_kind(head.trim_start_matches('\u{feff}')).is_some()
}

/// A symbolic link counts as a file only when it points at a regular file inside the locale.
fn symlink_to_file_inside(path: &Path, canonical_root: &Path) -> bool {
    match (std::fs::metadata(path), path.canonicalize()) {
        (Ok(meta), Ok(target)) => meta.is_file() && target.starts_with(canonical_root),
        _ => false,
    }
}

fn classify_entries(locale: &mut Locale, entries: Vec<Entry>, findings: &mut Vec<Diagnostic>) {
    let name = locale.name.as_str();
    // Docsets first: the rules of the nearest docfx.json apply below it.
    let mut rules: BTreeMap<String, DocsetGlobs> = BTreeMap::new();
    for e in entries.iter().filter(|e| !e.is_dir) {
        let folder = paths::parent(&e.path);
        let file = &e.path[folder.len()..].trim_start_matches('/');
        if !file.eq_ignore_ascii_case("docfx.json") {
            continue;
        }
        let site_path = locale.site_path(&e.path);
        let globs = match std::fs::read_to_string(locale.dir.join(&e.path)) {
            Ok(text) => match DocsetGlobs::parse(&text) {
                Ok(globs) => {
                    match docfx::xref_names(&text) {
                        Ok(names) => {
                            locale
                                .xref_maps
                                .extend(names.into_iter().map(|(name, line)| docfx::XrefName {
                                    file: e.path.clone(),
                                    name,
                                    line,
                                }))
                        }
                        Err(err) => {
                            let at = Location::new(site_path.clone(), err.line, err.column);
                            findings.push(Diagnostic::new(
                                Code::Config,
                                Some(name),
                                &at,
                                err.message,
                            ));
                        }
                    }
                    globs
                }
                Err(err) => {
                    let at = Location::new(site_path.clone(), err.line, err.column);
                    findings.push(Diagnostic::new(Code::Config, Some(name), &at, err.message));
                    DocsetGlobs::default_rules()
                }
            },
            Err(err) => {
                let at = Location::file_start(site_path);
                findings.push(Diagnostic::new(
                    Code::Io,
                    Some(name),
                    &at,
                    format!("cannot read docfx.json: {err}"),
                ));
                DocsetGlobs::default_rules()
            }
        };
        rules.insert(folder.to_owned(), globs);
    }
    let default_rules = DocsetGlobs::default_rules();
    let rules_for = |path: &str| -> (&DocsetGlobs, usize) {
        let mut folder = paths::parent(path);
        loop {
            if let Some(r) = rules.get(folder) {
                let skip = if folder.is_empty() {
                    0
                } else {
                    folder.len() + 1
                };
                return (r, skip);
            }
            if folder.is_empty() {
                return (&default_rules, 0);
            }
            folder = paths::parent(folder);
        }
    };

    locale.docsets = rules.keys().cloned().collect();
    for e in entries {
        if e.is_dir {
            locale.files.insert(e.path, FileKind::Folder);
            continue;
        }
        let file = e.path.rsplit('/').next().unwrap_or(&e.path);
        let lower = file.to_ascii_lowercase();
        let (globs, skip) = rules_for(&e.path);
        let in_docset = &e.path[skip..];
        let kind = if lower == "toc.md" || lower == "toc.yml" || lower == "toc.yaml" {
            FileKind::Toc
        } else if lower.ends_with(".md") {
            let in_includes = e
                .path
                .split('/')
                .rev()
                .skip(1)
                .any(|p| p.eq_ignore_ascii_case("includes"));
            if !in_includes && globs.is_content(in_docset) {
                FileKind::Page
            } else {
                FileKind::Markdown
            }
        } else if lower == "docfx.json" {
            FileKind::Other
        } else if (lower.ends_with(".yml") || lower.ends_with(".yaml"))
            && globs.is_content(in_docset)
            && is_yaml_page(&locale.dir.join(&e.path))
        {
            // A Landing, Hub or LandingData file named by the content globs is a page.
            FileKind::Page
        } else if globs.is_resource(in_docset) {
            FileKind::Resource
        } else {
            FileKind::Other
        };
        if lower == crate::dfm::pivot_groups::FILE_NAME {
            locale.pivot_definitions.push(e.path.clone());
        }
        match kind {
            FileKind::Page => {
                locale.pages.push(e.path.clone());
                locale.markdown.push(e.path.clone());
            }
            FileKind::Markdown => locale.markdown.push(e.path.clone()),
            FileKind::Toc => locale.tocs.push(e.path.clone()),
            FileKind::Resource => locale.resources.push(e.path.clone()),
            FileKind::Other | FileKind::Folder => {}
        }
        locale.files.insert(e.path, kind);
    }
    locale.docfx = rules;
}
