//! The stage on small repositories made for each test, and on the real corpus.

use super::test_repo::TestRepo;
use super::*;
use std::path::PathBuf;

fn file(locale: &str, path: &str, text: &str) -> SourceFile {
    SourceFile::from_bytes(
        format!("content/{locale}/{path}").into(),
        path.into(),
        (usize::from(locale != "en-us"), locale),
        text.as_bytes(),
        &mut Vec::new(),
    )
}

/// A translation of `path` made from `commit` (front matter `ms.sourcegitcommit`).
fn translation(path: &str, commit: Option<&str>, body: &str) -> SourceFile {
    let commit = commit.map_or(String::new(), |c| format!("ms.sourcegitcommit: {c}\n"));
    file(
        "zh-tw",
        path,
        &format!("---\ntitle: T\nms.translationtype: HT\n{commit}---\n{body}"),
    )
}

/// Runs the stage for translations of the source pages of `source_root` (read from disk).
fn run(source_root: &Path, zh_root: &Path, pages: &[SourceFile]) -> StatusReport {
    let sources: Vec<SourceFile> = pages
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(source_root.join(&p.path)).expect("source page");
            file("en-us", &p.path, &text)
        })
        .collect();
    let input = Input {
        source_locale: "en-us",
        source_root,
        locales: vec![("zh-tw", zh_root)],
        translations: pages
            .iter()
            .zip(&sources)
            .map(|(page, source)| Translation {
                locale: "zh-tw",
                page,
                source,
            })
            .collect(),
        missing: Vec::new(),
    };
    compute(&input)
}

fn changes(report: &StatusReport) -> Vec<Vec<(Change, String)>> {
    report.locales[0]
        .pages
        .iter()
        .map(|p| match &p.state {
            PageState::Stale(c) => c.iter().map(|c| (c.change, c.id.clone())).collect(),
            _ => Vec::new(),
        })
        .collect()
}

const V1: &str = "---\ntitle: Restart\nms.date: 01/01/2019\n---\n# Restart a device\n\nIntro.\n\n## Before you begin\n\nYou need a device.\n\n## Steps\n\n1. Open the portal.\n2. Select **Restart**.\n\n## Next steps\n\nRead more.\n";

struct Fixture {
    repo: TestRepo,
    zh: tempfile::TempDir,
    a: String,
}

/// A source repository with `en/restart.md` at commit A (V1), then `edit` applied in a
/// commit B; the translation folder is outside the repository.
fn fixture(edit: impl FnOnce(&str) -> String) -> Option<Fixture> {
    let repo = TestRepo::new()?;
    repo.write("en/restart.md", V1);
    repo.write("en/other.md", "# Other\n\nText.\n");
    let a = repo.commit("first version", "2019-04-02T10:00:00+00:00");
    repo.write("en/restart.md", &edit(V1));
    repo.commit("edit", "2019-09-10T10:00:00+00:00");
    let zh = tempfile::tempdir().expect("temp dir");
    Some(Fixture { repo, zh, a })
}

impl Fixture {
    fn run(&self) -> StatusReport {
        run(
            &self.repo.path("en"),
            self.zh.path(),
            &[translation("restart.md", Some(&self.a), "# 重新啟動\n")],
        )
    }
}

#[test]
fn an_edit_in_one_section_reports_exactly_that_section() {
    let Some(f) = fixture(|v| v.replace("You need a device.", "You need an enrolled device."))
    else {
        return;
    };
    let report = f.run();
    assert_eq!(
        changes(&report),
        [[(Change::Changed, "before-you-begin".to_owned())]]
    );
    let page = &report.locales[0].pages[0];
    let version = page.version.as_ref().expect("version");
    assert_eq!(
        (version.short.as_str(), version.date.as_str()),
        (&f.a[..7], "2019-04-02")
    );
    assert_eq!(version.from, VersionFrom::SourceGitCommit);
    let findings = stale_findings(&report);
    assert_eq!(findings.len(), 1);
    let d = &findings[0];
    assert_eq!(
        (d.code, &*d.file, d.line, d.column),
        (Code::StaleTranslation, "content/zh-tw/restart.md", 1, 1)
    );
    assert_eq!(
        d.message,
        format!(
            "the source changed since this translation was made from {} (2019-04-02): 1 section: #before-you-begin (changed)",
            &f.a[..7]
        )
    );
    assert_eq!(d.related.len(), 1);
    assert_eq!(
        (&*d.related[0].file, d.related[0].line),
        ("content/en-us/restart.md", 9)
    );
    assert_eq!(d.related[0].message, "changed section `Before you begin`");
    let c = report.locales[0].counts();
    assert_eq!(
        (c.translated, c.stale, c.stale_sections, c.up_to_date),
        (1, 1, 1, 0)
    );
}

#[test]
fn a_renamed_heading_is_a_removed_and_an_added_section() {
    let Some(f) = fixture(|v| v.replace("## Steps", "## Restart steps")) else {
        return;
    };
    assert_eq!(
        changes(&f.run()),
        [[
            (Change::Removed, "steps".to_owned()),
            (Change::Added, "restart-steps".to_owned())
        ]]
    );
}

#[test]
fn a_deleted_section_is_reported_removed() {
    let Some(f) = fixture(|v| v.replace("## Next steps\n\nRead more.\n", "")) else {
        return;
    };
    let report = f.run();
    assert_eq!(
        changes(&report),
        [[(Change::Removed, "next-steps".to_owned())]]
    );
    // A removed section has no heading in the current source: no related entry.
    assert!(stale_findings(&report)[0].related.is_empty());
}

#[test]
fn whitespace_and_front_matter_edits_are_not_stale() {
    let Some(f) = fixture(|v| {
        v.replace("ms.date: 01/01/2019", "ms.date: 09/09/2019")
            .replace("You need a device.", "You need\na   device.  ")
            .replace("\n\n## Steps", "\n\n\n## Steps")
    }) else {
        return;
    };
    let report = f.run();
    assert_eq!(report.locales[0].pages[0].state, PageState::UpToDate);
    assert!(stale_findings(&report).is_empty());
}

#[test]
fn a_translation_in_the_source_repository_uses_its_newest_commit() {
    let Some(repo) = TestRepo::new() else { return };
    repo.write("en-us/restart.md", V1);
    repo.write("zh-tw/restart.md", "# 重新啟動\n");
    repo.commit("source and translation", "2019-04-02T10:00:00+00:00");
    repo.write(
        "en-us/restart.md",
        &V1.replace("Read more.", "Read much more."),
    );
    let b = repo.commit("source edit", "2019-05-01T10:00:00+00:00");
    repo.write("zh-tw/restart.md", "# 重新啟動\n\n更新。\n");
    let c = repo.commit("translation caught up", "2019-06-01T10:00:00+00:00");
    let b_text = V1.replace("Read more.", "Read much more.");
    repo.write(
        "en-us/restart.md",
        &b_text.replace("Intro.", "A new intro."),
    );
    repo.commit("source edit again", "2019-07-01T10:00:00+00:00");
    let page = file("zh-tw", "restart.md", "# 重新啟動\n\n更新。\n");
    let report = run(&repo.path("en-us"), &repo.path("zh-tw"), &[page]);
    let status = &report.locales[0].pages[0];
    let version = status.version.as_ref().expect("version from history");
    assert_eq!(version.commit, c);
    assert_ne!(version.commit, b);
    assert_eq!(version.from, VersionFrom::TranslationHistory);
    assert_eq!(
        changes(&report),
        [[(Change::Changed, "restart-a-device".to_owned())]]
    );
}

#[test]
fn a_translation_elsewhere_without_a_commit_is_unknown() {
    let Some(f) = fixture(|v| v.to_owned()) else {
        return;
    };
    let report = run(
        &f.repo.path("en"),
        f.zh.path(),
        &[translation("restart.md", None, "# 重新啟動\n")],
    );
    assert!(matches!(
        report.locales[0].pages[0].state,
        PageState::Unknown(Unknown::NoVersion, _)
    ));
    assert_eq!(report.notes.len(), 1);
    assert!(
        report.notes[0].contains("no `ms.sourcegitcommit`; add"),
        "{:?}",
        report.notes
    );
}

#[test]
fn bad_commit_ids_make_the_version_unknown_with_a_note() {
    let Some(f) = fixture(|v| v.replace("Intro.", "New intro.")) else {
        return;
    };
    let pages = [
        translation("restart.md", Some("not-a-commit"), "# 重新啟動\n"),
        translation(
            "other.md",
            Some("0123456789abcdef0123456789abcdef01234567"),
            "# 其他\n",
        ),
    ];
    let report = run(&f.repo.path("en"), f.zh.path(), &pages);
    let states: Vec<&PageState> = report.locales[0].pages.iter().map(|p| &p.state).collect();
    assert!(
        matches!(states[0], PageState::Unknown(Unknown::MissingCommit, m) if m.contains("fetch")),
        "{states:?}"
    );
    assert!(
        matches!(states[1], PageState::Unknown(Unknown::NotACommitId, m) if m.contains("`not-a-commit` is not a commit id")),
        "{states:?}"
    );
    assert_eq!(report.locales[0].counts().unknown, 2);
    assert_eq!(report.notes.len(), 2, "{:?}", report.notes);
    assert!(stale_findings(&report).is_empty());
}

#[test]
fn a_source_folder_outside_any_repository_makes_every_version_unknown() {
    let site = tempfile::tempdir().expect("temp dir");
    let en = site.path().join("en-us");
    std::fs::create_dir_all(&en).expect("mkdir");
    std::fs::write(en.join("a.md"), "# A\n").expect("write");
    let report = run(
        &en,
        site.path(),
        &[translation("a.md", Some("1a2b3c4"), "# A\n")],
    );
    assert!(matches!(
        &report.locales[0].pages[0].state,
        PageState::Unknown(Unknown::NoRepository, m) if m.contains("not in a git repository")
    ));
    assert_eq!(report.notes.len(), 1);
    assert!(
        report.notes[0].contains("a clone of the source repository"),
        "{:?}",
        report.notes
    );
}

#[test]
fn a_source_file_missing_at_the_version_is_unknown() {
    let Some(repo) = TestRepo::new() else { return };
    repo.write("en/old-name.md", V1);
    let a = repo.commit("first", "2019-04-02T10:00:00+00:00");
    repo.remove("en/old-name.md");
    repo.write("en/restart.md", V1);
    repo.commit("rename", "2019-05-02T10:00:00+00:00");
    let zh = tempfile::tempdir().expect("temp dir");
    let report = run(
        &repo.path("en"),
        zh.path(),
        &[translation("restart.md", Some(&a), "")],
    );
    assert!(matches!(
        &report.locales[0].pages[0].state,
        PageState::Unknown(Unknown::FileAbsent, m) if m.contains("`en/restart.md` did not exist")
    ));
}

/// The real corpus: `ms.sourcegitcommit` of every translated page against the source
/// history in `source.bundle`. Its README says 13 pages (7 zh-tw, 6 es-es) are stale.
#[test]
fn corpus_loc2020_has_thirteen_stale_pages() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/loc2020");
    if !corpus.join("source.bundle").exists() {
        let message = format!("{} is missing: skipping the corpus test", corpus.display());
        if std::env::var_os("ROSETTA_TEST_STRICT").is_some_and(|v| v == "1") {
            panic!("{message}");
        }
        eprintln!("notice: {message}");
        return;
    }
    let Some(_git) = TestRepo::new() else { return };
    let tmp = tempfile::tempdir().expect("temp dir");
    let en = tmp.path().join("en-us");
    let status = std::process::Command::new("git")
        .args(["clone", "-q"])
        .arg(corpus.join("source.bundle"))
        .arg(&en)
        .status()
        .expect("git clone");
    assert!(status.success());
    let locales = ["zh-tw", "es-es"];
    let mut pages: Vec<(&str, SourceFile, SourceFile)> = Vec::new();
    for locale in locales {
        let root = corpus.join("content").join(locale);
        for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
            let entry = entry.expect("walk");
            let rel = entry
                .path()
                .strip_prefix(&root)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            if !rel.ends_with(".md") || rel.contains("includes/") || rel.ends_with("TOC.md") {
                continue;
            }
            let Ok(source) = std::fs::read_to_string(en.join(&rel)) else {
                continue;
            };
            let text = std::fs::read_to_string(entry.path()).expect("page");
            pages.push((
                locale,
                file(locale, &rel, &text),
                file("en-us", &rel, &source),
            ));
        }
    }
    let input = Input {
        source_locale: "en-us",
        source_root: &en,
        locales: locales
            .iter()
            .map(|l| (*l, Path::new("/nonexistent")))
            .collect(),
        translations: pages
            .iter()
            .map(|(locale, page, source)| Translation {
                locale,
                page,
                source,
            })
            .collect(),
        missing: Vec::new(),
    };
    let report = compute(&input);
    let findings = stale_findings(&report);
    for d in &findings {
        eprintln!("{}: {}", d.file, d.message);
    }
    let stale: Vec<(usize, usize)> = report
        .locales
        .iter()
        .map(|l| (l.counts().stale, l.counts().unknown))
        .collect();
    assert_eq!(stale, [(7, 0), (6, 0)], "{}", human(&report));
    assert!(findings.iter().any(|d| &*d.file
        == "content/zh-tw/intune/remote-actions/device-restart.md"
        && d.related.iter().any(|r| r.line > 1)));
}
