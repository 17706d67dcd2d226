//! `hugo`: the same pages as a plain-Markdown Hugo site, so that Hugo can be timed on the
//! same work: includes inlined, front matter reduced to title and description, every other
//! DFM construct left as text, media copied to `static/` where the pages' relative image
//! URLs land with `uglyURLs`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::output::{OutDir, rel_path};
use crate::stats::strip_front_matter;

const HUGO_TOML: &str = r#"baseURL = "https://bench.example.org/"
title = "Bench"
defaultContentLanguage = "zh-tw"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
# Pages at docs/area-0/x.html, so that `../media/a.png` resolves as in the DFM site.
uglyURLs = true
disablePathToLower = true

[markup.goldmark.renderer]
unsafe = true

[languages.zh-tw]
contentDir = "content/zh-tw"
languageName = "繁體中文"
weight = 1

[languages.es-es]
contentDir = "content/es-es"
languageName = "Español"
weight = 2
"#;

/// Section and home pages: a title and the content.
const LIST_LAYOUT: &str = r#"<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
{{ .Content }}
</body>
</html>
"#;

/// Articles: what rosetta's default theme gives a page, so that both do the same work per
/// page: description, hreflang alternates and a language switcher (the page's
/// translations), a search form, navigation of about the size of rosetta's (the top-level
/// sections, the current section with its subsections, the current page between its
/// neighbours), the article and its table of contents.
const SINGLE_LAYOUT: &str = r#"<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">
{{ end }}<link rel="stylesheet" href="{{ "site.css" | relURL }}">
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<form role="search" action="{{ "search.html" | relLangURL }}"><input type="search" name="q"></form>
<nav class="languages"><ul>{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
</header>
<nav class="toc"><ul>{{ range .Site.Home.Sections }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<ul>{{ with .CurrentSection }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a><ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></li>{{ end }}
{{ with .NextInSection }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
<li class="current"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ with .PrevInSection }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></nav>
<main><article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
<aside class="on-this-page">{{ .TableOfContents }}</aside></main>
</body>
</html>
"#;

/// Nesting deeper than this is left as text (the generator nests three deep at most).
const MAX_INCLUDE_DEPTH: usize = 8;

/// Converts the generated site `site` into a Hugo site in `out`; returns the page count.
pub fn convert(site: &Path, out: &Path) -> Result<usize, String> {
    let content = site.join("content");
    let mut locales = Vec::new();
    for entry in fs::read_dir(&content).map_err(|e| format!("{}: {e}", content.display()))? {
        let entry = entry.map_err(|e| format!("{}: {e}", content.display()))?;
        if entry.path().is_dir() {
            locales.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    locales.sort();
    if locales.is_empty() {
        return Err(format!("{}: no locale folder", content.display()));
    }
    let dir = OutDir::prepare(out, &["hugo.toml", "content", "layouts", "static"])?;
    dir.write("hugo.toml", hugo_toml(&locales).as_bytes())?;
    dir.write("layouts/index.html", LIST_LAYOUT.as_bytes())?;
    dir.write("layouts/_default/list.html", LIST_LAYOUT.as_bytes())?;
    dir.write("layouts/_default/single.html", SINGLE_LAYOUT.as_bytes())?;
    let mut pages = 0;
    let mut sections = std::collections::BTreeSet::new();
    for locale in &locales {
        let root = content.join(locale);
        let mut files = Vec::new();
        walk(&root, &mut files).map_err(|e| format!("{}: {e}", root.display()))?;
        files.sort();
        for file in files {
            let rel = file
                .strip_prefix(&root)
                .map_err(|e| e.to_string())?
                .to_string_lossy()
                .replace('\\', "/");
            let lower = rel.to_lowercase();
            let in_includes = lower.split('/').any(|c| c == "includes");
            let name = lower.rsplit('/').next().unwrap_or("");
            if lower.ends_with(".md") {
                if in_includes || name == "toc.md" {
                    continue;
                }
                let page = convert_page(&file)?;
                dir.write(&format!("content/{locale}/{rel}"), page.as_bytes())?;
                pages += 1;
                // Every folder of pages is a section, as Hugo documentation themes expect.
                let mut folder = rel.as_str();
                while let Some(i) = folder.rfind('/') {
                    folder = &folder[..i];
                    if sections.insert(format!("{locale}/{folder}")) {
                        let title = folder.rsplit('/').next().unwrap_or(folder);
                        let index = format!("---\ntitle: {}\n---\n", yaml_string(title));
                        dir.write(
                            &format!("content/{locale}/{folder}/_index.md"),
                            index.as_bytes(),
                        )?;
                    }
                }
            } else if lower.split('/').any(|c| c == "media") {
                let bytes = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
                dir.write(&format!("static/{locale}/{rel}"), &bytes)?;
            }
        }
    }
    Ok(pages)
}

/// The bundled hugo.toml, with the site's locales if they are not the generator's.
fn hugo_toml(locales: &[String]) -> String {
    if locales == ["es-es", "zh-tw"] {
        return HUGO_TOML.to_string();
    }
    let mut s = HUGO_TOML
        .split("[languages.")
        .next()
        .unwrap_or("")
        .replace("\"zh-tw\"", &format!("{:?}", locales[0]));
    for (k, l) in locales.iter().enumerate() {
        s.push_str(&format!(
            "[languages.{l}]\ncontentDir = \"content/{l}\"\nweight = {}\n\n",
            k + 1
        ));
    }
    s
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            walk(&entry.path(), out)?;
        } else {
            out.push(entry.path());
        }
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn convert_page(path: &Path) -> Result<String, String> {
    let text = read_text(path)?;
    let (title, description) = title_and_description(&text);
    let body = expand_includes(strip_front_matter(&text), path, 0)?;
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", yaml_string(&title)));
    out.push_str(&format!("description: {}\n", yaml_string(&description)));
    out.push_str("---\n\n");
    out.push_str(&body);
    Ok(out)
}

/// `title` and `description` of a front matter block (plain, single- or double-quoted
/// scalars, which is all the generator writes).
fn title_and_description(text: &str) -> (String, String) {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fm_len = t.len() - strip_front_matter(t).len();
    let (mut title, mut description) = (String::new(), String::new());
    for line in t[..fm_len].lines() {
        if let Some(v) = line.strip_prefix("title:") {
            title = yaml_scalar(v);
        } else if let Some(v) = line.strip_prefix("description:") {
            description = yaml_scalar(v);
        }
    }
    (title, description)
}

fn yaml_scalar(v: &str) -> String {
    let v = v.trim();
    if let Some(inner) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else {
                out.push(c);
            }
        }
        out
    } else if let Some(inner) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        v.to_string()
    }
}

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Replaces every block include (`[!INCLUDE[t](path)]` alone on its line, after any
/// indentation or `>` markers) with the included file, recursively; each inlined line gets
/// the directive's prefix so the content stays in its list item or blockquote.
fn expand_includes(body: &str, file: &Path, depth: usize) -> Result<String, String> {
    let mut out = String::with_capacity(body.len());
    let mut in_fence = false;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
        let ending = &line[content.len()..];
        let trimmed = content.trim_start_matches([' ', '\t', '>']);
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
        }
        let target = if in_fence || depth >= MAX_INCLUDE_DEPTH {
            None
        } else {
            include_target(trimmed)
        };
        let Some(target) = target else {
            out.push_str(line);
            continue;
        };
        let prefix = &content[..content.len() - trimmed.len()];
        let base = file.parent().unwrap_or(Path::new("."));
        let inc_path = base.join(target);
        let inc_text = read_text(&inc_path)?;
        let expanded = expand_includes(strip_front_matter(&inc_text), &inc_path, depth + 1)?;
        let expanded = rebase_links(&expanded, &slash_path(&inc_path), &slash_path(file));
        for inc_line in expanded.lines() {
            if inc_line.is_empty() {
                out.push_str(prefix.trim_end());
            } else {
                out.push_str(prefix);
                out.push_str(inc_line);
            }
            out.push_str(if ending.is_empty() { "\n" } else { ending });
        }
    }
    Ok(out)
}

fn slash_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// `a/b/../c/./d` → `a/c/d`.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." => {}
            ".." if parts.last().is_some_and(|p| !p.is_empty() && *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// Rewrites the relative link and image URLs of Markdown written in file `from` so that
/// they work from file `to` (an inlined include lands in a page of another folder).
fn rebase_links(text: &str, from: &str, to: &str) -> String {
    let from_dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let to_dir = to.rsplit_once('/').map_or("", |(d, _)| d);
    if from_dir == to_dir {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        let (head, tail) = rest.split_at(i + 2);
        out.push_str(head);
        let Some(end) = tail.find(')') else {
            rest = tail;
            break;
        };
        let url = &tail[..end];
        let relative = !url.is_empty()
            && !url.starts_with(['#', '/', '~'])
            && !url.split('/').next().unwrap_or("").contains(':');
        if relative {
            let (path, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
            let target = normalize(&format!("{from_dir}/{path}"));
            out.push_str(&rel_path(to_dir, &target));
            out.push_str(fragment);
        } else {
            out.push_str(url);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The path of a block include directive that makes up the whole (trimmed) line.
fn include_target(line: &str) -> Option<&str> {
    let line = line.trim_end();
    if !line.get(..10)?.eq_ignore_ascii_case("[!include[") || !line.ends_with(")]") {
        return None;
    }
    let start = line.find("](")? + 2;
    let path = &line[start..line.len() - 2];
    Some(path.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_directive_is_recognised() {
        assert_eq!(
            include_target("[!INCLUDE[a_b](../includes/x.md)]"),
            Some("../includes/x.md")
        );
        assert_eq!(include_target("[!include[t](y.md)]"), Some("y.md"));
        assert_eq!(include_target("text [!INCLUDE[t](y.md)]"), None);
    }

    #[test]
    fn links_of_inlined_includes_are_rebased() {
        let text = "See [a](../area-1/a.md#x), ![i](../media/i.png), [w](https://e.org) [h](#top)";
        let out = rebase_links(
            text,
            "/s/docs/includes/inc.md",
            "/s/docs/area-2/sub-0/page.md",
        );
        assert_eq!(
            out,
            "See [a](../../area-1/a.md#x), ![i](../../media/i.png), [w](https://e.org) [h](#top)"
        );
        assert_eq!(
            normalize("/s/docs/includes/../media/./i.png"),
            "/s/docs/media/i.png"
        );
    }

    #[test]
    fn front_matter_scalars() {
        let (t, d) = title_and_description(
            "---\r\ntitle: \"A \\\"b\\\" | X\"\r\ndescription: plain\r\n---\r\nbody",
        );
        assert_eq!(t, "A \"b\" | X");
        assert_eq!(d, "plain");
    }
}
