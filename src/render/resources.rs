//! The files a locale copies to the output (resources the globs name, files its pages
//! reference, files it lends to other locales) and the theme's assets.

use super::Prepared;
use crate::error::Error;
use crate::output::Output;
use crate::page::Page;
use crate::site::Locale;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Resources the globs name, plus every existing file a page references.
fn files_to_copy(locale: &Locale, pages: &[Page]) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = locale.resources.iter().cloned().collect();
    for page in pages {
        files.extend(page.referenced_files.iter().cloned());
    }
    files
}

impl Prepared<'_> {
    /// Lists the files each written locale copies to its folder of the output (the source
    /// locale, when written, with the files it lends), or takes `previous`' lists.
    pub(super) fn list_copies(&mut self, previous: Option<&[Arc<BTreeSet<String>>]>) {
        if let Some(previous) = previous {
            self.copy_sets = previous.to_vec();
            return;
        }
        let source = self.site.source_index();
        let lent = source
            .filter(|&s| self.shard.owns(s))
            .map(|_| self.lent())
            .unwrap_or_default();
        self.copy_sets = (0..self.locales.len())
            .map(|l| {
                if !self.shard.owns(l) {
                    return Arc::default();
                }
                let mut copies = files_to_copy(self.locales[l].locale, self.locales[l].pages);
                if source == Some(l) {
                    copies.extend(lent.iter().cloned());
                }
                Arc::new(copies)
            })
            .collect();
    }

    /// The files of the source locale that the written locales' pages show because their
    /// own locale lacks them (a translation's images kept only in its source): copied into
    /// the source's folder with its own files, or alone when the source is not written.
    fn lent(&self) -> BTreeSet<String> {
        self.locales
            .iter()
            .enumerate()
            .filter(|(l, _)| self.shard.owns(*l))
            .flat_map(|(_, l)| l.pages)
            .flat_map(|p| p.source_files.iter().cloned())
            .collect()
    }

    /// Copies the files the written locales borrow from the source locale into its folder,
    /// when the source locale is not written itself (a shard of translations): a file may
    /// be copied by several shards, each time with the same bytes.
    pub(super) fn write_lent(&self, out: &Output) -> Result<(), Error> {
        let Some(s) = self.site.source_index().filter(|&s| !self.shard.owns(s)) else {
            return Ok(());
        };
        let locale = self.locales[s].locale;
        let lent = self.lent();
        let rels: Vec<String> = lent
            .iter()
            .map(|rel| format!("{}/{rel}", locale.name))
            .collect();
        out.create_dirs(rels.iter().map(String::as_str))?;
        lent.iter()
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
