//! Rows and columns: `:::row:::` … `:::row-end:::` around `:::column span="2":::` …
//! `:::column-end:::`, as DocFX's `RowParser` and `NestedColumnParser` read them (DocFX
//! tests: `RowTest`, `ImageTest.ImageTestNotImageBlock`). The marker lines may be indented
//! any amount, and so may a column's content: DocFX reads it as ordinary Markdown, not as an
//! indented code block, so a column's lines are read without their common indentation
//! (`dfm/markers.rs` moves it to the line's end at load).

use super::html::escape;
use super::triple_colon::{self, Closing};

/// A row or column marker line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RowLine {
    /// `:::row:::`.
    Row,
    /// `:::row-end:::`.
    RowEnd,
    /// `:::column:::` or `:::column span="2":::`.
    Column {
        /// The span (a positive number), if given.
        span: Option<u32>,
    },
    /// `:::column-end:::`.
    ColumnEnd,
}

/// Reads a line as a row or column marker. Names are read in any letter case, spaces may
/// stand around them, and the closing `:::` is required (DocFX reads a line without it as
/// text).
pub(crate) fn row_line(line: &str) -> Option<RowLine> {
    let colon = triple_colon::colon_line(line)?;
    match colon.name.as_str() {
        "row" | "row-end" | "column-end" => {
            if colon.rest.trim() != ":::" {
                return None;
            }
            Some(match colon.name.as_str() {
                "row" => RowLine::Row,
                "row-end" => RowLine::RowEnd,
                _ => RowLine::ColumnEnd,
            })
        }
        "column" => {
            let attrs = triple_colon::attributes(colon.rest, Closing::Colons).ok()?;
            if !colon.rest[attrs.len..].trim().is_empty() {
                return None;
            }
            let span = attrs
                .get("span")
                .and_then(|a| a.value.trim().parse::<u32>().ok())
                .filter(|n| *n > 0);
            Some(RowLine::Column { span })
        }
        _ => None,
    }
}

/// Something wrong with rows and columns, at a file offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RowProblem {
    /// Byte offset in the file of the marker concerned.
    pub(crate) offset: usize,
    /// What is wrong.
    pub(crate) message: String,
}

/// What the page pass writes at a marker line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RowStep {
    /// Write the opening tag of a row ([`ROW_OPEN_HTML`]).
    OpenRow,
    /// Write the opening tag of a column ([`column_open_html`]).
    OpenColumn(Option<u32>),
    /// Write [`CLOSE_COLUMN_HTML`].
    CloseColumn,
    /// Write [`CLOSE_ROW_HTML`].
    CloseRow,
    /// Nothing: the marker is dropped (a problem says why).
    Drop,
}

/// How deep rows and columns may nest; deeper markers are dropped with a finding, so that
/// a page of a thousand nested rows stays a page a browser can show.
pub(crate) const MAX_DEPTH: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    Row,
    Column,
}

/// The rows and columns open in one container.
#[derive(Debug, Default)]
pub(crate) struct RowTracker {
    /// Open elements with the file offset of their marker, outermost first.
    open: Vec<(Open, usize)>,
    /// Markers dropped for depth that still wait for their end marker.
    too_deep: usize,
}

impl RowTracker {
    /// A marker at file offset `at`: the steps to write (an end marker may close a column
    /// left open first).
    pub(crate) fn marker(
        &mut self,
        line: &RowLine,
        at: usize,
        problems: &mut Vec<RowProblem>,
    ) -> Vec<RowStep> {
        match line {
            RowLine::Row | RowLine::Column { .. } => {
                if self.too_deep > 0 || self.open.len() >= MAX_DEPTH {
                    if self.too_deep == 0 {
                        problems.push(RowProblem {
                            offset: at,
                            message: format!(
                                "rows and columns nest deeper than {MAX_DEPTH}: this one and those inside it are left out (their content stays)"
                            ),
                        });
                    }
                    self.too_deep += 1;
                    return vec![RowStep::Drop];
                }
                match line {
                    RowLine::Column { span } => {
                        if self.open.last().map(|(kind, _)| *kind) != Some(Open::Row) {
                            problems.push(RowProblem {
                                offset: at,
                                message:
                                    "`:::column:::` outside a `:::row:::`: columns stand in rows"
                                        .into(),
                            });
                        }
                        self.open.push((Open::Column, at));
                        vec![RowStep::OpenColumn(*span)]
                    }
                    _ => {
                        self.open.push((Open::Row, at));
                        vec![RowStep::OpenRow]
                    }
                }
            }
            RowLine::RowEnd | RowLine::ColumnEnd => {
                if self.too_deep > 0 {
                    self.too_deep -= 1;
                    return vec![RowStep::Drop];
                }
                let wanted = if *line == RowLine::RowEnd {
                    Open::Row
                } else {
                    Open::Column
                };
                let Some(index) = self.open.iter().rposition(|(kind, _)| *kind == wanted) else {
                    problems.push(RowProblem {
                        offset: at,
                        message: format!("`{}` without an open one", end_name(wanted)),
                    });
                    return vec![RowStep::Drop];
                };
                let mut steps = Vec::new();
                while self.open.len() > index {
                    let Some((kind, opened_at)) = self.open.pop() else {
                        break;
                    };
                    if self.open.len() > index {
                        problems.push(RowProblem {
                            offset: opened_at,
                            message: format!(
                                "`{}` is not closed before `{}`",
                                open_name(kind),
                                end_name(wanted)
                            ),
                        });
                    }
                    steps.push(close_step(kind));
                }
                steps
            }
        }
    }

    /// The container ends: what is still open is reported at its marker and closed.
    pub(crate) fn finish(&mut self, problems: &mut Vec<RowProblem>) -> Vec<RowStep> {
        self.too_deep = 0;
        let mut steps = Vec::new();
        while let Some((kind, at)) = self.open.pop() {
            problems.push(RowProblem {
                offset: at,
                message: format!(
                    "`{}` is not closed: no `{}` follows it in its container; it ends there",
                    open_name(kind),
                    end_name(kind)
                ),
            });
            steps.push(close_step(kind));
        }
        steps
    }
}

fn open_name(kind: Open) -> &'static str {
    match kind {
        Open::Row => ":::row:::",
        Open::Column => ":::column:::",
    }
}

fn end_name(kind: Open) -> &'static str {
    match kind {
        Open::Row => ":::row-end:::",
        Open::Column => ":::column-end:::",
    }
}

fn close_step(kind: Open) -> RowStep {
    match kind {
        Open::Row => RowStep::CloseRow,
        Open::Column => RowStep::CloseColumn,
    }
}

/// The start of a row.
pub(crate) const ROW_OPEN_HTML: &str = "<section class=\"row\">\n";
/// The end of a row.
pub(crate) const CLOSE_ROW_HTML: &str = "</section>\n";
/// The end of a column.
pub(crate) const CLOSE_COLUMN_HTML: &str = "</div>\n";

/// The start of a column: `column`, and `span2` for `span="2"`.
pub(crate) fn column_open_html(span: Option<u32>) -> String {
    match span {
        Some(n) if n > 1 => format!("<div class=\"column span{}\">\n", escape(&n.to_string())),
        _ => "<div class=\"column\">\n".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // DocFX: RowTest.RowTest_WithColumnsWithSpans (indented markers, `span="2"`).
    #[test]
    fn marker_lines() {
        assert_eq!(row_line(":::row:::"), Some(RowLine::Row));
        assert_eq!(
            row_line("    :::column span=\"2\":::"),
            Some(RowLine::Column { span: Some(2) })
        );
        assert_eq!(
            row_line("    :::column:::"),
            Some(RowLine::Column { span: None })
        );
        assert_eq!(row_line("    :::column-end::: "), Some(RowLine::ColumnEnd));
        assert_eq!(row_line(":::ROW-END:::"), Some(RowLine::RowEnd));
        assert_eq!(
            row_line(":::column span=\"\":::"),
            Some(RowLine::Column { span: None })
        );
        assert_eq!(row_line(":::row"), None);
        assert_eq!(row_line(":::row::: text"), None);
        assert_eq!(row_line(":::image source=\"a\":::"), None);
        assert_eq!(column_open_html(Some(2)), "<div class=\"column span2\">\n");
        assert_eq!(column_open_html(Some(1)), "<div class=\"column\">\n");
    }

    // DocFX: RowTest.RowTest_WithThreeColumnsWithSpans.
    #[test]
    fn rows_hold_columns() {
        let mut t = RowTracker::default();
        let mut problems = Vec::new();
        let lines = [
            RowLine::Row,
            RowLine::Column { span: Some(2) },
            RowLine::ColumnEnd,
            RowLine::Column { span: None },
            RowLine::ColumnEnd,
            RowLine::RowEnd,
        ];
        let steps: Vec<RowStep> = lines
            .iter()
            .enumerate()
            .flat_map(|(i, l)| t.marker(l, i, &mut problems))
            .collect();
        assert_eq!(
            steps,
            [
                RowStep::OpenRow,
                RowStep::OpenColumn(Some(2)),
                RowStep::CloseColumn,
                RowStep::OpenColumn(None),
                RowStep::CloseColumn,
                RowStep::CloseRow
            ]
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(t.finish(&mut problems).is_empty());
        let html: String = steps
            .iter()
            .map(|s| match s {
                RowStep::OpenRow => ROW_OPEN_HTML.to_owned(),
                RowStep::OpenColumn(span) => column_open_html(*span),
                RowStep::CloseColumn => CLOSE_COLUMN_HTML.to_owned(),
                RowStep::CloseRow => CLOSE_ROW_HTML.to_owned(),
                RowStep::Drop => String::new(),
            })
            .collect();
        assert_eq!(
            html,
            "<section class=\"row\">\n<div class=\"column span2\">\n</div>\n<div class=\"column\">\n</div>\n</section>\n"
        );
    }

    #[test]
    fn unclosed_and_stray_markers_are_reported() {
        let mut t = RowTracker::default();
        let mut problems = Vec::new();
        t.marker(&RowLine::Row, 0, &mut problems);
        t.marker(&RowLine::Column { span: None }, 10, &mut problems);
        // The row ends with its column open: the column closes first.
        let steps = t.marker(&RowLine::RowEnd, 20, &mut problems);
        assert_eq!(steps, [RowStep::CloseColumn, RowStep::CloseRow]);
        assert_eq!(
            t.marker(&RowLine::ColumnEnd, 30, &mut problems),
            [RowStep::Drop]
        );
        t.marker(&RowLine::Column { span: None }, 40, &mut problems);
        assert_eq!(t.finish(&mut problems), [RowStep::CloseColumn]);
        let at: Vec<usize> = problems.iter().map(|p| p.offset).collect();
        assert_eq!(at, [10, 30, 40, 40], "{problems:?}");
    }

    #[test]
    fn a_thousand_nested_rows_stop_at_the_depth_limit() {
        let mut t = RowTracker::default();
        let mut problems = Vec::new();
        let opened = (0..1000)
            .flat_map(|i| t.marker(&RowLine::Row, i, &mut problems))
            .filter(|s| *s == RowStep::OpenRow)
            .count();
        assert_eq!(opened, MAX_DEPTH);
        assert_eq!(problems.len(), 1);
        let closed = (0..1000)
            .flat_map(|i| t.marker(&RowLine::RowEnd, i, &mut problems))
            .filter(|s| *s == RowStep::CloseRow)
            .count();
        assert_eq!(closed, MAX_DEPTH);
        assert_eq!(problems.len(), 1);
        // Nothing is left open for the container's end to close.
        assert_eq!(t.finish(&mut problems), Vec::new());
        assert_eq!(problems.len(), 1);
    }
}
