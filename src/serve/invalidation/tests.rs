//! What each kind of change rebuilds: a small two-locale site is built by a [`Session`],
//! one file is changed, and the rebuild says whether it was incremental and how many pages
//! it rendered; its output is then compared with a fresh build of the changed site. The
//! planning and the rules it is made of are tested on their own as well.

use super::*;
use crate::markdown::tests::analyse_page;
use crate::output::Fingerprints;
use crate::serve::session::{Outcome, Session};
use crate::site::Site;
use std::path::Path;

/// The site: in each locale a TOC whose entries take their pages' titles (but one), three
/// pages with asset IDs, one with a uid that another page cross-references, an include file
/// two pages use, and an image. The Spanish `c` is at another path, paired by asset ID.
const FILES: &[(&str, &str)] = &[
    ("rosetta.yaml", "title: Test\nlocales: [en-us, es-es]\n"),
    (
        "content/en-us/toc.yml",
        "- href: a.md\n- href: b.md\n- name: C\n  href: c.md\n",
    ),
    (
        "content/en-us/a.md",
        "---\ntitle: A\nms.assetid: a\n---\n# A\n\nSee <xref:page.b>.\n\n![m](media/m.png)\n\n[!INCLUDE[note](includes/note.md)]\n",
    ),
    (
        "content/en-us/b.md",
        "---\ntitle: B\nms.assetid: b\nuid: page.b\n---\n# B\n\nText.\n",
    ),
    (
        "content/en-us/c.md",
        "---\ntitle: C\nms.assetid: c\n---\n# C\n\n[!INCLUDE[note](includes/note.md)]\n",
    ),
    ("content/en-us/includes/note.md", "A note.\n"),
    ("content/en-us/media/m.png", "png"),
    (
        "content/es-es/toc.yml",
        "- href: a.md\n- href: b.md\n- name: Ce\n  href: c-movida.md\n",
    ),
    (
        "content/es-es/a.md",
        "---\ntitle: A es\nms.assetid: a\n---\n# A\n\nVer <xref:page.b>.\n\n![m](media/m.png)\n\n[!INCLUDE[nota](includes/note.md)]\n",
    ),
    (
        "content/es-es/b.md",
        "---\ntitle: B es\nms.assetid: b\nuid: page.b\n---\n# B\n\nTexto.\n",
    ),
    (
        "content/es-es/c-movida.md",
        "---\ntitle: C es\nms.assetid: c\n---\n# C\n\n[!INCLUDE[nota](includes/note.md)]\n",
    ),
    ("content/es-es/includes/note.md", "Una nota.\n"),
    ("content/es-es/media/m.png", "png"),
];

/// A site built once by a session, to change and rebuild.
struct Served {
    site: tempfile::TempDir,
    _out: tempfile::TempDir,
    session: Session,
}

impl Served {
    fn new() -> Served {
        let site = tempfile::tempdir().expect("a temporary folder");
        for (path, text) in FILES {
            write(site.path(), path, text);
        }
        let out = tempfile::tempdir().expect("a temporary folder");
        let mut session = Session::new(
            site.path().to_path_buf(),
            out.path().join("site"),
            false,
            true,
        );
        let first = session.rebuild(None).expect("the first build");
        assert!(!first.incremental);
        assert_eq!(first.rendered, 6);
        Served {
            site,
            _out: out,
            session,
        }
    }

    /// The site as a git repository with one commit (made with the `git` program; `None`,
    /// after a notice, when it is not installed).
    fn with_history() -> Option<Served> {
        let site = tempfile::tempdir().expect("a temporary folder");
        for (path, text) in FILES {
            write(site.path(), path, text);
        }
        git(site.path(), &["init", "-q"], "2020-01-07T10:00:00+00:00")?;
        commit(site.path(), "2020-01-07T10:00:00+00:00");
        let out = tempfile::tempdir().expect("a temporary folder");
        let mut session = Session::new(
            site.path().to_path_buf(),
            out.path().join("site"),
            false,
            true,
        );
        session.rebuild(None).expect("the first build");
        Some(Served {
            site,
            _out: out,
            session,
        })
    }

    /// Rewrites the site file `rel` through `change` and rebuilds after it.
    fn change(&mut self, rel: &str, change: impl FnOnce(&str) -> String) -> Outcome {
        let path = self.site.path().join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        write(self.site.path(), rel, &change(&text));
        self.rebuild(&[rel])
    }

    /// Rebuilds after the site files `rels` changed; checks that the output and the findings
    /// are what a fresh build of the site writes and reports, and that the rebuild reported
    /// as appeared and gone what differs from the findings before it.
    fn rebuild(&mut self, rels: &[&str]) -> Outcome {
        let changed: HashSet<PathBuf> = rels.iter().map(|r| self.site.path().join(r)).collect();
        let before = self.session.findings();
        let outcome = self.session.rebuild(Some(&changed)).expect("a rebuild");
        let fresh = fresh_build(self.site.path());
        assert_eq!(
            differences(self.session.files(), &fresh.files()),
            Vec::<String>::new(),
            "the rebuilt output differs from a fresh build"
        );
        let after = self.session.findings();
        assert_eq!(
            after,
            fresh.findings(),
            "the findings differ from a fresh build's"
        );
        let mut gone = before.clone();
        let mut appeared = Vec::new();
        for d in &after {
            match gone.iter().position(|g| g == d) {
                Some(i) => {
                    gone.remove(i);
                }
                None => appeared.push(d.clone()),
            }
        }
        assert_eq!(outcome.findings.appeared, appeared);
        assert_eq!(outcome.findings.gone, gone.len());
        outcome
    }
}

/// Runs git in `dir` with `date` as the author's and committer's; `None` (after a notice,
/// or a failure under `ROSETTA_TEST_STRICT`) when git is not installed.
fn git(dir: &Path, args: &[&str], date: &str) -> Option<()> {
    let out = std::process::Command::new("git")
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
        .output();
    match out {
        Ok(out) => {
            assert!(
                out.status.success(),
                "git {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(())
        }
        Err(_) => {
            let message = "`git` is not installed: skipping a test that makes a repository";
            if std::env::var_os("ROSETTA_TEST_STRICT").is_some_and(|v| v == "1") {
                panic!("{message}");
            }
            eprintln!("notice: {message}");
            None
        }
    }
}

/// Commits everything in the repository at `dir` at `date`.
fn commit(dir: &Path, date: &str) {
    git(dir, &["add", "-A"], date);
    git(dir, &["commit", "-q", "-m", "change"], date);
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("a folder");
    std::fs::write(path, text).expect("a file");
}

/// A fresh build of the site at `root` (in a folder removed when it is dropped).
fn fresh_build(root: &Path) -> Fresh {
    let out = tempfile::tempdir().expect("a temporary folder");
    let mut session = Session::new(root.to_path_buf(), out.path().join("site"), false, true);
    session.rebuild(None).expect("a fresh build");
    Fresh { _out: out, session }
}

/// A fresh build: what it writes and reports.
struct Fresh {
    _out: tempfile::TempDir,
    session: Session,
}

impl Fresh {
    fn files(&self) -> Fingerprints {
        self.session.files().clone()
    }

    fn findings(&self) -> Vec<crate::diagnostic::Diagnostic> {
        self.session.findings()
    }
}

/// The output files that differ between two outputs.
fn differences(a: &Fingerprints, b: &Fingerprints) -> Vec<String> {
    let mut out: Vec<String> = a
        .iter()
        .filter(|(path, print)| b.get(*path) != Some(print))
        .map(|(path, _)| path.to_string())
        .chain(
            b.keys()
                .filter(|p| !a.contains_key(*p))
                .map(|p| p.to_string()),
        )
        .collect();
    out.sort();
    out
}

#[test]
fn a_page_edit_renders_the_page_and_its_translation() {
    let mut served = Served::new();
    let outcome = served.change("content/en-us/c.md", |t| format!("{t}\nMore.\n"));
    assert!(outcome.incremental);
    // en-us/c.html, and es-es/c-movida.html whose switcher links it.
    assert_eq!(outcome.rendered, 2);
}

#[test]
fn an_edit_that_changes_nothing_the_page_shows_renders_nothing() {
    let mut served = Served::new();
    let outcome = served.change("content/en-us/c.md", |t| format!("{t}\n\n"));
    assert!(outcome.incremental);
    assert_eq!(outcome.rendered, 0);
}

#[test]
fn an_include_edit_renders_every_page_that_includes_it() {
    let mut served = Served::new();
    let outcome = served.change("content/en-us/includes/note.md", |_| "Changed.\n".into());
    assert!(outcome.incremental);
    // en-us a and c include it; their translations show them in the switcher.
    assert_eq!(outcome.rendered, 4);
}

#[test]
fn a_toc_edit_renders_the_pages_of_its_locale() {
    let mut served = Served::new();
    let outcome = served.change("content/es-es/toc.yml", |t| t.replace("Ce", "Ce 2"));
    assert!(outcome.incremental);
    assert_eq!(outcome.rendered, 3);
}

#[test]
fn a_title_edit_renders_the_pages_whose_navigation_shows_it() {
    let mut served = Served::new();
    let outcome = served.change("content/en-us/a.md", |t| t.replace("title: A", "title: A2"));
    assert!(outcome.incremental);
    // The TOC entry of `a` has no name of its own: every en-us page shows the new title;
    // es-es/a.html links en-us/a.html.
    assert_eq!(outcome.rendered, 4);
}

#[test]
fn an_asset_id_edit_pairs_the_translations_again() {
    let mut served = Served::new();
    let outcome = served.change("content/es-es/c-movida.md", |t| {
        t.replace("ms.assetid: c", "ms.assetid: other")
    });
    assert!(outcome.incremental);
    // The two pages of `c` no longer link each other.
    assert_eq!(outcome.rendered, 2);
    assert!(
        outcome
            .findings
            .appeared
            .iter()
            .any(|d| d.code == crate::diagnostic::Code::MissingTranslation),
        "unpaired pages are missing translations"
    );
}

#[test]
fn a_uid_page_edit_that_keeps_its_title_is_incremental() {
    let mut served = Served::new();
    let outcome = served.change("content/en-us/b.md", |t| t.replace("Text.", "Other text."));
    assert!(outcome.incremental);
    assert_eq!(outcome.rendered, 2);
}

#[test]
fn a_uid_title_edit_rebuilds_everything() {
    let mut served = Served::new();
    // `a` shows the title of `page.b` through its cross reference.
    let outcome = served.change("content/en-us/b.md", |t| t.replace("title: B", "title: B2"));
    assert!(!outcome.incremental);
}

#[test]
fn a_redirect_url_rebuilds_everything() {
    let mut served = Served::new();
    let outcome = served.change("content/es-es/b.md", |t| {
        t.replace("title: B es", "title: B es\nredirect_url: a")
    });
    assert!(!outcome.incremental);
}

#[test]
fn a_page_added_or_removed_rebuilds_everything() {
    let mut served = Served::new();
    let outcome = served.change("content/en-us/d.md", |_| "# D\n".into());
    assert!(!outcome.incremental);
    std::fs::remove_file(served.site.path().join("content/en-us/d.md")).expect("removed");
    let outcome = served.rebuild(&["content/en-us/d.md"]);
    assert!(!outcome.incremental);
}

#[test]
fn a_resource_or_the_configuration_rebuilds_everything() {
    let mut served = Served::new();
    let outcome = served.change("content/es-es/media/m.png", |_| "png 2".into());
    assert!(!outcome.incremental);
    let outcome = served.change("rosetta.yaml", |t| t.replace("Test", "Test 2"));
    assert!(!outcome.incremental);
    // The session goes on incrementally after a full rebuild.
    let outcome = served.change("content/en-us/c.md", |t| format!("{t}\nMore.\n"));
    assert!(outcome.incremental);
}

#[test]
fn several_changes_in_one_batch_are_one_incremental_rebuild() {
    let mut served = Served::new();
    write(
        served.site.path(),
        "content/en-us/c.md",
        "---\ntitle: C\nms.assetid: c\n---\n# C\n\nNew.\n",
    );
    write(
        served.site.path(),
        "content/es-es/b.md",
        "---\ntitle: B es\nms.assetid: b\nuid: page.b\n---\n# B\n\nNuevo.\n",
    );
    let outcome = served.rebuild(&["content/en-us/c.md", "content/es-es/b.md"]);
    assert!(outcome.incremental);
    assert_eq!(outcome.rendered, 4);
}

#[test]
fn a_moniker_block_edit_is_a_page_edit_and_a_new_moniker_or_page_range_rebuilds_everything() {
    let mut served = Served::new();
    let block =
        |range: &str| format!("\n::: moniker range=\"{range}\"\nOnly there.\n::: moniker-end\n");
    // The first moniker of a site that names none: every page gets versions.
    let outcome = served.change("content/en-us/c.md", |t| format!("{t}{}", block("v-1")));
    assert!(!outcome.incremental);
    let outcome = served.change("content/es-es/c-movida.md", |t| {
        format!("{t}{}", block("v-2"))
    });
    assert!(!outcome.incremental, "v-2 is new");
    // Ranges of monikers in use: the page and its translation.
    let outcome = served.change("content/en-us/c.md", |t| t.replace("\"v-1\"", "\">= v-1\""));
    assert!(outcome.incremental);
    assert_eq!(outcome.rendered, 2);
    let outcome = served.change("content/es-es/c-movida.md", |t| {
        t.replace("\"v-2\"", "\"v-1 || v-2\"")
    });
    assert!(outcome.incremental);
    // The last use of v-2 goes: the versions change.
    let outcome = served.change("content/es-es/c-movida.md", |t| {
        t.replace("\"v-1 || v-2\"", "\"v-1\"")
    });
    assert!(!outcome.incremental);
    // A page's own range: its navigation entry and search filter.
    let outcome = served.change("content/en-us/b.md", |t| {
        t.replace("title: B", "title: B\nmonikerRange: v-1")
    });
    assert!(!outcome.incremental);
}

/// The locales of the fixture site, as discovered.
fn locales(root: &Path) -> Vec<crate::site::Locale> {
    Site::discover(root, &mut Vec::new())
        .expect("the site")
        .locales
}

#[test]
fn plan_takes_existing_sources_and_leaves_out_folders() {
    let site = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in FILES {
        write(site.path(), path, text);
    }
    let locales = locales(site.path());
    let changed: HashSet<PathBuf> = [
        "content/es-es/toc.yml",
        "content/en-us/a.md",
        "content/en-us/includes/note.md",
        "content/en-us/includes",
    ]
    .iter()
    .map(|r| site.path().join(r))
    .collect();
    assert_eq!(
        plan(&locales, &changed),
        Plan::Sources(vec![
            (0, "a.md".into()),
            (0, "includes/note.md".into()),
            (1, "toc.yml".into()),
        ])
    );
    let full = |rel: &str| {
        let changed: HashSet<PathBuf> = [site.path().join(rel)].into_iter().collect();
        plan(&locales, &changed) == Plan::Full
    };
    assert!(full("content/en-us/media/m.png"), "a resource");
    assert!(full("content/en-us/new.md"), "a file the site did not have");
    assert!(full("content/en-us"), "a locale folder");
    assert!(full("rosetta.yaml"), "outside the locales");
    std::fs::remove_file(site.path().join("content/en-us/b.md")).expect("removed");
    assert!(full("content/en-us/b.md"), "a page removed");
}

#[test]
fn a_source_include_counts_for_the_translations_that_use_it() {
    let include = [("includes/n.md", "Note.\n")];
    let translation = analyse_page("es-es", "p.md", "[!INCLUDE[n](includes/n.md)]\n", &include);
    let other = analyse_page("es-es", "q.md", "Text.\n", &[]);
    let pages = [translation.page, other.page];
    // locale 1 (es-es), source locale 0.
    assert_eq!(
        affected_pages(1, &pages, &[(0, "includes/n.md")], Some(0)),
        vec![0]
    );
    assert_eq!(
        affected_pages(1, &pages, &[(0, "includes/n.md")], None),
        Vec::<usize>::new(),
        "without a source locale another locale's include is not this one's"
    );
    assert_eq!(affected_pages(1, &pages, &[(1, "q.md")], Some(0)), vec![1]);
}

#[test]
fn effects_follow_titles_asset_ids_uids_and_ids() {
    let page = |front: &str, body: &str| {
        analyse_page(
            "en-us",
            "p.md",
            &format!("---\n{front}\n---\n# P\n{body}"),
            &[],
        )
        .page
    };
    let base = page("title: P\nms.assetid: x", "");
    let mut effects = Effects::default();
    effects.page(
        (0, 3),
        &base,
        &page("title: P\nms.assetid: x", "\nMore text.\n"),
    );
    assert_eq!(
        effects,
        Effects {
            pages: vec![(0, 3)],
            ..Effects::default()
        }
    );
    effects.page((0, 4), &base, &page("title: Q\nms.assetid: x", ""));
    assert!(effects.navigation && !effects.pairing && effects.ids.is_empty());
    let mut effects = Effects::default();
    effects.page((0, 3), &base, &page("title: P\nms.assetid: x\nuid: u", ""));
    assert!(effects.pairing && !effects.navigation);
    let mut effects = Effects::default();
    effects.page(
        (1, 2),
        &base,
        &page("title: P\nms.assetid: x", "\n## A section\n"),
    );
    assert_eq!(effects.ids, [(1, 2)]);
    let checks = effects.checks(vec![1]);
    assert_eq!(
        (checks.pages, checks.ids, checks.tocs, checks.pairing),
        (vec![(1, 2)], vec![(1, 2)], vec![1], false)
    );
}

#[test]
fn a_renamed_tab_rechecks_the_links_that_open_tabs_on_the_page() {
    let tabs = |id: &str| {
        analyse_page(
            "en-us",
            "p.md",
            &format!("# P\n\n# [Linux](#tab/{id})\n\nText.\n\n# [Windows](#tab/windows)\n\nMore.\n\n---\n"),
            &[],
        )
        .page
    };
    let (linux, ubuntu) = (tabs("linux"), tabs("ubuntu"));
    assert_ne!(
        linux.tabs, ubuntu.tabs,
        "the page has tabs: {:?}",
        linux.tabs
    );
    let mut effects = Effects::default();
    effects.page((0, 1), &linux, &ubuntu);
    assert_eq!(effects.ids, [(0, 1)]);
    let mut effects = Effects::default();
    effects.page((0, 1), &linux, &tabs("linux"));
    assert!(effects.ids.is_empty());
}

#[test]
fn reread_finds_redirections_and_uids() {
    let file = |front: &str| {
        SourceFile::from_bytes(
            "content/en-us/p.md".into(),
            "p.md".into(),
            (0, "en-us"),
            format!("---\n{front}\n---\n# P\n").as_bytes(),
            &mut Vec::new(),
        )
    };
    let plain = file("title: P");
    assert_eq!(reread(&plain, &file("title: Q")), Ok(false));
    assert_eq!(reread(&plain, &file("title: P\nuid: u")), Ok(true));
    assert_eq!(
        reread(&plain, &file("title: P\nredirect_url: q")),
        Err(NeedsFull)
    );
}

#[test]
fn an_ms_date_edit_renders_the_page_with_its_new_date() {
    let mut served = Served::new();
    served.change("content/en-us/b.md", |t| {
        t.replace("uid: page.b", "uid: page.b\nms.date: 01/07/2020")
    });
    let outcome = served.change("content/en-us/b.md", |t| {
        t.replace("01/07/2020", "03/04/2021")
    });
    assert!(outcome.incremental);
    // en-us/b.html, and es-es/b.html whose switcher links it.
    assert_eq!(outcome.rendered, 2);
}

#[test]
fn pages_keep_their_git_dates_as_a_fresh_build_after_commits_between_rebuilds() {
    let Some(mut served) = Served::with_history() else {
        return;
    };
    let root = served.site.path().to_path_buf();
    // Committed: the page shows the commit's date.
    served.change("content/en-us/a.md", |t| format!("{t}\nMore.\n"));
    commit(&root, "2021-03-04T10:00:00+00:00");
    let outcome = served.rebuild(&["content/en-us/a.md"]);
    assert!(outcome.incremental);
    // Edited, not committed yet: still the last commit's date.
    served.change("content/en-us/b.md", |t| t.replace("Text.", "Other text."));
    // Then committed while nothing else changed: the next rebuild, for another page, gives
    // it the new date too.
    commit(&root, "2022-05-06T10:00:00+00:00");
    let outcome = served.change("content/en-us/c.md", |t| format!("{t}\nMore.\n"));
    assert!(outcome.incremental);
    let page =
        std::fs::read_to_string(served._out.path().join("site/en-us/b.html")).unwrap_or_default();
    assert!(page.contains("datetime=\"2022-05-06\""), "{page}");
}
