//! Stale translations for readers: the banner's facts and the marks on the headings of the
//! sections that changed in the source since the translation was made.

use crate::dfm::html::escape;
use crate::i18n::fill;
use crate::status::{Change, PageState, PageStatus};
use serde::Serialize;

/// What the page template sees as `page.stale`.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub(super) struct StaleView {
    /// The banner's text, the date and count filled in (plain text, escaped by Tera).
    pub(super) notice: String,
    /// The source version's date, `YYYY-MM-DD`.
    pub(super) date: String,
    /// Changed, added and removed sections.
    pub(super) sections: usize,
    /// The source page, relative to this page.
    pub(super) source_href: String,
}

/// The banner's facts for a stale page; `None` for any other.
pub(super) fn view(status: &PageStatus, notice: &str, source_href: &str) -> Option<StaleView> {
    let (PageState::Stale(changes), Some(version)) = (&status.state, &status.version) else {
        return None;
    };
    let count = changes.len().to_string();
    Some(StaleView {
        notice: fill(notice, &[("date", &version.date), ("count", &count)]),
        date: version.date.clone(),
        sections: changes.len(),
        source_href: source_href.to_owned(),
    })
}

/// The ids of the sections to mark: changed or added in the source (a removed section has
/// no heading left to mark).
pub(super) fn marked_ids(status: &PageStatus) -> Vec<&str> {
    match &status.state {
        PageState::Stale(changes) => changes
            .iter()
            .filter(|c| c.change != Change::Removed && !c.id.is_empty())
            .map(|c| c.id.as_str())
            .collect(),
        _ => Vec::new(),
    }
}

/// The body HTML with each heading whose id is in `ids` marked: a `stale-section` class and,
/// at its end, a link to the same section of the source page.
pub(super) fn mark_headings(body: &str, ids: &[&str], source_href: &str, label: &str) -> String {
    if ids.is_empty() {
        return body.to_owned();
    }
    let mut out = body.to_owned();
    for id in ids {
        let attr = format!(" id=\"{}\"", escape(id));
        let Some(at) = find_heading_with(&out, &attr) else {
            continue;
        };
        let Some(close) = out[at..].find("</h").map(|n| at + n) else {
            continue;
        };
        let link = format!(
            " <a class=\"stale-mark\" href=\"{}#{}\" data-pagefind-ignore>{}</a>",
            escape(source_href),
            escape(&percent_fragment(id)),
            escape(label)
        );
        out.insert_str(close, &link);
        // `<hN` is 3 bytes: the class goes right after the tag name.
        out.insert_str(at + 3, " class=\"stale-section\"");
    }
    out
}

/// The byte offset of the `<hN` whose start tag carries `attr`.
fn find_heading_with(body: &str, attr: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(n) = body[from..].find(attr) {
        let at = from + n;
        let tag_start = body[..at].rfind('<')?;
        let tag = &body[tag_start..at];
        let is_heading = tag.len() == 3
            && tag.as_bytes()[1] == b'h'
            && (b'1'..=b'6').contains(&tag.as_bytes()[2]);
        if is_heading {
            return Some(tag_start);
        }
        from = at + attr.len();
    }
    None
}

/// An id as a URL fragment: characters outside the unreserved set percent-encoded.
fn percent_fragment(id: &str) -> String {
    percent_encoding::utf8_percent_encode(id, FRAGMENT).to_string()
}

const FRAGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'%');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_headings_get_a_class_and_a_link_to_the_source_section() {
        let body =
            "<h1 id=\"a\">A</h1>\n<p>x id=\"b\"</p>\n<h2 id=\"b\">B</h2>\n<h2 id=\"c\">C</h2>\n";
        let marked = mark_headings(body, &["b", "gone"], "../en-us/a.html", "changed <source>");
        assert_eq!(
            marked,
            "<h1 id=\"a\">A</h1>\n<p>x id=\"b\"</p>\n<h2 class=\"stale-section\" id=\"b\">B <a class=\"stale-mark\" href=\"../en-us/a.html#b\" data-pagefind-ignore>changed &lt;source&gt;</a></h2>\n<h2 id=\"c\">C</h2>\n"
        );
    }
}
