//! The analysed pages handed to the translation status stage (`status::run`), and the
//! summary note on references resolved through the source locale.

use super::AnalysedLocale;
use crate::diagnostic::Diagnostic;
use crate::site::Site;
use crate::site::pairing::Pairing;
use crate::site::shard::Shard;
use crate::source::{self, Sources};
use crate::status::{self, StatusReport};

/// The summary note on references resolved through the source locale, per locale of the
/// shard.
fn fallback_note(site: &Site, locales: &[AnalysedLocale], shard: &Shard) -> Option<String> {
    let source = site.source_index()?;
    let counts: Vec<String> = site
        .locales
        .iter()
        .zip(locales)
        .enumerate()
        .filter(|(l, _)| *l != source && shard.owns(*l))
        .map(|(_, (locale, analysed))| {
            let n: usize = analysed.pages.iter().map(|p| p.fallbacks).sum();
            format!("{} {n}", locale.name)
        })
        .collect();
    (!counts.is_empty()).then(|| {
        format!(
            "fallbacks to {}: {}",
            site.locales[source].name,
            counts.join(", ")
        )
    })
}

/// The translation status stage (between analyse and check): each translated page's source
/// version from git and the sections changed since. `None` without a source locale.
fn translation_status(
    site: &Site,
    sources: &Sources,
    locales: &[AnalysedLocale],
    pairing: &Pairing,
) -> Option<status::StatusReport> {
    site.source_index()?;
    let files: Vec<Vec<Option<&source::SourceFile>>> = locales
        .iter()
        .enumerate()
        .map(|(l, locale)| {
            locale
                .pages
                .iter()
                .map(|p| sources.get(l, &p.path))
                .collect()
        })
        .collect();
    status::run(site, &files, pairing)
}

/// The translation status stage over the analysed pages, as build, check and serve run it:
/// the status (its `stale-translation` findings go to `findings`), and the summary notes
/// (the fallback note, then the status's own). `None` without a source locale.
pub(crate) fn run(
    site: &Site,
    sources: &Sources,
    locales: &[AnalysedLocale],
    pairing: &Pairing,
    shard: &Shard,
    findings: &mut Vec<Diagnostic>,
) -> (Option<StatusReport>, Vec<String>) {
    let status = translation_status(site, sources, locales, pairing);
    let mut notes: Vec<String> = fallback_note(site, locales, shard).into_iter().collect();
    if let Some(report) = &status {
        findings.extend(status::stale_findings(report));
        notes.extend(report.notes.iter().cloned());
    }
    (status, notes)
}
