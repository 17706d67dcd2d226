//! The pivot definitions (`zone-pivot-groups.yml`) of each locale.

use crate::dfm;
use crate::diagnostic::{self, Diagnostic};
use crate::site;

/// The pivot definitions (`zone-pivot-groups.yml`) of a locale, by path; one that does not
/// read is a `config` finding at its place.
pub(super) fn load_pivot_definitions(
    locale: &site::Locale,
    findings: &mut Vec<Diagnostic>,
) -> std::collections::HashMap<String, dfm::pivot_groups::PivotGroups> {
    let mut out = std::collections::HashMap::new();
    for path in &locale.pivot_definitions {
        let site_path = locale.site_path(path);
        let text = match std::fs::read(locale.dir.join(path)) {
            Ok(bytes) => String::from_utf8_lossy(&bytes)
                .trim_start_matches('\u{feff}')
                .to_owned(),
            Err(err) => {
                findings.push(Diagnostic::new(
                    diagnostic::Code::Io,
                    Some(&locale.name),
                    &diagnostic::Location::file_start(site_path),
                    format!("cannot read the pivot definitions: {err}"),
                ));
                continue;
            }
        };
        let problems = match dfm::pivot_groups::parse(&text) {
            Ok(mut defs) => {
                let problems = std::mem::take(&mut defs.problems);
                out.insert(path.clone(), defs);
                problems
            }
            Err(err) => vec![err],
        };
        for p in problems {
            findings.push(Diagnostic::new(
                diagnostic::Code::Config,
                Some(&locale.name),
                &diagnostic::Location::new(site_path.clone(), p.line, p.column),
                format!("pivot definitions: {}", p.message),
            ));
        }
    }
    out
}
