//! The report stage: what `checks:`, `ignore:` and `--locale` let through, and the source
//! line each finding shows.

use crate::diagnostic::{self, Diagnostic, Policy, Severity};
use crate::error::Error;
use crate::site::{self, Site};
use crate::source::Sources;

/// `--locale` options name locales of the site.
pub(crate) fn check_locale_options(site: &Site, wanted: &[String]) -> Result<(), Error> {
    match wanted
        .iter()
        .find(|w| !site.locales.iter().any(|l| &l.name == *w))
    {
        Some(wanted) => Err(Error::Usage(format!(
            "--locale {wanted}: the site has no such locale"
        ))),
        None => Ok(()),
    }
}

/// What `checks:`, `ignore:` and `--locale` let through (its globs compiled once).
pub(crate) struct SitePolicy<'a> {
    site: &'a Site,
    ignore: globset::GlobSet,
    locales: &'a [String],
}

impl Policy for SitePolicy<'_> {
    fn severity(&self, code: diagnostic::Code) -> Option<Severity> {
        self.site.config.severity(code)
    }

    fn reports(&self, locale: Option<&str>, file: &str) -> bool {
        if let Some(locale) = locale {
            if !self.locales.is_empty() && !self.locales.iter().any(|l| l == locale) {
                return false;
            }
            let rel = self
                .site
                .locales
                .iter()
                .find(|l| l.name == locale)
                .and_then(|l| l.relative(file));
            if let Some(rel) = rel {
                return !self.ignore.is_match(rel);
            }
        }
        true
    }
}

impl<'a> SitePolicy<'a> {
    /// The policy of `site`, reporting only `locales` (all when empty).
    pub(crate) fn new(site: &'a Site, locales: &'a [String]) -> Self {
        let patterns: Vec<&str> = site.config.ignore.iter().map(String::as_str).collect();
        SitePolicy {
            site,
            ignore: site::docfx::glob_set(&patterns).unwrap_or_else(|_| globset::GlobSet::empty()),
            locales,
        }
    }

    /// Sorts, merges and filters the findings and attaches their source lines.
    pub(crate) fn finish(&self, sources: &Sources, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut diagnostics = diagnostic::finish(findings, self);
        attach_snippets(sources, &mut diagnostics);
        diagnostics
    }
}

/// Sorts, merges and filters the findings and attaches their source lines.
pub(crate) fn finish(
    site: &Site,
    sources: &Sources,
    findings: Vec<Diagnostic>,
    locales: &[String],
) -> Vec<Diagnostic> {
    SitePolicy::new(site, locales).finish(sources, findings)
}

/// Gives findings made after the analyse stage (cross-page checks) their source lines.
/// Findings on one line are served by one walk over it: lines can be megabytes long.
fn attach_snippets(sources: &Sources, diagnostics: &mut [Diagnostic]) {
    let mut wanted: Vec<usize> = (0..diagnostics.len())
        .filter(|&i| diagnostics[i].snippet.is_none())
        .collect();
    wanted.sort_by_key(|&i| {
        (
            diagnostics[i].file.clone(),
            diagnostics[i].line,
            diagnostics[i].column,
        )
    });
    let mut k = 0;
    while k < wanted.len() {
        let first = &diagnostics[wanted[k]];
        let (file, line) = (first.file.clone(), first.line);
        let same_line = wanted[k..]
            .iter()
            .take_while(|&&i| diagnostics[i].file == file && diagnostics[i].line == line)
            .count();
        if let Some(text) = sources.by_site_path(&file).and_then(|s| s.line_text(line)) {
            let mut chars = text.char_indices().enumerate();
            let mut last: Option<(usize, usize)> = None;
            for &i in &wanted[k..k + same_line] {
                let column = diagnostics[i].column.saturating_sub(1) as usize;
                let byte = match last {
                    Some((c, b)) if c == column => b,
                    _ => chars
                        .find(|(n, _)| *n == column)
                        .map_or(text.len(), |(_, (b, _))| b),
                };
                last = Some((column, byte));
                diagnostics[i].snippet = Some(diagnostic::Snippet::at_byte(text, byte));
            }
        }
        k += same_line;
    }
}
