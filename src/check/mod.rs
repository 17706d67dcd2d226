//! The check stage: pure functions over the analysed pages of every locale. Nothing here
//! reads or writes a file.

mod anchors;
mod collisions;

use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::site::Site;

/// The pages of one locale, in the order of `Locale::pages`.
pub type LocalePages = Vec<Page>;

/// Every cross-page finding: fragments that miss their anchor, outputs that collide.
pub fn run(site: &Site, pages: &[LocalePages]) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (locale, locale_pages) in site.locales.iter().zip(pages) {
        findings.extend(anchors::broken_anchors(&locale.name, locale_pages));
        findings.extend(collisions::output_collisions(locale, locale_pages));
    }
    findings
}
