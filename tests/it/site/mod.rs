//! The reader's site: navigation, language switcher, alternates, theme and UI strings,
//! output safety and page size; `reader` drives the built sites in Chromium, `reading` what
//! readers use besides the article (colour schemes, breadcrumbs, the navigation filter,
//! search as you type, the source page in place, print, accessibility).

mod nav;
mod output;
mod reader;
mod reading;
mod switcher;
mod theme;
mod versions;

use regex::Regex;

/// Every value of `attr` on the tags of `html` that match `tag_pattern` (a regex on the
/// whole start tag, e.g. `<link rel="alternate"[^>]*>`).
pub fn attrs(html: &str, tag_pattern: &str, attr: &str) -> Vec<String> {
    let tags = Regex::new(tag_pattern).unwrap_or_else(|e| panic!("bad pattern: {e}"));
    let value = Regex::new(&format!(r#"\s{attr}="([^"]*)""#)).unwrap_or_else(|e| panic!("{e}"));
    tags.find_iter(html)
        .filter_map(|m| value.captures(m.as_str()).map(|c| c[1].to_owned()))
        .collect()
}

/// The static navigation of a page (`<nav id="site-nav">…</nav>`).
pub fn nav_of(html: &str) -> &str {
    let start = html
        .find("<nav id=\"site-nav\"")
        .unwrap_or_else(|| panic!("no navigation in:\n{html}"));
    let end = html[start..]
        .find("</nav>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// Resolves `href` (relative, `/`-separated) against the folder of `from` (a path relative
/// to the output root); `None` when it climbs out.
pub fn resolve(from: &str, href: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or("");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for p in href.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}
