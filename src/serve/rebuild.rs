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
        self.publish(generation, &previous, shared);
    }

    /// One rebuild after `changed` (absolute paths) changed.
    fn rebuild(&mut self, changed: &HashSet<PathBuf>, shared: &Shared) {
        let started = Instant::now();
        let previous = self.current.clone();
        let last_good = capture_last_good(&previous, changed, &self.site, &self.out);
        match self.session.rebuild(Some(changed)) {
            Ok(outcome) => {
                let generation = self.next_generation(&outcome, &last_good);
                // The tabs first: the summary compares every file of the two generations.
                self.publish(generation, &previous, shared);
                let current = self.current.clone();
                self.print(&outcome, started, Some((&previous, &current)));
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
                self.publish(generation, &previous, shared);
            }
        }
    }

    /// Makes `generation` the current one and tells the open tabs.
    fn publish(&mut self, generation: Generation, previous: &Generation, shared: &Shared) {
        let generation = Arc::new(generation);
        let assets = changed_assets(previous, &generation);
        self.current = generation.clone();
        *shared.current.write().unwrap_or_else(|e| e.into_inner()) = generation.clone();
        let _ = shared.updates.send(Arc::new(Update { generation, assets }));
    }

    /// The state after a successful rebuild.
    fn next_generation(
        &self,
        outcome: &Outcome,
        last_good: &HashMap<String, Arc<[u8]>>,
    ) -> Generation {
        let previous = &self.current;
        let mut files = self.session.files().clone();
        files.extend(self.search_files.iter().map(|(k, v)| (k.clone(), *v)));
        let pages = self.session.page_files();
        let findings = generation::page_findings(&outcome.diagnostics, &pages);
        let broken_files: HashSet<&str> = outcome
            .diagnostics
            .iter()
            .filter(|d| generation::breaks_page(d.code))
            .map(|d| &*d.file)
            .collect();
        let broken: HashSet<String> = pages
            .iter()
            .filter(|(_, (source, _))| broken_files.contains(&**source))
            .map(|(output, _)| output.clone())
            .collect();
        let mut held = HashMap::new();
        for output in &broken {
            if let Some(kept) = previous.held.get(output) {
                held.insert(output.clone(), kept.clone());
            } else if let Some(bytes) = last_good.get(output) {
                held.insert(
                    output.clone(),
                    (bytes.clone(), generation::fingerprint(bytes)),
                );
            }
        }
        Generation {
            number: previous.number + 1,
            files,
            held,
            pages,
            findings,
            broken,
            failure: None,
        }
    }

    /// The findings (human format, as `build` prints them) and a summary line.
    fn print(
        &self,
        outcome: &Outcome,
        started: Instant,
        change: Option<(&Generation, &Generation)>,
    ) {
        let mut text = format::human(&outcome.diagnostics, self.color);
        let counts = crate::diagnostic::Counts::of(&outcome.diagnostics);
        let pages: Vec<String> = outcome
            .pages
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        let verb = if change.is_none() { "built" } else { "rebuilt" };
        text.push_str(&format!(
            "{verb} {} pages ({}): {} errors, {} warnings in {} ms",
            outcome.pages.values().sum::<usize>(),
            pages.join(", "),
            counts.errors,
            counts.warnings,
            started.elapsed().as_millis()
        ));
        if let Some((before, after)) = change {
            let changed = changed_pages(before, after);
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

/// The bytes now served for the pages whose source is among `changed`, unless already held
/// or broken: if the rebuild breaks them, these stay on show.
fn capture_last_good(
    previous: &Generation,
    changed: &HashSet<PathBuf>,
    site: &Path,
    out: &Path,
) -> HashMap<String, Arc<[u8]>> {
    let changed: HashSet<String> = changed
        .iter()
        .filter_map(|p| p.strip_prefix(site).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    previous
        .pages
        .iter()
        .filter(|(output, (source, _))| {
            changed.contains(&**source)
                && !previous.held.contains_key(*output)
                && !previous.broken.contains(*output)
        })
        .filter_map(|(output, _)| {
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
                rel.to_string_lossy().replace('\\', "/"),
                generation::fingerprint(&bytes),
            );
        }
    }
    files
}

/// Files other than HTML whose bytes changed, appeared or went away.
fn changed_assets(before: &Generation, after: &Generation) -> Vec<String> {
    let mut assets: Vec<String> = after
        .files
        .iter()
        .filter(|(path, hash)| !path.ends_with(".html") && before.files.get(*path) != Some(*hash))
        .map(|(path, _)| path.clone())
        .chain(
            before
                .files
                .keys()
                .filter(|path| !path.ends_with(".html") && !after.files.contains_key(*path))
                .cloned(),
        )
        .collect();
    assets.sort();
    assets
}

/// How many HTML pages show other bytes than before.
fn changed_pages(before: &Generation, after: &Generation) -> usize {
    let shown = |g: &Generation, p: &str| {
        g.held
            .get(p)
            .map(|(_, hash)| *hash)
            .or_else(|| g.files.get(p).copied())
    };
    let paths: HashSet<&String> = after
        .files
        .iter()
        .filter(|(p, hash)| before.files.get(*p) != Some(*hash))
        .map(|(p, _)| p)
        .chain(
            before
                .files
                .keys()
                .filter(|p| !after.files.contains_key(*p)),
        )
        .chain(before.held.keys())
        .chain(after.held.keys())
        .filter(|p| p.ends_with(".html"))
        .collect();
    paths
        .into_iter()
        .filter(|p| shown(before, p) != shown(after, p))
        .count()
}
