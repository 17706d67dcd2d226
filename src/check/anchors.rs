//! `broken-anchor`: a `#fragment` that names no id of its target page (after includes).

use crate::diagnostic::{Code, Diagnostic};
use crate::page::{LinkTarget, Page};
use crate::site::Locale;
use std::collections::{HashMap, HashSet};

/// The element ids of each page (after include expansion), by page path.
pub(super) fn anchor_ids(pages: &[Page]) -> HashMap<&str, HashSet<&str>> {
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

/// Checks every fragment of every link of a locale against the ids of its target page.
pub(super) fn broken_anchors(locale: &Locale, pages: &[Page], findings: &mut Vec<Diagnostic>) {
    let ids = anchor_ids(pages);
    for page in pages {
        for link in &page.links {
            let Some(fragment) = link.fragment.as_deref().filter(|f| !f.is_empty()) else {
                continue;
            };
            let (target_path, target_site_path) = match &link.target {
                LinkTarget::SamePage => (page.path.as_str(), page.site_path.clone()),
                LinkTarget::Page(path) => (path.as_str(), locale.site_path(path)),
                _ => continue,
            };
            let Some(target_ids) = ids.get(target_path) else {
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
