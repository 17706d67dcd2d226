//! Translation status: for each translated page, the source version it was made
//! from (from git history), compared section by section with the source as it is now.
//!
//! The stage runs between analyse and check. It takes each translated page with its source
//! page, finds the source version (`ms.sourcegitcommit`, else the newest commit that touched
//! the translation when both share a repository), reads the source file at that version
//! (`git.rs`, each tree and blob once), splits both versions into sections by heading and
//! compares them (`sections.rs`). The result, a [`StatusReport`], feeds the
//! `stale-translation` findings, `rosetta status` (`report.rs`) and the site.

mod git;
mod report;
mod sections;
#[cfg(test)]
mod test_repo;
#[cfg(test)]
mod tests;

pub(crate) use report::{human, json, markdown};
pub(crate) use sections::{Change, SectionChange};

use crate::diagnostic::{Code, Diagnostic, Location, Related};
use crate::site::Site;
use crate::site::pairing::Pairing;
use crate::source::SourceFile;
use git::{CommitInfo, GitError, SourceRepo};
use rayon::prelude::*;
use sections::Section;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// A translated page and the source page it translates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Translation<'a> {
    /// The translation's locale.
    pub(crate) locale: &'a str,
    /// The translated page.
    pub(crate) page: &'a SourceFile,
    /// Its source page, as it is now.
    pub(crate) source: &'a SourceFile,
}

/// What the stage reads.
#[derive(Debug)]
pub(crate) struct Input<'a> {
    /// The source locale's name.
    pub(crate) source_locale: &'a str,
    /// The source locale's folder on disk (its repository is the source history).
    pub(crate) source_root: &'a Path,
    /// Each translated locale with its folder on disk, in report order.
    pub(crate) locales: Vec<(&'a str, &'a Path)>,
    /// Every translated page with its source.
    pub(crate) translations: Vec<Translation<'a>>,
    /// Source pages that a locale has no translation of.
    pub(crate) missing: Vec<(&'a str, &'a SourceFile)>,
}

/// Where a translation's source version comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum VersionFrom {
    /// The page's `ms.sourcegitcommit`.
    SourceGitCommit,
    /// The newest commit that touched the translation, in the source's own repository.
    TranslationHistory,
}

/// The source version a translation was made from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct SourceVersion {
    /// The full commit id.
    pub(crate) commit: String,
    /// Its first seven hex digits.
    pub(crate) short: String,
    /// The commit date, `YYYY-MM-DD`.
    pub(crate) date: String,
    pub(crate) from: VersionFrom,
}

/// Why a page's source version is unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Unknown {
    /// The source's git repository cannot be opened.
    NoRepository,
    /// `ms.sourcegitcommit` is not a commit id.
    NotACommitId,
    /// The commit is not in the history (shallow clone, other history).
    MissingCommit,
    /// No `ms.sourcegitcommit`, and the translation is not in the source's repository
    /// (or no commit touched it).
    NoVersion,
    /// The source file did not exist at that commit (renamed or added later).
    FileAbsent,
    /// An object cannot be read (a damaged repository).
    Unreadable,
}

/// A translated page's state.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PageState {
    /// The source's sections are as they were at the translation's version.
    UpToDate,
    /// Sections changed since the translation's version, in the order of the source.
    Stale(Vec<SectionChange>),
    /// The version could not be found; the message says why and what to do.
    Unknown(Unknown, String),
}

/// The status of one translated page.
#[derive(Clone, Debug, Hash)]
pub(crate) struct PageStatus {
    /// The translation's path relative to its locale folder.
    pub(crate) path: String,
    /// The translation, relative to the site (as findings name it).
    pub(crate) file: Arc<str>,
    /// The source page, relative to the site.
    pub(crate) source_file: Arc<str>,
    /// `ms.translationtype` as written (`HT`, `MT`, `MTE75`…).
    pub(crate) translation_type: Option<String>,
    /// The version it was made from, when known.
    pub(crate) version: Option<SourceVersion>,
    pub(crate) state: PageState,
}

impl PageStatus {
    /// Whether `ms.translationtype` says machine translation (`MT`, `MTE…`).
    pub(crate) fn machine_translated(&self) -> bool {
        self.translation_type
            .as_deref()
            .is_some_and(|t| t.trim().to_ascii_uppercase().starts_with("MT"))
    }
}

/// The pages of one translated locale.
#[derive(Clone, Debug)]
pub(crate) struct LocaleStatus {
    pub(crate) locale: String,
    /// Translated pages, in path order.
    pub(crate) pages: Vec<PageStatus>,
    /// Source pages this locale lacks (site-relative), in path order.
    pub(crate) missing: Vec<Arc<str>>,
}

/// The counts `rosetta status` shows for a locale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) translated: usize,
    pub(crate) up_to_date: usize,
    pub(crate) stale: usize,
    /// Changed, added and removed sections over all stale pages.
    pub(crate) stale_sections: usize,
    pub(crate) unknown: usize,
    pub(crate) missing: usize,
    pub(crate) machine_translated: usize,
}

impl LocaleStatus {
    /// The locale's counts.
    pub(crate) fn counts(&self) -> Counts {
        let mut c = Counts {
            translated: self.pages.len(),
            missing: self.missing.len(),
            ..Counts::default()
        };
        for page in &self.pages {
            match &page.state {
                PageState::UpToDate => c.up_to_date += 1,
                PageState::Stale(sections) => {
                    c.stale += 1;
                    c.stale_sections += sections.len();
                }
                PageState::Unknown(..) => c.unknown += 1,
            }
            c.machine_translated += usize::from(page.machine_translated());
        }
        c
    }
}

/// The translation status of a site.
#[derive(Clone, Debug)]
pub(crate) struct StatusReport {
    pub(crate) source_locale: String,
    pub(crate) locales: Vec<LocaleStatus>,
    /// What to do about unknown versions (one note per cause), for the summary.
    pub(crate) notes: Vec<String>,
}

/// The stage over a loaded site: `files[l][i]` is the source of page `i` of locale `l`, as
/// `pairing` indexes pages. Every page of every other locale paired with a source page is a
/// translation; YAML pages (Landing, Hub) are left out. `None` without a source locale.
pub(crate) fn run(
    site: &Site,
    files: &[Vec<Option<&SourceFile>>],
    pairing: &Pairing,
) -> Option<StatusReport> {
    let s = site.source_index()?;
    let source_locale = &site.locales[s];
    let mut translations = Vec::new();
    let mut missing = Vec::new();
    for article in &pairing.articles {
        let Some(source) = article.pages[s].and_then(|i| files[s].get(i).copied().flatten()) else {
            continue;
        };
        if source.is_yaml() {
            continue;
        }
        for (l, locale) in site.locales.iter().enumerate() {
            if l == s {
                continue;
            }
            match article.pages[l].and_then(|i| files[l].get(i).copied().flatten()) {
                Some(page) if !page.is_yaml() => translations.push(Translation {
                    locale: &locale.name,
                    page,
                    source,
                }),
                Some(_) => {}
                None => missing.push((locale.name.as_str(), source)),
            }
        }
    }
    let input = Input {
        source_locale: &source_locale.name,
        source_root: &source_locale.dir,
        locales: site
            .locales
            .iter()
            .enumerate()
            .filter(|(l, _)| *l != s)
            .map(|(_, locale)| (locale.name.as_str(), locale.dir.as_path()))
            .collect(),
        translations,
        missing,
    };
    Some(compute(&input))
}

impl StatusReport {
    /// Keeps only these locales (all when empty).
    pub(crate) fn retain_locales(&mut self, locales: &[String]) {
        if !locales.is_empty() {
            self.locales.retain(|l| locales.contains(&l.locale));
            self.notes = notes(&self.locales);
        }
    }
}

/// When each file of a locale folder (paths relative to it) last changed in the history of
/// the git repository that holds the folder: `YYYY-MM-DD` of the newest commit that
/// touched it, for the files `HEAD` holds; with the commit at `HEAD` the dates are of (see
/// [`head_of`]). One walk of the history for the whole folder; no repository, or one that
/// cannot be read, gives no dates (pages then show their `ms.date`).
pub(crate) fn last_changed(
    folder: &Path,
    paths: &[&str],
) -> (Option<String>, HashMap<String, String>) {
    let Ok(mut repo) = SourceRepo::open(folder) else {
        return (None, HashMap::new());
    };
    let head = repo.head().map(|id| id.to_string());
    let dates = repo
        .last_changes(paths)
        .map(|found| found.into_iter().map(|(p, c)| (p, c.date)).collect())
        .unwrap_or_default();
    (head, dates)
}

/// The commit checked out (`HEAD`) in the repository that holds a folder, as hex; `None`
/// outside any repository. While it stays the same, so do the dates of [`last_changed`].
pub(crate) fn head_of(folder: &Path) -> Option<String> {
    SourceRepo::open(folder)
        .ok()?
        .head()
        .map(|id| id.to_string())
}

/// Runs the stage: finds each translation's source version and compares the sections.
pub(crate) fn compute(input: &Input<'_>) -> StatusReport {
    let repo = SourceRepo::open(input.source_root);
    let versions = match repo {
        Ok(mut repo) => versions(&mut repo, input),
        Err(err) => {
            let reason = err.to_string();
            input
                .translations
                .iter()
                .map(|_| Err((Unknown::NoRepository, reason.clone())))
                .collect()
        }
    };
    // Most translations are of a source text that has not changed at all: equal bytes need
    // no parsing. The others' old and current versions are parsed in parallel, each once.
    let same: Vec<bool> = input
        .translations
        .iter()
        .zip(&versions)
        .map(|(t, found)| match found {
            Ok((_, _, bytes)) => {
                bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) == t.source.text.as_bytes()
            }
            Err(_) => false,
        })
        .collect();
    let mut old_needed: HashMap<gix::ObjectId, &[u8]> = HashMap::new();
    let mut current_needed: HashMap<&str, &SourceFile> = HashMap::new();
    for ((t, found), same) in input.translations.iter().zip(&versions).zip(&same) {
        if let (Ok((_, id, bytes)), false) = (found, same) {
            old_needed.insert(*id, bytes);
            current_needed.insert(&t.source.site_path, t.source);
        }
    }
    let old: HashMap<gix::ObjectId, Vec<Section>> = old_needed
        .into_par_iter()
        .map(|(id, bytes)| {
            (
                id,
                sections::sections_of_text(&String::from_utf8_lossy(bytes)),
            )
        })
        .collect();
    let current: HashMap<&str, Vec<Section>> = current_needed
        .into_par_iter()
        .map(|(path, source)| (path, sections::sections(source)))
        .collect();
    let pages: Vec<(usize, PageStatus)> = input
        .translations
        .par_iter()
        .zip(versions.par_iter())
        .zip(same.par_iter())
        .map(|((t, found), same)| {
            let (version, state) = match found {
                Ok((version, _, _)) if *same => (Some(version.clone()), PageState::UpToDate),
                Ok((version, id, _)) => {
                    let before = old.get(id).map_or(&[][..], Vec::as_slice);
                    let now = current.get(t.source.site_path.as_ref());
                    let changes = sections::compare(before, now.map_or(&[][..], Vec::as_slice));
                    let state = if changes.is_empty() {
                        PageState::UpToDate
                    } else {
                        PageState::Stale(changes)
                    };
                    (Some(version.clone()), state)
                }
                Err((kind, reason)) => (None, PageState::Unknown(*kind, reason.clone())),
            };
            let locale = input
                .locales
                .iter()
                .position(|(l, _)| *l == t.locale)
                .unwrap_or(usize::MAX);
            let status = PageStatus {
                path: t.page.path.clone(),
                file: t.page.site_path.clone(),
                source_file: t.source.site_path.clone(),
                translation_type: t.page.front_matter.translation_type(),
                version,
                state,
            };
            (locale, status)
        })
        .collect();
    let mut locales: Vec<LocaleStatus> = input
        .locales
        .iter()
        .map(|(locale, _)| LocaleStatus {
            locale: (*locale).to_owned(),
            pages: Vec::new(),
            missing: Vec::new(),
        })
        .collect();
    for (i, page) in pages {
        if let Some(l) = locales.get_mut(i) {
            l.pages.push(page);
        }
    }
    for (locale, source) in &input.missing {
        if let Some(l) = locales.iter_mut().find(|l| l.locale == *locale) {
            l.missing.push(source.site_path.clone());
        }
    }
    for l in &mut locales {
        l.pages.sort_by(|a, b| a.file.cmp(&b.file));
        l.missing.sort();
    }
    let notes = notes(&locales);
    StatusReport {
        source_locale: input.source_locale.to_owned(),
        locales,
        notes,
    }
}

/// Why a version is unknown, and the message that says what to do.
type Unresolved = (Unknown, String);

/// A blob's id and bytes.
type Blob = (gix::ObjectId, Arc<[u8]>);

/// A translation's source version, and the source file's blob at that version.
type Found = Result<(SourceVersion, gix::ObjectId, Arc<[u8]>), Unresolved>;

/// Each translation's source version and the source's sections at that version (in input
/// order). Git is read on this thread; each blob once.
fn versions(repo: &mut SourceRepo, input: &Input<'_>) -> Vec<Found> {
    // Translations without `ms.sourcegitcommit` in the source's own repository: one walk.
    let mut in_repo: HashMap<&str, Option<String>> = HashMap::new();
    let mut walk_paths: Vec<String> = Vec::new();
    let mut walk_path_of: Vec<Option<String>> = Vec::with_capacity(input.translations.len());
    for t in &input.translations {
        if t.page.front_matter.source_commit().is_some() {
            walk_path_of.push(None);
            continue;
        }
        let prefix = in_repo.entry(t.locale).or_insert_with(|| {
            let root = input.locales.iter().find(|(l, _)| *l == t.locale)?.1;
            repo.folder_in_repo(root)
        });
        let path = prefix.as_ref().map(|p| format!("{p}{}", t.page.path));
        if let Some(path) = &path {
            walk_paths.push(path.clone());
        }
        walk_path_of.push(path);
    }
    let walked: Result<HashMap<String, CommitInfo>, GitError> = if walk_paths.is_empty() {
        Ok(HashMap::new())
    } else {
        repo.newest_commits_touching(&walk_paths)
    };

    let mut out = Vec::with_capacity(input.translations.len());
    for (t, walk_path) in input.translations.iter().zip(walk_path_of) {
        let commit = match (t.page.front_matter.source_commit(), walk_path) {
            (Some(text), _) => repo
                .resolve(&text)
                .map(|c| (c, VersionFrom::SourceGitCommit))
                .map_err(|err| (unknown_kind(&err), err.to_string())),
            (None, Some(path)) => match &walked {
                Ok(found) => found
                    .get(&path)
                    .cloned()
                    .map(|c| (c, VersionFrom::TranslationHistory))
                    .ok_or((
                        Unknown::NoVersion,
                        "no `ms.sourcegitcommit`, and no commit of the source repository touched the translation: commit it, or add `ms.sourcegitcommit`".to_owned(),
                    )),
                Err(err) => Err((unknown_kind(err), err.to_string())),
            },
            (None, None) => Err((
                Unknown::NoVersion,
                "no `ms.sourcegitcommit`, and the translation is not in the source's git repository: add `ms.sourcegitcommit` with the id of the source commit it was made from".to_owned(),
            )),
        };
        out.push(commit.and_then(|(commit, from)| {
            let version = SourceVersion {
                commit: commit.id.to_string(),
                short: commit.short.clone(),
                date: commit.date.clone(),
                from,
            };
            let (id, bytes) = source_blob_at(repo, t.source, &commit)?;
            Ok((version, id, bytes))
        }));
    }
    out
}

/// The blob of `source` as it was at `commit`.
fn source_blob_at(
    repo: &mut SourceRepo,
    source: &SourceFile,
    commit: &CommitInfo,
) -> Result<Blob, Unresolved> {
    let unreadable = |err: GitError| (unknown_kind(&err), err.to_string());
    let blob = repo
        .source_blob_at(commit, &source.path)
        .map_err(unreadable)?
        .ok_or_else(|| {
            (
                Unknown::FileAbsent,
                format!(
                    "the source file `{}{}` did not exist at commit {} ({}): it was renamed or added later; set `ms.sourcegitcommit` to a commit that has it",
                    repo.prefix(),
                    source.path,
                    commit.short,
                    commit.date
                ),
            )
        })?;
    let bytes = repo.blob(blob).map_err(unreadable)?;
    Ok((blob, bytes))
}

fn unknown_kind(err: &GitError) -> Unknown {
    match err {
        GitError::NotHex(_) => Unknown::NotACommitId,
        GitError::Missing { .. } | GitError::Ambiguous(_) | GitError::NotACommit(_) => {
            Unknown::MissingCommit
        }
        GitError::Unreadable(_) => Unknown::Unreadable,
    }
}

/// One note per cause of unknown versions: how many pages, and what to do (`rosetta
/// status` lists the pages with their reasons).
fn notes(locales: &[LocaleStatus]) -> Vec<String> {
    let mut by_kind: BTreeMap<Unknown, (usize, &str)> = BTreeMap::new();
    for page in locales.iter().flat_map(|l| &l.pages) {
        if let PageState::Unknown(kind, reason) = &page.state {
            by_kind.entry(*kind).or_insert((0, reason)).0 += 1;
        }
    }
    by_kind
        .into_iter()
        .map(|(kind, (n, first))| {
            let pages = if n == 1 {
                "1 translated page".to_owned()
            } else {
                format!("{n} translated pages")
            };
            match kind {
                Unknown::NoRepository | Unknown::Unreadable => {
                    format!("source version unknown for {pages}: {first}")
                }
                Unknown::NotACommitId => format!(
                    "source version unknown for {pages}: `ms.sourcegitcommit` is not a commit id (`rosetta status` lists them)"
                ),
                Unknown::MissingCommit => format!(
                    "source version unknown for {pages}: their commits are not in the source's git history; fetch it (`git fetch --unshallow`, or `fetch-depth: 0` in CI)"
                ),
                Unknown::NoVersion => format!(
                    "source version unknown for {pages}: no `ms.sourcegitcommit`; add the id of the source commit each was translated from"
                ),
                Unknown::FileAbsent => format!(
                    "source version unknown for {pages}: the source file did not exist at that commit (renamed since); update `ms.sourcegitcommit` (`rosetta status` lists them)"
                ),
            }
        })
        .collect()
}

/// How a section is named in messages: `#id`, or the text before the first heading.
pub(crate) fn section_name(id: &str) -> String {
    if id.is_empty() {
        "the text before the first heading".to_owned()
    } else {
        format!("#{id}")
    }
}

/// One `stale-translation` finding per stale page, at its first line: the source version
/// and the sections; `related` holds each changed or added section's heading in the source.
pub(crate) fn stale_findings(report: &StatusReport) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for locale in &report.locales {
        for page in &locale.pages {
            let (PageState::Stale(changes), Some(version)) = (&page.state, &page.version) else {
                continue;
            };
            let n = changes.len();
            let list = changes
                .iter()
                .map(|c| format!("{} ({})", section_name(&c.id), c.change.as_str()))
                .collect::<Vec<_>>()
                .join(", ");
            let message = format!(
                "the source changed since this translation was made from {} ({}): {n} section{}: {list}",
                version.short,
                version.date,
                if n == 1 { "" } else { "s" },
            );
            let mut d = Diagnostic::new(
                Code::StaleTranslation,
                Some(&locale.locale),
                &Location::file_start(page.file.clone()),
                message,
            );
            for c in changes.iter().filter(|c| c.change != Change::Removed) {
                let (line, column) = c.heading.as_ref().map_or((1, 1), |h| (h.line, h.column));
                let what = match &c.heading {
                    Some(h) => format!("{} section `{}`", c.change.as_str(), h.text),
                    None => format!("{} {}", c.change.as_str(), section_name(&c.id)),
                };
                d = d.with_related(Related::new(
                    &Location::new(page.source_file.clone(), line, column),
                    what,
                ));
            }
            out.push(d);
        }
    }
    out
}
