//! What each kind of change rebuilds in `rosetta serve`: the one place that decides it.
//!
//! A batch of changed paths is first planned ([`plan`]): it is rebuilt incrementally only
//! when every path is a Markdown file or a TOC that a locale already had. Anything else
//! rebuilds everything in the same process (still writing only the files whose bytes
//! changed): a file added or removed, a resource (which may be a page's code snippet, read
//! by the analyse pass), docfx.json, pivot definitions, redirection files, a locale folder
//! itself, and whatever lies outside the locale folders (rosetta.yaml, themes, i18n).
//!
//! An incremental rebuild then redoes, for each kind of change:
//!
//! | what changed                        | what is done again                                     |
//! |-------------------------------------|--------------------------------------------------------|
//! | a page's or include file's text     | read it; analyse the pages that are or include it      |
//! |                                     | ([`affected_pages`]: an include of the source locale   |
//! |                                     | also in the translations that fall back to it)         |
//! | a TOC                               | parse the locale's TOCs; prepare the navigation        |
//! | a page's title                      | prepare the navigation ([`Effects::navigation`])       |
//! | a page's asset ID or uid            | pair the translations ([`Effects::pairing`])           |
//! | a file that names a uid             | make the locale's uid index; a different index (a      |
//! |                                     | uid's title or page) rebuilds everything               |
//! | a file that names monikers          | nothing more when its own range, `exclude_monikers`    |
//! |                                     | and (when the site infers its monikers) the set of     |
//! |                                     | monikers in use stay the same: a block edit is a page  |
//! |                                     | edit; else everything (`SiteVersions::edit`)           |
//! | a page's `redirect_url`             | everything (the site's redirect pages)                 |
//! | a file that cannot be read again    | everything                                             |
//!
//! The translation status runs again over all pages (with a source locale). The checks
//! make again only what the pages analysed again touch ([`Effects::checks`],
//! `check::Memo::update`): the fragments of those pages, and of the pages and TOCs that
//! lead to a page whose ids changed; the TOCs parsed again; the search page's collisions of
//! their locales; the parity of their articles and of the translations whose status names
//! other added sections; everything that depends on the pairing when it was made again.
//! Only the pages whose render key changed are rendered again (`render::Keys`: the page's
//! fingerprint, its translations with their fingerprints and status, its TOC's navigation),
//! and only the keys of the pages of the articles analysed again, or whose status changed,
//! are made again unless the navigation or the pairing changed (`render::Since`), so an
//! edit renders the page and its translations (their switchers show it), a title change
//! also the pages whose navigation shows it. The files each locale copies are listed again
//! only when a page's references changed. The output writes a file only when its bytes
//! changed, and copies again only the files among the changed paths (`Output::in_place`).
//! The findings of what was made again replace the old ones in the server's `Ledger`,
//! which reports again only the files whose findings changed.

use crate::dfm::xref::XrefIndex;
use crate::page::Page;
use crate::site::Locale;
use crate::site::paths::FileKind;
use crate::source::SourceFile;
use std::collections::HashSet;
use std::path::PathBuf;

/// How a batch of changed paths is rebuilt.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Plan {
    /// Everything.
    Full,
    /// Markdown sources and TOCs read again (locale, locale-relative path), sorted.
    Sources(Vec<(usize, String)>),
}

/// How to rebuild after `changed` (absolute paths) in a site of `locales`: from the sources
/// that changed when each of them is an existing Markdown file or TOC of a locale, else
/// everything. A folder that still exists is left out: the files in it that changed are
/// listed too.
pub(super) fn plan(locales: &[Locale], changed: &HashSet<PathBuf>) -> Plan {
    let mut files = Vec::new();
    for path in changed {
        let Some((l, rel)) = locales.iter().enumerate().find_map(|(l, locale)| {
            let rel = path.strip_prefix(&locale.dir).ok()?;
            Some((l, rel.to_string_lossy().replace('\\', "/")))
        }) else {
            return Plan::Full;
        };
        // The locale's folder itself (created, removed, renamed).
        if rel.is_empty() {
            return Plan::Full;
        }
        match locales[l].files.kind(&rel) {
            Some(FileKind::Folder) if path.is_dir() => {}
            Some(FileKind::Page | FileKind::Markdown | FileKind::Toc) if path.is_file() => {
                files.push((l, rel));
            }
            // A resource may be a page's code snippet, read by the analyse pass: a resource,
            // like a file added or removed, docfx.json or anything else, rebuilds all.
            _ => return Plan::Full,
        }
    }
    files.sort();
    Plan::Sources(files)
}

/// A change that an incremental rebuild cannot follow: everything is rebuilt.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct NeedsFull;

/// What a source read again may change besides the pages that are or include it: `Ok` with
/// whether it names a uid (before or after: only then can its locale's uid index change),
/// or [`NeedsFull`] when its `redirect_url` changed (the site's redirect pages change).
pub(super) fn reread(old: &SourceFile, new: &SourceFile) -> Result<bool, NeedsFull> {
    if old.front_matter.redirect_url != new.front_matter.redirect_url {
        return Err(NeedsFull);
    }
    Ok(old.front_matter.uid().is_some() || new.front_matter.uid().is_some())
}

/// Whether a locale's uid index, made again after a change, lets the rebuild go on: a uid's
/// title or page shows on every page that links it (`<xref:…>`), so a different index
/// rebuilds everything.
pub(super) fn uid_index(old: &XrefIndex, new: &XrefIndex) -> Result<(), NeedsFull> {
    if old == new { Ok(()) } else { Err(NeedsFull) }
}

/// The pages of locale `l` (`pages`, in page order) to analyse again: those that are a
/// changed file, or include one (`touched`: locale, locale-relative path). An include file
/// of the source locale (`source`) counts for every locale, since a translation that lacks
/// it uses the source's.
pub(super) fn affected_pages(
    l: usize,
    pages: &[Page],
    touched: &[(usize, &str)],
    source: Option<usize>,
) -> Vec<usize> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, page)| {
            touched.iter().any(|&(tl, path)| {
                (tl == l && page.path == path)
                    || ((tl == l || Some(tl) == source)
                        && page.includes.iter().any(|i| i.target == path))
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// What analysing pages again changes beyond those pages.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Effects {
    /// A page's asset ID or uid changed: the translations are paired again.
    pub(super) pairing: bool,
    /// A page's title changed (or a TOC, see [`Effects::tocs_changed`]): each locale's
    /// navigation is prepared again instead of taken from the run before.
    pub(super) navigation: bool,
    /// A page's referenced or borrowed files changed: the files each locale copies are
    /// listed again.
    pub(super) references: bool,
    /// The pages analysed again (locale, page index).
    pub(super) pages: Vec<(usize, usize)>,
    /// Those of them whose ids (or tab ids) changed: the fragments of other pages and of TOCs that lead
    /// there are checked again.
    pub(super) ids: Vec<(usize, usize)>,
}

impl Effects {
    /// A rebuild that parses some locales' TOCs again prepares the navigation again.
    pub(super) fn tocs_changed(&mut self) {
        self.navigation = true;
    }

    /// Records what page `at` (locale, index), analysed again as `new` (it was `old`),
    /// changes.
    pub(super) fn page(&mut self, at: (usize, usize), old: &Page, new: &Page) {
        self.pairing |= pairing_key(old) != pairing_key(new);
        self.navigation |= old.title != new.title;
        self.references |=
            old.referenced_files != new.referenced_files || old.source_files != new.source_files;
        self.pages.push(at);
        // Tab ids count as ids: `#tab/…` links are checked against them.
        if old.tabs != new.tabs
            || !old
                .anchors
                .iter()
                .map(|a| &a.id)
                .eq(new.anchors.iter().map(|a| &a.id))
        {
            self.ids.push(at);
        }
    }

    /// What the checks make again: the findings of the pages analysed again, of the pages
    /// and TOCs (`tocs`: the locales whose TOCs were parsed again) that lead to changed
    /// ids, and everything that depends on the pairing when it changed.
    pub(super) fn checks(&self, tocs: Vec<usize>) -> crate::check::Changes {
        crate::check::Changes {
            pages: self.pages.clone(),
            ids: self.ids.clone(),
            tocs,
            pairing: self.pairing,
        }
    }
}

/// What pairs a page with its translations besides its path: its asset ID and uid.
fn pairing_key(page: &Page) -> (Option<&str>, Option<&str>) {
    (
        page.front_matter.asset_id.as_deref(),
        page.front_matter.uid(),
    )
}

/// How many pages a rebuild rendered: those whose key differs from the run before (all of
/// them without one).
pub(super) fn rendered(keys: &[Vec<u64>], previous: Option<&[Vec<u64>]>) -> usize {
    match previous {
        Some(previous) => keys
            .iter()
            .flatten()
            .zip(previous.iter().flatten())
            .filter(|(a, b)| a != b)
            .count(),
        None => keys.iter().map(Vec::len).sum(),
    }
}

#[cfg(test)]
mod tests;
