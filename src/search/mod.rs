//! The index stage: a static full-text index per locale, built in-process with Pagefind from
//! the rendered pages. The only user of `pagefind`; it runs it on `tokio` runtimes of its own.
//!
//! A build indexes its pages once they are all written and the analysed pages are let go
//! ([`index_pages`]); each page is handed over ([`LocaleFeed::page`]) in page order. Pagefind
//! adds the pages of one index one after the other, and builds an index
//! with several times the memory of the pages it holds, so a locale's index is built in
//! parts of at most [`PART_PAGES`] pages: page `i` goes to part `i mod parts`, so that every
//! part is a sample of the whole locale and ranks a query's pages as one index would. Each
//! part has a thread of its own (the parts of a locale are indexed side by side), and is a
//! Pagefind bundle of its own: the first at `_rosetta/search/<locale>/`, the others beside it
//! at `_rosetta/search/<locale>.2/`, `….3/`; the first lists the others in
//! `rosetta-parts.json`, and the search page merges them (Pagefind's `mergeIndex`). Parts
//! are built one at a time once their pages are in, and a locale's pages are handed over
//! once the pages of earlier locales still waiting for their index are few (at most
//! [`PAGES_IN_FLIGHT`]), so that the memory of the search stage grows with the size of a
//! part, not with the size of a locale or the number of locales. Only
//! `<article data-pagefind-body>` is indexed: navigation and the rest of the page frame are
//! not, and are not even handed to Pagefind when the page shows that nothing of them is
//! indexed ([`indexed_html`]).

mod bundle;

use crate::error::Error;
use crate::output::Output;
use bundle::Listing;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{Scope, ScopedJoinHandle};
use std::time::Duration;

/// Files of Pagefind's bundle that rosetta's own search page does not use.
const UNUSED: [&str; 7] = [
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Files a merged part does not need: the search page loads Pagefind's script, worker and
/// WebAssembly from the first part only.
const PRIMARY_ONLY: [&str; 2] = ["pagefind.js", "pagefind-worker.js"];

/// The most pages in one part of a locale's index. Pagefind's peak memory while building an
/// index is several times that of the pages it holds (about 170 MiB for 1,000 pages of
/// Chinese); the size of a part bounds it.
const PART_PAGES: usize = 1_000;

/// How many pages of earlier locales may still be waiting for their index when the next
/// locale's pages are handed over: small locales are indexed side by side, large ones one
/// after the other.
const PAGES_IN_FLIGHT: usize = 2 * PART_PAGES;

/// The file in the first part's folder naming the other parts' folders (JSON, relative to
/// it: `["../zh-tw.2/"]`).
const PARTS_FILE: &str = "rosetta-parts.json";

use crate::site::paths::bundle_dir;

/// The number of parts of the index of a locale of `pages` pages.
fn parts_of(pages: usize) -> usize {
    pages.div_ceil(PART_PAGES).max(1)
}

/// The folder of part `part` (from 0) of a locale's index, relative to the output root.
fn part_dir(locale: &str, part: usize) -> String {
    if part == 0 {
        bundle_dir(locale)
    } else {
        format!("{}.{}", bundle_dir(locale), part + 1)
    }
}

/// The content of [`PARTS_FILE`] for a locale of `parts` parts.
fn parts_list(locale: &str, parts: usize) -> String {
    let names: Vec<String> = (1..parts)
        .map(|k| format!("\"../{locale}.{}/\"", k + 1))
        .collect();
    format!("[{}]\n", names.join(","))
}

/// What the indexes hold, for the summary line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Pages in each locale's index.
    pub pages: BTreeMap<String, usize>,
    /// Bytes written under `_rosetta/search/`.
    pub bytes: u64,
}

impl Summary {
    fn add(&mut self, other: Summary) {
        for (locale, pages) in other.pages {
            *self.pages.entry(locale).or_default() += pages;
        }
        self.bytes += other.bytes;
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("search: ")?;
        for (locale, pages) in &self.pages {
            write!(f, "{locale} {pages} pages, ")?;
        }
        let kib = self.bytes.div_ceil(1024);
        if kib >= 10 * 1024 {
            write!(f, "index {:.1} MiB", self.bytes as f64 / (1024.0 * 1024.0))
        } else {
            write!(f, "index {kib} KiB")
        }
    }
}

/// Builds every locale's index again from pages already in the output folder `out_dir`
/// (`locales`: each locale's name and its pages' output paths, in page order), beside it,
/// and then puts the new `_rosetta/search/` in place of the old one: `rosetta serve`
/// refreshes its search this way, after its pages are written. The index is the one a
/// build of the same pages writes; the old index's files are reused as a build reuses them.
pub(crate) fn reindex(
    out_dir: &Path,
    site_root: &Path,
    locales: &[(String, Vec<String>)],
) -> Result<Summary, Error> {
    let out = Output::begin(out_dir, site_root)?;
    let summary = index_pages(&out, out_dir, locales)?;
    out.commit_folder(SEARCH_ROOT)?;
    Ok(summary)
}

/// Builds every locale's index into `out` from the pages written under the folder `from`
/// (`locales`: each locale's name and its pages' output paths, in page order). A build
/// indexes its pages this way once they are all written and the analysed pages are let
/// go, so that the memory of the search stage is not added to theirs.
pub(crate) fn index_pages(
    out: &Output,
    from: &Path,
    locales: &[(String, Vec<String>)],
) -> Result<Summary, Error> {
    std::thread::scope(|scope| {
        let indexer = Indexer::start(scope, out);
        for (name, pages) in locales {
            let feed = indexer.locale(name, pages.len());
            for page in pages {
                let rel = format!("{name}/{page}");
                let html = fs::read_to_string(from.join(&rel))
                    .map_err(|e| Error::Io(format!("search index: cannot read `{rel}`: {e}")))?;
                feed.page(&crate::site::paths::relative_url("", &rel), html);
            }
        }
        indexer.finish()
    })
}

/// The folder of every locale's index, in the output.
pub(crate) const SEARCH_ROOT: &str = "_rosetta/search";

/// A rendered page: its URL from the output root (`/zh-tw/a.html`) and its HTML.
struct Page {
    url: String,
    html: String,
}

/// The indexing threads: one per part of a locale's index.
struct Indexer<'scope, 'env> {
    scope: &'scope Scope<'scope, 'env>,
    out: &'env Output,
    /// Set when the build failed: the threads stop without writing.
    cancelled: Arc<AtomicBool>,
    /// Pages handed over whose part is not written yet, and part builds under way.
    load: Arc<Load>,
    state: Mutex<Vec<ScopedJoinHandle<'scope, Result<Summary, Error>>>>,
}

/// What the indexing threads hold: pages waiting for their part to be written, and whether
/// a part is being built.
#[derive(Default)]
struct Load {
    state: Mutex<LoadState>,
    changed: Condvar,
}

#[derive(Default)]
struct LoadState {
    pages: usize,
    building: bool,
}

impl Load {
    fn lock(&self) -> MutexGuard<'_, LoadState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn wait_while(&self, mut busy: impl FnMut(&LoadState) -> bool) -> MutexGuard<'_, LoadState> {
        let mut state = self.lock();
        while busy(&state) {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        state
    }

    /// Waits until no part is being built and marks one as being built, until the returned
    /// guard is dropped.
    fn build(&self) -> BuildSlot<'_> {
        self.wait_while(|s| s.building).building = true;
        BuildSlot { load: self }
    }

    /// Counts `pages` as no longer waiting for their index.
    fn release(&self, pages: usize) {
        let mut state = self.lock();
        state.pages = state.pages.saturating_sub(pages);
        drop(state);
        self.changed.notify_all();
    }
}

/// A part being built (see [`Load::build`]).
struct BuildSlot<'l> {
    load: &'l Load,
}

impl Drop for BuildSlot<'_> {
    fn drop(&mut self) {
        self.load.lock().building = false;
        self.load.changed.notify_all();
    }
}

/// A part's pages, counted as waiting for their index until the part's thread ends, however
/// it ends (a part that fails to start must not hold up the next locale).
struct Waiting<'l> {
    load: &'l Load,
    pages: usize,
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.load.release(self.pages);
    }
}

impl<'scope, 'env> Indexer<'scope, 'env> {
    /// Prepares the indexing threads, which write each locale's index into `out`.
    fn start(scope: &'scope Scope<'scope, 'env>, out: &'env Output) -> Self {
        Indexer {
            scope,
            out,
            cancelled: Arc::new(AtomicBool::new(false)),
            load: Arc::default(),
            state: Mutex::new(Vec::new()),
        }
    }

    fn state(&self) -> MutexGuard<'_, Vec<ScopedJoinHandle<'scope, Result<Summary, Error>>>> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts the index of a locale of `pages` pages, fed through the returned handle; each
    /// part is built and written once the handle is dropped. Waits while more than
    /// [`PAGES_IN_FLIGHT`] pages of earlier locales wait for their index.
    fn locale(&self, name: &str, pages: usize) -> LocaleFeed {
        let parts = parts_of(pages);
        let mut load = self
            .load
            .wait_while(|s| s.pages + pages.min(PART_PAGES) > PAGES_IN_FLIGHT);
        load.pages += pages;
        drop(load);
        let mut running = self.state();
        let senders = (0..parts)
            .map(|part| {
                let (sender, queue) = channel();
                let work = Part {
                    locale: name.to_owned(),
                    part,
                    parts,
                    // Page `i` goes to part `i mod parts`.
                    pages: pages / parts + usize::from(part < pages % parts),
                };
                let (out, cancelled, load) = (
                    self.out,
                    Arc::clone(&self.cancelled),
                    Arc::clone(&self.load),
                );
                running.push(
                    self.scope
                        .spawn(move || work.index(queue, out, &cancelled, &load)),
                );
                sender
            })
            .collect();
        LocaleFeed {
            parts: senders,
            next: Cell::new(0),
        }
    }

    /// Waits until every index is written.
    fn finish(self) -> Result<Summary, Error> {
        let mut summary = Summary::default();
        let mut first_error = None;
        for worker in self.state().drain(..) {
            match join(worker) {
                Ok(one) => summary.add(one),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(summary),
        }
    }
}

impl Drop for Indexer<'_, '_> {
    /// An indexer dropped without `finish` (the build failed): stop the threads, discard
    /// their work.
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
        for worker in self.state().drain(..) {
            let _ = worker.join();
        }
    }
}

/// The queues of one locale's index parts.
struct LocaleFeed {
    parts: Vec<Sender<Page>>,
    /// The number of pages handed over so far.
    next: Cell<usize>,
}

impl LocaleFeed {
    /// Hands over a rendered page; `url` is its path from the output root, percent-encoded
    /// (`zh-tw/a.html`).
    fn page(&self, url: &str, html: String) {
        let i = self.next.get();
        self.next.set(i + 1);
        let page = Page {
            url: format!("/{}", url.trim_start_matches('/')),
            html: indexed_html(html),
        };
        // A send fails only when the thread has stopped on an error: `finish` reports it.
        if let Some(part) = self.parts.get(i % self.parts.len().max(1)) {
            let _ = part.send(page);
        }
    }
}

fn join(worker: ScopedJoinHandle<'_, Result<Summary, Error>>) -> Result<Summary, Error> {
    worker.join().unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unknown failure");
        Err(Error::Io(format!("search index failed: {message}")))
    })
}

/// What of a page Pagefind is given: the page itself, or, when it has one element that
/// carries `data-pagefind-body` and nothing outside that element and the `<head>` bears on
/// the index (no other `data-pagefind-…` attribute, no `<h1>` or `<img>` that Pagefind would
/// take a title or an image from), only the `<head>` and that element, which gives the same
/// index for a fraction of the parsing.
fn indexed_html(html: String) -> String {
    const BODY: &str = "data-pagefind-body";
    let Some(attr) = html.find(BODY) else {
        return html;
    };
    if html[attr + BODY.len()..].contains(BODY) {
        return html;
    }
    let Some(open) = html[..attr].rfind('<') else {
        return html;
    };
    let name: String = html[open + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let Some(body) = find_tag(&html[..open], "<body") else {
        return html;
    };
    let Some(body_end) = html[body..open].find('>').map(|i| body + i + 1) else {
        return html;
    };
    let close = format!("</{name}>");
    let Some(end) = html.rfind(&close).map(|i| i + close.len()) else {
        return html;
    };
    if name.is_empty() || end <= attr {
        return html;
    }
    let bears = |part: &str| {
        part.contains("data-pagefind")
            || find_tag(part, "<h1").is_some()
            || find_tag(part, "<img").is_some()
    };
    if bears(&html[body_end..open]) || bears(&html[end..]) {
        return html;
    }
    let mut kept = String::with_capacity(body_end + (end - open) + 16);
    kept.push_str(&html[..body_end]);
    kept.push_str(&html[open..end]);
    kept.push_str("</body></html>");
    kept
}

/// The first start tag `tag` (`<body`, in any letter case) in `html`: its byte offset.
fn find_tag(html: &str, tag: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(i) = html[from..].find('<').map(|i| from + i) {
        let after = i + tag.len();
        if bytes
            .get(i..after)
            .is_some_and(|b| b.eq_ignore_ascii_case(tag.as_bytes()))
            && bytes
                .get(after)
                .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'-')
        {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// One part of a locale's index.
struct Part {
    locale: String,
    /// Its number, from 0.
    part: usize,
    /// How many parts the locale's index has.
    parts: usize,
    /// How many of the locale's pages it gets.
    pages: usize,
}

impl Part {
    /// An indexing thread: the part's index, on a runtime of its own, written into the
    /// output once the queue closes (unless the build was cancelled).
    fn index(
        self,
        queue: Receiver<Page>,
        out: &Output,
        cancelled: &AtomicBool,
        load: &Load,
    ) -> Result<Summary, Error> {
        let _waiting = Waiting {
            load,
            pages: self.pages,
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .max_blocking_threads(BLOCKING_THREADS)
            .build()
            .map_err(|e| Error::Io(format!("search index: cannot start: {e}")))?;
        let mut index = LocaleIndex::new(self.locale.clone(), part_dir(&self.locale, self.part))?;
        let mut result = Ok(());
        for Page { url, html } in queue {
            if cancelled.load(Ordering::Relaxed) || result.is_err() {
                continue;
            }
            result = runtime
                .block_on(index.index.add_html_file(None, Some(url.clone()), html))
                .map(drop)
                .map_err(|e| Error::Io(format!("search index: cannot index {url}: {e}")));
        }
        let _slot = load.build();
        result?;
        if cancelled.load(Ordering::Relaxed) {
            return Ok(Summary::default());
        }
        let mut summary = Summary::default();
        index.write(&runtime, out, &mut summary)?;
        let dir = out.staging_dir(&part_dir(&self.locale, self.part));
        let io = |e: std::io::Error| {
            Error::Io(format!(
                "search index for {}: cannot write `{}`: {e}",
                self.locale,
                dir.display()
            ))
        };
        if self.part == 0 {
            let list = parts_list(&self.locale, self.parts);
            fs::write(dir.join(PARTS_FILE), &list).map_err(io)?;
            summary.bytes += list.len() as u64;
        } else {
            summary.bytes -= remove_primary_only(&dir).map_err(io)?;
        }
        Ok(summary)
    }
}

/// Removes from a merged part's folder what only the first part needs; returns the bytes
/// removed.
fn remove_primary_only(dir: &Path) -> std::io::Result<u64> {
    let mut removed = 0;
    let wasm = fs::read_dir(dir)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("wasm.") && name.ends_with(".pagefind"));
    let names: Vec<String> = PRIMARY_ONLY
        .iter()
        .map(|n| (*n).to_owned())
        .chain(wasm)
        .collect();
    for name in names {
        let path = dir.join(name);
        if let Ok(meta) = fs::metadata(&path) {
            removed += meta.len();
            remove_if_present(&path)?;
        }
    }
    Ok(removed)
}

/// The index of one part of a locale while its pages come in.
struct LocaleIndex {
    name: String,
    /// The folder it is written to, relative to the output root.
    rel: String,
    index: PagefindIndex,
}

impl LocaleIndex {
    fn new(name: String, rel: String) -> Result<LocaleIndex, Error> {
        // Pagefind resolves its (unused) paths against the working directory.
        std::env::current_dir().map_err(|e| {
            Error::Io(format!(
                "search index: the working directory is not available: {e}"
            ))
        })?;
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language(name.to_lowercase())
            .build();
        let index = PagefindIndex::new(Some(config))
            .map_err(|e| Error::Io(format!("search index for {name}: {e}")))?;
        Ok(LocaleIndex { name, rel, index })
    }

    /// Builds the index and writes its files into the output.
    ///
    /// Pagefind names its index files after their content and gzips them at the highest
    /// level, most of the cost of writing an index. The files of the previous output's index
    /// are linked into the new folder first (when they still hold the content their name
    /// says); Pagefind does not write a file that exists, so only what changed is compressed.
    /// Linked files the new index does not list, or lists with another description, are
    /// removed afterwards (the latter written anew).
    fn write(
        mut self,
        runtime: &tokio::runtime::Runtime,
        out: &Output,
        summary: &mut Summary,
    ) -> Result<(), Error> {
        let rel = self.rel.clone();
        let dir = out.staging_dir(&rel);
        let name = self.name.clone();
        let io = |e: std::io::Error| {
            Error::Io(format!(
                "search index for {name}: cannot write `{}`: {e}",
                dir.display()
            ))
        };
        for sub in SUBFOLDERS {
            fs::create_dir_all(dir.join(sub)).map_err(io)?;
        }
        let previous = out
            .previous_dir(&rel)
            .and_then(|old| Some((Listing::read(&old)?, old)));
        let linked = match &previous {
            Some((listing, old)) => link_previous(listing, old, &dir),
            None => Vec::new(),
        };
        self.write_files(runtime, &dir)?;
        let listing = Listing::read(&dir).ok_or_else(|| {
            Error::Io(format!(
                "search index for {}: Pagefind wrote no readable index into `{}`",
                self.name,
                dir.display()
            ))
        })?;
        let mut rewrite = false;
        if let Some((old, _)) = &previous {
            for (path, listed) in outdated(&linked, old, &listing) {
                fs::remove_file(dir.join(path)).map_err(io)?;
                rewrite |= listed;
            }
        }
        if rewrite {
            self.write_files(runtime, &dir)?;
        }
        drop(self.index);
        remove_unused(&dir).map_err(io)?;
        summary.bytes += folder_size(&dir).map_err(io)?;
        summary.pages.insert(self.name, listing.pages);
        Ok(())
    }

    /// Lets Pagefind build the index and write the files that are not in `dir` yet.
    fn write_files(&mut self, runtime: &tokio::runtime::Runtime, dir: &Path) -> Result<(), Error> {
        let path = dir.to_str().ok_or_else(|| {
            Error::Io(format!(
                "search index: the output path `{}` is not valid UTF-8",
                dir.display()
            ))
        })?;
        // Pagefind retries a file it cannot create until it can: a bound, far above the
        // time of any real index, turns a folder that never becomes writable into an error.
        let write = self.index.write_files(Some(path.to_owned()));
        let written = runtime.block_on(async { tokio::time::timeout(WRITE_LIMIT, write).await });
        match written {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(Error::Io(format!("search index for {}: {e}", self.name))),
            Err(_) => Err(Error::Io(format!(
                "search index for {}: cannot write its files into `{}` (gave up after {} s)",
                self.name,
                dir.display(),
                WRITE_LIMIT.as_secs()
            ))),
        }
    }
}

/// Threads of a locale's runtime for Pagefind's file operations (tokio's default, 512, lets
/// Pagefind's writer start a thread for nearly every file of the index at once).
const BLOCKING_THREADS: usize = 4;

/// The folders of an index's content-hashed files.
const SUBFOLDERS: [&str; 3] = ["fragment", "index", "filter"];

/// How long Pagefind may take to write one index.
const WRITE_LIMIT: Duration = Duration::from_secs(600);

/// Links the content-hashed files the previous index lists from its folder `old` into `dir`,
/// those that still hold the content their names say; returns their paths in the folder.
/// A file that cannot be linked is left to be written.
fn link_previous(previous: &Listing, old: &Path, dir: &Path) -> Vec<String> {
    use rayon::prelude::*;
    previous
        .files
        .par_iter()
        .filter_map(|(path, _)| {
            let from = old.join(path);
            let linked = fs::symlink_metadata(&from).is_ok_and(|m| m.is_file())
                && bundle::holds_its_content(&from)
                && fs::hard_link(&from, dir.join(path)).is_ok();
            linked.then(|| path.clone())
        })
        .collect()
}

/// Of the files linked from the previous index (`old`), those that are not the new index's:
/// not listed by it (`false`), or listed with another description (`true`: the same name
/// for other content, to be written anew).
fn outdated<'a>(linked: &'a [String], old: &Listing, new: &Listing) -> Vec<(&'a str, bool)> {
    linked
        .iter()
        .filter_map(|path| match new.files.get(path) {
            None => Some((path.as_str(), false)),
            Some(now) if old.files.get(path) != Some(now) => Some((path.as_str(), true)),
            Some(_) => None,
        })
        .collect()
}

/// Removes what Pagefind writes and rosetta's search page does not load: its UI bundles,
/// the playground, and the generic module when the language has one of its own.
fn remove_unused(dir: &Path) -> std::io::Result<()> {
    for name in UNUSED {
        remove_if_present(&dir.join(name))?;
    }
    let playground = dir.join("playground");
    if playground.exists() {
        fs::remove_dir_all(&playground)?;
    }
    let has_own_wasm = fs::read_dir(dir)?.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.starts_with("wasm.") && name != "wasm.unknown.pagefind"
    });
    if has_own_wasm {
        remove_if_present(&dir.join("wasm.unknown.pagefind"))?;
    }
    for sub in SUBFOLDERS {
        // Empty (no filters, say): not part of the output.
        let _ = fs::remove_dir(dir.join(sub));
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The bytes of the files in a folder and its subfolders.
fn folder_size(dir: &Path) -> std::io::Result<u64> {
    let mut bytes = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        bytes += if meta.is_dir() {
            folder_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests;
