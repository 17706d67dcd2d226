//! `stats`: per-article statistics of a DFM site, used to check that generated sites are
//! shaped like the real corpus. Links and images are counted with pulldown-cmark so that
//! anything inside code spans and code blocks is ignored.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Counts for one article (raw file, includes not expanded).
#[derive(Debug, Default, Clone)]
struct ArticleCounts {
    bytes: usize,
    md_links: usize,
    anchor_links: usize,
    external_links: usize,
    other_links: usize,
    images: usize,
    includes: usize,
    alerts: usize,
    tables: usize,
    headings: usize,
    lists: usize,
    code_blocks: usize,
    lines: usize,
    crlf_lines: usize,
}

/// The statistics of one locale folder.
struct LocaleStats {
    name: String,
    articles: Vec<ArticleCounts>,
}

/// Entry point: prints a Markdown table with one column per locale.
pub fn run(dir: &Path) -> Result<(), String> {
    let locales = locale_dirs(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if locales.is_empty() {
        return Err(format!("{}: no locale folder found", dir.display()));
    }
    let mut all = Vec::new();
    for (name, path) in locales {
        let mut files = Vec::new();
        collect_articles(&path, &mut files).map_err(|e| format!("{}: {e}", path.display()))?;
        files.sort();
        let mut articles = Vec::new();
        for f in &files {
            let bytes = fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
            let text = String::from_utf8_lossy(&bytes);
            let mut counts = count_article(&text);
            counts.bytes = bytes.len();
            articles.push(counts);
        }
        all.push(LocaleStats { name, articles });
    }
    print!("{}", render_table(&all));
    Ok(())
}

/// `DIR/content/*` when DIR is a site, else DIR itself as one locale folder.
fn locale_dirs(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let content = dir.join("content");
    if content.is_dir() {
        let mut out = Vec::new();
        for entry in fs::read_dir(&content)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                out.push((
                    entry.file_name().to_string_lossy().into_owned(),
                    entry.path(),
                ));
            }
        }
        out.sort();
        Ok(out)
    } else if dir.is_dir() {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string());
        Ok(vec![(name, dir.to_path_buf())])
    } else {
        Err(io::Error::new(io::ErrorKind::NotFound, "not a directory"))
    }
}

/// Articles: `.md` files outside `includes/` folders, except TOC files.
fn collect_articles(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if entry.file_type()?.is_dir() {
            if name != "includes" {
                collect_articles(&path, out)?;
            }
        } else if name.ends_with(".md") && name != "toc.md" {
            out.push(path);
        }
    }
    Ok(())
}

/// The text after a leading `---` … `---` (or `...`) front matter block; a BOM and CRLF
/// are tolerated.
pub fn strip_front_matter(text: &str) -> &str {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = t.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return t;
    };
    if first.trim_end() != "---" {
        return t;
    }
    let mut pos = first.len();
    for line in lines {
        pos += line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return &t[pos..];
        }
    }
    t
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

const ALERT_KINDS: [&str; 5] = ["note", "tip", "important", "caution", "warning"];

fn count_article(text: &str) -> ArticleCounts {
    let mut c = ArticleCounts {
        lines: text.split_inclusive('\n').count(),
        crlf_lines: text.matches("\r\n").count(),
        ..ArticleCounts::default()
    };
    let body = strip_front_matter(text);
    let lower = body.to_ascii_lowercase();
    let mut code: Vec<Range<usize>> = Vec::new();
    let mut quote_depth = 0usize;
    let mut code_start = None;
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                if lower[..range.start].ends_with("[!include") {
                    continue; // the link inside an include directive
                }
                classify_link(&dest_url, &mut c);
            }
            Event::Start(Tag::Image { .. }) => c.images += 1,
            Event::Start(Tag::Table(_)) => c.tables += 1,
            Event::Start(Tag::Heading { .. }) => c.headings += 1,
            Event::Start(Tag::List(_)) => c.lists += 1,
            Event::Start(Tag::CodeBlock(_)) => {
                c.code_blocks += 1;
                code_start = Some(range.start);
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(s) = code_start.take() {
                    code.push(s..range.end);
                }
            }
            Event::Code(_) => code.push(range),
            Event::Start(Tag::BlockQuote(_)) => {
                if quote_depth == 0 {
                    c.alerts += count_alert_markers(&body[range]);
                }
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            _ => {}
        }
    }
    c.includes = lower
        .match_indices("[!include[")
        .filter(|(i, _)| !code.iter().any(|r| r.contains(i)))
        .count();
    c
}

fn classify_link(dest: &str, c: &mut ArticleCounts) {
    let dest = dest.trim();
    if dest.starts_with('#') {
        c.anchor_links += 1;
        return;
    }
    let before_slash = dest.split('/').next().unwrap_or("");
    if dest.starts_with("//") || before_slash.contains(':') {
        c.external_links += 1;
        return;
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.to_ascii_lowercase().ends_with(".md") {
        c.md_links += 1;
    } else {
        c.other_links += 1;
    }
}

/// `[!KIND]` markers on the lines of a blockquote (a marker may open any line of it).
fn count_alert_markers(quote: &str) -> usize {
    quote
        .lines()
        .filter(|line| {
            let l = line.trim_start().trim_start_matches(['>', ' ', '\t']);
            let Some(rest) = l.strip_prefix("[!") else {
                return false;
            };
            let Some(end) = rest.find(']') else {
                return false;
            };
            let kind = rest[..end].to_ascii_lowercase();
            ALERT_KINDS.contains(&kind.as_str())
        })
        .count()
}

fn mean(values: impl Iterator<Item = usize>, n: usize) -> f64 {
    if n == 0 {
        return 0.0;
    }
    values.sum::<usize>() as f64 / n as f64
}

fn median(mut values: Vec<usize>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_unstable();
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
    }
}

type Metric = (&'static str, fn(&[ArticleCounts]) -> String);

fn per_article(a: &[ArticleCounts], f: fn(&ArticleCounts) -> usize) -> String {
    format!("{:.2}", mean(a.iter().map(f), a.len()))
}

fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0%".to_string();
    }
    format!("{:.0}%", 100.0 * part as f64 / whole as f64)
}

const METRICS: [Metric; 19] = [
    ("articles", |a| a.len().to_string()),
    ("bytes / article (mean)", |a| {
        format!("{:.0}", mean(a.iter().map(|c| c.bytes), a.len()))
    }),
    ("bytes / article (median)", |a| {
        format!("{:.0}", median(a.iter().map(|c| c.bytes).collect()))
    }),
    ("headings / article", |a| per_article(a, |c| c.headings)),
    ("relative .md links / article", |a| {
        per_article(a, |c| c.md_links)
    }),
    ("in-page #links / article", |a| {
        per_article(a, |c| c.anchor_links)
    }),
    ("external links / article", |a| {
        per_article(a, |c| c.external_links)
    }),
    ("other relative links / article", |a| {
        per_article(a, |c| c.other_links)
    }),
    ("images / article", |a| per_article(a, |c| c.images)),
    ("includes / article", |a| per_article(a, |c| c.includes)),
    ("alerts / article", |a| per_article(a, |c| c.alerts)),
    ("tables / article", |a| per_article(a, |c| c.tables)),
    ("lists / article", |a| per_article(a, |c| c.lists)),
    ("code blocks / article", |a| {
        per_article(a, |c| c.code_blocks)
    }),
    ("articles with includes", |a| {
        share(a.iter().filter(|c| c.includes > 0).count(), a.len())
    }),
    ("articles with alerts", |a| {
        share(a.iter().filter(|c| c.alerts > 0).count(), a.len())
    }),
    ("files with CRLF", |a| {
        share(a.iter().filter(|c| c.crlf_lines > 0).count(), a.len())
    }),
    ("files all CRLF", |a| {
        share(
            a.iter()
                .filter(|c| c.crlf_lines > 0 && c.crlf_lines + 1 >= c.lines)
                .count(),
            a.len(),
        )
    }),
    ("CRLF lines", |a| {
        share(
            a.iter().map(|c| c.crlf_lines).sum(),
            a.iter().map(|c| c.lines).sum(),
        )
    }),
];

fn render_table(locales: &[LocaleStats]) -> String {
    let mut out = String::from("| metric |");
    for l in locales {
        out.push_str(&format!(" {} |", l.name));
    }
    out.push_str("\n|---|");
    for _ in locales {
        out.push_str("---:|");
    }
    out.push('\n');
    for (name, f) in METRICS {
        out.push_str(&format!("| {name} |"));
        for l in locales {
            out.push_str(&format!(" {} |", f(&l.articles)));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_code_and_include_directives_do_not_count() {
        let text = "---\r\ntitle: x\r\n---\n# <a name=\"a\"></a>A\n\
                    See [b](b.md#x), [here](#a) and [web](https://example.org).\n\
                    `[not](c.md)` and ``[!INCLUDE[t](../includes/y.md)]``.\n\n\
                    [!INCLUDE[t](../includes/z.md)]\n\n\
                    ```\n[no](d.md) ![no](e.png) [!INCLUDE[t](f.md)]\n```\n\n\
                    > [!Note]\n> text\n\n![img](../media/a.png)\n";
        let c = count_article(text);
        assert_eq!(c.md_links, 1);
        assert_eq!(c.anchor_links, 1);
        assert_eq!(c.external_links, 1);
        assert_eq!(c.images, 1);
        assert_eq!(c.includes, 1);
        assert_eq!(c.alerts, 1);
        assert_eq!(c.headings, 1);
        assert_eq!(c.code_blocks, 1);
        assert_eq!(c.crlf_lines, 2);
    }

    #[test]
    fn front_matter_is_stripped() {
        assert_eq!(strip_front_matter("---\nt: 1\n---\nbody"), "body");
        assert_eq!(strip_front_matter("\u{feff}---\r\nt: 1\r\n---\r\nb"), "b");
        assert_eq!(strip_front_matter("no front matter"), "no front matter");
    }
}
