//! What the YAML files of the dialect share: parsing a document into a `serde_yaml` value
//! with the error's place, the `### YamlMime:` first line, and the places of scalar values
//! (serde_yaml keeps no positions, so a value's place is found in the text).
//!
//! Only the modules of the dialect's YAML files use this (`pivot_groups`, `yaml_page`,
//! `xrefmap`), so `serde_yaml` stays in `dfm/` (and the configuration).
#![cfg_attr(not(test), allow(dead_code))]

use std::collections::{HashMap, VecDeque};

/// A YAML document that does not parse, or lacks what its kind needs, with its place
/// (1-based line and column, in Unicode scalar values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// 1-based line.
    pub(crate) line: u32,
    /// 1-based column.
    pub(crate) column: u32,
    /// What is wrong, for the finding.
    pub(crate) message: String,
}

impl YamlError {
    /// An error at a place.
    pub(crate) fn at(line: u32, column: u32, message: impl Into<String>) -> Self {
        YamlError {
            line,
            column,
            message: message.into(),
        }
    }
}

/// The kind named by a `### YamlMime:Kind` first line (`Landing`, `Hub`, `ZonePivotGroups`,
/// `XRefMap`, `YamlDocument`), if the text starts with one (a BOM already removed).
pub(crate) fn yaml_mime(text: &str) -> Option<&str> {
    let first = text.lines().next()?.trim();
    let rest = first.strip_prefix("###")?.trim_start();
    let kind = rest.strip_prefix("YamlMime:")?.trim();
    (!kind.is_empty() && !kind.contains(char::is_whitespace)).then_some(kind)
}

/// Parses a YAML document; a syntax error carries serde_yaml's place.
pub(crate) fn parse_value(text: &str) -> Result<serde_yaml::Value, YamlError> {
    serde_yaml::from_str(text).map_err(|err| {
        let (line, column) = err
            .location()
            .map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
        YamlError::at(
            line,
            column,
            format!("not valid YAML: {}", strip_location(&err.to_string())),
        )
    })
}

/// serde_yaml appends " at line L column C"; the finding carries the place itself.
fn strip_location(message: &str) -> &str {
    match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// `map[key]` as a string: strings as they are, numbers and booleans written out.
pub(crate) fn string_field(map: &serde_yaml::Mapping, key: &str) -> Option<String> {
    match map.get(key)? {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Tagged(t) => match &t.value {
            serde_yaml::Value::String(s) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// `map[key]` as a non-empty trimmed string.
pub(crate) fn text_field(map: &serde_yaml::Mapping, key: &str) -> Option<String> {
    string_field(map, key)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// `map[key]` as a sequence (missing or another type: empty).
pub(crate) fn seq_field<'v>(map: &'v serde_yaml::Mapping, key: &str) -> &'v [serde_yaml::Value] {
    match map.get(key) {
        Some(serde_yaml::Value::Sequence(seq)) => seq,
        _ => &[],
    }
}

/// `map[key]` as a mapping.
pub(crate) fn map_field<'v>(
    map: &'v serde_yaml::Mapping,
    key: &str,
) -> Option<&'v serde_yaml::Mapping> {
    match map.get(key)? {
        serde_yaml::Value::Mapping(m) => Some(m),
        _ => None,
    }
}

/// Converts a YAML value to JSON (keys as strings), for templates.
pub(crate) fn to_json(value: &serde_yaml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    use serde_yaml::Value as Y;
    match value {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(*b),
        Y::Number(n) => serde_json::to_value(n).unwrap_or(J::Null),
        Y::String(s) => J::String(s.clone()),
        Y::Sequence(seq) => J::Array(seq.iter().map(to_json).collect()),
        Y::Mapping(map) => J::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s.clone(),
                        other => match to_json(other) {
                            J::String(s) => s,
                            j => j.to_string(),
                        },
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => to_json(&tagged.value),
    }
}

/// The places of the values of chosen keys (`url: x`, `- href: "y"`), found line by line in
/// document order. A model built from the parsed value asks for each value's place in turn;
/// equal values of one key are handed out in document order.
#[derive(Debug, Default)]
pub(crate) struct ValuePlaces {
    places: HashMap<(String, String), VecDeque<(u32, u32)>>,
    /// Where each key first appears, for a value written in a form the line scan does not
    /// read (a block scalar, a flow mapping).
    first_key: HashMap<String, (u32, u32)>,
}

impl ValuePlaces {
    /// Scans `text` for `key: value` lines of the given keys (also after `- `).
    pub(crate) fn scan(text: &str, keys: &[&str]) -> Self {
        let mut out = ValuePlaces::default();
        for (index, line) in text.lines().enumerate() {
            let line_no = index as u32 + 1;
            let indent = line.len() - line.trim_start().len();
            let mut rest = &line[indent..];
            let mut offset = indent;
            while let Some(after_dash) = rest.strip_prefix("- ") {
                let trimmed = after_dash.trim_start();
                offset += rest.len() - trimmed.len();
                rest = trimmed;
            }
            let Some(colon) = rest.find(':') else {
                continue;
            };
            let key = rest[..colon].trim_end();
            let key = key.trim_matches(|c| c == '"' || c == '\'');
            if !keys.contains(&key) {
                continue;
            }
            let after = &rest[colon + 1..];
            if !(after.is_empty() || after.starts_with([' ', '\t'])) {
                continue;
            }
            let value_text = after.trim_start();
            let value_offset = offset + colon + 1 + (after.len() - value_text.len());
            let column = line[..value_offset].chars().count() as u32 + 1;
            out.first_key
                .entry(key.to_owned())
                .or_insert((line_no, column));
            if let Some(value) = scalar(value_text) {
                out.places
                    .entry((key.to_owned(), value))
                    .or_default()
                    .push_back((line_no, column));
            }
        }
        out
    }

    /// The place of the next `key: value` not yet handed out; else the first line with the
    /// key; else the start of the file.
    pub(crate) fn take(&mut self, key: &str, value: &str) -> (u32, u32) {
        if let Some(queue) = self.places.get_mut(&(key.to_owned(), value.to_owned()))
            && let Some(place) = queue.pop_front()
        {
            return place;
        }
        self.first_key.get(key).copied().unwrap_or((1, 1))
    }
}

/// A plain or quoted one-line scalar as YAML reads it (comments dropped).
fn scalar(text: &str) -> Option<String> {
    let text = text.trim_end();
    if text.is_empty() || text.starts_with(['|', '>', '{', '[', '&', '*', '!']) {
        return None;
    }
    if let Some(body) = text.strip_prefix('\'') {
        let end = body.rfind('\'')?;
        return Some(body[..end].replace("''", "'"));
    }
    if let Some(body) = text.strip_prefix('"') {
        let end = body.rfind('"')?;
        let raw = &body[..end];
        if !raw.contains('\\') {
            return Some(raw.to_owned());
        }
        return serde_yaml::from_str::<String>(&text[..end + 2]).ok();
    }
    let value = match text.find(" #") {
        Some(i) => &text[..i],
        None => text,
    };
    Some(value.trim_end().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_names_the_kind() {
        assert_eq!(
            yaml_mime("### YamlMime:Landing\ntitle: x\n"),
            Some("Landing")
        );
        assert_eq!(yaml_mime("###   YamlMime:Hub  \r\n"), Some("Hub"));
        assert_eq!(yaml_mime("# YamlMime:Hub\n"), None);
        assert_eq!(yaml_mime("title: x\n"), None);
    }

    #[test]
    fn syntax_errors_carry_their_line() {
        let err = parse_value("a: 1\nb: [unclosed\n").expect_err("an error");
        assert!(err.line >= 2, "{err:?}");
        assert!(err.message.starts_with("not valid YAML"), "{err:?}");
        assert!(!err.message.contains(" at line "), "{err:?}");
    }

    #[test]
    fn values_are_placed_in_document_order() {
        let text = "links:\n- url: a.md\n  text: A\n-   url: 'b.md'\n- text: C\n  url: a.md # again\nfooter:\n  url: \"c d.md\"\n";
        let mut places = ValuePlaces::scan(text, &["url"]);
        assert_eq!(places.take("url", "a.md"), (2, 8));
        assert_eq!(places.take("url", "b.md"), (4, 10));
        assert_eq!(places.take("url", "a.md"), (6, 8));
        assert_eq!(places.take("url", "c d.md"), (8, 8));
        // Not found again: the first line with the key.
        assert_eq!(places.take("url", "a.md"), (2, 8));
        assert_eq!(places.take("href", "x"), (1, 1));
    }

    #[test]
    fn columns_count_characters() {
        let text = "- título: x\n  url: ñ.md\n";
        let mut places = ValuePlaces::scan(text, &["url", "título"]);
        assert_eq!(places.take("título", "x"), (1, 11));
        assert_eq!(places.take("url", "ñ.md"), (2, 8));
    }
}
