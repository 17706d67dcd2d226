//! The site as the server keeps it between rebuilds: the loaded sources, the analysed pages
//! with their findings, the TOCs, the pairing and each page's render key, and the work of
//! a rebuild: everything again ([`Session::full`]), or only what the changes touch
//! ([`Session::incremental`]), as `invalidation.rs` decides it.
//!
//! The invariant: after any sequence of changes the output folder holds exactly what a
//! fresh `rosetta build` of the same sources writes (`tests/it/serve.rs` checks it on random
//! edit sequences).

use super::generation::{PageFiles, SourceFiles};
use super::invalidation::{self, Effects, NeedsFull, Plan};
use super::ledger::{self, Ledger};
use crate::analyse::{self, AnalysedLocale, analyse_pages, analyse_site, load_tocs, pair_pages};
use crate::check;
use crate::diagnostic::{Counts, Diagnostic};
use crate::error::Error;
use crate::output::{self, Fingerprints, Output};
use crate::page::Page;
use crate::policy::SitePolicy;
use crate::progress::Progress;
use crate::render;
use crate::site::Site;
use crate::site::pairing::Pairing;
use crate::site::paths::{FileKind, page_output};
use crate::site::shard::Shard;
use crate::source::{SourceFile, Sources};
use crate::theme::Theme;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The site between rebuilds, and the output folder it writes in place.
pub(crate) struct Session {
    /// The site folder, absolute.
    root: PathBuf,
    /// The output folder.
    out: PathBuf,
    /// Whether search is wanted (`--no-search` says no).
    search: bool,
    /// Whether downloaded xref maps come from the cache only (`--offline`).
    offline: bool,
    /// The state after the last rebuild that succeeded.
    state: Option<State>,
    /// What the output folder holds (besides the search index), as last written.
    files: Fingerprints,
    /// The findings, as last reported.
    ledger: Ledger,
}

/// Everything a rebuild may reuse.
struct State {
    site: Site,
    /// Every locale (serve builds the whole site).
    shard: Shard,
    theme: Theme,
    sources: Sources,
    /// Each locale's pages, TOCs, strings, what its pass reads and its findings.
    locales: Vec<AnalysedLocale>,
    pairing: Pairing,
    /// Findings of discovery, redirections and UI strings.
    site_findings: Vec<Diagnostic>,
    /// Findings of the load stage, by the file they are on.
    load_findings: HashMap<Arc<str>, Vec<Diagnostic>>,
    /// The translation status's findings (stale translations).
    stale: Vec<Diagnostic>,
    /// Per locale and page: the fingerprint of the analysed page.
    page_prints: Vec<Vec<u64>>,
    /// The other sites' xref maps (each locale's uid index is made with them).
    xref_maps: crate::analyse::xrefmaps::XrefMaps,
    /// Per locale: how many cross references its pages leave unresolved while one of its
    /// xref maps is missing (the `xref-map` warning counts them).
    unresolved: Vec<usize>,
    /// The findings of the xref maps (those that cannot be had, with the count above).
    xref_findings: Vec<Diagnostic>,
    /// The site's versions and each page's file-level versions.
    versions: crate::analyse::versions::SiteVersions,
    /// The render keys of what is now in the output.
    keys: render::Keys,
    /// The findings of the checks, by what each depends on.
    checks: check::Memo,
    /// Each page's source and include files, by output path.
    page_files: Arc<PageFiles>,
}

/// What a rebuild did.
pub(crate) struct Outcome {
    /// What the rebuild changed of the findings (all of them appear after the first build).
    pub(crate) findings: ledger::Change,
    /// The reported findings' counts by severity.
    pub(crate) counts: Counts,
    /// The output paths of the pages analysed again (all pages after a full rebuild: `None`).
    pub(crate) analysed: Option<Vec<Arc<str>>>,
    /// The output files whose bytes changed (written anew or removed).
    pub(crate) touched: Vec<Arc<str>>,
    /// Pages per locale.
    pub(crate) pages: BTreeMap<String, usize>,
    /// Whether only what the changes touch was redone.
    pub(crate) incremental: bool,
    /// How many pages were rendered (the others were kept).
    pub(crate) rendered: usize,
    /// Whether the output's pages now need a new search index.
    pub(crate) search: bool,
}

/// What an incremental rebuild hands on from the run before it.
struct Previous<'a> {
    /// The render keys of what is in the output.
    keys: &'a render::Keys,
    /// The files that changed since.
    changed: &'a HashSet<PathBuf>,
    /// What analysing pages again changed.
    effects: &'a Effects,
    /// The locales whose TOCs were parsed again.
    tocs: Vec<usize>,
}

impl Session {
    /// A session for the site at `root` (absolute), written into `out`.
    pub(crate) fn new(root: PathBuf, out: PathBuf, search: bool, offline: bool) -> Session {
        Session {
            root,
            out,
            search,
            offline,
            state: None,
            files: Fingerprints::new(),
            ledger: Ledger::default(),
        }
    }

    /// The reported findings of a file (site-relative, as findings name it).
    pub(crate) fn findings_of(&self, file: &str) -> &[Diagnostic] {
        self.ledger.of_file(file)
    }

    /// Every reported finding, sorted.
    #[cfg(test)]
    pub(crate) fn findings(&self) -> Vec<Diagnostic> {
        self.ledger.all().cloned().collect()
    }

    /// The output paths of the pages whose source is one of `files` (absolute paths).
    pub(crate) fn pages_of(&self, files: &HashSet<PathBuf>) -> Vec<String> {
        let Some(state) = &self.state else {
            return Vec::new();
        };
        files
            .iter()
            .filter_map(|file| {
                state.site.locales.iter().find_map(|locale| {
                    let rel = file.strip_prefix(&locale.dir).ok()?;
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    (locale.files.kind(&rel) == Some(FileKind::Page))
                        .then(|| format!("{}/{}", locale.name, page_output(&rel)))
                })
            })
            .collect()
    }

    /// Every locale's folder.
    pub(crate) fn locale_dirs(&self) -> Vec<PathBuf> {
        self.state
            .iter()
            .flat_map(|s| &s.site.locales)
            .map(|l| l.dir.clone())
            .collect()
    }

    /// The locale folders that are not under content/ (as `locales:` may name them).
    pub(crate) fn locale_dirs_elsewhere(&self) -> Vec<PathBuf> {
        let content = self.root.join("content");
        self.state
            .iter()
            .flat_map(|s| &s.site.locales)
            .map(|l| l.dir.clone())
            .filter(|dir| !dir.starts_with(&content))
            .collect()
    }

    /// What the output folder holds (besides the search index).
    pub(crate) fn files(&self) -> &Fingerprints {
        &self.files
    }

    /// Whether the site has search on (requested and configured), as of the last rebuild.
    pub(crate) fn search_on(&self) -> bool {
        self.search && self.state.as_ref().is_some_and(|s| s.site.config.search)
    }

    /// Each locale's name and the output paths of its pages, in page order: what the search
    /// index is built from.
    pub(crate) fn index_input(&self) -> Vec<(String, Vec<String>)> {
        let Some(state) = &self.state else {
            return Vec::new();
        };
        state
            .site
            .locales
            .iter()
            .zip(&state.locales)
            .map(|(locale, analysed)| {
                (
                    locale.name.clone(),
                    analysed.pages.iter().map(|p| p.output.clone()).collect(),
                )
            })
            .collect()
    }

    /// Each page's source (site-relative, as findings name files) and the include files it
    /// uses, by output path.
    pub(crate) fn page_files(&self) -> Arc<PageFiles> {
        self.state
            .as_ref()
            .map(|s| s.page_files.clone())
            .unwrap_or_default()
    }

    /// Rebuilds after `changed` (absolute paths; `None`: everything may have changed).
    /// On an `Err` nothing is written and the previous state stays.
    pub(crate) fn rebuild(&mut self, changed: Option<&HashSet<PathBuf>>) -> Result<Outcome, Error> {
        let plan = match (changed, &self.state) {
            (Some(changed), Some(state)) => invalidation::plan(&state.site.locales, changed),
            _ => Plan::Full,
        };
        if let Plan::Sources(files) = plan
            && let Some(changed) = changed
            && let Some(outcome) = self.incremental(&files, changed)?
        {
            return Ok(outcome);
        }
        self.full()
    }

    /// Rebuilds everything.
    fn full(&mut self) -> Result<Outcome, Error> {
        let mut site_findings = Vec::new();
        let site = Site::discover(&self.root, &mut site_findings)?;
        let theme = Theme::load(&site.root, &site.config.theme)?;
        let shard = Shard::whole(&site);
        let analysed = analyse_site(
            site,
            site_findings,
            &shard,
            true,
            self.offline,
            &Progress::new(false),
        );
        let mut load_findings: HashMap<Arc<str>, Vec<Diagnostic>> = HashMap::new();
        for d in analysed.load_findings {
            load_findings.entry(d.file.clone()).or_default().push(d);
        }
        let unresolved = analyse::unresolved_xrefs(&analysed.locales);
        let page_prints = analysed
            .locales
            .iter()
            .map(|locale| locale.pages.iter().map(page_print).collect())
            .collect();
        let mut state = State {
            shard,
            site: analysed.site,
            theme,
            sources: analysed.sources,
            locales: analysed.locales,
            pairing: analysed.pairing,
            site_findings: analysed.findings,
            load_findings,
            stale: Vec::new(),
            page_prints,
            unresolved,
            xref_findings: Vec::new(),
            xref_maps: analysed.xref_maps,
            versions: analysed.versions,
            keys: render::Keys::default(),
            checks: check::Memo::default(),
            page_files: Arc::default(),
        };
        state.page_files = Arc::new(page_files(&state.site, &state.sources, &state.locales));
        // Every finding anew: the report says what differs from the last one.
        self.ledger.clear();
        self.ledger.add(state.site_findings.iter().cloned());
        self.ledger
            .add(state.load_findings.values().flatten().cloned());
        for locale in &state.locales {
            self.ledger.add(locale.toc_findings.iter().cloned());
            self.ledger
                .add(locale.page_findings.iter().flatten().cloned());
        }
        let (findings, rendered, touched) = self.finish(&mut state, None)?;
        let outcome = Outcome {
            counts: self.ledger.counts(),
            findings,
            analysed: None,
            touched,
            pages: state.site.page_counts(),
            incremental: false,
            rendered,
            search: true,
        };
        self.state = Some(state);
        Ok(outcome)
    }

    /// Reads `files` again and redoes what they touch (see [`invalidation`]); `None` when a
    /// change turns out to need a full rebuild after all (a file that cannot be read, a
    /// redirection that moved, a uid index that changed).
    fn incremental(
        &mut self,
        files: &[(usize, String)],
        changed: &HashSet<PathBuf>,
    ) -> Result<Option<Outcome>, Error> {
        let Some(state) = &self.state else {
            return Ok(None);
        };
        // Read the changed sources again; the state is not touched until all are read.
        let mut reread = Vec::with_capacity(files.len());
        // Whether a changed file names a uid: only then can a locale's uid index change.
        let mut uid_touched = false;
        // How many sources name each moniker after the changes, when that changed (a site
        // that infers its monikers; see `SiteVersions::edit`).
        let mut moniker_uses = None;
        for (l, path) in files {
            let locale = &state.site.locales[*l];
            let Some(id) = state.sources.id(*l, path) else {
                return Ok(None);
            };
            let mut found = Vec::new();
            let Some(source) = SourceFile::read(
                &locale.dir.join(path),
                locale.site_path(path),
                path.clone(),
                (*l, &locale.name),
                &mut found,
            ) else {
                return Ok(None);
            };
            match invalidation::reread(state.sources.file(id), &source) {
                Ok(uid) => uid_touched |= uid,
                Err(NeedsFull) => return Ok(None),
            }
            if !state
                .versions
                .edit(&mut moniker_uses, state.sources.file(id), &source)
            {
                return Ok(None);
            }
            reread.push((id, source, found));
        }
        let Some(mut state) = self.state.take() else {
            return Ok(None);
        };
        if let Some(uses) = moniker_uses {
            state.versions.keep_uses(uses);
        }
        let mut effects = Effects::default();
        let mut toc_locales = BTreeSet::new();
        for (&(l, ref path), (id, source, found)) in files.iter().zip(reread) {
            let old = state.load_findings.insert(source.site_path.clone(), found);
            let new = &state.load_findings[&source.site_path];
            self.ledger.replace(old.as_deref().unwrap_or_default(), new);
            state.sources.replace(id, source);
            if state.site.locales[l].files.kind(path) == Some(FileKind::Toc) {
                toc_locales.insert(l);
            }
        }
        // From here on a change that needs a full rebuild leaves no state behind: the full
        // rebuild makes it anew.
        for l in (0..state.site.locales.len()).filter(|_| uid_touched) {
            let xrefs = analyse::xref_index(
                l,
                &state.site.locales[l],
                &state.sources,
                &state.xref_maps.of_locale(l),
                &mut Vec::new(),
            );
            if invalidation::uid_index(&state.locales[l].dialect.xrefs, &xrefs).is_err() {
                return Ok(None);
            }
        }
        for &l in &toc_locales {
            let mut found = Vec::new();
            let xrefs = &state.locales[l].dialect.xrefs;
            state.locales[l].tocs = load_tocs(&state.site, l, &state.sources, xrefs, &mut found);
            self.ledger.replace(&state.locales[l].toc_findings, &found);
            state.locales[l].toc_findings = found;
            effects.tocs_changed();
        }
        // Analyse again the pages that are, or include, a changed file.
        let touched: Vec<(usize, &str)> = files.iter().map(|(l, p)| (*l, p.as_str())).collect();
        let source = state.site.source_index();
        let bar = Progress::new(false).bar("", 0);
        let mut analysed_outputs = Vec::new();
        for l in 0..state.site.locales.len() {
            let affected =
                invalidation::affected_pages(l, &state.locales[l].pages, &touched, source);
            if affected.is_empty() {
                continue;
            }
            let ids: Vec<_> = affected
                .iter()
                .filter_map(|&i| state.sources.id(l, &state.locales[l].pages[i].path))
                .collect();
            if ids.len() != affected.len() {
                return Ok(None);
            }
            let locale = &state.locales[l];
            let analysed = analyse_pages(
                &state.site,
                l,
                &state.sources,
                &locale.strings,
                &locale.dialect,
                &state.versions,
                &ids,
                true,
                &bar,
            );
            for (&i, (page, found)) in affected.iter().zip(analysed) {
                effects.page((l, i), &state.locales[l].pages[i], &page);
                let (output, files) = page_entry(&state.site, &state.sources, l, &page);
                if state.page_files.get(&output) != Some(&files) {
                    Arc::make_mut(&mut state.page_files).insert(output.clone(), files);
                }
                analysed_outputs.push(output);
                state.page_prints[l][i] = page_print(&page);
                let locale = &mut state.locales[l];
                state.unresolved[l] = state.unresolved[l] + page.unresolved_xrefs.len()
                    - locale.pages[i].unresolved_xrefs.len();
                self.ledger.replace(&locale.page_findings[i], &found);
                locale.pages[i] = page;
                locale.page_findings[i] = found;
            }
        }
        if effects.pairing {
            state.pairing = pair_pages(&state.locales);
        }
        let keys = std::mem::take(&mut state.keys);
        let previous = Previous {
            keys: &keys,
            changed,
            effects: &effects,
            tocs: toc_locales.into_iter().collect(),
        };
        let (findings, rendered, touched) = match self.finish(&mut state, Some(previous)) {
            Ok(done) => done,
            Err(e) => {
                // The next rebuild is a full one.
                self.state = None;
                return Err(e);
            }
        };
        let outcome = Outcome {
            counts: self.ledger.counts(),
            findings,
            analysed: Some(analysed_outputs),
            touched,
            pages: state.site.page_counts(),
            incremental: true,
            rendered,
            search: rendered > 0,
        };
        self.state = Some(state);
        Ok(Some(outcome))
    }

    /// Checks, renders what changed into the output, and reports: the part of a rebuild
    /// that full and incremental ones share. Returns what changed of the findings, how many
    /// pages were rendered and the output files whose bytes changed.
    fn finish(
        &mut self,
        state: &mut State,
        previous: Option<Previous<'_>>,
    ) -> Result<(ledger::Change, usize, Vec<Arc<str>>), Error> {
        let search = self.search && state.site.config.search;
        // The translation status (with a source locale) gives stale banners and switcher marks.
        let mut stale = Vec::new();
        let (status, _) = analyse::status::run(
            &state.site,
            &state.sources,
            &state.locales,
            &state.pairing,
            &state.shard,
            &mut stale,
        );
        self.ledger.replace(&state.stale, &stale);
        state.stale = stale;
        let xref_findings = state.xref_maps.findings(&state.unresolved);
        self.ledger.replace(&state.xref_findings, &xref_findings);
        state.xref_findings = xref_findings;
        let input = check::Input {
            site: &state.site,
            locales: &state.locales,
            pairing: &state.pairing,
            shard: &state.shard,
            search,
        };
        match &previous {
            Some(previous) => {
                let changes = previous.effects.checks(previous.tocs.clone());
                let replaced = state.checks.update(&input, status.as_ref(), &changes);
                self.ledger.remove(&replaced.old);
                self.ledger.add(replaced.new);
            }
            None => {
                state.checks = check::Memo::new(&input, status.as_ref());
                self.ledger.add(state.checks.findings().cloned());
            }
        }
        let changed = previous.as_ref().map(|p| p.changed.clone());
        let out = Output::in_place(&self.out, std::mem::take(&mut self.files), changed)?;
        let input = render::Input {
            site: &state.site,
            theme: &state.theme,
            locales: &state.locales,
            pairing: &state.pairing,
            shard: &state.shard,
            urls: render::Urls::new(state.site.config.base_url.as_deref()),
            search,
            status: status.as_ref(),
            versions: &state.versions,
        };
        let reuse = render::Reuse {
            pages: &state.page_prints,
            since: previous.as_ref().map(|p| render::Since {
                keys: p.keys,
                pages: &p.effects.pages,
                navigation: p.effects.navigation,
                pairing: p.effects.pairing,
                references: p.effects.references,
            }),
        };
        let keys = match render::rewrite_site(&input, &out, &reuse) {
            Ok(keys) => keys,
            Err(e) => {
                // Some files may be written: what the folder holds is read back, and the
                // next rebuild is a full one.
                drop(out);
                self.files = scan(&self.out);
                self.state = None;
                return Err(e);
            }
        };
        let rendered =
            invalidation::rendered(&keys.pages, previous.as_ref().map(|p| &p.keys.pages[..]));
        let finished = out.finish_in_place()?;
        self.files = finished.files;
        state.keys = keys;
        let findings = self
            .ledger
            .report(&SitePolicy::new(&state.site, &[]), &state.sources);
        Ok((findings, rendered, finished.touched))
    }
}

/// Every page's entry of [`PageFiles`].
fn page_files(site: &Site, sources: &Sources, locales: &[AnalysedLocale]) -> PageFiles {
    let mut files = PageFiles::new();
    for (l, locale) in locales.iter().enumerate() {
        files.extend(
            locale
                .pages
                .iter()
                .map(|page| page_entry(site, sources, l, page)),
        );
    }
    files
}

/// A page's output path (with its locale), its source and the include files it uses.
fn page_entry(site: &Site, sources: &Sources, l: usize, page: &Page) -> (Arc<str>, SourceFiles) {
    let source = site.source_index();
    let mut includes: Vec<Arc<str>> = page
        .includes
        .iter()
        .filter_map(|include| {
            [Some(l), source]
                .into_iter()
                .flatten()
                .find_map(|l| sources.get(l, &include.target))
                .map(|file| file.site_path.clone())
        })
        .collect();
    includes.sort();
    includes.dedup();
    let output = format!("{}/{}", site.locales[l].name, page.output).into();
    (output, (page.site_path.clone(), includes))
}

/// A fingerprint of an analysed page: everything about it that can show in its HTML (its
/// derived `Hash` covers every field, a field added later too).
fn page_print(page: &Page) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    page.hash(&mut hasher);
    hasher.finish()
}

/// The files of an output folder and their fingerprints, read from disk (the search index
/// left out: it has a writer of its own).
pub(crate) fn scan(out: &Path) -> Fingerprints {
    let mut files = Fingerprints::new();
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(out) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.starts_with(SEARCH_DIR) {
            continue;
        }
        if let Ok(bytes) = std::fs::read(entry.path()) {
            files.insert(rel.into(), output::fingerprint(&bytes));
        }
    }
    files
}

/// Where the search indexes are, in the output.
pub(crate) const SEARCH_DIR: &str = "_rosetta/search/";
