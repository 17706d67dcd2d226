//! The cross-reference index of each locale: its pages' uids (`uid:` in front matter,
//! `duplicate-uid`) and the other sites' xref maps it names (`xrefmaps/`).

use crate::dfm;
use crate::diagnostic::{self, Diagnostic};
use crate::site;
use crate::source::Sources;

/// The uids of a locale's pages (`uid:` in front matter) and the other sites' maps; two
/// pages with one uid are each a `duplicate-uid` finding.
pub(crate) fn xref_index(
    l: usize,
    locale: &site::Locale,
    sources: &Sources,
    maps: &super::xrefmaps::LocaleMaps,
    findings: &mut Vec<Diagnostic>,
) -> dfm::xref::XrefIndex {
    let mut index = dfm::xref::XrefIndex {
        maps: maps.maps.clone(),
        incomplete: maps.incomplete,
        ..Default::default()
    };
    let mut seen: std::collections::BTreeMap<String, Vec<(std::sync::Arc<str>, u32)>> =
        std::collections::BTreeMap::new();
    for path in &locale.pages {
        let Some(source) = sources.get(l, path) else {
            continue;
        };
        let Some(uid) = source.front_matter.uid() else {
            continue;
        };
        let line = dfm::pivot_groups::front_matter_key_offset(&source.text, "uid")
            .map_or(1, |o| source.line_of(o));
        seen.entry(uid.to_owned())
            .or_default()
            .push((source.site_path.clone(), line));
        index
            .own
            .entry(uid.to_owned())
            .or_insert(dfm::xref::XrefSpec {
                uid: uid.to_owned(),
                name: source.front_matter.title.clone(),
                href: Some(site::paths::page_output(path)),
                ..Default::default()
            });
    }
    for (uid, places) in seen.into_iter().filter(|(_, p)| p.len() > 1) {
        for (file, line) in &places {
            let others: Vec<&str> = places
                .iter()
                .filter(|(f, _)| f != file)
                .map(|(f, _)| &**f)
                .collect();
            findings.push(Diagnostic::new(
                diagnostic::Code::DuplicateUid,
                Some(&locale.name),
                &diagnostic::Location::new(file.clone(), *line, 1),
                format!("uid `{uid}` is also the uid of {}", others.join(", ")),
            ));
        }
    }
    index
}

/// Per locale: how many places hold a cross reference left unresolved while a map is
/// missing, each place once (a place in an include file is on every page that includes
/// it, as its finding would be once).
pub(crate) fn unresolved_xrefs(locales: &[super::AnalysedLocale]) -> Vec<usize> {
    locales
        .iter()
        .map(|locale| {
            let places: std::collections::HashSet<&diagnostic::Location> = locale
                .pages
                .iter()
                .flat_map(|p| &p.unresolved_xrefs)
                .collect();
            places.len()
        })
        .collect()
}
