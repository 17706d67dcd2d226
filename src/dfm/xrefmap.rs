//! Xref maps, the maps of uids DocFX writes beside a site and reads from other sites, in
//! both of DocFX's forms: `xrefmap.yml` (`### YamlMime:XRefMap`, `sorted`, an optional
//! `baseUrl`, `references` of uid, name, href, fullName, nameWithType, commentId) and the
//! same model in JSON (`.xrefmap.json`, as Microsoft Learn publishes the .NET API map).
//! rosetta writes one per locale and reads the maps that `xref:` in rosetta.yaml and
//! `build.xref` in docfx.json name.
//!
//! A map may hold hundreds of thousands of uids (the .NET API map), so a read map is kept
//! compact: a JSON map keeps the text it was read from, reduced to the strings its entries
//! use (moved in place over the keys and values it skips; strings written with escapes are
//! copied out), and each entry is five spans of it; uids are found through one hash table
//! of entry numbers, hashed without letter case, so that an exact match and one in another
//! letter case are found on the same probe. Other keys (`redirections`, `monikers`, …) are
//! skipped without being kept.

use super::xref::XrefSpec;
use super::yaml::{self, YamlError};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserializer, Serialize};
use std::borrow::Cow;
use std::fmt;

/// The largest map read in the YAML form: YAML is read into a tree of values first, which
/// takes many times the text's size (a large map is read in the JSON form, span by span).
const MAX_YAML_BYTES: usize = 64 << 20;

/// The first line of the YAML form.
pub(crate) const HEADER: &str = "### YamlMime:XRefMap";

/// Where a field's text is: a span of the map's text (`start` with [`EXTRA`] set: of the
/// copied-out strings). A field that is absent has `start == ABSENT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    start: u32,
    len: u32,
}

/// The bit of `Span::start` that says the text is in `XrefMap::extra`.
const EXTRA: u32 = 1 << 31;
/// `Span::start` of a field that is absent.
const ABSENT: u32 = u32::MAX;

impl Span {
    const NONE: Span = Span {
        start: ABSENT,
        len: 0,
    };
}

/// One entry: the spans of the fields a reference shows (`commentId` is not kept).
#[derive(Clone, Copy, Debug)]
struct Entry {
    uid: Span,
    name: Span,
    href: Span,
    full_name: Span,
    name_with_type: Span,
}

/// A map of uids, read from another site.
#[derive(Debug, Default)]
pub(crate) struct XrefMap {
    /// The URL relative `href`s resolve against.
    pub(crate) base_url: Option<String>,
    /// The text the map was read from (a JSON map's file), entries' strings are spans of it.
    text: Vec<u8>,
    /// Strings that could not be spans of `text` (written with escapes, or read from YAML).
    extra: String,
    /// In the order written (a uid given twice: the first entry).
    entries: Vec<Entry>,
    /// The entries by uid (hashed ignoring ASCII letter case).
    table: Table,
}

/// An open-addressing hash table of entry numbers, each with the high half of its uid's
/// hash (so that most probes need not read the uid); `EMPTY` is a free slot. The number of
/// slots is a power of two at least twice the number of entries.
#[derive(Debug, Default)]
struct Table {
    slots: Vec<(u32, u32)>,
}

const EMPTY: u32 = u32::MAX;

/// The hash of a uid's ASCII lower case. A multiply-rotate over eight bytes at a time
/// (uids are not chosen by an adversary, and a bad spread only costs probes), finished with
/// splitmix64's mix so that the low bits, the slot, are spread.
fn hash(uid: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = uid.len() as u64;
    for chunk in uid.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        word.make_ascii_lowercase();
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Why a text is not an xref map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MapError {
    /// 1-based line of the problem.
    pub(crate) line: u32,
    /// 1-based column of the problem.
    pub(crate) column: u32,
    /// What is wrong.
    pub(crate) message: String,
}

impl From<YamlError> for MapError {
    fn from(e: YamlError) -> Self {
        MapError {
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

impl MapError {
    fn start(message: impl Into<String>) -> Self {
        MapError {
            line: 1,
            column: 1,
            message: message.into(),
        }
    }
}

impl XrefMap {
    /// Whether the map holds no uid.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn bytes(&self, span: Span) -> Option<&[u8]> {
        if span.start == ABSENT {
            return None;
        }
        let (bytes, start) = if span.start & EXTRA != 0 {
            (self.extra.as_bytes(), span.start & !EXTRA)
        } else {
            (&self.text[..], span.start)
        };
        bytes.get(start as usize..start as usize + span.len as usize)
    }

    fn str(&self, span: Span) -> Option<&str> {
        self.bytes(span).and_then(|b| std::str::from_utf8(b).ok())
    }

    fn uid(&self, entry: &Entry) -> &[u8] {
        self.bytes(entry.uid).unwrap_or(&[])
    }

    /// The table of the entries by uid; a uid given twice is the first entry's (uids that
    /// differ in letter case only are each in it).
    fn make_table(&self) -> Table {
        let size = (self.entries.len() * 2).next_power_of_two().max(8);
        let mask = size - 1;
        let mut slots = vec![(EMPTY, 0); size];
        for (i, entry) in self.entries.iter().enumerate() {
            let uid = self.uid(entry);
            let h = hash(uid);
            let tag = (h >> 32) as u32;
            let mut at = h as usize & mask;
            loop {
                match slots[at] {
                    (EMPTY, _) => {
                        slots[at] = (i as u32, tag);
                        break;
                    }
                    (j, t) if t == tag && self.uid(&self.entries[j as usize]) == uid => break,
                    _ => at = (at + 1) & mask,
                }
            }
        }
        Table { slots }
    }

    /// The entry of `uid`: the one written so, else the first found that differs only in
    /// ASCII letter case.
    fn find(&self, uid: &[u8]) -> Option<&Entry> {
        let mask = self.table.slots.len().checked_sub(1)?;
        let h = hash(uid);
        let tag = (h >> 32) as u32;
        let mut at = h as usize & mask;
        let mut other_case = None;
        loop {
            match self.table.slots[at] {
                (EMPTY, _) => return other_case,
                (j, t) => {
                    let entry = &self.entries[j as usize];
                    if t == tag {
                        let found = self.uid(entry);
                        if found == uid {
                            return Some(entry);
                        }
                        if other_case.is_none() && found.eq_ignore_ascii_case(uid) {
                            other_case = Some(entry);
                        }
                    }
                    at = (at + 1) & mask;
                }
            }
        }
    }

    fn spec(&self, entry: &Entry) -> XrefSpec {
        let field = |span| {
            self.str(span)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        XrefSpec {
            uid: self.str(entry.uid).unwrap_or("").to_owned(),
            name: field(entry.name),
            href: field(entry.href),
            full_name: field(entry.full_name),
            name_with_type: field(entry.name_with_type),
            comment_id: None,
        }
    }

    /// The entry for `uid`: an exact match first, then one that differs only in ASCII letter
    /// case, as DocFX.
    pub(crate) fn get(&self, uid: &str) -> Option<XrefSpec> {
        self.find(uid.as_bytes()).map(|e| self.spec(e))
    }

    /// Every entry, in the order written, each uid once.
    #[cfg(test)]
    fn specs(&self) -> impl Iterator<Item = XrefSpec> + '_ {
        self.entries
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                self.find(self.uid(e))
                    .is_some_and(|first| std::ptr::eq(first, &self.entries[*i]))
            })
            .map(|(_, e)| self.spec(e))
    }

    /// Makes the table of uids.
    fn finish(mut self) -> Self {
        self.table = self.make_table();
        self
    }
}

/// Reads a map in either form: JSON when the text starts with `{`, else YAML. Entries
/// without a uid are left out.
pub(crate) fn parse(mut bytes: Vec<u8>) -> Result<XrefMap, MapError> {
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    match first {
        Some(b'{') => parse_json(bytes),
        _ if bytes.len() > MAX_YAML_BYTES => Err(MapError::start(format!(
            "a map in YAML larger than {} MiB is not read (its JSON form is)",
            MAX_YAML_BYTES >> 20
        ))),
        _ => {
            let text = String::from_utf8(bytes)
                .map_err(|_| MapError::start("not a YAML or JSON xref map: not UTF-8 text"))?;
            parse_yaml(&text)
        }
    }
}

/// The YAML form.
fn parse_yaml(text: &str) -> Result<XrefMap, MapError> {
    if let Some(kind) = yaml::yaml_mime(text)
        && kind != "XRefMap"
    {
        return Err(MapError::start(format!(
            "`### YamlMime:{kind}` is not an xref map (`{HEADER}`)"
        )));
    }
    let value = yaml::parse_value(text).map_err(|e| MapError {
        message: format!("not a YAML or JSON xref map: {}", e.message),
        ..MapError::from(e)
    })?;
    let Some(root) = value.as_mapping() else {
        return Err(MapError::start(
            "not a YAML or JSON xref map: a map is a mapping with `references`",
        ));
    };
    if !root.contains_key("references") {
        return Err(MapError::start(
            "not a YAML or JSON xref map: it has no `references`",
        ));
    }
    let mut map = XrefMap {
        base_url: yaml::text_field(root, "baseUrl"),
        ..XrefMap::default()
    };
    for entry in yaml::seq_field(root, "references") {
        let Some(entry) = entry.as_mapping() else {
            continue;
        };
        let Some(uid) = yaml::text_field(entry, "uid") else {
            continue;
        };
        let mut field = |key: &str| match yaml::string_field(entry, key) {
            Some(s) => push_extra(&mut map.extra, &s),
            None => Span::NONE,
        };
        let name = field("name");
        let href = field("href");
        let full_name = field("fullName");
        let name_with_type = field("nameWithType");
        let uid = push_extra(&mut map.extra, &uid);
        map.entries.push(Entry {
            uid,
            name,
            href,
            full_name,
            name_with_type,
        });
    }
    Ok(map.finish())
}

/// Copies a string into `extra`; its span.
fn push_extra(extra: &mut String, s: &str) -> Span {
    let start = extra.len() as u32 | EXTRA;
    extra.push_str(s);
    Span {
        start,
        len: s.len() as u32,
    }
}

/// The JSON form, read in one pass: strings without escapes stay where they are in `bytes`.
fn parse_json(bytes: Vec<u8>) -> Result<XrefMap, MapError> {
    if bytes.len() >= EXTRA as usize {
        return Err(MapError::start("the map is larger than 2 GiB"));
    }
    // Room for more entries than a map of this size holds (an entry takes more than 64
    // bytes of JSON): the list never moves while it grows, and the pages of the room it
    // does not use are never touched, so they cost no memory; it is shrunk at the end.
    let estimate = bytes.len() / 64;
    let mut builder = Builder {
        base: bytes.as_ptr() as usize,
        len: bytes.len(),
        extra: String::new(),
        entries: Vec::with_capacity(estimate),
        base_url: None,
        has_references: false,
    };
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    let read = (&mut builder).deserialize(&mut de).and_then(|()| de.end());
    if let Err(e) = read {
        return Err(MapError {
            line: e.line().max(1) as u32,
            column: e.column().max(1) as u32,
            message: format!("not a YAML or JSON xref map: {e}"),
        });
    }
    if !builder.has_references {
        return Err(MapError::start(
            "not a YAML or JSON xref map: it has no `references`",
        ));
    }
    let Builder {
        extra,
        mut entries,
        base_url,
        ..
    } = builder;
    drop(de);
    entries.shrink_to_fit();
    let mut bytes = bytes;
    compact(&mut bytes, &mut entries);
    Ok(XrefMap {
        base_url: base_url
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        text: bytes,
        extra,
        entries,
        ..XrefMap::default()
    }
    .finish())
}

/// Keeps of a JSON map's text only the strings the entries use: each is moved left over
/// the keys, punctuation and skipped values before it (entries are in text order, so no
/// string is overwritten before it moves), then the rest is let go.
fn compact(text: &mut Vec<u8>, entries: &mut [Entry]) {
    let mut write = 0usize;
    for entry in entries.iter_mut() {
        let mut spans = [
            &mut entry.uid,
            &mut entry.name,
            &mut entry.href,
            &mut entry.full_name,
            &mut entry.name_with_type,
        ];
        spans.sort_by_key(|s| s.start);
        // Copied-out strings (and absent fields, `ABSENT` has the `EXTRA` bit) stay.
        for span in spans.into_iter().filter(|s| s.start & EXTRA == 0) {
            let start = span.start as usize;
            let end = start + span.len as usize;
            if end > text.len() || start < write {
                continue;
            }
            text.copy_within(start..end, write);
            span.start = write as u32;
            write += span.len as usize;
        }
    }
    text.truncate(write);
    text.shrink_to_fit();
}

/// Builds the entries of a JSON map as the deserializer reads it.
struct Builder {
    /// Address and length of the text being read: a borrowed string's span is its offset.
    base: usize,
    len: usize,
    extra: String,
    entries: Vec<Entry>,
    base_url: Option<String>,
    has_references: bool,
}

impl Builder {
    fn span(&mut self, s: Option<Cow<'_, str>>) -> Span {
        match s {
            None => Span::NONE,
            Some(Cow::Borrowed(s)) => {
                let at = (s.as_ptr() as usize).wrapping_sub(self.base);
                if at.checked_add(s.len()).is_some_and(|end| end <= self.len) {
                    Span {
                        start: at as u32,
                        len: s.len() as u32,
                    }
                } else {
                    push_extra(&mut self.extra, s)
                }
            }
            Some(Cow::Owned(s)) => push_extra(&mut self.extra, &s),
        }
    }
}

impl<'de> DeserializeSeed<'de> for &mut Builder {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut Builder {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an xref map (an object with `references`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match &*key {
                "references" => {
                    self.has_references = true;
                    map.next_value_seed(References(&mut *self))?;
                }
                "baseUrl" => {
                    self.base_url = map.next_value::<MaybeStr<'de>>()?.0.map(Cow::into_owned);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The `references` array.
struct References<'b>(&'b mut Builder);

impl<'de> DeserializeSeed<'de> for References<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for References<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of references")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(fields) = seq.next_element::<Option<Fields<'de>>>()? {
            let Some(fields) = fields else { continue };
            let Some(uid) = fields.uid.filter(|u| !u.trim().is_empty()) else {
                continue;
            };
            let uid = match uid {
                Cow::Borrowed(u) => Cow::Borrowed(u.trim()),
                Cow::Owned(u) => Cow::Owned(u.trim().to_owned()),
            };
            let entry = Entry {
                uid: self.0.span(Some(uid)),
                name: self.0.span(fields.name),
                href: self.0.span(fields.href),
                full_name: self.0.span(fields.full_name),
                name_with_type: self.0.span(fields.name_with_type),
            };
            self.0.entries.push(entry);
        }
        Ok(())
    }
}

/// The fields of one reference that rosetta uses; the others are skipped.
#[derive(Default)]
struct Fields<'a> {
    uid: Option<Cow<'a, str>>,
    name: Option<Cow<'a, str>>,
    href: Option<Cow<'a, str>>,
    full_name: Option<Cow<'a, str>>,
    name_with_type: Option<Cow<'a, str>>,
}

impl<'de> de::Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a reference (an object with `uid`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let slot = match &*key {
                "uid" => &mut fields.uid,
                "name" => &mut fields.name,
                "href" => &mut fields.href,
                "fullName" => &mut fields.full_name,
                "nameWithType" => &mut fields.name_with_type,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value::<MaybeStr<'de>>()?.0;
        }
        Ok(fields)
    }

    // Anything but an object is no reference: skipped.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Fields<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Fields::default())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Fields<'de>, E> {
        Ok(Fields::default())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Fields<'de>, E> {
        Ok(Fields::default())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Fields<'de>, E> {
        Ok(Fields::default())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Fields<'de>, E> {
        Ok(Fields::default())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Fields<'de>, E> {
        Ok(Fields::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Fields<'de>, E> {
        Ok(Fields::default())
    }
}

/// A value that is used when it is a string (borrowed from the text when it can be), and
/// skipped otherwise.
struct MaybeStr<'a>(Option<Cow<'a, str>>);

impl<'de> de::Deserialize<'de> for MaybeStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MaybeStrVisitor)
    }
}

struct MaybeStrVisitor;

impl<'de> Visitor<'de> for MaybeStrVisitor {
    type Value = MaybeStr<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<MaybeStr<'de>, E> {
        Ok(MaybeStr(Some(Cow::Borrowed(v))))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<MaybeStr<'de>, E> {
        Ok(MaybeStr(Some(Cow::Owned(v.to_owned()))))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<MaybeStr<'de>, E> {
        Ok(MaybeStr(Some(Cow::Owned(v))))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<MaybeStr<'de>, E> {
        Ok(MaybeStr(None))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<MaybeStr<'de>, E> {
        Ok(MaybeStr(None))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<MaybeStr<'de>, E> {
        Ok(MaybeStr(None))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<MaybeStr<'de>, E> {
        Ok(MaybeStr(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<MaybeStr<'de>, E> {
        Ok(MaybeStr(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MaybeStr<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(MaybeStr(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MaybeStr<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(MaybeStr(None))
    }
}

/// The map rosetta writes for a locale.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Written<'a> {
    sorted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<&'a str>,
    references: Vec<XrefSpec>,
}

/// Writes a map in the YAML form (references sorted by uid, so the file is the same from
/// build to build).
pub(crate) fn write(references: &[XrefSpec], base_url: Option<&str>) -> String {
    let mut references = references.to_vec();
    references.sort_by(|a, b| a.uid.cmp(&b.uid));
    let map = Written {
        sorted: true,
        base_url,
        references,
    };
    let body = serde_yaml::to_string(&map).unwrap_or_default();
    format!("{HEADER}\n{body}")
}

#[cfg(test)]
mod tests;
