//! Versions (DocFX *monikers*): the range grammar, the definitions ranges are evaluated
//! against, the `::: moniker range="…"` / `::: moniker-end` lines, and their HTML.
//!
//! A range is DocFX's (v3 `ExpressionCreator`, tests `MonikerRangeParserTest`):
//! `range := set ("||" set)*`, a set is one or more comparators (AND; whitespace between
//! them is optional), a comparator is `op? moniker` with `op` one of `= < <= > >=` (none
//! means `=`) and a moniker made of letters, digits, `_`, `-` and `.`. Names compare
//! without letter case; `<`, `<=`, `>`, `>=` order the monikers of the named one's product.
//! Parsing and evaluating are linear in the length of the range.

use super::html::escape;
use super::triple_colon;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// `=` (or none).
    Eq,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// `op? moniker`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Comparator {
    /// The operator.
    pub(crate) op: Op,
    /// The moniker as written.
    pub(crate) name: String,
    /// Byte offset of the name in the range text.
    pub(crate) offset: usize,
}

/// A parsed range: sets of comparators (each set an AND), any of which applies (OR).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Range {
    /// The sets, in order; empty for a blank range.
    pub(crate) sets: Vec<Vec<Comparator>>,
}

impl Range {
    /// Every moniker the range names, as written.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.sets.iter().flatten().map(|c| c.name.as_str())
    }
}

/// Something wrong with a range: where (byte offset in the range text) and DocFX's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RangeError {
    /// Byte offset in the range text.
    pub(crate) offset: usize,
    /// What is wrong, as DocFX says it.
    pub(crate) message: String,
}

/// Quoted text in messages is cut here: a range may be very long.
const QUOTE_MAX: usize = 80;

/// `text` for a message: cut at [`QUOTE_MAX`] characters.
fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE_MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

fn invalid(offset: usize, message: String) -> RangeError {
    RangeError {
        offset,
        message: format!("Invalid moniker range: {message}"),
    }
}

fn is_moniker_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '.'
}

/// Reads a range. A blank range is an empty [`Range`] (DocFX: no monikers). The first
/// problem is the error, at the place where reading stopped.
pub(crate) fn parse(text: &str) -> Result<Range, RangeError> {
    let mut reader = Reader { text, at: 0 };
    let mut range = Range::default();
    if text.trim().is_empty() {
        return Ok(range);
    }
    loop {
        let set = reader.set()?;
        range.sets.push(set);
        if !reader.accept_or() {
            break;
        }
    }
    let rest = &text[reader.at..];
    if !rest.trim().is_empty() {
        return Err(invalid(
            reader.at + (rest.len() - rest.trim_start().len()),
            format!(
                "Parse ends before reaching end of string, unrecognized string: '{}'.",
                quote(rest)
            ),
        ));
    }
    Ok(range)
}

struct Reader<'t> {
    text: &'t str,
    at: usize,
}

impl Reader<'_> {
    /// The offset after the whitespace at the reading position.
    fn skip_space(&self) -> usize {
        let rest = &self.text[self.at..];
        self.at + (rest.len() - rest.trim_start().len())
    }

    fn accept_or(&mut self) -> bool {
        let at = self.skip_space();
        if self.text[at..].starts_with("||") {
            self.at = at + 2;
            true
        } else {
            false
        }
    }

    fn operator(&mut self) -> Option<Op> {
        let at = self.skip_space();
        let rest = &self.text.as_bytes()[at..];
        let (op, len) = match rest {
            [b'>', b'=', ..] => (Op::Ge, 2),
            [b'<', b'=', ..] => (Op::Le, 2),
            [b'>', ..] => (Op::Gt, 1),
            [b'<', ..] => (Op::Lt, 1),
            [b'=', ..] => (Op::Eq, 1),
            _ => return None,
        };
        self.at = at + len;
        Some(op)
    }

    fn moniker(&mut self) -> Option<(String, usize)> {
        let at = self.skip_space();
        let rest = &self.text[at..];
        let len = rest
            .char_indices()
            .find(|(_, c)| !is_moniker_char(*c))
            .map_or(rest.len(), |(i, _)| i);
        if len == 0 {
            return None;
        }
        self.at = at + len;
        Some((rest[..len].to_owned(), at))
    }

    /// One comparator set: `Ok(None)` when nothing is there.
    fn set(&mut self) -> Result<Vec<Comparator>, RangeError> {
        let mut set = Vec::new();
        loop {
            let before = self.at;
            let op = self.operator();
            match self.moniker() {
                Some((name, offset)) => set.push(Comparator {
                    op: op.unwrap_or(Op::Eq),
                    name,
                    offset,
                }),
                None if op.is_some() => {
                    let rest = &self.text[self.at..];
                    return Err(invalid(
                        self.skip_space(),
                        format!("Expect a moniker string, but got '{}'.", quote(rest)),
                    ));
                }
                None => {
                    self.at = before;
                    break;
                }
            }
        }
        if set.is_empty() {
            let rest = &self.text[self.at..];
            return Err(invalid(
                self.skip_space(),
                format!("Expect a comparator set, but got '{}'.", quote(rest)),
            ));
        }
        Ok(set)
    }
}

/// A set of versions: bit `i` is moniker `i` of the [`Definitions`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Versions(Vec<u64>);

impl Versions {
    /// The first `n` versions.
    pub(crate) fn first(n: usize) -> Versions {
        let mut v = Versions(vec![0; n.div_ceil(64)]);
        for i in 0..n {
            v.insert(i);
        }
        v
    }

    /// Versions `from..to`.
    fn span(from: usize, to: usize) -> Versions {
        let mut v = Versions::default();
        for i in from..to {
            v.insert(i);
        }
        v
    }

    /// Adds version `i`.
    pub(crate) fn insert(&mut self, i: usize) {
        let word = i / 64;
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (i % 64);
    }

    /// Whether version `i` is in.
    pub(crate) fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Whether no version is in.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    /// The versions in both.
    pub(crate) fn and(&self, other: &Versions) -> Versions {
        let mut v = Versions(self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect());
        v.trim();
        v
    }

    /// The versions in either.
    pub(crate) fn or(&self, other: &Versions) -> Versions {
        let n = self.0.len().max(other.0.len());
        let word = |v: &Versions, i: usize| v.0.get(i).copied().unwrap_or(0);
        let mut v = Versions((0..n).map(|i| word(self, i) | word(other, i)).collect());
        v.trim();
        v
    }

    /// The versions of `self` not in `other`.
    pub(crate) fn without(&self, other: &Versions) -> Versions {
        let word = |i: usize| other.0.get(i).copied().unwrap_or(0);
        let mut v = Versions(
            self.0
                .iter()
                .enumerate()
                .map(|(i, a)| a & !word(i))
                .collect(),
        );
        v.trim();
        v
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// The versions in, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, bits)| {
            (0..64)
                .filter(move |b| bits & (1u64 << b) != 0)
                .map(move |b| w * 64 + b)
        })
    }

    /// How many versions are in.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// One moniker of the definitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Moniker {
    /// The name, lower-cased (`vs-2019`).
    pub(crate) name: String,
    /// The title given in the definitions, if any (else the name).
    pub(crate) title: Option<String>,
    /// The index of its product.
    pub(crate) product: usize,
}

/// A product: its name and its monikers, oldest first (`monikers[start..end]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Product {
    /// As written in the definitions (or inferred).
    pub(crate) name: String,
    /// The index of its first moniker.
    pub(crate) start: usize,
    /// One after the index of its last moniker.
    pub(crate) end: usize,
}

/// The monikers of a site, grouped by product, each product oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Definitions {
    /// Every moniker, product after product.
    pub(crate) monikers: Vec<Moniker>,
    /// The products, in order.
    pub(crate) products: Vec<Product>,
    /// Lower-cased name → index in `monikers`.
    by_name: HashMap<String, usize>,
}

/// A moniker as the definitions give it: its name and an optional title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MonikerEntry {
    /// The name.
    pub(crate) name: String,
    /// Its title, if given.
    pub(crate) title: Option<String>,
}

impl Definitions {
    /// Definitions from products in order, each with its monikers oldest first. A name
    /// given twice (in any letter case) is an error naming it.
    pub(crate) fn new(products: &[(String, Vec<MonikerEntry>)]) -> Result<Definitions, String> {
        let mut defs = Definitions::default();
        for (product, entries) in products {
            let start = defs.monikers.len();
            for entry in entries {
                let name = entry.name.trim().to_lowercase();
                if name.is_empty() || !name.chars().all(is_moniker_char) {
                    return Err(format!(
                        "moniker `{}` is not a name (letters, digits, `_`, `-` and `.`)",
                        entry.name
                    ));
                }
                if defs.by_name.contains_key(&name) {
                    return Err(format!("moniker `{name}` is given twice"));
                }
                defs.by_name.insert(name.clone(), defs.monikers.len());
                defs.monikers.push(Moniker {
                    name,
                    title: entry.title.clone(),
                    product: defs.products.len(),
                });
            }
            defs.products.push(Product {
                name: product.clone(),
                start,
                end: defs.monikers.len(),
            });
        }
        Ok(defs)
    }

    /// Definitions inferred from the monikers named in use: grouped by product (the name
    /// without its last `-` part: `vs-2019` → `vs`), products and monikers in natural order
    /// (`aspnetcore-9.0` before `aspnetcore-10.0`).
    pub(crate) fn infer<'n>(names: impl IntoIterator<Item = &'n str>) -> Definitions {
        let mut names: Vec<String> = names
            .into_iter()
            .map(|n| n.trim().to_lowercase())
            .filter(|n| !n.is_empty())
            .collect();
        names.sort_by(|a, b| natural_cmp(product_of(a), product_of(b)).then(natural_cmp(a, b)));
        names.dedup();
        let mut products: Vec<(String, Vec<MonikerEntry>)> = Vec::new();
        for name in names {
            let product = product_of(&name).to_owned();
            let entry = MonikerEntry { name, title: None };
            match products.last_mut() {
                Some((p, list)) if *p == product => list.push(entry),
                _ => products.push((product, vec![entry])),
            }
        }
        Definitions::new(&products).unwrap_or_default()
    }

    /// Whether there are no monikers.
    pub(crate) fn is_empty(&self) -> bool {
        self.monikers.is_empty()
    }

    /// Every version.
    pub(crate) fn all(&self) -> Versions {
        Versions::first(self.monikers.len())
    }

    /// The index of a moniker (any letter case).
    pub(crate) fn index(&self, name: &str) -> Option<usize> {
        match self.by_name.get(name) {
            Some(i) => Some(*i),
            None => self.by_name.get(&name.to_lowercase()).copied(),
        }
    }

    /// The lower-cased names of `versions`, space-separated (`vs-2017 vs-2019`).
    pub(crate) fn names(&self, versions: &Versions) -> String {
        let mut out = String::new();
        for i in versions.iter() {
            if let Some(m) = self.monikers.get(i) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&m.name);
            }
        }
        out
    }

    /// `'a', 'b'` as DocFX lists monikers in messages (`''` for none).
    pub(crate) fn quoted(&self, versions: &Versions) -> String {
        let list: Vec<String> = versions
            .iter()
            .filter_map(|i| self.monikers.get(i))
            .map(|m| format!("'{}'", m.name))
            .collect();
        if list.is_empty() {
            "''".into()
        } else {
            list.join(", ")
        }
    }

    /// The newest of `versions` (in `product` when it has any there), if any.
    pub(crate) fn newest(&self, versions: &Versions, product: Option<usize>) -> Option<usize> {
        let in_product = product.and_then(|p| {
            versions
                .iter()
                .filter(|&i| self.monikers.get(i).is_some_and(|m| m.product == p))
                .last()
        });
        in_product.or_else(|| versions.iter().last())
    }

    /// Evaluates a parsed range. A name the definitions lack is an error (DocFX's message,
    /// at the name) and stands for no version.
    pub(crate) fn evaluate(&self, range: &Range, text: &str) -> (Versions, Vec<RangeError>) {
        let mut errors = Vec::new();
        let mut result = Versions::default();
        for set in &range.sets {
            let mut acc: Option<Versions> = None;
            for c in set {
                let versions = match self.index(&c.name) {
                    Some(i) => self.compare(c.op, i),
                    None => {
                        errors.push(invalid(
                            c.offset,
                            format!(
                                "'{}'. Moniker '{}' is not defined.",
                                quote(text),
                                quote(&c.name)
                            ),
                        ));
                        Versions::default()
                    }
                };
                acc = Some(match acc {
                    Some(a) => a.and(&versions),
                    None => versions,
                });
            }
            if let Some(a) = acc {
                result = result.or(&a);
            }
        }
        (result, errors)
    }

    fn compare(&self, op: Op, i: usize) -> Versions {
        let product = &self.products[self.monikers[i].product];
        match op {
            Op::Eq => Versions::span(i, i + 1),
            Op::Lt => Versions::span(product.start, i),
            Op::Le => Versions::span(product.start, i + 1),
            Op::Gt => Versions::span(i + 1, product.end),
            Op::Ge => Versions::span(i, product.end),
        }
    }
}

/// The product of an inferred moniker: its name without the last `-` part.
pub(crate) fn product_of(name: &str) -> &str {
    name.rsplit_once('-').map_or(name, |(p, _)| p)
}

/// Natural order: runs of digits compare as numbers (`9.0` < `10.0`).
pub(crate) fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let db = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let na = trim_zeros(&a[..da]);
                let nb = trim_zeros(&b[..db]);
                let order = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                if order != Ordering::Equal {
                    return order;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|d| **d == b'0').count();
    &digits[zeros..]
}

/// Something wrong on a `::: moniker` line, at a byte offset of the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LineProblem {
    /// Byte offset in the line.
    pub(crate) offset: usize,
    /// What is wrong.
    pub(crate) message: String,
}

/// A `::: moniker` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum MonikerLine {
    /// `::: moniker range="…"`. A line with problems still opens a block (with what could be
    /// read), so that its `moniker-end` pairs with it and no syntax reaches the reader.
    Open {
        /// The range as written (between the quotes); `None` when the line has none.
        range: Option<String>,
        /// Byte offset of the range in the line.
        range_offset: usize,
        /// What is wrong with the line (not with the range).
        problems: Vec<LineProblem>,
    },
    /// `::: moniker-end`.
    End {
        /// Text after it, if any.
        problems: Vec<LineProblem>,
    },
}

/// Reads a line (without its line ending, after any container prefix) as a moniker line:
/// three colons or more, `moniker range="…"` or `moniker-end`. The caller decides on the
/// indentation (less than a code block's, relative to the line's container).
pub(crate) fn moniker_line(line: &str) -> Option<MonikerLine> {
    let colon = triple_colon::colon_line(line)?;
    let trailing = |from: usize, what: &str| -> Vec<LineProblem> {
        let rest = &line[from..];
        if rest.trim().is_empty() {
            return Vec::new();
        }
        vec![LineProblem {
            offset: from + (rest.len() - rest.trim_start().len()),
            message: format!(
                "MonikerRange have some invalid chars in the {what}: `{}` is not read",
                quote(rest.trim())
            ),
        }]
    };
    match colon.name.as_str() {
        "moniker-end" => Some(MonikerLine::End {
            problems: trailing(colon.rest_offset, "ending"),
        }),
        "moniker" => {
            let rest = colon.rest;
            let start = colon.rest_offset;
            let after_space = rest.len() - rest.trim_start().len();
            let attr = &rest[after_space..];
            let name_len = triple_colon::identifier_len(attr).unwrap_or(0);
            let mut i = after_space + name_len;
            let is_range = attr[..name_len].eq_ignore_ascii_case("range");
            let bytes = rest.as_bytes();
            let skip = |mut i: usize| {
                while matches!(bytes.get(i), Some(b' ' | b'\t')) {
                    i += 1;
                }
                i
            };
            if is_range {
                i = skip(i);
            }
            if !is_range || bytes.get(i) != Some(&b'=') {
                return Some(MonikerLine::Open {
                    range: None,
                    range_offset: start + after_space,
                    problems: vec![LineProblem {
                        offset: start + after_space,
                        message: "a moniker block names its versions in `range=\"…\"`: this one applies to every version of its page".into(),
                    }],
                });
            }
            i = skip(i + 1);
            if bytes.get(i) != Some(&b'"') {
                return Some(MonikerLine::Open {
                    range: None,
                    range_offset: start + i,
                    problems: vec![LineProblem {
                        offset: start + i,
                        message: "the moniker range must be in double quotes: this block applies to every version of its page".into(),
                    }],
                });
            }
            let value_start = i + 1;
            match rest[value_start..].find('"') {
                Some(len) => Some(MonikerLine::Open {
                    range: Some(rest[value_start..value_start + len].to_owned()),
                    range_offset: start + value_start,
                    problems: trailing(start + value_start + len + 1, "starting"),
                }),
                None => Some(MonikerLine::Open {
                    range: Some(rest[value_start..].to_owned()),
                    range_offset: start + value_start,
                    problems: vec![LineProblem {
                        offset: start + i,
                        message: "MonikerRange does not have ending character (\").".into(),
                    }],
                }),
            }
        }
        _ => None,
    }
}

/// What the page pass does at a moniker line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MonikerStep {
    /// Open the block.
    Open,
    /// Close the open block.
    Close,
    /// Nothing to write: the line is dropped (a finding says why).
    Drop,
}

/// The moniker blocks of one container: at most one open at a time. A block inside another
/// is reported and its content stays in the outer one; its `moniker-end` is consumed with
/// it. Unclosed blocks close at the container's end.
#[derive(Debug, Default)]
pub(crate) struct MonikerTracker {
    /// File offset and range text of the open block's line.
    open: Option<(usize, String)>,
    /// Blocks opened inside the open one (reported, not rendered).
    nested: usize,
}

impl MonikerTracker {
    /// A `::: moniker` line at file offset `at`; `outer` is the line of a block open in an
    /// enclosing container, if any (then this one is nested too).
    pub(crate) fn open(
        &mut self,
        at: usize,
        range: &str,
        outer: Option<u32>,
        problems: &mut Vec<LineProblem>,
    ) -> MonikerStep {
        if self.open.is_some() || outer.is_some() {
            self.nested += 1;
            problems.push(LineProblem {
                offset: at,
                message: "moniker blocks cannot be nested: this block is inside another one, and its content belongs to the outer block".into(),
            });
            return MonikerStep::Drop;
        }
        self.open = Some((at, range.to_owned()));
        MonikerStep::Open
    }

    /// A `::: moniker-end` line at file offset `at`.
    pub(crate) fn end(&mut self, at: usize, problems: &mut Vec<LineProblem>) -> MonikerStep {
        if self.nested > 0 {
            self.nested -= 1;
            return MonikerStep::Drop;
        }
        if self.open.take().is_some() {
            return MonikerStep::Close;
        }
        problems.push(LineProblem {
            offset: at,
            message: "`::: moniker-end` without an open moniker block".into(),
        });
        MonikerStep::Drop
    }

    /// The container ends: an open block is reported at its line (DocFX's message) and
    /// closed.
    pub(crate) fn finish(&mut self, problems: &mut Vec<LineProblem>) -> MonikerStep {
        self.nested = 0;
        match self.open.take() {
            Some((at, range)) => {
                problems.push(LineProblem {
                    offset: at,
                    message: format!(
                        "No \"::: moniker-end\" found for \"{}\", MonikerRange does not end explicitly. The block ends with its container.",
                        quote(&range)
                    ),
                });
                MonikerStep::Close
            }
            None => MonikerStep::Drop,
        }
    }
}

/// The opening HTML of a block shown for `names` (`vs-2017 vs-2019`), titled `title` (the
/// versions' titles): the title shows when no version is chosen (without JavaScript every
/// block shows, under its title).
pub(crate) fn open_html(names: &str, title: &str) -> String {
    format!(
        "<div class=\"moniker\" data-moniker=\"{}\">\n<p class=\"moniker-title\" data-pagefind-ignore>{}</p>\n",
        escape(names),
        escape(title)
    )
}

/// The end of a block.
pub(crate) const CLOSE_HTML: &str = "</div>\n";

#[cfg(test)]
mod tests;
