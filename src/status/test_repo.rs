//! Small git repositories in temporary folders for the tests, made with the `git` program
//! (rosetta itself never runs it). Without `git`, tests skip with a notice; with
//! `ROSETTA_TEST_STRICT=1` they fail instead.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary folder with a git repository at its root.
pub(crate) struct TestRepo {
    dir: tempfile::TempDir,
}

impl TestRepo {
    /// A new empty repository, or `None` (with a notice) when `git` is not installed.
    pub(crate) fn new() -> Option<TestRepo> {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = TestRepo { dir };
        match Command::new("git").arg("--version").output() {
            Ok(out) if out.status.success() => {}
            _ => {
                let message = "`git` is not installed: skipping a test that makes a repository";
                if std::env::var_os("ROSETTA_TEST_STRICT").is_some_and(|v| v == "1") {
                    panic!("{message}");
                }
                eprintln!("notice: {message}");
                return None;
            }
        }
        repo.git(&["init", "-q", "-b", "main"]);
        Some(repo)
    }

    /// A path inside the repository's work tree.
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        if rel.is_empty() {
            self.dir.path().to_path_buf()
        } else {
            self.dir.path().join(rel)
        }
    }

    /// Writes a file of the work tree (folders created).
    pub(crate) fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    }

    /// Removes a file of the work tree.
    pub(crate) fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).expect("remove");
    }

    /// Commits everything at `date` (ISO 8601); returns the full commit id.
    pub(crate) fn commit(&self, message: &str, date: &str) -> String {
        self.git(&["add", "-A"]);
        let out = self
            .command(&["commit", "-q", "--allow-empty", "-m", message])
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .expect("git commit");
        assert!(
            out.status.success(),
            "git commit: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.git(&["rev-parse", "HEAD"])
    }

    /// Runs git in the repository; returns its trimmed standard output.
    pub(crate) fn git(&self, args: &[&str]) -> String {
        let out = self.command(args).output().expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Writer")
            .env("GIT_AUTHOR_EMAIL", "writer@example.org")
            .env("GIT_COMMITTER_NAME", "Writer")
            .env("GIT_COMMITTER_EMAIL", "writer@example.org");
        cmd
    }

    /// The file of a loose object of the repository.
    pub(crate) fn loose_object(&self, id: &str) -> PathBuf {
        Path::new(&self.path(".git/objects"))
            .join(&id[..2])
            .join(&id[2..])
    }
}
