//! The files a locale copies to the output (resources the globs name, files its pages
//! reference, files it lends to other locales) and the theme's assets.

use super::Prepared;
use crate::analyse::AnalysedLocale;
use crate::error::Error;
use crate::output::Output;
use crate::page::Page;
use crate::site::Locale;
use std::collections::BTreeSet;

/// Resources the globs name, plus every existing file a page references.
fn files_to_copy(locale: &Locale, pages: &[Page]) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = locale.resources.iter().cloned().collect();
    for page in pages {
        files.extend(page.referenced_files.iter().cloned());
    }
    files
}

/// The files of the source locale that other locales' pages show because their own locale
/// lacks them (a translation's images kept only in its source): copied with the source's
/// own.
pub(super) fn lent(locales: &[AnalysedLocale]) -> BTreeSet<String> {
    locales
        .iter()
        .flat_map(|l| &l.pages)
        .flat_map(|p| p.source_files.iter().cloned())
        .collect()
}

impl Prepared<'_> {
    /// The files locale `l` copies to the output.
    pub(super) fn copies(&self, l: usize) -> BTreeSet<String> {
        let mut copies = files_to_copy(self.locales[l].locale, self.locales[l].pages);
        copies.extend(self.locales[l].lent.iter().cloned());
        copies
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
