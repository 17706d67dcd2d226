//! The `:::` lines of a file (zones, moniker blocks, rows, columns, the end of a complex
//! image) found before the Markdown parser reads it. Each becomes an HTML comment line of the same
//! length in the text the parser reads, so that it stands as a block of its own (it ends a
//! paragraph or a list, as in DocFX) and offsets stay those of the file; the analyse pass
//! recognises the comment by its offset. Lines inside a column lose their common
//! indentation (moved to the end of the line as tabs, which Markdown ignores there), since
//! DocFX reads a column's content as ordinary Markdown however it is indented.
//!
//! Fenced code blocks are skipped; blockquote prefixes (`> `) are read through. Moniker
//! lines may stand inside list items: a line counts when it is indented less than a code
//! block relative to the list item it is in (a light tracking of list items gives the
//! column), and its comment keeps the line's indentation so that the parser puts it in
//! that item.

use super::image;
use super::moniker::{self, MonikerLine};
use super::row::{self, RowLine};
use super::zone::{self, ZoneLine};

/// A `:::` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Marker {
    /// `::: zone …` or `::: zone-end`.
    Zone(ZoneLine),
    /// `::: moniker range="…"` or `::: moniker-end`.
    Moniker(MonikerLine),
    /// `:::row:::`, `:::column…:::` and their ends.
    Row(RowLine),
    /// `:::image-end:::`.
    ImageEnd,
}

/// The text the parser reads, and the markers in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Markup {
    /// The text with marker lines turned into comments (same length as the original).
    pub(crate) text: String,
    /// Each marker: the offset of its comment (where the parser's HTML block starts), the
    /// offset of its line in the file (after any `> `: offsets of [`ZoneLine`] problems
    /// count from there), and what it is. Sorted by offset.
    pub(crate) markers: Vec<(usize, usize, Marker)>,
    /// Lines whose content moved left: (offset of the line's first moved byte, bytes
    /// moved). Sorted.
    pub(crate) shifts: Vec<(usize, usize)>,
}

impl Markup {
    /// The marker whose comment starts at `offset` or up to three spaces after it (where
    /// the parser's HTML block starts).
    pub(crate) fn marker_at(&self, offset: usize) -> Option<(usize, &Marker)> {
        let i = self.markers.partition_point(|(o, _, _)| *o < offset);
        let (comment, line, marker) = self.markers.get(i)?;
        (*comment <= offset + 3 && !self.text[offset..*comment].contains('\n'))
            .then_some((*line, marker))
    }

    /// The offset in the file of what stands at `offset` of the parsed text.
    pub(crate) fn original(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|(start, _)| *start <= offset);
        match i.checked_sub(1).map(|i| self.shifts[i]) {
            Some((start, moved)) if offset >= start && !self.text[start..offset].contains('\n') => {
                offset + moved
            }
            _ => offset,
        }
    }
}

/// Scans `text` (a whole file; markers are looked for from `from`, the end of the front
/// matter). `None` when it has no marker (most files: then the parser reads the file as
/// it is).
pub(crate) fn scan(text: &str, from: usize) -> Option<Markup> {
    let body = text.get(from..)?;
    memchr::memmem::find(body.as_bytes(), b":::")?;
    let mut out = text.as_bytes().to_vec();
    let mut markers = Vec::new();
    let mut shifts = Vec::new();
    // An open fence: its character, length and the column of its container.
    let mut fence: Option<(u8, usize, usize)> = None;
    // Column content: the indentation its lines share is found per column.
    let mut column_lines: Option<Vec<(usize, usize)>> = None;
    let mut lists = ListItems::default();
    let mut offset = from;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let (prefix, rest) = quote_prefix(content);
        let trimmed = rest.trim_start_matches(' ');
        let indent = rest.len() - trimmed.len();
        // The column of the list item the line is in (0 outside lists).
        let container = match fence {
            Some((_, _, column)) => column,
            None => lists.line(prefix, rest),
        };
        if indent.saturating_sub(container) <= 3 {
            let ticks = trimmed
                .bytes()
                .take_while(|b| *b == b'`' || *b == b'~')
                .count();
            let first = trimmed.bytes().next();
            if ticks >= 3 && trimmed.bytes().take(ticks).all(|b| Some(b) == first) {
                match fence {
                    None => fence = first.map(|c| (c, ticks, container)),
                    Some((c, n, _))
                        if first == Some(c) && ticks >= n && trimmed[ticks..].trim().is_empty() =>
                    {
                        fence = None
                    }
                    Some(_) => {}
                }
                if let Some(lines) = column_lines.as_mut() {
                    lines.push((start, prefix));
                }
                continue;
            }
        }
        if fence.is_some() {
            if let Some(lines) = column_lines.as_mut() {
                lines.push((start, prefix));
            }
            continue;
        }
        let in_column = column_lines.is_some();
        let marker = if indent <= 3 {
            zone::zone_line(rest).map(Marker::Zone)
        } else {
            None
        }
        .or_else(|| {
            (in_column || indent.saturating_sub(container) <= 3)
                .then(|| moniker::moniker_line(rest).map(Marker::Moniker))
                .flatten()
        })
        .or_else(|| row::row_line(rest).map(Marker::Row))
        .or_else(|| image::is_image_end(rest).then_some(Marker::ImageEnd));
        // A moniker line may open a list item (`- ::: moniker range="…"`), or be indented
        // with tabs (up to a tab stop within its item): it is read from where it starts.
        let (marker, rest_at) = match marker {
            Some(m) => (Some(m), 0),
            None if !in_column => match moniker_elsewhere(rest, indent, container) {
                Some((m, at)) => (Some(Marker::Moniker(m)), at),
                None => (None, 0),
            },
            None => (None, 0),
        };
        let Some(marker) = marker else {
            if let Some(lines) = column_lines.as_mut() {
                lines.push((start, prefix));
            }
            continue;
        };
        if let Marker::Row(r) = &marker {
            match r {
                RowLine::Column { .. } => {
                    dedent(&mut out, text, column_lines.take(), &mut shifts);
                    column_lines = Some(Vec::new());
                }
                _ => dedent(&mut out, text, column_lines.take(), &mut shifts),
            }
        }
        // The comment replaces the line from its first non-space character on; it starts
        // at most three spaces in, so that the parser reads it as an HTML block. A moniker
        // line keeps its indentation (less than a code block's within its list item), so
        // that it stays in the item.
        let comment_start = match marker {
            Marker::Moniker(_) if rest_at > 0 => start + prefix + rest_at,
            Marker::Moniker(_) if !in_column => start + prefix + indent,
            _ => start + prefix + indent.min(3),
        };
        let end = start + content.len();
        write_comment(&mut out, comment_start, end);
        markers.push((comment_start, start + prefix + rest_at, marker));
    }
    dedent(&mut out, text, column_lines.take(), &mut shifts);
    shifts.sort();
    let text = String::from_utf8(out).ok()?;
    Some(Markup {
        text,
        markers,
        shifts,
    })
}

/// The list items open at a line, as far as the indentation of `:::` lines needs them:
/// each item's content column, innermost last. A list item starts at a list marker (`-`,
/// `*`, `+`, `1.`, `1)`) and ends at a line after a blank line indented less than its
/// content (a line right after text may be a lazy continuation, so it ends nothing unless
/// it is a list marker itself). A change of blockquote prefix starts afresh.
#[derive(Default)]
struct ListItems {
    columns: Vec<usize>,
    quote: usize,
    after_blank: bool,
}

impl ListItems {
    /// Takes a line (its blockquote prefix length and the rest) and returns the content
    /// column of the item it is in (0: none).
    fn line(&mut self, prefix: usize, rest: &str) -> usize {
        if rest.trim().is_empty() {
            self.after_blank = true;
            return self.columns.last().copied().unwrap_or(0);
        }
        if prefix != self.quote {
            self.columns.clear();
            self.quote = prefix;
        }
        let whitespace = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let indent = columns(&rest[..whitespace]);
        let marker = list_marker_width(&rest[whitespace..]);
        if self.after_blank || marker.is_some() {
            while self.columns.last().is_some_and(|c| *c > indent) {
                self.columns.pop();
            }
        }
        self.after_blank = false;
        let container = self
            .columns
            .iter()
            .rev()
            .find(|c| **c <= indent)
            .copied()
            .unwrap_or(0);
        if let Some(width) = marker
            && indent.saturating_sub(container) <= 3
        {
            self.columns.push(indent + width);
        }
        container
    }
}

/// A moniker line that does not start at the line's first non-space character: after a
/// list marker that opens an item, or after tab indentation (less than a code block's,
/// tabs to the next multiple of four, relative to `container`). With the byte offset in
/// `rest` where it starts.
fn moniker_elsewhere(rest: &str, indent: usize, container: usize) -> Option<(MonikerLine, usize)> {
    let whitespace = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if rest[..whitespace].contains('\t') {
        if columns(&rest[..whitespace]).saturating_sub(container) > 3 {
            return None;
        }
        return moniker::moniker_line(&rest[whitespace..]).map(|m| (m, whitespace));
    }
    if indent.saturating_sub(container) > 3 {
        return None;
    }
    let width = list_marker_width(&rest[indent..])?;
    let after = indent + width;
    if rest.len() <= after {
        return None;
    }
    moniker::moniker_line(&rest[after..]).map(|m| (m, after))
}

/// The column after `indentation` (spaces and tabs; tabs to the next multiple of four).
fn columns(indentation: &str) -> usize {
    indentation
        .bytes()
        .fold(0, |c, b| if b == b'\t' { c + 4 - c % 4 } else { c + 1 })
}

/// The width of a list marker and the spaces after it at the start of `text` (`- `, `12. `),
/// as CommonMark counts it (five spaces or more after the marker count as one).
fn list_marker_width(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let marker = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let spaces = bytes[marker..].iter().take_while(|b| **b == b' ').count();
    match (bytes.get(marker), spaces) {
        (None, _) => Some(marker + 1),
        (Some(b' '), 1..=4) if marker + spaces < bytes.len() => Some(marker + spaces),
        (Some(b' '), _) => Some(marker + 1),
        _ => None,
    }
}

/// The length of a line's blockquote prefix (`> `, `>> `, with spaces), and the rest.
fn quote_prefix(line: &str) -> (usize, &str) {
    let mut i = 0;
    let bytes = line.as_bytes();
    loop {
        let mut j = i;
        while j < bytes.len() && j - i < 3 && bytes[j] == b' ' {
            j += 1;
        }
        if bytes.get(j) == Some(&b'>') {
            j += 1;
            if bytes.get(j) == Some(&b' ') {
                j += 1;
            }
            i = j;
        } else {
            return (i, &line[i..]);
        }
    }
}

/// Writes `<!--xx…-->` over `out[start..end]` (markers are at least seven bytes long).
fn write_comment(out: &mut [u8], start: usize, end: usize) {
    let span = &mut out[start..end];
    if span.len() < 7 {
        return;
    }
    let n = span.len();
    span.fill(b'x');
    span[..4].copy_from_slice(b"<!--");
    span[n - 3..].copy_from_slice(b"-->");
}

/// Moves the common indentation of a column's lines to their ends (as tabs).
fn dedent(
    out: &mut [u8],
    text: &str,
    lines: Option<Vec<(usize, usize)>>,
    shifts: &mut Vec<(usize, usize)>,
) {
    let Some(lines) = lines else {
        return;
    };
    let line_at = |start: usize, prefix: usize| -> &str {
        let rest = &text[start + prefix..];
        let end = rest.find('\n').unwrap_or(rest.len());
        rest[..end].trim_end_matches('\r')
    };
    let common = lines
        .iter()
        .map(|(s, p)| line_at(*s, *p))
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    if common == 0 {
        return;
    }
    for (start, prefix) in lines {
        let line = line_at(start, prefix);
        if line.trim().is_empty() {
            continue;
        }
        let from = start + prefix;
        let len = line.len();
        let moved = common.min(len);
        let content = line.as_bytes()[moved..].to_vec();
        out[from..from + content.len()].copy_from_slice(&content);
        out[from + content.len()..from + len].fill(b'\t');
        shifts.push((from, moved));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_without_markers_are_read_as_they_are() {
        assert_eq!(
            scan("# Title\n\nText ::: inline\n", 0).map(|m| m.markers.len()),
            Some(0)
        );
        assert_eq!(scan("# Title\n", 0), None);
    }

    // DocFX: RenderZoneTest.KitchenSink; a zone in a blockquote; fenced code is skipped.
    #[test]
    fn zone_lines_become_comments_of_the_same_length() {
        let text = "---\ntitle: x\n---\n::: zone pivot=\"a\"\nText.\n::: zone-end\n\n```md\n::: zone pivot=\"b\"\n```\n> ::: zone target=\"docs\"\n> Quoted.\n> ::: zone-end\n";
        let m = scan(text, 17).expect("markers");
        assert_eq!(m.text.len(), text.len());
        assert_eq!(m.markers.len(), 4, "{:?}", m.markers);
        let (comment, colons, _) = &m.markers[0];
        assert_eq!((*comment, *colons), (17, 17));
        assert!(
            m.text[17..].starts_with("<!--xxxxxxxxxxx-->\nText.\n"),
            "{}",
            m.text
        );
        assert!(m.text.contains("```md\n::: zone pivot=\"b\"\n```"));
        assert!(
            m.text
                .contains(&format!("> <!--{}-->\n> Quoted.", "x".repeat(15)))
        );
        assert_eq!(m.marker_at(17).map(|(o, _)| o), Some(17));
        assert!(m.marker_at(18).is_none());
    }

    // DocFX: MonikerRangeTest.MonikerRangeTestGeneral, MonikerRangeWithCodeIndent; the
    // Visual Studio documentation's blocks inside list items (vs2021 corpus).
    #[test]
    fn moniker_lines_count_at_their_list_items_indentation() {
        let text = "::: moniker range=\">= a-1\"\n    code\n::: moniker-end\n\n1. Step\n\n    ::: moniker range=\"a-1\"\n    Text.\n    ::: moniker-end\n\n   - Sub\n\n       :::moniker range=\"a-2\"\n       :::moniker-end\n\nAfter.\n\n    ::: moniker range=\"code\"\n\n1. Fenced:\n\n    ```md\n    ::: moniker range=\"in-code\"\n    ```\n\n- ::: moniker range=\"item\"\n  ::: moniker-end\n\n- tabs\n\n\t::: moniker range=\"tab\"\n\t::: moniker-end\n";
        let m = scan(text, 0).expect("markers");
        let lines: Vec<(usize, &str)> = m
            .markers
            .iter()
            .map(|(comment, _, marker)| {
                let line = text[..*comment].matches('\n').count() + 1;
                let kind = match marker {
                    Marker::Moniker(MonikerLine::Open { .. }) => "open",
                    Marker::Moniker(MonikerLine::End { .. }) => "end",
                    _ => "other",
                };
                (line, kind)
            })
            .collect();
        assert_eq!(
            lines,
            [
                (1, "open"),
                (3, "end"),
                (7, "open"),
                (9, "end"),
                (13, "open"),
                (14, "end"),
                (26, "open"),
                (27, "end"),
                (31, "open"),
                (32, "end")
            ]
        );
        let (comment, line, _) = m.markers[6];
        assert_eq!(
            (comment, line),
            (text.find("- :::").expect("item") + 2, comment)
        );
        // The comments keep the lines' indentation.
        let line7 = m.text.lines().nth(6).expect("line 7");
        assert!(line7.starts_with("    <!--x"), "{line7}");
        let line13 = m.text.lines().nth(12).expect("line 13");
        assert!(line13.starts_with("       <!--x"), "{line13}");
        // Indented as code outside a list, or inside a fence: text.
        assert!(m.text.contains("    ::: moniker range=\"code\""));
        assert!(m.text.contains("    ::: moniker range=\"in-code\""));
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker_width("- a"), Some(2));
        assert_eq!(list_marker_width("12.  a"), Some(5));
        assert_eq!(list_marker_width("1)      a"), Some(3));
        assert_eq!(list_marker_width("-"), Some(2));
        assert_eq!(list_marker_width("-a"), None);
        assert_eq!(list_marker_width("1.5 a"), None);
        assert_eq!(list_marker_width("text"), None);
    }

    // DocFX: RowTest.RowTest_WithColumnsOtherContent.
    #[test]
    fn column_content_loses_its_common_indentation() {
        let text = ":::row:::\n    :::column span=\"2\":::\n        ### Plan\n        Decide [what](a.md).\n    :::column-end:::\n:::row-end:::\n";
        let m = scan(text, 0).expect("markers");
        assert_eq!(m.markers.len(), 4);
        let lines: Vec<&str> = m.text.lines().collect();
        assert_eq!(lines[1], "   <!--xxxxxxxxxxxxxxx-->");
        assert_eq!(lines[2], "### Plan\t\t\t\t\t\t\t\t");
        assert!(lines[3].starts_with("Decide [what](a.md)."));
        let link = m.text.find("[what]").expect("the link");
        assert_eq!(m.original(link), text.find("[what]").expect("in the file"));
        assert_eq!(m.original(3), 3);
    }
}
