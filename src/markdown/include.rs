//! Includes: a block directive is replaced by the blocks of the file, parsed on its own; an
//! inline directive by the file's inline content. The file keeps its own positions, and
//! its references resolve from its own folder.

use super::{FileCtx, MAX_INCLUDE_DEPTH, MAX_PAGE_BYTES, Pass, is_inline_event};
use crate::dfm::OPTIONS;
use crate::dfm::directive::IncludeDirective;
use crate::diagnostic::{Code, Related};
use crate::page::IncludeFact;
use crate::site::paths::{FileKind, Reference, Root};
use crate::source::SourceFile;
use percent_encoding::percent_decode_str;
use pulldown_cmark::{Event, Parser};
use std::sync::Arc;

/// An include's path as written, read: percent-decoded, without `?query` or `#fragment`,
/// `\\` as `/`.
pub(super) fn include_path(raw: &str) -> String {
    let decoded = percent_decode_str(raw).decode_utf8_lossy();
    decoded
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .replace('\\', "/")
}

/// What an include's path (as [`include_path`] reads it) names: from the docset's root
/// with `~/`, else from the including file's folder; `None` for a path that is not
/// relative (absolute, a URL, empty).
pub(super) fn include_reference(path: String) -> Option<Reference> {
    let (root, path) = match path.strip_prefix("~/") {
        Some(rest) => (Root::Docset, rest.to_owned()),
        None => (Root::File, path),
    };
    if path.starts_with('/') || path.contains(':') || path.is_empty() {
        return None;
    }
    Some(Reference::file(path, root))
}

impl<'a> Pass<'_, 'a> {
    /// Expands a block include at byte `offset` of `f`.
    pub(super) fn include_block(&mut self, f: &FileCtx<'a>, d: &IncludeDirective, offset: usize) {
        let Some(target) = self.resolve_include(f, &d.path, offset) else {
            return;
        };
        let saved = self.enter(f, target, offset);
        self.blocks(target);
        self.leave(saved);
    }

    /// Expands an inline include: the file's inline content, blocks joined by line breaks.
    pub(super) fn include_inline(&mut self, f: &FileCtx<'a>, d: &IncludeDirective, offset: usize) {
        let Some(target) = self.resolve_include(f, &d.path, offset) else {
            return;
        };
        let saved = self.enter(f, target, offset);
        let base = target.body_start;
        let mut events = Vec::new();
        let mut pending_break = false;
        for (event, range) in Parser::new_ext(target.body(), OPTIONS).into_offset_iter() {
            let range = range.start + base..range.end + base;
            if is_inline_event(&event) {
                if pending_break && !events.is_empty() {
                    events.push((Event::SoftBreak, range.start..range.start));
                }
                pending_break = false;
                events.push((event, range));
            } else {
                pending_break = true;
            }
        }
        let inner = FileCtx::new(target);
        self.inline(&inner, events);
        self.leave(saved);
    }

    /// Resolves an include path and checks the limits; findings for whatever stops it.
    fn resolve_include(
        &mut self,
        f: &FileCtx<'a>,
        raw: &str,
        offset: usize,
    ) -> Option<&'a SourceFile> {
        let path = include_path(raw);
        if raw.contains('\\') {
            self.report(
                f,
                Code::LinkBackslash,
                offset,
                format!("include path `{raw}` uses `\\` as separator; it is read as `{path}`"),
            );
        }
        let resolver = self.ctx.resolver;
        let locale = resolver.own();
        let Some(reference) = include_reference(path) else {
            self.report(
                f,
                Code::IncludeNotFound,
                offset,
                format!("include path `{raw}` must be relative to the file"),
            );
            return None;
        };
        let Ok(normalized) = resolver.normalize(&f.src.path, &reference) else {
            self.report(
                f,
                Code::IncludeOutsideRoot,
                offset,
                format!(
                    "include `{raw}` leaves the locale folder {}/; it is not read",
                    locale.site_dir
                ),
            );
            return None;
        };
        let found = match resolver.find_file(&normalized) {
            Some(found) if found.kind != FileKind::Folder => {
                if found.case_fixed {
                    self.report(
                        f,
                        Code::LinkCase,
                        offset,
                        format!(
                            "include `{raw}` differs in letter case from the file on disk `{}`",
                            found.path
                        ),
                    );
                }
                found
            }
            _ => {
                self.record_include(f, normalized.clone(), offset);
                self.report(
                    f,
                    Code::IncludeNotFound,
                    offset,
                    format!(
                        "include file `{raw}` does not exist ({})",
                        locale.site_path(&normalized)
                    ),
                );
                return None;
            }
        };
        self.record_include(f, found.path.clone(), offset);
        if found.locale != resolver.locale {
            self.fallbacks += 1;
        }
        let Some(target) = self.ctx.sources.get(found.locale, &found.path) else {
            self.report(
                f,
                Code::IncludeNotFound,
                offset,
                format!("include file `{raw}` is not a Markdown file that could be read"),
            );
            return None;
        };
        if target.path == self.page_path || self.chain.contains(&target.path.as_str()) {
            let mut names: Vec<&str> = vec![self.page_path];
            names.extend(self.chain.iter().copied());
            names.push(&target.path);
            self.report(
                f,
                Code::IncludeCycle,
                offset,
                format!("include cycle: {}", names.join(" → ")),
            );
            return None;
        }
        if self.chain.len() >= MAX_INCLUDE_DEPTH {
            self.report(
                f,
                Code::IncludeLimit,
                offset,
                format!("includes nest deeper than {MAX_INCLUDE_DEPTH}; `{raw}` is not expanded"),
            );
            return None;
        }
        if self.grown + target.text.len() > MAX_PAGE_BYTES {
            self.report(
                f,
                Code::IncludeLimit,
                offset,
                format!(
                    "the page grows past {} MiB through includes; `{raw}` is not expanded",
                    MAX_PAGE_BYTES >> 20
                ),
            );
            return None;
        }
        self.grown += target.text.len();
        Some(target)
    }

    fn record_include(&mut self, f: &FileCtx<'a>, target: String, offset: usize) {
        let at = f.loc.location(offset);
        let key = (target.clone(), at.file.clone(), at.line, at.column);
        if self.include_seen.insert(key) {
            self.includes.push(IncludeFact {
                target,
                at,
                direct: self.chain.is_empty(),
            });
        }
    }

    /// Steps into an include file; returns what [`Pass::leave`] restores.
    fn enter(&mut self, f: &FileCtx<'a>, target: &'a SourceFile, offset: usize) -> Arc<[Related]> {
        let at = f.loc.location(offset);
        let mut via: Vec<Related> = self.via.to_vec();
        via.push(Related::new(
            &at,
            format!("`{}` is included here", target.site_path),
        ));
        self.chain.push(&target.path);
        std::mem::replace(&mut self.via, via.into())
    }

    fn leave(&mut self, saved: Arc<[Related]>) {
        self.chain.pop();
        self.via = saved;
    }
}
