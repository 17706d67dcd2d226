//! TOC entries: `broken-link` for a reference to nothing (or to Markdown that is not a page),
//! `broken-anchor` for a fragment the page lacks, `link-case` and `link-backslash` as for
//! links in pages. Fed by the TOCs parsed in the load stage; reads no file.

use super::anchors::{PageIds, missing_target};
use crate::diagnostic::{Code, Diagnostic};
use crate::site::Locale;
use crate::site::paths::FileKind;
use crate::toc::{Toc, TocLink, TocTarget};

/// Checks every reference of every TOC of locale `l`; `ids` holds the ids of every
/// locale's pages (a TOC entry may lead to a page of the source locale).
pub(super) fn toc_links(
    locales: &[Locale],
    l: usize,
    tocs: &[Toc],
    ids: &[PageIds<'_>],
    findings: &mut Vec<Diagnostic>,
) {
    for toc in tocs {
        for entry in toc.walk() {
            for link in entry.link.iter().chain(&entry.other_links) {
                check_link(locales, l, link, ids, findings);
            }
        }
    }
}

fn check_link(
    locales: &[Locale],
    l: usize,
    link: &TocLink,
    ids: &[PageIds<'_>],
    findings: &mut Vec<Diagnostic>,
) {
    let locale = &locales[l];
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
    let (target_locale, path, case_fixed) = match &link.target {
        TocTarget::External | TocTarget::Xref { .. } | TocTarget::UnknownUid => return,
        TocTarget::Url {
            url,
            redirected_from,
        } => {
            report(
                Code::LinkRedirected,
                format!(
                    "TOC entry `{}` was moved: a redirection of `{redirected_from}` leads to {url}",
                    link.written
                ),
            );
            return;
        }
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
        TocTarget::Page {
            locale,
            path,
            case_fixed,
            redirected_from,
        } => {
            if let Some(from) = redirected_from {
                report(
                    Code::LinkRedirected,
                    format!(
                        "TOC entry `{}` was moved: a redirection of `{from}` leads to `{path}`",
                        link.written
                    ),
                );
            }
            (*locale, path, *case_fixed)
        }
        TocTarget::File {
            locale,
            path,
            case_fixed,
            ..
        } => (*locale, path, *case_fixed),
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
    if let (Some(fragment), Some(page)) = (
        link.fragment.as_deref().filter(|f| !f.is_empty()),
        ids.get(target_locale).and_then(|i| i.get(path.as_str())),
    ) && let Some(message) = missing_target(page, fragment)
    {
        report(Code::BrokenAnchor, message);
    }
}
