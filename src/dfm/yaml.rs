//! What the YAML files of the dialect share: parsing a document into a `serde_yaml` value
//! with the error's place, the `### YamlMime:` first line, and the places of scalar values
//! (serde_yaml keeps no positions, so a value's place is found in the text).
//!
//! Only the modules of the dialect's YAML files use this (`pivot_groups`, `yaml_page`,
//! `xrefmap`), so `serde_yaml` stays in `dfm/` (and the configuration).

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

/// Parses a YAML document; a syntax error carries serde_yaml's place. A key given twice in
/// a mapping does not stop it: the last value wins, as in the publishing system (see
/// [`duplicate_keys`] to report them).
pub(crate) fn parse_value(text: &str) -> Result<serde_yaml::Value, YamlError> {
    serde_yaml::from_str::<Lenient>(text)
        .map(|l| l.0)
        .map_err(|err| {
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

/// A YAML value read without refusing a key given twice (the last value wins).
struct Lenient(serde_yaml::Value);

impl<'de> serde::Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LenientVisitor)
    }
}

struct LenientVisitor;

impl<'de> serde::de::Visitor<'de> for LenientVisitor {
    type Value = Lenient;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Lenient, E> {
        Ok(Lenient(serde_yaml::Value::Null))
    }

    fn visit_none<E>(self) -> Result<Lenient, E> {
        Ok(Lenient(serde_yaml::Value::Null))
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Lenient, D::Error> {
        serde::Deserialize::deserialize(d)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Lenient, E> {
        Ok(Lenient(serde_yaml::Value::Bool(b)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Lenient, E> {
        Ok(Lenient(serde_yaml::Value::Number(n.into())))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Lenient, E> {
        Ok(Lenient(serde_yaml::Value::Number(n.into())))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Lenient, E> {
        Ok(Lenient(serde_yaml::Value::Number(n.into())))
    }

    fn visit_str<E>(self, s: &str) -> Result<Lenient, E> {
        Ok(Lenient(serde_yaml::Value::String(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Lenient, E> {
        Ok(Lenient(serde_yaml::Value::String(s)))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lenient, A::Error> {
        let mut items = Vec::new();
        while let Some(Lenient(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Lenient(serde_yaml::Value::Sequence(items)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Lenient, A::Error> {
        let mut out = serde_yaml::Mapping::new();
        while let Some((Lenient(k), Lenient(v))) = map.next_entry()? {
            out.insert(k, v);
        }
        Ok(Lenient(serde_yaml::Value::Mapping(out)))
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Lenient, A::Error> {
        // A tagged value (`!tag x`): the tag is dropped.
        use serde::de::VariantAccess;
        let (_, variant): (Lenient, _) = data.variant()?;
        variant.newtype_variant::<Lenient>()
    }
}

/// Keys given twice in one mapping of a block-style YAML document: each repeat's key and
/// 1-based line (found line by line: indentation and `- ` items delimit mappings).
pub(crate) fn duplicate_keys(text: &str) -> Vec<(String, u32)> {
    let mut found = Vec::new();
    // Open mappings: the column of their keys and the keys seen so far.
    let mut levels: Vec<(usize, Vec<String>)> = Vec::new();
    let mut block_scalar: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut column = line.len() - trimmed.len();
        if let Some(indent) = block_scalar {
            if column > indent {
                continue;
            }
            block_scalar = None;
        }
        let mut rest = trimmed;
        let mut item = false;
        while let Some(after) = rest
            .strip_prefix("- ")
            .or_else(|| (rest == "-").then_some(""))
        {
            let next = after.trim_start();
            column += rest.len() - next.len();
            rest = next;
            item = true;
        }
        levels.retain(|(c, _)| *c < column || (*c == column && !item));
        let Some(colon) = rest.find(':') else {
            continue;
        };
        let after = &rest[colon + 1..];
        if !(after.is_empty() || after.starts_with([' ', '\t']))
            || rest.starts_with(['"', '\'', '{', '['])
        {
            continue;
        }
        let key = rest[..colon].trim().to_owned();
        let value = after.trim();
        if value.starts_with('|') || value.starts_with('>') {
            block_scalar = Some(column);
        }
        match levels.last_mut() {
            Some((c, keys)) if *c == column => {
                if keys.contains(&key) {
                    found.push((key, index as u32 + 1));
                } else {
                    keys.push(key);
                }
            }
            _ => levels.push((column, vec![key])),
        }
    }
    found
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
    fn keys_given_twice_keep_the_last_value_and_are_found() {
        let text = "links:\n  - url: a.md\n    text: One\n    text: Two\n  - url: b.md\n    text: Three\ntitle: x\nnote: |\n  text: in a block\n  text: again\ntitle: y\n";
        let value = parse_value(text).expect("lenient");
        let first = &value["links"][0];
        assert_eq!(first["text"].as_str(), Some("Two"));
        assert_eq!(value["title"].as_str(), Some("y"));
        assert_eq!(
            duplicate_keys(text),
            [("text".to_owned(), 4), ("title".to_owned(), 11)]
        );
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
