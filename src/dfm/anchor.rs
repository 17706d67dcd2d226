//! Heading ids: slugs of every script and the de-duplication of ids on a page.

use pulldown_cmark::Event;
use std::collections::{HashMap, HashSet};

/// A heading's text without markup, as its slug reads it: text and code, line breaks as
/// spaces, trimmed. The analyse pass and translation status both read headings with it, so
/// that their ids agree.
pub(crate) fn heading_text<'e, 'a: 'e>(events: impl IntoIterator<Item = &'e Event<'a>>) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// The slug of a heading's text: lower-cased; letters, marks and digits of every script kept
/// (CJK, accents); `-` and `_` kept; white space becomes `-`; other punctuation (ASCII and
/// full-width) is dropped. The GitHub rule, which DocFX follows.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || is_mark(c) {
            out.extend(c.to_lowercase());
        } else if c == '-' || c == '_' {
            out.push(c);
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    out
}

/// Combining marks (accents written as separate code points, Indic vowel signs…).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

/// The ids used on one page so far, across its includes.
#[derive(Default, Debug)]
pub(crate) struct PageIds {
    used: HashSet<String>,
    /// For each heading slug given a suffix, the suffix to try next: every smaller one is
    /// taken (ids are never given back), so a page of many equal headings costs linear time.
    next_suffix: HashMap<String, u64>,
}

impl PageIds {
    /// Records an explicit id (`<a name>`, `{#id}`); returns false when it was already used.
    pub(crate) fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_owned())
    }

    /// A unique id for a heading from its slug: `x`, then `x-1`, `x-2`…
    pub(crate) fn unique(&mut self, slug: &str) -> String {
        let base = if slug.is_empty() { "section" } else { slug };
        if self.used.insert(base.to_owned()) {
            return base.to_owned();
        }
        let next = self.next_suffix.entry(base.to_owned()).or_insert(1);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_of_every_script() {
        assert_eq!(slug("Sign in to the Portal"), "sign-in-to-the-portal");
        assert_eq!(
            slug("安裝「公司入口網站」應用程式！"),
            "安裝公司入口網站應用程式"
        );
        assert_eq!(
            slug("¿Qué es Intune? (versión 2)"),
            "qué-es-intune-versión-2"
        );
        assert_eq!(slug("e\u{301}tape"), "e\u{301}tape");
        assert_eq!(slug("a_b-c.d"), "a_b-cd");
    }

    #[test]
    fn duplicate_headings_get_numbered_ids() {
        let mut ids = PageIds::default();
        assert_eq!(ids.unique("notes"), "notes");
        assert!(ids.claim("notes-1"));
        assert_eq!(ids.unique("notes"), "notes-2");
        assert_eq!(ids.unique(""), "section");
        assert!(!ids.claim("notes"));
    }
}
