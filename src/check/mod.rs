//! The check stage: pure functions over the analysed pages of every locale. Nothing here
//! reads or writes a file.

mod anchors;
mod collisions;
mod parity;
mod toc_links;

use crate::analyse::AnalysedLocale;
use crate::diagnostic::Diagnostic;
use crate::site::Site;
use crate::site::pairing::Pairing;
use crate::site::shard::Shard;
use crate::status::{Change, PageState, StatusReport};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// What the check stage reads.
pub(crate) struct Input<'a> {
    pub site: &'a Site,
    /// Each locale's pages and TOCs, in site order.
    pub locales: &'a [AnalysedLocale],
    pub pairing: &'a Pairing,
    /// The locales whose findings the run makes (the others are only compared with).
    pub shard: &'a Shard,
    /// Whether the run writes search pages (a source at their path collides).
    pub search: bool,
    /// What a run may take from the one before it (`rosetta serve`).
    pub reuse: Option<Reuse<'a>>,
}

/// What lets a run of the checks take findings from the one before it.
pub(crate) struct Reuse<'a> {
    /// A fingerprint of each analysed page (everything about it), per locale in page order.
    pub prints: &'a [Vec<u64>],
    /// What the run before kept.
    pub memo: &'a Memo,
}

/// The findings one run of the checks keeps for the next: each article's parity findings,
/// under a key of everything they are made of, so that the next run compares again only
/// the articles whose pages (or whose status) changed.
#[derive(Default)]
pub(crate) struct Memo {
    parity: std::sync::Mutex<parity::Memo>,
}

/// Every cross-page finding on the shard's own locales: fragments that miss their anchor,
/// outputs that collide, TOC entries that lead nowhere, and translation parity. With the translation status, a
/// stale translation is not held to the ids of sections its source added since the
/// version it was made from (`stale-translation` reports those).
pub(crate) fn run(
    input: &Input<'_>,
    status: Option<&StatusReport>,
    findings: &mut Vec<Diagnostic>,
) {
    let site = input.site;
    let ids: Vec<anchors::PageIds<'_>> = input
        .locales
        .par_iter()
        .map(|l| anchors::anchor_ids(&l.pages))
        .collect();
    // Each locale's links and outputs, and the parity of all, side by side; the findings
    // keep the order of a run one after the other.
    let (per_locale, parity) = rayon::join(
        || {
            site.locales
                .par_iter()
                .zip(input.locales)
                .enumerate()
                .map(|(l, (locale, analysed))| {
                    let pages = &analysed.pages;
                    let mut found = Vec::new();
                    if !input.shard.owns(l) {
                        return found;
                    }
                    anchors::broken_anchors(&site.locales, l, pages, &ids, &mut found);
                    collisions::output_collisions(locale, pages, &mut found);
                    if input.search {
                        collisions::search_page_collisions(locale, pages, &mut found);
                    }
                    toc_links::toc_links(&site.locales, l, &analysed.tocs, &ids, &mut found);
                    found
                })
                .collect::<Vec<_>>()
        },
        || parity_findings(input, status),
    );
    findings.extend(per_locale.into_iter().flatten());
    findings.extend(parity);
}

/// The translation parity findings of the site.
fn parity_findings(input: &Input<'_>, status: Option<&StatusReport>) -> Vec<Diagnostic> {
    let site = input.site;
    let names: Vec<&str> = site.locales.iter().map(|l| l.name.as_str()).collect();
    let reference = names
        .iter()
        .position(|n| *n == site.reference_locale())
        .unwrap_or(0);
    let added_since = added_since_translated(status);
    let locales = parity::Locales {
        names: &names,
        reference,
        locales: input.locales,
        pairing: input.pairing,
        shard: input.shard,
        source: site.source_index() == Some(reference),
        added_since: &added_since,
    };
    let mut findings = Vec::new();
    parity::check(&locales, input.reuse.as_ref(), &mut findings);
    findings
}

/// Per stale translation (by its site-relative path), the ids of the sections its source
/// added since the version the translation was made from.
fn added_since_translated(status: Option<&StatusReport>) -> HashMap<&str, HashSet<&str>> {
    let mut added: HashMap<&str, HashSet<&str>> = HashMap::new();
    for page in status
        .iter()
        .flat_map(|s| &s.locales)
        .flat_map(|l| &l.pages)
    {
        if let PageState::Stale(changes) = &page.state {
            let ids: HashSet<&str> = changes
                .iter()
                .filter(|c| c.change == Change::Added)
                .map(|c| c.id.as_str())
                .collect();
            if !ids.is_empty() {
                added.insert(&page.file, ids);
            }
        }
    }
    added
}

#[cfg(test)]
mod tests;
