//! Translation status: `stale-translation` findings in `check` and `build`,
//! `rosetta status` in its three formats, and bad history (a commit id that is not hex, a
//! commit that is not there, a corrupt object, no repository) as summary notes while the
//! rest of the check runs. Sites get their source history from the `git` program here;
//! rosetta itself reads git in-process.

use crate::harness::{TestSite, git, rosetta};
use crate::source::{loc2020, served_loc2020};
use serde_json::Value;
use std::collections::BTreeMap;

/// The stale pages of loc2020 (the 13 its README names), locale-relative under `intune/`.
const STALE: [&str; 13] = [
    "es-es/intune/developer/intune-graph-apis.md",
    "es-es/intune/remote-actions/custom-notifications.md",
    "es-es/intune/remote-actions/device-inventory.md",
    "es-es/intune/remote-actions/device-management.md",
    "es-es/intune/remote-actions/device-restart.md",
    "es-es/intune/remote-actions/troubleshoot-device-actions.md",
    "zh-tw/intune/developer/app-sdk-ios.md",
    "zh-tw/intune/developer/intune-graph-apis.md",
    "zh-tw/intune/remote-actions/custom-notifications.md",
    "zh-tw/intune/remote-actions/device-inventory.md",
    "zh-tw/intune/remote-actions/device-management.md",
    "zh-tw/intune/remote-actions/device-restart.md",
    "zh-tw/intune/remote-actions/troubleshoot-device-actions.md",
];

#[test]
fn loc2020_reports_exactly_the_thirteen_stale_pages_and_status_agrees() {
    let Some(dir) = loc2020() else { return };
    let run = rosetta(dir, &["check", ".", "--format", "json"]);
    let stale: Vec<Value> = run.json()["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d["code"] == "stale-translation")
        .collect();
    let files: Vec<&str> = stale
        .iter()
        .filter_map(|d| d["file"].as_str()?.strip_prefix("content/"))
        .collect();
    assert_eq!(files, STALE);
    for d in &stale {
        assert_eq!(
            (d["severity"].as_str(), d["line"].as_u64()),
            (Some("warning"), Some(1))
        );
    }
    // The README's example: the first section of device-restart changed, since 034732b.
    let restart = &stale[11];
    assert_eq!(
        restart["message"],
        "the source changed since this translation was made from 034732b (2019-12-06): 1 section: #remotely-restart-devices-with-intune (changed)"
    );
    let related = &restart["related"][0];
    assert_eq!(
        related["file"],
        "content/en-us/intune/remote-actions/device-restart.md"
    );
    assert!(related["line"].as_u64() > Some(1), "{related}");
    let source =
        std::fs::read_to_string(dir.join("content/en-us/intune/remote-actions/device-restart.md"))
            .unwrap_or_default();
    let line = related["line"].as_u64().unwrap_or(0) as usize;
    assert!(
        source
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.starts_with('#')),
        "related points at the heading"
    );

    // `rosetta status` names the same pages with the same sections.
    let status = rosetta(dir, &["status", ".", "--format", "json"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    let doc = status.json();
    let mut from_status: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for locale in doc["locales"].as_array().cloned().unwrap_or_default() {
        for page in locale["pages"].as_array().cloned().unwrap_or_default() {
            if page["state"] == "stale" {
                let sections = page["sections"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .map(|s| {
                        format!(
                            "#{} ({})",
                            s["id"].as_str().unwrap_or(""),
                            s["change"].as_str().unwrap_or("")
                        )
                    })
                    .collect();
                from_status.insert(page["file"].as_str().unwrap_or("").to_owned(), sections);
            }
        }
        let stale_count = locale["stale"].as_u64().unwrap_or(0);
        let expected = if locale["locale"] == "zh-tw" { 7 } else { 6 };
        assert_eq!(stale_count, expected, "{locale}");
        assert_eq!(locale["translated"], 52);
        assert_eq!(locale["missing"], 1);
    }
    let from_check: BTreeMap<String, Vec<String>> = stale
        .iter()
        .map(|d| {
            let message = d["message"].as_str().unwrap_or("");
            let list = message
                .split_once("section: ")
                .or_else(|| message.split_once("sections: "));
            let sections = list
                .map(|(_, l)| l.split(", ").map(str::to_owned).collect())
                .unwrap_or_default();
            (d["file"].as_str().unwrap_or("").to_owned(), sections)
        })
        .collect();
    assert_eq!(from_check, from_status);
}

#[test]
fn loc2020_status_formats() {
    let Some(dir) = loc2020() else { return };
    let human = rosetta(dir, &["status", "."]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human
            .stdout
            .contains("zh-tw           52          44            7 (23)"),
        "{}",
        human.stdout
    );
    let markdown = rosetta(
        dir,
        &["status", ".", "--format", "markdown", "--locale", "es-es"],
    );
    assert_eq!(markdown.code, 0);
    assert!(
        markdown.stdout.starts_with("## Translation status\n"),
        "{}",
        markdown.stdout
    );
    assert!(
        markdown.stdout.contains("| `es-es` | 52 | 45 | 6 (17) |"),
        "{}",
        markdown.stdout
    );
    assert!(
        !markdown.stdout.contains("zh-tw"),
        "--locale keeps one locale"
    );
    let bad = rosetta(dir, &["status", ".", "--locale", "fr-fr"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn status_needs_a_source_locale() {
    let site = TestSite::new();
    site.file("content/zh-tw/a.md", "# A\n")
        .file("content/es-es/a.md", "# A\n");
    let run = rosetta(site.path(), &["status", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("source_locale"), "{}", run.stderr);
}

const SOURCE: &str = "# Restart\n\nIntro.\n\n## Steps\n\nOpen the portal.\n";

/// A site whose en-us folder is a git repository with one commit; returns the commit.
fn site_with_history(site: &TestSite) -> Option<String> {
    site.file(
        "rosetta.yaml",
        "locales: [en-us, zh-tw]\nsource_locale: en-us\n",
    )
    .file("content/en-us/restart.md", SOURCE)
    .file("content/en-us/other.md", "# Other\n\nText.\n")
    .file("content/en-us/third.md", "# Third\n\nText.\n");
    let repo = site.path().join("content/en-us");
    git(&repo, &["init", "-q", "-b", "main"])?;
    git(&repo, &["add", "-A"])?;
    git(&repo, &["commit", "-q", "-m", "first"])?;
    git(&repo, &["rev-parse", "HEAD"])
}

#[test]
fn bad_history_gives_notes_and_the_rest_of_the_check_runs() {
    let site = TestSite::new();
    let Some(commit) = site_with_history(&site) else {
        return;
    };
    // The source changes after the translations were made.
    site.file(
        "content/en-us/restart.md",
        SOURCE.replace("Open the portal.", "Open the new portal."),
    );
    let page = |name: &str, id: &str| {
        format!("---\ntitle: T\nms.sourcegitcommit: {id}\n---\n# {name}\n\n[broken](missing.md)\n")
    };
    site.file("content/zh-tw/restart.md", page("重新啟動", &commit))
        .file("content/zh-tw/other.md", page("其他", "not-a-commit"))
        .file(
            "content/zh-tw/third.md",
            page("第三", "0123456789abcdef0123456789abcdef01234567"),
        );
    let (run, diagnostics) = site.check_json(&[]);
    let codes: Vec<(&str, &str)> = diagnostics
        .iter()
        .filter_map(|d| Some((d["file"].as_str()?, d["code"].as_str()?)))
        .collect();
    // The stale page is reported; the bad ids do not stop the check: the broken links of
    // every page are there.
    assert!(
        codes.contains(&("content/zh-tw/restart.md", "stale-translation")),
        "{codes:?}"
    );
    for file in ["other", "restart", "third"] {
        let file = format!("content/zh-tw/{file}.md");
        assert!(codes.contains(&(file.as_str(), "broken-link")), "{codes:?}");
    }
    assert_eq!(
        codes
            .iter()
            .filter(|(_, c)| *c == "stale-translation")
            .count(),
        1
    );

    let human = rosetta(site.path(), &["check", "."]);
    assert!(!human.stderr.contains("panicked"), "{}", human.stderr);
    assert!(
        human
            .stderr
            .contains("`ms.sourcegitcommit` is not a commit id"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("git fetch --unshallow"),
        "{}",
        human.stderr
    );
    assert_eq!(run.code, 1);

    let status = rosetta(site.path(), &["status", ".", "--format", "json"]);
    assert_eq!(status.code, 0);
    let pages = status.json()["locales"][0]["pages"].clone();
    let states: Vec<&str> = pages
        .as_array()
        .map(|p| p.iter().filter_map(|p| p["state"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(states, ["unknown", "stale", "unknown"]);
    assert!(
        pages[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("`not-a-commit` is not a commit id"))
    );
}

#[test]
fn a_corrupt_object_is_a_note_not_a_crash() {
    let site = TestSite::new();
    let Some(commit) = site_with_history(&site) else {
        return;
    };
    let repo = site.path().join("content/en-us");
    let Some(blob) = git(&repo, &["rev-parse", &format!("{commit}:restart.md")]) else {
        return;
    };
    let object = repo.join(".git/objects").join(&blob[..2]).join(&blob[2..]);
    let _ = std::fs::remove_file(&object);
    std::fs::write(&object, b"garbage, not zlib").unwrap_or_else(|e| panic!("{e}"));
    site.file(
        "content/zh-tw/restart.md",
        format!("---\nms.sourcegitcommit: {commit}\n---\n# 重新啟動\n\n[broken](missing.md)\n"),
    );
    let run = rosetta(site.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("broken-link"), "{}", run.stderr);
    assert!(run.stderr.contains("git fsck"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_source_outside_any_repository_is_a_note() {
    let site = TestSite::new();
    site.file(
        "rosetta.yaml",
        "locales: [en-us, zh-tw]\nsource_locale: en-us\n",
    )
    .file("content/en-us/a.md", "# A\n")
    .file(
        "content/zh-tw/a.md",
        "---\nms.sourcegitcommit: 1a2b3c4\n---\n# A\n\n[broken](missing.md)\n",
    );
    let run = rosetta(site.path(), &["check", "."]);
    assert!(run.stderr.contains("broken-link"), "{}", run.stderr);
    assert!(
        run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
    let status = rosetta(site.path(), &["status", "."]);
    assert_eq!(status.code, 0);
    assert!(
        status.stdout.contains("not in a git repository"),
        "{}",
        status.stdout
    );
}

#[test]
fn ids_of_sections_added_since_the_translation_are_staleness_not_anchor_drift() {
    let site = TestSite::new();
    let Some(commit) = site_with_history(&site) else {
        return;
    };
    // After the translations were made, the source gains a section.
    site.file(
        "content/en-us/restart.md",
        format!("{SOURCE}\n## Troubleshoot\n\nRestart again.\n"),
    );
    // zh-tw carries every id of the version it was made from; es-es is made from the same
    // version but lacks one of its ids (`steps`): that is drift of its own.
    site.file(
        "rosetta.yaml",
        "locales: [en-us, zh-tw, es-es]\nsource_locale: en-us\n",
    )
    .file(
        "content/zh-tw/restart.md",
        format!(
            "---\nms.sourcegitcommit: {commit}\n---\n# <a name=\"restart\"></a>重新啟動\n\n簡介。\n\n## <a name=\"steps\"></a>步驟\n\n開啟入口網站。\n"
        ),
    )
    .file(
        "content/es-es/restart.md",
        format!(
            "---\nms.sourcegitcommit: {commit}\n---\n# <a name=\"restart\"></a>Reiniciar\n\nIntro.\n\n## Pasos\n\nAbra el portal.\n"
        ),
    );
    let (_, diagnostics) = site.check_json(&[]);
    let at = |code: &str, locale: &str| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d["code"] == code && d["locale"] == locale)
            .map(|d| d["message"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    for locale in ["zh-tw", "es-es"] {
        let stale = at("stale-translation", locale);
        assert!(
            stale.len() == 1 && stale[0].ends_with("1 section: #troubleshoot (added)"),
            "{locale}: {stale:?}"
        );
    }
    assert_eq!(at("anchor-mismatch", "zh-tw"), Vec::<String>::new());
    let drift = at("anchor-mismatch", "es-es");
    assert!(
        drift.len() == 1 && drift[0].contains("`steps`") && !drift[0].contains("troubleshoot"),
        "{drift:?}"
    );
}

#[test]
fn a_translation_in_the_source_repository_is_dated_by_its_own_commits() {
    let site = TestSite::new();
    site.file(
        "rosetta.yaml",
        "locales: [en-us, zh-tw]\nsource_locale: en-us\n",
    )
    .file("content/en-us/a.md", SOURCE)
    .file("content/zh-tw/a.md", "# 重新啟動\n");
    let root = site.path();
    let made = git(root, &["init", "-q", "-b", "main"])
        .and_then(|_| git(root, &["add", "-A"]))
        .and_then(|_| git(root, &["commit", "-q", "-m", "both"]));
    if made.is_none() {
        return;
    }
    site.file(
        "content/en-us/a.md",
        SOURCE.replace("Intro.", "A new intro."),
    );
    let Some(_) = git(root, &["commit", "-q", "-am", "source edit"]) else {
        return;
    };
    let (_, diagnostics) = site.check_json(&[]);
    let stale: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "stale-translation")
        .collect();
    assert_eq!(stale.len(), 1, "{diagnostics:?}");
    assert!(
        stale[0]["message"]
            .as_str()
            .is_some_and(|m| m.ends_with("1 section: #restart (changed)")),
        "{}",
        stale[0]
    );
}

#[test]
fn loc2020_stale_pages_show_a_banner_marked_headings_and_switcher_marks() {
    let Some(site) = served_loc2020() else { return };
    let read = |rel: &str| std::fs::read_to_string(site.public.join(rel)).unwrap_or_default();
    let restart = read("zh-tw/intune/remote-actions/device-restart.html");
    let document = scraper::Html::parse_document(&restart);
    let select = |css: &str| scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{e}"));
    let banner: Vec<String> = document
        .select(&select("article .stale-notice"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(banner.len(), 1, "{restart}");
    assert!(
        banner[0].contains("2019-12-06") && banner[0].contains("1"),
        "{}",
        banner[0]
    );
    let link = document
        .select(&select("article .stale-notice a"))
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap_or("");
    assert_eq!(
        link,
        "../../../en-us/intune/remote-actions/device-restart.html"
    );
    // The changed section's heading is marked, with a link to the source's section.
    let marked: Vec<(Option<&str>, Option<&str>)> = document
        .select(&select("article .stale-section"))
        .map(|h| {
            let mark = h
                .select(&select(".stale-mark"))
                .next()
                .and_then(|a| a.value().attr("href"));
            (h.value().attr("id"), mark)
        })
        .collect();
    assert_eq!(
        marked,
        [(
            Some("remotely-restart-devices-with-intune"),
            Some(
                "../../../en-us/intune/remote-actions/device-restart.html#remotely-restart-devices-with-intune"
            )
        )]
    );
    // An up-to-date page has neither.
    let fresh = read("zh-tw/intune/remote-actions/devices-wipe.html");
    assert!(!fresh.contains("stale-notice") && !fresh.contains("stale-section"));
    // The English page's switcher marks both translations as outdated.
    let english = read("en-us/intune/remote-actions/device-restart.html");
    assert_eq!(
        english.matches("class=\"lang-stale\"").count(),
        2,
        "{english}"
    );
    assert!(
        !read("en-us/intune/remote-actions/devices-wipe.html").contains("class=\"lang-stale\"")
    );
}
