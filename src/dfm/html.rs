//! Start tags in raw HTML fragments: `<a name>`, `<a href>`, `<img src>` are anchors, links
//! and resources in DFM too. Comments are skipped, also when one spans several fragments
//! (the lines of an HTML block).

use std::ops::Range;

/// A start tag found in a fragment.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct StartTag<'h> {
    /// Lower-case tag name.
    pub name: String,
    /// Byte range of the whole tag (`<` to `>`) in the fragment.
    pub range: Range<usize>,
    pub attrs: Vec<Attr<'h>>,
}

/// An attribute of a start tag.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Attr<'h> {
    pub name: &'h str,
    /// Byte range of the value (without quotes) in the fragment; empty at the name's end
    /// when the attribute has no value.
    pub value_range: Range<usize>,
    pub raw_value: &'h str,
}

impl<'h> StartTag<'h> {
    /// The first attribute named `name` (ASCII case-insensitive).
    pub(crate) fn attr(&self, name: &str) -> Option<&Attr<'h>> {
        self.attrs
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }
}

impl Attr<'_> {
    /// The value with the common character references decoded.
    pub(crate) fn value(&self) -> String {
        decode_entities(self.raw_value)
    }
}

/// The name of an `<a name>`/`<a id>` tag that starts an inline HTML fragment.
pub(crate) fn leading_anchor(html_text: &str) -> Option<String> {
    let tag = start_tags(html_text, &mut false).into_iter().next()?;
    if tag.name != "a" || tag.range.start != 0 {
        return None;
    }
    tag.attr("name")
        .or_else(|| tag.attr("id"))
        .map(|a| a.value())
}

/// Start tags of `html`, in order. `in_comment` carries an open `<!--` from the previous
/// fragment to the next.
pub(crate) fn start_tags<'h>(html: &'h str, in_comment: &mut bool) -> Vec<StartTag<'h>> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if *in_comment {
            match html[i..].find("-->") {
                Some(n) => {
                    i += n + 3;
                    *in_comment = false;
                }
                None => return tags,
            }
            continue;
        }
        let Some(n) = memchr::memchr(b'<', &bytes[i..]) else {
            break;
        };
        i += n;
        if html[i..].starts_with("<!--") {
            *in_comment = true;
            i += 4;
            continue;
        }
        match bytes.get(i + 1) {
            Some(c) if c.is_ascii_alphabetic() => match parse_start_tag(html, i) {
                Some(tag) => {
                    i = tag.range.end;
                    tags.push(tag);
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    tags
}

fn parse_start_tag(html: &str, start: usize) -> Option<StartTag<'_>> {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = html[start + 1..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                return Some(StartTag {
                    name,
                    range: start..i + 1,
                    attrs,
                });
            }
            b'/' => {
                i += 1;
                continue;
            }
            b'<' => return None,
            _ => {}
        }
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let attr_name = &html[name_start..i];
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            attrs.push(Attr {
                name: attr_name,
                value_range: i..i,
                raw_value: "",
            });
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let (value_range, after) = match bytes.get(j)? {
            q @ (b'"' | b'\'') => {
                let close = memchr::memchr(*q, &bytes[j + 1..])? + j + 1;
                (j + 1..close, close + 1)
            }
            _ => {
                let mut k = j;
                while k < bytes.len() && !bytes[k].is_ascii_whitespace() && bytes[k] != b'>' {
                    k += 1;
                }
                (j..k, k)
            }
        };
        attrs.push(Attr {
            name: attr_name,
            raw_value: &html[value_range.clone()],
            value_range,
        });
        i = after;
    }
}

/// Decodes `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;` and numeric references.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let c = match entity {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of an HTML fragment: tags and comments left out, character references decoded.
pub(crate) fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else {
            rest.find('>').map(|e| e + 1)
        };
        match end {
            Some(e) => rest = &rest[e..],
            None => break,
        }
    }
    text.push_str(rest);
    decode_entities(&text)
}

/// Escapes text for an HTML attribute value in double quotes or for element content.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_and_attribute_values() {
        let html = r#"<a name="x"></a> <IMG alt='a > b' src=pic.png data-x>"#;
        let tags = start_tags(html, &mut false);
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].attr("name").map(|a| a.value()), Some("x".into()));
        assert_eq!(tags[1].name, "img");
        assert_eq!(tags[1].attr("alt").map(|a| a.value()), Some("a > b".into()));
        let src = tags[1]
            .attr("src")
            .map(|a| a.value_range.clone())
            .unwrap_or_default();
        assert_eq!(&html[src], "pic.png");
        assert!(tags[1].attr("data-x").is_some());
    }

    #[test]
    fn skips_comments_across_fragments() {
        let mut in_comment = false;
        assert!(start_tags("<div><!-- <a href=\"x\">", &mut in_comment).len() == 1);
        assert!(in_comment);
        assert!(start_tags("<img src=a.png> -->", &mut in_comment).is_empty());
        assert_eq!(start_tags("<img src=b.png>", &mut in_comment).len(), 1);
    }

    #[test]
    fn text_of_fragments() {
        assert_eq!(
            text_of("<a href=\"x.html\" class=\"xref\">List&lt;T&gt;</a> and <!-- note -->more"),
            "List<T> and more"
        );
        assert_eq!(
            text_of("<span class=\"xref\">System.IntPtr</span>"),
            "System.IntPtr"
        );
        assert_eq!(text_of("a < b"), "a < b");
    }

    #[test]
    fn decodes_character_references() {
        assert_eq!(decode_entities("a&amp;b&#x41;&#66;&bogus"), "a&bAB&bogus");
    }
}
