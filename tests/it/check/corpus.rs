//! `rosetta check` on a copy of the real corpus: its real findings, counted independently,
//! and translation drift injected into a copy.

use crate::harness::{self, TestSite, with_code};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const PARITY: &[&str] = &[
    "assetid-mismatch",
    "anchor-mismatch",
    "missing-translation",
    "duplicate-assetid",
    "missing-assetid",
    "structure-mismatch",
];

const DOCSET: &str = "intune-user-help";

fn es(page: &str) -> String {
    format!("content/es-es/{DOCSET}/{page}")
}

fn zh(page: &str) -> String {
    format!("content/zh-tw/{DOCSET}/{page}")
}

/// `file:line:col code` of the findings with the given codes, sorted.
fn places_of(diagnostics: &[Value], codes: &[&str]) -> Vec<String> {
    let chosen: Vec<Value> = diagnostics
        .iter()
        .filter(|d| codes.iter().any(|c| d["code"] == *c))
        .cloned()
        .collect();
    harness::places(&chosen)
}

/// Findings per code and locale.
fn counts(diagnostics: &[Value]) -> BTreeMap<(String, String), usize> {
    let mut counts = BTreeMap::new();
    for d in diagnostics {
        let key = (
            d["code"].as_str().unwrap_or("?").to_owned(),
            d["locale"].as_str().unwrap_or("-").to_owned(),
        );
        *counts.entry(key).or_default() += 1;
    }
    counts
}

/// The real duplicate-assetid pair, present in both locales.
fn real_duplicates() -> Vec<String> {
    let pair = [
        "you-need-to-turn-on-scanning-for-security-threats-android.md",
        "you-need-to-update-your-device-OS-security-patch-android.md",
    ];
    let mut expected: Vec<String> = pair
        .iter()
        .flat_map(|p| [es(p), zh(p)])
        .map(|f| format!("{f}:13:1 duplicate-assetid"))
        .collect();
    expected.sort();
    expected
}

#[test]
fn the_corpus_has_only_its_known_findings() {
    let Some(corpus) = harness::corpus() else {
        return;
    };
    let site = TestSite::copy_of(&corpus);
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 1, "errors mean exit 1\n{}", run.stderr);

    // The only parity finding: two Android articles share one asset ID, in both locales.
    let mut expected = real_duplicates();
    expected.sort();
    assert_eq!(places_of(&diagnostics, PARITY), expected);
    let dup = &with_code(&diagnostics, "duplicate-assetid")[0];
    assert_eq!(dup["related"].as_array().map(Vec::len), Some(1), "{dup}");

    // Every other finding, per code and locale (verified one by one below).
    let counted = counts(&diagnostics);
    let pinned: BTreeMap<(String, String), usize> = [
        ("duplicate-assetid", "es-es", 2),
        ("duplicate-assetid", "zh-tw", 2),
        // 19 in pages and 3 in TOC.md, per locale
        ("link-case", "es-es", 22),
        ("link-case", "zh-tw", 22),
        ("missing-resource", "es-es", 46),
        ("missing-resource", "zh-tw", 46),
    ]
    .into_iter()
    .map(|(c, l, n)| ((c.to_owned(), l.to_owned()), n))
    .collect();
    assert_eq!(counted, pinned);
    let summary = &run.json()["summary"];
    assert_eq!(summary["errors"], 96);
    assert_eq!(summary["warnings"], 44);
    assert_eq!(summary["pages"]["es-es"], 113);
    assert_eq!(summary["pages"]["zh-tw"], 113);
}

/// The link findings (pages, includes and TOC.md) counted by a script that parses the
/// Markdown with a CommonMark parser of its own (tests/tools/count_corpus_findings.py),
/// compared place by place.
#[test]
fn link_findings_on_the_corpus_match_an_independent_count() {
    let Some(corpus) = harness::corpus() else {
        return;
    };
    let script = harness::project_root().join("tests/tools/count_corpus_findings.py");
    let Some(independent) = run_counting_script(&script, &corpus) else {
        return;
    };
    let site = TestSite::copy_of(&corpus);
    let (_, diagnostics) = site.check_json(&[]);
    let codes = [
        "missing-resource",
        "link-case",
        "broken-link",
        "link-backslash",
        "broken-anchor",
    ];
    let mut ours: Vec<(String, String, u64)> = diagnostics
        .iter()
        .filter(|d| codes.iter().any(|c| d["code"] == *c))
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["file"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    ours.sort();
    let mut theirs: Vec<(String, String, u64)> = independent["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|f| {
            (
                f[0].as_str().unwrap_or("").to_owned(),
                f[1].as_str().unwrap_or("").to_owned(),
                f[2].as_u64().unwrap_or(0),
            )
        })
        .collect();
    theirs.sort();
    assert_eq!(
        ours, theirs,
        "rosetta (left) and the independent count (right) differ"
    );
    assert_eq!(independent["counts"]["missing-resource"]["es-es"], 46);
    assert_eq!(independent["counts"]["missing-resource"]["zh-tw"], 46);
    assert_eq!(independent["counts"]["link-case"]["es-es"], 22);
    assert_eq!(independent["counts"]["link-case"]["zh-tw"], 22);
}

fn run_counting_script(script: &Path, site: &Path) -> Option<Value> {
    let probe = Command::new("python3")
        .args(["-c", "import markdown_it"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return harness::missing("python3 with markdown-it-py (pip install markdown-it-py)");
    }
    let out = Command::new("python3")
        .arg(script)
        .arg(site)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the counting script: {e}"));
    assert!(
        out.status.success(),
        "counting script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("counting script printed no JSON: {e}")),
    )
}

fn edit(site: &TestSite, rel: &str, f: impl FnOnce(String) -> String) {
    let text = site.read(rel);
    let changed = f(text.clone());
    assert_ne!(changed, text, "the edit of {rel} changed nothing");
    site.file(rel, changed);
}

#[test]
fn injected_drift_is_reported_exactly() {
    let Some(corpus) = harness::corpus() else {
        return;
    };
    let site = TestSite::copy_of(&corpus);
    // es-es is the reference (first locale); drift goes into zh-tw, or out of es-es.
    // 1. One asset ID changed.
    edit(&site, &zh("how-to-encrypt-your-windows-device.md"), |t| {
        t.replace(
            "ms.assetid: 7d9645a9-6058-4112-aa31-8cdbccdc5463",
            "ms.assetid: 00000000-6058-4112-aa31-8cdbccdc5463",
        )
    });
    // 2. One `<a name>` deleted (the heading on line 34 keeps its text).
    edit(
        &site,
        &zh("install-a-new-version-of-the-company-portal-app.md"),
        |t| {
            t.replace(
                "<a name=\"update-the-intune-company-portal-app-on-your-ios-device\"></a>",
                "",
            )
        },
    );
    // 3. Another renamed (line 37).
    edit(
        &site,
        &zh("you-need-to-upgrade-your-device-to-install-the-outlook-app.md"),
        |t| {
            t.replace(
                "name=\"if-you-have-an-ios-device\"",
                "name=\"if-you-have-an-iphone\"",
            )
        },
    );
    // 4. A page deleted from es-es (no page links to it).
    let gone = es("your-computer-is-already-enrolled.md");
    std::fs::remove_file(site.path().join(&gone)).unwrap_or_else(|e| panic!("{e}"));
    // 5. A page only in zh-tw.
    site.file(
        &zh("only-in-zh-tw.md"),
        "---\ntitle: x\nms.assetid: 11111111-2222-3333-4444-555555555555\n---\n# <a name=\"x\"></a>x\n",
    );
    // 6. Two pages of zh-tw with one asset ID.
    edit(
        &site,
        &zh("password-does-not-meet-it-administrator-requirements.md"),
        |t| {
            t.replace(
                "ms.assetid: efb3c261-1f6c-4d39-bfa4-18661f8c59c7",
                "ms.assetid: 81f8a990-d172-47f4-91b4-cb49652accf6",
            )
        },
    );
    // 7. A page moved in zh-tw, keeping its asset ID (no page links to it).
    let from = zh("existing-company-email-account-found.md");
    let to = zh("moved/existing-company-email-account-found.md");
    let text = site.read(&from);
    std::fs::remove_file(site.path().join(&from)).unwrap_or_else(|e| panic!("{e}"));
    site.file(&to, text);

    let (_, diagnostics) = site.check_json(&[]);
    let mut expected = real_duplicates();
    expected.extend([
        format!(
            "{}:13:1 assetid-mismatch",
            zh("how-to-encrypt-your-windows-device.md")
        ),
        // the first anchor where the lists part: the one after the deleted anchor
        format!(
            "{}:44:4 anchor-mismatch",
            zh("install-a-new-version-of-the-company-portal-app.md")
        ),
        format!(
            "{}:37:4 anchor-mismatch",
            zh("you-need-to-upgrade-your-device-to-install-the-outlook-app.md")
        ),
        format!(
            "{}:1:1 missing-translation",
            zh("your-computer-is-already-enrolled.md")
        ),
        format!("{}:1:1 missing-translation", zh("only-in-zh-tw.md")),
        format!(
            "{}:13:1 duplicate-assetid",
            zh("password-does-not-meet-it-administrator-requirements.md")
        ),
        format!(
            "{}:13:1 assetid-mismatch",
            zh("password-does-not-meet-it-administrator-requirements.md")
        ),
        format!(
            "{}:13:1 duplicate-assetid",
            zh("your-device-is-noncompliant-cant-evaluate.md")
        ),
    ]);
    expected.sort();
    assert_eq!(places_of(&diagnostics, PARITY), expected);

    let find = |code: &str, file: &str| -> Value {
        diagnostics
            .iter()
            .find(|d| d["code"] == code && d["file"] == file)
            .cloned()
            .unwrap_or_else(|| panic!("no {code} on {file}"))
    };
    // The messages say what differs; related points at the reference.
    let deleted = find(
        "anchor-mismatch",
        &zh("install-a-new-version-of-the-company-portal-app.md"),
    );
    let message = deleted["message"].as_str().unwrap_or("");
    assert!(
        message.contains("lacks `update-the-intune-company-portal-app-on-your-ios-device`"),
        "{message}"
    );
    assert_eq!(
        deleted["related"][0]["file"],
        es("install-a-new-version-of-the-company-portal-app.md")
    );
    let renamed = find(
        "anchor-mismatch",
        &zh("you-need-to-upgrade-your-device-to-install-the-outlook-app.md"),
    );
    let message = renamed["message"].as_str().unwrap_or("");
    assert!(
        message.contains("this translation lacks `if-you-have-an-ios-device`")
            && message.contains("the reference lacks `if-you-have-an-iphone`"),
        "{message}"
    );
    let missing = find(
        "missing-translation",
        &zh("your-computer-is-already-enrolled.md"),
    );
    assert!(missing["message"].as_str().unwrap_or("").contains("es-es"));
    let changed = find(
        "assetid-mismatch",
        &zh("how-to-encrypt-your-windows-device.md"),
    );
    assert_eq!(
        changed["related"][0]["file"],
        es("how-to-encrypt-your-windows-device.md")
    );
    assert_eq!(changed["related"][0]["line"], 13);
    // The moved page pairs by asset ID: nothing is said about it, nor does anything break.
    assert!(
        !diagnostics.iter().any(|d| d["file"]
            .as_str()
            .unwrap_or("")
            .contains("existing-company-email")),
        "{diagnostics:?}"
    );
    assert!(with_code(&diagnostics, "broken-link").is_empty());
    assert!(with_code(&diagnostics, "broken-anchor").is_empty());
}
