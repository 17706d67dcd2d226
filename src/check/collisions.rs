//! `output-collision`: two sources that would write one output file (compared without
//! letter case, since the site may be served from a case-insensitive file system).

use crate::diagnostic::{Code, Diagnostic, Location, Related};
use crate::page::Page;
use crate::page::search_page_sources;
use crate::site::Locale;
use crate::site::paths::SEARCH_PAGE;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Finds the sources of a locale that map to one output path.
pub(super) fn output_collisions(locale: &Locale, pages: &[Page], findings: &mut Vec<Diagnostic>) {
    let mut outputs: Vec<(&str, &str)> = pages
        .iter()
        .map(|p| (p.output.as_str(), p.path.as_str()))
        .chain(locale.resources.iter().map(|r| (r.as_str(), r.as_str())))
        .collect();
    outputs.sort_by(|a, b| a.1.cmp(b.1));
    let mut first: HashMap<String, &str> = HashMap::with_capacity(outputs.len());
    for (output, source) in outputs {
        match first.entry(output.to_lowercase()) {
            Entry::Occupied(earlier) => {
                let earlier = *earlier.get();
                let at = Location::file_start(locale.site_path(source));
                let other = Location::file_start(locale.site_path(earlier));
                findings.push(
                    Diagnostic::new(
                        Code::OutputCollision,
                        Some(&locale.name),
                        &at,
                        format!(
                            "`{source}` and `{earlier}` both map to the output `{}/{output}`",
                            locale.name
                        ),
                    )
                    .with_related(Related::new(&other, "the other source")),
                );
            }
            Entry::Vacant(slot) => {
                slot.insert(source);
            }
        }
    }
}

/// Finds the sources of a locale that take the output path of its generated search page
/// (`<locale>/search.html`, when the site has search). The source is written and the search
/// page is not, so the finding says so.
pub(super) fn search_page_collisions(
    locale: &Locale,
    pages: &[Page],
    findings: &mut Vec<Diagnostic>,
) {
    let page = SEARCH_PAGE;
    findings.extend(
        search_page_sources(locale, pages)
            .into_iter()
            .map(|source| {
                Diagnostic::new(
                    Code::OutputCollision,
                    Some(&locale.name),
                    &Location::file_start(locale.site_path(source)),
                    format!(
                        "`{source}` maps to the output `{}/{page}`, the locale's search page: \
                     the search page is not written (rename the source, or set `search: false`)",
                        locale.name
                    ),
                )
            }),
    );
}
