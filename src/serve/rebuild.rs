//! The builder thread: a burst of changes becomes one rebuild (incremental when it can be,
//! see [`Session`]); after each rebuild the findings are printed and a new [`Generation`]
//! is published for the HTTP handlers and the open tabs. The search index is refreshed in
//! a thread of its own once the sources have been quiet for a moment, so that it never
//! holds back a reload.

use super::Shared;
use super::generation::{self, Generation, Update};
use super::session::{self, Outcome, Session};
use super::watch::Event;
use crate::diagnostic::format;
use crate::error::Error;
use crate::output::Fingerprints;
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How long the watcher must stay quiet after a single change before the rebuild starts.
const QUIET: Duration = Duration::from_millis(1);
/// The same after a batch of several changes: a burst (a branch switch, a copy) may go on.
const QUIET_BURST: Duration = Duration::from_millis(300);
/// How long a burst waits at most for a git command that holds its index lock.
const GIT_WAIT: Duration = Duration::from_secs(10);
/// How long the sources must stay quiet before the search index is built again.
const QUIET_SEARCH: Duration = Duration::from_secs(2);

/// Builds the site into the output folder, again and again.
pub(crate) struct Builder {
    /// The site folder, absolute.
    site: PathBuf,
    /// The output folder.
    out: PathBuf,
    session: Session,
    color: bool,
    /// The last published state.
    current: Arc<Generation>,
    /// The search index's files, as its last build left them.
    search_files: Fingerprints,
    /// When the search index is to be built again (the sources changed since its last
    /// build started).
    search_due: Option<Instant>,
    /// Whether an index is being built.
    indexing: bool,
}

/// Stops a running [`Builder`] once the build it is in (if any) is finished.
pub(crate) struct Stopper(Sender<Event>);

impl Stopper {
    /// Asks the builder to stop.
    pub(crate) fn stop(&self) {
        let _ = self.0.send(Event::Stop);
    }
}

impl Builder {
    /// A builder of `site` (absolute) into `out`; `offline`: xref maps from the cache only.
    pub(crate) fn new(site: PathBuf, out: PathBuf, search: bool, offline: bool) -> Builder {
        Builder {
            session: Session::new(site.clone(), out.clone(), search, offline),
            site,
            out,
            color: std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
                && std::env::var_os("CI").is_none(),
            current: Arc::new(Generation::default()),
            search_files: Fingerprints::new(),
            search_due: None,
            indexing: false,
        }
    }

    /// The first build: without it there is nothing to serve, so its failure is the
    /// command's (exit 2).
    pub(crate) fn first_build(&mut self) -> Result<Generation, Error> {
        let started = Instant::now();
        let outcome = self.session.rebuild(None)?;
        let generation = self.next_generation(&outcome, &HashMap::new());
        self.print(&outcome, started, None);
        if self.session.search_on() {
            self.search_due = Some(Instant::now());
        }
        self.current = Arc::new(generation.clone());
        Ok(generation)
    }

    /// The locale folders that are not under the site's content/ folder.
    pub(crate) fn locale_dirs_elsewhere(&self) -> Vec<PathBuf> {
        self.session.locale_dirs_elsewhere()
    }

    /// A handle that stops [`Builder::run`], given the sender of its events.
    pub(crate) fn stopper(sender: Sender<Event>) -> Stopper {
        Stopper(sender)
    }

    /// Rebuilds after each burst of changes until told to stop or the watcher goes away;
    /// `sender` is for the search thread's report.
    pub(crate) fn run(mut self, events: Receiver<Event>, sender: Sender<Event>, shared: &Shared) {
        let mut index_thread: Option<std::thread::JoinHandle<()>> = None;
        loop {
            let wait = match (self.search_due, self.indexing) {
                (Some(due), false) => due.saturating_duration_since(Instant::now()),
                _ => Duration::from_secs(3600),
            };
            let event = match events.recv_timeout(wait) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => {
                    if self.search_due.is_none() || self.indexing {
                        continue;
                    }
                    if let Some(thread) = index_thread.take() {
                        let _ = thread.join();
                    }
                    index_thread = Some(self.start_index(sender.clone()));
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let mut changed = HashSet::new();
            match event {
                Event::Stop => break,
                Event::Indexed(result) => {
                    self.indexed(result, shared);
                    continue;
                }
                Event::Changed(paths) => changed.extend(paths),
            }
            // Gather the rest of the burst: one rebuild for a branch switch.
            let mut quiet = if changed.len() > 1 {
                QUIET_BURST
            } else {
                QUIET
            };
            let mut stop = false;
            let burst = Instant::now();
            loop {
                match events.recv_timeout(quiet) {
                    Ok(Event::Changed(paths)) => {
                        changed.extend(paths);
                        quiet = QUIET_BURST;
                    }
                    Ok(Event::Indexed(result)) => self.indexed(result, shared),
                    Ok(Event::Stop) | Err(RecvTimeoutError::Disconnected) => {
                        stop = true;
                        break;
                    }
                    // A git command (a checkout) still writing: wait for it (not for ever:
                    // a lock file can be left behind).
                    Err(RecvTimeoutError::Timeout)
                        if burst.elapsed() < GIT_WAIT && self.git_busy() => {}
                    Err(RecvTimeoutError::Timeout) => break,
                }
            }
            if stop {
                break;
            }
            self.rebuild(&changed, shared);
        }
        // The index being built writes into the output's folder: let it finish.
        if let Some(thread) = index_thread {
            let _ = thread.join();
        }
    }

    /// Whether git is changing the site's files: its index is locked in the repository
    /// that holds the site or a locale folder (found up the folder tree).
    fn git_busy(&self) -> bool {
        std::iter::once(self.site.clone())
            .chain(self.session.locale_dirs())
            .any(|dir| {
                dir.ancestors()
                    .find(|d| d.join(".git").exists())
                    .is_some_and(|repo| repo.join(".git/index.lock").exists())
            })
    }

    /// Starts building the search index from the pages now in the output.
    fn start_index(&mut self, sender: Sender<Event>) -> std::thread::JoinHandle<()> {
        self.search_due = None;
        self.indexing = true;
        let (out, site) = (self.out.clone(), self.site.clone());
        let locales = self.session.index_input();
        std::thread::spawn(move || {
            let started = Instant::now();
            let result = crate::search::reindex(&out, &site, &locales).map(|summary| {
                let files = index_files(&out);
                (files, summary.to_string(), started.elapsed())
            });
            let _ = sender.send(Event::Indexed(result));
        })
    }

    /// The search index was built (or failed): the tabs learn which of its files changed.
    fn indexed(
        &mut self,
        result: Result<(Fingerprints, String, Duration), Error>,
        shared: &Shared,
    ) {
        self.indexing = false;
        let message = match result {
            Ok((files, summary, took)) => {
                self.search_files = files;
                format!("{summary} (rebuilt in {:.2}s)", took.as_secs_f64())
            }
            Err(e) => format!("search index not rebuilt: {e}"),
        };
        let _ = writeln!(std::io::stderr(), "{message}");
        let previous = self.current.clone();
        let mut generation = Generation::clone(&previous);
        generation.number += 1;
        generation.files = self.session.files().clone();
        generation
            .files
            .extend(self.search_files.iter().map(|(k, v)| (k.clone(), *v)));
        // Only the index's files changed.
        let candidates: Vec<Arc<str>> = previous
            .files
            .keys()
            .chain(generation.files.keys())
            .filter(|f| f.starts_with(session::SEARCH_DIR))
            .cloned()
            .collect();
        let assets = changed_assets(&previous, &generation, candidates.iter().map(|f| &**f));
        self.publish(generation, assets, shared);
    }

    /// One rebuild after `changed` (absolute paths) changed.
    fn rebuild(&mut self, changed: &HashSet<PathBuf>, shared: &Shared) {
        let started = Instant::now();
        let previous = self.current.clone();
        let last_good = capture_last_good(&previous, &self.session.pages_of(changed), &self.out);
        match self.session.rebuild(Some(changed)) {
            Ok(outcome) => {
                let generation = self.next_generation(&outcome, &last_good);
                let candidates = outcome.touched.iter().map(|f| &**f);
                let assets = changed_assets(&previous, &generation, candidates);
                // The tabs first, then the terminal.
                self.publish(generation, assets, shared);
                let current = self.current.clone();
                let touched = &outcome.touched;
                self.print(&outcome, started, Some((&previous, &current, touched)));
                if outcome.search && self.session.search_on() {
                    self.search_due = Some(Instant::now() + QUIET_SEARCH);
                }
            }
            Err(e) => {
                let message = match &e {
                    Error::Config { .. } => format!("error[config]: {e}"),
                    _ => format!("error: {e}"),
                };
                let _ = writeln!(
                    std::io::stderr(),
                    "{message}\nthe build failed: still serving the last good output"
                );
                let mut generation = Generation::clone(&previous);
                generation.number += 1;
                generation.failure = Some(message);
                generation.files = self.session.files().clone();
                generation
                    .files
                    .extend(self.search_files.iter().map(|(k, v)| (k.clone(), *v)));
                let candidates: Vec<Arc<str>> = generation.files.keys().cloned().collect();
                let assets =
                    changed_assets(&previous, &generation, candidates.iter().map(|f| &**f));
                self.publish(generation, assets, shared);
            }
        }
    }

    /// Makes `generation` the current one and tells the open tabs (`assets`: the files
    /// other than pages that changed).
    fn publish(&mut self, generation: Generation, assets: Vec<String>, shared: &Shared) {
        let generation = Arc::new(generation);
        self.current = generation.clone();
        *shared.current.write().unwrap_or_else(|e| e.into_inner()) = generation.clone();
        let _ = shared.updates.send(Arc::new(Update { generation, assets }));
    }

    /// The state after a successful rebuild: the overlays and broken pages made again for
    /// the pages analysed again and those that show a file whose findings changed (all of
    /// them after a full rebuild).
    fn next_generation(
        &self,
        outcome: &Outcome,
        last_good: &HashMap<String, Arc<[u8]>>,
    ) -> Generation {
        let previous = &self.current;
        let mut files = self.session.files().clone();
        files.extend(self.search_files.iter().map(|(k, v)| (k.clone(), *v)));
        let pages = self.session.page_files();
        let (mut findings, mut broken) = (previous.findings.clone(), previous.broken.clone());
        let affected: Vec<Arc<str>> = match &outcome.analysed {
            None => {
                findings.clear();
                broken.clear();
                pages.keys().cloned().collect()
            }
            Some(analysed) => {
                let changed: HashSet<&str> = outcome.findings.files.iter().map(|f| &**f).collect();
                let mut affected: HashSet<Arc<str>> = analysed.iter().cloned().collect();
                if !changed.is_empty() {
                    affected.extend(
                        pages
                            .iter()
                            .filter(|(_, (source, includes))| {
                                changed.contains(&**source)
                                    || includes.iter().any(|i| changed.contains(&**i))
                            })
                            .map(|(output, _)| output.clone()),
                    );
                }
                affected.into_iter().collect()
            }
        };
        for output in affected {
            let Some(entry) = pages.get(&output) else {
                findings.remove(&output);
                broken.remove(&output);
                continue;
            };
            let shown = generation::page_findings(entry, |f| self.session.findings_of(f));
            let breaks = self
                .session
                .findings_of(&entry.0)
                .iter()
                .any(|d| generation::breaks_page(d.code));
            match breaks {
                true => broken.insert(output.clone()),
                false => broken.remove(&output),
            };
            match shown.is_empty() {
                true => findings.remove(&output),
                false => findings.insert(output, Arc::from(shown)),
            };
        }
        let mut held = HashMap::new();
        for output in &broken {
            if let Some(kept) = previous.held.get(&**output) {
                held.insert(output.to_string(), kept.clone());
            } else if let Some(bytes) = last_good.get(&**output) {
                held.insert(
                    output.to_string(),
                    (bytes.clone(), generation::fingerprint(bytes)),
                );
            }
        }
        Generation {
            number: previous.number + 1,
            files,
            held,
            findings,
            broken,
            failure: None,
        }
    }

    /// The findings (human format, as `build` prints them) and a summary line: after the
    /// first build every finding, after a rebuild those that appeared, with a count of
    /// those that went away.
    fn print(
        &self,
        outcome: &Outcome,
        started: Instant,
        change: Option<(&Generation, &Generation, &[Arc<str>])>,
    ) {
        let mut text = format::human(&outcome.findings.appeared, self.color);
        let counts = outcome.counts;
        let pages: Vec<String> = outcome
            .pages
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        let verb = if change.is_none() { "built" } else { "rebuilt" };
        let (appeared, gone) = (outcome.findings.appeared.len(), outcome.findings.gone);
        let news = match (change, appeared, gone) {
            (None, ..) | (_, 0, 0) => String::new(),
            _ => format!(" ({appeared} new, {gone} gone)"),
        };
        text.push_str(&format!(
            "{verb} {} pages ({}): {} errors, {} warnings{news} in {} ms",
            outcome.pages.values().sum::<usize>(),
            pages.join(", "),
            counts.errors,
            counts.warnings,
            started.elapsed().as_millis()
        ));
        if let Some((before, after, touched)) = change {
            let changed = changed_pages(before, after, touched);
            text.push_str(&format!(
                "; {} rendered, {changed} page{} changed",
                if outcome.incremental {
                    format!("incremental: {}", outcome.rendered)
                } else {
                    format!("full: {}", outcome.rendered)
                },
                if changed == 1 { "" } else { "s" }
            ));
            if !after.held.is_empty() {
                text.push_str(&format!(
                    "; {} page{} with a broken source kept at the last good version",
                    after.held.len(),
                    if after.held.len() == 1 { "" } else { "s" }
                ));
            }
        }
        text.push('\n');
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

/// The bytes now served for the pages at `outputs` (whose sources changed), unless already
/// held or broken: if the rebuild breaks them, these stay on show.
fn capture_last_good(
    previous: &Generation,
    outputs: &[String],
    out: &Path,
) -> HashMap<String, Arc<[u8]>> {
    outputs
        .iter()
        .filter(|output| {
            !previous.held.contains_key(*output) && !previous.broken.contains(output.as_str())
        })
        .filter_map(|output| {
            let bytes = std::fs::read(out.join(output)).ok()?;
            Some((output.clone(), Arc::from(bytes)))
        })
        .collect()
}

/// The files of the search index and their fingerprints.
fn index_files(out: &Path) -> Fingerprints {
    let root = out.join(session::SEARCH_DIR);
    let mut files = Fingerprints::new();
    for entry in walkdir::WalkDir::new(&root).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(out) else {
            continue;
        };
        if let Ok(bytes) = std::fs::read(entry.path()) {
            files.insert(
                rel.to_string_lossy().replace('\\', "/").into(),
                generation::fingerprint(&bytes),
            );
        }
    }
    files
}

/// Files other than HTML, among `candidates`, whose bytes changed, appeared or went away.
fn changed_assets<'c>(
    before: &Generation,
    after: &Generation,
    candidates: impl Iterator<Item = &'c str>,
) -> Vec<String> {
    let mut assets: Vec<String> = candidates
        .filter(|path| {
            !path.ends_with(".html") && before.files.get(*path) != after.files.get(*path)
        })
        .map(str::to_owned)
        .collect();
    assets.sort();
    assets.dedup();
    assets
}

/// How many HTML pages show other bytes than before: among the files the rebuild changed
/// (`touched`) and the pages held before or after it.
fn changed_pages(before: &Generation, after: &Generation, touched: &[Arc<str>]) -> usize {
    let shown = |g: &Generation, p: &str| {
        g.held
            .get(p)
            .map(|(_, hash)| *hash)
            .or_else(|| g.files.get(p).copied())
    };
    let paths: HashSet<&str> = touched
        .iter()
        .map(|p| &**p)
        .chain(before.held.keys().map(String::as_str))
        .chain(after.held.keys().map(String::as_str))
        .filter(|p| p.ends_with(".html"))
        .collect();
    paths
        .into_iter()
        .filter(|p| shown(before, p) != shown(after, p))
        .count()
}
