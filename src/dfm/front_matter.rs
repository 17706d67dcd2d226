//! YAML front matter: the `---` block at the top of a page, read leniently (a key given
//! twice is a warning and the last value wins).

use serde_json::{Map, Value};

/// The key of a page's own versions (DocFX's `monikerRange`).
pub(crate) const MONIKER_RANGE: &str = "monikerRange";
/// The key of the versions a page leaves out.
pub(crate) const EXCLUDE_MONIKERS: &str = "exclude_monikers";

/// The metadata of a page. Every key is kept for templates; the ones rosetta itself uses
/// are picked out.
#[derive(Clone, Debug, Default, Hash)]
pub(crate) struct FrontMatter {
    /// Every key, YAML converted to JSON values (keys as strings).
    pub fields: Map<String, Value>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// `ms.assetid`, trimmed, when present and not empty.
    pub asset_id: Option<String>,
    /// 1-based line of the `ms.assetid` key in the file.
    pub asset_id_line: u32,
    /// `redirect_url`: the page is a redirection to this URL.
    pub redirect_url: Option<String>,
    /// 1-based line of the `redirect_url` key in the file.
    pub redirect_url_line: u32,
}

impl FrontMatter {
    /// `uid`, trimmed, when it is a string that is not empty: the page's cross-reference id
    /// (the uid index, pairing by uid, `xrefmap.yml`).
    pub(crate) fn uid(&self) -> Option<&str> {
        let uid = self.fields.get("uid")?.as_str()?.trim();
        (!uid.is_empty()).then_some(uid)
    }

    /// `ms.sourcegitcommit`: the source version the translation was made from, as text (a
    /// YAML number counts: an all-digit commit id).
    pub(crate) fn source_commit(&self) -> Option<String> {
        self.text("ms.sourcegitcommit")
    }

    /// `ms.translationtype` as written (`HT`, `MT`, `MTE75`…), trimmed.
    pub(crate) fn translation_type(&self) -> Option<String> {
        self.text("ms.translationtype")
    }

    /// `zone_pivot_groups`: the pivot groups the page names, as written.
    pub(crate) fn zone_pivot_groups(&self) -> Option<&Value> {
        self.fields.get("zone_pivot_groups")
    }

    /// `monikerRange`: the versions (DocFX monikers) the page is for, as written; `None`
    /// when absent or blank.
    pub(crate) fn moniker_range(&self) -> Option<&str> {
        let range = self.fields.get(MONIKER_RANGE)?.as_str()?;
        (!range.trim().is_empty()).then_some(range)
    }

    /// `exclude_monikers`: the versions the page leaves out (a name or a list of names).
    pub(crate) fn exclude_monikers(&self) -> Vec<String> {
        match self.fields.get(EXCLUDE_MONIKERS) {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the page names versions of its own (`monikerRange` or `exclude_monikers`,
    /// blank or not).
    pub(crate) fn names_monikers(&self) -> bool {
        self.fields.contains_key(MONIKER_RANGE) || self.fields.contains_key(EXCLUDE_MONIKERS)
    }

    /// A value as text, trimmed and not empty (a string or a number).
    fn text(&self, key: &str) -> Option<String> {
        let text = match self.fields.get(key)? {
            Value::String(s) => s.trim().to_owned(),
            Value::Number(n) => n.to_string(),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    }

    /// `ms.date` as `YYYY-MM-DD`: Microsoft's `MM/DD/YYYY` (one-digit month and day
    /// allowed) or ISO `YYYY-MM-DD`; `None` for anything else (the page's last-updated date
    /// when git has none).
    pub(crate) fn ms_date(&self) -> Option<String> {
        let text = self.fields.get("ms.date")?.as_str()?.trim();
        let number = |s: &str| s.trim().parse::<u16>().ok();
        let parts: Vec<&str>;
        let (year, month, day) = if text.contains('/') {
            parts = text.split('/').collect();
            match parts.as_slice() {
                [m, d, y] => (number(y)?, number(m)?, number(d)?),
                _ => return None,
            }
        } else {
            parts = text.split('-').collect();
            match parts.as_slice() {
                [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                    (number(y)?, number(m)?, number(d)?)
                }
                _ => return None,
            }
        };
        let valid =
            (1000..=9999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
        valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
    }

    /// Whether `ms.translationtype` says the page was translated by machine (`MT`, or `MTE`
    /// with a score such as `MTE75`); `HT` is a human translation.
    pub(crate) fn machine_translated(&self) -> bool {
        scalar_string(self.fields.get("ms.translationtype")).is_some_and(|t| {
            let t = t.to_ascii_uppercase();
            t == "MT" || t.starts_with("MTE")
        })
    }
}

/// A front matter that does not parse, with its place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FrontMatterError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// What [`parse`] finds at the top of a file.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub front_matter: FrontMatter,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    pub error: Option<FrontMatterError>,
    /// Keys given more than once: the key and the 1-based line (in the file) of each
    /// occurrence after the first. The last value is kept.
    pub duplicates: Vec<(String, u32)>,
}

/// Splits off and parses the front matter of `text` (BOM already removed).
/// A file without a `---` first line has none; an unclosed or malformed block is an error,
/// and then the page is built without metadata.
pub(crate) fn parse(text: &str) -> Parsed {
    let (yaml_start, yaml_end, body_start) = match block(text) {
        Block::None => return Parsed::default(),
        Block::Unclosed => {
            return Parsed {
                error: Some(FrontMatterError {
                    line: 1,
                    column: 1,
                    message: "front matter is not closed: no `---` line ends the block that starts here; the file is built as Markdown without metadata".into(),
                }),
                ..Parsed::default()
            };
        }
        Block::Closed {
            yaml_start,
            yaml_end,
            body_start,
        } => (yaml_start, yaml_end, body_start),
    };
    let yaml = &text[yaml_start..yaml_end];
    let mut parsed = Parsed {
        body_start,
        ..Parsed::default()
    };
    match parse_yaml(yaml) {
        Ok((fields, duplicates)) => {
            parsed.duplicates = duplicates
                .into_iter()
                .flat_map(|key| {
                    key_lines(yaml, &key)
                        .into_iter()
                        .skip(1)
                        .map(move |line| (key.clone(), line + 2))
                })
                .collect();
            parsed.front_matter = front_matter_from(fields, yaml);
        }
        Err(mut err) => {
            err.line += 1; // the YAML starts on line 2
            parsed.error = Some(err);
        }
    }
    parsed
}

/// Where the body of `text` (BOM already removed) starts, the YAML left unread: after a
/// closed front matter block, else at 0 (as [`parse`] reads it).
pub(crate) fn body_start(text: &str) -> usize {
    match block(text) {
        Block::Closed { body_start, .. } => body_start,
        Block::None | Block::Unclosed => 0,
    }
}

/// The front matter block of a file.
enum Block {
    /// No `---` first line.
    None,
    /// A `---` first line and no closing `---` / `...` line.
    Unclosed,
    Closed {
        yaml_start: usize,
        yaml_end: usize,
        body_start: usize,
    },
}

fn block(text: &str) -> Block {
    let Some(first_end) = line_end(text, 0) else {
        return Block::None;
    };
    if text[..first_end.content].trim_end() != "---" {
        return Block::None;
    }
    // Find the closing `---` (or `...`) line.
    let mut pos = first_end.next;
    let yaml_start = pos;
    while let Some(end) = line_end(text, pos) {
        let line = text[pos..end.content].trim_end();
        if line == "---" || line == "..." {
            return Block::Closed {
                yaml_start,
                yaml_end: pos,
                body_start: end.next,
            };
        }
        pos = end.next;
        if end.next >= text.len() {
            break;
        }
    }
    Block::Unclosed
}

struct LineEnd {
    /// End of the line's content (before the line ending).
    content: usize,
    /// Start of the next line.
    next: usize,
}

fn line_end(text: &str, from: usize) -> Option<LineEnd> {
    if from > text.len() || (from == text.len() && from != 0) {
        return None;
    }
    let bytes = text.as_bytes();
    match memchr::memchr2(b'\n', b'\r', &bytes[from..]) {
        Some(n) => {
            let at = from + n;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            Some(LineEnd { content: at, next })
        }
        None => Some(LineEnd {
            content: text.len(),
            next: text.len(),
        }),
    }
}

/// The mapping and the top-level keys given more than once (the last value wins, as the
/// publishing system does).
fn parse_yaml(yaml: &str) -> Result<(Map<String, Value>, Vec<String>), FrontMatterError> {
    if yaml.trim().is_empty() {
        return Ok((Map::new(), Vec::new()));
    }
    let value: Lenient = serde_yaml::from_str(yaml).map_err(|err| {
        let (line, column) = err
            .location()
            .map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
        FrontMatterError {
            line,
            column,
            message: format!(
                "front matter is not valid YAML: {}",
                strip_location(&err.to_string())
            ),
        }
    })?;
    match value {
        Lenient::Map(entries) => {
            let mut map = Map::new();
            let mut duplicates = Vec::new();
            for (k, v) in entries {
                let key = key_string(k);
                if map.insert(key.clone(), v.into_json()).is_some() && !duplicates.contains(&key) {
                    duplicates.push(key);
                }
            }
            Ok((map, duplicates))
        }
        Lenient::Null => Ok((Map::new(), Vec::new())),
        _ => Err(FrontMatterError {
            line: 1,
            column: 1,
            message: "front matter must be a mapping of keys to values".into(),
        }),
    }
}

/// The 0-based lines of `yaml` where the top-level key `key` is written.
fn key_lines(yaml: &str, key: &str) -> Vec<u32> {
    fn quoted<'l>(l: &'l str, key: &str, q: char) -> Option<&'l str> {
        l.strip_prefix(q)?.strip_prefix(key)?.strip_prefix(q)
    }
    yaml.lines()
        .enumerate()
        .filter(|(_, l)| {
            let rest = l
                .strip_prefix(key)
                .or_else(|| quoted(l, key, '"'))
                .or_else(|| quoted(l, key, '\''));
            rest.is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|(i, _)| i as u32)
        .collect()
}

/// A YAML value read without refusing a key given twice: mappings keep every entry in
/// order, and tags are dropped.
enum Lenient {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Seq(Vec<Lenient>),
    Map(Vec<(Lenient, Lenient)>),
}

impl Lenient {
    /// As JSON: a mapping's last entry of a key wins; keys become strings.
    fn into_json(self) -> Value {
        match self {
            Lenient::Null => Value::Null,
            Lenient::Bool(b) => Value::Bool(b),
            Lenient::Number(n) => Value::Number(n),
            Lenient::String(s) => Value::String(s),
            Lenient::Seq(items) => {
                Value::Array(items.into_iter().map(Lenient::into_json).collect())
            }
            Lenient::Map(entries) => Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (key_string(k), v.into_json()))
                    .collect(),
            ),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Lenient;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Lenient, E> {
                Ok(Lenient::Null)
            }
            fn visit_none<E>(self) -> Result<Lenient, E> {
                Ok(Lenient::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Lenient, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Lenient, E> {
                Ok(Lenient::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Lenient, E> {
                Ok(Lenient::Number(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Lenient, E> {
                Ok(Lenient::Number(n.into()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Lenient, E> {
                Ok(serde_json::Number::from_f64(n).map_or(Lenient::Null, Lenient::Number))
            }
            fn visit_str<E>(self, s: &str) -> Result<Lenient, E> {
                Ok(Lenient::String(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Lenient, E> {
                Ok(Lenient::String(s))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Lenient, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Lenient::Seq(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Lenient, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Lenient::Map(entries))
            }
            fn visit_enum<A: serde::de::EnumAccess<'de>>(
                self,
                data: A,
            ) -> Result<Lenient, A::Error> {
                // A tagged value (`!tag value`): the value, without its tag.
                use serde::de::VariantAccess;
                let (_tag, variant): (String, _) = data.variant()?;
                variant.newtype_variant()
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// serde_yaml appends " at line L column C"; the finding carries the position itself.
fn strip_location(message: &str) -> &str {
    match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

fn key_string(key: Lenient) -> String {
    match key.into_json() {
        Value::String(s) => s,
        v => v.to_string(),
    }
}

fn scalar_string(value: Option<&Value>) -> Option<String> {
    let s = match value? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn front_matter_from(fields: Map<String, Value>, yaml: &str) -> FrontMatter {
    let asset_id = scalar_string(fields.get("ms.assetid"));
    let asset_id_line = yaml
        .lines()
        .position(|l| {
            l.starts_with("ms.assetid") && l["ms.assetid".len()..].trim_start().starts_with(':')
        })
        .map_or(1, |i| i as u32 + 2);
    FrontMatter {
        redirect_url_line: match fields.contains_key("redirect_url") {
            true => key_lines(yaml, "redirect_url").last().map_or(1, |l| l + 2),
            false => 1,
        },
        redirect_url: scalar_string(fields.get("redirect_url")),
        title: scalar_string(fields.get("title")),
        description: scalar_string(fields.get("description")),
        asset_id,
        asset_id_line,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ms_date_is_read_in_both_forms_and_nothing_else() {
        let date = |value: &str| {
            parse(&format!("---\nms.date: {value}\n---\n# A\n"))
                .front_matter
                .ms_date()
        };
        assert_eq!(date("01/07/2020").as_deref(), Some("2020-01-07"));
        assert_eq!(date("1/7/2020").as_deref(), Some("2020-01-07"));
        assert_eq!(date("\"2020-01-07\"").as_deref(), Some("2020-01-07"));
        assert_eq!(date("2020-01-07").as_deref(), Some("2020-01-07"));
        assert_eq!(date("13/07/2020"), None);
        assert_eq!(date("2020-01-07T10:00"), None);
        assert_eq!(date("soon"), None);
        assert_eq!(date("2020"), None);
    }

    #[test]
    fn reads_crlf_front_matter_with_blank_lines_before_the_end() {
        let text = "---\r\ntitle: \"Hola | Docs\"\r\nms.assetid: abc-1 \r\nkeywords: \r\n\r\n\r\n---\r\n# Body\r\n";
        let p = parse(text);
        assert!(p.error.is_none());
        assert_eq!(p.front_matter.title.as_deref(), Some("Hola | Docs"));
        assert_eq!(p.front_matter.asset_id.as_deref(), Some("abc-1"));
        assert_eq!(p.front_matter.asset_id_line, 3);
        assert_eq!(p.front_matter.fields["keywords"], Value::Null);
        assert_eq!(&text[p.body_start..], "# Body\r\n");
    }

    #[test]
    fn no_front_matter_means_the_whole_file_is_body() {
        let p = parse("# Title\n---\n");
        assert_eq!(p.body_start, 0);
        assert!(p.error.is_none());
    }

    #[test]
    fn malformed_yaml_is_reported_at_its_line_in_the_file() {
        let p = parse("---\ntitle: ok\nbad: [unclosed\n---\nbody\n");
        let err = p.error.expect("an error");
        assert!(err.line >= 3, "{err:?}");
        assert!(err.message.starts_with("front matter is not valid YAML"));
        assert_eq!(p.body_start, "---\ntitle: ok\nbad: [unclosed\n---\n".len());
    }

    #[test]
    fn an_unclosed_block_is_reported_and_the_file_kept_as_body() {
        let p = parse("---\ntitle: x\n");
        assert_eq!(p.error.map(|e| e.line), Some(1));
        assert_eq!(p.body_start, 0);
    }

    #[test]
    fn a_key_given_twice_keeps_the_last_value_and_the_other_keys() {
        let p = parse("---\ntitle: T\nms.custom: a\nms.assetid: x\nms.custom: b\n---\n");
        assert!(p.error.is_none(), "{:?}", p.error);
        assert_eq!(
            p.front_matter.fields["ms.custom"],
            Value::String("b".into())
        );
        assert_eq!(p.front_matter.title.as_deref(), Some("T"));
        assert_eq!(p.front_matter.asset_id.as_deref(), Some("x"));
        assert_eq!(p.duplicates, [("ms.custom".to_owned(), 5)]);
    }

    #[test]
    fn tagged_values_and_numbers_are_kept() {
        let p = parse("---\nms.date: 2019-04-01\nn: !custom 3\nf: 1.5\n---\n");
        assert!(p.error.is_none(), "{:?}", p.error);
        assert_eq!(p.front_matter.fields["n"], Value::from(3));
        assert_eq!(
            p.front_matter.fields["ms.date"],
            Value::String("2019-04-01".into())
        );
    }

    #[test]
    fn a_scalar_front_matter_is_not_a_mapping() {
        let p = parse("---\njust text\n---\n");
        assert_eq!(
            p.error.map(|e| e.message),
            Some("front matter must be a mapping of keys to values".into())
        );
    }
}
