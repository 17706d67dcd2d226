//! The bracket directives of DFM: `[!INCLUDE[title](path)]` and the blockquote markers
//! `[!NOTE]`, `[!div …]`, `[!VIDEO …]`.

/// The kinds of alert DFM knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AlertKind {
    Note,
    Tip,
    Important,
    Caution,
    Warning,
}

impl AlertKind {
    /// The CSS class and the i18n key suffix (`alert-note`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AlertKind::Note => "note",
            AlertKind::Tip => "tip",
            AlertKind::Important => "important",
            AlertKind::Caution => "caution",
            AlertKind::Warning => "warning",
        }
    }

    pub(crate) const ALL: [AlertKind; 5] = [
        AlertKind::Note,
        AlertKind::Tip,
        AlertKind::Important,
        AlertKind::Caution,
        AlertKind::Warning,
    ];
}

/// A line of a blockquote that opens a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Marker {
    Alert(AlertKind),
    /// `[!div class="x"]`: the attributes as (name, value) pairs.
    Div(Vec<(String, String)>),
    /// `[!VIDEO https://…]`.
    Video(String),
}

/// Reads a blockquote line as a marker: the whole line (trimmed) must be the marker; text
/// after it makes the line ordinary text, as in DocFX. Letter case is ignored.
pub(crate) fn marker(line: &str) -> Option<Marker> {
    let inner = line.trim().strip_prefix("[!")?.strip_suffix(']')?;
    if inner.contains(']') {
        return None;
    }
    let (word, rest) = match inner.find(char::is_whitespace) {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    };
    let word = word.to_ascii_lowercase();
    if let Some(kind) = AlertKind::ALL.iter().find(|k| k.as_str() == word) {
        return rest.is_empty().then_some(Marker::Alert(*kind));
    }
    match word.as_str() {
        "div" => Some(Marker::Div(div_attributes(rest.trim_matches('`')))),
        "video" => {
            let url = rest.split_whitespace().next()?;
            (url.starts_with("https://") || url.starts_with("http://"))
                .then(|| Marker::Video(url.to_owned()))
        }
        _ => None,
    }
}

/// `class="a b" id='x' data-y=z` → pairs; names that are not attribute names are dropped.
fn div_attributes(text: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let value = if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let (value, remainder) = match after_eq.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after_eq[1..];
                    match body.find(q) {
                        Some(end) => (&body[..end], &body[end + 1..]),
                        None => (body, ""),
                    }
                }
                _ => {
                    let end = after_eq.find(char::is_whitespace).unwrap_or(after_eq.len());
                    (&after_eq[..end], &after_eq[end..])
                }
            };
            rest = remainder.trim_start();
            value
        } else {
            ""
        };
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            && !name.to_ascii_lowercase().starts_with("on");
        if valid {
            attrs.push((name.to_owned(), value.to_owned()));
        }
    }
    attrs
}

/// An include directive found in source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct IncludeDirective {
    pub title: String,
    pub path: String,
}

/// Reads `text` (trimmed) as exactly one include directive, `[!INCLUDE[title](path)]`, as
/// DocFX does: letter case ignored, `[!include+[…]` and `[!include-[…]` accepted, spaces
/// allowed before `[title]`, the path possibly in `<…>` and followed by a title, `\` escaping
/// ASCII punctuation in title and path.
pub(crate) fn include_directive(text: &str) -> Option<IncludeDirective> {
    let text = text.trim();
    let rest = strip_prefix_ignore_case(text, "[!include")?;
    let rest = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    let rest = rest.trim_start_matches([' ', '\t']).strip_prefix('[')?;
    let (title, rest) = until_unescaped(rest, ']')?;
    let rest = rest.strip_prefix('(')?;
    let (inside, rest) = until_unescaped(rest, ')')?;
    if rest.trim_end() != "]" {
        return None;
    }
    let path = link_destination(&inside)?;
    Some(IncludeDirective { title, path })
}

/// The text up to the first `end` not escaped by `\`, unescaped, and what follows it.
fn until_unescaped(text: &str, end: char) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == end {
            return Some((out, &text[i + c.len_utf8()..]));
        }
        if c == '\\'
            && let Some((_, next)) = chars.clone().next()
            && next.is_ascii_punctuation()
        {
            chars.next();
            if next != end && next != '\\' {
                out.push('\\');
            }
            out.push(next);
            continue;
        }
        out.push(c);
    }
    None
}

/// The destination of a link written `(dest "title")`, `dest` possibly in `<…>`; `\`
/// before ASCII punctuation is an escape, any other `\` stays (a Windows separator).
fn link_destination(inside: &str) -> Option<String> {
    let inside = inside.trim();
    let dest = if let Some(rest) = inside.strip_prefix('<') {
        &rest[..rest.find('>')?]
    } else {
        let end = inside.find(char::is_whitespace).unwrap_or(inside.len());
        &inside[..end]
    };
    let mut out = String::with_capacity(dest.len());
    let mut chars = dest.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next)) if next.is_ascii_punctuation() && next != '/' && next != '\\' => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The length of the `[!INCLUDE` opener (with an optional `-`/`+` and spaces) that `before`
/// (the source text before a link) ends with, if any.
pub(crate) fn include_opener_len(before: &str) -> Option<usize> {
    const OPENER: &str = "[!include";
    let trimmed = before.trim_end_matches([' ', '\t']);
    let trimmed = trimmed.strip_suffix(['+', '-']).unwrap_or(trimmed);
    let start = trimmed.len().checked_sub(OPENER.len())?;
    let head = trimmed.get(start..)?;
    head.eq_ignore_ascii_case(OPENER)
        .then(|| before.len() - start)
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_any_case_alone_on_their_line() {
        assert_eq!(marker("[!Note]"), Some(Marker::Alert(AlertKind::Note)));
        assert_eq!(
            marker(" [!WARNING] "),
            Some(Marker::Alert(AlertKind::Warning))
        );
        assert_eq!(marker("[!NOTE] text after"), None);
        assert_eq!(marker("[!UNKNOWN]"), None);
        assert_eq!(
            marker(r#"[!div class="op_single_selector" id='x']"#),
            Some(Marker::Div(vec![
                ("class".into(), "op_single_selector".into()),
                ("id".into(), "x".into())
            ]))
        );
        assert_eq!(
            marker("[!div class=\"x\" onclick=\"evil()\"]"),
            Some(Marker::Div(vec![("class".into(), "x".into())]))
        );
        assert_eq!(
            marker("[!VIDEO https://example.org/embed/1]"),
            Some(Marker::Video("https://example.org/embed/1".into()))
        );
        assert_eq!(marker("[!VIDEO javascript:alert(1)]"), None);
    }

    #[test]
    fn include_directives() {
        assert_eq!(
            include_directive("  [!INCLUDE[t](../includes/a.md)] "),
            Some(IncludeDirective {
                title: "t".into(),
                path: "../includes/a.md".into()
            })
        );
        assert_eq!(
            include_directive("[!include[](<my file.md>)]").map(|d| d.path),
            Some("my file.md".into())
        );
        assert_eq!(
            include_directive("[!INCLUDE[t](a.md \"title\")]").map(|d| d.path),
            Some("a.md".into())
        );
        assert_eq!(include_directive("see [!INCLUDE[t](a.md)]"), None);
        assert_eq!(
            include_directive("[!include+ [t](a.md)]").map(|d| d.path),
            Some("a.md".into())
        );
        assert_eq!(
            include_directive(r"[!INCLUDE[a \] b](../includes/x\_y.md)]"),
            Some(IncludeDirective {
                title: "a ] b".into(),
                path: "../includes/x_y.md".into()
            })
        );
        assert_eq!(
            include_directive(r"[!INCLUDE[t](..\includes\a.md)]").map(|d| d.path),
            Some(r"..\includes\a.md".into())
        );
        assert_eq!(include_directive("[!INCLUDE[t](a.md)] trailing"), None);
        assert_eq!(include_opener_len("text [!Include"), Some(9));
        assert_eq!(include_opener_len("text [!include- "), Some(11));
        assert_eq!(include_opener_len("include"), None);
    }
}
