use super::*;
use crate::status::test_repo::TestRepo;

#[test]
fn resolves_full_and_abbreviated_ids_with_short_id_and_date() {
    let Some(t) = TestRepo::new() else { return };
    t.write("docs/a.md", "# A\n\nfirst\n");
    let first = t.commit("first", "2019-04-02T10:00:00+00:00");
    t.write("docs/a.md", "# A\n\nsecond\n");
    let _second = t.commit("second", "2019-06-30T10:00:00+00:00");
    let mut repo = SourceRepo::open(&t.path("docs")).expect("opens");
    assert_eq!(repo.prefix(), "docs/");
    let full = repo.resolve(&first).expect("full id");
    assert_eq!(full.short, first[..7]);
    assert_eq!(full.date, "2019-04-02");
    let short = repo.resolve(&first[..9].to_uppercase()).expect("prefix");
    assert_eq!(short.id, full.id);
    let blob = repo
        .source_blob_at(&full, "a.md")
        .expect("readable")
        .expect("present");
    assert_eq!(&*repo.blob(blob).expect("blob"), b"# A\n\nfirst\n");
    assert_eq!(repo.source_blob_at(&full, "b.md"), Ok(None));
    assert_eq!(repo.source_blob_at(&full, "a.md/x"), Ok(None));
}

#[test]
fn ids_that_are_not_hex_or_not_present_are_errors_that_say_what_to_do() {
    let Some(t) = TestRepo::new() else { return };
    t.write("a.md", "# A\n");
    let first = t.commit("first", "2019-04-02T10:00:00+00:00");
    let mut repo = SourceRepo::open(&t.path("")).expect("opens");
    assert_eq!(repo.prefix(), "");
    for text in [
        "not-a-commit",
        "abc",
        "",
        "0123456789abcdef0123456789abcdef012345678",
    ] {
        let err = repo.resolve(text).expect_err(text);
        assert!(matches!(err, GitError::NotHex(_)), "{text}: {err:?}");
        assert!(err.to_string().contains("is not a commit id"));
    }
    let absent = "0123456789abcdef0123456789abcdef01234567";
    let err = repo.resolve(absent).expect_err("absent");
    assert_eq!(
        err,
        GitError::Missing {
            id: absent.into(),
            shallow: false
        }
    );
    assert!(err.to_string().contains("fetch"), "{err}");
    assert!(matches!(
        repo.resolve("ffffff1"),
        Err(GitError::Missing { .. })
    ));
    // A blob id is not a commit.
    let blob = t.git(&["rev-parse", &format!("{first}:a.md")]);
    assert_eq!(repo.resolve(&blob), Err(GitError::NotACommit(blob.clone())));
}

#[test]
fn a_commit_beyond_a_shallow_clone_says_to_fetch_the_history() {
    let Some(t) = TestRepo::new() else { return };
    t.write("a.md", "# A\n\nold\n");
    let old = t.commit("old", "2019-04-02T10:00:00+00:00");
    t.write("a.md", "# A\n\nnew\n");
    t.commit("new", "2019-05-02T10:00:00+00:00");
    let clone = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", t.path("").display());
    let target = clone.path().join("shallow");
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(&target)
        .status()
        .expect("git clone");
    assert!(status.success());
    let mut repo = SourceRepo::open(&target).expect("opens");
    let err = repo.resolve(&old).expect_err("not in a shallow clone");
    assert_eq!(
        err,
        GitError::Missing {
            id: old.clone(),
            shallow: true
        }
    );
    assert!(err.to_string().contains("git fetch --unshallow"), "{err}");
    // The walk stops at the shallow boundary instead of failing.
    let found = repo
        .newest_commits_touching(&["a.md".to_owned()])
        .expect("walk");
    assert!(found.contains_key("a.md"));
}

#[test]
fn a_folder_outside_any_repository_cannot_be_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = SourceRepo::open(dir.path()).expect_err("no repository");
    assert!(err.to_string().contains("not in a git repository"), "{err}");
    let err = SourceRepo::open(&dir.path().join("missing")).expect_err("no folder");
    assert!(err.to_string().contains("cannot open"), "{err}");
}

#[test]
fn a_broken_repository_is_an_error_not_a_panic() {
    let Some(t) = TestRepo::new() else { return };
    t.write("a.md", "# A\n");
    t.commit("first", "2019-04-02T10:00:00+00:00");
    std::fs::write(t.path(".git/HEAD"), "not a reference\n").expect("break HEAD");
    std::fs::remove_dir_all(t.path(".git/refs")).expect("break refs");
    // git itself no longer sees a repository there: neither does rosetta, and it says so.
    let err = SourceRepo::open(&t.path("")).expect_err("broken");
    assert!(
        err.to_string().contains("is not in a git repository"),
        "{err}"
    );
}

#[test]
fn symlinked_folders_are_found_in_their_repository() {
    let Some(t) = TestRepo::new() else { return };
    t.write("en/a.md", "# A\n");
    t.commit("first", "2019-04-02T10:00:00+00:00");
    let site = tempfile::tempdir().expect("temp dir");
    let link = site.path().join("en-us");
    #[cfg(unix)]
    std::os::unix::fs::symlink(t.path("en"), &link).expect("symlink");
    #[cfg(unix)]
    assert_eq!(SourceRepo::open(&link).expect("opens").prefix(), "en/");
}

#[test]
fn newest_commit_touching_each_file_in_one_walk() {
    let Some(t) = TestRepo::new() else { return };
    t.write("en/a.md", "a1");
    t.write("zh/a.md", "a1");
    t.write("zh/sub/b.md", "b1");
    let c1 = t.commit("one", "2019-01-01T00:00:00+00:00");
    t.write("zh/a.md", "a2");
    let c2 = t.commit("two", "2019-02-01T00:00:00+00:00");
    t.write("en/a.md", "a3");
    let _c3 = t.commit("three", "2019-03-01T00:00:00+00:00");
    let mut repo = SourceRepo::open(&t.path("en")).expect("opens");
    assert_eq!(repo.folder_in_repo(&t.path("zh")).as_deref(), Some("zh/"));
    let found = repo
        .newest_commits_touching(&["zh/a.md".into(), "zh/sub/b.md".into(), "zh/none.md".into()])
        .expect("walk");
    assert_eq!(found["zh/a.md"].id.to_string(), c2);
    assert_eq!(found["zh/sub/b.md"].id.to_string(), c1);
    assert!(!found.contains_key("zh/none.md"));
}

#[test]
fn last_changes_of_a_folders_files_leave_out_what_head_does_not_hold() {
    let Some(t) = TestRepo::new() else { return };
    t.write("docs/a.md", "one");
    t.write("docs/b.md", "one");
    t.write("other.md", "one");
    t.commit("first", "2020-01-07T10:00:00+00:00");
    t.write("docs/a.md", "two");
    t.write("other.md", "two");
    t.commit("second", "2021-03-04T10:00:00+00:00");
    t.write("docs/untracked.md", "new");
    let mut source = SourceRepo::open(&t.path("docs")).expect("opens");
    let found = source
        .last_changes(&["a.md", "b.md", "untracked.md", "missing.md"])
        .expect("reads");
    let mut dates: Vec<(&str, &str)> = found
        .iter()
        .map(|(p, c)| (p.as_str(), c.date.as_str()))
        .collect();
    dates.sort();
    assert_eq!(dates, [("a.md", "2021-03-04"), ("b.md", "2020-01-07")]);
}

#[test]
fn a_nested_repository_is_not_the_same_repository() {
    let Some(t) = TestRepo::new() else { return };
    t.write("en/a.md", "a");
    t.write("zh/a.md", "a");
    t.commit("one", "2019-01-01T00:00:00+00:00");
    let status = std::process::Command::new("git")
        .args(["init", "-q", "-b", "main"])
        .current_dir(t.path("zh"))
        .status()
        .expect("git init");
    assert!(status.success());
    let repo = SourceRepo::open(&t.path("en")).expect("opens");
    assert_eq!(repo.folder_in_repo(&t.path("zh")), None);
    assert_eq!(repo.folder_in_repo(&t.path("en")).as_deref(), Some("en/"));
}

#[test]
fn a_corrupt_object_is_an_error_not_a_panic() {
    let Some(t) = TestRepo::new() else { return };
    t.write("a.md", "# A\n\nsome text\n");
    let first = t.commit("first", "2019-04-02T10:00:00+00:00");
    let blob = t.git(&["rev-parse", &format!("{first}:a.md")]);
    let file = t.loose_object(&blob);
    let mut perms = std::fs::metadata(&file).expect("object").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&file, perms).expect("writable");
    std::fs::write(&file, b"not zlib at all").expect("corrupt");
    let mut repo = SourceRepo::open(&t.path("")).expect("opens");
    let commit = repo.resolve(&first).expect("commit readable");
    let id = repo
        .source_blob_at(&commit, "a.md")
        .expect("tree readable")
        .expect("present");
    let err = repo.blob(id).expect_err("corrupt");
    assert!(matches!(err, GitError::Unreadable(_)), "{err:?}");
    assert!(err.to_string().contains("git fsck"), "{err}");
}
