//! Cross references, as DocFX's `XrefInlineParser` and `XrefInlineShortParser` read them
//! (DocFX test: `XrefTest`): `<xref:uid>` (an autolink to Markdown), `[text](xref:uid)`,
//! `?displayProperty=fullName`, and the shorthand `@uid` / `@"uid"` in text. A page names
//! its uid in front matter (`uid:`); other sites' uids come from their `xrefmap.yml`.
//!
//! `<xref:…>` and `xref:` links must resolve (`xref-not-found`); the shorthand is only a
//! reference when some page has the uid, and otherwise stays text, so `@mentions` and
//! e-mail addresses are safe.

use super::html::escape;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// What a uid resolves to: one entry of an xref map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct XrefSpec {
    /// The identifier.
    pub(crate) uid: String,
    /// Display name (a page's title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    /// Where it is: relative to the map's `baseUrl` (or to the site root for this site's
    /// own pages), or absolute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) href: Option<String>,
    /// Qualified name (`displayProperty=fullName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) full_name: Option<String>,
    /// Name with its type (`displayProperty=nameWithType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) name_with_type: Option<String>,
    /// DocFX's comment id (`T:System.String`), kept as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) comment_id: Option<String>,
}

impl XrefSpec {
    /// The text a reference shows: the property `displayProperty` names, else the name,
    /// else the uid.
    pub(crate) fn display(&self, display_property: Option<&str>) -> &str {
        let property = match display_property.map(str::to_ascii_lowercase).as_deref() {
            Some("fullname") => self.full_name.as_deref(),
            Some("namewithtype") => self.name_with_type.as_deref(),
            Some("uid") => Some(self.uid.as_str()),
            _ => None,
        };
        property
            .or(self.name.as_deref())
            .filter(|s| !s.is_empty())
            .unwrap_or(&self.uid)
    }
}

/// A cross reference read from a link destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct XrefTarget {
    /// The uid (query and fragment removed, percent escapes decoded).
    pub(crate) uid: String,
    /// `?displayProperty=…`.
    pub(crate) display_property: Option<String>,
    /// `?text=…` (the text to show, from DocFX's `@"uid?text=Tasks"`).
    pub(crate) text: Option<String>,
    /// `#fragment`, kept on the resolved URL.
    pub(crate) fragment: Option<String>,
}

/// Reads `xref:uid`, `xref:uid?displayProperty=fullName#anchor` or `xref:"uid"` (the
/// destination of a link or of a `<xref:…>` autolink; letter case of `xref:` ignored).
pub(crate) fn xref_href(dest: &str) -> Option<XrefTarget> {
    let dest = dest.trim();
    let head = dest.get(..5)?;
    if !head.eq_ignore_ascii_case("xref:") {
        return None;
    }
    parse_target(&dest[5..])
}

/// Reads `uid?query#fragment` (the uid possibly in quotes).
fn parse_target(text: &str) -> Option<XrefTarget> {
    let text = text.trim();
    let text = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
        .unwrap_or(text);
    let (before_fragment, fragment) = match text.split_once('#') {
        Some((b, f)) => (b, Some(f.to_owned()).filter(|f| !f.is_empty())),
        None => (text, None),
    };
    let (uid, query) = match before_fragment.split_once('?') {
        Some((u, q)) => (u, q),
        None => (before_fragment, ""),
    };
    let uid = percent_encoding::percent_decode_str(uid.trim())
        .decode_utf8_lossy()
        .into_owned();
    if uid.is_empty() {
        return None;
    }
    let mut target = XrefTarget {
        uid,
        display_property: None,
        text: None,
        fragment,
    };
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_encoding::percent_decode_str(&value.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned();
        match key.to_ascii_lowercase().as_str() {
            "displayproperty" => target.display_property = Some(value),
            "text" => target.text = Some(value),
            _ => {}
        }
    }
    Some(target)
}

/// An `@uid` or `@"uid"` in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Shorthand {
    /// Byte range of the whole reference (from `@`) in the text.
    pub(crate) range: Range<usize>,
    /// The reference.
    pub(crate) target: XrefTarget,
}

/// Characters that end a shorthand uid, as DocFX.
const STOP: &[char] = &['"', '\'', '<', '>', '[', ']', '|'];
/// Punctuation that stays part of a uid only when more of it follows (`a.b`, `T::M`).
const CONTINUABLE: &[char] = &['.', ',', ';', ':', '!', '?', '~'];

/// The shorthand references in `text` (source text: a `\` before `@` escapes it). An `@`
/// that follows a letter or digit is part of a word (an e-mail address), not a reference.
pub(crate) fn shorthands(text: &str) -> Vec<Shorthand> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find('@').map(|i| from + i) {
        from = at + 1;
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '\\' || c == '@') {
            continue;
        }
        let rest = &text[at + 1..];
        let Some(first) = rest.chars().next() else {
            break;
        };
        if first == '"' || first == '\'' {
            let body = &rest[1..];
            let Some(end) = body.find([first, '\n', '\r']) else {
                continue;
            };
            if !body[end..].starts_with(first) {
                continue;
            }
            if let Some(target) = parse_target(&body[..end]) {
                let range = at..at + 1 + 1 + end + 1;
                from = range.end;
                found.push(Shorthand { range, target });
            }
            continue;
        }
        if !first.is_alphabetic() {
            continue;
        }
        let mut end = rest.len();
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() || STOP.contains(&c) {
                end = i;
                break;
            }
            if CONTINUABLE.contains(&c) {
                let next = chars.peek().map(|(_, n)| *n);
                let continues = match next {
                    None => false,
                    Some(n) => {
                        !(n.is_whitespace() || STOP.contains(&n) || CONTINUABLE.contains(&n))
                    }
                };
                // `::` between names continues too (`Assembly::Type`).
                let double_colon = c == ':' && next == Some(':') && {
                    let after: String = rest[i + 2..].chars().take(1).collect();
                    after.chars().next().is_some_and(|a| a.is_alphanumeric())
                };
                if double_colon {
                    chars.next();
                    continue;
                }
                if !continues {
                    end = i;
                    break;
                }
            }
        }
        // `(@uid)`: the parenthesis is the sentence's, unless the uid opened one
        // (`M(System.String)`).
        if rest[..end].ends_with(')') && !rest[..end].contains('(') {
            end -= 1;
        }
        let uid = &rest[..end];
        if let Some(target) = parse_target(uid) {
            let range = at..at + 1 + end;
            from = range.end;
            found.push(Shorthand { range, target });
        }
    }
    found
}

/// Metadata text (a `title` or `description` in front matter) as readers see it: an
/// `<xref:uid>` by the name it shows (`name_of`, else its uid), a `[text](xref:uid)` by its
/// text, an `@uid` shorthand that resolves by its name; everything else as written (no
/// Markdown is read: `<Project>` stays text).
pub(crate) fn metadata_text(text: &str, name_of: impl Fn(&XrefTarget) -> Option<String>) -> String {
    if !text.contains("xref:") && !text.contains("XREF:") && !text.contains('@') {
        return text.to_owned();
    }
    let shown = |target: &XrefTarget| {
        target
            .text
            .clone()
            .or_else(|| name_of(target))
            .unwrap_or_else(|| target.uid.clone())
    };
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut from = 0;
    while let Some(at) = lower[from..].find("xref:").map(|i| from + i) {
        from = at + 5;
        // `<xref:…>`
        if at > 0 && text.as_bytes()[at - 1] == b'<' {
            let Some(end) = text[at..].find('>').map(|e| at + e) else {
                continue;
            };
            if let Some(target) = xref_href(&text[at..end])
                && at > last
            {
                out.push_str(&text[last..at - 1]);
                out.push_str(&shown(&target));
                last = end + 1;
                from = last;
            }
            continue;
        }
        // `[text](xref:…)`
        if at >= 2 && &text[at - 2..at] == "](" {
            let Some(open) = text[last..at - 2].rfind('[').map(|o| last + o) else {
                continue;
            };
            let Some(end) = text[at..].find(')').map(|e| at + e) else {
                continue;
            };
            if let Some(target) = xref_href(&text[at..end]) {
                let label = text[open + 1..at - 2].trim();
                out.push_str(&text[last..open]);
                if label.is_empty() {
                    out.push_str(&shown(&target));
                } else {
                    out.push_str(label);
                }
                last = end + 1;
                from = last;
            }
        }
    }
    out.push_str(&text[last..]);
    // `@uid` shorthands that resolve.
    let mut result = String::with_capacity(out.len());
    let mut last = 0;
    for shorthand in shorthands(&out) {
        if let Some(name) = name_of(&shorthand.target) {
            result.push_str(&out[last..shorthand.range.start]);
            result.push_str(&shorthand.target.text.clone().unwrap_or(name));
            last = shorthand.range.end;
        }
    }
    result.push_str(&out[last..]);
    result
}

/// A resolved reference: a link to `url` showing `text` (escaped here).
pub(crate) fn link_html(url: &str, text: &str) -> String {
    format!(
        "<a href=\"{}\" class=\"xref\">{}</a>",
        escape(url),
        escape(text)
    )
}

/// An `<xref:uid>` that resolves nowhere (reported): the uid as text.
pub(crate) fn unresolved_html(uid: &str) -> String {
    format!("<span class=\"xref\">{}</span>", escape(uid))
}

/// The URL of a spec's `href`, made absolute against a map's `base_url` when it is
/// relative and the map has one.
pub(crate) fn spec_url(spec: &XrefSpec, base_url: Option<&str>) -> Option<String> {
    let href = spec.href.as_deref()?;
    let absolute = href.contains("://") || href.starts_with('/');
    Some(match base_url {
        Some(base) if !absolute => {
            format!(
                "{}/{}",
                base.trim_end_matches('/'),
                href.trim_start_matches('/')
            )
        }
        _ => href.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uids(text: &str) -> Vec<(String, &str)> {
        shorthands(text)
            .into_iter()
            .map(|s| (s.target.uid.clone(), &text[s.range]))
            .collect()
    }

    // DocFX: XrefTest.XrefTestGeneral (`<xref:…>`, `xref:` links, quotes, displayProperty).
    #[test]
    fn hrefs() {
        let t = xref_href("xref:Microsoft.Build.Tasks").expect("an xref");
        assert_eq!(t.uid, "Microsoft.Build.Tasks");
        let t = xref_href("xref:Microsoft.Build.Tasks#Anchor_1").expect("an xref");
        assert_eq!(t.fragment.as_deref(), Some("Anchor_1"));
        let t = xref_href("xref:\"Microsoft.Build.Tasks?alt=ImmutableArray\"").expect("an xref");
        assert_eq!(t.uid, "Microsoft.Build.Tasks");
        let t = xref_href("XREF:System.String?displayProperty=fullName").expect("an xref");
        assert_eq!(t.display_property.as_deref(), Some("fullName"));
        assert_eq!(xref_href("xref:"), None);
        assert_eq!(xref_href("https://example.org"), None);
    }

    // DocFX: XrefTest.XrefTestGeneral, XrefTestAssemblyQualifiedUid,
    // XrefTestTrailingColonsEndTheUid.
    #[test]
    fn shorthand_references() {
        assert_eq!(
            uids("@Microsoft.Build.Tasks\n\"@\"a[test](link)\n@hehe"),
            [
                ("Microsoft.Build.Tasks".to_owned(), "@Microsoft.Build.Tasks"),
                ("hehe".to_owned(), "@hehe")
            ]
        );
        assert_eq!(
            uids("@\"Microsoft.Build.Tasks?text=Tasks\" more"),
            [(
                "Microsoft.Build.Tasks".to_owned(),
                "@\"Microsoft.Build.Tasks?text=Tasks\""
            )]
        );
        let s = &shorthands("@\"Microsoft.Build.Tasks?text=Tasks\"")[0];
        assert_eq!(s.target.text.as_deref(), Some("Tasks"));
        assert_eq!(
            uids(
                "@MyLib.Tools::MyLib.Tools.Widget, and the UID: @MyLib.Tools::MyLib.Tools.Widget."
            ),
            [
                (
                    "MyLib.Tools::MyLib.Tools.Widget".to_owned(),
                    "@MyLib.Tools::MyLib.Tools.Widget"
                ),
                (
                    "MyLib.Tools::MyLib.Tools.Widget".to_owned(),
                    "@MyLib.Tools::MyLib.Tools.Widget"
                )
            ]
        );
        assert_eq!(
            uids("@MyLib.Tools:: and @MyLib.Tools::"),
            [
                ("MyLib.Tools".to_owned(), "@MyLib.Tools"),
                ("MyLib.Tools".to_owned(), "@MyLib.Tools")
            ]
        );
    }

    #[test]
    fn mentions_and_addresses_are_not_references() {
        assert!(uids("write to ana@example.org or \\@escaped").is_empty());
        assert!(uids("@ alone, @1digit, @@twice").is_empty());
        assert_eq!(uids("(@octocat)"), [("octocat".to_owned(), "@octocat")]);
        assert_eq!(
            uids("see @System.String.Format(System.String)."),
            [(
                "System.String.Format(System.String)".to_owned(),
                "@System.String.Format(System.String)"
            )]
        );
    }

    #[test]
    fn metadata_shows_references_by_their_names() {
        let name_of = |t: &XrefTarget| match t.uid.as_str() {
            "System.IntPtr" => Some(match t.display_property.as_deref() {
                Some("fullName") => "System.IntPtr".to_owned(),
                _ => "IntPtr".to_owned(),
            }),
            "docs.page" => Some("The page".to_owned()),
            _ => None,
        };
        assert_eq!(
            metadata_text("Wraps <xref:System.IntPtr> handles.", name_of),
            "Wraps IntPtr handles."
        );
        assert_eq!(
            metadata_text(
                "<xref:System.IntPtr?displayProperty=fullName>, [this](xref:docs.page), [](xref:docs.page), <xref:Nowhere> and @docs.page; <Project> and a@b.org stay.",
                name_of
            ),
            "System.IntPtr, this, The page, Nowhere and The page; <Project> and a@b.org stay."
        );
        assert_eq!(metadata_text("@someone <xref:", name_of), "@someone <xref:");
    }

    #[test]
    fn display_text_and_urls() {
        let spec = XrefSpec {
            uid: "System.String".into(),
            name: Some("String".into()),
            href: Some("api/System.String.html".into()),
            full_name: Some("System.String".into()),
            ..XrefSpec::default()
        };
        assert_eq!(spec.display(None), "String");
        assert_eq!(spec.display(Some("fullName")), "System.String");
        assert_eq!(spec.display(Some("nameWithType")), "String");
        assert_eq!(
            spec_url(&spec, Some("https://docs.example.org/")).as_deref(),
            Some("https://docs.example.org/api/System.String.html")
        );
        assert_eq!(
            spec_url(&spec, None).as_deref(),
            Some("api/System.String.html")
        );
        assert_eq!(
            link_html("a.html#x", "A & B"),
            "<a href=\"a.html#x\" class=\"xref\">A &amp; B</a>"
        );
        assert_eq!(
            unresolved_html("<uid>"),
            "<span class=\"xref\">&lt;uid&gt;</span>"
        );
    }
}

/// What uids resolve to for one locale: its own pages' (`uid:` in front matter; `href` the
/// page's output path in the locale) and other sites' maps.
#[derive(Debug, Default)]
pub(crate) struct XrefIndex {
    /// This locale's pages, by uid.
    pub(crate) own: std::collections::HashMap<String, XrefSpec>,
    /// Other sites' maps, in the order they are named (shared by the locales that name
    /// them: a map may hold hundreds of thousands of uids).
    pub(crate) maps: Vec<std::sync::Arc<super::xrefmap::XrefMap>>,
    /// Whether a map the locale names could not be had: a uid that resolves nowhere may
    /// be in it, so it is counted rather than reported (`xref-map`).
    pub(crate) incomplete: bool,
}

/// Two indexes are equal when their own uids are, and they share the same maps (a map is
/// read once per run; comparing hundreds of thousands of entries would be pointless).
impl PartialEq for XrefIndex {
    fn eq(&self, other: &Self) -> bool {
        self.own == other.own
            && self.incomplete == other.incomplete
            && self.maps.len() == other.maps.len()
            && self
                .maps
                .iter()
                .zip(&other.maps)
                .all(|(a, b)| std::sync::Arc::ptr_eq(a, b))
    }
}

impl Eq for XrefIndex {}

/// Where a uid leads.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum XrefResolution<'x> {
    /// A page of the locale: `href` is its output path in the locale.
    Own(&'x XrefSpec),
    /// Another site: the entry and its absolute (or map-relative) URL.
    External(XrefSpec, String),
}

impl XrefResolution<'_> {
    /// The entry the uid resolved to.
    pub(crate) fn spec(&self) -> &XrefSpec {
        match self {
            XrefResolution::Own(spec) => spec,
            XrefResolution::External(spec, _) => spec,
        }
    }
}

impl XrefIndex {
    /// Whether no uid is known (pages without cross references pay nothing).
    pub(crate) fn is_empty(&self) -> bool {
        self.own.is_empty() && self.maps.iter().all(|m| m.is_empty())
    }

    /// Resolves a uid: the locale's own pages first, then the maps in order.
    pub(crate) fn resolve(&self, uid: &str) -> Option<XrefResolution<'_>> {
        if let Some(spec) = self.own.get(uid) {
            return Some(XrefResolution::Own(spec));
        }
        self.maps.iter().find_map(|m| {
            let spec = m.get(uid)?;
            let url = spec_url(&spec, m.base_url.as_deref())?;
            Some(XrefResolution::External(spec, url))
        })
    }
}

#[cfg(test)]
mod index_tests {
    use super::*;

    #[test]
    fn own_pages_come_before_other_maps() {
        let mut index = XrefIndex::default();
        assert!(index.is_empty());
        index.own.insert(
            "a".into(),
            XrefSpec {
                uid: "a".into(),
                href: Some("docs/a.html".into()),
                ..XrefSpec::default()
            },
        );
        let map = crate::dfm::xrefmap::parse(
            b"baseUrl: https://other.example/\nreferences:\n- uid: a\n  href: x.html\n- uid: b\n  href: b.html\n".to_vec(),
        )
        .expect("a map");
        index.maps.push(std::sync::Arc::new(map));
        assert!(matches!(index.resolve("a"), Some(XrefResolution::Own(_))));
        match index.resolve("b") {
            Some(XrefResolution::External(_, url)) => {
                assert_eq!(url, "https://other.example/b.html")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(index.resolve("c"), None);
    }
}
