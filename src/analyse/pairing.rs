//! Which analysed pages are translations of one another, as [`Pairing`] decides it from
//! each page's path, asset ID and uid.

use super::AnalysedLocale;
use crate::dfm;
use crate::site::Site;
use crate::site::pairing::{PageKey, Pairing};
use crate::source::{SourceFile, Sources};

/// How the analysed pages of all locales pair (by path, then by asset ID or uid).
pub(crate) fn pair_pages(locales: &[AnalysedLocale]) -> Pairing {
    pair_by_front_matter(
        locales
            .iter()
            .map(|locale| {
                locale
                    .pages
                    .iter()
                    .map(|p| (p.path.as_str(), &*p.front_matter))
                    .collect()
            })
            .collect(),
    )
}

/// How pages of all locales pair, given each page's path and front matter: by path, then by
/// `ms.assetid`, else by `uid`, as DocFX's uids name one article in every language
/// (prefixed, so that a uid never meets an asset ID).
fn pair_by_front_matter(pages: Vec<Vec<(&str, &dfm::front_matter::FrontMatter)>>) -> Pairing {
    let uids: Vec<Vec<Option<String>>> = pages
        .iter()
        .map(|locale| {
            locale
                .iter()
                .map(|(_, fm)| fm.uid().map(|uid| format!("uid:{uid}")))
                .collect()
        })
        .collect();
    let keys: Vec<Vec<PageKey<'_>>> = pages
        .iter()
        .zip(&uids)
        .map(|(locale, uids)| {
            locale
                .iter()
                .zip(uids)
                .map(|((path, fm), uid)| PageKey {
                    path,
                    asset_id: fm.asset_id.as_deref().or(uid.as_deref()),
                })
                .collect()
        })
        .collect();
    Pairing::new(&keys)
}

/// The pages of every locale as loaded (without analysing them) and how they pair: what
/// `rosetta status` reads.
pub(crate) fn pair_sources<'s>(
    site: &Site,
    sources: &'s Sources,
) -> (Vec<Vec<Option<&'s SourceFile>>>, Pairing) {
    let files: Vec<Vec<Option<&SourceFile>>> = site
        .locales
        .iter()
        .enumerate()
        .map(|(l, locale)| {
            locale
                .pages
                .iter()
                .filter_map(|path| sources.get(l, path))
                .map(Some)
                .collect()
        })
        .collect();
    let pairing = pair_by_front_matter(
        files
            .iter()
            .map(|locale| {
                locale
                    .iter()
                    .flatten()
                    .map(|f| (f.path.as_str(), &*f.front_matter))
                    .collect()
            })
            .collect(),
    );
    (files, pairing)
}
