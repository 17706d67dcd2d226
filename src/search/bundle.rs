//! What a written Pagefind index holds, read back from its files: which content-hashed files
//! (fragments, word index chunks, filters) its metadata lists, so that a rebuild can reuse
//! the previous build's files instead of compressing the same bytes again.
//!
//! A Pagefind index folder has a `pagefind-entry.json` naming, per language, the metadata
//! file `pagefind.<lang>_<hex>.pf_meta`: gzip of `pagefind_dcd` followed by CBOR, an array of
//! version, pages, index chunks, filters, sorts and meta fields. Every other index file is
//! named after a prefix of the SHA-1 of its uncompressed content (`<lang>_<hex>`).

use flate2::read::GzDecoder;
use minicbor::Decoder;
use sha1::{Digest, Sha1};
use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

/// The prefix Pagefind puts before the content of each compressed file.
const MAGIC: &[u8] = b"pagefind_dcd";

/// The content-hashed files an index's metadata lists: path in the index folder
/// (`index/zh-tw_1a2b3c4.pf_index`) → what the metadata says about it (a word range, a
/// page's word count). A file listed under the same name in two builds with a different
/// description is not the same file.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Listing {
    pub files: BTreeMap<String, String>,
    /// Pages in the index.
    pub pages: usize,
}

impl Listing {
    /// Reads the listing of the index in `dir`; `None` when it has none or it cannot be read.
    pub(super) fn read(dir: &Path) -> Option<Listing> {
        let entry: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.join("pagefind-entry.json")).ok()?).ok()?;
        let mut listing = Listing::default();
        for language in entry.get("languages")?.as_object()?.values() {
            let hash = language.get("hash")?.as_str()?;
            if !is_file_name(hash) {
                return None;
            }
            let path = format!("pagefind.{hash}.pf_meta");
            let meta = decompress(&fs::read(dir.join(&path)).ok()?)?;
            listing.add_meta(&meta)?;
            listing.insert(path, "metadata".into())?;
        }
        Some(listing)
    }

    /// Adds the files one metadata file lists.
    fn add_meta(&mut self, cbor: &[u8]) -> Option<()> {
        let mut d = Decoder::new(cbor);
        d.array().ok()?;
        d.str().ok()?; // version
        let mut groups: BTreeMap<String, String> = BTreeMap::new();
        for _ in 0..d.array().ok()?? {
            d.array().ok()?;
            let (hash, words, group) = (d.str().ok()?, d.u32().ok()?, d.str().ok()?);
            self.pages += 1;
            if group.is_empty() {
                self.insert(format!("fragment/{hash}.pf_fragment"), words.to_string())?;
            } else {
                // A group file holds several pages: it is described by all of them.
                let described = groups.entry(format!("fragment/{group}.pf_fragment"));
                let members = described.or_default();
                members.push_str(&format!("{hash} {words};"));
            }
        }
        for (path, members) in groups {
            self.insert(path, members)?;
        }
        for _ in 0..d.array().ok()?? {
            d.array().ok()?;
            let (from, to, hash) = (d.str().ok()?, d.str().ok()?, d.str().ok()?);
            self.insert(format!("index/{hash}.pf_index"), format!("{from}\0{to}"))?;
        }
        for _ in 0..d.array().ok()?? {
            d.array().ok()?;
            let (filter, hash) = (d.str().ok()?, d.str().ok()?);
            self.insert(format!("filter/{hash}.pf_filter"), filter.to_owned())?;
        }
        Some(())
    }

    fn insert(&mut self, path: String, description: String) -> Option<()> {
        let file = path.rsplit('/').next()?;
        let name = stem(file).trim_start_matches("pagefind.");
        is_file_name(name).then(|| {
            self.files.insert(path, description);
        })
    }
}

/// A file name without its extension.
fn stem(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}

/// A name Pagefind gives a file: letters, digits, `-` and `_`, so that it never leaves its
/// folder.
fn is_file_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The content of a compressed index file, without Pagefind's prefix.
fn decompress(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut content = Vec::with_capacity(bytes.len() * 4);
    GzDecoder::new(bytes).read_to_end(&mut content).ok()?;
    content
        .starts_with(MAGIC)
        .then(|| content.split_off(MAGIC.len()))
}

/// Whether the compressed index file `path` (named `<lang>_<hex>.<ext>`) holds the content
/// its name says: a hand-edited or damaged file is not reused.
pub(super) fn holds_its_content(path: &Path) -> bool {
    let Some(hex) = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| stem(n).rsplit_once('_'))
        .map(|(_, hex)| hex)
    else {
        return false;
    };
    let Some(content) = fs::read(path).ok().and_then(|b| decompress(&b)) else {
        return false;
    };
    !hex.is_empty() && content_hash(&content).starts_with(hex)
}

/// Pagefind's content hash: the SHA-1 digest, each byte in lowercase hex without padding.
fn content_hash(content: &[u8]) -> String {
    use std::fmt::Write;
    Sha1::digest(content)
        .iter()
        .fold(String::with_capacity(40), |mut hex, b| {
            let _ = write!(hex, "{b:x}");
            hex
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use minicbor::Encoder;
    use std::io::Write;

    fn compress(content: &[u8]) -> Vec<u8> {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        let _ = gz.write_all(MAGIC);
        let _ = gz.write_all(content);
        gz.finish().expect("compress")
    }

    fn meta() -> Vec<u8> {
        let mut e = Encoder::new(Vec::new());
        let _ = e.array(6).and_then(|e| e.str("1.6.0"));
        let _ = e.array(2);
        for (hash, words) in [("es-es_aaaaaaa", 12u32), ("es-es_bbbbbbb", 7)] {
            let _ = e.array(3).and_then(|e| e.str(hash)?.u32(words)?.str(""));
        }
        let _ = e
            .array(1)
            .and_then(|e| e.array(3)?.str("a")?.str("m")?.str("es-es_ccccccc"));
        let _ = e.array(0).and_then(|e| e.array(0)?.array(0));
        e.into_writer()
    }

    #[test]
    fn the_listing_names_every_fragment_and_chunk_with_its_description() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let entry =
            r#"{"version":"1.6.0","languages":{"es-es":{"hash":"es-es_1234567","page_count":2}}}"#;
        fs::write(dir.path().join("pagefind-entry.json"), entry).expect("write a test file");
        fs::write(
            dir.path().join("pagefind.es-es_1234567.pf_meta"),
            compress(&meta()),
        )
        .expect("write a test file");
        let listing = Listing::read(dir.path());
        let expected = Listing {
            files: BTreeMap::from([
                ("fragment/es-es_aaaaaaa.pf_fragment".into(), "12".into()),
                ("fragment/es-es_bbbbbbb.pf_fragment".into(), "7".into()),
                ("index/es-es_ccccccc.pf_index".into(), "a\0m".into()),
                ("pagefind.es-es_1234567.pf_meta".into(), "metadata".into()),
            ]),
            pages: 2,
        };
        assert_eq!(listing, Some(expected));
        // A metadata file name that would leave the folder is not followed.
        let entry = r#"{"languages":{"es-es":{"hash":"../../etc/x"}}}"#;
        fs::write(dir.path().join("pagefind-entry.json"), entry).expect("write a test file");
        assert_eq!(Listing::read(dir.path()), None);
    }

    #[test]
    fn a_file_is_reused_only_when_its_content_matches_its_name() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let content = b"some index bytes";
        let hash = content_hash(content);
        let good = dir.path().join(format!("es-es_{}.pf_index", &hash[..7]));
        fs::write(&good, compress(content)).expect("write a test file");
        assert!(holds_its_content(&good));
        let edited = dir.path().join(format!("es-es_{}.pf_fragment", &hash[..7]));
        fs::write(&edited, compress(b"other bytes")).expect("write a test file");
        assert!(!holds_its_content(&edited));
        let meta = dir
            .path()
            .join(format!("pagefind.es-es_{}.pf_meta", &hash[..13]));
        fs::write(&meta, compress(content)).expect("write a test file");
        assert!(holds_its_content(&meta));
        let plain = dir.path().join(format!("es-es_{}.pf_filter", &hash[..7]));
        fs::write(&plain, content).expect("write a test file");
        assert!(!holds_its_content(&plain));
    }

    #[test]
    fn the_content_hash_is_unpadded_hex() {
        // SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d: the byte 06 is "6".
        assert_eq!(
            content_hash(b"abc"),
            "a9993e36476816aba3e25717850c26c9cd0d89d"
        );
    }
}
