//! rosetta-floor: the least work any Markdown site generator does, as the benchmark's
//! floor. For every `.md` under SRC_DIR: read it, drop a leading YAML front matter block,
//! render it with pulldown-cmark (the version rosetta uses), wrap it in a minimal HTML
//! page and write OUT_DIR/<same relative path, .md → .html>, in parallel. No includes, links,
//! templates, navigation or search: everything rosetta does beyond this is its overhead.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

const USAGE: &str = "usage: rosetta-floor SRC_DIR OUT_DIR";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, out] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    match run(Path::new(src), Path::new(out)) {
        Ok(files) => {
            eprintln!(
                "rosetta-floor: {files} files in {:.3} s",
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("rosetta-floor: error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(src: &Path, out: &Path) -> Result<usize, String> {
    if !src.is_dir() {
        return Err(format!("{}: not a directory", src.display()));
    }
    let mut sources: Vec<PathBuf> = Vec::new();
    for entry in WalkDir::new(src) {
        let entry = entry.map_err(|e| e.to_string())?;
        let is_md = entry
            .path()
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if entry.file_type().is_file() && is_md {
            sources.push(entry.into_path());
        }
    }
    sources
        .par_iter()
        .map(|path| render_file(src, out, path))
        .collect::<Result<Vec<()>, String>>()?;
    Ok(sources.len())
}

fn render_file(src: &Path, out: &Path, path: &Path) -> Result<(), String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let body = strip_front_matter(&text);
    let mut page = String::with_capacity(body.len() * 3 / 2 + 64);
    page.push_str("<!DOCTYPE html>\n<html><body>\n");
    html::push_html(&mut page, Parser::new_ext(body, options()));
    page.push_str("</body></html>\n");
    let rel = path
        .strip_prefix(src)
        .map_err(|_| format!("{}: outside {}", path.display(), src.display()))?;
    let dest = out.join(rel).with_extension("html");
    if let Some(parent) = dest.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(&dest, page).map_err(|e| format!("{}: {e}", dest.display()))
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// The text after a leading `---` … `---` (or `...`) block; a BOM and CRLF are tolerated.
fn strip_front_matter(text: &str) -> &str {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = t.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return t;
    };
    if first.trim_end() != "---" {
        return t;
    }
    let mut pos = first.len();
    for line in lines {
        pos += line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return &t[pos..];
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::strip_front_matter;

    #[test]
    fn front_matter_is_stripped() {
        assert_eq!(strip_front_matter("---\r\na: 1\r\n---\r\n# T"), "# T");
        assert_eq!(strip_front_matter("\u{feff}---\na: 1\n...\nx"), "x");
        assert_eq!(strip_front_matter("---\nunclosed"), "---\nunclosed");
        assert_eq!(strip_front_matter("# T\n---\n"), "# T\n---\n");
    }
}
