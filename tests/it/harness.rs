//! The test harness: sites in temporary folders, the `rosetta` binary run on them, and the
//! shared real data (`../shared`) and Chromium found or skipped.
//!
//! Tests that need `../shared` or Chromium skip with a visible notice when they are absent;
//! with `ROSETTA_TEST_STRICT=1` (set by `.ci/run`) a missing one fails the test instead.

#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The variable that turns skips into failures.
pub const STRICT_VAR: &str = "ROSETTA_TEST_STRICT";

/// Skips (returns `None` after a notice) or fails, for a missing prerequisite.
pub fn missing<T>(what: &str) -> Option<T> {
    if std::env::var_os(STRICT_VAR).is_some_and(|v| v != "0") {
        panic!("{what} is required ({STRICT_VAR} is set)");
    }
    // Written to the process's stderr itself, not through `eprintln!`, which the test runner
    // captures and hides for a passing test: a skip must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {}: {what} is not available",
        std::thread::current().name().unwrap_or("a test")
    );
    None
}

/// The shared real data folder (`../shared` beside the project), or a skip.
pub fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpus/user-help/content").is_dir() && dir.join("seeds").is_dir() {
        Some(dir)
    } else {
        missing("../shared (seeds and corpus)")
    }
}

/// The real 113-article corpus (read-only).
pub fn corpus() -> Option<PathBuf> {
    shared().map(|s| s.join("corpus/user-help"))
}

/// The project's own repository root.
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// The stdout parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// Runs `rosetta` with arguments in `dir`.
pub fn rosetta(dir: &Path, args: &[&str]) -> Run {
    rosetta_with_env(dir, args, &[])
}

/// Runs `rosetta` with arguments in `dir` and extra environment variables.
pub fn rosetta_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_rosetta"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("cannot run rosetta: {e}"));
    Run::from(output)
}

/// A site in a temporary folder.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site.
    pub fn new() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
        }
    }

    /// A copy of a fixture under `tests/sites/<name>/`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::new();
        copy_tree(&project_root().join("tests/sites").join(name), site.path());
        site
    }

    /// A copy of the project's own site: `content/` and `rosetta.yaml`.
    pub fn project_guide() -> TestSite {
        let site = TestSite::new();
        copy_tree(
            &project_root().join("content"),
            &site.path().join("content"),
        );
        std::fs::copy(
            project_root().join("rosetta.yaml"),
            site.path().join("rosetta.yaml"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        site
    }

    /// The seed article pair from `seeds`, at paths that differ between the locales:
    /// `content/zh-tw/lookout/troubleshoot.md` and
    /// `content/es-es/lookout/solucionar-problemas.md`.
    pub fn with_seed_pair(seeds: &Path) -> TestSite {
        let site = TestSite::new();
        let read = |name: &str| std::fs::read(seeds.join(name)).unwrap_or_else(|e| panic!("{e}"));
        site.file(
            "content/zh-tw/lookout/troubleshoot.md",
            read("000_6db2a556521a1ef9.txt"),
        );
        site.file(
            "content/es-es/lookout/solucionar-problemas.md",
            read("004_fa897be420cbd0ea.txt"),
        );
        site
    }

    /// A copy of any folder (e.g. the real corpus).
    pub fn copy_of(dir: &Path) -> TestSite {
        let site = TestSite::new();
        copy_tree(dir, site.path());
        site
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (parents created), relative to the site root.
    pub fn file(&self, rel: &str, content: impl AsRef<[u8]>) -> &Self {
        let path = self.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("mkdir {}: {e}", parent.display()));
        }
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        self
    }

    /// Reads an output or source file as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.path().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path().join(rel).exists()
    }

    /// `rosetta build` with extra arguments (output: `public/`).
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build", "."];
        all.extend_from_slice(args);
        rosetta(self.path(), &all)
    }

    /// `rosetta check --format json`; returns the run and the diagnostics.
    pub fn check_json(&self, args: &[&str]) -> (Run, Vec<Value>) {
        let mut all = vec!["check", ".", "--format", "json"];
        all.extend_from_slice(args);
        let run = rosetta(self.path(), &all);
        let diagnostics = run.json()["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        (run, diagnostics)
    }
}

/// Copies a folder tree (files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walk(from) {
        let rel = entry.strip_prefix(from).unwrap_or(&entry);
        let dest = to.join(rel);
        if entry.is_dir() {
            std::fs::create_dir_all(&dest)
                .unwrap_or_else(|e| panic!("mkdir {}: {e}", dest.display()));
        } else {
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)
                    .unwrap_or_else(|e| panic!("mkdir {}: {e}", parent.display()));
            }
            std::fs::copy(&entry, &dest)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.display()));
        }
    }
}

/// Every path under `dir`, sorted.
/// Every file under `dir`, by its path from `dir`, with its bytes.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walk(dir)
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            let rel = p
                .strip_prefix(dir)
                .unwrap_or(&p)
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&p).unwrap_or_default();
            (rel, bytes)
        })
        .collect()
}

pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Runs git in `dir` as a fixed writer on a fixed date (2024-03-01), with the user's and the
/// system's configuration left out; see [`git_on`].
pub fn git(dir: &Path, args: &[&str]) -> Option<String> {
    git_on(dir, "2024-03-01T10:00:00+00:00", args)
}

/// Runs git in `dir` as a fixed writer with `date` as author and commit date, with the
/// user's and the system's configuration left out (branch `main`, no line-ending changes).
/// Returns its trimmed output, or `None` after a notice when git is not installed; a git
/// command that fails fails the test.
pub fn git_on(dir: &Path, date: &str, args: &[&str]) -> Option<String> {
    let output = match Command::new("git")
        .args(["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Writer")
        .env("GIT_AUTHOR_EMAIL", "writer@example.org")
        .env("GIT_COMMITTER_NAME", "Writer")
        .env("GIT_COMMITTER_EMAIL", "writer@example.org")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
    {
        Ok(output) => output,
        Err(_) => return missing("git"),
    };
    assert!(
        output.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Diagnostics with a given code.
pub fn with_code<'d>(diagnostics: &'d [Value], code: &str) -> Vec<&'d Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

/// `file:line:col code` of a diagnostic, for compact assertions.
pub fn place(d: &Value) -> String {
    format!(
        "{}:{}:{} {}",
        d["file"].as_str().unwrap_or("?"),
        d["line"],
        d["column"],
        d["code"].as_str().unwrap_or("?")
    )
}

/// The diagnostics' places, sorted.
pub fn places(diagnostics: &[Value]) -> Vec<String> {
    let mut p: Vec<String> = diagnostics.iter().map(place).collect();
    p.sort();
    p
}
