//! The file watcher: content/, themes/, i18n/ and rosetta.yaml of the site, debounced, as
//! batches of changed paths for the builder.
//!
//! The site folder itself is watched without its subfolders, so that rosetta.yaml saved
//! through a temporary file and a rename is seen, and so that content/ (or themes/, i18n/)
//! deleted and created again is watched again. Paths under `.git` and editors' temporary
//! files are left out; the output is outside the site and never seen.

use crate::error::Error;
use crate::output::Fingerprints;
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

/// How long a path must stay quiet before the debouncer reports it, and how often the
/// debouncer looks.
const DEBOUNCE: Duration = Duration::from_millis(2);
const TICK: Duration = Duration::from_millis(1);

/// The folders of a site that are watched with everything under them.
const FOLDERS: [&str; 3] = ["content", "themes", "i18n"];

/// The files at the site's root whose change matters.
const ROOT_FILES: [&str; 3] = [
    "rosetta.yaml",
    "rosetta.yml",
    ".openpublishing.redirection.json",
];

/// What the watcher tells the builder.
#[derive(Debug)]
pub(crate) enum Event {
    /// These paths (absolute) were created, changed, renamed or removed.
    Changed(Vec<PathBuf>),
    /// The search index was built again: its files with their fingerprints, the summary
    /// and how long it took; or why it failed.
    Indexed(Result<(Fingerprints, String, Duration), Error>),
    /// The server is stopping.
    Stop,
}

/// A running watcher; it stops when dropped.
pub(crate) struct Watcher {
    _inner: Arc<Mutex<Inner>>,
}

struct Inner {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    site: PathBuf,
    /// Locale folders outside content/ (`locales:` may name any folder).
    elsewhere: Vec<PathBuf>,
    /// The folders now watched recursively.
    watched: Vec<PathBuf>,
}

impl Inner {
    /// Watches each of the site's folders that exists and is not watched yet, and forgets
    /// those that went away.
    fn refresh(&mut self) {
        let wanted: Vec<PathBuf> = FOLDERS
            .iter()
            .map(|name| self.site.join(name))
            .chain(self.elsewhere.iter().cloned())
            .collect();
        for dir in wanted {
            let exists = dir.is_dir();
            let watched = self.watched.contains(&dir);
            if exists && !watched {
                if self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok() {
                    self.watched.push(dir);
                }
            } else if !exists && watched {
                let _ = self.debouncer.unwatch(&dir);
                self.watched.retain(|d| d != &dir);
            }
        }
    }
}

impl Watcher {
    /// Starts watching `site` (absolute) and the locale folders `elsewhere` (outside its
    /// content/); batches of changes go to `events`.
    pub(crate) fn start(
        site: &Path,
        elsewhere: Vec<PathBuf>,
        events: Sender<Event>,
    ) -> Result<Watcher, Error> {
        let site = site.to_path_buf();
        let outside = elsewhere.clone();
        // The handler reaches the watcher only weakly: dropping the `Watcher` drops the
        // debouncer, and with it the handler.
        let slot: Arc<OnceLock<Weak<Mutex<Inner>>>> = Arc::new(OnceLock::new());
        let handler = {
            let slot = slot.clone();
            let site = site.clone();
            move |result: DebounceEventResult| {
                let Ok(batch) = result else {
                    return;
                };
                let mut paths = Vec::new();
                let mut folders_moved = false;
                for event in batch {
                    if matches!(event.kind, EventKind::Access(_)) {
                        continue;
                    }
                    // Events were lost (the kernel's queue overflowed): rebuild anyway.
                    if event.need_rescan() {
                        paths.push(site.join("content"));
                    }
                    for path in &event.paths {
                        if !relevant(&site, path) && !in_folders(&outside, path) {
                            continue;
                        }
                        if path.parent() == Some(site.as_path())
                            && path
                                .file_name()
                                .is_some_and(|n| FOLDERS.iter().any(|f| n == *f))
                        {
                            folders_moved = true;
                        }
                        paths.push(path.clone());
                    }
                }
                if folders_moved && let Some(inner) = slot.get().and_then(Weak::upgrade) {
                    inner.lock().unwrap_or_else(|e| e.into_inner()).refresh();
                }
                if !paths.is_empty() {
                    let _ = events.send(Event::Changed(paths));
                }
            }
        };
        let debouncer = new_debouncer(DEBOUNCE, Some(TICK), handler)
            .map_err(|e| Error::Io(format!("cannot watch `{}`: {e}", site.display())))?;
        let mut watching = Inner {
            debouncer,
            site: site.clone(),
            elsewhere,
            watched: Vec::new(),
        };
        watching
            .debouncer
            .watch(&site, RecursiveMode::NonRecursive)
            .map_err(|e| Error::Io(format!("cannot watch `{}`: {e}", site.display())))?;
        watching.refresh();
        let watching = Arc::new(Mutex::new(watching));
        let _ = slot.set(Arc::downgrade(&watching));
        Ok(Watcher { _inner: watching })
    }
}

/// Whether a change to `path` can change the site: a file or folder under content/,
/// themes/ or i18n/ (not under `.git`, not an editor's temporary file), those folders
/// themselves, the configuration or the site's redirection file.
pub(crate) fn relevant(site: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(site) else {
        return false;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    let rest: Vec<_> = parts.collect();
    if rest.is_empty() {
        return FOLDERS.contains(&&*first) || ROOT_FILES.contains(&&*first);
    }
    if !FOLDERS.contains(&&*first) || rest.iter().any(|p| p == ".git") {
        return false;
    }
    rest.last().is_none_or(|name| !editor_temporary(name))
}

/// Whether `path` is in one of `folders` (not under `.git`, not an editor's temporary
/// file).
fn in_folders(folders: &[PathBuf], path: &Path) -> bool {
    folders.iter().any(|dir| {
        path.strip_prefix(dir).is_ok_and(|rel| {
            !rel.components().any(|c| c.as_os_str() == ".git")
                && rel
                    .file_name()
                    .is_none_or(|n| !editor_temporary(&n.to_string_lossy()))
        })
    })
}

/// Names editors give the files they write before renaming them over the real one, or keep
/// beside it (swap, backup and lock files).
fn editor_temporary(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with(".#")
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".kate-swp"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || (name.starts_with('.') && name.contains(".sb-"))
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_count_and_git_output_and_temporary_files_do_not() {
        let site = Path::new("/s");
        for yes in [
            "/s/content/es-es/a.md",
            "/s/content",
            "/s/content/es-es/new-folder",
            "/s/themes/default/templates/page.html",
            "/s/i18n/es-es.ftl",
            "/s/rosetta.yaml",
            "/s/rosetta.yml",
            "/s/.openpublishing.redirection.json",
        ] {
            assert!(relevant(site, Path::new(yes)), "{yes}");
        }
        for no in [
            "/s/public/es-es/a.html",
            "/s/content/en-us/.git/index",
            "/s/content/es-es/.a.md.swp",
            "/s/content/es-es/a.md~",
            "/s/content/es-es/4913",
            "/s/content/es-es/.#a.md",
            "/s/content/es-es/a.md___jb_tmp___",
            "/s/README.md",
            "/s/rosetta.yaml.tmp",
            "/elsewhere/content/a.md",
        ] {
            assert!(!relevant(site, Path::new(no)), "{no}");
        }
    }
}
