//! A site with a source locale and its git history, for timing translation status: the
//! generated bilingual site, plus `content/en-us` as a git repository whose history edits
//! pages commit by commit, and every translated page naming the source version it was made
//! from (`ms.sourcegitcommit`), as the Microsoft translation repositories do.
//!
//! The history is written with `git fast-import` (the `git` program is needed here, never
//! by rosetta) and repacked as a server would pack a clone.

use crate::rng::{Rng, label};
use crate::site;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use walkdir_lite::files;

/// What to generate.
pub struct Options {
    pub articles: usize,
    pub seed: u64,
    /// Distinct source versions the translations are made from.
    pub versions: usize,
    /// Commits in the source history (at least `versions`).
    pub commits: usize,
}

const SOURCE: &str = "en-us";
const TRANSLATIONS: [&str; 2] = ["zh-tw", "es-es"];
/// 2019-01-01T00:00:00Z: the first commit's date; one commit a day after it.
const START: u64 = 1_546_300_800;

/// Writes the site; returns (source pages, translated pages, commits).
pub fn generate(out: &Path, opts: &Options) -> Result<(usize, usize, usize), String> {
    site::generate(
        out,
        &site::Options {
            articles: opts.articles,
            seed: opts.seed,
            locales: Vec::new(),
            broken_permille: 0,
        },
    )?;
    let content = out.join("content");
    let source_root = content.join(SOURCE);
    // The source starts as the Spanish text: the language does not matter to status.
    let files = files(&content.join("es-es")).map_err(|e| format!("reading the site: {e}"))?;
    let mut texts: Vec<(String, Vec<u8>)> = Vec::new();
    for rel in &files {
        let bytes =
            std::fs::read(content.join("es-es").join(rel)).map_err(|e| format!("{rel}: {e}"))?;
        texts.push((rel.clone(), bytes));
    }
    let pages: Vec<usize> = texts
        .iter()
        .enumerate()
        .filter(|(_, (rel, _))| is_article(rel))
        .map(|(i, _)| i)
        .collect();
    if pages.is_empty() {
        return Err("the site has no articles".into());
    }

    // The history: commit 1 adds everything; each later commit edits one page.
    let commits = opts.commits.max(opts.versions).max(1);
    let mut stream = Vec::new();
    for k in 1..=commits {
        let mut changed: Vec<usize> = Vec::new();
        if k == 1 {
            changed.extend(0..texts.len());
        } else {
            let mut rng = Rng::stream(opts.seed, &[label("history"), k as u64]);
            let i = *rng.pick(&pages);
            edit(&mut texts[i].1, k, &mut rng);
            changed.push(i);
        }
        write_commit(&mut stream, k, &texts, &changed);
    }
    std::fs::create_dir_all(&source_root).map_err(|e| e.to_string())?;
    git(&source_root, &["init", "-q", "-b", "main"], None)?;
    let marks = source_root.join(".git/bench-marks");
    let marks_arg = format!("--export-marks={}", marks.display());
    git(
        &source_root,
        &["fast-import", "--quiet", &marks_arg],
        Some(&stream),
    )?;
    git(&source_root, &["reset", "-q", "--hard", "main"], None)?;
    git(
        &source_root,
        &[
            "repack",
            "-q",
            "-a",
            "-d",
            "-f",
            "--depth=50",
            "--window=50",
        ],
        None,
    )?;
    git(&source_root, &["prune-packed"], None)?;
    let marks = std::fs::read_to_string(&marks).map_err(|e| format!("marks: {e}"))?;
    let mut ids = vec![String::new(); commits + 1];
    for line in marks.lines() {
        if let Some((mark, id)) = line.trim_start_matches(':').split_once(' ')
            && let Ok(k) = mark.parse::<usize>()
            && k <= commits
        {
            ids[k] = id.to_owned();
        }
    }

    // The translations' versions: `versions` commits spread evenly, the last being HEAD.
    let handoffs: Vec<usize> = (1..=opts.versions.max(1))
        .map(|j| (j * commits).div_ceil(opts.versions.max(1)).max(1))
        .collect();
    let mut translated = 0;
    for locale in TRANSLATIONS {
        let root = content.join(locale);
        for &i in &pages {
            let rel = &texts[i].0;
            let path = root.join(rel);
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{rel}: {e}"))?;
            let mut rng = Rng::stream(opts.seed, &[label("handoff"), label(locale), i as u64]);
            let version = &ids[rng.choose(&handoffs)];
            std::fs::write(&path, with_source_commit(&text, version))
                .map_err(|e| format!("{rel}: {e}"))?;
            translated += 1;
        }
    }
    std::fs::write(
        out.join("rosetta.yaml"),
        format!(
            "title: Bench\nlocales: [{SOURCE}, {}]\nsource_locale: {SOURCE}\n",
            TRANSLATIONS.join(", ")
        ),
    )
    .map_err(|e| e.to_string())?;
    Ok((pages.len(), translated, commits))
}

fn is_article(rel: &str) -> bool {
    rel.ends_with(".md") && !rel.contains("includes/") && !rel.ends_with("TOC.md")
}

/// Changes one page the way writers do: a sentence added to a paragraph, or (one time in
/// eight) a new section at the end.
fn edit(text: &mut Vec<u8>, k: usize, rng: &mut Rng) {
    let s = String::from_utf8_lossy(text).into_owned();
    let body_start = body_start(&s);
    let candidates: Vec<usize> = line_starts(&s)
        .into_iter()
        .filter(|&at| at >= body_start && is_prose(&s[at..]))
        .collect();
    let new = if candidates.is_empty() || rng.chance(125) {
        format!("{s}\n## Changes in version {k}\n\nThis section was added in version {k}.\n")
    } else {
        let at = *rng.pick(&candidates);
        let end = s[at..].find(['\r', '\n']).map_or(s.len(), |n| at + n);
        format!("{} Updated in version {k}.{}", &s[..end], &s[end..])
    };
    *text = new.into_bytes();
}

fn line_starts(s: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(s.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < s.len())
        .collect()
}

/// A line of running text (not a heading, list, table, quote, code or directive).
fn is_prose(line: &str) -> bool {
    let first = line.chars().next().unwrap_or('\n');
    first.is_alphabetic()
}

/// The byte where the body starts, after a `---` front matter block.
fn body_start(s: &str) -> usize {
    if !s.starts_with("---") {
        return 0;
    }
    let mut seen_first = false;
    for at in line_starts(s) {
        if s[at..].starts_with("---") {
            if seen_first {
                return s[at..].find('\n').map_or(s.len(), |n| at + n + 1);
            }
            seen_first = true;
        }
    }
    0
}

/// The page with its `ms.sourcegitcommit` set to `commit` (the generated site names a
/// random one; it is replaced), or added as the front matter's first key.
fn with_source_commit(text: &str, commit: &str) -> String {
    const KEY: &str = "ms.sourcegitcommit:";
    let end = body_start(text);
    if let Some(at) = text[..end].find(KEY) {
        let value_end = text[at..].find(['\r', '\n']).map_or(text.len(), |n| at + n);
        return format!("{}{KEY} {commit}{}", &text[..at], &text[value_end..]);
    }
    let Some(rest) = text.strip_prefix("---") else {
        return format!("---\n{KEY} {commit}\n---\n{text}");
    };
    let eol = if rest.starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let rest = rest.trim_start_matches(['\r', '\n']);
    format!("---{eol}{KEY} {commit}{eol}{rest}")
}

/// One `git fast-import` commit: `changed` files written in full.
fn write_commit(stream: &mut Vec<u8>, k: usize, texts: &[(String, Vec<u8>)], changed: &[usize]) {
    let when = START + (k as u64 - 1) * 86_400;
    let message = if k == 1 {
        "Add the documentation".to_owned()
    } else {
        format!("Update {}", texts[changed[0]].0)
    };
    let mut head = String::new();
    let _ = write!(
        head,
        "commit refs/heads/main\nmark :{k}\nauthor Writer <writer@example.org> {when} +0000\ncommitter Writer <writer@example.org> {when} +0000\ndata {}\n{message}\n",
        message.len()
    );
    if k > 1 {
        let _ = writeln!(head, "from :{}", k - 1);
    }
    stream.extend_from_slice(head.as_bytes());
    for &i in changed {
        let (rel, bytes) = &texts[i];
        let _ = write!(stream, "M 100644 inline {rel}\ndata {}\n", bytes.len());
        stream.extend_from_slice(bytes);
        stream.push(b'\n');
    }
    stream.push(b'\n');
}

fn git(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Result<(), String> {
    let mut child = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .spawn()
        .map_err(|e| format!("git {}: {e} (is git installed?)", args[0]))?;
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin
            .write_all(bytes)
            .map_err(|e| format!("git {}: {e}", args[0]))?;
    }
    let status = child.wait().map_err(|e| format!("git {}: {e}", args[0]))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("git {} failed: {status}", args[0]))
    }
}

/// A file walk without a dependency: every file under a folder, sorted, `/` separated.
mod walkdir_lite {
    use std::path::Path;

    pub fn files(root: &Path) -> std::io::Result<Vec<String>> {
        let mut out = Vec::new();
        walk(root, "", &mut out)?;
        out.sort();
        Ok(out)
    }

    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if entry.file_type()?.is_dir() {
                walk(&entry.path(), &path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
}
