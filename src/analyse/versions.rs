//! The versions of a site (DocFX monikers, SPEC §10), read before the analyse pass: the
//! definitions (`monikers:` in rosetta.yaml, else the monikers named in the ranges in use),
//! and each page's file-level versions (docfx.json's content groups, `fileMetadata`
//! `monikerRange` and `exclude_monikers`, front matter `monikerRange` and
//! `exclude_monikers`) with the group twins the version picker moves between. The analyse
//! pass evaluates `::: moniker` blocks within a page's versions (`markdown/blocks.rs`).
//!
//! A site without any moniker pays one look at each source's `:::` lines and front matter.

use crate::dfm::markers::Marker;
use crate::dfm::moniker::{self, Definitions, MonikerLine, Range, Versions};
use crate::diagnostic::{Code, Diagnostic, Location, Related};
use crate::page::PageVersions;
use crate::site::Locale;
use crate::site::config::Config;
use crate::site::docfx::ConfigRange;
use crate::site::paths::{FileKind, Lookup};
use crate::source::{SourceFile, Sources};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::dfm::front_matter::{EXCLUDE_MONIKERS as EXCLUDE_KEY, MONIKER_RANGE as RANGE_KEY};

/// The versions of a site and of its pages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SiteVersions {
    /// Every moniker, by product.
    pub(crate) definitions: Arc<Definitions>,
    /// Whether the definitions come from the ranges in use (no `monikers:`).
    pub(crate) inferred: bool,
    /// The version a reader sees first.
    pub(crate) default: Option<usize>,
    /// Per locale (site order): page path → its versions, for pages with a file-level range.
    pages: Vec<HashMap<String, PageVersions>>,
    /// Findings about file-level ranges (a range that does not parse, an undefined moniker,
    /// a page left with no version).
    pub(crate) findings: Vec<Diagnostic>,
    /// When the definitions are inferred: how many sources (and docfx.json ranges) name
    /// each moniker, so that an edit can tell whether it changes the set of monikers.
    uses: HashMap<String, usize>,
}

impl SiteVersions {
    /// Whether the site has versions at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.definitions.is_empty()
    }

    /// The pages of locale `l` that have a file-level range, with their versions (the
    /// others are for every version, in a site with versions).
    pub(crate) fn locale(&self, l: usize) -> &HashMap<String, PageVersions> {
        static NONE: std::sync::OnceLock<HashMap<String, PageVersions>> =
            std::sync::OnceLock::new();
        self.pages
            .get(l)
            .unwrap_or_else(|| NONE.get_or_init(HashMap::new))
    }

    /// Takes a source's edit (`old` → `new`, the same file): `true` when the site's versions
    /// and every page's file-level versions stay as they are (the edit is an ordinary page
    /// edit), `false` when they may change (the caller builds everything again). Costs what
    /// the two versions of the file cost. `uses` carries the counts of monikers in use from
    /// edit to edit of one batch (`None` until one changes them); [`Self::keep_uses`] takes
    /// them once the batch is accepted.
    pub(crate) fn edit(
        &self,
        uses: &mut Option<HashMap<String, usize>>,
        old: &SourceFile,
        new: &SourceFile,
    ) -> bool {
        if !names_monikers(old) && !names_monikers(new) {
            return true;
        }
        let (a, b) = (&old.front_matter, &new.front_matter);
        if a.moniker_range() != b.moniker_range() || a.exclude_monikers() != b.exclude_monikers() {
            return false;
        }
        if !self.inferred {
            return true;
        }
        let (before, after) = (file_names(old), file_names(new));
        if before == after {
            return true;
        }
        let counts = uses.get_or_insert_with(|| self.uses.clone());
        for name in &before {
            if let Some(n) = counts.get_mut(name) {
                *n = n.saturating_sub(1);
            }
        }
        for name in after {
            *counts.entry(name).or_default() += 1;
        }
        let named = |u: &HashMap<String, usize>| -> BTreeSet<String> {
            u.iter()
                .filter(|(_, n)| **n > 0)
                .map(|(k, _)| k.clone())
                .collect()
        };
        named(counts) == named(&self.uses)
    }

    /// Keeps the counts of monikers in use that a batch of edits gave ([`Self::edit`]).
    pub(crate) fn keep_uses(&mut self, uses: HashMap<String, usize>) {
        self.uses = uses;
    }

    /// The summary note when the definitions were inferred.
    pub(crate) fn note(&self) -> Option<String> {
        if !self.inferred || self.is_empty() {
            return None;
        }
        let defs = &self.definitions;
        let products: Vec<String> = defs
            .products
            .iter()
            .map(|p| {
                let names: Vec<&str> = defs.monikers[p.start..p.end]
                    .iter()
                    .map(|m| m.name.as_str())
                    .collect();
                format!("{} ({})", p.name, names.join(", "))
            })
            .collect();
        Some(format!(
            "versions taken from the moniker ranges in use (no `monikers:` in rosetta.yaml): {}",
            products.join("; ")
        ))
    }
}

/// The title of each version in a locale: its `moniker-<name>` UI string, else the title
/// the definitions give, else its name.
pub(crate) fn titles(definitions: &Definitions, strings: &crate::i18n::Strings) -> Vec<String> {
    definitions
        .monikers
        .iter()
        .map(|m| {
            strings
                .lookup(&format!("moniker-{}", m.name))
                .map(str::to_owned)
                .or_else(|| m.title.clone())
                .unwrap_or_else(|| m.name.clone())
        })
        .collect()
}

/// Reads the site's versions (from its configuration, its locales and their loaded
/// sources), with the findings about file-level ranges.
pub(crate) fn read(config: &Config, locales: &[Locale], sources: &Sources) -> SiteVersions {
    let mut findings = Vec::new();
    let (definitions, inferred, uses) = match &config.monikers {
        Some(_) => (config.moniker_definitions(), false, HashMap::new()),
        None => {
            let uses = names_in_use(locales, sources);
            let definitions = Definitions::infer(uses.keys().map(String::as_str));
            (definitions, true, uses)
        }
    };
    if definitions.is_empty() {
        return SiteVersions {
            pages: vec![HashMap::new(); locales.len()],
            inferred,
            uses,
            ..SiteVersions::default()
        };
    }
    let default = config
        .default_moniker
        .as_deref()
        .and_then(|name| definitions.index(name))
        .or_else(|| {
            definitions
                .products
                .first()
                .and_then(|p| p.end.checked_sub(1))
        });
    let mut pages = Vec::with_capacity(locales.len());
    for (l, locale) in locales.iter().enumerate() {
        let mut reader = LocaleReader {
            definitions: &definitions,
            locale: &locale.name,
            config: HashMap::new(),
            findings: &mut findings,
        };
        let mut map = HashMap::new();
        for path in &locale.pages {
            let Some(source) = sources.get(l, path) else {
                continue;
            };
            if let Some(page) = reader.page(locales, l, source) {
                map.insert(path.clone(), page);
            }
        }
        pages.push(map);
    }
    SiteVersions {
        definitions: Arc::new(definitions),
        inferred,
        default,
        pages,
        findings,
        uses,
    }
}

/// Whether a file names monikers (a `::: moniker` line, front matter `monikerRange` or
/// `exclude_monikers`): only such a file's edit can change the site's versions.
pub(crate) fn names_monikers(source: &SourceFile) -> bool {
    source.front_matter.names_monikers()
        || source
            .markup
            .iter()
            .flat_map(|m| &m.markers)
            .any(|(_, _, marker)| matches!(marker, Marker::Moniker(_)))
}

/// How many sources name each moniker (ranges that parse, code aside: `::: moniker` lines,
/// front matter), docfx.json's ranges counted once each.
fn names_in_use(locales: &[Locale], sources: &Sources) -> HashMap<String, usize> {
    let mut uses: HashMap<String, usize> = HashMap::new();
    for source in sources.iter() {
        for name in file_names(source) {
            *uses.entry(name).or_default() += 1;
        }
    }
    let mut add = |range: &str| {
        if let Ok(parsed) = moniker::parse(range) {
            for name in parsed.names() {
                *uses.entry(name.to_lowercase()).or_default() += 1;
            }
        }
    };
    for locale in locales {
        for rules in locale.docfx.values() {
            for r in rules.versions.ranges() {
                add(&r.range);
            }
            for name in rules.versions.excluded_names() {
                add(name);
            }
            for r in rules.content_ranges() {
                add(&r.range);
            }
        }
    }
    uses
}

/// The monikers one source names (lower-cased): its `::: moniker` lines' ranges that parse,
/// its front matter `monikerRange` and `exclude_monikers`.
fn file_names(source: &SourceFile) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut add = |range: &str| {
        if let Ok(parsed) = moniker::parse(range) {
            names.extend(parsed.names().map(str::to_lowercase));
        }
    };
    for (_, _, marker) in source.markup.iter().flat_map(|m| &m.markers) {
        if let Marker::Moniker(MonikerLine::Open {
            range: Some(range), ..
        }) = marker
        {
            add(range);
        }
    }
    if let Some(range) = source.front_matter.moniker_range() {
        add(range);
    }
    for name in source.front_matter.exclude_monikers() {
        add(&name);
    }
    names
}

/// Reads the file-level versions of one locale's pages.
struct LocaleReader<'a> {
    definitions: &'a Definitions,
    locale: &'a str,
    /// docfx.json ranges evaluated so far, by (file, line, range): each reported once.
    config: HashMap<(Arc<str>, u32, String), Option<Versions>>,
    findings: &'a mut Vec<Diagnostic>,
}

impl LocaleReader<'_> {
    /// A range of docfx.json (`file`), evaluated once; `None` when it does not parse.
    fn config_range(&mut self, file: &Arc<str>, range: &ConfigRange) -> Option<Versions> {
        let key = (file.clone(), range.line, range.range.clone());
        if let Some(done) = self.config.get(&key) {
            return done.clone();
        }
        let at = Location::new(file.clone(), range.line, 1);
        let versions = self.evaluate(&range.range, &at);
        self.config.insert(key, versions.clone());
        versions
    }

    /// A range, its problems reported at `at`; `None` when it does not parse, names a
    /// moniker the definitions lack (it then restricts nothing: the finding says why) or is
    /// blank.
    fn evaluate(&mut self, text: &str, at: &Location) -> Option<Versions> {
        let range: Range = match moniker::parse(text) {
            Ok(range) if range.sets.is_empty() => return None,
            Ok(range) => range,
            Err(e) => {
                self.report(at.clone(), e.message);
                return None;
            }
        };
        let (versions, errors) = self.definitions.evaluate(&range, text);
        let clean = errors.is_empty();
        for e in errors {
            self.report(at.clone(), e.message);
        }
        clean.then_some(versions)
    }

    fn report(&mut self, at: Location, message: String) {
        self.findings.push(Diagnostic::new(
            Code::MonikerError,
            Some(self.locale),
            &at,
            message,
        ));
    }

    /// The versions of a page with a file-level range; `None` for a page without one.
    fn page(&mut self, locales: &[Locale], l: usize, source: &SourceFile) -> Option<PageVersions> {
        let locale = &locales[l];
        let docfx = locale.docfx_of(&source.path);
        let content = docfx.and_then(|(rules, rel)| rules.content_range(rel));
        let metadata_range = docfx.and_then(|(rules, rel)| rules.versions.file_range(rel));
        let metadata_exclude = docfx.and_then(|(rules, rel)| rules.versions.excluded(rel));
        let own_range = source.front_matter.moniker_range();
        let own_exclude = source.front_matter.exclude_monikers();
        if content.is_none()
            && metadata_range.is_none()
            && metadata_exclude.is_none()
            && own_range.is_none()
            && own_exclude.is_empty()
        {
            return None;
        }
        let docfx_file: Arc<str> = {
            let docset = locale.docset_of(&source.path);
            let rel = if docset.is_empty() {
                "docfx.json".to_owned()
            } else {
                format!("{docset}/docfx.json")
            };
            locale.site_path(&rel)
        };
        let all = self.definitions.all();
        // The docset's range for the page (its content group).
        let config = match &content {
            Some(c) => self.config_range(&docfx_file, &c.range),
            None => None,
        };
        // The page's own range: front matter, else fileMetadata.
        let key_at = |key: &str| -> Location {
            let offset = crate::dfm::pivot_groups::front_matter_key_offset(&source.text, key)
                .or_else(|| yaml_key_offset(source, key))
                .map(|o| value_offset(&source.text, o))
                .unwrap_or(0);
            source.location(offset)
        };
        let (own, own_at) = match (own_range, metadata_range) {
            (Some(range), _) => {
                let at = key_at(RANGE_KEY);
                (self.evaluate(range, &at), at)
            }
            (None, Some(range)) => (
                self.config_range(&docfx_file, range),
                Location::new(docfx_file.clone(), range.line, 1),
            ),
            (None, None) => (None, Location::file_start(source.site_path.clone())),
        };
        // Its own range (else its group's, else every version) within its group's, less
        // what `exclude_monikers` removes.
        let mut versions = own
            .clone()
            .or(config.clone())
            .unwrap_or_else(|| all.clone());
        if let (Some(config), Some(own)) = (&config, &own) {
            let both = own.and(config);
            if both.is_empty() && !own.is_empty() {
                let range = content.as_ref().map_or("", |c| c.range.range.as_str());
                self.report(
                    own_at.clone(),
                    format!(
                        "No moniker intersection between docfx.yml/docfx.json and file metadata. Config moniker range '{}' is {}, while file monikers is {}. The page keeps its own versions.",
                        range,
                        self.definitions.quoted(config),
                        self.definitions.quoted(own)
                    ),
                );
            } else {
                versions = both;
            }
        }
        if versions.is_empty() {
            self.report(
                own_at,
                "the page's range gives no version: it is built for the versions of its group (else every version)".into(),
            );
            versions = config
                .clone()
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| all.clone());
        }
        let excluded: Option<(Vec<String>, Location)> = if !own_exclude.is_empty() {
            Some((own_exclude, key_at(EXCLUDE_KEY)))
        } else {
            metadata_exclude
                .map(|(names, line)| (names.to_vec(), Location::new(docfx_file.clone(), line, 1)))
        };
        if let Some((names, at)) = &excluded {
            let mut out = Versions::default();
            for name in names {
                match self.definitions.index(name.trim()) {
                    Some(i) => out.insert(i),
                    None => self.report(
                        at.clone(),
                        format!("Invalid moniker range: Moniker '{name}' is not defined."),
                    ),
                }
            }
            let left = versions.without(&out);
            if left.is_empty() {
                // One finding per rule (the same message at the same place merges), with
                // each page it concerns.
                let mut d = Diagnostic::new(
                    Code::MonikerError,
                    Some(self.locale),
                    at,
                    "`exclude_monikers` leaves no version: it is not applied to the pages it names here",
                );
                d.related.push(Related::new(
                    &Location::file_start(source.site_path.clone()),
                    "a page it would leave without a version",
                ));
                self.findings.push(d);
            } else {
                versions = left;
            }
        }
        let twins = match (&content, docfx) {
            (Some(c), Some((rules, rel))) => twins(locale, &source.path, rel, c, rules),
            _ => Vec::new(),
        };
        Some(PageVersions { versions, twins })
    }
}

/// In a YAML page, the offset of the first `key:` (the one under `metadata:`).
fn yaml_key_offset(source: &SourceFile, key: &str) -> Option<usize> {
    if !source.is_yaml() {
        return None;
    }
    let mut offset = 0;
    for line in source.text.split_inclusive('\n') {
        let indented = line.trim_start();
        if let Some(rest) = indented.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(offset + line.len() - indented.len());
        }
        offset += line.len();
    }
    None
}

/// The offset of a front matter value, from the offset of its key's line.
fn value_offset(text: &str, key_line: usize) -> usize {
    let line = &text[key_line..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    match line.find(':') {
        Some(colon) => {
            let rest = &line[colon + 1..];
            key_line + colon + 1 + (rest.len() - rest.trim_start().len())
        }
        None => key_line,
    }
}

/// A page's twins: the same path relative to the `src` of each other content entry that
/// has a range, when a page is there.
fn twins(
    locale: &Locale,
    path: &str,
    docset_rel: &str,
    content: &crate::site::docfx::ContentRange,
    rules: &crate::site::docfx::DocsetGlobs,
) -> Vec<String> {
    let docset = &path[..path.len() - docset_rel.len()];
    let within = if content.src.is_empty() {
        docset_rel
    } else {
        match docset_rel
            .strip_prefix(content.src.as_str())
            .and_then(|r| r.strip_prefix('/'))
        {
            Some(r) => r,
            None => return Vec::new(),
        }
    };
    let mut out = Vec::new();
    for (entry, src) in rules.ranged_entries() {
        if entry == content.entry {
            continue;
        }
        let candidate = if src.is_empty() {
            within.to_owned()
        } else {
            format!("{src}/{within}")
        };
        if !rules.entry_matches(entry, &candidate) {
            continue;
        }
        if let Lookup::Found {
            path: twin,
            kind: FileKind::Page,
            ..
        } = locale.files.find(&format!("{docset}{candidate}"))
            && twin != path
        {
            out.push(twin);
        }
    }
    out
}
