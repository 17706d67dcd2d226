//! Output directories: the generator only ever replaces what it wrote itself, recognised
//! by a marker file, and refuses any other non-empty directory.

use std::fs;
use std::path::{Path, PathBuf};

const MARKER: &str = ".rosetta-bench-gen";

/// A directory being (re)written by this tool.
pub struct OutDir {
    root: PathBuf,
}

impl OutDir {
    /// Creates `root`, or clears the entries `owned` by a previous run of this tool in it.
    pub fn prepare(root: &Path, owned: &[&str]) -> Result<OutDir, String> {
        let err = |e: std::io::Error| format!("{}: {e}", root.display());
        if root.exists() {
            let mut entries = fs::read_dir(root).map_err(err)?;
            let empty = entries.next().is_none();
            if !empty {
                if !root.join(MARKER).is_file() {
                    return Err(format!(
                        "{}: not empty and not written by rosetta-bench-gen; choose another directory",
                        root.display()
                    ));
                }
                for name in owned {
                    let p = root.join(name);
                    if p.is_dir() {
                        fs::remove_dir_all(&p).map_err(err)?;
                    } else if p.exists() {
                        fs::remove_file(&p).map_err(err)?;
                    }
                }
            }
        }
        fs::create_dir_all(root).map_err(err)?;
        fs::write(root.join(MARKER), "written by rosetta-bench-gen\n").map_err(err)?;
        Ok(OutDir {
            root: root.to_path_buf(),
        })
    }

    /// Writes `rel` (with `/` separators), creating its folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// The relative URL from a file in folder `from_dir` to `to` (both `/`-separated, relative
/// to the same root).
pub fn rel_path(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to.len().saturating_sub(1));
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::rel_path;

    #[test]
    fn relative_paths() {
        assert_eq!(
            rel_path("docs/area-0", "docs/media/a.png"),
            "../media/a.png"
        );
        assert_eq!(rel_path("docs", "docs/media/a.png"), "media/a.png");
        assert_eq!(rel_path("docs/area-0/sub-1", "docs/a.md"), "../../a.md");
        assert_eq!(rel_path("docs/area-0", "docs/area-0/b.md"), "b.md");
        assert_eq!(rel_path("docs/includes", "docs/includes/x.md"), "x.md");
    }
}
