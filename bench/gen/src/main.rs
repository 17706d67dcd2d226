//! rosetta-bench-gen: deterministic bilingual DFM sites for rosetta's benchmark, their
//! conversion to a Hugo site, and statistics to compare them with the real corpus.

mod history;
mod hugo;
mod lang;
mod output;
mod png;
mod rng;
mod site;
mod stats;
mod xrefmap;

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const DEFAULT_SEED: u64 = 20_170_525;

const USAGE: &str = "\
rosetta-bench-gen: benchmark sites for rosetta

USAGE:
    rosetta-bench-gen site OUT_DIR --articles N [--locales L[:N],...] [--broken B] [--seed S]
        Write a bilingual (zh-tw, es-es) DFM site with N articles per locale:
        OUT_DIR/rosetta.yaml and OUT_DIR/content/<locale>/docs/... --locales names the
        locales instead (zh-tw, ja-jp, es-es, pl-pl, de-de), each with N articles or its
        own count (`zh-tw:10000,es-es:5000`: a smaller locale has the first articles of
        the largest). --broken B ends each article with B links on average (a decimal,
        at most 100) that lead nowhere, half to a missing page and half to a missing
        section, the same in every locale: one broken-link or broken-anchor finding each,
        nothing else. The same arguments always give byte-identical output. Default
        seed: 20170525.

    rosetta-bench-gen hugo SITE_DIR OUT_DIR
        Convert a generated site into a Hugo site with the same pages (includes inlined,
        front matter reduced to title and description, media under static/).

    rosetta-bench-gen history OUT_DIR --articles N [--versions V] [--commits C] [--seed S]
        The site above plus the source locale en-us as a git repository (made with the
        `git` program): C commits (default N/5), each editing one page, and every zh-tw and
        es-es page naming in `ms.sourcegitcommit` one of V (default 50) versions spread over
        the history, for timing translation status.

    rosetta-bench-gen xrefmap OUT_DIR --uids N [--refs R] [--seed S]
        OUT_DIR/.xrefmap.json, an xref map of N uids shaped like Microsoft Learn's .NET API
        map (JSON); OUT_DIR/refs.md, a page with R (default 1000) cross references to uids
        spread over it (a tenth in another letter case) and ten that no map has; and
        OUT_DIR/small.json, a map of only the uids the page uses.

    rosetta-bench-gen stats DIR
        Per-article statistics (Markdown table) of every locale under DIR/content, or of
        DIR itself when it is a locale folder.

An existing OUT_DIR must be empty or written by this tool (its previous output is replaced).
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("site") => cmd_site(&args[1..]),
        Some("history") => cmd_history(&args[1..]),
        Some("xrefmap") => cmd_xrefmap(&args[1..]),
        Some("hugo") => match &args[1..] {
            [site, out] => timed("hugo", || {
                hugo::convert(Path::new(site), Path::new(out)).map(|n| format!("{n} pages"))
            }),
            _ => Err(Usage("hugo takes SITE_DIR OUT_DIR".into())),
        },
        Some("stats") => match &args[1..] {
            [dir] => stats::run(Path::new(dir)).map_err(Failure),
            _ => Err(Usage("stats takes DIR".into())),
        },
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Usage(format!("unknown command `{other}`"))),
        None => Err(Usage("missing command".into())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Usage(msg)) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(1)
        }
    }
}

enum CliError {
    Usage(String),
    Failure(String),
}
use CliError::{Failure, Usage};

fn timed(what: &str, f: impl FnOnce() -> Result<String, String>) -> Result<(), CliError> {
    let start = Instant::now();
    let done = f().map_err(Failure)?;
    eprintln!("{what}: {done} in {:.2} s", start.elapsed().as_secs_f64());
    Ok(())
}

/// The value after `flag`, a whole number.
fn number(flag: &str, v: Option<&String>) -> Result<usize, CliError> {
    let v = v.ok_or_else(|| Usage(format!("{flag} needs a value")))?;
    v.parse::<usize>()
        .map_err(|_| Usage(format!("{flag}: not a number: {v}")))
}

fn cmd_xrefmap(args: &[String]) -> Result<(), CliError> {
    let mut out = None;
    let mut uids = None;
    let mut refs = 1000;
    let mut seed = DEFAULT_SEED;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--uids" => uids = Some(number(a, it.next())?),
            "--refs" => refs = number(a, it.next())?,
            "--seed" => seed = number(a, it.next())? as u64,
            s if s.starts_with('-') => return Err(Usage(format!("unknown option `{s}`"))),
            s if out.is_none() => out = Some(s.to_owned()),
            s => return Err(Usage(format!("unexpected argument `{s}`"))),
        }
    }
    let out = out.ok_or_else(|| Usage("xrefmap needs OUT_DIR".into()))?;
    let uids = uids.ok_or_else(|| Usage("xrefmap needs --uids N".into()))?;
    let dir = Path::new(&out);
    std::fs::create_dir_all(dir).map_err(|e| Failure(format!("{out}: {e}")))?;
    timed("xrefmap", || {
        let n = xrefmap::generate(&dir.join(".xrefmap.json"), uids, seed)?;
        let r = xrefmap::page(dir, refs)?;
        let bytes = std::fs::metadata(dir.join(".xrefmap.json")).map_or(0, |m| m.len());
        Ok(format!(
            "{n} uids, {:.1} MB; a page of {r} references",
            bytes as f64 / 1e6
        ))
    })
}

fn cmd_site(args: &[String]) -> Result<(), CliError> {
    let mut out = None;
    let mut articles = None;
    let mut locales = None;
    let mut broken_permille = 0;
    let mut seed = DEFAULT_SEED;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--broken" => {
                let v = it
                    .next()
                    .ok_or_else(|| Usage("--broken needs a value".into()))?;
                broken_permille = v
                    .parse::<f64>()
                    .ok()
                    .filter(|b| (0.0..=100.0).contains(b))
                    .map(|b| (b * 1000.0).round() as u32)
                    .ok_or_else(|| Usage(format!("--broken: not a number of links: {v}")))?;
            }
            "--locales" => {
                locales = Some(
                    it.next()
                        .ok_or_else(|| Usage("--locales needs a value".into()))?
                        .clone(),
                );
            }
            "--articles" | "-n" => {
                let v = it
                    .next()
                    .ok_or_else(|| Usage("--articles needs a value".into()))?;
                articles = Some(
                    v.parse::<usize>()
                        .map_err(|_| Usage(format!("--articles: not a number: {v}")))?,
                );
            }
            "--seed" => {
                let v = it
                    .next()
                    .ok_or_else(|| Usage("--seed needs a value".into()))?;
                seed = v
                    .parse::<u64>()
                    .map_err(|_| Usage(format!("--seed: not a number: {v}")))?;
            }
            flag if flag.starts_with('-') => return Err(Usage(format!("unknown flag {flag}"))),
            dir if out.is_none() => out = Some(dir.to_string()),
            extra => return Err(Usage(format!("unexpected argument {extra}"))),
        }
    }
    let out = out.ok_or_else(|| Usage("site needs OUT_DIR".into()))?;
    let locales = match &locales {
        Some(list) => site::parse_locales(list, articles.unwrap_or(0)).map_err(Usage)?,
        None => Vec::new(),
    };
    let largest = locales.iter().map(|(_, n)| *n).max();
    let articles = largest
        .or(articles)
        .ok_or_else(|| Usage("site needs --articles N".into()))?;
    let opts = site::Options {
        articles,
        seed,
        locales,
        broken_permille,
    };
    timed("site", || {
        site::generate(Path::new(&out), &opts)
            .map(|files| format!("{articles} articles in the largest locale, {files} files"))
    })
}

fn cmd_history(args: &[String]) -> Result<(), CliError> {
    let mut out = None;
    let mut articles = None;
    let mut versions = 50;
    let mut commits = None;
    let mut seed = DEFAULT_SEED;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--articles" | "-n" => articles = Some(number(a, it.next())?),
            "--versions" => versions = number(a, it.next())?,
            "--commits" => commits = Some(number(a, it.next())?),
            "--seed" => seed = number(a, it.next())? as u64,
            flag if flag.starts_with('-') => return Err(Usage(format!("unknown flag {flag}"))),
            dir if out.is_none() => out = Some(dir.to_string()),
            extra => return Err(Usage(format!("unexpected argument {extra}"))),
        }
    }
    let out = out.ok_or_else(|| Usage("history needs OUT_DIR".into()))?;
    let articles = articles.ok_or_else(|| Usage("history needs --articles N".into()))?;
    if versions == 0 {
        return Err(Usage("--versions must be at least 1".into()));
    }
    let opts = history::Options {
        articles,
        seed,
        versions,
        commits: commits.unwrap_or(articles / 5),
    };
    timed("history", || {
        history::generate(Path::new(&out), &opts).map(|(sources, translated, commits)| {
            format!("{sources} source pages, {translated} translated pages, {commits} commits, {versions} versions")
        })
    })
}
