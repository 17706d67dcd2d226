//! Code snippets in the pass: `[!code-…]` lines (recognised in `quote.rs`) become the
//! highlighted lines of their file (`dfm::snippet`, `dfm::highlight`). The file resolves
//! like an include (relative to the file that holds the directive, `~/` from the docset,
//! the source locale's copy when a translation lacks it) and is never read outside the
//! locale folder; at most `snippet::MAX_SNIPPET_BYTES` of it are read.

use super::{FileCtx, Pass};
use crate::dfm::snippet::{self, CodeSnippet};
use crate::dfm::{highlight, html::escape};
use crate::diagnostic::Code;
use crate::site::paths::{FileKind, Reference, Root};
use percent_encoding::percent_decode_str;

impl<'a> Pass<'_, 'a> {
    /// Writes a code snippet directive found at file offset `offset`.
    pub(super) fn code_snippet(&mut self, f: &FileCtx<'a>, s: &CodeSnippet, offset: usize) {
        let raw = s.path.as_str();
        let decoded = percent_decode_str(raw)
            .decode_utf8_lossy()
            .replace('\\', "/");
        let (root, path) = match decoded.strip_prefix("~/") {
            Some(rest) => (Root::Docset, rest.to_owned()),
            None => (Root::File, decoded.clone()),
        };
        if path.starts_with('/') || path.contains(':') || path.is_empty() {
            self.snippet_missing(
                f,
                offset,
                format!("snippet path `{raw}` must be relative to the file"),
            );
            return;
        }
        let resolver = self.ctx.resolver;
        let reference = Reference::file(path, root);
        let Ok(normalized) = resolver.normalize(&f.src.path, &reference) else {
            self.snippet_missing(
                f,
                offset,
                format!("snippet `{raw}` leaves the locale folder; it is not read"),
            );
            return;
        };
        let found = match resolver.find_file(&normalized) {
            Some(found) if found.kind != FileKind::Folder => found,
            _ => {
                self.snippet_missing(
                    f,
                    offset,
                    format!(
                        "snippet file `{raw}` does not exist ({})",
                        resolver.own().site_path(&normalized)
                    ),
                );
                return;
            }
        };
        if found.case_fixed {
            self.report(
                f,
                Code::LinkCase,
                offset,
                format!(
                    "snippet `{raw}` differs in letter case from the file on disk `{}`",
                    found.path
                ),
            );
        }
        if found.locale != resolver.locale {
            self.fallbacks += 1;
        }
        let disk = resolver.locales[found.locale].dir.join(&found.path);
        let (content, cut) = match snippet::read_capped(&disk) {
            Ok(read) => read,
            Err(err) => {
                self.snippet_missing(
                    f,
                    offset,
                    format!("snippet file `{raw}` cannot be read: {err}"),
                );
                return;
            }
        };
        if cut {
            self.report(
                f,
                Code::IncludeLimit,
                offset,
                format!(
                    "snippet file `{raw}` is larger than {} MiB: only its first {} MiB are read",
                    snippet::MAX_SNIPPET_BYTES / (1024 * 1024),
                    snippet::MAX_SNIPPET_BYTES / (1024 * 1024)
                ),
            );
        }
        let extension = found.path.rsplit_once('.').map_or("", |(_, e)| e);
        let extracted = snippet::extract(&content, s, extension);
        for problem in extracted.problems {
            self.report(f, Code::SnippetNotFound, offset, problem);
        }
        if self.ctx.render {
            self.emit_html(highlight::snippet_html(s, &extracted.code, extension));
        }
    }

    /// A snippet that cannot be shown: a finding, and a note in its place.
    fn snippet_missing(&mut self, f: &FileCtx<'a>, offset: usize, message: String) {
        let note = format!(
            "<div class=\"alert warning snippet-missing\" role=\"note\"><p>{}</p></div>\n",
            escape(&message)
        );
        self.report(f, Code::SnippetNotFound, offset, message);
        self.emit_html(note);
    }
}
