//! `rosetta status` output: pure functions from a [`StatusReport`] to text, in three
//! formats (`human` for a terminal, `json` per page for tools, `markdown` for a pull-request
//! comment or a CI job summary).

use super::{
    Change, Counts, LocaleStatus, PageState, PageStatus, StatusReport, VersionFrom, section_name,
};
use serde_json::{Value, json};
use std::fmt::Write;

/// The column titles, shared by the human and Markdown tables.
const COLUMNS: [&str; 7] = [
    "locale",
    "translated",
    "up to date",
    "stale (sections)",
    "unknown",
    "missing",
    "machine-translated",
];

fn cells(locale: &str, c: &Counts) -> [String; 7] {
    [
        locale.to_owned(),
        c.translated.to_string(),
        c.up_to_date.to_string(),
        format!("{} ({})", c.stale, c.stale_sections),
        c.unknown.to_string(),
        c.missing.to_string(),
        c.machine_translated.to_string(),
    ]
}

/// The stale page's sections in one line: `#a (changed), #b (added)`.
fn section_list(page: &PageStatus) -> String {
    match &page.state {
        PageState::Stale(changes) => changes
            .iter()
            .map(|c| format!("{} ({})", section_name(&c.id), c.change.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

/// The locale's stale pages.
fn stale_pages(l: &LocaleStatus) -> Vec<&PageStatus> {
    l.pages
        .iter()
        .filter(|p| matches!(p.state, PageState::Stale(_)))
        .collect()
}

/// The locale's pages whose source version is unknown, with the reason.
fn unknown_pages(l: &LocaleStatus) -> Vec<(&PageStatus, &str)> {
    l.pages
        .iter()
        .filter_map(|p| match &p.state {
            PageState::Unknown(_, reason) => Some((p, reason.as_str())),
            _ => None,
        })
        .collect()
}

fn version_text(page: &PageStatus) -> String {
    page.version
        .as_ref()
        .map(|v| format!("{} ({})", v.short, v.date))
        .unwrap_or_default()
}

/// A table per locale, then the stale and unknown pages, then the notes.
pub(crate) fn human(report: &StatusReport) -> String {
    let mut out = format!("Translation status (source: {})\n\n", report.source_locale);
    let rows: Vec<[String; 7]> = report
        .locales
        .iter()
        .map(|l| cells(&l.locale, &l.counts()))
        .collect();
    let widths: Vec<usize> = (0..7)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([COLUMNS[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            if i == 0 {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            }
        }
        s.trim_end().to_owned()
    };
    let header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    let _ = writeln!(out, "{}", line(&header));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
    for l in &report.locales {
        let stale = stale_pages(l);
        if !stale.is_empty() {
            let _ = writeln!(out, "\nStale in {}:", l.locale);
            for page in stale {
                let _ = writeln!(
                    out,
                    "  {}  since {}: {}",
                    page.file,
                    version_text(page),
                    section_list(page)
                );
            }
        }
        let unknown = unknown_pages(l);
        if !unknown.is_empty() {
            let _ = writeln!(out, "\nUnknown source version in {}:", l.locale);
            for (page, reason) in unknown {
                let _ = writeln!(out, "  {}: {reason}", page.file);
            }
        }
    }
    if !report.notes.is_empty() {
        out.push('\n');
        for note in &report.notes {
            let _ = writeln!(out, "note: {note}");
        }
    }
    out
}

/// One JSON document: per locale its counts, every translated page and the missing ones.
pub(crate) fn json(report: &StatusReport) -> String {
    let locales: Vec<Value> = report.locales.iter().map(locale_json).collect();
    let doc = json!({
        "version": 1,
        "source_locale": report.source_locale,
        "locales": locales,
        "notes": report.notes,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn locale_json(l: &LocaleStatus) -> Value {
    let c = l.counts();
    let pages: Vec<Value> = l.pages.iter().map(page_json).collect();
    json!({
        "locale": l.locale,
        "translated": c.translated,
        "up_to_date": c.up_to_date,
        "stale": c.stale,
        "stale_sections": c.stale_sections,
        "unknown": c.unknown,
        "missing": c.missing,
        "machine_translated": c.machine_translated,
        "pages": pages,
        "missing_pages": l.missing.iter().map(|m| m.as_ref()).collect::<Vec<_>>(),
    })
}

fn page_json(p: &PageStatus) -> Value {
    let (state, sections, reason) = match &p.state {
        PageState::UpToDate => ("up-to-date", Vec::new(), None),
        PageState::Stale(changes) => (
            "stale",
            changes
                .iter()
                .map(|c| {
                    json!({
                        "id": c.id,
                        "change": c.change,
                        // In the current source; a removed section's in the old version.
                        "heading": c.heading,
                        "heading_in": if c.change == Change::Removed { "version" } else { "current" },
                    })
                })
                .collect(),
            None,
        ),
        PageState::Unknown(_, reason) => ("unknown", Vec::new(), Some(reason.as_str())),
    };
    let version = p.version.as_ref().map(|v| {
        json!({
            "commit": v.commit,
            "short": v.short,
            "date": v.date,
            "from": match v.from {
                VersionFrom::SourceGitCommit => "ms.sourcegitcommit",
                VersionFrom::TranslationHistory => "translation-history",
            },
        })
    });
    json!({
        "file": p.file.as_ref(),
        "source": p.source_file.as_ref(),
        "state": state,
        "translation_type": p.translation_type,
        "machine_translated": p.machine_translated(),
        "version": version,
        "sections": sections,
        "reason": reason,
    })
}

/// GitHub-flavoured Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the
/// table, then per locale the stale and unknown pages in collapsed lists.
pub(crate) fn markdown(report: &StatusReport) -> String {
    let mut out = format!(
        "## Translation status\n\nSource locale: {}\n\n",
        code(&report.source_locale)
    );
    let header: Vec<String> = COLUMNS.iter().map(|c| capitalize(c)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|");
    for l in &report.locales {
        let mut row = cells(&l.locale, &l.counts());
        row[0] = code(&row[0]);
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    for l in &report.locales {
        let stale = stale_pages(l);
        if !stale.is_empty() {
            let _ = write!(
                out,
                "\n<details><summary>{}: {} stale page{}</summary>\n\n| Page | Translated from | Sections |\n|---|---|---|\n",
                html(&l.locale),
                stale.len(),
                if stale.len() == 1 { "" } else { "s" }
            );
            for page in stale {
                let PageState::Stale(changes) = &page.state else {
                    continue;
                };
                let sections: Vec<String> = changes
                    .iter()
                    .map(|c| {
                        let name = if c.id.is_empty() {
                            "(before the first heading)".to_owned()
                        } else {
                            code(&format!("#{}", c.id))
                        };
                        format!("{name} {}", c.change.as_str())
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    code(&page.path),
                    version_text(page),
                    sections.join(", ")
                );
            }
            out.push_str("\n</details>\n");
        }
        let unknown = unknown_pages(l);
        if !unknown.is_empty() {
            let _ = write!(
                out,
                "\n<details><summary>{}: {} page{} with an unknown source version</summary>\n\n| Page | Why |\n|---|---|\n",
                html(&l.locale),
                unknown.len(),
                if unknown.len() == 1 { "" } else { "s" }
            );
            for (page, reason) in unknown {
                let _ = writeln!(out, "| {} | {} |", code(&page.path), cell_text(reason));
            }
            out.push_str("\n</details>\n");
        }
    }
    if !report.notes.is_empty() {
        out.push('\n');
        for note in &report.notes {
            let _ = writeln!(out, "> **Note:** {}\n", cell_text(note));
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Text as a code span that survives a table cell: a fence longer than any backtick run in
/// it, `|` escaped (GFM reads `\|` inside code spans in tables as `|`).
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('|', "\\|"))
}

/// Text for a table cell: no raw HTML, no line breaks, `|` escaped.
fn cell_text(text: &str) -> String {
    html(text).replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::super::sections::{Change, SectionChange, SectionHeading};
    use super::super::{SourceVersion, Unknown};
    use super::*;

    fn page(path: &str, tt: &str, state: PageState) -> PageStatus {
        let version = (!matches!(state, PageState::Unknown(..))).then(|| SourceVersion {
            commit: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d".into(),
            short: "1a2b3c4".into(),
            date: "2019-04-02".into(),
            from: VersionFrom::SourceGitCommit,
        });
        PageStatus {
            path: path.into(),
            file: format!("content/zh-tw/{path}").into(),
            source_file: format!("content/en-us/{path}").into(),
            translation_type: Some(tt.into()),
            version,
            state,
        }
    }

    fn report() -> StatusReport {
        let heading = |text: &str, line| SectionHeading {
            level: 2,
            text: text.into(),
            line,
            column: 1,
        };
        StatusReport {
            source_locale: "en-us".into(),
            locales: vec![LocaleStatus {
                locale: "zh-tw".into(),
                pages: vec![
                    page("a.md", "HT", PageState::UpToDate),
                    page(
                        "b|c.md",
                        "MTE75",
                        PageState::Stale(vec![
                            SectionChange {
                                change: Change::Changed,
                                id: "sign-in".into(),
                                heading: Some(heading("Sign in", 7)),
                            },
                            SectionChange {
                                change: Change::Removed,
                                id: "old".into(),
                                heading: Some(heading("Old", 9)),
                            },
                        ]),
                    ),
                    page(
                        "d.md",
                        "HT",
                        PageState::Unknown(
                            Unknown::NotACommitId,
                            "`<xyz>` is not a commit id".into(),
                        ),
                    ),
                ],
                missing: vec!["content/en-us/e.md".into()],
            }],
            notes: vec![
                "1 translated page has an `ms.sourcegitcommit` that is not a commit id".into(),
            ],
        }
    }

    #[test]
    fn human_shows_counts_stale_sections_and_what_to_do() {
        let text = human(&report());
        assert!(text.contains("locale  translated  up to date  stale (sections)  unknown  missing  machine-translated\n"), "{text}");
        assert!(text.contains("zh-tw            3           1             1 (2)        1        1                   1\n"), "{text}");
        assert!(text.contains("content/zh-tw/b|c.md  since 1a2b3c4 (2019-04-02): #sign-in (changed), #old (removed)"), "{text}");
        assert!(
            text.contains("content/zh-tw/d.md: `<xyz>` is not a commit id"),
            "{text}"
        );
        assert!(text.contains("note: 1 translated page has"), "{text}");
    }

    #[test]
    fn json_has_counts_and_every_page() {
        let doc: Value = serde_json::from_str(&json(&report())).expect("valid JSON");
        let zh = &doc["locales"][0];
        assert_eq!(zh["locale"], "zh-tw");
        assert_eq!(
            (
                zh["translated"].as_u64(),
                zh["stale"].as_u64(),
                zh["stale_sections"].as_u64()
            ),
            (Some(3), Some(1), Some(2))
        );
        assert_eq!(zh["machine_translated"], 1);
        assert_eq!(zh["missing_pages"][0], "content/en-us/e.md");
        let stale = &zh["pages"][1];
        assert_eq!(stale["state"], "stale");
        assert_eq!(stale["version"]["short"], "1a2b3c4");
        assert_eq!(stale["version"]["from"], "ms.sourcegitcommit");
        assert_eq!(stale["sections"][0]["id"], "sign-in");
        assert_eq!(stale["sections"][0]["change"], "changed");
        assert_eq!(stale["sections"][0]["heading"]["line"], 7);
        assert_eq!(stale["sections"][0]["heading_in"], "current");
        assert_eq!(stale["sections"][1]["heading_in"], "version");
        assert_eq!(zh["pages"][2]["state"], "unknown");
        assert!(zh["pages"][2]["version"].is_null());
        assert_eq!(zh["pages"][0]["state"], "up-to-date");
        assert_eq!(doc["notes"].as_array().map(Vec::len), Some(1));
    }

    #[test]
    fn markdown_is_a_table_with_escaped_cells() {
        let text = markdown(&report());
        assert!(text.contains("| Locale | Translated | Up to date | Stale (sections) | Unknown | Missing | Machine-translated |\n|---|---:|"), "{text}");
        assert!(
            text.contains("| `zh-tw` | 3 | 1 | 1 (2) | 1 | 1 | 1 |"),
            "{text}"
        );
        assert!(
            text.contains("<summary>zh-tw: 1 stale page</summary>"),
            "{text}"
        );
        assert!(
            text.contains(
                "| `b\\|c.md` | 1a2b3c4 (2019-04-02) | `#sign-in` changed, `#old` removed |"
            ),
            "{text}"
        );
        // User text never becomes raw HTML.
        assert!(text.contains("`&lt;xyz&gt;` is not a commit id"), "{text}");
        assert!(text.contains("> **Note:** 1 translated page has"), "{text}");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }
}
