//! The source history, read in-process with gitoxide: the only module that knows git.
//!
//! A [`SourceRepo`] is the repository that holds the source locale's folder. It resolves
//! the commit ids that translations name, reads a file as it was at a commit (each tree and
//! each blob decoded once, cached by object id), and finds the newest commit that touched
//! files (one history walk for all of them). Every failure is a value with a message that
//! says what to do; nothing here panics on what the repository holds.

use gix::ObjectId;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Hex digits of a short commit id, as `git log --oneline` shows them in a small repository.
const SHORT_LEN: usize = 7;
/// The fewest hex digits git accepts as an abbreviated object id.
const MIN_PREFIX: usize = 4;

/// Why a version could not be read: the text is not a commit id, the commit or file is not
/// in the history, or the repository cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum GitError {
    /// The text is not 4 to 40 hex digits.
    NotHex(String),
    /// No commit with this id (or prefix) in the repository: a shallow clone or another
    /// history.
    Missing {
        /// The id as written.
        id: String,
        /// Whether the repository is a shallow clone.
        shallow: bool,
    },
    /// An abbreviated id that names several objects.
    Ambiguous(String),
    /// The id names an object that is not a commit.
    NotACommit(String),
    /// The repository or one of its objects cannot be read.
    Unreadable(String),
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::NotHex(text) => write!(
                f,
                "`{text}` is not a commit id (4 to 40 hexadecimal digits); write the id of the source commit the translation was made from"
            ),
            GitError::Missing { id, shallow: true } => write!(
                f,
                "commit {id} is not in the source repository, which is a shallow clone; fetch the history: `git fetch --unshallow` (in CI, check out with `fetch-depth: 0`)"
            ),
            GitError::Missing { id, shallow: false } => write!(
                f,
                "commit {id} is not in the source repository; fetch the history it belongs to (`git fetch origin`), or correct the id"
            ),
            GitError::Ambiguous(id) => write!(
                f,
                "`{id}` names several objects in the source repository; write more digits of the commit id"
            ),
            GitError::NotACommit(id) => write!(
                f,
                "`{id}` names an object of the source repository that is not a commit; write the id of a commit"
            ),
            GitError::Unreadable(message) => f.write_str(message),
        }
    }
}

impl GitError {
    /// A repository object that cannot be read (corrupt or missing from a damaged store).
    fn object(id: &gix::oid, err: impl fmt::Display) -> GitError {
        GitError::Unreadable(format!(
            "cannot read object {id} of the source repository ({err}); the repository may be damaged: run `git fsck`, or clone it again"
        ))
    }
}

/// A commit of the source history, as a translation's version names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct CommitInfo {
    /// The full id.
    pub(crate) id: ObjectId,
    /// The first seven hex digits.
    pub(crate) short: String,
    /// The committer date, `YYYY-MM-DD` in the committer's time zone.
    pub(crate) date: String,
    /// Seconds since the Unix epoch (committer time).
    pub(crate) seconds: i64,
    /// The commit's root tree.
    tree: ObjectId,
}

/// One entry of a decoded tree: the object and whether it is a tree itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    id: ObjectId,
    is_tree: bool,
}

type TreeEntries = HashMap<Vec<u8>, Entry>;

/// The git repository that holds a folder, with caches for trees, blobs and commits.
pub(crate) struct SourceRepo {
    repo: gix::Repository,
    /// The repository's work tree, symlinks resolved.
    workdir: PathBuf,
    /// The folder's path inside the repository: empty at the root, else ending in `/`.
    prefix: String,
    trees: HashMap<ObjectId, Arc<TreeEntries>>,
    blobs: HashMap<ObjectId, Arc<[u8]>>,
    commits: HashMap<ObjectId, CommitInfo>,
}

impl fmt::Debug for SourceRepo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceRepo")
            .field("workdir", &self.workdir)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl SourceRepo {
    /// Opens the repository that holds `folder` (the folder itself or one of its parents),
    /// also through symlinks, and remembers the folder's path inside it.
    pub(crate) fn open(folder: &Path) -> Result<SourceRepo, GitError> {
        let folder = folder.canonicalize().map_err(|err| {
            GitError::Unreadable(format!("cannot open {}: {err}", folder.display()))
        })?;
        let repo = gix::discover(&folder).map_err(|err| {
            use gix::discover::upwards::Error as E;
            let found_none = matches!(
                err.downcast_any_ref::<E>(),
                Some(
                    E::NoGitRepository { .. }
                        | E::NoGitRepositoryWithinCeiling { .. }
                        | E::NoGitRepositoryWithinFs { .. }
                )
            );
            if found_none {
                GitError::Unreadable(format!(
                    "{} is not in a git repository; translation status reads the source's history: make the folder a clone of the source repository",
                    folder.display()
                ))
            } else {
                GitError::Unreadable(format!(
                    "the git repository of {} cannot be opened ({err}); run `git status` there to see why",
                    folder.display()
                ))
            }
        })?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| {
                GitError::Unreadable(format!(
                    "the git repository of {} has no work tree",
                    folder.display()
                ))
            })?
            .canonicalize()
            .map_err(|err| GitError::Unreadable(format!("cannot open the work tree: {err}")))?;
        let prefix = relative_prefix(&workdir, &folder).ok_or_else(|| {
            GitError::Unreadable(format!(
                "{} is outside the work tree of its git repository",
                folder.display()
            ))
        })?;
        let mut repo = repo;
        // Commits, trees and blobs are looked up more than once (walks, shared versions).
        repo.object_cache_size_if_unset(4 * 1024 * 1024);
        Ok(SourceRepo {
            repo,
            workdir,
            prefix,
            trees: HashMap::new(),
            blobs: HashMap::new(),
            commits: HashMap::new(),
        })
    }

    /// The path inside this repository of another folder (a translation's locale folder)
    /// when that folder belongs to this same repository (not to a nested one); `/`
    /// separated, empty at the root, else ending in `/`.
    pub(crate) fn folder_in_repo(&self, folder: &Path) -> Option<String> {
        let folder = folder.canonicalize().ok()?;
        let prefix = relative_prefix(&self.workdir, &folder)?;
        let other = gix::discover(&folder).ok()?;
        let same = other.common_dir().canonicalize().ok()?
            == self.repo.common_dir().canonicalize().ok()?
            && other.workdir()?.canonicalize().ok()? == self.workdir;
        same.then_some(prefix)
    }

    /// The source folder's path inside the repository (empty at the root, else ending in `/`).
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Resolves a commit id written as text (`ms.sourcegitcommit`): 40 hex digits or an
    /// abbreviation of at least 4.
    pub(crate) fn resolve(&mut self, text: &str) -> Result<CommitInfo, GitError> {
        let text = text.trim();
        let hex = text.len() >= MIN_PREFIX
            && text.len() <= 40
            && text.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex {
            return Err(GitError::NotHex(text.to_owned()));
        }
        let lower = text.to_ascii_lowercase();
        let id = if lower.len() == 40 {
            ObjectId::from_hex(lower.as_bytes()).map_err(|_| GitError::NotHex(text.to_owned()))?
        } else {
            let prefix = gix::hash::Prefix::from_hex(&lower)
                .map_err(|_| GitError::NotHex(text.to_owned()))?;
            match self.repo.objects.lookup_prefix(prefix, None) {
                Ok(Some(Ok(id))) => id,
                Ok(Some(Err(()))) => return Err(GitError::Ambiguous(text.to_owned())),
                Ok(None) => return Err(self.missing(text)),
                Err(err) => {
                    return Err(GitError::Unreadable(format!(
                        "cannot look up `{text}` in the source repository ({err}); run `git fsck`"
                    )));
                }
            }
        };
        self.commit(id, text)
    }

    /// The commit `id`, cached; `written` is the id as the user wrote it, for messages.
    fn commit(&mut self, id: ObjectId, written: &str) -> Result<CommitInfo, GitError> {
        cached_commit(&self.repo, &mut self.commits, id, written)
    }

    fn missing(&self, id: &str) -> GitError {
        missing(&self.repo, id)
    }

    /// The blob of a file of the source folder (path relative to it) at `commit`; `None`
    /// when the file did not exist there.
    pub(crate) fn source_blob_at(
        &mut self,
        commit: &CommitInfo,
        path: &str,
    ) -> Result<Option<ObjectId>, GitError> {
        let full = format!("{}{path}", self.prefix);
        self.blob_at(commit.tree, &full)
    }

    /// The blob at `path` (relative to the repository root) in the tree `root`.
    fn blob_at(&mut self, root: ObjectId, path: &str) -> Result<Option<ObjectId>, GitError> {
        let mut tree = root;
        let mut parts = path.split('/').filter(|p| !p.is_empty()).peekable();
        while let Some(name) = parts.next() {
            let entries = self.tree(tree)?;
            let Some(entry) = entries.get(name.as_bytes()).copied() else {
                return Ok(None);
            };
            if parts.peek().is_none() {
                return Ok((!entry.is_tree).then_some(entry.id));
            }
            if !entry.is_tree {
                return Ok(None);
            }
            tree = entry.id;
        }
        Ok(None)
    }

    /// A decoded tree, cached by id.
    fn tree(&mut self, id: ObjectId) -> Result<Arc<TreeEntries>, GitError> {
        if let Some(entries) = self.trees.get(&id) {
            return Ok(entries.clone());
        }
        let entries = Arc::new(decode_tree(&self.repo, id)?);
        self.trees.insert(id, entries.clone());
        Ok(entries)
    }

    /// The bytes of a blob, cached by id.
    pub(crate) fn blob(&mut self, id: ObjectId) -> Result<Arc<[u8]>, GitError> {
        if let Some(bytes) = self.blobs.get(&id) {
            return Ok(bytes.clone());
        }
        let blob = self
            .repo
            .find_blob(id)
            .map_err(|err| GitError::object(&id, err))?;
        let bytes: Arc<[u8]> = Arc::from(blob.data.as_slice());
        self.blobs.insert(id, bytes.clone());
        Ok(bytes)
    }

    /// The commit at `HEAD`, if there is one.
    pub(crate) fn head(&self) -> Option<ObjectId> {
        self.repo.head_id().ok().map(|id| id.detach())
    }

    /// For each file of the folder (paths relative to it) that `HEAD` holds, the newest
    /// commit that changed it (one history walk for all of them); files `HEAD` does not hold
    /// (not committed) are absent from the answer.
    pub(crate) fn last_changes(
        &mut self,
        paths: &[&str],
    ) -> Result<HashMap<String, CommitInfo>, GitError> {
        let head = self.repo.head_id().map_err(|err| {
            GitError::Unreadable(format!("the repository has no commit at HEAD ({err})"))
        })?;
        let head = self.commit(head.detach(), "")?;
        let mut tracked = Vec::new();
        for path in paths {
            let full = format!("{}{path}", self.prefix);
            if self.blob_at(head.tree, &full)?.is_some() {
                tracked.push(full);
            }
        }
        let found = self.newest_commits_touching(&tracked)?;
        let prefix = self.prefix.len();
        Ok(found
            .into_iter()
            .map(|(full, commit)| (full[prefix..].to_owned(), commit))
            .collect())
    }

    /// For each path (relative to the repository root), the newest commit reachable from
    /// `HEAD` that changed it, as `git log -1 -- path` finds it: one walk for all paths,
    /// newest commits first, comparing only the subtrees that hold a wanted path. Paths that
    /// no commit touched are absent from the answer.
    pub(crate) fn newest_commits_touching(
        &mut self,
        paths: &[String],
    ) -> Result<HashMap<String, CommitInfo>, GitError> {
        let mut found = HashMap::new();
        let mut pending: Vec<String> = paths.to_vec();
        pending.sort();
        pending.dedup();
        if pending.is_empty() {
            return Ok(found);
        }
        let head = self.repo.head_id().map_err(|err| {
            GitError::Unreadable(format!(
                "the source repository has no commit at HEAD ({err}); commit the translations, or check out a branch"
            ))
        })?;
        let walk = self
            .repo
            .rev_walk([head.detach()])
            .sorting(gix::revision::walk::Sorting::ByCommitTime(
                gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
            ))
            .all()
            .map_err(|err| GitError::Unreadable(format!("cannot walk the history: {err}")))?;
        let mut trees = WalkTrees::default();
        for info in walk {
            let info = info.map_err(|err| {
                GitError::Unreadable(format!(
                    "cannot walk the history ({err}); fetch the history: `git fetch --unshallow`, or run `git fsck`"
                ))
            })?;
            trees.next_commit();
            let commit = cached_commit(&self.repo, &mut self.commits, info.id, "")?;
            let parents: Vec<ObjectId> = info.parent_ids.iter().copied().collect();
            let mut touched: Option<HashSet<String>> = None;
            if parents.is_empty() {
                let mut here = HashSet::new();
                changed(
                    &self.repo,
                    &mut trees,
                    Some(commit.tree),
                    None,
                    &pending,
                    0,
                    &mut here,
                )?;
                touched = Some(here);
            }
            for parent in parents {
                // A commit touched a path when it differs from every parent (a merge that
                // keeps one side's version did not touch it).
                let parent_tree = match cached_commit(&self.repo, &mut self.commits, parent, "") {
                    Ok(p) => Some(p.tree),
                    // A shallow boundary: the parent is not there; compare with nothing.
                    Err(GitError::Missing { .. }) => None,
                    Err(err) => return Err(err),
                };
                let mut here = HashSet::new();
                changed(
                    &self.repo,
                    &mut trees,
                    Some(commit.tree),
                    parent_tree,
                    &pending,
                    0,
                    &mut here,
                )?;
                touched = Some(match touched {
                    None => here,
                    Some(before) => before.intersection(&here).cloned().collect(),
                });
            }
            let touched = touched.unwrap_or_default();
            if touched.is_empty() {
                continue;
            }
            pending.retain(|p| {
                if touched.contains(p) {
                    found.insert(p.clone(), commit.clone());
                    false
                } else {
                    true
                }
            });
            if pending.is_empty() {
                break;
            }
        }
        Ok(found)
    }
}

/// A commit's facts, cached by id; `written` is the id as the user wrote it (for messages;
/// empty to use the full id).
fn cached_commit(
    repo: &gix::Repository,
    cache: &mut HashMap<ObjectId, CommitInfo>,
    id: ObjectId,
    written: &str,
) -> Result<CommitInfo, GitError> {
    if let Some(info) = cache.get(&id) {
        return Ok(info.clone());
    }
    let written = if written.is_empty() {
        id.to_string()
    } else {
        written.to_owned()
    };
    let object = match repo.try_find_object(id) {
        Ok(Some(object)) => object,
        Ok(None) => return Err(missing(repo, &written)),
        Err(err) => return Err(GitError::object(&id, err)),
    };
    if object.kind != gix::object::Kind::Commit {
        return Err(GitError::NotACommit(written));
    }
    let commit = object.into_commit();
    let tree = commit.tree_id().map_err(|err| GitError::object(&id, err))?;
    let time = commit.time().map_err(|err| GitError::object(&id, err))?;
    let info = CommitInfo {
        id,
        short: id.to_hex_with_len(SHORT_LEN).to_string(),
        date: time.format_or_unix(gix::date::time::format::SHORT),
        seconds: time.seconds,
        tree: tree.detach(),
    };
    cache.insert(id, info.clone());
    Ok(info)
}

fn missing(repo: &gix::Repository, id: &str) -> GitError {
    GitError::Missing {
        id: id.to_owned(),
        shallow: repo.is_shallow().unwrap_or(false),
    }
}

/// Decodes a tree (the history walk keeps those of two commits at a time: `WalkTrees`).
fn decode_tree(repo: &gix::Repository, id: ObjectId) -> Result<TreeEntries, GitError> {
    let tree = repo
        .find_tree(id)
        .map_err(|err| GitError::object(&id, err))?;
    let decoded = tree.decode().map_err(|err| GitError::object(&id, err))?;
    Ok(decoded
        .entries
        .iter()
        .map(|e| {
            (
                e.filename.to_vec(),
                Entry {
                    id: e.oid.to_owned(),
                    is_tree: e.mode.is_tree(),
                },
            )
        })
        .collect())
}

/// Decoded trees of the history walk: those of the commit being compared and of the one
/// before it (a commit's parent is the next one compared, so each tree is decoded once),
/// and no more, so that a long history does not fill the memory.
#[derive(Default)]
struct WalkTrees {
    older: HashMap<ObjectId, Arc<TreeEntries>>,
    newer: HashMap<ObjectId, Arc<TreeEntries>>,
}

impl WalkTrees {
    fn get(&mut self, repo: &gix::Repository, id: ObjectId) -> Result<Arc<TreeEntries>, GitError> {
        if let Some(tree) = self.newer.get(&id) {
            return Ok(tree.clone());
        }
        let tree = match self.older.remove(&id) {
            Some(tree) => tree,
            None => Arc::new(decode_tree(repo, id)?),
        };
        self.newer.insert(id, tree.clone());
        Ok(tree)
    }

    /// The walk moves on to the next commit.
    fn next_commit(&mut self) {
        self.older = std::mem::take(&mut self.newer);
    }
}

/// Adds to `out` the paths of `wanted` (sorted, relative to the trees `a` and `b`,
/// `base` being their place in the repository) whose entries differ between `a` and `b`.
fn changed(
    repo: &gix::Repository,
    trees: &mut WalkTrees,
    a: Option<ObjectId>,
    b: Option<ObjectId>,
    wanted: &[String],
    base: usize,
    out: &mut HashSet<String>,
) -> Result<(), GitError> {
    if a == b || wanted.is_empty() {
        return Ok(());
    }
    let empty = Arc::new(TreeEntries::new());
    let ta = match a {
        Some(id) => trees.get(repo, id)?,
        None => empty.clone(),
    };
    let tb = match b {
        Some(id) => trees.get(repo, id)?,
        None => empty,
    };
    let mut i = 0;
    while i < wanted.len() {
        let rel = &wanted[i][base..];
        let (name, rest) = match rel.split_once('/') {
            Some((name, rest)) => (name, Some(rest)),
            None => (rel, None),
        };
        // The group of wanted paths under this first component (they are sorted; the path
        // of the entry itself, if wanted, comes first).
        let group_end = wanted[i..]
            .iter()
            .position(|p| first_component(&p[base..]) != name)
            .map_or(wanted.len(), |n| i + n);
        let ea = ta.get(name.as_bytes()).copied();
        let eb = tb.get(name.as_bytes()).copied();
        if ea != eb {
            if rest.is_none() {
                // The wanted path is this entry: changed unless both are trees
                // (a folder is not a file).
                if ea.is_some_and(|e| !e.is_tree) || eb.is_some_and(|e| !e.is_tree) {
                    out.insert(wanted[i].clone());
                }
            }
            let sub_a = ea.filter(|e| e.is_tree).map(|e| e.id);
            let sub_b = eb.filter(|e| e.is_tree).map(|e| e.id);
            let nested = &wanted[i + usize::from(rest.is_none())..group_end];
            if !nested.is_empty() {
                changed(
                    repo,
                    trees,
                    sub_a,
                    sub_b,
                    nested,
                    base + name.len() + 1,
                    out,
                )?;
            }
        }
        i = group_end;
    }
    Ok(())
}

fn first_component(path: &str) -> &str {
    path.split_once('/').map_or(path, |(first, _)| first)
}

/// `folder` relative to `root` as a tree path prefix: empty, or `a/b/`.
fn relative_prefix(root: &Path, folder: &Path) -> Option<String> {
    let rel = folder.strip_prefix(root).ok()?;
    let mut prefix = String::new();
    for part in rel.components() {
        prefix.push_str(part.as_os_str().to_str()?);
        prefix.push('/');
    }
    Some(prefix)
}

#[cfg(test)]
mod tests;
