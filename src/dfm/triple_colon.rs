//! The `:::name attr="value"` syntax that zones, images, rows and columns share: a line
//! (or an inline run) that starts with three colons, a name, and attributes in double
//! quotes, as DocFX's `TripleColonBlockParser` reads them.

/// One `name="value"` (or bare `name`) attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attribute {
    /// The name, lower-cased.
    pub(crate) name: String,
    /// The value without its quotes (empty for a bare name).
    pub(crate) value: String,
    /// Byte offset of the name in the text given to [`attributes`].
    pub(crate) offset: usize,
}

/// Attributes that do not read, with the byte offset where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AttributeError {
    /// Byte offset in the text given to [`attributes`].
    pub(crate) offset: usize,
    /// What is wrong.
    pub(crate) message: String,
}

/// How the attributes of a `:::` construct end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Closing {
    /// At the end of the text (`::: zone pivot="a"`).
    EndOfText,
    /// At `:::` (`:::image …:::`); text after it is not read.
    Colons,
}

/// Attributes read from `text`, and the byte length read (up to and including the closing
/// `:::` for [`Closing::Colons`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attributes {
    /// In order of appearance.
    pub(crate) list: Vec<Attribute>,
    /// Bytes of `text` read.
    pub(crate) len: usize,
}

impl Attributes {
    /// The value of the attribute `name` (lower-case).
    pub(crate) fn get(&self, name: &str) -> Option<&Attribute> {
        self.list.iter().find(|a| a.name == name)
    }
}

/// Reads `name="value"` pairs as DocFX does: names start with a letter and go on with
/// letters, digits and `-` (read lower-cased); values are in double quotes; a name given
/// twice, a value without quotes or an unclosed quote is an error. With
/// [`Closing::Colons`] the attributes end at `:::`, which must come.
pub(crate) fn attributes(text: &str, closing: Closing) -> Result<Attributes, AttributeError> {
    let bytes = text.as_bytes();
    let mut list: Vec<Attribute> = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        if i >= bytes.len() {
            return match closing {
                Closing::EndOfText => Ok(Attributes { list, len: i }),
                Closing::Colons => Err(AttributeError {
                    offset: i,
                    message: "`:::` does not close the attributes".into(),
                }),
            };
        }
        if closing == Closing::Colons && text[i..].starts_with(":::") {
            return Ok(Attributes { list, len: i + 3 });
        }
        let start = i;
        let Some(name_len) = identifier_len(&text[i..]) else {
            return Err(AttributeError {
                offset: i,
                message: format!(
                    "`{}` is not an attribute name",
                    text[i..].chars().next().unwrap_or(' ')
                ),
            });
        };
        let name = text[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        if list.iter().any(|a| a.name == name) {
            return Err(AttributeError {
                offset: start,
                message: format!("attribute `{name}` is given twice"),
            });
        }
        let mut j = i;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
            j += 1;
        }
        let mut value = String::new();
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
                j += 1;
            }
            if bytes.get(j) != Some(&b'"') {
                return Err(AttributeError {
                    offset: j,
                    message: format!("the value of `{name}` must be in double quotes"),
                });
            }
            let Some(end) = text[j + 1..].find('"') else {
                return Err(AttributeError {
                    offset: j,
                    message: format!("the value of `{name}` has no closing `\"`"),
                });
            };
            value = text[j + 1..j + 1 + end].to_owned();
            i = j + 1 + end + 1;
        }
        list.push(Attribute {
            name,
            value,
            offset: start,
        });
    }
}

/// The byte length of an identifier (a letter, then letters, digits and `-`) at the start
/// of `text`.
pub(crate) fn identifier_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    Some(
        chars
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-'))
            .map_or(text.len(), |(i, _)| i),
    )
}

/// A line of the form `::: name …` (spaces, three colons or more, spaces, a name): the name
/// lower-cased, the number of colons, and where the colons and what follows the name start.
/// Callers decide how much indentation they accept (zones: less than a code block's four
/// spaces; columns: any, as DocFX).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ColonLine<'t> {
    /// Lower-cased name (`zone`, `zone-end`, `row`, `column-end`, `image`).
    pub(crate) name: String,
    /// How many colons open the line.
    pub(crate) colons: usize,
    /// Byte offset in the line of the first colon (the indentation, in spaces).
    pub(crate) start: usize,
    /// What follows the name.
    pub(crate) rest: &'t str,
    /// Byte offset of `rest` in the line.
    pub(crate) rest_offset: usize,
}

/// Reads a line as `::: name …`; `None` when it is not one.
pub(crate) fn colon_line(line: &str) -> Option<ColonLine<'_>> {
    let line = line.trim_end_matches(['\r', '\n']);
    let indent = line.len() - line.trim_start_matches(' ').len();
    let body = &line[indent..];
    let colons = body.len() - body.trim_start_matches(':').len();
    if colons < 3 {
        return None;
    }
    let after = &body[colons..];
    let name_start = colons + (after.len() - after.trim_start_matches([' ', '\t']).len());
    let name_len = identifier_len(&body[name_start..])?;
    let rest_offset = indent + name_start + name_len;
    Some(ColonLine {
        name: body[name_start..name_start + name_len].to_ascii_lowercase(),
        colons,
        start: indent,
        rest: &line[rest_offset..],
        rest_offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(attrs: &Attributes) -> Vec<(&str, &str)> {
        attrs
            .list
            .iter()
            .map(|a| (a.name.as_str(), a.value.as_str()))
            .collect()
    }

    // DocFX: RenderZoneTest.KitchenSink (spaces around `=`, several attributes).
    #[test]
    fn reads_double_quoted_values_and_spaces() {
        let attrs = attributes(
            r#"  pivot=" foo,bar "    target = "docs""#,
            Closing::EndOfText,
        )
        .expect("attributes");
        assert_eq!(names(&attrs), [("pivot", " foo,bar "), ("target", "docs")]);
        assert_eq!(attrs.list[1].offset, 23);
    }

    // DocFX: RenderZoneTest.AttributeMissingClosingQuote, DuplicateAttribute, InvalidAttribute.
    #[test]
    fn bad_attributes_are_errors_with_their_place() {
        let err = attributes(r#" target="chromeless"#, Closing::EndOfText).expect_err("unclosed");
        assert_eq!(err.offset, 8);
        let err =
            attributes(r#" target="pdf" target="docs""#, Closing::EndOfText).expect_err("twice");
        assert_eq!(err.offset, 14);
        assert!(err.message.contains("twice"));
        let err = attributes(r#" *="pdf""#, Closing::EndOfText).expect_err("not a name");
        assert_eq!(err.offset, 1);
        let err = attributes(" span=2", Closing::EndOfText).expect_err("unquoted");
        assert!(err.message.contains("double quotes"));
    }

    // DocFX: ImageTest (`:::image …:::` followed by inline text).
    #[test]
    fn colons_close_inline_attributes() {
        let text = r#" type="icon" source="a:::b.svg"::: And this"#;
        let attrs = attributes(text, Closing::Colons).expect("attributes");
        assert_eq!(names(&attrs), [("type", "icon"), ("source", "a:::b.svg")]);
        assert_eq!(&text[attrs.len..], " And this");
        assert!(attributes(r#" type="icon""#, Closing::Colons).is_err());
    }

    #[test]
    fn colon_lines() {
        let line = colon_line(":::  zone  pivot=\"foo\"").expect("a colon line");
        assert_eq!(line.name, "zone");
        assert_eq!(line.rest, "  pivot=\"foo\"");
        assert_eq!(
            colon_line("::: Zone-End").map(|l| l.name),
            Some("zone-end".into())
        );
        assert_eq!(colon_line("   :::row:::").map(|l| l.rest), Some(":::"));
        assert_eq!(
            colon_line("::::column span=\"2\":::").map(|l| l.colons),
            Some(4)
        );
        assert_eq!(colon_line("    ::: zone").map(|l| l.start), Some(4));
        assert_eq!(colon_line(":: zone"), None);
        assert_eq!(colon_line("::: 1zone"), None);
        assert_eq!(colon_line("text ::: zone"), None);
    }
}
