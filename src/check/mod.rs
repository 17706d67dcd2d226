//! The check stage: pure functions over the analysed pages of every locale. Nothing here
//! reads or writes a file.

mod anchors;
mod collisions;
pub use collisions::search_page_sources;
pub mod parity;
mod toc_links;

use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::site::Site;
use crate::site::pairing::{PageKey, Pairing};
use crate::site::toc::Toc;

/// The pages of one locale, in the order of `Locale::pages`.
pub type LocalePages = Vec<Page>;

/// The TOCs of one locale, in the order of `Locale::tocs`.
pub type LocaleTocs = Vec<Toc>;

/// Every cross-page finding: fragments that miss their anchor, outputs that collide, TOC
/// entries that lead nowhere, and translation parity.
pub fn run(site: &Site, pages: &[LocalePages], tocs: &[LocaleTocs]) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (l, (locale, locale_pages)) in site.locales.iter().zip(pages).enumerate() {
        findings.extend(anchors::broken_anchors(&locale.name, locale_pages));
        findings.extend(collisions::output_collisions(locale, locale_pages));
        if site.config.search {
            findings.extend(collisions::search_page_collisions(locale, locale_pages));
        }
        if let Some(locale_tocs) = tocs.get(l) {
            findings.extend(toc_links::toc_links(
                &locale.name,
                locale_tocs,
                locale_pages,
            ));
        }
    }
    let names: Vec<&str> = site.locales.iter().map(|l| l.name.as_str()).collect();
    let reference = names
        .iter()
        .position(|n| *n == site.reference_locale())
        .unwrap_or(0);
    let pairing = pairing(pages);
    findings.extend(parity::check(&parity::Locales {
        names: &names,
        reference,
        pages,
        pairing: &pairing,
    }));
    findings
}

/// How the analysed pages of all locales pair (SPEC §4).
pub fn pairing(pages: &[LocalePages]) -> Pairing {
    let keys: Vec<Vec<PageKey<'_>>> = pages
        .iter()
        .map(|locale| {
            locale
                .iter()
                .map(|p| PageKey {
                    path: &p.path,
                    asset_id: p.front_matter.asset_id.as_deref(),
                })
                .collect()
        })
        .collect();
    Pairing::new(&keys)
}
