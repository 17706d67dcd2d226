//! Output safety: complete or untouched, no stale files, never deleting what rosetta did not
//! write.

use crate::harness::{TestSite, rosetta, snapshot, walk};
use std::time::{Duration, Instant};

fn site() -> TestSite {
    let site = TestSite::new();
    site.file("content/en-us/a.md", "# A\n\n![pic](media/pic.png)\n");
    site.file("content/en-us/b.md", "# B\n");
    site.file("content/en-us/media/pic.png", b"\x89PNG fake");
    site
}

#[test]
fn files_without_a_source_do_not_linger() {
    let site = site();
    assert_eq!(site.build(&[]).code, 0);
    assert!(site.exists("public/en-us/b.html"));
    std::fs::remove_file(site.path().join("content/en-us/b.md")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(site.build(&[]).code, 0);
    assert!(!site.exists("public/en-us/b.html"));
    assert!(site.exists("public/en-us/a.html") && site.exists("public/en-us/media/pic.png"));
}

#[test]
fn a_build_that_fails_while_writing_leaves_the_previous_output_byte_identical() {
    let site = site();
    assert_eq!(site.build(&[]).code, 0);
    let public = site.path().join("public");
    let before = snapshot(&public);
    // A source name that fits the file system, whose `.html` output does not: the write
    // fails half-way through the build, whoever runs the test (root included).
    let long = "x".repeat(252);
    site.file(&format!("content/en-us/{long}.md"), "# Long\n");
    let run = site.build(&[]);
    assert_eq!(
        run.code, 2,
        "an output that cannot be written is exit 2: {}",
        run.stderr
    );
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    assert_eq!(snapshot(&public), before, "previous output untouched");
    // And no staging folder is left beside it.
    let leftovers: Vec<_> = walk(site.path())
        .into_iter()
        .filter(|p| {
            p.to_string_lossy().contains(".rosetta-new")
                || p.to_string_lossy().contains(".rosetta-old")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn a_build_into_an_unwritable_folder_leaves_the_previous_output_byte_identical() {
    use std::os::unix::fs::PermissionsExt;
    let site = site();
    let parent = site.path().join("out");
    let public = parent.join("public");
    let out = public.to_string_lossy().into_owned();
    assert_eq!(site.build(&["--out", &out]).code, 0);
    let before = snapshot(&public);
    let set_mode = |mode| {
        std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(mode))
            .unwrap_or_else(|e| panic!("chmod: {e}"))
    };
    set_mode(0o555);
    // Root writes anyway: then only the other test's failure applies.
    let probe = parent.join("probe");
    let enforced = std::fs::write(&probe, b"").is_err();
    let _ = std::fs::remove_file(&probe);
    let run = site.build(&["--out", &out]);
    set_mode(0o755);
    if enforced {
        assert_eq!(run.code, 2, "{}", run.stderr);
    }
    assert_eq!(snapshot(&public), before);
}

#[test]
fn an_interrupted_build_leaves_the_previous_output_byte_identical() {
    let site = TestSite::new();
    for i in 0..3000 {
        site.file(
            &format!("content/en-us/p{i}.md"),
            format!("# Page {i}\n\n{}\n", "Some words for the body. ".repeat(40)),
        );
    }
    let public = site.path().join("public");
    let first = site.build(&["-q"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = snapshot(&public);
    site.file("content/en-us/p0.md", "# Changed\n");
    // Start a second build and kill it as soon as it has started writing its staging folder.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rosetta"))
        .args(["build", ".", "-q"])
        .current_dir(site.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let mut killed_while_writing = false;
    while started.elapsed() < Duration::from_secs(60) {
        let staging = std::fs::read_dir(site.path())
            .into_iter()
            .flatten()
            .flatten()
            .find(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".public.rosetta-new-")
            });
        if let Some(staging) = staging {
            let en = staging.path().join("en-us");
            if std::fs::read_dir(&en).is_ok_and(|mut d| d.next().is_some()) {
                let _ = child.kill();
                killed_while_writing = true;
                break;
            }
        }
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let _ = child.wait();
    assert!(
        killed_while_writing,
        "the build finished before it could be interrupted"
    );
    assert_eq!(snapshot(&public), before, "previous output untouched");
    // The next build cleans up what the interrupted one left and goes through.
    assert_eq!(site.build(&["-q"]).code, 0);
    assert!(site.read("public/en-us/p0.html").contains("Changed"));
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".public.rosetta-"))
        .map(|e| e.path())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_output_folder_not_written_by_rosetta_is_refused_and_kept() {
    let site = site();
    site.file("mine/notes.txt", "keep me");
    let run = site.build(&["--out", "mine"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("not written by rosetta"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("mine/notes.txt"), "keep me");
    assert_eq!(walk(&site.path().join("mine")).len(), 1);
}

#[test]
fn an_output_folder_that_contains_the_site_is_refused_and_nothing_is_deleted() {
    let site = site();
    let before = snapshot(site.path());
    let parent = site
        .path()
        .parent()
        .unwrap_or(site.path())
        .to_string_lossy()
        .into_owned();
    for out in [parent.as_str(), "."] {
        let run = site.build(&["--out", out]);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
        assert!(run.stderr.contains("contains the site"), "{}", run.stderr);
    }
    // From a subfolder too: SITE given explicitly, output its parent.
    let run = rosetta(site.path(), &["build", "content/..", "--out", ".."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(snapshot(site.path()), before, "nothing deleted or written");
}

#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_files_and_rewrites_changed_or_edited_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = site();
    assert_eq!(site.build(&[]).code, 0);
    let public = site.path().join("public");
    let stat =
        |rel: &str| std::fs::metadata(public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let (b_before, pic_before) = (stat("en-us/b.html"), stat("en-us/media/pic.png"));
    // A hand edit in the output is not trusted: the next build writes the file again.
    std::fs::write(public.join("en-us/a.html"), "edited by hand").unwrap_or_else(|e| panic!("{e}"));
    site.file("content/en-us/media/pic.png", b"\x89PNG other");
    assert_eq!(site.build(&[]).code, 0);

    let b_after = stat("en-us/b.html");
    assert_eq!(
        (b_after.ino(), b_after.mtime_nsec(), b_after.mtime()),
        (b_before.ino(), b_before.mtime_nsec(), b_before.mtime()),
        "an unchanged page is the same file, with its modification time"
    );
    assert!(site.read("public/en-us/a.html").contains("<h1"));
    assert_ne!(stat("en-us/media/pic.png").ino(), pic_before.ino());
    assert_eq!(
        std::fs::read(public.join("en-us/media/pic.png")).unwrap_or_default(),
        b"\x89PNG other"
    );
}
