//! What the analyse pass's tests share: a page given as a string, with its include files
//! and other files, analysed and rendered as in a build.

use crate::diagnostic::Diagnostic;
use crate::markdown::{AlertLabels, Context, analyse};
use crate::page::Page;
use crate::site::Locale;
use crate::site::paths::{FileIndex, FileKind};
use crate::site::redirects::Redirects;
use crate::site::resolve::Resolver;
use crate::source::{SourceFile, Sources};
use std::path::PathBuf;

/// Where the page under test stands, relative to the locale root.
pub(crate) const PAGE: &str = "docs/page.md";

/// What one analysed page gives.
pub(crate) struct Analysis {
    pub(crate) page: Page,
    pub(crate) html: String,
    pub(crate) findings: Vec<Diagnostic>,
}

impl Analysis {
    /// The HTML, then each finding (`code line:col message`, related places indented):
    /// what a snapshot holds.
    pub(crate) fn report(&self) -> String {
        let mut out = self.html.clone();
        if !self.findings.is_empty() {
            out.push_str("----\n");
        }
        let mut findings = self.findings.clone();
        findings.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        for d in &findings {
            out.push_str(&format!(
                "{}[{}] {}:{}:{}: {}\n",
                d.severity.as_str(),
                d.code,
                d.file,
                d.line,
                d.column,
                d.message
            ));
            for r in &d.related {
                out.push_str(&format!(
                    "  = {}:{}:{}: {}\n",
                    r.file, r.line, r.column, r.message
                ));
            }
        }
        out
    }
}

/// The alert labels of a locale, as its UI strings give them.
pub(super) fn labels(locale: &str) -> AlertLabels {
    let strings =
        crate::i18n::Strings::load(&PathBuf::from("/nonexistent"), locale, &mut Vec::new());
    strings.alert_labels()
}

/// Analyses `text` as the page `docs/page.md` of `locale`. `files` are the other files of
/// the locale (locale-relative path, content): `.md` under an `includes/` folder are include
/// files, other `.md` are pages, everything else is a resource.
pub(crate) fn analyse_str(locale: &str, text: &str, files: &[(&str, &str)]) -> Analysis {
    analyse_page(locale, PAGE, text, files)
}

/// Analyses `text` as the page at `page` (a `.md` or a YAML page) of `locale`, with the
/// other files of the locale as [`analyse_str`] takes them.
pub(crate) fn analyse_page(
    locale: &str,
    page: &str,
    text: &str,
    files: &[(&str, &str)],
) -> Analysis {
    analyse_in_mode(locale, page, text, files, true)
}

/// [`analyse_page`], rendering (as a build) or not (as `rosetta check`).
pub(super) fn analyse_in_mode(
    locale: &str,
    page: &str,
    text: &str,
    files: &[(&str, &str)],
    render: bool,
) -> Analysis {
    // Markdown files, and the page under test, are sources; the rest are files on disk.
    let is_source = |path: &str| path.ends_with(".md") || path == page;
    let mut all: Vec<(&str, &str)> = files.to_vec();
    all.push((page, text));
    all.sort();
    let mut index = FileIndex::default();
    let mut folders: Vec<String> = Vec::new();
    let mut pages = Vec::new();
    let mut markdown = Vec::new();
    for (path, _) in &all {
        let mut folder = crate::site::paths::parent(path);
        while !folder.is_empty() {
            folders.push(folder.to_owned());
            folder = crate::site::paths::parent(folder);
        }
    }
    folders.sort();
    folders.dedup();
    for folder in folders {
        index.insert(folder, FileKind::Folder);
    }
    for (path, _) in &all {
        let kind = if *path == page {
            FileKind::Page
        } else if !path.ends_with(".md") {
            FileKind::Resource
        } else if path.split('/').any(|p| p == "includes") {
            FileKind::Markdown
        } else {
            FileKind::Page
        };
        if kind == FileKind::Page {
            pages.push((*path).to_owned());
        }
        if kind != FileKind::Resource {
            markdown.push((*path).to_owned());
        }
        index.insert((*path).to_owned(), kind);
    }
    // Files that are not Markdown (snippet files, images) are on disk, for the pass to read.
    let disk = tempfile::tempdir().expect("a temporary folder");
    for (path, content) in all.iter().filter(|(p, _)| !is_source(p)) {
        let target = disk.path().join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(&target, content).expect("a file");
    }
    let mut locale_dir = Locale::in_memory(
        locale,
        disk.path().to_path_buf(),
        format!("site/{locale}"),
        index,
    );
    locale_dir.pages = pages;
    locale_dir.markdown = markdown;
    let mut sources = Sources::default();
    let mut findings = Vec::new();
    for (path, content) in all.iter().filter(|(p, _)| is_source(p)) {
        let source = SourceFile::from_bytes(
            locale_dir.site_path(path),
            (*path).to_owned(),
            (0, locale),
            content.as_bytes(),
            &mut findings,
        );
        sources.insert(source);
    }
    let labels = labels(locale);
    let locales = vec![locale_dir];
    let redirects = Redirects::default();
    let mut pivots = std::collections::HashMap::new();
    for (path, content) in &all {
        if path.ends_with(crate::dfm::pivot_groups::FILE_NAME)
            && let Ok(defs) = crate::dfm::pivot_groups::parse(content)
        {
            pivots.insert((*path).to_owned(), defs);
        }
    }
    let mut xrefs = crate::dfm::xref::XrefIndex::default();
    for (path, content) in all.iter().filter(|(p, _)| p.ends_with(".md")) {
        let fm = crate::dfm::front_matter::parse(content).front_matter;
        if let Some(uid) = fm.uid() {
            xrefs.own.insert(
                uid.to_owned(),
                crate::dfm::xref::XrefSpec {
                    uid: uid.to_owned(),
                    name: fm.title.clone(),
                    href: Some(crate::site::paths::page_output(path)),
                    ..Default::default()
                },
            );
        }
    }
    // A `rosetta.yaml` among the files is the site's configuration (its `monikers:`).
    let config = all
        .iter()
        .find(|(p, _)| *p == "rosetta.yaml")
        .map(|(_, text)| crate::site::config::Config::parse(text).expect("a valid rosetta.yaml"))
        .unwrap_or_default();
    let versions = crate::analyse::versions::read(&config, &locales, &sources);
    findings.extend(versions.findings.iter().cloned());
    let strings =
        crate::i18n::Strings::load(&PathBuf::from("/nonexistent"), locale, &mut Vec::new());
    let version_titles = crate::analyse::versions::titles(&versions.definitions, &strings);
    let ctx = Context {
        xrefs: &xrefs,
        pivots: &pivots,
        versions: &versions.definitions,
        page_versions: versions.locale(0),
        version_titles: &version_titles,
        list_separator: &strings.get("list-separator"),
        resolver: Resolver {
            locales: &locales,
            locale: 0,
            source: None,
            redirects: &redirects,
        },
        sources: &sources,
        alert_labels: &labels,
        render,
    };
    let Some(id) = sources.id(0, page) else {
        panic!("the page under test was not loaded");
    };
    let page = analyse(&ctx, id, &mut findings);
    Analysis {
        html: page.body.clone(),
        page,
        findings,
    }
}

/// The snapshot of a page of `locale` alone.
pub(super) fn snap(locale: &str, text: &str) -> String {
    analyse_str(locale, text, &[]).report()
}

/// The snapshot of a page of `locale` with other files.
pub(super) fn snap_with(locale: &str, text: &str, files: &[(&str, &str)]) -> String {
    analyse_str(locale, text, files).report()
}
