//! What a page shows its reader around the article: breadcrumbs (with their `BreadcrumbList`
//! structured data), the date it last changed in the locale's date format, its "Edit this
//! page" link, and the source page a translation can show in its place.

use super::nav::TrailEntry;
use crate::dfm::html::escape;
use crate::i18n::Strings;
use serde::Serialize;

/// One step of the breadcrumbs, as the page template sees it.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub(super) struct Crumb {
    pub(super) title: String,
    /// Relative to the page (or absolute); `None` for a TOC group title, which links nowhere.
    pub(super) href: Option<String>,
    /// The same link relative to the locale's output root; `None` when absolute or none.
    #[serde(skip)]
    pub(super) in_locale: Option<String>,
}

/// The breadcrumbs of a page: the locale's home page (`home_title`, `home_href` relative to
/// the page), then the page's TOC ancestors from `trail`; `to_root` leads from the page to
/// the locale's output root. An ancestor that is the home page itself is not repeated.
pub(super) fn breadcrumbs(
    home_title: &str,
    home_href: &str,
    trail: &[TrailEntry<'_>],
    to_root: &str,
) -> Vec<Crumb> {
    let mut crumbs = vec![Crumb {
        title: home_title.to_owned(),
        href: Some(home_href.to_owned()),
        in_locale: Some("index.html".to_owned()),
    }];
    for entry in trail {
        if !entry.external && entry.href == Some("index.html") {
            continue;
        }
        crumbs.push(Crumb {
            title: entry.title.to_owned(),
            href: entry.href.map(|h| match entry.external {
                true => h.to_owned(),
                false => format!("{to_root}{h}"),
            }),
            in_locale: entry.href.filter(|_| !entry.external).map(str::to_owned),
        });
    }
    crumbs
}

/// The colour scheme toggle of a locale's pages: a button whose labels (system, light,
/// dark) the theme's script shows; hidden without the script.
pub(super) fn theme_toggle_html(strings: &Strings) -> String {
    let labels: Vec<String> = ["theme-system", "theme-light", "theme-dark"]
        .iter()
        .map(|key| escape(&strings.get(key)))
        .collect();
    format!(
        "<button type=\"button\" class=\"theme-toggle\" data-labels=\"{}\"></button>",
        labels.join("|")
    )
}

/// The breadcrumbs as HTML (`<nav class="breadcrumbs">`), escaped; `label` names the
/// navigation for screen readers.
pub(super) fn breadcrumbs_html(crumbs: &[Crumb], label: &str) -> String {
    let mut html = String::with_capacity(96 + 80 * crumbs.len());
    html.push_str("<nav class=\"breadcrumbs\" aria-label=\"");
    html.push_str(&escape(label));
    html.push_str("\"><ol>");
    for crumb in crumbs {
        html.push_str("<li>");
        match &crumb.href {
            Some(href) => {
                html.push_str("<a href=\"");
                html.push_str(&escape(href));
                html.push_str("\">");
                html.push_str(&escape(&crumb.title));
                html.push_str("</a>");
            }
            None => html.push_str(&escape(&crumb.title)),
        }
        html.push_str("</li>");
    }
    html.push_str("</ol></nav>");
    html
}

/// Under the article: when the page last changed and its edit link, as HTML (`<footer
/// class="page-meta">`), escaped; `None` when it has neither.
pub(super) fn page_meta_html(
    updated: Option<&Updated>,
    edit_url: Option<&str>,
    strings: &std::collections::BTreeMap<String, String>,
) -> Option<String> {
    if updated.is_none() && edit_url.is_none() {
        return None;
    }
    let string = |key: &str| escape(strings.get(key).map_or(key, String::as_str));
    let mut html = String::with_capacity(160);
    html.push_str("<footer class=\"page-meta\">");
    if let Some(updated) = updated {
        html.push_str("<p>");
        html.push_str(&string("last-updated"));
        html.push_str(" <time datetime=\"");
        html.push_str(&escape(&updated.iso));
        html.push_str("\">");
        html.push_str(&escape(&updated.text));
        html.push_str("</time></p>");
    }
    if let Some(url) = edit_url {
        html.push_str("<p><a href=\"");
        html.push_str(&escape(url));
        html.push_str("\" rel=\"edit\">");
        html.push_str(&string("edit-page"));
        html.push_str("</a></p>");
    }
    html.push_str("</footer>");
    Some(html)
}

/// The `BreadcrumbList` (schema.org, JSON-LD) of the breadcrumbs followed by the page itself
/// (the last item, which needs no URL), safe inside `<script>`. `url` gives a crumb's URL
/// (absolute when the site has an absolute base URL). Group titles, which have no page, are
/// left out.
pub(super) fn breadcrumbs_ld(
    crumbs: &[Crumb],
    page_title: &str,
    url: impl Fn(&Crumb) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(128 + 96 * crumbs.len());
    out.push_str(
        r#"{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":["#,
    );
    let mut position = 0;
    let mut item = |out: &mut String, name: &str, url: Option<&str>| {
        position += 1;
        if position > 1 {
            out.push(',');
        }
        out.push_str(r#"{"@type":"ListItem","position":"#);
        out.push_str(&position.to_string());
        out.push_str(r#","name":"#);
        json_string(out, name);
        if let Some(url) = url {
            out.push_str(r#","item":"#);
            json_string(out, url);
        }
        out.push('}');
    };
    for crumb in crumbs {
        if let Some(link) = url(crumb) {
            item(&mut out, &crumb.title, Some(&link));
        }
    }
    item(&mut out, page_title, None);
    out.push_str("]}");
    out
}

/// `text` as a JSON string that cannot end the `<script>` element it is in, nor open a
/// comment there (`<`, `>` and `&` escaped too).
fn json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A locale's date format: the `date-format` UI string with `{ $year }`, `{ $month }`,
/// `{ $month-name }` (`month-1` … `month-12`) and `{ $day }`, read once per locale.
#[derive(Clone, Debug)]
pub(super) struct DateFormat {
    parts: Vec<Part>,
    months: Vec<String>,
}

/// A piece of a date format.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Year,
    Month,
    MonthName,
    Day,
}

/// What the page template sees as `page.updated`.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub(super) struct Updated {
    /// `YYYY-MM-DD`, for `<time datetime>`.
    pub(super) iso: String,
    /// In the locale's format.
    pub(super) text: String,
}

impl DateFormat {
    pub(super) fn new(strings: &Strings) -> DateFormat {
        let pattern = strings.get("date-format");
        let mut parts = Vec::new();
        let mut rest = pattern.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            let part = match rest[open + 1..close].trim() {
                "$year" => Part::Year,
                "$month" => Part::Month,
                "$month-name" => Part::MonthName,
                "$day" => Part::Day,
                _ => Part::Text(rest[open..=close].to_owned()),
            };
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_owned()));
            }
            parts.push(part);
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_owned()));
        }
        DateFormat {
            parts,
            months: (1..=12)
                .map(|m| strings.get(&format!("month-{m}")))
                .collect(),
        }
    }

    /// A `YYYY-MM-DD` date in this format; `None` when it is no such date.
    pub(super) fn format(&self, iso: &str) -> Option<Updated> {
        let (year, month, day) = parse_iso(iso)?;
        let month_name = self.months.get(usize::from(month) - 1)?;
        let mut text = String::with_capacity(32);
        for part in &self.parts {
            match part {
                Part::Text(t) => text.push_str(t),
                Part::Year => text.push_str(&year.to_string()),
                Part::Month => text.push_str(&month.to_string()),
                Part::MonthName => text.push_str(month_name),
                Part::Day => text.push_str(&day.to_string()),
            }
        }
        Some(Updated {
            iso: format!("{year:04}-{month:02}-{day:02}"),
            text,
        })
    }
}

/// `YYYY-MM-DD` (what git gives) as numbers, checked.
fn parse_iso(text: &str) -> Option<(u16, u8, u8)> {
    let mut parts = text.trim().splitn(3, '-');
    let year: u16 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.get(..2)?.parse().ok()?;
    valid(year, month, day).then_some((year, month, day))
}

fn valid(year: u16, month: u8, day: u8) -> bool {
    (1000..=9999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// The "Edit this page" link: `pattern` with `{locale}` and `{path}` (the page's file
/// relative to its locale folder, each segment percent-encoded) filled in.
pub(super) fn edit_url(pattern: &str, locale: &str, path: &str) -> String {
    let path: Vec<String> = path
        .split('/')
        .map(|segment| {
            percent_encoding::utf8_percent_encode(segment, crate::site::paths::URL_ESCAPE)
                .to_string()
        })
        .collect();
    pattern
        .replace("{locale}", locale)
        .replace("{path}", &path.join("/"))
}

/// The source page a translation can show in place of its article (`page.source`): a link
/// to it, which the theme's script turns into a toggle.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub(super) struct SourceView {
    /// The source page, relative to this page.
    pub(super) href: String,
    /// The source locale.
    pub(super) lang: String,
    /// The toggle's text, the source language's name filled in.
    pub(super) label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(pairs: &[(&str, &str)]) -> Strings {
        let mut findings = Vec::new();
        let site = tempfile::tempdir().expect("a temporary folder");
        let text: String = pairs.iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
        std::fs::create_dir_all(site.path().join("i18n")).expect("i18n folder");
        std::fs::write(site.path().join("i18n/xx.ftl"), text).expect("write");
        Strings::load(site.path(), "xx", &mut findings)
    }

    #[test]
    fn dates_in_each_locales_format() {
        let mut findings = Vec::new();
        let site = tempfile::tempdir().expect("a temporary folder");
        let mut date = |locale: &str, iso: &str| {
            DateFormat::new(&Strings::load(site.path(), locale, &mut findings))
                .format(iso)
                .map(|u| u.text)
        };
        assert_eq!(
            date("en-us", "2020-01-07").as_deref(),
            Some("January 7, 2020")
        );
        assert_eq!(
            date("es-es", "2020-01-07").as_deref(),
            Some("7 de enero de 2020")
        );
        assert_eq!(date("zh-tw", "2020-01-07").as_deref(), Some("2020年1月7日"));
        // A locale without strings of its own: the English format.
        assert_eq!(
            date("fr-fr", "2019-12-31").as_deref(),
            Some("December 31, 2019")
        );
        assert_eq!(date("en-us", "2020-13-01"), None);
        assert_eq!(date("en-us", "yesterday"), None);
        // A site's own format.
        let own = strings(&[("date-format", "{ $day }.{ $month }.{ $year }")]);
        assert_eq!(
            DateFormat::new(&own)
                .format("2021-03-04")
                .map(|u| u.text)
                .as_deref(),
            Some("4.3.2021")
        );
    }

    #[test]
    fn edit_urls_fill_the_locale_and_the_encoded_path() {
        assert_eq!(
            edit_url(
                "https://github.com/org/docs/blob/main/{locale}/{path}",
                "es-es",
                "guía/a b#1.md"
            ),
            "https://github.com/org/docs/blob/main/es-es/gu%C3%ADa/a%20b%231.md"
        );
    }

    #[test]
    fn breadcrumbs_start_at_home_skip_it_in_the_trail_and_keep_groups() {
        let trail = [
            TrailEntry {
                title: "Start",
                href: Some("index.html"),
                external: false,
            },
            TrailEntry {
                title: "Group",
                href: None,
                external: false,
            },
            TrailEntry {
                title: "Area",
                href: Some("area/index.html"),
                external: false,
            },
        ];
        let crumbs = breadcrumbs("Home", "../index.html", &trail, "../");
        let shown: Vec<(&str, Option<&str>)> = crumbs
            .iter()
            .map(|c| (c.title.as_str(), c.href.as_deref()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Home", Some("../index.html")),
                ("Group", None),
                ("Area", Some("../area/index.html"))
            ]
        );
        let ld = breadcrumbs_ld(&crumbs, "A </script> \"page\"\\\n\u{1}", |c| {
            Some(format!("https://x.test/en/{}", c.in_locale.as_deref()?))
        });
        assert!(!ld.contains("</script"), "{ld}");
        let value: serde_json::Value = serde_json::from_str(&ld).expect("JSON");
        let names: Vec<&str> = value["itemListElement"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|i| i["name"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(names, ["Home", "Area", "A </script> \"page\"\\\n\u{1}"]);
        assert_eq!(value["itemListElement"][2]["position"], 3);
        assert_eq!(
            breadcrumbs_html(&crumbs[..2], "Path & <more>"),
            "<nav class=\"breadcrumbs\" aria-label=\"Path &amp; &lt;more&gt;\"><ol><li><a href=\"../index.html\">Home</a></li><li>Group</li></ol></nav>"
        );
        assert_eq!(
            value["itemListElement"][1]["item"],
            "https://x.test/en/area/index.html"
        );
    }
}
