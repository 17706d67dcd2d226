//! Translation parity: every locale's pages compared with the reference locale's,
//! article by article as [`Pairing`] groups them; asset IDs checked within each locale.
//!
//! Where findings go:
//! - `assetid-mismatch`, `anchor-mismatch`, `structure-mismatch`, `moniker-mismatch`: on
//!   the translation (the non-reference file), `related` pointing at the reference file.
//! - `missing-translation`: on the reference file when it exists, else on each file that
//!   exists; the message names the locales that lack the page.
//! - `duplicate-assetid`: on every file concerned, the others in `related`.
//! - `missing-assetid`: on the page that lacks one, when other pages of its locale have one
//!   and no page of another locale pairs with it by path (then the asset ID would be its
//!   only way to pair).
//!
//! Positions: the asset-ID findings (`assetid-mismatch`, `duplicate-assetid`) stand at the
//! `ms.assetid` line, since that line is what the writer fixes; `anchor-mismatch` at the
//! first explicit anchor where the translation starts to differ from the reference (in
//! document order), so that a deleted or renamed `<a name>` is found where it was; the
//! `moniker-mismatch` at the translation's first moniker block that differs from the
//! reference's (blocks compare by what their ranges give, so `>=vs-2019` and `>= vs-2019`
//! are the same); the other file-level findings at 1:1.
//!
//! What is compared is what the page's own file says: its explicit anchors and the include
//! targets, images and linked pages written in it. Text that comes from include files is
//! left out, because an include file is itself translated: a drift inside it would be
//! reported once per including page, away from the line to fix; a page that includes other
//! files than its reference shows up as a `structure-mismatch` instead.

use super::Replaced;
use crate::analyse::AnalysedLocale;
use crate::diagnostic::{Code, Diagnostic, Location, Related};
use crate::page::{AnchorKind, LinkKind, LinkTarget, MonikerBlock, Page};
use crate::site::Site;
use crate::site::pairing::{Article, Pairing};
use crate::site::shard::Shard;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// The pages of all locales and how they pair, as the parity checks read them.
pub(super) struct Locales<'p> {
    /// The site (its locales are in the order of `locales` and of the pairing's slots).
    pub site: &'p Site,
    /// Index of the reference locale.
    pub reference: usize,
    /// Each locale's analysed pages, in site order.
    pub locales: &'p [AnalysedLocale],
    pub pairing: &'p Pairing,
    /// The locales whose findings are made: a translation is compared with the reference
    /// only when it is one of them.
    pub shard: &'p Shard,
    /// Whether the reference is the source the others are translated from: then a
    /// translation must carry every id of its source that readers land on.
    pub source: bool,
    /// Per stale translation (site-relative path), the ids of sections the source added
    /// since its version (sorted): not yet translated, so not drift of the translation.
    pub added_since: &'p HashMap<&'p str, Vec<&'p str>>,
}

impl<'p> Locales<'p> {
    /// Page `i` of locale `l`.
    fn page(&self, l: usize, i: usize) -> &'p Page {
        &self.locales[l].pages[i]
    }

    /// The name of locale `l`.
    fn name(&self, l: usize) -> &'p str {
        &self.site.locales[l].name
    }
}

/// The parity findings of a run: each locale's asset-ID findings and each article's, so
/// that an update compares again only the articles whose pages changed.
#[derive(Default)]
pub(super) struct Memo {
    /// Per locale: `duplicate-assetid` and `missing-assetid`.
    asset_ids: Vec<Vec<Diagnostic>>,
    /// Per article (in the pairing's order): its findings.
    articles: Vec<Vec<Diagnostic>>,
    /// The article index, if an article was compared.
    index: Option<ArticleIndex>,
}

impl Memo {
    /// Every parity finding of the site.
    pub(super) fn new(locales: &Locales<'_>) -> Memo {
        let asset_ids = (0..locales.locales.len())
            .map(|l| asset_id_findings(locales, l))
            .collect();
        // Built only if an article is compared.
        let targets = OnceLock::new();
        // Articles side by side; their findings in article order.
        let articles = locales
            .pairing
            .articles
            .par_iter()
            .map(|article| {
                let mut found = Vec::new();
                article_parity(locales, &targets, article, &mut found);
                found
            })
            .collect();
        Memo {
            asset_ids,
            articles,
            index: targets.into_inner(),
        }
    }

    /// Every finding: the asset IDs of each locale, then each article's.
    pub(super) fn into_findings(self) -> impl Iterator<Item = Diagnostic> {
        self.asset_ids
            .into_iter()
            .flatten()
            .chain(self.articles.into_iter().flatten())
    }

    /// Every finding the memo holds.
    pub(super) fn findings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.asset_ids
            .iter()
            .flatten()
            .chain(self.articles.iter().flatten())
    }

    /// Compares again the `articles` (indices in the pairing); everything when the pairing
    /// was made again (`paired`: an asset ID or uid changed).
    pub(super) fn update(
        &mut self,
        locales: &Locales<'_>,
        articles: &BTreeSet<usize>,
        paired: bool,
        replaced: &mut Replaced,
    ) {
        if paired {
            let old = std::mem::take(self);
            *self = Memo::new(locales);
            replaced.old.extend(old.into_findings());
            replaced.new.extend(self.findings().cloned());
            return;
        }
        let targets = OnceLock::new();
        if let Some(index) = self.index.take() {
            let _ = targets.set(index);
        }
        for &a in articles {
            let (Some(article), Some(slot)) =
                (locales.pairing.articles.get(a), self.articles.get_mut(a))
            else {
                continue;
            };
            let mut found = Vec::new();
            article_parity(locales, &targets, article, &mut found);
            replaced.set(slot, found);
        }
        self.index = targets.into_inner();
    }
}

/// The asset-ID findings of locale `l` (none when the shard does not own it).
fn asset_id_findings(locales: &Locales<'_>, l: usize) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if locales.shard.owns(l) {
        let (name, pages) = (locales.name(l), &locales.locales[l].pages);
        duplicate_asset_ids(name, pages, &mut found);
        missing_asset_ids(locales, l, &mut found);
    }
    found
}

/// The parity findings of one article: missing translations, and each translation
/// against the reference page.
fn article_parity(
    locales: &Locales<'_>,
    targets: &OnceLock<ArticleIndex>,
    article: &Article,
    findings: &mut Vec<Diagnostic>,
) {
    if !article.complete() {
        missing_translation(locales, article, findings);
    }
    let Some(reference) = article.pages[locales.reference] else {
        return;
    };
    let reference = locales.page(locales.reference, reference);
    let mut theirs = None;
    for (l, i) in article.present() {
        if l == locales.reference || !locales.shard.owns(l) {
            continue;
        }
        let translation = locales.page(l, i);
        let name = locales.name(l);
        findings.extend(asset_id_mismatch(name, translation, reference));
        findings.extend(if locales.source {
            let added = locales.added_since.get(&*translation.site_path);
            source_anchor_mismatch(name, translation, reference, added.map(Vec::as_slice))
        } else {
            anchor_mismatch(name, translation, reference)
        });
        let targets = targets.get_or_init(|| ArticleIndex::new(locales));
        let ours = Structure::of(translation, targets);
        let theirs = theirs.get_or_insert_with(|| Structure::of(reference, targets));
        findings.extend(structure_mismatch(
            name,
            translation,
            reference,
            &ours,
            theirs,
        ));
        findings.extend(moniker_mismatch(name, translation, reference));
    }
}

/// The moniker blocks of a translation's own file against the reference's: their ranges,
/// in order, compared by the versions they give (by their text when one does not parse).
fn moniker_mismatch(locale: &str, translation: &Page, reference: &Page) -> Option<Diagnostic> {
    let ours = &translation.monikers.as_deref()?.blocks;
    let theirs = &reference.monikers.as_deref()?.blocks;
    let same = |a: &MonikerBlock, b: &MonikerBlock| match (&a.versions, &b.versions) {
        (Some(x), Some(y)) => x == y,
        _ => {
            let squeeze = |r: &str| -> String {
                r.chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect()
            };
            squeeze(&a.range) == squeeze(&b.range)
        }
    };
    let first = ours.iter().zip(theirs).position(|(a, b)| !same(a, b));
    if first.is_none() && ours.len() == theirs.len() {
        return None;
    }
    let show = |b: Option<&MonikerBlock>| {
        b.map_or_else(|| "none".to_owned(), |b| format!("`{}`", b.range.trim()))
    };
    let i = first.unwrap_or(ours.len().min(theirs.len()));
    let mut message = format!(
        "moniker blocks differ from the reference `{}`: block {} is {} here and {} there",
        reference.site_path,
        i + 1,
        show(ours.get(i)),
        show(theirs.get(i))
    );
    if ours.len() != theirs.len() {
        message.push_str(&format!(
            " (this translation has {} blocks, the reference {})",
            ours.len(),
            theirs.len()
        ));
    }
    let at = ours.get(i).or(ours.last()).map_or_else(
        || Location::file_start(translation.site_path.clone()),
        |b| b.at.clone(),
    );
    let reference_at = theirs.get(i).or(theirs.last()).map_or_else(
        || Location::file_start(reference.site_path.clone()),
        |b| b.at.clone(),
    );
    Some(
        Diagnostic::new(Code::MonikerMismatch, Some(locale), &at, message).with_related(
            Related::new(
                &reference_at,
                format!("the reference ({}) moniker block", reference.locale),
            ),
        ),
    )
}

/// Where a page's `ms.assetid` is written.
fn asset_id_at(page: &Page) -> Location {
    Location::new(page.site_path.clone(), page.front_matter.asset_id_line, 1)
}

fn duplicate_asset_ids(locale: &str, pages: &[Page], findings: &mut Vec<Diagnostic>) {
    let mut by_id: HashMap<&str, Vec<&Page>> = HashMap::with_capacity(pages.len());
    for page in pages {
        if let Some(id) = page.front_matter.asset_id.as_deref() {
            by_id.entry(id).or_default().push(page);
        }
    }
    let mut shared: Vec<(&str, Vec<&Page>)> =
        by_id.into_iter().filter(|(_, p)| p.len() > 1).collect();
    shared.sort_unstable_by_key(|(id, _)| *id);
    for (id, sharing) in shared {
        for page in &sharing {
            let others: Vec<&&Page> = sharing
                .iter()
                .filter(|o| o.site_path != page.site_path)
                .collect();
            let names: Vec<String> = others.iter().map(|o| format!("`{}`", o.path)).collect();
            let mut d = Diagnostic::new(
                Code::DuplicateAssetid,
                Some(locale),
                &asset_id_at(page),
                format!(
                    "asset ID `{id}` is also carried by {}; translations cannot be paired by it",
                    names.join(", ")
                ),
            );
            for other in others {
                d.related
                    .push(Related::new(&asset_id_at(other), "the same asset ID"));
            }
            findings.push(d);
        }
    }
}

fn missing_asset_ids(locales: &Locales<'_>, l: usize, findings: &mut Vec<Diagnostic>) {
    let locale = locales.name(l);
    let pages = &locales.locales[l].pages;
    let with_id = pages
        .iter()
        .filter(|p| p.front_matter.asset_id.is_some())
        .count();
    if with_id == 0 {
        return;
    }
    // A page that pairs with another locale's page by path (ignoring letter case, as
    // pairing does) needs no asset ID to pair.
    let paired_by_path = |i: usize, page: &Page| {
        let folded = page.path.to_lowercase();
        locales.pairing.article_of(l, i).is_some_and(|article| {
            article.present().any(|(other, j)| {
                other != l
                    && locales.locales[other]
                        .pages
                        .get(j)
                        .is_some_and(|o| o.path.to_lowercase() == folded)
            })
        })
    };
    // YAML pages (Landing, Hub) carry no asset ID in Microsoft's repositories.
    let missing = pages
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            p.front_matter.asset_id.is_none() && p.yaml.is_none() && !paired_by_path(*i, p)
        })
        .map(|(_, p)| {
            Diagnostic::new(
                Code::MissingAssetid,
                Some(locale),
                &Location::file_start(p.site_path.clone()),
                format!(
                    "page has no `ms.assetid`, while {with_id} of the {} pages of {locale} have one",
                    pages.len()
                ),
            )
        });
    findings.extend(missing);
}

fn missing_translation(locales: &Locales<'_>, article: &Article, findings: &mut Vec<Diagnostic>) {
    let lacking: Vec<&str> = article
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(l, _)| locales.name(l))
        .collect();
    let present: Vec<&Page> = article.present().map(|(l, i)| locales.page(l, i)).collect();
    let message = format!("page has no translation in {}", lacking.join(", "));
    // On the reference page, else on every page; only those of the shard's own locales.
    let on: Vec<(usize, usize)> = match article.pages[locales.reference] {
        Some(i) => vec![(locales.reference, i)],
        None => article.present().collect(),
    };
    let on = on.into_iter().filter(|(l, _)| locales.shard.owns(*l));
    findings.extend(on.map(|(l, i)| {
        let page = locales.page(l, i);
        let mut d = Diagnostic::new(
            Code::MissingTranslation,
            Some(&*page.locale),
            &Location::file_start(page.site_path.clone()),
            message.clone(),
        );
        for other in present.iter().filter(|o| o.site_path != page.site_path) {
            d.related.push(Related::new(
                &Location::file_start(other.site_path.clone()),
                format!("the {} translation", other.locale),
            ));
        }
        d
    }));
}

fn asset_id_mismatch(locale: &str, translation: &Page, reference: &Page) -> Option<Diagnostic> {
    let ours = translation.front_matter.asset_id.as_deref()?;
    let theirs = reference.front_matter.asset_id.as_deref()?;
    if ours == theirs {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::AssetidMismatch,
            Some(locale),
            &asset_id_at(translation),
            format!(
                "asset ID `{ours}` differs from `{theirs}` of the reference `{}`",
                reference.site_path
            ),
        )
        .with_related(Related::new(
            &asset_id_at(reference),
            format!("the reference ({}) asset ID", reference.locale),
        )),
    )
}

/// The explicit anchors written in the page's own file, in document order.
fn own_explicit_anchors(page: &Page) -> Vec<(&str, &Location)> {
    page.anchors
        .iter()
        .filter(|a| a.kind == AnchorKind::Explicit && !a.from_include)
        .map(|a| (a.id.as_str(), &a.at))
        .collect()
}

fn anchor_mismatch(locale: &str, translation: &Page, reference: &Page) -> Option<Diagnostic> {
    let ours = own_explicit_anchors(translation);
    let theirs = own_explicit_anchors(reference);
    let our_set: BTreeSet<&str> = ours.iter().map(|(id, _)| *id).collect();
    let their_set: BTreeSet<&str> = theirs.iter().map(|(id, _)| *id).collect();
    if our_set == their_set {
        return None;
    }
    let lacks = |set: &BTreeSet<&str>, other: &BTreeSet<&str>| -> String {
        let names: Vec<String> = other.difference(set).map(|id| format!("`{id}`")).collect();
        names.join(", ")
    };
    let mut parts = Vec::new();
    let we_lack = lacks(&our_set, &their_set);
    if !we_lack.is_empty() {
        parts.push(format!("this translation lacks {we_lack}"));
    }
    let they_lack = lacks(&their_set, &our_set);
    if !they_lack.is_empty() {
        parts.push(format!("the reference lacks {they_lack}"));
    }
    // The first place, in document order, where the two lists part.
    let first = ours
        .iter()
        .zip(&theirs)
        .position(|((a, _), (b, _))| a != b)
        .unwrap_or(ours.len().min(theirs.len()));
    let file_start = Location::file_start(translation.site_path.clone());
    let at = ours
        .get(first)
        .or(ours.last())
        .map_or(file_start, |(_, at)| (*at).clone());
    let reference_at = theirs.get(first).or(theirs.last()).map_or_else(
        || Location::file_start(reference.site_path.clone()),
        |(_, at)| (*at).clone(),
    );
    Some(
        Diagnostic::new(
            Code::AnchorMismatch,
            Some(locale),
            &at,
            format!(
                "explicit anchors differ from the reference `{}`: {}",
                reference.site_path,
                parts.join("; ")
            ),
        )
        .with_related(Related::new(
            &reference_at,
            format!("the reference ({}) anchors", reference.locale),
        )),
    )
}

/// The ids of the source page that a link or the language switcher can land on (its
/// headings' ids and its explicit anchors, written in its own file) must be ids of the
/// translation too (from anywhere on it). The explicit anchors only the translation has
/// are named as well.
fn source_anchor_mismatch(
    locale: &str,
    translation: &Page,
    source: &Page,
    added_since: Option<&[&str]>,
) -> Option<Diagnostic> {
    let ours: BTreeSet<&str> = translation.anchors.iter().map(|a| a.id.as_str()).collect();
    let theirs: BTreeSet<&str> = source.anchors.iter().map(|a| a.id.as_str()).collect();
    let landing = source.anchors.iter().filter(|a| {
        matches!(a.kind, AnchorKind::Heading | AnchorKind::Explicit)
            && !a.from_include
            && added_since.is_none_or(|ids| ids.binary_search(&a.id.as_str()).is_err())
    });
    let mut lacking: Vec<&crate::page::Anchor> = Vec::new();
    let mut named = HashSet::new();
    for anchor in landing {
        if !ours.contains(anchor.id.as_str()) && named.insert(anchor.id.as_str()) {
            lacking.push(anchor);
        }
    }
    let first = lacking.first()?;
    let names: Vec<String> = lacking.iter().map(|a| format!("`{}`", a.id)).collect();
    let mut message = format!(
        "the translation lacks ids that readers of the source `{}` land on: {}",
        source.site_path,
        names.join(", ")
    );
    let extra: Vec<String> = own_explicit_anchors(translation)
        .into_iter()
        .filter(|(id, _)| !theirs.contains(id))
        .map(|(id, _)| format!("`{id}`"))
        .collect();
    if !extra.is_empty() {
        message.push_str(&format!(
            "; explicit anchors only the translation has: {}",
            extra.join(", ")
        ));
    }
    // The translation's heading in the place of the source's first lacking one, when the
    // two have as many headings; else the top of the file.
    let source_headings: Vec<&crate::page::Anchor> = source
        .anchors
        .iter()
        .filter(|a| a.kind == AnchorKind::Heading || a.kind == AnchorKind::Explicit)
        .collect();
    let our_headings: Vec<&crate::page::Anchor> = translation
        .anchors
        .iter()
        .filter(|a| a.kind == AnchorKind::Heading || a.kind == AnchorKind::Explicit)
        .collect();
    let at = source_headings
        .iter()
        .position(|a| a.id == first.id)
        .filter(|_| source_headings.len() == our_headings.len())
        .and_then(|i| our_headings.get(i))
        .map_or_else(
            || Location::file_start(translation.site_path.clone()),
            |a| a.at.clone(),
        );
    let mut d = Diagnostic::new(Code::AnchorMismatch, Some(locale), &at, message);
    for a in lacking {
        d.related.push(Related::new(
            &a.at,
            format!("`{}` in the source ({})", a.id, source.locale),
        ));
    }
    Some(d)
}

/// Maps a page of any locale to its article, so that linked pages compare across a move.
pub(super) struct ArticleIndex {
    /// Per locale: source path → article index.
    by_path: Vec<HashMap<String, usize>>,
    /// Lower-cased path in any locale → article index (the first locale's wins): a link
    /// that is broken in one locale still names the article it means, so the broken link is
    /// reported as such and not again as a structure difference.
    by_any_path: HashMap<String, usize>,
}

impl ArticleIndex {
    fn new(locales: &Locales<'_>) -> Self {
        let mut by_path: Vec<HashMap<String, usize>> = vec![HashMap::new(); locales.locales.len()];
        let mut by_any_path = HashMap::new();
        for (a, article) in locales.pairing.articles.iter().enumerate() {
            for (l, i) in article.present() {
                let path = locales.page(l, i).path.as_str();
                by_path[l].insert(path.to_owned(), a);
                by_any_path.entry(path.to_lowercase()).or_insert(a);
            }
        }
        ArticleIndex {
            by_path,
            by_any_path,
        }
    }

    /// The article a link resolved in `locale` means.
    fn article(&self, locale: usize, target: &LinkTarget) -> Option<usize> {
        match target {
            LinkTarget::Page(p) => self.by_path.get(locale)?.get(p.as_str()).copied(),
            LinkTarget::Missing(p) => self.by_any_path.get(&p.to_lowercase()).copied(),
            _ => None,
        }
    }
}

/// What a page's own file includes, shows and links, comparable across locales.
struct Structure<'p> {
    /// Item → how it is shown to the writer (locale-relative path).
    items: BTreeMap<Item, &'p str>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    /// An include target, lower-cased.
    Include(String),
    /// An image or other embedded resource, lower-cased.
    Image(String),
    /// A linked page: its article (a page moved in one locale is still the same page).
    Page(usize),
    /// A linked page that pairs with nothing known, lower-cased.
    PagePath(String),
}

impl<'p> Structure<'p> {
    fn of(page: &'p Page, index: &ArticleIndex) -> Structure<'p> {
        let mut items = BTreeMap::new();
        for inc in page.includes.iter().filter(|i| i.direct) {
            items
                .entry(Item::Include(inc.target.to_lowercase()))
                .or_insert(inc.target.as_str());
        }
        for link in page.links.iter().filter(|l| l.via.is_empty()) {
            match (&link.kind, &link.target) {
                (LinkKind::Resource, LinkTarget::File(p) | LinkTarget::Missing(p)) => {
                    items
                        .entry(Item::Image(p.to_lowercase()))
                        .or_insert(p.as_str());
                }
                (LinkKind::Link, target @ (LinkTarget::Page(p) | LinkTarget::Missing(p))) => {
                    // A page of the source locale (the translation lacks it) is looked up
                    // there.
                    let item = match index.article(link.locale, target) {
                        Some(a) => Item::Page(a),
                        None if matches!(target, LinkTarget::Page(_)) => {
                            Item::PagePath(p.to_lowercase())
                        }
                        // a broken link to no page of any locale: reported as broken-link
                        None => continue,
                    };
                    items.entry(item).or_insert(p.as_str());
                }
                _ => {}
            }
        }
        Structure { items }
    }
}

fn structure_mismatch(
    locale: &str,
    translation: &Page,
    reference: &Page,
    ours: &Structure<'_>,
    theirs: &Structure<'_>,
) -> Option<Diagnostic> {
    let describe = |from: &Structure<'_>, other: &Structure<'_>| -> Vec<String> {
        let mut groups: [Vec<String>; 3] = Default::default();
        for (item, shown) in &from.items {
            if other.items.contains_key(item) {
                continue;
            }
            let g = match item {
                Item::Include(_) => 0,
                Item::Image(_) => 1,
                Item::Page(_) | Item::PagePath(_) => 2,
            };
            groups[g].push(format!("`{shown}`"));
        }
        let verbs = ["includes", "shows", "links"];
        groups
            .iter()
            .zip(verbs)
            .filter(|(g, _)| !g.is_empty())
            .map(|(g, verb)| format!("{verb} {}", g.join(", ")))
            .collect()
    };
    let only_theirs = describe(theirs, ours);
    let only_ours = describe(ours, theirs);
    if only_theirs.is_empty() && only_ours.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !only_theirs.is_empty() {
        parts.push(format!("only the reference {}", only_theirs.join(" and ")));
    }
    if !only_ours.is_empty() {
        parts.push(format!("only this translation {}", only_ours.join(" and ")));
    }
    Some(
        Diagnostic::new(
            Code::StructureMismatch,
            Some(locale),
            &Location::file_start(translation.site_path.clone()),
            format!(
                "structure differs from the reference `{}`: {}",
                reference.site_path,
                parts.join("; ")
            ),
        )
        .with_related(Related::new(
            &Location::file_start(reference.site_path.clone()),
            format!("the reference ({})", reference.locale),
        )),
    )
}
