//! The cross-reference index of each locale (`uid:` in front matter, `duplicate-uid`) and
//! the other sites' xref maps that rosetta.yaml names.

use crate::dfm;
use crate::diagnostic::{self, Diagnostic};
use crate::site::{self, Site};
use crate::source::Sources;

/// Other sites' xref maps that rosetta.yaml names (`xref:`); one that cannot be read is a
/// `config` finding at rosetta.yaml.
pub(super) fn load_xref_maps(
    site: &Site,
    findings: &mut Vec<Diagnostic>,
) -> Vec<dfm::xrefmap::XrefMap> {
    let mut maps = Vec::new();
    for path in &site.config.xref {
        let at = diagnostic::Location::file_start("rosetta.yaml".into());
        let parsed = std::fs::read_to_string(site.root.join(path))
            .map_err(|e| format!("cannot read the xref map `{path}`: {e}"))
            .and_then(|text| {
                dfm::xrefmap::parse(text.trim_start_matches('\u{feff}'))
                    .map_err(|e| format!("xref map `{path}` line {}: {}", e.line, e.message))
            });
        match parsed {
            Ok(map) => maps.push(map),
            Err(message) => findings.push(Diagnostic::new(
                diagnostic::Code::Config,
                None,
                &at,
                message,
            )),
        }
    }
    maps
}

/// The uids of a locale's pages (`uid:` in front matter) and the other sites' maps; two
/// pages with one uid are each a `duplicate-uid` finding.
pub(crate) fn xref_index(
    l: usize,
    locale: &site::Locale,
    sources: &Sources,
    maps: &[dfm::xrefmap::XrefMap],
    findings: &mut Vec<Diagnostic>,
) -> dfm::xref::XrefIndex {
    let mut index = dfm::xref::XrefIndex {
        maps: maps.to_vec(),
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
