//! YAML front matter: the `---` block at the top of a page. The only user of `serde_yaml`
//! besides the configuration.

use serde_json::{Map, Value};

/// The metadata of a page. Every key is kept for templates; the ones rosetta itself uses
/// are picked out.
#[derive(Clone, Debug, Default)]
pub(crate) struct FrontMatter {
    /// Every key, YAML converted to JSON values (keys as strings).
    pub fields: Map<String, Value>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// `ms.assetid`, trimmed, when present and not empty.
    pub asset_id: Option<String>,
    /// 1-based line of the `ms.assetid` key in the file.
    pub asset_id_line: u32,
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
}

/// Splits off and parses the front matter of `text` (BOM already removed).
/// A file without a `---` first line has none; an unclosed or malformed block is an error,
/// and then the page is built without metadata.
pub(crate) fn parse(text: &str) -> Parsed {
    let Some(first_end) = line_end(text, 0) else {
        return Parsed::default();
    };
    if text[..first_end.content].trim_end() != "---" {
        return Parsed::default();
    }
    // Find the closing `---` (or `...`) line.
    let mut pos = first_end.next;
    let yaml_start = pos;
    while let Some(end) = line_end(text, pos) {
        let line = text[pos..end.content].trim_end();
        if line == "---" || line == "..." {
            let yaml = &text[yaml_start..pos];
            let mut parsed = Parsed {
                body_start: end.next,
                ..Parsed::default()
            };
            match parse_yaml(yaml) {
                Ok(fields) => parsed.front_matter = front_matter_from(fields, yaml),
                Err(mut err) => {
                    err.line += 1; // the YAML starts on line 2
                    parsed.error = Some(err);
                }
            }
            return parsed;
        }
        pos = end.next;
        if end.next >= text.len() {
            break;
        }
    }
    Parsed {
        error: Some(FrontMatterError {
            line: 1,
            column: 1,
            message: "front matter is not closed: no `---` line ends the block that starts here; the file is built as Markdown without metadata".into(),
        }),
        ..Parsed::default()
    }
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

fn parse_yaml(yaml: &str) -> Result<Map<String, Value>, FrontMatterError> {
    if yaml.trim().is_empty() {
        return Ok(Map::new());
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|err| {
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
        serde_yaml::Value::Mapping(map) => Ok(map
            .into_iter()
            .map(|(k, v)| (key_string(&k), json_value(v)))
            .collect()),
        serde_yaml::Value::Null => Ok(Map::new()),
        _ => Err(FrontMatterError {
            line: 1,
            column: 1,
            message: "front matter must be a mapping of keys to values".into(),
        }),
    }
}

/// serde_yaml appends " at line L column C"; the finding carries the position itself.
fn strip_location(message: &str) -> &str {
    match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

fn key_string(key: &serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s.clone(),
        other => match json_value(other.clone()) {
            Value::String(s) => s,
            v => v.to_string(),
        },
    }
}

fn json_value(value: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(&n).unwrap_or(Value::Null),
        Y::String(s) => Value::String(s),
        Y::Sequence(seq) => Value::Array(seq.into_iter().map(json_value).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (key_string(&k), json_value(v)))
                .collect(),
        ),
        Y::Tagged(tagged) => json_value(tagged.value),
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
    fn a_scalar_front_matter_is_not_a_mapping() {
        let p = parse("---\njust text\n---\n");
        assert_eq!(
            p.error.map(|e| e.message),
            Some("front matter must be a mapping of keys to values".into())
        );
    }
}
