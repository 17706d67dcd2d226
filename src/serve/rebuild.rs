//! The builder thread: a burst of changes becomes one rebuild; after each build the output
//! is compared with the previous one, the findings are printed, and a new [`Generation`] is
//! published for the HTTP handlers and the open tabs.

use super::Shared;
use super::generation::{self, FileMark, Generation, Update};
use super::watch::Event;
use crate::diagnostic::format;
use crate::{BuildOptions, Error, Report};
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How long the watcher must stay quiet after a single change before the rebuild starts.
const QUIET: Duration = Duration::from_millis(30);
/// The same after a batch of several changes: a burst (a branch switch, a copy) may go on.
const QUIET_BURST: Duration = Duration::from_millis(300);

/// Builds the site into the output folder, again and again.
pub(crate) struct Builder {
    /// The site folder, absolute.
    site: PathBuf,
    /// The output folder.
    out: PathBuf,
    search: bool,
    color: bool,
    /// The last published state.
    current: Arc<Generation>,
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
    /// A builder of `site` into `out`.
    pub(crate) fn new(site: PathBuf, out: PathBuf, search: bool) -> Builder {
        Builder {
            site,
            out,
            search,
            color: std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
                && std::env::var_os("CI").is_none(),
            current: Arc::new(Generation::default()),
        }
    }

    /// The first build: without it there is nothing to serve, so its failure is the
    /// command's (exit 2).
    pub(crate) fn first_build(&mut self) -> Result<Generation, Error> {
        let started = Instant::now();
        let report = self.build(crate::progress::wanted())?;
        let generation = self.next_generation(&report, &HashMap::new());
        self.print(&report, "built", started, None);
        let generation = Arc::new(generation);
        self.current = generation.clone();
        Ok(Arc::unwrap_or_clone(generation))
    }

    /// A handle that stops [`Builder::run`], given the sender of its events.
    pub(crate) fn stopper(sender: Sender<Event>) -> Stopper {
        Stopper(sender)
    }

    /// Rebuilds after each burst of changes until told to stop or the watcher goes away.
    pub(crate) fn run(mut self, events: Receiver<Event>, shared: &Shared) {
        while let Ok(event) = events.recv() {
            let mut changed = HashSet::new();
            if !collect(event, &mut changed, &self.site) {
                return;
            }
            // Gather the rest of the burst: one rebuild for a branch switch.
            let mut quiet = if changed.len() > 1 {
                QUIET_BURST
            } else {
                QUIET
            };
            loop {
                match events.recv_timeout(quiet) {
                    Ok(event) => {
                        if !collect(event, &mut changed, &self.site) {
                            return;
                        }
                        quiet = QUIET_BURST;
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            self.rebuild(&changed, shared);
        }
    }

    /// One rebuild after `changed` (site-relative paths) changed.
    fn rebuild(&mut self, changed: &HashSet<String>, shared: &Shared) {
        let started = Instant::now();
        let previous = self.current.clone();
        let last_good = capture_last_good(&previous, changed, &self.out);
        let generation = match self.build(false) {
            Ok(report) => {
                let generation = self.next_generation(&report, &last_good);
                self.print(&report, "rebuilt", started, Some((&previous, &generation)));
                generation
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
                Generation {
                    number: previous.number + 1,
                    failure: Some(message),
                    ..Generation::clone(&previous)
                }
            }
        };
        let generation = Arc::new(generation);
        let assets = changed_assets(&previous, &generation);
        self.current = generation.clone();
        *shared.current.write().unwrap_or_else(|e| e.into_inner()) = generation.clone();
        let _ = shared.updates.send(Arc::new(Update { generation, assets }));
    }

    fn build(&self, progress: bool) -> Result<Report, Error> {
        crate::build(&BuildOptions {
            site: self.site.clone(),
            out: Some(self.out.clone()),
            base_url: None,
            search: self.search,
            progress,
        })
    }

    /// The state after a successful build.
    fn next_generation(
        &self,
        report: &Report,
        last_good: &HashMap<String, Arc<[u8]>>,
    ) -> Generation {
        let previous = &self.current;
        let files = scan_output(&self.out, &previous.files);
        // The pages of the site as the build saw them (phase 1: discovered once more).
        let sources = match crate::site::Site::discover(&self.site, &mut Vec::new()) {
            Ok(site) => page_sources(&site),
            Err(_) => previous.sources.clone(),
        };
        let findings = generation::page_findings(&report.diagnostics, &sources);
        let broken_sources: HashSet<&str> = report
            .diagnostics
            .iter()
            .filter(|d| generation::breaks_page(d.code))
            .map(|d| &*d.file)
            .collect();
        let mut held = HashMap::new();
        for (output, source) in &sources {
            if !broken_sources.contains(&**source) {
                continue;
            }
            if let Some(kept) = previous.held.get(output) {
                held.insert(output.clone(), kept.clone());
            } else if let Some(bytes) = last_good.get(output) {
                held.insert(
                    output.clone(),
                    (bytes.clone(), generation::fingerprint(bytes)),
                );
            }
        }
        let broken = sources
            .iter()
            .filter(|(_, source)| broken_sources.contains(&***source))
            .map(|(output, _)| output.clone())
            .collect();
        Generation {
            number: previous.number + 1,
            files,
            held,
            sources,
            findings,
            broken,
            failure: None,
        }
    }

    /// The findings (human format, as `build` prints them) and a summary line.
    fn print(
        &self,
        report: &Report,
        verb: &str,
        started: Instant,
        change: Option<(&Generation, &Generation)>,
    ) {
        let mut text = format::human(&report.diagnostics, self.color);
        let counts = crate::diagnostic::Counts::of(&report.diagnostics);
        let pages: Vec<String> = report
            .pages
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        text.push_str(&format!(
            "{verb} {} pages ({}): {} errors, {} warnings in {:.2}s",
            report.pages.values().sum::<usize>(),
            pages.join(", "),
            counts.errors,
            counts.warnings,
            started.elapsed().as_secs_f64()
        ));
        if let Some((before, after)) = change {
            let changed = changed_pages(before, after);
            text.push_str(&format!(
                "; {changed} page{} changed",
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

/// Adds an event's paths to `changed`; false when the builder is to stop.
fn collect(event: Event, changed: &mut HashSet<String>, site: &Path) -> bool {
    match event {
        Event::Stop => false,
        Event::Changed(paths) => {
            for path in paths {
                let rel = path.strip_prefix(site).unwrap_or(&path);
                changed.insert(rel.to_string_lossy().replace('\\', "/"));
            }
            true
        }
    }
}

/// The bytes now served for the pages whose source is among `changed`, unless already held
/// or broken: if the rebuild breaks them, these stay on show.
fn capture_last_good(
    previous: &Generation,
    changed: &HashSet<String>,
    out: &Path,
) -> HashMap<String, Arc<[u8]>> {
    previous
        .sources
        .iter()
        .filter(|(output, source)| {
            changed.contains(&***source)
                && !previous.held.contains_key(*output)
                && !previous.broken.contains(*output)
        })
        .filter_map(|(output, _)| {
            let bytes = std::fs::read(out.join(output)).ok()?;
            Some((output.clone(), Arc::from(bytes)))
        })
        .collect()
}

/// Each page's source path (as findings name it), by output path.
fn page_sources(site: &crate::site::Site) -> HashMap<String, Arc<str>> {
    let mut sources = HashMap::new();
    for locale in &site.locales {
        for page in &locale.pages {
            let output = format!("{}/{}", locale.name, crate::site::paths::page_output(page));
            sources.insert(output, locale.site_path(page));
        }
    }
    sources
}

/// Every file of the output with its fingerprint. A file that is the same file (device and
/// inode) as one of the previous output keeps its fingerprint without being read: the build
/// links unchanged files from the previous output and writes every other file anew.
fn scan_output(out: &Path, previous: &HashMap<String, FileMark>) -> HashMap<String, FileMark> {
    let mut files = HashMap::new();
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(out) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel == crate::output::MARKER {
            continue;
        }
        let id = entry.metadata().ok().and_then(|m| file_id(&m));
        let known = id.and_then(|id| {
            previous
                .get(&rel)
                .filter(|mark| mark.id == id)
                .map(|mark| mark.hash)
        });
        let hash = match known {
            Some(hash) => hash,
            None => match std::fs::read(entry.path()) {
                Ok(bytes) => generation::fingerprint(&bytes),
                Err(_) => continue,
            },
        };
        files.insert(
            rel,
            FileMark {
                id: id.unwrap_or((0, 0)),
                hash,
            },
        );
    }
    files
}

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Files other than HTML whose bytes changed, appeared or went away.
fn changed_assets(before: &Generation, after: &Generation) -> Vec<String> {
    let mut assets: Vec<String> = after
        .files
        .iter()
        .filter(|(path, mark)| {
            !path.ends_with(".html") && before.files.get(*path).is_none_or(|m| m.hash != mark.hash)
        })
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
    let paths: HashSet<&String> = before
        .files
        .keys()
        .chain(after.files.keys())
        .filter(|p| p.ends_with(".html"))
        .collect();
    paths
        .into_iter()
        .filter(|p| before.shown(p) != after.shown(p))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_linked_file_keeps_its_fingerprint_and_a_rewritten_one_is_read() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = dir.path();
        std::fs::write(out.join("a.html"), "one").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(out.join(crate::output::MARKER), "").unwrap_or_else(|e| panic!("{e}"));
        let first = scan_output(out, &HashMap::new());
        assert_eq!(first.len(), 1, "the marker is not a served file");
        assert_eq!(first["a.html"].hash, generation::fingerprint(b"one"));
        // The same inode: the previous fingerprint is trusted.
        let mut stale = first.clone();
        if let Some(mark) = stale.get_mut("a.html") {
            mark.hash = 42;
        }
        if cfg!(unix) {
            assert_eq!(scan_output(out, &stale)["a.html"].hash, 42);
        }
        // A new file at the path (as the build writes a changed page, while the previous
        // output still holds the old one): read again.
        std::fs::rename(out.join("a.html"), dir.path().join("old"))
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(out.join("a.html"), "two").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            scan_output(out, &stale)["a.html"].hash,
            generation::fingerprint(b"two")
        );
    }
}
