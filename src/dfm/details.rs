//! Fine points of DocFX that the 2017 dialect code does not cover yet, as pure functions for
//! the pass (DocFX tests: `InclusionTest.TestInlineLevelInclusion_General`,
//! `QuoteSectionNoteTest.QuoteSectionNoteTest_CornerCases` and `TestSectionWithTextFollowed`):
//!
//! - an include after an escaped backslash (`\\[!include[a](a.md)]`) is still an include,
//!   and the output keeps one literal `\` before the included text; only an odd number of
//!   backslashes escapes it ([`escaped_by_backslashes`]);
//! - text after a blockquote marker on its line (`> [!NOTE] text`) makes the line ordinary
//!   text of a plain blockquote, with an `invalid-note-section` warning
//!   ([`marker_with_text`]).

use super::directive;

/// Whether the character at byte `at` of `text` is escaped: an odd number of backslashes
/// stands right before it (`\[` is escaped, `\\[` is a literal backslash and then `[`).
pub(crate) fn escaped_by_backslashes(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let count = before.bytes().rev().take_while(|&b| b == b'\\').count();
    count % 2 == 1
}

/// A blockquote line that starts with a marker and has text after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MarkerWithText {
    /// The marker as written (`[!NOTE]`, `[!div class="x"]`).
    pub(crate) marker: String,
    /// Byte offset of the text after the marker in the line.
    pub(crate) text_offset: usize,
}

/// Reads a blockquote line (without `> `) as a marker (`[!NOTE]`, `[!TIP]`…, `[!div …]`,
/// `[!VIDEO …]`, any letter case) followed by text on the same line. Such a line is not a
/// marker: DocFX renders it, and the rest of its blockquote, as a plain blockquote, and
/// warns (`invalid-note-section`). `None` for a marker alone on its line or for any other
/// line.
pub(crate) fn marker_with_text(line: &str) -> Option<MarkerWithText> {
    let lead = line.len() - line.trim_start().len();
    let body = &line[lead..];
    if !body.starts_with("[!") {
        return None;
    }
    let close = body.find(']')?;
    let marker = &body[..=close];
    let after = &body[close + 1..];
    if after.trim().is_empty() {
        return None;
    }
    // The marker part must be one the dialect knows (alone it would be a marker).
    directive::marker(marker)?;
    let text_start = close + 1 + (after.len() - after.trim_start().len());
    Some(MarkerWithText {
        marker: marker.to_owned(),
        text_offset: lead + text_start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // DocFX: InclusionTest.TestInlineLevelInclusion_General.
    #[test]
    fn only_an_odd_number_of_backslashes_escapes() {
        let text = r"Test: \\[!include[refa](a.md)]. Escaped: \[!include[refa](a.md)].";
        let first = text.find("[!include").expect("first");
        let second = text[first + 1..].find("[!include").expect("second") + first + 1;
        assert!(!escaped_by_backslashes(text, first));
        assert!(escaped_by_backslashes(text, second));
        assert!(!escaped_by_backslashes("[!include", 0));
        assert!(escaped_by_backslashes(r"\\\[", 3));
    }

    // DocFX: QuoteSectionNoteTest.QuoteSectionNoteTest_CornerCases, TestSectionWithTextFollowed.
    #[test]
    fn markers_followed_by_text() {
        assert_eq!(
            marker_with_text("[!NOTE] no text here"),
            Some(MarkerWithText {
                marker: "[!NOTE]".into(),
                text_offset: 8
            })
        );
        assert_eq!(
            marker_with_text(r#" [!div class="All" id="All"] Followed text"#)
                .map(|m| m.text_offset),
            Some(29)
        );
        assert!(marker_with_text("[!Video https://example.org/v] text").is_some());
        assert_eq!(marker_with_text("[!NOTE]"), None);
        assert_eq!(marker_with_text("[!NOTE]   "), None);
        assert_eq!(marker_with_text("[!TIP"), None);
        assert_eq!(marker_with_text("[!di-no-v class=\"whatever\"] x"), None);
        assert_eq!(marker_with_text("text [!NOTE] x"), None);
    }
}
