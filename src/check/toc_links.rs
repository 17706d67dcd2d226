//! TOC entries: `broken-link` for a reference to nothing (or to Markdown that is not a page),
//! `broken-anchor` for a fragment the page lacks, `link-case` and `link-backslash` as for
//! links in pages. Fed by the TOCs parsed in the load stage; reads no file.

use crate::diagnostic::{Code, Diagnostic};
use crate::page::Page;
use crate::site::Locale;
use crate::site::paths::FileKind;
use crate::toc::{Toc, TocLink, TocTarget};
use std::collections::{HashMap, HashSet};

/// Checks every reference of every TOC of a locale.
pub(super) fn toc_links(
    locale: &Locale,
    tocs: &[Toc],
    pages: &[Page],
    findings: &mut Vec<Diagnostic>,
) {
    let ids = super::anchors::anchor_ids(pages);
    for toc in tocs {
        for entry in toc.walk() {
            for link in entry.link.iter().chain(&entry.other_links) {
                check_link(locale, link, &ids, findings);
            }
        }
    }
}

fn check_link(
    locale: &Locale,
    link: &TocLink,
    ids: &HashMap<&str, HashSet<&str>>,
    findings: &mut Vec<Diagnostic>,
) {
    let mut report = |code: Code, message: String| {
        findings.push(
            Diagnostic::new(code, Some(&locale.name), &link.at, message)
                .with_line_text(Some(&link.line_text)),
        );
    };
    if link.backslash {
        report(
            Code::LinkBackslash,
            format!("TOC path `{}` uses `\\` as separator", link.written),
        );
    }
    let (path, case_fixed) = match &link.target {
        TocTarget::External => return,
        TocTarget::OutsideRoot => {
            report(
                Code::BrokenLink,
                format!(
                    "TOC entry `{}` points outside the locale folder",
                    link.written
                ),
            );
            return;
        }
        TocTarget::Missing { path } => {
            report(
                Code::BrokenLink,
                format!(
                    "TOC entry `{}` does not exist ({})",
                    link.written,
                    locale.site_path(path)
                ),
            );
            return;
        }
        TocTarget::File {
            path,
            kind: FileKind::Markdown,
            ..
        } => {
            report(
                Code::BrokenLink,
                format!(
                    "TOC entry `{}` is not a page: it is an include file or excluded by docfx.json ({path})",
                    link.written
                ),
            );
            return;
        }
        TocTarget::Page { path, case_fixed }
        | TocTarget::File {
            path, case_fixed, ..
        } => (path, *case_fixed),
    };
    if case_fixed {
        report(
            Code::LinkCase,
            format!(
                "TOC entry `{}` differs in letter case from the file on disk `{path}`",
                link.written
            ),
        );
    }
    if let (Some(fragment), Some(page_ids)) = (
        link.fragment.as_deref().filter(|f| !f.is_empty()),
        ids.get(path.as_str()),
    ) && !page_ids.contains(fragment)
    {
        report(
            Code::BrokenAnchor,
            format!(
                "anchor `#{fragment}` does not exist on `{}`",
                locale.site_path(path)
            ),
        );
    }
}
