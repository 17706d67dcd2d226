//! The files a locale copies to the output (resources the globs name, files its pages
//! reference, files it lends to other locales) and the theme's assets.

use super::Prepared;
use crate::analyse::AnalysedLocale;
use crate::error::Error;
use crate::output::Output;
use crate::page::Page;
use crate::site::Locale;
use crate::site::shard::Shard;
use std::collections::BTreeSet;

/// Resources the globs name, plus every existing file a page references.
fn files_to_copy(locale: &Locale, pages: &[Page]) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = locale.resources.iter().cloned().collect();
    for page in pages {
        files.extend(page.referenced_files.iter().cloned());
    }
    files
}

/// The files of the source locale that the shard's own locales' pages show because their
/// own locale lacks them (a translation's images kept only in its source).
pub(super) fn lent(locales: &[AnalysedLocale], shard: &Shard) -> BTreeSet<String> {
    locales
        .iter()
        .enumerate()
        .filter(|(l, _)| shard.owns(*l))
        .flat_map(|(_, l)| &l.pages)
        .flat_map(|p| p.source_files.iter().cloned())
        .collect()
}

impl Prepared<'_> {
    /// The files locale `l` copies to its folder of the output (the source locale, when
    /// written, with the files it lends).
    pub(super) fn copies(&self, l: usize) -> BTreeSet<String> {
        let mut copies = files_to_copy(self.locales[l].locale, self.locales[l].pages);
        if self.site.source_index() == Some(l) {
            copies.extend(self.lent.iter().cloned());
        }
        copies
    }

    /// Copies the files the written locales borrow from the source locale into its folder,
    /// when the source locale is not written itself (a shard of translations): a file may
    /// be copied by several shards, each time with the same bytes.
    pub(super) fn write_lent(&self, out: &Output) -> Result<(), Error> {
        let Some(s) = self.site.source_index().filter(|&s| !self.shard.owns(s)) else {
            return Ok(());
        };
        let locale = self.locales[s].locale;
        let rels: Vec<String> = self
            .lent
            .iter()
            .map(|rel| format!("{}/{rel}", locale.name))
            .collect();
        out.create_dirs(rels.iter().map(String::as_str))?;
        self.lent
            .iter()
            .zip(&rels)
            .try_for_each(|(rel, to)| out.copy(to, &locale.dir.join(rel)))
    }

    /// Writes the theme's assets (`_rosetta/…`).
    pub(super) fn write_assets(&self, out: &Output) -> Result<(), Error> {
        let assets: Vec<String> = self
            .theme
            .assets()
            .keys()
            .map(|k| format!("_rosetta/{k}"))
            .collect();
        out.create_dirs(assets.iter().map(String::as_str))?;
        for (name, bytes) in self.theme.assets() {
            out.write(&format!("_rosetta/{name}"), bytes)?;
        }
        Ok(())
    }
}
