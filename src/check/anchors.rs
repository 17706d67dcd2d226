//! `broken-anchor`: a `#fragment` that names no id of its target page (after includes). A
//! link may lead into the source locale (a page the translation lacks): its fragment is
//! checked there.

use crate::diagnostic::{Code, Diagnostic};
use crate::page::{LinkTarget, Page};
use crate::site::Locale;
use std::collections::{HashMap, HashSet};

/// The element ids of each page of a locale (after include expansion), by page path.
pub(super) type PageIds<'p> = HashMap<&'p str, HashSet<&'p str>>;

/// The element ids of each page (after include expansion), by page path.
pub(super) fn anchor_ids(pages: &[Page]) -> PageIds<'_> {
    pages
        .iter()
        .map(|p| {
            (
                p.path.as_str(),
                p.anchors.iter().map(|a| a.id.as_str()).collect(),
            )
        })
        .collect()
}

/// Checks every fragment of every link of locale `l` against the ids of its target page;
/// `ids` holds the ids of every locale's pages, in site order.
pub(super) fn broken_anchors(
    locales: &[Locale],
    l: usize,
    pages: &[Page],
    ids: &[PageIds<'_>],
    findings: &mut Vec<Diagnostic>,
) {
    let locale = &locales[l];
    for page in pages {
        for link in &page.links {
            let Some(fragment) = link.fragment.as_deref().filter(|f| !f.is_empty()) else {
                continue;
            };
            let (target_locale, target_path, target_site_path) = match &link.target {
                LinkTarget::SamePage => (l, page.path.as_str(), page.site_path.clone()),
                LinkTarget::Page(path) => {
                    let Some(target) = locales.get(link.locale) else {
                        continue;
                    };
                    (link.locale, path.as_str(), target.site_path(path))
                }
                _ => continue,
            };
            let Some(target_ids) = ids.get(target_locale).and_then(|i| i.get(target_path)) else {
                continue;
            };
            if target_ids.contains(fragment) {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::BrokenAnchor,
                Some(&locale.name),
                &link.at,
                format!("anchor `#{fragment}` does not exist on `{target_site_path}`"),
            );
            d.related.extend(link.via.iter().cloned());
            findings.push(d);
        }
    }
}
