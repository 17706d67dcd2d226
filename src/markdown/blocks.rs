//! The `:::` blocks in the pass: zones, moniker blocks, rows and columns. Their marker lines
//! reach the pass as HTML comments at known offsets (`dfm::markers`); the rules of one
//! container (`dfm::zone::ZoneTracker`, `dfm::moniker::MonikerTracker`,
//! `dfm::row::RowTracker`) decide what to write. A block still open when its container ends
//! is closed there (and reported). Zones for other outputs (`target="pdf"`, `"chromeless"`)
//! and moniker blocks with no version of their page are analysed but not written.
//!
//! A moniker block's versions are its range's within the page's (for an include's blocks:
//! the including page's); it is written with them (`data-moniker`) and their titles.

use super::{FileCtx, Pass};
use crate::dfm::markers::Marker;
use crate::dfm::moniker::{self, LineProblem, MonikerLine, MonikerStep, MonikerTracker, Versions};
use crate::dfm::pivot_groups::{self, PivotGroup, PivotGroups};
use crate::dfm::row::{self, RowProblem, RowStep, RowTracker};
use crate::dfm::zone::{self, ZoneLine, ZoneProblem, ZoneStep, ZoneTracker};
use crate::diagnostic::Code;
use crate::page::MonikerBlock;
use std::sync::Arc;

/// The zones and rows open in the containers of one file walk.
#[derive(Default)]
pub(super) struct ColonBlocks {
    /// Per container depth: its zone and row state, and whether its open zone is written.
    levels: Vec<Level>,
}

struct Level {
    depth: usize,
    zones: ZoneTracker,
    monikers: MonikerTracker,
    rows: RowTracker,
    zone_rendered: bool,
}

/// A moniker block open in the pass.
pub(super) struct OpenMoniker {
    /// The container depth it was opened at.
    depth: usize,
    /// Its versions' names (`vs-2017 vs-2019`), for the headings in it.
    pub(super) names: Arc<str>,
    /// Whether it is written (it has versions).
    rendered: bool,
}

impl ColonBlocks {
    fn level(&mut self, depth: usize) -> &mut Level {
        if self.levels.last().is_none_or(|l| l.depth != depth) {
            self.levels.push(Level {
                depth,
                zones: ZoneTracker::default(),
                monikers: MonikerTracker::default(),
                rows: RowTracker::default(),
                zone_rendered: true,
            });
        }
        let last = self.levels.len() - 1;
        &mut self.levels[last]
    }
}

impl<'a> Pass<'_, 'a> {
    /// A marker line (its text starting at file offset `line`) inside `depth` containers.
    pub(super) fn colon_marker(
        &mut self,
        f: &FileCtx<'a>,
        line: usize,
        marker: &Marker,
        depth: usize,
        blocks: &mut ColonBlocks,
    ) {
        let mut zone_problems: Vec<ZoneProblem> = Vec::new();
        let mut row_problems: Vec<RowProblem> = Vec::new();
        match marker {
            Marker::Zone(ZoneLine::Open { zone, problems }) => {
                zone_problems.extend(problems.iter().map(|p| ZoneProblem {
                    offset: line + p.offset,
                    message: p.message.clone(),
                }));
                let title = self.check_pivots(f, line, zone, &mut zone_problems);
                let level = blocks.level(depth);
                if level.zones.open(line, &mut zone_problems) == ZoneStep::Open {
                    level.zone_rendered = zone.rendered();
                    if zone.rendered() {
                        self.emit_html(zone::open_html(zone, title.as_deref()));
                    } else {
                        self.suppressed += 1;
                    }
                }
            }
            Marker::Zone(ZoneLine::End { problems }) => {
                zone_problems.extend(problems.iter().map(|p| ZoneProblem {
                    offset: line + p.offset,
                    message: p.message.clone(),
                }));
                let level = blocks.level(depth);
                if level.zones.end(line, &mut zone_problems) == ZoneStep::Close {
                    let rendered = level.zone_rendered;
                    self.close_zone(rendered);
                }
            }
            Marker::Row(r) => {
                let steps = blocks.level(depth).rows.marker(r, line, &mut row_problems);
                self.row_steps(&steps);
            }
            Marker::Moniker(m) => self.moniker_marker(f, line, m, depth, blocks),
            Marker::ImageEnd => {}
        }
        self.report_colon_problems(f, zone_problems, row_problems);
    }

    /// A `::: moniker` or `::: moniker-end` line at file offset `line`.
    fn moniker_marker(
        &mut self,
        f: &FileCtx<'a>,
        line: usize,
        marker: &MonikerLine,
        depth: usize,
        blocks: &mut ColonBlocks,
    ) {
        let mut problems: Vec<LineProblem> = Vec::new();
        match marker {
            MonikerLine::Open {
                range,
                range_offset,
                problems: found,
            } => {
                problems.extend(found.iter().map(|p| LineProblem {
                    offset: line + p.offset,
                    message: p.message.clone(),
                }));
                let outer = self
                    .open_monikers
                    .last()
                    .filter(|m| m.depth != depth)
                    .map(|_| 0);
                let text = range.as_deref().unwrap_or("");
                let level = blocks.level(depth);
                if level.monikers.open(line, text, outer, &mut problems) == MonikerStep::Open {
                    let (versions, own) = match range {
                        Some(range) => {
                            self.block_versions(line + range_offset, range, &mut problems)
                        }
                        None => (self.page_versions(), None),
                    };
                    if !f.is_include(self)
                        && let Some(m) = self.monikers.as_mut()
                    {
                        m.blocks.push(MonikerBlock {
                            at: f.loc.location(line),
                            range: text.to_owned(),
                            versions: own,
                        });
                    }
                    self.open_moniker(depth, versions);
                }
            }
            MonikerLine::End { problems: found } => {
                problems.extend(found.iter().map(|p| LineProblem {
                    offset: line + p.offset,
                    message: p.message.clone(),
                }));
                let level = blocks.level(depth);
                if level.monikers.end(line, &mut problems) == MonikerStep::Close {
                    self.close_moniker();
                }
            }
        }
        for p in problems {
            self.report(f, Code::MonikerError, p.offset, p.message);
        }
    }

    /// The page's versions (every version in a site without a range for the page; `None` in
    /// a site without versions).
    fn page_versions(&self) -> Option<Versions> {
        self.monikers.as_ref().map(|m| m.versions.clone())
    }

    /// A block's versions: its range's within the page's (`None`: the site has no
    /// versions), and its range's own (`None` when it does not parse). A range that does not
    /// parse applies to every version of the page; one with no version of the page is
    /// reported as DocFX does.
    fn block_versions(
        &mut self,
        at: usize,
        range: &str,
        problems: &mut Vec<LineProblem>,
    ) -> (Option<Versions>, Option<Versions>) {
        let page = self.page_versions();
        let parsed = match moniker::parse(range) {
            Ok(parsed) => parsed,
            Err(e) => {
                problems.push(LineProblem {
                    offset: at + e.offset,
                    message: format!(
                        "{} The block applies to every version of its page.",
                        e.message
                    ),
                });
                return (page, None);
            }
        };
        let Some(page) = page else {
            return (None, None);
        };
        let defs = self.ctx.versions;
        let (own, errors) = defs.evaluate(&parsed, range);
        let had_errors = !errors.is_empty();
        for e in errors {
            problems.push(LineProblem {
                offset: at + e.offset,
                message: e.message,
            });
        }
        let versions = own.and(&page);
        if versions.is_empty() && !had_errors {
            problems.push(LineProblem {
                offset: at,
                message: format!(
                    "No intersection between zone and file level monikers. The result of zone level range string '{}' is {}, while file level monikers is {}. The block is left out.",
                    range.chars().take(80).collect::<String>(),
                    defs.quoted(&own),
                    defs.quoted(&page)
                ),
            });
        }
        (Some(versions), Some(own))
    }

    /// Opens a block for `versions` (`None`: a site without versions): written with their
    /// names and titles, or left out when it has none.
    fn open_moniker(&mut self, depth: usize, versions: Option<Versions>) {
        if let Some(m) = self.monikers.as_mut() {
            m.has_blocks = true;
        }
        let (names, title, rendered) = match &versions {
            Some(v) => {
                let defs = self.ctx.versions;
                let titles: Vec<&str> = v
                    .iter()
                    .map(|i| {
                        self.ctx
                            .version_titles
                            .get(i)
                            .map(String::as_str)
                            .or_else(|| defs.monikers.get(i).map(|m| m.name.as_str()))
                            .unwrap_or("")
                    })
                    .collect();
                (
                    defs.names(v),
                    titles.join(self.ctx.list_separator),
                    !v.is_empty(),
                )
            }
            None => (String::new(), String::new(), true),
        };
        if rendered {
            self.emit_html(moniker::open_html(&names, &title));
        } else {
            self.suppressed += 1;
        }
        self.open_monikers.push(OpenMoniker {
            depth,
            names: names.into(),
            rendered,
        });
    }

    fn close_moniker(&mut self) {
        match self.open_monikers.pop() {
            Some(m) if m.rendered => self.emit_html(moniker::CLOSE_HTML.into()),
            Some(_) => self.suppressed = self.suppressed.saturating_sub(1),
            None => {}
        }
    }

    /// Closes the blocks of containers at depth `from` and deeper (their container ended).
    pub(super) fn close_colon_blocks(
        &mut self,
        f: &FileCtx<'a>,
        from: usize,
        blocks: &mut ColonBlocks,
    ) {
        while blocks.levels.last().is_some_and(|l| l.depth >= from) {
            let Some(mut level) = blocks.levels.pop() else {
                break;
            };
            let mut zone_problems = Vec::new();
            let mut row_problems = Vec::new();
            let steps = level.rows.finish(&mut row_problems);
            self.row_steps(&steps);
            if level.zones.finish(&mut zone_problems) == ZoneStep::Close {
                self.close_zone(level.zone_rendered);
            }
            let mut moniker_problems = Vec::new();
            if level.monikers.finish(&mut moniker_problems) == MonikerStep::Close {
                self.close_moniker();
            }
            for p in moniker_problems {
                self.report(f, Code::MonikerError, p.offset, p.message);
            }
            self.report_colon_problems(f, zone_problems, row_problems);
        }
    }

    fn close_zone(&mut self, rendered: bool) {
        if rendered {
            self.emit_html(zone::CLOSE_HTML.into());
        } else {
            self.suppressed = self.suppressed.saturating_sub(1);
        }
    }

    fn row_steps(&mut self, steps: &[RowStep]) {
        for step in steps {
            let html = match step {
                RowStep::OpenRow => row::ROW_OPEN_HTML.to_owned(),
                RowStep::OpenColumn(span) => row::column_open_html(*span),
                RowStep::CloseColumn => row::CLOSE_COLUMN_HTML.to_owned(),
                RowStep::CloseRow => row::CLOSE_ROW_HTML.to_owned(),
                RowStep::Drop => continue,
            };
            self.emit_html(html);
        }
    }

    fn report_colon_problems(
        &mut self,
        f: &FileCtx<'a>,
        zones: Vec<ZoneProblem>,
        rows: Vec<RowProblem>,
    ) {
        for p in zones {
            self.report(f, Code::ZoneError, p.offset, p.message);
        }
        for p in rows {
            self.report(f, Code::ZoneError, p.offset, p.message);
        }
    }

    /// Checks a zone's pivots against the page's groups; returns the title the zone shows
    /// (its pivots' titles).
    fn check_pivots(
        &mut self,
        f: &FileCtx<'a>,
        line: usize,
        zone: &zone::ZoneOpen,
        problems: &mut Vec<ZoneProblem>,
    ) -> Option<String> {
        if zone.pivots.is_empty() {
            return None;
        }
        let groups: Vec<&PivotGroup> = self.pivot_groups.iter().collect();
        if groups.is_empty() {
            problems.push(ZoneProblem {
                offset: line,
                message: "a pivot zone on a page that names no `zone_pivot_groups` (or whose groups are not defined)".into(),
            });
            return None;
        }
        let mut titles = Vec::new();
        for pivot in &zone.pivots {
            match PivotGroups::pivot_title(&groups, &pivot.id) {
                Some(title) => titles.push(title.to_owned()),
                None => {
                    problems.push(ZoneProblem {
                        offset: line + pivot.offset,
                        message: format!(
                            "pivot `{}` is not in the page's groups ({})",
                            pivot.id,
                            groups
                                .iter()
                                .map(|g| g.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                    titles.push(pivot.id.clone());
                }
            }
        }
        let _ = f;
        Some(titles.join(self.ctx.list_separator))
    }

    /// The pivot groups the page names in `zone_pivot_groups`, from the nearest definitions;
    /// a group the definitions lack is a `zone-error` at the key.
    pub(super) fn page_pivot_groups(&mut self, f: &FileCtx<'a>) {
        let Some(value) = f.src.front_matter.zone_pivot_groups() else {
            return;
        };
        let names = pivot_groups::page_groups(value);
        if names.is_empty() {
            return;
        }
        let offset =
            pivot_groups::front_matter_key_offset(&f.src.text, "zone_pivot_groups").unwrap_or(0);
        let definitions =
            pivot_groups::nearest_definitions(&f.src.path, |p| self.ctx.pivots.contains_key(p))
                .and_then(|p| self.ctx.pivots.get(&p));
        let Some(definitions) = definitions else {
            self.report(
                f,
                Code::ZoneError,
                offset,
                format!(
                    "no `{}` above this page defines its pivot groups",
                    pivot_groups::FILE_NAME
                ),
            );
            return;
        };
        for name in names {
            match definitions.group(&name) {
                Some(group) => self.pivot_groups.push(group.clone()),
                None => self.report(
                    f,
                    Code::ZoneError,
                    offset,
                    format!(
                        "pivot group `{name}` is not defined in `{}`",
                        pivot_groups::FILE_NAME
                    ),
                ),
            }
        }
    }
}
