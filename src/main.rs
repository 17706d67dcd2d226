//! The `rosetta` command line. Parsing and printing only; the work is in the library.

use clap::{Parser, Subcommand};
use rosetta::diagnostic::format::{self, Format, Summary};
use rosetta::{BuildOptions, CheckOptions, Error, Report, StatusFormat, StatusOptions};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Build and check translated documentation written in DocFX-flavoured Markdown.
///
/// A site is a folder with content/<locale>/ trees (one per language, mirroring each other
/// path by path) and an optional rosetta.yaml. `rosetta build` writes a multilingual HTML
/// site; `rosetta check` reports broken links, anchors, includes and translation drift for CI.
///
/// Exit codes: 0 no error finding, 1 error findings (check, or build --strict), 2 usage,
/// configuration or I/O failure.
#[derive(Parser)]
#[command(name = "rosetta", version, about, long_about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into HTML (default output: SITE/public).
    ///
    /// Prints findings (human format) and a one-line summary on stderr. The site is written
    /// whenever the sources can be read, even with error findings; the previous output is
    /// replaced only when the new one is complete.
    Build {
        /// The site folder (holds content/ and rosetta.yaml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Output folder; it must be empty or written by rosetta before.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// URL the site is served from, absolute http(s) or a `/path` (overrides base_url in
        /// rosetta.yaml).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Exit 1 when any error finding exists (the site is still written).
        #[arg(long)]
        strict: bool,
        /// Skip the full-text search index.
        #[arg(long)]
        no_search: bool,
        /// Download nothing: xref maps named by URL come from .rosetta-cache/ only.
        #[arg(long)]
        offline: bool,
        /// Build only this locale (repeatable): a shard of the site. The other locales are
        /// read only as far as the language switcher, hreflang links, the sitemap and the
        /// translation checks need; shards built into separate folders and copied together
        /// are the whole site, byte for byte. Findings are those of `check --locale`.
        #[arg(long = "locale", value_name = "L")]
        locales: Vec<String>,
        /// Print only findings, no summary.
        #[arg(short, long, conflicts_with = "verbose")]
        quiet: bool,
        /// Also print how long each stage took.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Check links, anchors, includes and translation parity without writing anything.
    ///
    /// Exit 1 when any error finding exists, else 0. `human` goes to stderr; `json`,
    /// `sarif` and `github` go to stdout (or --output).
    Check {
        /// The site folder (holds content/ and rosetta.yaml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Report only findings of this locale (repeatable).
        #[arg(long = "locale", value_name = "L")]
        locales: Vec<String>,
        /// Write the report to FILE instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Download nothing: xref maps named by URL come from .rosetta-cache/ only.
        #[arg(long)]
        offline: bool,
    },
    /// Serve the site with live reload while you edit it.
    ///
    /// Builds every locale into a temporary folder (SITE/public is not touched), serves it
    /// at http://127.0.0.1:4000/, and rebuilds when content/, themes/, i18n/, locale folders
    /// named elsewhere, rosetta.yaml or .openpublishing.redirection.json change: open tabs whose page changed reload (keeping the scroll
    /// position), changed stylesheets are swapped without a reload, and each page shows
    /// its findings in a dismissable overlay. Findings also print here after each rebuild.
    /// Ctrl-C stops the server and removes the temporary folder. Exit 2 when the address
    /// cannot be listened on (a port in use) or the first build fails.
    Serve {
        /// The site folder (holds content/ and rosetta.yaml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The port to listen on (0: any free port; the address is printed).
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// The address to listen on (loopback unless you say otherwise).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Skip the full-text search index.
        #[arg(long)]
        no_search: bool,
        /// Download nothing: xref maps named by URL come from .rosetta-cache/ only.
        #[arg(long)]
        offline: bool,
    },
    /// Show which translations are behind their source, down to the section.
    ///
    /// Needs `source_locale` in rosetta.yaml and the source locale's folder in a git
    /// repository with its history. Each translated page's source version is its
    /// `ms.sourcegitcommit` (else, when the translation is in the source's repository, the
    /// newest commit that touched it); the source file at that version is compared, section
    /// by section, with the source as it is now. Prints per locale the pages translated, up
    /// to date, stale (with their changed sections), unknown, missing and machine-translated,
    /// on stdout. `markdown` fits a pull-request comment or $GITHUB_STEP_SUMMARY. Exit 0
    /// unless the status cannot be made (2).
    Status {
        /// The site folder (holds content/ and rosetta.yaml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: StatusFormat,
        /// Show only this locale (repeatable).
        #[arg(long = "locale", value_name = "L")]
        locales: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let progress = rosetta::progress::wanted();
    match cli.command {
        Command::Build {
            site,
            out,
            base_url,
            strict,
            no_search,
            offline,
            locales,
            quiet,
            verbose,
        } => {
            let opts = BuildOptions {
                site,
                out,
                base_url,
                search: !no_search,
                locales,
                progress: progress && !quiet,
                offline,
            };
            match rosetta::build(&opts) {
                Ok(report) => {
                    print_human(&report);
                    if verbose {
                        eprintln!("{}", stages_line(&report));
                    }
                    if !quiet {
                        eprintln!("{}", summary_line("built", &report));
                    }
                    exit_for(&report, strict)
                }
                Err(e) => fail(&e),
            }
        }
        Command::Serve {
            site,
            port,
            bind,
            open,
            no_search,
            offline,
        } => {
            let opts = rosetta::serve::ServeOptions {
                site,
                bind,
                port,
                open,
                search: !no_search,
                offline,
            };
            match rosetta::serve::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
        Command::Check {
            site,
            format,
            locales,
            output,
            offline,
        } => {
            let base = std::env::current_dir()
                .map(|cwd| format::site_base(&site, &cwd))
                .unwrap_or_default();
            let opts = CheckOptions {
                site,
                locales,
                progress,
                offline,
            };
            let report = match rosetta::check(&opts) {
                Ok(r) => r,
                Err(e) => return fail(&e),
            };
            let summary = Summary::new(&report.diagnostics, report.pages.clone());
            let text = match format {
                Format::Human if output.is_none() => {
                    print_human(&report);
                    eprintln!("{}", summary_line("checked", &report));
                    None
                }
                Format::Human => {
                    let mut text = format::human(&report.diagnostics, false);
                    text.push_str(&summary_line("checked", &report));
                    text.push('\n');
                    Some(text)
                }
                Format::Json => Some(format::json(&report.diagnostics, &summary)),
                Format::Sarif => Some(format::sarif(&report.diagnostics, &base)),
                Format::Github => Some(format::github(&report.diagnostics, &base)),
            };
            if let Some(text) = text {
                let written = match &output {
                    Some(path) => std::fs::write(path, text)
                        .map_err(|e| format!("cannot write {}: {e}", path.display())),
                    None => std::io::stdout()
                        .write_all(text.as_bytes())
                        .map_err(|e| e.to_string()),
                };
                if let Err(e) = written {
                    return fail(&Error::Io(e));
                }
            }
            exit_for(&report, true)
        }
        Command::Status {
            site,
            format,
            locales,
        } => {
            let opts = StatusOptions {
                site,
                locales,
                format,
            };
            match rosetta::status(&opts) {
                Ok(text) => match std::io::stdout().write_all(text.as_bytes()) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => fail(&Error::Io(e.to_string())),
                },
                Err(e) => fail(&e),
            }
        }
    }
}

fn color() -> bool {
    std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none()
        && std::env::var_os("CI").is_none()
}

fn print_human(report: &Report) {
    let text = format::human(&report.diagnostics, color());
    let _ = std::io::stderr().write_all(text.as_bytes());
}

fn summary_line(verb: &str, report: &Report) -> String {
    let pages: Vec<String> = report
        .pages
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    let counts = rosetta::diagnostic::Counts::of(&report.diagnostics);
    let mut line = format!(
        "{verb} {} pages ({}): {} errors, {} warnings in {:.2}s",
        report.pages.values().sum::<usize>(),
        pages.join(", "),
        counts.errors,
        counts.warnings,
        report.elapsed.as_secs_f64()
    );
    if let Some(search) = &report.search {
        line.push_str("; ");
        line.push_str(&search.to_string());
    }
    for note in &report.notes {
        line.push_str("; ");
        line.push_str(note);
    }
    line
}

/// `stages: discover 2 ms, analyse 130 ms, …` for `-v`.
fn stages_line(report: &Report) -> String {
    let stages: Vec<String> = report
        .stages
        .iter()
        .map(|(name, took)| format!("{name} {} ms", took.as_millis()))
        .collect();
    format!("stages: {}", stages.join(", "))
}

fn exit_for(report: &Report, errors_fail: bool) -> ExitCode {
    if errors_fail && report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn fail(e: &Error) -> ExitCode {
    match e {
        Error::Config { .. } => eprintln!("error[config]: {e}"),
        _ => eprintln!("error: {e}"),
    }
    ExitCode::from(2)
}

/// jemalloc with one arena: building the search index allocates and frees much; this keeps
/// the peak memory of a build lower than the system allocator does (and spends less time).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc reads its options from this symbol (the crate prefixes jemalloc's names).
#[cfg(not(target_env = "msvc"))]
#[allow(non_upper_case_globals)]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static malloc_conf: &[u8; 10] = b"narenas:1\0";
