//! The check stage: pure functions over the analysed pages of every locale. Nothing here
//! reads or writes a file.

mod anchors;
mod collisions;
mod toc_links;

use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::site::Site;
use crate::site::toc::Toc;

/// The pages of one locale, in the order of `Locale::pages`.
pub type LocalePages = Vec<Page>;

/// The TOCs of one locale, in the order of `Locale::tocs`.
pub type LocaleTocs = Vec<Toc>;

/// Every cross-page finding: fragments that miss their anchor, outputs that collide, TOC
/// entries that lead nowhere.
pub fn run(site: &Site, pages: &[LocalePages], tocs: &[LocaleTocs]) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (l, (locale, locale_pages)) in site.locales.iter().zip(pages).enumerate() {
        findings.extend(anchors::broken_anchors(&locale.name, locale_pages));
        findings.extend(collisions::output_collisions(locale, locale_pages));
        if let Some(locale_tocs) = tocs.get(l) {
            findings.extend(toc_links::toc_links(
                &locale.name,
                locale_tocs,
                locale_pages,
            ));
        }
    }
    findings
}
