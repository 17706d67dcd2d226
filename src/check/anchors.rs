//! `broken-anchor`: a `#fragment` that names no id of its target page (after includes). A
//! link may lead into the source locale (a page the translation lacks): its fragment is
//! checked there. A `#tab/id` fragment selects a tab (DocFX's tab links): it is checked
//! against the target page's tab ids, not its anchors.

use crate::diagnostic::{Code, Diagnostic};
use crate::page::{LinkTarget, Page};
use crate::site::Locale;
use std::collections::{HashMap, HashSet};

/// The pages of a locale by path: what a fragment's target is looked up in.
pub(super) type PageIds<'p> = HashMap<&'p str, &'p Page>;

/// The pages of a locale by path.
pub(super) fn anchor_ids(pages: &[Page]) -> PageIds<'_> {
    pages.iter().map(|p| (p.path.as_str(), p)).collect()
}

/// Whether a page has an element with the id `id` (after include expansion).
pub(super) fn has_id(page: &Page, id: &str) -> bool {
    page.anchors.iter().any(|a| a.id == id)
}

/// What is wrong with `#fragment` on `page`, if anything: a tab it lacks (`#tab/id`), or
/// an id.
pub(super) fn missing_target(page: &Page, fragment: &str) -> Option<String> {
    missing_target_by(page, fragment, || has_id(page, fragment))
}

/// [`missing_target`] with the id looked up by `has_id`.
fn missing_target_by(page: &Page, fragment: &str, has_id: impl FnOnce() -> bool) -> Option<String> {
    let site_path = &page.site_path;
    match tab_of(fragment) {
        Some(tab) if page.tabs.iter().any(|t| t == tab) => None,
        Some(tab) => Some(format!(
            "tab `{tab}` (`#{fragment}`) does not exist on `{site_path}`"
        )),
        None if has_id() => None,
        None => Some(format!(
            "anchor `#{fragment}` does not exist on `{site_path}`"
        )),
    }
}

/// The tab id a `tab/id` (or `tab/id/condition`) fragment selects.
pub(super) fn tab_of(fragment: &str) -> Option<&str> {
    let rest = fragment.strip_prefix("tab/")?;
    Some(rest.split('/').next().unwrap_or(rest)).filter(|t| !t.is_empty())
}

/// Pages with more ids than this have them looked up in a set (made once per page and run)
/// rather than by a scan, so that many links into a page of many ids cost linear time.
const SCANNED_IDS: usize = 32;

/// The ids of the pages with many of them, made as links lead to them.
#[derive(Default)]
pub(super) struct IdSets<'p> {
    sets: HashMap<&'p str, HashSet<&'p str>>,
}

impl<'p> IdSets<'p> {
    fn has_id(&mut self, page: &'p Page, id: &str) -> bool {
        if page.anchors.len() <= SCANNED_IDS {
            return has_id(page, id);
        }
        self.sets
            .entry(&page.site_path[..])
            .or_insert_with(|| page.anchors.iter().map(|a| a.id.as_str()).collect())
            .contains(id)
    }
}

/// Checks every fragment of the links of one page of locale `l` against the ids of its
/// target page; `target` finds a page by its locale and path, `sets` keeps the ids of
/// pages with many of them from page to page.
pub(super) fn page_broken_anchors<'p>(
    locales: &[Locale],
    l: usize,
    page: &'p Page,
    target: &dyn Fn(usize, &str) -> Option<&'p Page>,
    sets: &mut IdSets<'p>,
    findings: &mut Vec<Diagnostic>,
) {
    let locale = &locales[l];
    for link in &page.links {
        let Some(fragment) = link.fragment.as_deref().filter(|f| !f.is_empty()) else {
            continue;
        };
        let target = match &link.target {
            LinkTarget::SamePage => Some(page),
            LinkTarget::Page(path) => target(link.locale, path),
            _ => continue,
        };
        let Some(target) = target else {
            continue;
        };
        let Some(message) = missing_target_by(target, fragment, || sets.has_id(target, fragment))
        else {
            continue;
        };
        let mut d = Diagnostic::new(Code::BrokenAnchor, Some(&locale.name), &link.at, message);
        d.related.extend(link.via.iter().cloned());
        findings.push(d);
    }
}

/// Whether a page links (with a fragment) into one of `targets` (locale, path).
pub(super) fn links_into(page: &Page, targets: &[(usize, &str)]) -> bool {
    page.links.iter().any(|link| {
        link.fragment.as_deref().is_some_and(|f| !f.is_empty())
            && matches!(&link.target, LinkTarget::Page(path)
                if targets.iter().any(|(l, p)| *l == link.locale && p == path))
    })
}
