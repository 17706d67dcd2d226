//! Zones: `::: zone pivot="a,b"` / `::: zone target="docs"` … `::: zone-end` lines, as
//! DocFX's `ZoneExtension` reads them (DocFX tests: `RenderZoneTest`, `TripleColonTest`),
//! the rules of their nesting, and their HTML.
//!
//! A zone line is a line of its own, indented less than a code block. Content between the
//! lines is ordinary Markdown (a zone is a container, like a blockquote); what a reader sees
//! depends on the pivot chosen on the page (the theme's selector) or on the target:
//! `target="docs"` is this site, `target="pdf"` and `target="chromeless"` are other outputs
//! whose zones are left out.

use super::html::escape;
use super::triple_colon::{self, Closing};

/// What a zone is for when it names a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ZoneTarget {
    /// The web site: kept.
    Docs,
    /// An embedded view without the site's frame: left out.
    Chromeless,
    /// PDF output: left out.
    Pdf,
}

impl ZoneTarget {
    /// The value as written.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ZoneTarget::Docs => "docs",
            ZoneTarget::Chromeless => "chromeless",
            ZoneTarget::Pdf => "pdf",
        }
    }
}

/// A pivot named by a zone, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ZonePivot {
    /// The pivot id (`mdm-may-2019`).
    pub(crate) id: String,
    /// Byte offset in the line of the `pivot` attribute.
    pub(crate) offset: usize,
}

/// An opening `::: zone …` line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ZoneOpen {
    /// The pivots the zone is shown for (empty: not a pivot zone).
    pub(crate) pivots: Vec<ZonePivot>,
    /// The output the zone is for, if it names one.
    pub(crate) target: Option<ZoneTarget>,
}

impl ZoneOpen {
    /// Whether the zone's content is part of this site's pages.
    pub(crate) fn rendered(&self) -> bool {
        matches!(self.target, None | Some(ZoneTarget::Docs))
    }
}

/// Something wrong on a zone line (a `zone-error` finding), at a byte offset of the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ZoneProblem {
    /// Byte offset in the line (or, from [`ZoneTracker`], in the file).
    pub(crate) offset: usize,
    /// What is wrong.
    pub(crate) message: String,
}

/// A zone line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ZoneLine {
    /// `::: zone …`. A line with problems still opens a zone (with what could be read), so
    /// that its `zone-end` pairs with it and no syntax reaches the reader.
    Open {
        /// What the line says.
        zone: ZoneOpen,
        /// What is wrong with it.
        problems: Vec<ZoneProblem>,
    },
    /// `::: zone-end`.
    End {
        /// Text after it, if any.
        problems: Vec<ZoneProblem>,
    },
}

/// Reads a line (without its line ending, after any container prefix such as `> `) as a
/// zone line.
pub(crate) fn zone_line(line: &str) -> Option<ZoneLine> {
    let colon = triple_colon::colon_line(line)?;
    if colon.start > 3 || colon.colons != 3 {
        return None;
    }
    match colon.name.as_str() {
        "zone-end" => {
            let rest = colon.rest.trim();
            let mut problems = Vec::new();
            if !rest.is_empty() {
                problems.push(ZoneProblem {
                    offset: colon.rest_offset + (colon.rest.len() - colon.rest.trim_start().len()),
                    message: format!("text after `::: zone-end` is not read: `{rest}`"),
                });
            }
            Some(ZoneLine::End { problems })
        }
        "zone" => {
            let (zone, problems) = zone_open(colon.rest, colon.rest_offset, colon.start);
            Some(ZoneLine::Open { zone, problems })
        }
        _ => None,
    }
}

fn zone_open(rest: &str, rest_offset: usize, line_start: usize) -> (ZoneOpen, Vec<ZoneProblem>) {
    let mut zone = ZoneOpen::default();
    let mut problems = Vec::new();
    let attrs = match triple_colon::attributes(rest, Closing::EndOfText) {
        Ok(attrs) => attrs,
        Err(err) => {
            problems.push(ZoneProblem {
                offset: rest_offset + err.offset,
                message: format!("zone attributes do not read: {}", err.message),
            });
            return (zone, problems);
        }
    };
    for attr in &attrs.list {
        let offset = rest_offset + attr.offset;
        match attr.name.as_str() {
            "target" => match attr.value.as_str() {
                "docs" => zone.target = Some(ZoneTarget::Docs),
                "chromeless" => zone.target = Some(ZoneTarget::Chromeless),
                "pdf" => zone.target = Some(ZoneTarget::Pdf),
                other => problems.push(ZoneProblem {
                    offset,
                    message: format!(
                        "zone target `{other}` is not `docs`, `chromeless` or `pdf`"
                    ),
                }),
            },
            "pivot" => match pivot_ids(&attr.value) {
                Some(ids) => {
                    zone.pivots = ids
                        .into_iter()
                        .map(|id| ZonePivot { id, offset })
                        .collect();
                }
                None => problems.push(ZoneProblem {
                    offset,
                    message: format!(
                        "pivot `{}` is not a comma-separated list of pivot ids (lower-case letters, digits and `-`)",
                        attr.value
                    ),
                }),
            },
            other => problems.push(ZoneProblem {
                offset,
                message: format!("`{other}` is not a zone attribute (`pivot`, `target`)"),
            }),
        }
    }
    if zone.target == Some(ZoneTarget::Pdf) && !zone.pivots.is_empty() {
        problems.push(ZoneProblem {
            offset: rest_offset,
            message: "a zone for the `pdf` target cannot have pivots".into(),
        });
    }
    if zone.target.is_none() && zone.pivots.is_empty() && problems.is_empty() {
        problems.push(ZoneProblem {
            offset: line_start,
            message: "a zone names a `pivot` or a `target`".into(),
        });
    }
    (zone, problems)
}

/// `a, b ,c` → `[a, b, c]` when every id is lower-case letters, digits and `-`.
fn pivot_ids(value: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = value.split(',').map(|s| s.trim().to_owned()).collect();
    ids.iter()
        .all(|id| {
            !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        .then_some(ids)
}

/// What the page pass does at a zone line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ZoneStep {
    /// Open the zone (write [`open_html`] when it is rendered).
    Open,
    /// Close the open zone (write [`CLOSE_HTML`] when it was rendered).
    Close,
    /// Nothing to write: the line is dropped (a finding says why).
    Drop,
}

/// The zones of one container (the page, a blockquote, a list item): at most one open at a
/// time, as in DocFX. A nested zone is reported and its content stays in the outer zone;
/// its `zone-end` is consumed with it. Unclosed zones close at the container's end.
#[derive(Debug, Default)]
pub(crate) struct ZoneTracker {
    /// File offset of the open zone's line.
    open: Option<usize>,
    /// Zones opened inside the open one (reported, not rendered).
    nested: usize,
}

impl ZoneTracker {
    /// A `::: zone` line at file offset `at`.
    pub(crate) fn open(&mut self, at: usize, problems: &mut Vec<ZoneProblem>) -> ZoneStep {
        if self.open.is_some() {
            self.nested += 1;
            problems.push(ZoneProblem {
                offset: at,
                message: "zones cannot be nested: this zone is inside another one, and its content is shown as part of the outer zone".into(),
            });
            return ZoneStep::Drop;
        }
        self.open = Some(at);
        ZoneStep::Open
    }

    /// A `::: zone-end` line at file offset `at`.
    pub(crate) fn end(&mut self, at: usize, problems: &mut Vec<ZoneProblem>) -> ZoneStep {
        if self.nested > 0 {
            self.nested -= 1;
            return ZoneStep::Drop;
        }
        if self.open.take().is_some() {
            return ZoneStep::Close;
        }
        problems.push(ZoneProblem {
            offset: at,
            message: "`::: zone-end` without an open zone".into(),
        });
        ZoneStep::Drop
    }

    /// The container ends: an open zone is reported at its line and closed.
    pub(crate) fn finish(&mut self, problems: &mut Vec<ZoneProblem>) -> ZoneStep {
        self.nested = 0;
        match self.open.take() {
            Some(at) => {
                problems.push(ZoneProblem {
                    offset: at,
                    message: "zone is not closed: no `::: zone-end` follows it in its container; it ends there".into(),
                });
                ZoneStep::Close
            }
            None => ZoneStep::Drop,
        }
    }
}

/// The opening HTML of a rendered zone. `title` (the pivots' titles from the definitions)
/// is shown above the zone's content when no pivot is chosen (without JavaScript every
/// zone shows, under its title).
pub(crate) fn open_html(zone: &ZoneOpen, title: Option<&str>) -> String {
    let mut classes = String::from("zone");
    if zone.target.is_some() {
        classes.push_str(" has-target");
    }
    if !zone.pivots.is_empty() {
        classes.push_str(" has-pivot");
    }
    let mut out = format!("<div class=\"{classes}\"");
    if let Some(target) = zone.target {
        out.push_str(&format!(" data-target=\"{}\"", target.as_str()));
    }
    if !zone.pivots.is_empty() {
        let ids: Vec<&str> = zone.pivots.iter().map(|p| p.id.as_str()).collect();
        out.push_str(&format!(" data-pivot=\"{}\"", escape(&ids.join(" "))));
    }
    out.push_str(">\n");
    if let Some(title) = title.filter(|t| !t.is_empty()) {
        out.push_str(&format!("<p class=\"zone-title\">{}</p>\n", escape(title)));
    }
    out
}

/// The end of a rendered zone.
pub(crate) const CLOSE_HTML: &str = "</div>\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn open(line: &str) -> (ZoneOpen, Vec<ZoneProblem>) {
        match zone_line(line) {
            Some(ZoneLine::Open { zone, problems }) => (zone, problems),
            other => panic!("not an opening line: {other:?}"),
        }
    }

    // DocFX: RenderZoneTest.KitchenSink, PivotCommaDelimited.
    #[test]
    fn opening_lines() {
        let (zone, problems) = open(r#":::  zone  pivot=" foo,bar "    target="docs""#);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(zone.target, Some(ZoneTarget::Docs));
        let ids: Vec<&str> = zone.pivots.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["foo", "bar"]);
        assert_eq!(zone.pivots[0].offset, 11);
        assert_eq!(
            open_html(&zone, Some("Foo, Bar")),
            "<div class=\"zone has-target has-pivot\" data-target=\"docs\" data-pivot=\"foo bar\">\n<p class=\"zone-title\">Foo, Bar</p>\n"
        );
        let (zone, _) = open("::: zone target=\"chromeless\"");
        assert!(!zone.rendered());
        let (zone, _) = open("::: zone target=\"pdf\"");
        assert!(!zone.rendered());
        assert_eq!(
            zone_line(":::    zone-end"),
            Some(ZoneLine::End { problems: vec![] })
        );
        assert_eq!(CLOSE_HTML, "</div>\n");
    }

    // DocFX: RenderZoneTest.PivotInvalid, PivotInvalid2, PdfPivotInvalid, UnexpectedAttribute,
    // InvalidAttribute, TextAfterEndTag.
    #[test]
    fn bad_lines_are_problems_at_their_place() {
        let (zone, problems) = open(r#"::: zone pivot = "**""#);
        assert!(zone.pivots.is_empty());
        assert_eq!(problems[0].offset, 9);
        let (_, problems) = open(r#"::: zone pivot = "a b""#);
        assert_eq!(problems.len(), 1);
        let (_, problems) = open(r#"::: zone target = "pdf"  pivot = "foo"  "#);
        assert!(problems[0].message.contains("pdf"), "{problems:?}");
        let (_, problems) = open(r#"::: zone target="pdf" something"#);
        assert!(problems[0].message.contains("`something`"), "{problems:?}");
        let (_, problems) = open(":::zone");
        assert_eq!(problems[0].message, "a zone names a `pivot` or a `target`");
        let Some(ZoneLine::End { problems }) = zone_line(":::zone-end asdjklf") else {
            panic!("an end line");
        };
        assert_eq!(problems[0].offset, 12);
        // Not zone lines at all: an inline `:::`, code indentation, another name.
        assert_eq!(zone_line("Inline ::: should not end moniker zone."), None);
        assert_eq!(zone_line("    ::: zone pivot=\"a\""), None);
        assert_eq!(zone_line("::: nested moniker zone is not allowed."), None);
        assert_eq!(zone_line(":::: zone pivot=\"a\""), None);
    }

    // DocFX: RenderZoneTest.NotNested, MissingEndTag.
    #[test]
    fn nesting_and_unclosed_zones() {
        let mut t = ZoneTracker::default();
        let mut problems = Vec::new();
        assert_eq!(t.open(0, &mut problems), ZoneStep::Open);
        assert_eq!(t.open(10, &mut problems), ZoneStep::Drop);
        assert_eq!(t.end(20, &mut problems), ZoneStep::Drop);
        assert_eq!(t.end(30, &mut problems), ZoneStep::Close);
        assert_eq!(t.end(40, &mut problems), ZoneStep::Drop);
        assert_eq!(t.open(50, &mut problems), ZoneStep::Open);
        assert_eq!(t.finish(&mut problems), ZoneStep::Close);
        let at: Vec<usize> = problems.iter().map(|p| p.offset).collect();
        assert_eq!(at, [10, 40, 50]);
        assert!(problems[2].message.starts_with("zone is not closed"));
    }

    #[test]
    fn a_thousand_nested_zones_give_one_zone_and_a_finding_each() {
        let mut t = ZoneTracker::default();
        let mut problems = Vec::new();
        let opened = (0..1000)
            .filter(|i| t.open(*i, &mut problems) == ZoneStep::Open)
            .count();
        let closed = (0..1000)
            .filter(|i| t.end(*i, &mut problems) == ZoneStep::Close)
            .count();
        assert_eq!((opened, closed), (1, 1));
        assert_eq!(problems.len(), 999);
        // Nothing is left open for the container's end to close.
        assert_eq!(t.finish(&mut problems), ZoneStep::Drop);
        assert_eq!(problems.len(), 999);
    }
}
