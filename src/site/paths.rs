//! Paths inside a locale: the index of its files (with letter-case-insensitive lookup, for
//! Windows-authored links) and the resolution of relative references.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::collections::HashMap;

/// What a file of a locale is to rosetta.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// An article: built to `<path>.html`.
    Page,
    /// Markdown that is not a page (includes, excluded files): never built on its own.
    Markdown,
    /// A `TOC.md`, `toc.yml` or `toc.yaml`.
    Toc,
    /// Named by the docset's resource globs: copied.
    Resource,
    /// Any other file: copied only when referenced.
    Other,
    /// A folder.
    Folder,
}

/// Every file and folder of one locale, by path relative to the locale root.
#[derive(Debug, Default)]
pub(crate) struct FileIndex {
    exact: HashMap<String, FileKind>,
    /// Lower-cased path → the real path (the first in sorted order when several differ only
    /// in letter case).
    folded: HashMap<String, String>,
}

/// The result of looking a reference up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// The file exists; `case_fixed` when only under another letter case.
    Found {
        path: String,
        kind: FileKind,
        case_fixed: bool,
    },
    /// Nothing there under any letter case (`path` is the normalised path).
    Missing { path: String },
}

impl FileIndex {
    /// Adds a path; paths should come in sorted order so that case folding is stable.
    pub(crate) fn insert(&mut self, path: String, kind: FileKind) {
        self.folded
            .entry(path.to_lowercase())
            .or_insert_with(|| path.clone());
        self.exact.insert(path, kind);
    }

    /// What the file at exactly `path` is.
    pub(crate) fn kind(&self, path: &str) -> Option<FileKind> {
        self.exact.get(path).copied()
    }

    /// Looks up a normalised path, exact first, then ignoring letter case.
    pub(crate) fn find(&self, path: &str) -> Lookup {
        if let Some(kind) = self.kind(path) {
            return Lookup::Found {
                path: path.to_owned(),
                kind,
                case_fixed: false,
            };
        }
        match self.folded.get(&path.to_lowercase()) {
            Some(real) => Lookup::Found {
                path: real.clone(),
                kind: self.exact.get(real).copied().unwrap_or(FileKind::Other),
                case_fixed: true,
            },
            None => Lookup::Missing {
                path: path.to_owned(),
            },
        }
    }
}

/// Joins `reference` to `base_dir` and removes `.` and `..`; `None` when it leaves the root.
pub(crate) fn normalize(base_dir: &str, reference: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let joined = base_dir.split('/').chain(reference.split('/'));
    for part in joined {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The folder part of a locale-relative path (`a/b.md` → `a`, `b.md` → ``).
pub(crate) fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// A reference as written in a link, split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The path, `%`-decoded, `\` turned into `/`.
    pub path: String,
    /// `?query`, kept as written (with the `?`), or empty.
    pub query: String,
    /// The fragment without `#`, `%`-decoded, if any.
    pub fragment: Option<String>,
    /// Whether the path was written with `\`.
    pub backslash: bool,
    /// What the path is relative to.
    pub root: Root,
}

impl Reference {
    /// A reference to a file by its path alone (no query, fragment or `\`), as include and
    /// snippet directives name files.
    pub(crate) fn file(path: String, root: Root) -> Reference {
        Reference {
            path,
            query: String::new(),
            fragment: None,
            backslash: false,
            root,
        }
    }
}

/// What a reference's path is relative to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Root {
    /// The folder of the file that holds it.
    File,
    /// `~/…`: the docset root (the nearest folder up with docfx.json, else the locale root).
    Docset,
    /// `/…`: the site, checked when its first segment is a top folder of the locale.
    Site,
}

/// What a link destination points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// `scheme:…`, `//host` or empty: not checked.
    Unchecked,
    /// `#fragment` on the same page.
    SamePage(String),
    /// A path: relative to the file, to the docset (`~/`) or to the site (`/`).
    Relative(Reference),
}

/// Classifies and splits a link destination.
pub(crate) fn classify(dest: &str) -> Target {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with("//") || dest.starts_with("\\\\") || has_scheme(dest) {
        return Target::Unchecked;
    }
    let (root, dest) = if let Some(rest) = dest.strip_prefix("~/").or(dest.strip_prefix("~\\")) {
        (Root::Docset, rest)
    } else if let Some(rest) = dest.strip_prefix('/') {
        (Root::Site, rest)
    } else {
        (Root::File, dest)
    };
    if root != Root::File && dest.is_empty() {
        return Target::Unchecked;
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        return Target::SamePage(decode(fragment));
    }
    let (before_fragment, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], Some(decode(&dest[i + 1..]))),
        None => (dest, None),
    };
    let (path, query) = match before_fragment.find('?') {
        Some(i) => (&before_fragment[..i], &before_fragment[i..]),
        None => (before_fragment, ""),
    };
    if path.is_empty() {
        return match fragment {
            Some(f) => Target::SamePage(f),
            None => Target::Unchecked,
        };
    }
    let backslash = path.contains('\\');
    let path = decode(path).replace('\\', "/");
    Target::Relative(Reference {
        path,
        query: query.to_owned(),
        fragment,
        backslash,
        root,
    })
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    // A one-letter "scheme" is a Windows drive (C:\…): not a URL, but not checkable either.
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Characters escaped in URLs rosetta writes.
pub(crate) const URL_ESCAPE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// Characters escaped in a URL fragment rosetta writes.
const FRAGMENT_ESCAPE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'%')
    .add(b'#');

/// A decoded fragment, escaped again for an href.
pub(crate) fn encode_fragment(fragment: &str) -> String {
    utf8_percent_encode(fragment, FRAGMENT_ESCAPE).to_string()
}

/// The relative URL from a page in folder `from_dir` to the output file `to` (both relative
/// to the locale's output root).
pub(crate) fn relative_url(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|p| !p.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take(to_parts.len().saturating_sub(1))
        .take_while(|(a, b)| a == b)
        .count();
    let mut url = "../".repeat(from.len() - common);
    let rest: Vec<String> = to_parts[common..]
        .iter()
        .map(|p| utf8_percent_encode(p, URL_ESCAPE).to_string())
        .collect();
    url.push_str(&rest.join("/"));
    url
}

/// The search page of a locale, relative to the locale's output folder.
pub(crate) const SEARCH_PAGE: &str = "search.html";

/// The folder of a locale's search index, relative to the output root (no trailing `/`).
pub(crate) fn bundle_dir(locale: &str) -> String {
    format!("_rosetta/search/{locale}")
}

/// The output path of a page: `a/b.md` → `a/b.html`.
pub(crate) fn page_output(path: &str) -> String {
    let stem = path.len() - path.rsplit('.').next().map_or(0, |ext| ext.len() + 1);
    format!("{}.html", &path[..stem])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> FileIndex {
        let mut idx = FileIndex::default();
        idx.insert("Troubleshoot".into(), FileKind::Folder);
        idx.insert("Troubleshoot/a.md".into(), FileKind::Page);
        idx.insert("media".into(), FileKind::Folder);
        idx.insert("media/Pic.PNG".into(), FileKind::Resource);
        idx
    }

    #[test]
    fn resolution_is_exact_then_case_insensitive() {
        let idx = index();
        let resolve =
            |base: &str, reference: &str| normalize(base, reference).map(|p| idx.find(&p));
        assert_eq!(
            resolve("Troubleshoot", "../media/Pic.PNG").expect("inside"),
            Lookup::Found {
                path: "media/Pic.PNG".into(),
                kind: FileKind::Resource,
                case_fixed: false
            }
        );
        assert_eq!(
            resolve("x", "../troubleshoot/A.md").expect("inside"),
            Lookup::Found {
                path: "Troubleshoot/a.md".into(),
                kind: FileKind::Page,
                case_fixed: true
            }
        );
        assert_eq!(
            resolve("", "nope.md").expect("inside"),
            Lookup::Missing {
                path: "nope.md".into()
            }
        );
        assert_eq!(resolve("a", "../../etc/passwd"), None);
    }

    #[test]
    fn destinations_are_split_and_decoded() {
        assert_eq!(classify("https://x.org/a.md"), Target::Unchecked);
        assert_eq!(classify("mailto:a@b"), Target::Unchecked);
        assert_eq!(classify("//cdn.example.org/a.png"), Target::Unchecked);
        assert!(matches!(
            classify("/intune/a"),
            Target::Relative(Reference { root: Root::Site, ref path, .. }) if path == "intune/a"
        ));
        assert!(matches!(
            classify("~/a.md#x"),
            Target::Relative(Reference { root: Root::Docset, ref path, .. }) if path == "a.md"
        ));
        assert_eq!(classify("/"), Target::Unchecked);
        assert_eq!(classify("#sec"), Target::SamePage("sec".into()));
        assert_eq!(
            classify(r"..\media\my%20pic.png?v=1#top"),
            Target::Relative(Reference {
                path: "../media/my pic.png".into(),
                query: "?v=1".into(),
                fragment: Some("top".into()),
                backslash: true,
                root: Root::File,
            })
        );
        // a Windows drive path cannot be checked either
        assert_eq!(classify("C:\\x.md"), Target::Unchecked);
    }

    #[test]
    fn relative_urls_between_output_files() {
        assert_eq!(relative_url("a/b", "a/c/d.html"), "../c/d.html");
        assert_eq!(relative_url("", "x/y.png"), "x/y.png");
        assert_eq!(relative_url("a", "a.html"), "../a.html");
        assert_eq!(relative_url("a", "a/b.html"), "b.html");
        assert_eq!(relative_url("", "my pic#1.png"), "my%20pic%231.png");
        assert_eq!(page_output("a/b.md"), "a/b.html");
        assert_eq!(page_output("a.b/c.MD"), "a.b/c.html");
    }
}
