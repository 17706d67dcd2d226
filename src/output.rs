//! The commit stage: the site is written into a fresh staging folder beside the output and
//! swapped in only when complete, so a failed build leaves the previous output as it was and
//! files without a source do not linger. rosetta only ever replaces a folder it wrote.
//!
//! A file whose bytes are the same as in the previous output is hard-linked from it instead
//! of written again: a rebuild after a small edit allocates and frees few inodes, and the
//! unchanged files keep their modification time. The previous output is only ever read and
//! linked to, never changed, so it stays intact until the swap.
//!
//! `rosetta serve` writes its own output folder in place instead ([`Output::in_place`]):
//! each file whose bytes changed is written beside its old self and renamed over it, files
//! whose bytes did not change are not touched (their fingerprints are known from the
//! previous run), and files no run of the site produces any more are removed at the end.

use crate::error::Error;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The fingerprint of a file's bytes (equal bytes, equal fingerprints, within a process).
pub(crate) fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// The output folder's files, by path relative to it, with the fingerprints of their bytes.
pub(crate) type Fingerprints = HashMap<Arc<str>, u64>;

/// The state of an output written in place.
struct InPlace {
    /// What the folder holds: as the previous run left it, updated as this run writes.
    files: Mutex<Fingerprints>,
    /// What this run wrote or kept.
    seen: Mutex<HashSet<Arc<str>>>,
    /// The source files changed since the previous run (`None`: unknown, compare all):
    /// a copy of any other file is known to be up to date, and only the files declared
    /// with [`Output::may_vanish`] may be gone from the output.
    changed: Option<HashSet<PathBuf>>,
    /// The files that may be gone from a run with `changed` known, unless written or kept.
    may_vanish: Mutex<Vec<String>>,
    /// The files whose bytes this run changed: written anew or removed.
    touched: Mutex<Vec<Arc<str>>>,
    /// Whether the folder held nothing when the run began (a first build): nobody reads
    /// it yet, so files are written at once rather than beside themselves and renamed.
    fresh: bool,
}

/// What an output written in place holds after a run, and what the run changed.
pub(crate) struct Finished {
    /// Every file and the fingerprint of its bytes.
    pub(crate) files: Fingerprints,
    /// The files written with other bytes than before, or removed.
    pub(crate) touched: Vec<Arc<str>>,
}

/// The file that marks an output folder as written by rosetta.
pub(crate) const MARKER: &str = ".rosetta-output";

/// An output being written.
pub(crate) struct Output {
    target: PathBuf,
    staging: PathBuf,
    /// The previous output, when there is one written by rosetta: unchanged files are
    /// linked from it.
    previous: Option<PathBuf>,
    committed: bool,
    /// Set for an output written in place.
    in_place: Option<InPlace>,
}

impl Output {
    /// An output written in place into `target` (created if missing), for `rosetta serve`:
    /// `known` is what the previous run left there, `changed` the source files that changed
    /// since (`None` when that is not known: then every file the run neither writes nor
    /// keeps is removed at the end; when known, a file of the previous run stays unless it
    /// was declared with [`Output::may_vanish`], since a run that follows changes to known
    /// sources writes the same files as the one before but those). Finish it with
    /// [`Output::finish_in_place`].
    pub(crate) fn in_place(
        target: &Path,
        known: Fingerprints,
        changed: Option<HashSet<PathBuf>>,
    ) -> Result<Output, Error> {
        fs::create_dir_all(target).map_err(|e| io_error(target, e))?;
        let seen = HashSet::with_capacity(known.len());
        let fresh = known.is_empty();
        Ok(Output {
            target: target.to_path_buf(),
            staging: target.to_path_buf(),
            previous: None,
            committed: true,
            in_place: Some(InPlace {
                files: Mutex::new(known),
                seen: Mutex::new(seen),
                changed,
                may_vanish: Mutex::new(Vec::new()),
                touched: Mutex::new(Vec::new()),
                fresh,
            }),
        })
    }

    /// Records that the file at `rel`, written by an earlier run, is still part of the
    /// output as it is (an output written in place; elsewhere it does nothing).
    pub(crate) fn keep(&self, rel: &str) {
        if let Some(state) = &self.in_place {
            let files = state.files();
            if let Some((key, _)) = files.get_key_value(rel) {
                state.seen().insert(key.clone());
            }
        }
    }

    /// [`Output::keep`] for the files `prefix` + `/` + each of `rels` (one lock, no
    /// allocation per file); nothing to do when the changed sources are known, as a file
    /// not declared with [`Output::may_vanish`] stays anyway.
    pub(crate) fn keep_many<'r>(&self, prefix: &str, rels: impl IntoIterator<Item = &'r str>) {
        if let Some(state) = &self.in_place
            && state.changed.is_none()
        {
            let files = state.files();
            let mut seen = state.seen();
            let mut path = String::new();
            for rel in rels {
                path.clear();
                path.push_str(prefix);
                path.push('/');
                path.push_str(rel);
                if let Some((key, _)) = files.get_key_value(path.as_str()) {
                    seen.insert(key.clone());
                }
            }
        }
    }

    /// Declares files of the previous run that this one may no longer write (in place,
    /// with the changed sources known): they are removed unless written or kept.
    pub(crate) fn may_vanish(&self, rels: impl IntoIterator<Item = String>) {
        if let Some(state) = &self.in_place {
            state
                .may_vanish
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(rels);
        }
    }

    /// Ends an output written in place: removes the files of the previous run that this
    /// run neither wrote nor kept (with the changed sources known, only among those that
    /// may vanish), and the folders that leaves empty; returns what the folder now holds
    /// and what the run changed.
    pub(crate) fn finish_in_place(mut self) -> Result<Finished, Error> {
        self.write(
            MARKER,
            b"This folder is written by rosetta; it is replaced on every build.\n",
        )?;
        let Some(state) = self.in_place.take() else {
            return Err(Error::Io("the output is not written in place".into()));
        };
        let mut files = state.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let seen = state.seen.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut touched = state
            .touched
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let may_vanish = state
            .may_vanish
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let gone: Vec<Arc<str>> = match state.changed {
            None => files
                .keys()
                .filter(|k| !seen.contains(*k))
                .cloned()
                .collect(),
            Some(_) => may_vanish
                .iter()
                .filter_map(|rel| files.get_key_value(rel.as_str()))
                .filter(|(k, _)| !seen.contains(*k))
                .map(|(k, _)| k.clone())
                .collect(),
        };
        for rel in gone {
            files.remove(&rel);
            let path = self.target.join(&*rel);
            touched.push(rel);
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error(&path, e)),
            }
            let mut dir = path.parent();
            while let Some(d) = dir {
                if d == self.target || fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        Ok(Finished { files, touched })
    }

    /// Prepares to write the site into `target`. Refuses a target that contains the site, or
    /// that is not empty and was not written by rosetta.
    pub(crate) fn begin(target: &Path, site_root: &Path) -> Result<Output, Error> {
        let target = absolute(target)?;
        let site = absolute(site_root)?;
        let site = site.canonicalize().unwrap_or(site);
        let resolved = resolve_existing_prefix(&target);
        if site.starts_with(&resolved) {
            return Err(Error::Usage(format!(
                "refusing to write the site into `{}`: it contains the site itself",
                target.display()
            )));
        }
        let mut previous = None;
        if target.exists() {
            if !target.is_dir() {
                return Err(Error::Usage(format!(
                    "output `{}` exists and is not a folder",
                    target.display()
                )));
            }
            let empty = fs::read_dir(&target)
                .map_err(|e| io_error(&target, e))?
                .next()
                .is_none();
            if !empty && !target.join(MARKER).is_file() {
                return Err(Error::Usage(format!(
                    "refusing to replace `{}`: it is not empty and was not written by rosetta (no {MARKER} file)",
                    target.display()
                )));
            }
            if !empty {
                previous = Some(target.clone());
            }
        }
        let parent = target
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        remove_leftovers(&parent, &name);
        let staging = parent.join(format!(".{name}.rosetta-new-{}", std::process::id()));
        fs::create_dir(&staging).map_err(|e| io_error(&staging, e))?;
        Ok(Output {
            target,
            staging,
            previous,
            committed: false,
            in_place: None,
        })
    }

    /// Creates the folders that will hold `files` (paths relative to the output; in place,
    /// a file the folder holds already has its folder).
    pub(crate) fn create_dirs<'p>(
        &self,
        files: impl IntoIterator<Item = &'p str>,
    ) -> Result<(), Error> {
        let known = self.in_place.as_ref().map(InPlace::files);
        let dirs: BTreeSet<&str> = files
            .into_iter()
            .filter(|f| !known.as_ref().is_some_and(|k| k.contains_key(*f)))
            .filter_map(|f| f.rfind('/').map(|i| &f[..i]))
            .collect();
        drop(known);
        for dir in dirs {
            let path = self.staging.join(dir);
            fs::create_dir_all(&path).map_err(|e| io_error(&path, e))?;
        }
        Ok(())
    }

    /// Writes a file (its folder must exist: see [`Output::create_dirs`]).
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.staging.join(rel);
        if let Some(state) = &self.in_place {
            let print = fingerprint(bytes);
            if !state.record(rel, print) {
                return Ok(());
            }
            if state.fresh {
                return fs::write(&path, bytes).map_err(|e| io_error(&path, e));
            }
            return replace_file(&path, bytes);
        }
        if let Some((old, len)) = self.previous_file(rel)
            && link_if_same(&old, len, &path, bytes)
        {
            return Ok(());
        }
        fs::write(&path, bytes).map_err(|e| io_error(&path, e))
    }

    /// Copies a source file into the output.
    pub(crate) fn copy(&self, rel: &str, from: &Path) -> Result<(), Error> {
        let path = self.staging.join(rel);
        if let Some(state) = &self.in_place {
            if let Some(changed) = &state.changed
                && !changed.contains(from)
                && state.files().contains_key(rel)
            {
                self.keep(rel);
                return Ok(());
            }
            let bytes = fs::read(from)
                .map_err(|e| Error::Io(format!("cannot read `{}`: {e}", from.display())))?;
            return self.write(rel, &bytes);
        }
        if let Some((old, len)) = self.previous_file(rel)
            && fs::metadata(from).is_ok_and(|m| m.len() == len)
            && let Ok(bytes) = fs::read(from)
            && link_if_same(&old, len, &path, &bytes)
        {
            return Ok(());
        }
        fs::copy(from, &path)
            .map(|_| ())
            .map_err(|e| io_error(&path, e))
    }

    /// The folder `rel` in the output being written, for a writer that fills a folder of
    /// its own (the search index).
    pub(crate) fn staging_dir(&self, rel: &str) -> PathBuf {
        self.staging.join(rel)
    }

    /// The folder `rel` in the previous output, if there is one: only to read and link from.
    pub(crate) fn previous_dir(&self, rel: &str) -> Option<PathBuf> {
        let old = self.previous.as_ref()?.join(rel);
        fs::symlink_metadata(&old)
            .is_ok_and(|m| m.is_dir())
            .then_some(old)
    }

    /// The previous output's regular file at `rel` and its length, if there is one.
    fn previous_file(&self, rel: &str) -> Option<(PathBuf, u64)> {
        let old = self.previous.as_ref()?.join(rel);
        let meta = fs::symlink_metadata(&old).ok()?;
        meta.file_type().is_file().then_some((old, meta.len()))
    }

    /// Puts the finished output in place of the previous one.
    pub(crate) fn commit(mut self) -> Result<(), Error> {
        self.write(
            MARKER,
            b"This folder is written by rosetta; it is replaced on every build.\n",
        )?;
        let parent = self
            .staging
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let name = self
            .target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = parent.join(format!(".{name}.rosetta-old-{}", std::process::id()));
        let had_previous = self.target.exists();
        if had_previous {
            fs::rename(&self.target, &old).map_err(|e| io_error(&self.target, e))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.target) {
            if had_previous {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(io_error(&self.target, e));
        }
        self.committed = true;
        if had_previous {
            remove_tree(&old);
        }
        Ok(())
    }
}

impl Output {
    /// Puts the folder `rel` of this (staging) output in place of the target's own, which
    /// is removed, and drops the rest of the staging folder: for a writer that renews one
    /// folder of an output written in place (the search index of `rosetta serve`).
    pub(crate) fn commit_folder(self, rel: &str) -> Result<(), Error> {
        let new = self.staging.join(rel);
        let dest = self.target.join(rel);
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = dest.with_file_name(format!(".{name}.rosetta-old-{}", std::process::id()));
        let had_old = dest.exists();
        if had_old {
            fs::rename(&dest, &old).map_err(|e| io_error(&dest, e))?;
        }
        if new.is_dir() {
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
            }
            if let Err(e) = fs::rename(&new, &dest) {
                if had_old {
                    let _ = fs::rename(&old, &dest);
                }
                return Err(io_error(&dest, e));
            }
        }
        if had_old {
            remove_tree(&old);
        }
        Ok(())
    }
}

impl InPlace {
    fn files(&self) -> std::sync::MutexGuard<'_, Fingerprints> {
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, HashSet<Arc<str>>> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records that the run writes `rel` with bytes of fingerprint `print`; whether they
    /// differ from what the folder holds (then the file is to be written).
    fn record(&self, rel: &str, print: u64) -> bool {
        let mut files = self.files();
        let (key, differs) = match files.get_key_value(rel) {
            Some((key, &old)) => (key.clone(), old != print),
            None => (Arc::from(rel), true),
        };
        if differs {
            files.insert(key.clone(), print);
            self.touched
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(key.clone());
        }
        drop(files);
        self.seen().insert(key);
        differs
    }
}

/// Writes `bytes` to a file beside `path` and renames it over `path`: a reader sees the old
/// file or the new one, never half of it.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.rosetta-tmp-{}", std::process::id()));
    fs::write(&temp, bytes).map_err(|e| io_error(&temp, e))?;
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        io_error(path, e)
    })
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Removes a folder and everything in it, its subfolders in parallel (unlinking ten
/// thousand files is most of a rebuild's commit). Best effort: what cannot be removed stays.
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = match fs::read_dir(dir) {
        Ok(entries) => entries.flatten().collect(),
        Err(_) => return,
    };
    entries.par_iter().for_each(|entry| {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_tree(&path);
        } else {
            let _ = fs::remove_file(&path);
        }
    });
    let _ = fs::remove_dir(dir);
}

/// Links `path` to the previous output's file `old` (of length `len`) when that holds exactly
/// `bytes`. Any failure (other bytes, a file system without hard links) says no, and the
/// file is written as usual.
fn link_if_same(old: &Path, len: u64, path: &Path, bytes: &[u8]) -> bool {
    len == bytes.len() as u64
        && fs::read(old).is_ok_and(|existing| existing == bytes)
        && fs::hard_link(old, path).is_ok()
}

fn io_error(path: &Path, e: io::Error) -> Error {
    Error::Io(format!("cannot write `{}`: {e}", path.display()))
}

fn absolute(path: &Path) -> Result<PathBuf, Error> {
    std::path::absolute(path)
        .map_err(|e| Error::Io(format!("cannot resolve `{}`: {e}", path.display())))
}

/// The canonical form of the longest existing prefix of `path`, with the rest appended.
fn resolve_existing_prefix(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Removes staging and old folders left by an interrupted build; an old output whose
/// replacement never arrived is put back first.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let entries: Vec<_> = entries.flatten().collect();
    let target = parent.join(name);
    if !target.exists() {
        let old_prefix = format!(".{name}.rosetta-old-");
        if let Some(old) = entries
            .iter()
            .find(|e| e.file_name().to_string_lossy().starts_with(&old_prefix))
        {
            let _ = fs::rename(old.path(), &target);
        }
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [
        format!(".{name}.rosetta-new-"),
        format!(".{name}.rosetta-old-"),
    ];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p)) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(dir: &Path, rel: &str) -> Option<String> {
        fs::read_to_string(dir.join(rel)).ok()
    }

    #[test]
    fn an_output_written_in_place_rewrites_changed_files_only_and_drops_the_rest() {
        let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = temp.path().join("site");
        let first =
            Output::in_place(&dir, Fingerprints::new(), None).unwrap_or_else(|e| panic!("{e}"));
        first
            .create_dirs(["a/x.html", "b.html", "gone.html"])
            .unwrap_or_else(|e| panic!("{e}"));
        for (rel, text) in [("a/x.html", "x"), ("b.html", "b"), ("gone/g.html", "g")] {
            if let Some(parent) = dir.join(rel).parent() {
                fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
            }
            first
                .write(rel, text.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let known = first
            .finish_in_place()
            .unwrap_or_else(|e| panic!("{e}"))
            .files;
        assert!(known.contains_key(MARKER));
        #[cfg(unix)]
        let inode = |rel: &str| {
            use std::os::unix::fs::MetadataExt;
            fs::metadata(dir.join(rel)).map(|m| m.ino()).ok()
        };
        #[cfg(unix)]
        let before = inode("a/x.html");

        let second =
            Output::in_place(&dir, known, Some(HashSet::new())).unwrap_or_else(|e| panic!("{e}"));
        second
            .write("a/x.html", b"x")
            .unwrap_or_else(|e| panic!("{e}"));
        second
            .write("b.html", b"b2")
            .unwrap_or_else(|e| panic!("{e}"));
        // With the changed sources known, only what may vanish is looked at.
        second.may_vanish(["gone/g.html".to_owned(), "b.html".to_owned()]);
        let finished = second.finish_in_place().unwrap_or_else(|e| panic!("{e}"));
        let mut touched: Vec<&str> = finished.touched.iter().map(|t| &**t).collect();
        touched.sort_unstable();
        assert_eq!(touched, ["b.html", "gone/g.html"], "what the run changed");
        let known = finished.files;
        assert_eq!(read(&dir, "b.html").as_deref(), Some("b2"));
        assert_eq!(
            read(&dir, "gone/g.html"),
            None,
            "a file no run wrote is removed"
        );
        assert!(!dir.join("gone").exists(), "and the folder it leaves empty");
        #[cfg(unix)]
        assert_eq!(
            inode("a/x.html"),
            before,
            "an unchanged file is not written again"
        );
        assert_eq!(known.get("b.html"), Some(&fingerprint(b"b2")));

        // With the changed sources known, a file the run does not write stays unless it
        // may vanish.
        let third =
            Output::in_place(&dir, known, Some(HashSet::new())).unwrap_or_else(|e| panic!("{e}"));
        let known = third
            .finish_in_place()
            .unwrap_or_else(|e| panic!("{e}"))
            .files;
        assert_eq!(read(&dir, "b.html").as_deref(), Some("b2"));

        // Without them, a page kept from the previous run stays; what is neither written
        // nor kept goes.
        let fourth = Output::in_place(&dir, known, None).unwrap_or_else(|e| panic!("{e}"));
        fourth.keep_many("a", ["x.html"]);
        fourth.finish_in_place().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read(&dir, "a/x.html").as_deref(), Some("x"));
        assert_eq!(read(&dir, "b.html"), None);
    }
}
