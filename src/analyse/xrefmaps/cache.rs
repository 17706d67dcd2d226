//! The download cache beside rosetta.yaml: `.rosetta-cache/xref/<key>.map` holds a map as
//! it was downloaded, `<key>.json` its URL and what the server said identifies that copy
//! (`ETag`, `Last-Modified`). The map file's modification time is when the copy was last
//! known to be current: a copy younger than [`FRESH`] is used without asking the server.

use super::fetch::Validators;
use sha1::{Digest, Sha1};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The cache folder, in the site folder.
pub(crate) const DIR: &str = ".rosetta-cache";

/// How long a downloaded copy is used without asking the server again.
pub(crate) const FRESH: Duration = Duration::from_secs(24 * 60 * 60);

/// The cache of one site.
pub(crate) struct Cache {
    dir: PathBuf,
}

/// A cached copy.
pub(crate) struct Cached {
    pub(crate) bytes: Vec<u8>,
    /// How long ago it was downloaded or last found current.
    pub(crate) age: Duration,
    pub(crate) validators: Validators,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Meta {
    url: String,
    #[serde(flatten)]
    validators: Validators,
}

impl Cache {
    /// The cache of the site at `root`.
    pub(crate) fn new(root: &Path) -> Cache {
        Cache {
            dir: root.join(DIR).join("xref"),
        }
    }

    /// The files of `url`'s copy: the map and its description.
    fn files(&self, url: &str) -> (PathBuf, PathBuf) {
        let digest = Sha1::digest(url.as_bytes());
        let key: String = digest[..10].iter().map(|b| format!("{b:02x}")).collect();
        (
            self.dir.join(format!("{key}.map")),
            self.dir.join(format!("{key}.json")),
        )
    }

    /// Where the copy of `url` is kept (whether or not there is one).
    pub(crate) fn copy_path(&self, url: &str) -> PathBuf {
        self.files(url).0
    }

    /// The copy of `url`, when there is one of at most `max_bytes`.
    pub(crate) fn read(&self, url: &str, max_bytes: u64) -> Option<Cached> {
        let (map, meta) = self.files(url);
        let meta: Meta = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
        if meta.url != url {
            return None;
        }
        let file = std::fs::File::open(&map).ok()?;
        let metadata = file.metadata().ok()?;
        let modified = metadata.modified().ok()?;
        let mut bytes = Vec::with_capacity(metadata.len().min(max_bytes) as usize + 1);
        file.take(max_bytes + 1).read_to_end(&mut bytes).ok()?;
        if bytes.len() as u64 > max_bytes {
            return None;
        }
        let age = SystemTime::now()
            .duration_since(modified)
            .unwrap_or_default();
        Some(Cached {
            bytes,
            age,
            validators: meta.validators,
        })
    }

    /// Writes a downloaded copy of `url` beside its place; [`Cache::commit`] puts it in
    /// place, [`Cache::discard`] removes it (a copy that does not read is not kept).
    pub(crate) fn stage(&self, url: &str, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let (map, _) = self.files(url);
        std::fs::write(map.with_extension("partial"), bytes)
    }

    /// Puts the staged copy of `url` in place, with what identifies it.
    pub(crate) fn commit(&self, url: &str, validators: &Validators) -> std::io::Result<()> {
        let (map, meta) = self.files(url);
        let description = serde_json::to_vec(&Meta {
            url: url.to_owned(),
            validators: validators.clone(),
        })
        .map_err(std::io::Error::other)?;
        std::fs::rename(map.with_extension("partial"), &map)?;
        std::fs::write(meta.with_extension("partial"), description)?;
        std::fs::rename(meta.with_extension("partial"), &meta)
    }

    /// Removes the staged copy of `url`.
    pub(crate) fn discard(&self, url: &str) {
        let (map, _) = self.files(url);
        let _ = std::fs::remove_file(map.with_extension("partial"));
    }

    /// Marks the copy of `url` as current now (the server said it did not change).
    pub(crate) fn touch(&self, url: &str) -> std::io::Result<()> {
        let (map, _) = self.files(url);
        std::fs::File::options()
            .write(true)
            .open(map)?
            .set_modified(SystemTime::now())
    }
}

/// An age for people: hours under two days, else days.
pub(crate) fn age(age: Duration) -> String {
    let hours = age.as_secs() / 3600;
    if hours < 48 {
        format!("{hours} h")
    } else {
        format!("{} days", hours / 24)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_read_back_with_their_validators_and_age() {
        let dir = tempfile::tempdir().expect("a folder");
        let cache = Cache::new(dir.path());
        let url = "https://example.org/.xrefmap.json";
        assert!(cache.read(url, 100).is_none());
        let validators = Validators {
            etag: Some("\"v1\"".into()),
            last_modified: None,
        };
        cache.stage(url, b"{\"references\":[]}").expect("staged");
        assert!(cache.read(url, 100).is_none());
        cache.commit(url, &validators).expect("committed");
        let copy = cache.read(url, 100).expect("cached");
        assert_eq!(copy.bytes, b"{\"references\":[]}");
        assert_eq!(copy.validators, validators);
        assert!(copy.age < FRESH);
        // Over the cap: as if not cached.
        assert!(cache.read(url, 4).is_none());
        // Another URL has another copy.
        assert!(cache.read("https://example.org/other.json", 100).is_none());
        let (map, _) = cache.files(url);
        let old = SystemTime::now() - Duration::from_secs(3 * 24 * 3600);
        std::fs::File::options()
            .write(true)
            .open(&map)
            .and_then(|f| f.set_modified(old))
            .expect("aged");
        assert!(cache.read(url, 100).expect("cached").age > FRESH);
        cache.touch(url).expect("touched");
        assert!(cache.read(url, 100).expect("cached").age < FRESH);
        cache.stage(url, b"not a map").expect("staged");
        cache.discard(url);
        assert_eq!(
            cache.read(url, 100).expect("cached").bytes,
            b"{\"references\":[]}"
        );
        assert_eq!(std::fs::read_dir(&cache.dir).expect("a folder").count(), 2);
    }
}
