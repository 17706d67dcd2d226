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
//!   accepted: `topicHref`, `tocHref` and `homepage` are followed, the others are
//!   DocFX's rendering options. A key outside the schema is a `config` finding (a typo).

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::site::paths::{self, FileKind, Target};
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
    /// `scheme:`, `//host` or a site-absolute path outside the locale's top folders: not
    /// checked, written as is.
    External,
    /// Nothing there (the normalised path).
    Missing { path: String },
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

/// Parses every TOC of a locale (index `l` in site order) from the loaded sources. Bad YAML
/// gives findings; a TOC that could not be read was reported by the load stage.
pub(crate) fn load(
    resolver: &Resolver<'_>,
    sources: &Sources,
    findings: &mut Vec<Diagnostic>,
) -> Vec<Toc> {
    let (locale, l) = (resolver.own(), resolver.locale);
    let mut tocs = Vec::with_capacity(locale.tocs.len());
    for path in &locale.tocs {
        let Some(source) = sources.get(l, path) else {
            continue;
        };
        let entries = if source.is_yaml() {
            parse_yaml(source, resolver, &locale.name, findings)
        } else {
            parse_markdown(source, resolver)
        };
        tocs.push(Toc {
            path: path.clone(),
            entries,
        });
    }
    tocs
}

/// Resolves a TOC reference relative to the TOC's folder.
fn resolve(source: &SourceFile, resolver: &Resolver<'_>, written: &str, offset: usize) -> TocLink {
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

/// `TOC.md`: headings nest by level.
fn parse_markdown(source: &SourceFile, resolver: &Resolver<'_>) -> Vec<TocEntry> {
    let base = source.body_start;
    // Open entries with their heading level, outermost first.
    let mut stack: Vec<(HeadingLevel, TocEntry)> = Vec::new();
    let mut roots: Vec<TocEntry> = Vec::new();
    let mut current: Option<(HeadingLevel, TocEntry, String)> = None;
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
                current = Some((level, TocEntry::default(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, mut entry, text)) = current.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    entry.title = (!text.is_empty()).then_some(text);
                    close_to(level, &mut stack, &mut roots);
                    stack.push((level, entry));
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some((_, entry, _)) = &mut current
                    && entry.link.is_none()
                {
                    entry.link = Some(resolve(source, resolver, &dest_url, base + range.start));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = &mut current {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, text)) = &mut current {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    close_to(HeadingLevel::H1, &mut stack, &mut roots);
    roots
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
    uid: IgnoredAny,
    #[serde(default)]
    topic_uid: IgnoredAny,
    #[serde(default)]
    homepage_uid: IgnoredAny,
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

/// `toc.yml`: items and their `items`.
fn parse_yaml(
    source: &SourceFile,
    resolver: &Resolver<'_>,
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
        resolver,
    };
    items.into_iter().map(|i| cursor.entry(i)).collect()
}

/// Finds where the values of `toc.yml` keys are written, in document order (serde_yaml
/// gives no positions for values).
struct KeyCursor<'s> {
    source: &'s SourceFile,
    /// Where the previous item was found: later items are written after it.
    offset: usize,
    resolver: &'s Resolver<'s>,
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
                let link = resolve(self.source, self.resolver, value, offset);
                self.offset = self.offset.max(offset);
                refs.push((key, link));
            }
        }
        // `href` to a page is the link; `href` to a folder or TOC takes its page from
        // `topicHref` (or the older `homepage`).
        let is_page = |l: &TocLink| {
            matches!(
                l.target,
                TocTarget::Page { .. } | TocTarget::External | TocTarget::Missing { .. }
            )
        };
        let chosen = refs
            .iter()
            .position(|(k, l)| *k == "href" && is_page(l))
            .or_else(|| refs.iter().position(|(k, _)| *k == "topicHref"))
            .or_else(|| refs.iter().position(|(k, _)| *k == "homepage"));
        let link = chosen.map(|i| refs.remove(i).1);
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
mod tests {
    use super::*;

    /// A locale with a few files, and what resolves references against it.
    struct Env {
        locales: Vec<crate::site::Locale>,
        redirects: crate::site::redirects::Redirects,
    }

    impl Env {
        fn new() -> Env {
            let mut idx = crate::site::paths::FileIndex::default();
            for (p, k) in [
                ("a.md", FileKind::Page),
                ("Sub", FileKind::Folder),
                ("Sub/b.md", FileKind::Page),
                ("Sub/toc.yml", FileKind::Toc),
                ("includes/i.md", FileKind::Markdown),
            ] {
                idx.insert(p.into(), k);
            }
            let locale = crate::site::Locale::in_memory(
                "en-us",
                "/nonexistent".into(),
                "content/en-us".into(),
                idx,
            );
            Env {
                locales: vec![locale],
                redirects: Default::default(),
            }
        }

        fn resolver(&self) -> Resolver<'_> {
            Resolver {
                locales: &self.locales,
                locale: 0,
                source: None,
                redirects: &self.redirects,
            }
        }
    }

    fn source(path: &str, text: &str) -> SourceFile {
        SourceFile::from_bytes(
            format!("content/en-us/{path}").into(),
            path.into(),
            (0, "en-us"),
            text.as_bytes(),
            &mut Vec::new(),
        )
    }

    fn outline(entries: &[TocEntry], depth: usize, out: &mut Vec<String>) {
        for e in entries {
            let link = e.link.as_ref().map_or(String::new(), |l| {
                format!(" -> {:?} @{}:{}", l.target, l.at.line, l.at.column)
            });
            out.push(format!(
                "{}{}{link}",
                "  ".repeat(depth),
                e.title.as_deref().unwrap_or("?")
            ));
            outline(&e.children, depth + 1, out);
        }
    }

    #[test]
    fn markdown_headings_nest_by_level_and_groups_have_no_link() {
        let s = source(
            "TOC.md",
            "# Group\n## [A](a.md)\n### [B](sub/B.md#x)\n## [Gone](gone.md)\n# [Site](https://x.org)\n",
        );
        let mut out = Vec::new();
        outline(&parse_markdown(&s, &Env::new().resolver()), 0, &mut out);
        assert_eq!(
            out,
            [
                "Group",
                "  A -> Page { locale: 0, path: \"a.md\", case_fixed: false, redirected_from: None } @2:4",
                "    B -> Page { locale: 0, path: \"Sub/b.md\", case_fixed: true, redirected_from: None } @3:5",
                "  Gone -> Missing { path: \"gone.md\" } @4:4",
                "Site -> External @5:3",
            ]
        );
    }

    #[test]
    fn yaml_items_nest_with_positions_of_their_hrefs() {
        let s = source(
            "toc.yml",
            "- name: A\n  href: a.md\n  items:\n    - name: B\n      href: gone.md\n- name: Sub\n  href: Sub/\n  topicHref: Sub/b.md\n",
        );
        let mut findings = Vec::new();
        let entries = parse_yaml(&s, &Env::new().resolver(), "en-us", &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        let mut out = Vec::new();
        outline(&entries, 0, &mut out);
        assert_eq!(
            out,
            [
                "A -> Page { locale: 0, path: \"a.md\", case_fixed: false, redirected_from: None } @2:9",
                "  B -> Missing { path: \"gone.md\" } @5:13",
                "Sub -> Page { locale: 0, path: \"Sub/b.md\", case_fixed: false, redirected_from: None } @8:14",
            ]
        );
        assert_eq!(entries[1].other_links.len(), 1, "the folder href is kept");
    }

    #[test]
    fn yaml_unknown_keys_and_syntax_errors_are_config_findings() {
        let mut findings = Vec::new();
        let s = source("toc.yml", "- name: A\n  hreff: a.md\n");
        parse_yaml(&s, &Env::new().resolver(), "en-us", &mut findings);
        let s = source("toc.yml", "- name: [A\n");
        parse_yaml(&s, &Env::new().resolver(), "en-us", &mut findings);
        let places: Vec<(Code, u32)> = findings.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(places.len(), 2, "{findings:?}");
        assert_eq!(places[0], (Code::Config, 2));
        assert!(
            findings[0].message.contains("hreff"),
            "{}",
            findings[0].message
        );
        assert_eq!(places[1].0, Code::Config);
    }

    // DocFX's TOC schema (`schemas/toc.schema.json`) and Learn's keys, as the Visual
    // Studio documentation writes them.
    #[test]
    fn yaml_accepts_the_keys_of_docfx_toc_schema() {
        let mut findings = Vec::new();
        let s = source(
            "toc.yml",
            "$schema: https://example.org/toc.schema.json\norder: 10\nsplitItemsBy: name\nitems:\n- name: A\n  href: a.md\n  expanded: true\n  maintainContext: true\n  items:\n  - name: B\n    topicUid: docs.b\n    uid: docs.b\n    displayName: Bee\n    order: 100\n    type: Container\n    dropdown: false\n    landingPageType: Root\n    monikers: [vs-2019]\n    splitItemsBy: name\n    homepageUid: x\n    originalHref: a.md\n    includedFrom: other/toc.yml\n",
        );
        let entries = parse_yaml(&s, &Env::new().resolver(), "en-us", &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].children[0].title.as_deref(), Some("B"));
    }

    #[test]
    fn yaml_may_be_a_mapping_with_items() {
        let mut findings = Vec::new();
        let s = source("toc.yml", "items:\n- name: A\n  href: a.md\n");
        let entries = parse_yaml(&s, &Env::new().resolver(), "en-us", &mut findings);
        assert!(findings.is_empty());
        assert_eq!(entries.len(), 1);
    }
}
