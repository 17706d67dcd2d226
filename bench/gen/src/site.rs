//! `site`: a bilingual DFM site shaped like the real corpus (see the README for the
//! distributions). The structure of every article (sections, anchors, links, images,
//! includes) comes from one PRNG stream per article and is shared by both locales; the
//! prose comes from a stream per article and locale.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::lang::en::English;
use crate::lang::{KNOWN, LOCALES, Prose};
use crate::output::{OutDir, rel_path};
use crate::png::png;
use crate::rng::{Rng, label};

/// Where the docset lives under each locale root.
const DOCSET: &str = "docs";

pub struct Options {
    /// Articles of the largest locale.
    pub articles: usize,
    pub seed: u64,
    /// Each locale and its number of articles (the first that many of the largest locale's),
    /// in `rosetta.yaml` order; empty for the default bilingual site of `articles` each.
    pub locales: Vec<(String, usize)>,
    /// Broken links per article, on average, in thousandths (0: every link resolves).
    pub broken_permille: u32,
}

impl Options {
    /// The locales to write and their article counts.
    fn locales(&self) -> Vec<(String, usize)> {
        if self.locales.is_empty() {
            LOCALES
                .iter()
                .map(|l| (l.to_string(), self.articles))
                .collect()
        } else {
            self.locales.clone()
        }
    }
}

/// Parses `zh-tw:10000,es-es:5000` (a locale without a count has `articles`).
pub fn parse_locales(list: &str, articles: usize) -> Result<Vec<(String, usize)>, String> {
    list.split(',')
        .filter(|l| !l.is_empty())
        .map(|item| {
            let (name, count) = match item.split_once(':') {
                Some((name, n)) => (
                    name,
                    n.parse::<usize>()
                        .map_err(|_| format!("--locales: not a number: {n}"))?,
                ),
                None => (item, articles),
            };
            if !KNOWN.contains(&name) {
                return Err(format!(
                    "--locales: no prose for `{name}` (one of {})",
                    KNOWN.join(", ")
                ));
            }
            if count < 2 {
                return Err(format!("--locales: {name} needs at least 2 articles"));
            }
            Ok((name.to_string(), count))
        })
        .collect()
}

/// What every article looks like, before any prose is written.
struct Article {
    /// Folder relative to the docset ("" for the docset root).
    dir: String,
    slug: String,
    /// `anchors[0]` is the H1's, the rest one per H2 section.
    anchors: Vec<String>,
    assetid: String,
    date: String,
    in_toc: bool,
    area: usize,
    blocks: Vec<Block>,
}

impl Article {
    /// Path relative to the docset.
    fn path(&self) -> String {
        if self.dir.is_empty() {
            format!("{}.md", self.slug)
        } else {
            format!("{}/{}.md", self.dir, self.slug)
        }
    }
}

#[derive(Clone, Copy)]
struct LinkTarget {
    article: usize,
    anchor: Option<usize>,
}

#[derive(Clone, Copy)]
enum Inline {
    Link(LinkTarget),
    External(usize),
    InPage(usize),
    Bold,
    Code(usize),
}

struct Step {
    image: Option<usize>,
    alert: Option<usize>,
    include: Option<usize>,
    extra_sentence: bool,
}

enum Block {
    Section(usize),
    Para(usize, Vec<Inline>),
    Bullets {
        items: Vec<Option<LinkTarget>>,
        nested: bool,
    },
    Steps(Vec<Step>),
    Alert(usize, usize),
    Table(usize),
    Code(usize),
    Include(usize),
    Image(usize),
}

const ALERTS: [&str; 8] = [
    "NOTE",
    "Note",
    "NOTE",
    "Note",
    "TIP",
    "IMPORTANT",
    "Tip",
    "IMPORTANT",
];

const EXTERNAL: [&str; 8] = [
    "https://portal.contoso.com",
    "https://www.contoso.com/support",
    "https://learn.fabrikam.com/devices",
    "https://status.contoso.com",
    "https://www.example.org/privacy",
    "https://apps.fabrikam.com/store/details?id=com.contoso.portal",
    "https://docs.example.com/security/baseline",
    "https://www.example.net/help/contact",
];

const CODES: [&str; 12] = [
    "Get-DeviceStatus -Verbose",
    "settings://sync",
    "C:\\ProgramData\\Contoso\\logs",
    "adb logcat -d",
    "sudo apt update",
    "ipconfig /all",
    "%LOCALAPPDATA%\\Fabrikam",
    "/var/log/contoso.log",
    "com.contoso.portal",
    "HKLM\\Software\\Policies\\Contoso",
    "dsregcmd /status",
    "{{ device.name }}",
];

const PEOPLE: [&str; 10] = [
    "lmartin",
    "kchen",
    "arivera",
    "tnakamura",
    "jdoe",
    "mgarcia",
    "ywang",
    "pmoreau",
    "slee",
    "okafor",
];

/// The plan of a whole site: everything but the prose.
struct Plan {
    articles: Vec<Article>,
    includes: Vec<Include>,
    media: Vec<Media>,
    /// Article indices of each area (areas are contiguous runs of articles).
    area_ranges: Vec<std::ops::Range<usize>>,
    /// The distinct article counts of the locales, ascending: an article links only to
    /// articles every locale that has it has too.
    tiers: Vec<usize>,
}

struct Include {
    name: String,
    nested: Option<usize>,
    link: Option<LinkTarget>,
    image: Option<usize>,
    alert: bool,
    front_matter: bool,
}

struct Media {
    name: String,
    width: u32,
    height: u32,
    shade: u8,
}

fn guid(seed: u64, index: usize) -> String {
    let mut r = Rng::stream(seed, &[index as u64, label("assetid")]);
    let a = r.next_u64();
    let b = r.next_u64();
    let hex = format!("{a:016x}{b:016x}");
    // Version 4, variant 1, as a GUID tool would print it.
    format!(
        "{}-{}-4{}-{}{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        ["8", "9", "a", "b"][(b >> 62) as usize],
        &hex[17..20],
        &hex[20..32]
    )
}

fn date(r: &mut Rng) -> String {
    let month = r.range(1, 12);
    let day = r.range(1, 28);
    let year = 2016 + r.below(2);
    format!("{month:02}/{day:02}/{year}")
}

fn hex40(r: &mut Rng) -> String {
    format!(
        "{:016x}{:016x}{:08x}",
        r.next_u64(),
        r.next_u64(),
        r.next_u64() as u32
    )
}

impl Plan {
    fn new(opts: &Options) -> Plan {
        let mut tiers: Vec<usize> = opts.locales().iter().map(|(_, n)| *n).collect();
        tiers.sort_unstable();
        tiers.dedup();
        let n = tiers.last().copied().unwrap_or(opts.articles);
        let seed = opts.seed;
        let en = English::new();
        let areas = (n / 120).clamp(3, 12);
        let mut used = HashSet::new();
        let mut articles = Vec::with_capacity(n);
        for i in 0..n {
            let mut r = Rng::stream(seed, &[i as u64, label("layout")]);
            // Two overview pages at the docset root; the rest in contiguous areas.
            let area = if i < 2 {
                usize::MAX
            } else {
                (i - 2) * areas / (n - 2).max(1)
            };
            let dir = if area == usize::MAX {
                String::new()
            } else if r.chance(200) {
                format!("area-{area}/sub-{}", r.below(2))
            } else {
                format!("area-{area}")
            };
            let mut slug = en.file_slug(&mut r);
            if !used.insert(format!("{dir}/{}", slug.to_lowercase())) {
                slug = format!("{slug}-{i}");
                used.insert(format!("{dir}/{}", slug.to_lowercase()));
            }
            let sections = [0, 1, 2, 3, 4, 5, 8][r.weighted(&[700, 40, 180, 50, 14, 10, 6])];
            let mut anchors: Vec<String> = Vec::with_capacity(sections + 1);
            while anchors.len() <= sections {
                let a = en.anchor(&mut r);
                if !anchors.contains(&a) {
                    anchors.push(a);
                }
            }
            articles.push(Article {
                dir,
                slug,
                anchors,
                assetid: guid(seed, i),
                date: date(&mut r),
                in_toc: i < 2 || !r.chance(50),
                area,
                blocks: Vec::new(),
            });
        }
        let mut bounds = vec![(usize::MAX, 0); areas];
        for (i, a) in articles.iter().enumerate() {
            if let Some((start, end)) = bounds.get_mut(a.area) {
                *start = (*start).min(i);
                *end = (*end).max(i + 1);
            }
        }
        let area_ranges = bounds.into_iter().map(|(s, e)| s..e).collect();
        let mut plan = Plan {
            articles,
            includes: Vec::new(),
            media: Vec::new(),
            area_ranges,
            tiers,
        };
        plan.media = (0..(16 + n / 40).min(60))
            .map(|k| {
                let mut r = Rng::stream(seed, &[k as u64, label("media")]);
                let name = format!("{}-{}-{k:02}.png", en.anchor(&mut r), r.range(1, 9));
                Media {
                    name,
                    width: r.range(60, 220) as u32,
                    height: r.range(40, 160) as u32,
                    shade: r.below(200) as u8,
                }
            })
            .collect();
        plan.includes = (0..(n / 100).clamp(4, 30))
            .map(|k| {
                let mut r = Rng::stream(seed, &[k as u64, label("include")]);
                let name = format!("{}-guidance-{k:02}.md", en.anchor(&mut r));
                Include {
                    name,
                    // Nested includes, at most three deep, never a cycle.
                    nested: (k % 3 != 0).then(|| k - 1),
                    link: r.chance(400).then(|| plan.link_target(&mut r, usize::MAX)),
                    image: r.chance(300).then(|| r.below(plan.media.len())),
                    alert: r.chance(500),
                    front_matter: r.chance(300),
                }
            })
            .collect();
        for i in 0..n {
            let blocks = plan.blocks(seed, i);
            plan.articles[i].blocks = blocks;
        }
        plan
    }

    /// Another article, mostly from the same area, sometimes with a fragment.
    fn link_target(&self, r: &mut Rng, from: usize) -> LinkTarget {
        // The articles every locale with `from` has (all of them when every locale has
        // all articles).
        let n = self
            .tiers
            .iter()
            .copied()
            .find(|&t| t > from)
            .or(self.tiers.first().copied())
            .unwrap_or(self.articles.len());
        let mut article = r.below(n);
        let area = self
            .articles
            .get(from)
            .and_then(|a| self.area_ranges.get(a.area));
        if let Some(range) = area
            && range.end.min(n) > range.start
            && r.chance(700)
        {
            article = range.start + r.below(range.end.min(n) - range.start);
        }
        if article == from && n > 1 {
            article = (article + 1) % n;
        }
        let anchors = self.articles[article].anchors.len();
        let anchor = r.chance(300).then(|| r.below(anchors));
        LinkTarget { article, anchor }
    }

    fn blocks(&self, seed: u64, i: usize) -> Vec<Block> {
        let mut r = Rng::stream(seed, &[i as u64, label("structure")]);
        let media = self.media.len();
        let sections = self.articles[i].anchors.len() - 1;
        let mut blocks = vec![Block::Para(r.range(2, 4), Vec::new())];
        let kind = r.weighted(&[450, 120, 430]);
        match kind {
            // A procedure (sometimes two): numbered steps, usually with screenshots.
            0 => {
                if r.chance(500) {
                    blocks.push(Block::Para(r.range(1, 3), Vec::new()));
                }
                let with_images = r.chance(700);
                for _ in 0..r.weighted(&[0, 880, 120]) {
                    let steps = (0..r.range(2, 11))
                        .map(|_| Step {
                            image: (with_images && r.chance(700)).then(|| r.below(media)),
                            alert: r.chance(25).then(|| r.below(ALERTS.len())),
                            include: None,
                            extra_sentence: r.chance(400),
                        })
                        .collect();
                    blocks.push(Block::Steps(steps));
                    if r.chance(500) {
                        blocks.push(Block::Para(r.range(1, 3), Vec::new()));
                    }
                }
                if r.chance(350) {
                    blocks.push(Block::Bullets {
                        items: vec![None; r.range(2, 5)],
                        nested: r.chance(100),
                    });
                }
            }
            // A hub: lists of links to other articles.
            1 => {
                let lists = r.range(1, 2);
                for _ in 0..lists {
                    let items = (0..r.range(3, 9))
                        .map(|_| Some(self.link_target(&mut r, i)))
                        .collect();
                    blocks.push(Block::Bullets {
                        items,
                        nested: false,
                    });
                    blocks.push(Block::Para(r.range(1, 2), Vec::new()));
                }
            }
            // A concept page: paragraphs and a list of points.
            _ => {
                blocks.push(Block::Para(r.range(2, 4), Vec::new()));
                if r.chance(850) {
                    blocks.push(Block::Bullets {
                        items: vec![None; r.range(2, 6)],
                        nested: r.chance(150),
                    });
                }
                if r.chance(300) {
                    blocks.push(Block::Para(r.range(1, 3), Vec::new()));
                }
            }
        }
        for s in 0..sections {
            blocks.push(Block::Section(s + 1));
            blocks.push(Block::Para(r.range(1, 4), Vec::new()));
            match r.below(11) {
                0..=3 => blocks.push(Block::Bullets {
                    items: vec![None; r.range(2, 5)],
                    nested: r.chance(100),
                }),
                4 => {
                    let items = (0..r.range(2, 4))
                        .map(|_| Some(self.link_target(&mut r, i)))
                        .collect();
                    blocks.push(Block::Bullets {
                        items,
                        nested: false,
                    });
                }
                5 => blocks.push(Block::Para(r.range(1, 3), Vec::new())),
                _ => {}
            }
        }
        if r.chance(20) {
            let at = r.range(1, blocks.len());
            blocks.insert(at, Block::Table(r.range(2, 5)));
        }
        if r.chance(90) {
            let at = r.range(1, blocks.len());
            blocks.insert(at, Block::Code(r.range(2, 6)));
        }
        if r.chance(25) {
            let at = r.range(1, blocks.len());
            blocks.insert(at, Block::Image(r.below(media)));
        }
        if r.chance(160) {
            for _ in 0..r.weighted(&[0, 800, 200]) {
                let at = r.range(1, blocks.len());
                blocks.insert(at, Block::Alert(r.below(ALERTS.len()), r.range(1, 2)));
            }
        }
        if r.chance(55) {
            let inc = r.below(self.includes.len());
            // Like the corpus: some block includes sit indented in a list item.
            let in_step = blocks.iter_mut().find_map(|b| match b {
                Block::Steps(steps) => Some(steps),
                _ => None,
            });
            match in_step {
                Some(steps) if r.chance(500) => {
                    let k = r.below(steps.len());
                    steps[k].include = Some(inc);
                }
                _ => {
                    let at = r.range(1, blocks.len());
                    blocks.insert(at, Block::Include(inc));
                }
            }
        }
        // Inline items go into random paragraphs.
        let mut inline = Vec::new();
        let md_links = if kind == 1 {
            r.weighted(&[700, 300])
        } else {
            r.weighted(&[600, 250, 110, 40])
        };
        for _ in 0..md_links {
            inline.push(Inline::Link(self.link_target(&mut r, i)));
        }
        for _ in 0..r.weighted(&[100, 650, 130, 100, 20]) {
            inline.push(Inline::External(r.below(EXTERNAL.len())));
        }
        if sections >= 2 && r.chance(450) {
            inline.push(Inline::InPage(r.range(1, sections)));
        }
        for _ in 0..r.weighted(&[500, 300, 200]) {
            inline.push(Inline::Bold);
        }
        if r.chance(120) {
            inline.push(Inline::Code(r.below(CODES.len())));
        }
        let paras: Vec<usize> = blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b, Block::Para(..)))
            .map(|(k, _)| k)
            .collect();
        for item in inline {
            let k = *r.pick(&paras);
            if let Block::Para(_, items) = &mut blocks[k] {
                items.push(item);
            }
        }
        blocks
    }
}

/// Writes the prose of one article or include in one locale.
struct Writer<'a> {
    plan: &'a Plan,
    prose: &'a Prose,
    titles: &'a [String],
    /// Anchors of the article being written (empty for includes).
    anchors: &'a [String],
    r: Rng,
    /// Folder of the file being written, relative to the locale root.
    from_dir: String,
    out: String,
    /// Lines end with CRLF in this block.
    crlf_blocks: u32,
}

impl Writer<'_> {
    fn push_block(&mut self, text: &str) {
        let crlf = self.r.chance(self.crlf_blocks);
        for line in text.lines() {
            self.out.push_str(line);
            self.out.push_str(if crlf { "\r\n" } else { "\n" });
        }
        self.out.push_str(if crlf { "\r\n" } else { "\n" });
    }

    fn link_path(&mut self, to: &str) -> String {
        let p = rel_path(&self.from_dir, to);
        if !p.starts_with("..") && self.r.chance(300) {
            format!("./{p}")
        } else {
            p
        }
    }

    fn article_link(&mut self, t: LinkTarget) -> String {
        let a = &self.plan.articles[t.article];
        let mut url = self.link_path(&format!("{DOCSET}/{}", a.path()));
        if let Some(k) = t.anchor {
            url.push('#');
            url.push_str(&a.anchors[k]);
        }
        let text = if self.r.chance(700) {
            self.titles[t.article].clone()
        } else {
            self.prose.phrase(&mut self.r)
        };
        format!("[{text}]({url})")
    }

    /// A link to article `t` that leads nowhere: to a page that does not exist beside it,
    /// or (`page` false) to a section the page lacks.
    fn broken_link(&mut self, t: LinkTarget, page: bool) -> String {
        let a = &self.plan.articles[t.article];
        let url = if page {
            let path = a.path().replace(".md", "-retired.md");
            self.link_path(&format!("{DOCSET}/{path}"))
        } else {
            let path = self.link_path(&format!("{DOCSET}/{}", a.path()));
            format!("{path}#retired-section")
        };
        let text = self.prose.phrase(&mut self.r);
        format!("[{text}]({url})")
    }

    /// A closing paragraph of broken links (`count`, `targets` and their kinds drawn from
    /// a stream of the article's own, so that every locale has the same ones).
    fn broken_links(&mut self, mut b: Rng, from: usize, permille: u32) -> Option<String> {
        let count = permille as usize / 1000 + usize::from(b.chance(permille % 1000));
        let sentences: Vec<String> = (0..count)
            .map(|_| {
                let target = self.plan.link_target(&mut b, from);
                let link = self.broken_link(target, b.chance(500));
                self.prose.with_link(&mut self.r, &link)
            })
            .collect();
        (!sentences.is_empty()).then(|| self.prose.join(&mut self.r, &sentences))
    }

    fn media_path(&mut self, k: usize) -> String {
        let name = &self.plan.media[k].name;
        self.link_path(&format!("{DOCSET}/media/{name}"))
    }

    fn image(&mut self, k: usize) -> String {
        let alt = self.prose.phrase(&mut self.r);
        let path = self.media_path(k);
        format!("![{alt}]({path})")
    }

    fn include_directive(&mut self, k: usize) -> String {
        let name = &self.plan.includes[k].name;
        let path = rel_path(&self.from_dir, &format!("{DOCSET}/includes/{name}"));
        let label = name.trim_end_matches(".md").replace('-', "_");
        format!("[!INCLUDE[{label}]({path})]")
    }

    fn alert(&mut self, kind: usize, sentences: usize) -> String {
        let mut s = format!("> [!{}]\n", ALERTS[kind]);
        for _ in 0..sentences {
            s.push_str("> ");
            let line = self.prose.sentence(&mut self.r);
            s.push_str(&line);
            s.push('\n');
        }
        s
    }

    fn inline_sentence(&mut self, item: Inline) -> String {
        let r = &mut self.r;
        match item {
            Inline::Link(t) => {
                let link = self.article_link(t);
                self.prose.with_link(&mut self.r, &link)
            }
            Inline::External(k) => {
                let text = self.prose.label(r);
                self.prose
                    .with_link(r, &format!("[{text}]({})", EXTERNAL[k]))
            }
            Inline::InPage(k) => {
                let text = self.prose.phrase(r);
                let anchor = &self.anchors[k];
                self.prose.with_link(r, &format!("[{text}](#{anchor})"))
            }
            Inline::Bold => self.prose.step(r),
            Inline::Code(k) => self.prose.code_sentence(r, CODES[k]),
        }
    }

    fn para(&mut self, sentences: usize, items: &[Inline]) -> String {
        let mut list: Vec<String> = (0..sentences)
            .map(|_| self.prose.sentence(&mut self.r))
            .collect();
        for &item in items {
            let s = self.inline_sentence(item);
            let at = self.r.below(list.len() + 1);
            list.insert(at, s);
        }
        self.prose.join(&mut self.r, &list)
    }

    fn bullets(&mut self, items: &[Option<LinkTarget>], nested: bool) -> String {
        let marker = *self.r.pick(&["- ", "- ", "-   ", "* "]);
        let mut s = String::new();
        for (k, item) in items.iter().enumerate() {
            let text = match item {
                Some(t) => self.article_link(*t),
                None if self.r.chance(500) => self.prose.phrase(&mut self.r),
                None => self.prose.sentence(&mut self.r),
            };
            let _ = writeln!(s, "{marker}{text}");
            if nested && k == 0 {
                for _ in 0..self.r.range(2, 3) {
                    let sub = self.prose.phrase(&mut self.r);
                    let _ = writeln!(s, "{}{marker}{sub}", " ".repeat(marker.len()));
                }
            }
        }
        s
    }

    fn steps(&mut self, steps: &[Step]) -> String {
        let mut s = format!("**{}**\n\n", self.prose.procedure_intro(&mut self.r));
        for (k, step) in steps.iter().enumerate() {
            let marker = format!("{}. ", k + 1);
            let indent = " ".repeat(marker.len());
            let mut text = self.prose.step(&mut self.r);
            if step.extra_sentence {
                let extra = self.prose.sentence(&mut self.r);
                text = self.prose.join(&mut self.r, &[text, extra]);
            }
            let _ = writeln!(s, "{marker}{text}");
            if let Some(m) = step.image {
                let img = self.image(m);
                let _ = write!(s, "\n{indent}{img}\n");
            }
            if let Some(a) = step.alert {
                let alert = self.alert(a, 1);
                s.push('\n');
                for line in alert.lines() {
                    let _ = writeln!(s, "{indent}{line}");
                }
            }
            if let Some(inc) = step.include {
                let d = self.include_directive(inc);
                let _ = write!(s, "\n{indent}{d}\n");
            }
            if k + 1 < steps.len() && (step.image.is_some() || step.alert.is_some()) {
                s.push('\n');
            }
        }
        s
    }

    fn table(&mut self, rows: usize) -> String {
        let [a, b, c] = self.prose.table_headers();
        let mut s = format!("| {a} | {b} | {c} |\n|---|---|---|\n");
        for _ in 0..rows {
            let label = self.prose.label(&mut self.r);
            let desc = self.prose.sentence(&mut self.r);
            let value = if self.r.chance(500) {
                self.prose.yes_no(self.r.chance(500)).to_string()
            } else {
                format!("`{}`", self.r.range(1, 90))
            };
            let _ = writeln!(s, "| **{label}** | {desc} | {value} |");
        }
        s
    }

    fn code(&mut self, lines: usize) -> String {
        let lang = *self.r.pick(&["powershell", "console", "json", ""]);
        let comment = self.prose.phrase(&mut self.r);
        let mut s = format!("```{lang}\n");
        if lang == "json" {
            s.push_str("{\n");
            for k in 0..lines {
                let comma = if k + 1 < lines { "," } else { "" };
                let _ = writeln!(
                    s,
                    "  \"setting{k}\": \"{}\"{comma}",
                    self.r.pick(&CODES).replace('\\', "\\\\")
                );
            }
            s.push_str("}\n");
        } else {
            let _ = writeln!(s, "# {comment}");
            for _ in 0..lines {
                let _ = writeln!(s, "{}", self.r.pick(&CODES));
            }
        }
        s.push_str("```\n");
        s
    }
}

fn yaml_quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// How a file's lines end: (front matter CRLF, share of body blocks in CRLF per mille).
fn line_endings(r: &mut Rng) -> (bool, u32) {
    match r.weighted(&[800, 100, 100]) {
        0 => (true, 100),
        1 => (true, 1000),
        _ => (false, 0),
    }
}

fn front_matter(
    a: &Article,
    title: &str,
    description: &str,
    locale: &str,
    r: &mut Rng,
    crlf: bool,
) -> String {
    let author = *r.pick(&PEOPLE);
    let title = format!("{title} | Bench Docs");
    let cjk = locale.starts_with("zh") || locale.starts_with("ja");
    let title = if cjk || title.contains(": ") || r.chance(300) {
        yaml_quoted(&title)
    } else {
        title
    };
    let mut s = String::new();
    let _ = writeln!(s, "---");
    let _ = writeln!(s, "title: {title}");
    let _ = writeln!(s, "description: {}", yaml_quoted(description));
    let _ = writeln!(s, "keywords: ");
    let _ = writeln!(s, "author: {author}");
    let _ = writeln!(s, "ms.author: {author}");
    let _ = writeln!(s, "manager: {}", r.pick(&PEOPLE));
    let _ = writeln!(s, "ms.date: {}", a.date);
    let _ = writeln!(s, "ms.topic: article");
    let _ = writeln!(s, "ms.prod: ");
    let _ = writeln!(s, "ms.service: contoso-device-portal");
    let _ = writeln!(s, "ms.technology: ");
    let _ = writeln!(s, "ms.assetid: {}", a.assetid);
    let _ = writeln!(s, "searchScope:\n- User help");
    let _ = writeln!(s, "ROBOTS: ");
    let _ = writeln!(s, "ms.reviewer: {}", r.pick(&PEOPLE));
    let _ = writeln!(s, "ms.suite: ems");
    let _ = writeln!(s, "ms.custom: bench-enduser");
    if r.chance(50) {
        let _ = writeln!(s, "ms.contentlocale: {locale}");
    }
    let _ = writeln!(s, "translationtype: Human Translation");
    let _ = writeln!(s, "ms.sourcegitcommit: {}", hex40(r));
    let _ = writeln!(s, "ms.openlocfilehash: {}", hex40(r));
    let _ = writeln!(s, "ms.lasthandoff: {}", date(r));
    s.push_str("\n\n---\n\n");
    if crlf { s.replace('\n', "\r\n") } else { s }
}

fn titles(plan: &Plan, prose: &Prose, seed: u64, locale: &str) -> Vec<String> {
    (0..plan.articles.len())
        .map(|i| {
            let mut r = Rng::stream(seed, &[i as u64, label(locale), label("title")]);
            prose.heading(&mut r)
        })
        .collect()
}

fn write_article(
    plan: &Plan,
    prose: &Prose,
    titles: &[String],
    seed: u64,
    locale: &str,
    i: usize,
    broken_permille: u32,
) -> String {
    let a = &plan.articles[i];
    let mut r = Rng::stream(seed, &[i as u64, label(locale), label("prose")]);
    let (fm_crlf, crlf_blocks) = line_endings(&mut r);
    let description = prose.sentence(&mut r);
    let fm = front_matter(a, &titles[i], &description, locale, &mut r, fm_crlf);
    let mut w = Writer {
        plan,
        prose,
        titles,
        anchors: &a.anchors,
        r,
        from_dir: parent(&format!("{DOCSET}/{}", a.path())),
        out: fm,
        crlf_blocks,
    };
    let h1 = format!("# <a name=\"{}\"></a>{}", a.anchors[0], titles[i]);
    w.push_block(&h1);
    for b in &a.blocks {
        let text = match b {
            Block::Section(k) => {
                let h = w.prose.heading(&mut w.r);
                format!("## <a name=\"{}\"></a>{h}", a.anchors[*k])
            }
            Block::Para(n, items) => w.para(*n, items),
            Block::Bullets { items, nested } => w.bullets(items, *nested),
            Block::Steps(steps) => w.steps(steps),
            Block::Alert(kind, n) => w.alert(*kind, *n),
            Block::Table(rows) => w.table(*rows),
            Block::Code(lines) => w.code(*lines),
            Block::Include(k) => w.include_directive(*k),
            Block::Image(m) => w.image(*m),
        };
        w.push_block(&text);
    }
    // After the article's own text, so that the rest is as without broken links.
    let b = Rng::stream(seed, &[i as u64, label("broken")]);
    if broken_permille > 0
        && let Some(text) = w.broken_links(b, i, broken_permille)
    {
        w.push_block(&text);
    }
    w.out
}

fn write_include(
    plan: &Plan,
    prose: &Prose,
    titles: &[String],
    seed: u64,
    locale: &str,
    k: usize,
) -> String {
    let inc = &plan.includes[k];
    let r = Rng::stream(seed, &[k as u64, label(locale), label("include-prose")]);
    let mut w = Writer {
        plan,
        prose,
        titles,
        anchors: &[],
        r,
        from_dir: format!("{DOCSET}/includes"),
        out: String::new(),
        crlf_blocks: 0,
    };
    if inc.front_matter {
        w.out.push_str("---\nms.topic: include\n---\n");
    }
    let n = w.r.range(1, 3);
    let mut items = Vec::new();
    if let Some(t) = inc.link {
        items.push(Inline::Link(t));
    }
    let p = w.para(n, &items);
    w.push_block(&p);
    if let Some(m) = inc.image {
        let img = w.image(m);
        w.push_block(&img);
    }
    if inc.alert {
        let n = w.r.range(1, 2);
        let a = w.alert(0, n);
        w.push_block(&a);
    }
    if let Some(nested) = inc.nested {
        let d = w.include_directive(nested);
        w.push_block(&d);
    }
    w.out
}

fn parent(path: &str) -> String {
    path.rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string())
}

/// A TOC group title (a heading without a link).
fn group_title(prose: &Prose, seed: u64, locale: &str, area: usize) -> String {
    let mut r = Rng::stream(seed, &[area as u64, label(locale), label("group")]);
    prose.label(&mut r)
}

fn toc(
    plan: &Plan,
    prose: &Prose,
    titles: &[String],
    seed: u64,
    locale: &str,
    count: usize,
) -> String {
    let mut s = String::new();
    let mut area = usize::MAX;
    let mut has_level2 = false;
    for (i, a) in plan.articles.iter().enumerate().take(count) {
        if !a.in_toc {
            continue;
        }
        let title = &titles[i];
        let path = a.path();
        if a.area == usize::MAX {
            let _ = writeln!(s, "# [{title}]({path})");
            continue;
        }
        if a.area != area {
            area = a.area;
            has_level2 = false;
            // A couple of areas open with a group heading that has no link.
            if area < 2 || a.dir.contains("/sub-") {
                let _ = writeln!(s, "# {}", group_title(prose, seed, locale, area));
            } else {
                let _ = writeln!(s, "# [{title}]({path})");
                continue;
            }
        }
        // Sub-folder pages nest under the entry before them, when there is one.
        let depth = if a.dir.contains("/sub-") && has_level2 {
            "###"
        } else {
            has_level2 = true;
            "##"
        };
        let _ = writeln!(s, "{depth} [{title}]({path})");
    }
    s
}

const DOCFX_JSON: &str = r#"{
  "build": {
    "content": [
      {
        "files": ["**/*.md"],
        "exclude": ["**/includes/**"]
      }
    ],
    "resource": [
      {
        "files": ["**/media/**"]
      }
    ]
  }
}
"#;

/// Generates the whole site into `out`.
pub fn generate(out: &Path, opts: &Options) -> Result<usize, String> {
    if opts.articles < 2 {
        return Err("--articles must be at least 2".to_string());
    }
    let plan = Plan::new(opts);
    let locales = opts.locales();
    let dir = OutDir::prepare(out, &["content", "rosetta.yaml"])?;
    let names: Vec<&str> = locales.iter().map(|(l, _)| l.as_str()).collect();
    dir.write(
        "rosetta.yaml",
        format!("title: Bench\nlocales: [{}]\n", names.join(", ")).as_bytes(),
    )?;
    let mut files = 1;
    for (locale, count) in &locales {
        let (locale, count) = (locale.as_str(), *count);
        let prose = Prose::for_locale(locale);
        let titles = titles(&plan, &prose, opts.seed, locale);
        let root = format!("content/{locale}/{DOCSET}");
        dir.write(&format!("{root}/docfx.json"), DOCFX_JSON.as_bytes())?;
        dir.write(
            &format!("{root}/TOC.md"),
            toc(&plan, &prose, &titles, opts.seed, locale, count).as_bytes(),
        )?;
        files += 2;
        for (i, a) in plan.articles.iter().enumerate().take(count) {
            let text = write_article(
                &plan,
                &prose,
                &titles,
                opts.seed,
                locale,
                i,
                opts.broken_permille,
            );
            dir.write(&format!("{root}/{}", a.path()), text.as_bytes())?;
            files += 1;
        }
        for (k, inc) in plan.includes.iter().enumerate() {
            let text = write_include(&plan, &prose, &titles, opts.seed, locale, k);
            dir.write(&format!("{root}/includes/{}", inc.name), text.as_bytes())?;
            files += 1;
        }
        for m in &plan.media {
            let bytes = png(m.width, m.height, m.shade);
            dir.write(&format!("{root}/media/{}", m.name), &bytes)?;
            files += 1;
        }
    }
    Ok(files)
}
