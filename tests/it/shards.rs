//! Locale shards: `build --locale L` of each locale into a folder of its own, the folders
//! copied together, is the whole build byte for byte (search, sitemap, translation status
//! and the files a translation borrows from its source included); a shard reports what
//! `check --locale` reports, which is what a whole check reports for that locale; and the
//! README's GitHub Actions matrix, run step by step, deploys the whole site.

use crate::harness::{TestSite, copy_tree, git, rosetta, snapshot};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const LOCALES: [&str; 3] = ["en-us", "es-es", "zh-tw"];

/// Three locales: en-us the source (a git repository whose page changed since es-es was
/// translated, so es-es is stale), es-es and zh-tw borrowing the source's image, include
/// and a page only the source has; a redirection, uids (xref maps), a TOC entry that takes
/// its title from a page of the source, search on and an absolute base URL (sitemap).
fn shard_site() -> Option<TestSite> {
    let site = TestSite::fixture("source-translations");
    site.file(
        "rosetta.yaml",
        "title: Shards\nlocales: [en-us, es-es, zh-tw]\nsource_locale: en-us\nbase_url: https://example.org/docs/\n",
    );
    let source = site.path().join("content/en-us");
    git(&source, &["init", "-q"])?;
    git(&source, &["add", "-A"])?;
    git(&source, &["commit", "-q", "-m", "first"])?;
    let first = git(&source, &["rev-parse", "HEAD"])?;
    let start = site.read("content/en-us/docs/start.md");
    site.file(
        "content/en-us/docs/start.md",
        start.replace(
            "Sign in with your work account.",
            "Sign in with your work or school account.",
        ),
    );
    git(&source, &["commit", "-q", "-am", "second"])?;
    let es = site.read("content/es-es/docs/start.md");
    site.file(
        "content/es-es/docs/start.md",
        es.replace("0000000000000000000000000000000000000000", &first)
            .replace("title: Introducción", "title: Introducción\nuid: start"),
    );
    site.file(
        "content/zh-tw/docs/TOC.md",
        "# [開始使用](start.md)\n# [](only-source.md)\n# [新名稱](new-name.md)\n",
    );
    // An image only the translations show, kept in the source alone (not a resource of
    // the globs): copied into the source's folder because the translations borrow it.
    site.file(
        "content/en-us/docs/images/diagram.png",
        b"\x89PNG\r\n\x1a\n",
    );
    for locale in ["es-es", "zh-tw"] {
        let path = format!("content/{locale}/docs/new-name.md");
        let text = site.read(&path);
        site.file(&path, format!("{text}\n![diagram](images/diagram.png)\n"));
    }
    // The TOC entry above takes this title from the page's heading.
    let only = site.read("content/en-us/docs/only-source.md");
    site.file(
        "content/en-us/docs/only-source.md",
        only.replace("title: Only in English\n", ""),
    );
    let zh = site.read("content/zh-tw/docs/new-name.md");
    site.file(
        "content/zh-tw/docs/new-name.md",
        zh.replace("title: 新名稱", "title: 新名稱\nuid: new-name"),
    );
    Some(site)
}

/// The findings of a JSON report.
fn diagnostics(run: &crate::harness::Run) -> Vec<Value> {
    run.json()["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The human findings of a run's stderr, without its summary line.
fn findings_text(stderr: &str) -> String {
    let mut lines: Vec<&str> = stderr.lines().collect();
    lines.pop();
    lines.join("\n")
}

#[test]
fn shards_copied_together_are_the_whole_build_byte_for_byte() {
    let Some(site) = shard_site() else { return };
    let root = site.path();
    let outs = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = |name: &str| outs.path().join(name).to_string_lossy().into_owned();
    let whole = rosetta(root, &["build", ".", "--out", &out("whole")]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let joined = outs.path().join("joined");
    // Any order of copying gives the same tree: every shard writes the shared files alike.
    for locale in ["zh-tw", "en-us", "es-es"] {
        let out = out(&format!("shard-{locale}"));
        let run = rosetta(root, &["build", ".", "--locale", locale, "--out", &out]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let summary = run.stderr.lines().last().unwrap_or("");
        assert!(
            summary.starts_with(&format!(
                "built {} pages ({locale} ",
                3 - usize::from(locale != "en-us")
            )),
            "{summary}"
        );
        assert!(summary.contains(&format!("search: {locale} ")), "{summary}");
        let shard = snapshot(Path::new(&out));
        // A shard writes its own locale's folder and search index, and no other locale's
        // pages (a translation's shard copies the image it borrows into the source's folder).
        for other in LOCALES.iter().filter(|l| **l != locale) {
            assert!(
                !shard
                    .keys()
                    .any(|k| k.starts_with(&format!("{other}/")) && k.ends_with(".html")),
                "{locale} wrote pages of {other}"
            );
            assert!(!shard.contains_key(&format!("_rosetta/search/{other}/pagefind-entry.json")));
        }
        copy_tree(Path::new(&out), &joined);
    }
    let whole = snapshot(&outs.path().join("whole"));
    let joined = snapshot(&joined);
    // What the tree holds, so that the comparison is about something.
    for file in [
        ".rosetta-output",
        "index.html",
        "404.html",
        "sitemap.xml",
        "en-us/docs/media/flow.png",
        "en-us/docs/images/diagram.png",
        "es-es/xrefmap.yml",
        "zh-tw/xrefmap.yml",
        "es-es/docs/old-name.html",
        "_rosetta/search/zh-tw/pagefind-entry.json",
    ] {
        assert!(whole.contains_key(file), "the whole build has no {file}");
    }
    let stale_switcher = String::from_utf8_lossy(&whole["zh-tw/docs/start.html"]).into_owned();
    assert!(
        stale_switcher.contains("class=\"lang-stale\"")
            && stale_switcher.contains("Only in English"),
        "the zh-tw page shows es-es as stale and the source's title in its TOC"
    );
    let names = |tree: &BTreeMap<String, Vec<u8>>| tree.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&joined), names(&whole));
    for (file, bytes) in &whole {
        assert!(joined[file] == *bytes, "{file} differs");
    }
}

#[test]
fn a_shard_reports_what_check_locale_reports_and_a_whole_check_has_for_it() {
    let Some(site) = shard_site() else { return };
    let root = site.path();
    let outs = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = outs.path().join("out").to_string_lossy().into_owned();
    let whole = rosetta(root, &["check", ".", "--format", "json"]);
    let all = diagnostics(&whole);
    assert!(all.len() > 5, "{all:?}");
    let mut reported = 0;
    for locale in LOCALES {
        let check = rosetta(
            root,
            &["check", ".", "--format", "json", "--locale", locale],
        );
        let mine: Vec<Value> = all
            .iter()
            .filter(|d| d["locale"] == locale || d["locale"].is_null())
            .cloned()
            .collect();
        assert_eq!(diagnostics(&check), mine, "{locale}");
        reported += mine.len();
        let human = rosetta(root, &["check", ".", "--locale", locale]);
        let build = rosetta(
            root,
            &[
                "build",
                ".",
                "--locale",
                locale,
                "--out",
                &out,
                "--no-search",
            ],
        );
        assert_eq!(
            findings_text(&build.stderr),
            findings_text(&human.stderr),
            "{locale}"
        );
    }
    assert_eq!(reported, all.len());
    // Each locale has findings of its own, so that the comparison is about something.
    for locale in LOCALES {
        assert!(all.iter().any(|d| d["locale"] == locale), "{locale}");
    }
    let stale = all.iter().filter(|d| d["code"] == "stale-translation");
    assert_eq!(stale.count(), 1);
}

#[test]
fn an_unknown_shard_locale_is_a_usage_error() {
    let site = TestSite::fixture("source-translations");
    let run = site.build(&["--locale", "fr-fr"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--locale fr-fr: the site has no such locale"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public"));
}

/// The README's GitHub Actions workflow for shards, parsed.
fn readme_workflow() -> serde_yaml::Value {
    let readme = std::fs::read_to_string(crate::harness::project_root().join("README.md"))
        .unwrap_or_else(|e| panic!("README.md: {e}"));
    let start = readme
        .find("# .github/workflows/site.yml")
        .unwrap_or_else(|| panic!("README.md has no site.yml workflow"));
    let end = readme[start..]
        .find("```")
        .map_or(readme.len(), |e| start + e);
    serde_yaml::from_str(&readme[start..end]).unwrap_or_else(|e| panic!("site.yml: {e}"))
}

/// Runs a workflow step's shell in `dir`, with `rosetta` on the PATH.
fn run_step(dir: &Path, script: &str) {
    let bin = Path::new(env!("CARGO_BIN_EXE_rosetta"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap_or_default();
    let output = Command::new("bash")
        .args(["-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    assert!(
        output.status.success(),
        "{script}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_readme_matrix_builds_shards_and_deploys_the_whole_site() {
    let Some(site) = shard_site() else { return };
    let workflow = readme_workflow();
    let jobs = &workflow["jobs"];
    let matrix: Vec<String> = jobs["build"]["strategy"]["matrix"]["locale"]
        .as_sequence()
        .map(|s| {
            s.iter()
                .filter_map(|l| l.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(matrix, LOCALES);
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let artifacts = work.path().join("artifacts");
    // Each job of the matrix on a fresh checkout: the site is the repository's `docs/`.
    for locale in &matrix {
        let checkout = work.path().join(format!("job-{locale}"));
        copy_tree(site.path(), &checkout.join("docs"));
        for step in jobs["build"]["steps"].as_sequence().into_iter().flatten() {
            let with = |key: &str| {
                step["with"][key]
                    .as_str()
                    .unwrap_or("")
                    .replace("${{ matrix.locale }}", locale)
            };
            match (step["run"].as_str(), step["uses"].as_str()) {
                (Some(run), _) if run.contains("cargo install") => {}
                (Some(run), _) => run_step(&checkout, &run.replace("${{ matrix.locale }}", locale)),
                (_, Some(uses)) if uses.starts_with("actions/upload-artifact") => {
                    assert_eq!(step["with"]["include-hidden-files"].as_bool(), Some(true));
                    copy_tree(&checkout.join(with("path")), &artifacts.join(with("name")));
                }
                _ => {}
            }
        }
    }
    // The job that joins the shards and deploys them.
    let deploy = work.path().join("deploy");
    std::fs::create_dir_all(&deploy).unwrap_or_else(|e| panic!("{e}"));
    let mut published = None;
    for step in jobs["deploy"]["steps"].as_sequence().into_iter().flatten() {
        let with = |key: &str| step["with"][key].as_str().unwrap_or("").to_owned();
        match (step["run"].as_str(), step["uses"].as_str()) {
            (Some(run), _) => run_step(&deploy, run),
            (_, Some(uses)) if uses.starts_with("actions/download-artifact") => {
                let prefix = with("pattern").trim_end_matches('*').to_owned();
                for entry in std::fs::read_dir(&artifacts)
                    .into_iter()
                    .flatten()
                    .flatten()
                {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with(&prefix) {
                        copy_tree(&entry.path(), &deploy.join(with("path")).join(&name));
                    }
                }
            }
            (_, Some(uses)) if uses.starts_with("actions/upload-pages-artifact") => {
                published = Some(deploy.join(with("path")));
            }
            _ => {}
        }
    }
    let published = published.unwrap_or_else(|| panic!("no upload-pages-artifact step"));
    let out = work.path().join("whole").to_string_lossy().into_owned();
    let whole = rosetta(site.path(), &["build", ".", "--out", &out]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let whole = snapshot(Path::new(&out));
    let deployed = snapshot(&published);
    assert_eq!(
        deployed.keys().collect::<Vec<_>>(),
        whole.keys().collect::<Vec<_>>()
    );
    assert!(
        deployed == whole,
        "the deployed site differs from a whole build"
    );
}
