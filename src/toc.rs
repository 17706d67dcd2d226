//! Tables of contents: `TOC.md` (DocFX's Markdown TOC) and `toc.yml`, parsed once in the load
//! stage into a tree of entries whose links are already resolved against the locale's files.
//! Findings about the links are the check stage's (`check::toc_links`); findings about the
//! file itself (bad YAML, unknown keys) are made here.
//!
//! - `TOC.md`: `#`/`##`/`###` headings nest by level; a heading with a `[title](href)` link is
//!   an entry, one without a link a group title.
//! - `toc.yml`: a list of `name`/`href`/`items` (or a mapping with `items:`); every other
//!   key of DocFX's TOC schema (`TocItemViewModel`, and the `maintainContext`,
//!   `landingPageType`, `monikers` and `splitItemsBy` of Microsoft Learn's build) is
//!   accepted: `topicHref`, `tocHref` and `homepage` are followed, and so is the page a
//!   uid names (`topicUid`, else `uid`, else `homepageUid`, as DocFX's `TocResolver`
//!   reads them: the page takes the place of `href`, and gives the entry its name when it
//!   has none); the others are DocFX's rendering options. A key outside the schema is a
//!   `config` finding (a typo).
//! - In both, an `xref:uid` link names a page by its uid, and so does a `TOC.md` heading
//!   that is only `@uid`. A uid is looked up in the locale's uid index (its pages' and the
//!   configured xref maps'); an unknown `xref:` uid is an `xref-not-found` finding at its
//!   place and the entry is text, while an unknown `@uid` stays the heading's text without
//!   a finding (as `@name` in a page's text).

use crate::dfm::xref::{XrefIndex, XrefResolution};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::site::paths::{self, FileKind, Target};
use crate::site::redirects::page_variants;
use crate::site::resolve::{Found, Resolution, Resolver};
use crate::source::{SourceFile, Sources};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Deserialize;
use serde::de::IgnoredAny;

/// One table of contents of a locale.
#[derive(Clone, Debug)]
pub(crate) struct Toc {
    /// The TOC file, locale-relative.
    pub path: String,
    /// Top-level entries in order.
    pub entries: Vec<TocEntry>,
}

/// An entry of a TOC: a link, or a group title when it has none.
#[derive(Clone, Debug, Default)]
pub(crate) struct TocEntry {
    /// The title as written (`None` in a `toc.yml` item without `name`).
    pub title: Option<String>,
    /// The link the entry goes to.
    pub link: Option<TocLink>,
    /// Other references the entry writes (`toc.yml`'s `href` to a folder or TOC next to a
    /// `topicHref`): checked, not followed.
    pub other_links: Vec<TocLink>,
    pub children: Vec<TocEntry>,
}

/// A reference written in a TOC, resolved relative to the TOC's folder.
#[derive(Clone, Debug)]
pub(crate) struct TocLink {
    /// As written.
    pub written: String,
    /// Where it is written (the `[` of a Markdown link, the value of a YAML key).
    pub at: Location,
    pub target: TocTarget,
    /// `#fragment`, decoded.
    pub fragment: Option<String>,
    /// Whether the path was written with `\`.
    pub backslash: bool,
    /// The source line, for the finding's snippet.
    pub line_text: String,
}

/// What a TOC reference points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TocTarget {
    /// A page of `locale` (the TOC's own, or the source locale when only it has the page;
    /// real letter case); `case_fixed` when found only under another case, `redirected_from`
    /// when a redirection of the written path led here.
    Page {
        locale: usize,
        path: String,
        case_fixed: bool,
        redirected_from: Option<String>,
    },
    /// Another existing file, folder or TOC of `locale`.
    File {
        locale: usize,
        path: String,
        kind: FileKind,
        case_fixed: bool,
    },
    /// A redirected path whose redirection ends at an absolute URL.
    Url {
        url: String,
        redirected_from: String,
    },
    /// A uid that another site's xref map has: its page's URL, and the name the map gives
    /// it (else the uid), which the entry shows when it has no name of its own.
    Xref { url: String, name: String },
    /// `scheme:`, `//host` or a site-absolute path outside the locale's top folders: not
    /// checked, written as is.
    External,
    /// Nothing there (the normalised path).
    Missing { path: String },
    /// A uid found nowhere (an `xref-not-found` finding, or silenced when a map is
    /// missing): the entry shows as text, not as a link.
    UnknownUid,
    /// The path climbs out of the locale.
    OutsideRoot,
}

impl Toc {
    /// The folder the TOC is in, locale-relative.
    pub(crate) fn dir(&self) -> &str {
        paths::parent(&self.path)
    }

    /// Every entry, depth first.
    pub(crate) fn walk(&self) -> Vec<&TocEntry> {
        fn visit<'t>(entries: &'t [TocEntry], out: &mut Vec<&'t TocEntry>) {
            for e in entries {
                out.push(e);
                visit(&e.children, out);
            }
        }
        let mut out = Vec::new();
        visit(&self.entries, &mut out);
        out
    }
}

/// What a TOC's references lead to: the locale's files (and the source's, and
/// redirections) and its uids.
pub(crate) struct Targets<'a> {
    pub(crate) resolver: &'a Resolver<'a>,
    pub(crate) xrefs: &'a XrefIndex,
}

/// Parses every TOC of a locale from the loaded sources. Bad YAML and unknown uids give
/// findings; a TOC that could not be read was reported by the load stage.
pub(crate) fn load(
    targets: &Targets<'_>,
    sources: &Sources,
    findings: &mut Vec<Diagnostic>,
) -> Vec<Toc> {
    let resolver = targets.resolver;
    let (locale, l) = (resolver.own(), resolver.locale);
    let mut tocs = Vec::with_capacity(locale.tocs.len());
    for path in &locale.tocs {
        let Some(source) = sources.get(l, path) else {
            continue;
        };
        let entries = if source.is_yaml() {
            parse_yaml(source, targets, &locale.name, findings)
        } else {
            parse_markdown(source, targets, &locale.name, findings)
        };
        tocs.push(Toc {
            path: path.clone(),
            entries,
        });
    }
    tocs
}

/// Resolves a TOC reference relative to the TOC's folder (an `xref:uid` by its uid).
fn resolve(
    source: &SourceFile,
    targets: &Targets<'_>,
    written: &str,
    offset: usize,
    locale: &str,
    findings: &mut Vec<Diagnostic>,
) -> TocLink {
    if let Some(xref) = crate::dfm::xref::xref_href(written) {
        let found = resolve_uid(source, targets, &xref.uid, xref.fragment, written, offset);
        return match found {
            Some(link) => link,
            None => {
                unknown_uid(source, targets, &xref.uid, offset, locale, findings);
                TocLink {
                    written: written.to_owned(),
                    at: source.location(offset),
                    target: TocTarget::UnknownUid,
                    fragment: None,
                    backslash: false,
                    line_text: source
                        .line_text(source.line_of(offset))
                        .unwrap_or("")
                        .to_owned(),
                }
            }
        };
    }
    let resolver = targets.resolver;
    let at = source.location(offset);
    let line_text = source.line_text(at.line).unwrap_or("").to_owned();
    let reference = match paths::classify(written) {
        Target::Unchecked => {
            return TocLink {
                written: written.to_owned(),
                at,
                target: TocTarget::External,
                fragment: None,
                backslash: false,
                line_text,
            };
        }
        Target::SamePage(fragment) => {
            // `#x` alone in a TOC names no page: nothing to check or follow.
            return TocLink {
                written: written.to_owned(),
                at,
                target: TocTarget::External,
                fragment: Some(fragment),
                backslash: false,
                line_text,
            };
        }
        Target::Relative(r) => r,
    };
    let target = match resolver.resolve(&source.path, &reference) {
        Resolution::Unchecked => TocTarget::External,
        Resolution::OutsideRoot => TocTarget::OutsideRoot,
        Resolution::Missing { path } => TocTarget::Missing { path },
        Resolution::Url {
            url,
            redirected_from,
        } => TocTarget::Url {
            url,
            redirected_from,
        },
        Resolution::Found(Found {
            locale,
            path,
            kind: FileKind::Page,
            case_fixed,
            redirected_from,
        }) => TocTarget::Page {
            locale,
            path,
            case_fixed,
            redirected_from,
        },
        Resolution::Found(found) => TocTarget::File {
            locale: found.locale,
            path: found.path,
            kind: found.kind,
            case_fixed: found.case_fixed,
        },
    };
    TocLink {
        written: written.to_owned(),
        at,
        target,
        fragment: reference.fragment,
        backslash: reference.backslash,
        line_text,
    }
}

/// The page a uid names, as a TOC link written `written` at `offset`; `None` when neither
/// the locale nor a map has the uid.
fn resolve_uid(
    source: &SourceFile,
    targets: &Targets<'_>,
    uid: &str,
    fragment: Option<String>,
    written: &str,
    offset: usize,
) -> Option<TocLink> {
    let target = match targets.xrefs.resolve(uid)? {
        XrefResolution::Own(spec) => {
            // The uid index holds the page's output path: back to its file.
            let href = spec.href.as_deref()?;
            let found = page_variants(href)
                .iter()
                .find_map(|candidate| targets.resolver.find_file(candidate))
                .filter(|f| f.kind == FileKind::Page)?;
            TocTarget::Page {
                locale: found.locale,
                path: found.path,
                case_fixed: false,
                redirected_from: None,
            }
        }
        XrefResolution::External(spec, mut url) => {
            if let Some(f) = &fragment {
                url.push('#');
                url.push_str(f);
            }
            let name = spec.name.clone().unwrap_or_else(|| spec.uid.clone());
            TocTarget::Xref { url, name }
        }
    };
    let at = source.location(offset);
    let line_text = source.line_text(at.line).unwrap_or("").to_owned();
    Some(TocLink {
        written: written.to_owned(),
        at,
        target,
        fragment: fragment.map(|f| {
            percent_encoding::percent_decode_str(&f)
                .decode_utf8_lossy()
                .into_owned()
        }),
        backslash: false,
        line_text,
    })
}

/// The finding for a uid nothing has (unless a map the locale names is missing: the uid may
/// be in it, and that map's own warning says so).
fn unknown_uid(
    source: &SourceFile,
    targets: &Targets<'_>,
    uid: &str,
    offset: usize,
    locale: &str,
    findings: &mut Vec<Diagnostic>,
) {
    if targets.xrefs.incomplete {
        return;
    }
    findings.push(source.finding(
        Code::XrefNotFound,
        locale,
        offset,
        format!(
            "TOC entry names the uid `{uid}`, which no page of this locale and no xref map has"
        ),
    ));
}

/// `TOC.md`: headings nest by level.
fn parse_markdown(
    source: &SourceFile,
    targets: &Targets<'_>,
    locale: &str,
    findings: &mut Vec<Diagnostic>,
) -> Vec<TocEntry> {
    let base = source.body_start;
    // Open entries with their heading level, outermost first.
    let mut stack: Vec<(HeadingLevel, TocEntry)> = Vec::new();
    let mut roots: Vec<TocEntry> = Vec::new();
    // The heading being read: its level, entry, text and where it starts.
    let mut current: Option<(HeadingLevel, TocEntry, String, usize)> = None;
    let close_to = |level: HeadingLevel,
                    stack: &mut Vec<(HeadingLevel, TocEntry)>,
                    roots: &mut Vec<TocEntry>| {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            if let Some((_, done)) = stack.pop() {
                match stack.last_mut() {
                    Some((_, parent)) => parent.children.push(done),
                    None => roots.push(done),
                }
            }
        }
    };
    for (event, range) in Parser::new_ext(source.body(), crate::dfm::OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level, TocEntry::default(), String::new(), range.start));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, mut entry, text, start)) = current.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    entry.title = (!text.is_empty()).then_some(text);
                    if entry.link.is_none() {
                        uid_heading(source, targets, &mut entry, base + start);
                    }
                    close_to(level, &mut stack, &mut roots);
                    stack.push((level, entry));
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some((_, entry, _, _)) = &mut current
                    && entry.link.is_none()
                {
                    entry.link = Some(resolve(
                        source,
                        targets,
                        &dest_url,
                        base + range.start,
                        locale,
                        findings,
                    ));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text, _)) = &mut current {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, text, _)) = &mut current {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    close_to(HeadingLevel::H1, &mut stack, &mut roots);
    roots
}

/// A `TOC.md` heading that is only `@uid` (or `@"uid"`) links to the page with that uid,
/// and shows its title (or the name the map gives it); one that names no known uid stays
/// text, as `@uid` in a page does.
fn uid_heading(source: &SourceFile, targets: &Targets<'_>, entry: &mut TocEntry, start: usize) {
    let Some(title) = entry.title.as_deref() else {
        return;
    };
    let Some(uid) = title.strip_prefix('@') else {
        return;
    };
    let uid = uid.trim_matches('"');
    if uid.is_empty() || uid.contains(char::is_whitespace) {
        return;
    }
    let offset = source.text[start..].find('@').map_or(start, |i| start + i);
    let Some(link) = resolve_uid(source, targets, uid, None, title, offset) else {
        return;
    };
    entry.title = None;
    entry.link = Some(link);
}

/// A `toc.yml` item: the keys of DocFX's TOC schema (`schemas/toc.schema.json`,
/// `TocItemViewModel`) and those Microsoft Learn's build adds. The keys only accepted are
/// read as `IgnoredAny`, never used.
#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct YamlItem {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    href: Option<String>,
    #[serde(default)]
    items: Option<Vec<YamlItem>>,
    #[serde(default)]
    topic_href: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    toc_href: Option<String>,
    #[serde(default)]
    homepage: Option<String>,
    // Accepted whatever their value: DocFX's rendering and build options.
    #[serde(default)]
    expanded: IgnoredAny,
    #[serde(default)]
    uid: Option<serde_yaml::Value>,
    #[serde(default)]
    topic_uid: Option<serde_yaml::Value>,
    #[serde(default)]
    homepage_uid: Option<serde_yaml::Value>,
    #[serde(default)]
    original_href: IgnoredAny,
    #[serde(default)]
    original_toc_href: IgnoredAny,
    #[serde(default)]
    original_topic_href: IgnoredAny,
    #[serde(default)]
    original_homepage: IgnoredAny,
    #[serde(default)]
    included_from: IgnoredAny,
    #[serde(default)]
    order: IgnoredAny,
    #[serde(default, rename = "type")]
    kind: IgnoredAny,
    #[serde(default)]
    dropdown: IgnoredAny,
    #[serde(default)]
    maintain_context: IgnoredAny,
    #[serde(default)]
    landing_page_type: IgnoredAny,
    #[serde(default)]
    monikers: IgnoredAny,
    #[serde(default)]
    split_items_by: IgnoredAny,
}

/// A `toc.yml` written as a mapping: `items:` at the root, with the root's own keys.
#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct YamlRoot {
    #[serde(default)]
    items: Vec<YamlItem>,
    #[serde(default, rename = "$schema")]
    schema: IgnoredAny,
    #[serde(default)]
    name: IgnoredAny,
    #[serde(default)]
    href: IgnoredAny,
    #[serde(default)]
    uid: IgnoredAny,
    #[serde(default)]
    order: IgnoredAny,
    #[serde(default)]
    split_items_by: IgnoredAny,
    #[serde(default)]
    maintain_context: IgnoredAny,
}

/// A uid as a YAML value gives it: a string, or a number written bare.
fn uid_text(value: Option<serde_yaml::Value>) -> Option<String> {
    let text = match value? {
        serde_yaml::Value::String(s) => s,
        serde_yaml::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// `toc.yml`: items and their `items`.
fn parse_yaml(
    source: &SourceFile,
    targets: &Targets<'_>,
    locale: &str,
    findings: &mut Vec<Diagnostic>,
) -> Vec<TocEntry> {
    let text = source.text.as_str();
    let config_error = |err: serde_yaml::Error| {
        let (line, column) = err
            .location()
            .map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
        let message = err.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        source
            .finding(
                Code::Config,
                locale,
                source.line_start(line) + column.saturating_sub(1) as usize,
                format!("toc.yml: {message}"),
            )
            .with_line_text(source.line_text(line))
    };
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(err) => {
            findings.push(config_error(err));
            return Vec::new();
        }
    };
    let items = match value {
        serde_yaml::Value::Null => return Vec::new(),
        serde_yaml::Value::Sequence(_) => serde_yaml::from_str::<Vec<YamlItem>>(text),
        serde_yaml::Value::Mapping(_) => serde_yaml::from_str::<YamlRoot>(text).map(|r| r.items),
        _ => {
            findings.push(source.finding(
                Code::Config,
                locale,
                0,
                "toc.yml: expected a list of items or a mapping with `items`",
            ));
            return Vec::new();
        }
    };
    let items = match items {
        Ok(items) => items,
        Err(err) => {
            findings.push(config_error(err));
            return Vec::new();
        }
    };
    let mut cursor = KeyCursor {
        source,
        offset: 0,
        targets,
        locale,
        findings,
    };
    items.into_iter().map(|i| cursor.entry(i)).collect()
}

/// Finds where the values of `toc.yml` keys are written, in document order (serde_yaml
/// gives no positions for values).
struct KeyCursor<'s> {
    source: &'s SourceFile,
    /// Where the previous item was found: later items are written after it.
    offset: usize,
    targets: &'s Targets<'s>,
    locale: &'s str,
    findings: &'s mut Vec<Diagnostic>,
}

impl KeyCursor<'_> {
    fn entry(&mut self, item: YamlItem) -> TocEntry {
        let mut refs: Vec<(&str, TocLink)> = Vec::new();
        let start = self.offset;
        for (key, value) in [
            ("href", &item.href),
            ("topicHref", &item.topic_href),
            ("homepage", &item.homepage),
            ("tocHref", &item.toc_href),
        ] {
            if let Some(value) = value {
                let offset = self.find(start, key, value);
                let link = resolve(
                    self.source,
                    self.targets,
                    value,
                    offset,
                    self.locale,
                    self.findings,
                );
                self.offset = self.offset.max(offset);
                refs.push((key, link));
            }
        }
        // The page a uid names: `topicUid`, else `uid`, else `homepageUid` (DocFX reads the
        // last two as the first). It takes the place of the written links, which are still
        // checked.
        let uid = [
            ("topicUid", item.topic_uid),
            ("uid", item.uid),
            ("homepageUid", item.homepage_uid),
        ]
        .into_iter()
        .find_map(|(key, value)| uid_text(value).map(|uid| (key, uid)));
        let mut uid_link = None;
        if let Some((key, uid)) = uid {
            let offset = self.find(start, key, &uid);
            self.offset = self.offset.max(offset);
            match resolve_uid(self.source, self.targets, &uid, None, &uid, offset) {
                Some(link) => uid_link = Some(link),
                None => unknown_uid(
                    self.source,
                    self.targets,
                    &uid,
                    offset,
                    self.locale,
                    self.findings,
                ),
            }
        }
        // `href` to a page is the link; `href` to a folder or TOC takes its page from
        // `topicHref` (or the older `homepage`).
        let is_page = |l: &TocLink| {
            matches!(
                l.target,
                TocTarget::Page { .. }
                    | TocTarget::Xref { .. }
                    | TocTarget::External
                    | TocTarget::Missing { .. }
            )
        };
        let chosen = refs
            .iter()
            .position(|(k, l)| *k == "href" && is_page(l))
            .or_else(|| refs.iter().position(|(k, _)| *k == "topicHref"))
            .or_else(|| refs.iter().position(|(k, _)| *k == "homepage"));
        let link = match uid_link {
            Some(link) => Some(link),
            None => chosen.map(|i| refs.remove(i).1),
        };
        let other_links = refs.into_iter().map(|(_, l)| l).collect();
        let children = item
            .items
            .unwrap_or_default()
            .into_iter()
            .map(|i| self.entry(i))
            .collect();
        TocEntry {
            title: item.name.or(item.display_name),
            link,
            other_links,
            children,
        }
    }

    /// The byte offset of the value of `key: value` at or after `from`.
    fn find(&self, from: usize, key: &str, value: &str) -> usize {
        let text = &self.source.text;
        let mut at = from;
        let mut first_key = None;
        while let Some(i) = text.get(at..).and_then(|t| t.find(key)) {
            let k = at + i;
            at = k + key.len();
            let before = text[..k].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric()) {
                continue; // `tocHref` when looking for `href`
            }
            let rest = text[at..].trim_start_matches(['"', '\'', ' ', '\t']);
            let Some(after_colon) = rest.strip_prefix(':') else {
                continue;
            };
            let value_at = text.len() - after_colon.trim_start_matches([' ', '\t']).len();
            first_key.get_or_insert(value_at);
            let line_end = text[value_at..]
                .find(['\n', '\r'])
                .map_or(text.len(), |e| value_at + e);
            if text[value_at..line_end].contains(value) {
                return value_at;
            }
        }
        first_key.unwrap_or(from)
    }
}

#[cfg(test)]
mod tests;
