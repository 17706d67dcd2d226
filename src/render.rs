//! The render stage: pages through the theme's templates, resources and theme assets, all
//! into the staging output.

use crate::Error;
use crate::check::LocalePages;
use crate::diagnostic::Diagnostic;
use crate::i18n::Strings;
use crate::output::Output;
use crate::page::Page;
use crate::site::{Locale, Site, is_rtl};
use crate::theme::Theme;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// What a page template sees as `page`.
#[derive(Serialize)]
struct PageView<'a> {
    lang: &'a str,
    dir: &'static str,
    title: &'a str,
    description: Option<&'a str>,
    /// The body HTML: printed with `| safe`, never evaluated.
    body: &'a str,
    /// Relative URL of the output root (`../../`), for theme assets.
    root: String,
    /// Source path relative to the locale.
    path: &'a str,
    /// Output path relative to the locale.
    url: &'a str,
    /// Every front matter key.
    meta: &'a serde_json::Map<String, serde_json::Value>,
    headings: Vec<HeadingView<'a>>,
}

#[derive(Serialize)]
struct HeadingView<'a> {
    level: u8,
    id: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: Option<&'a str>,
}

#[derive(Serialize)]
struct TemplateContext<'a> {
    page: PageView<'a>,
    site: SiteView<'a>,
    strings: &'a std::collections::BTreeMap<String, String>,
}

/// Writes every page, resource and theme asset into `out`. Returns the number of files.
pub fn write_site(
    site: &Site,
    theme: &Theme,
    out: &Output,
    pages: Vec<LocalePages>,
    findings: &mut Vec<Diagnostic>,
) -> Result<usize, Error> {
    let mut written = 0;
    for (locale, locale_pages) in site.locales.iter().zip(pages) {
        let strings = Strings::load(&site.root, &locale.name, &mut Vec::new());
        let copies = files_to_copy(locale, &locale_pages);
        let outputs: Vec<String> = locale_pages
            .iter()
            .map(|p| format!("{}/{}", locale.name, p.output))
            .chain(copies.iter().map(|c| format!("{}/{c}", locale.name)))
            .collect();
        out.create_dirs(outputs.iter().map(String::as_str))?;
        let site_title = site.config.title_for(&locale.name);
        locale_pages.par_iter().try_for_each(|page| {
            let html = render_page(theme, locale, page, &strings, site_title)?;
            out.write(&format!("{}/{}", locale.name, page.output), html.as_bytes())
        })?;
        copies.par_iter().try_for_each(|rel| {
            out.copy(&format!("{}/{rel}", locale.name), &locale.dir.join(rel))
        })?;
        written += locale_pages.len() + copies.len();
    }
    let _ = findings;
    let assets: Vec<String> = theme
        .assets()
        .keys()
        .map(|k| format!("_rosetta/{k}"))
        .collect();
    out.create_dirs(assets.iter().map(String::as_str))?;
    for (name, bytes) in theme.assets() {
        out.write(&format!("_rosetta/{name}"), bytes)?;
    }
    Ok(written + assets.len())
}

/// Resources the globs name, plus every existing file a page references.
fn files_to_copy(locale: &Locale, pages: &[Page]) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = locale.resources.iter().cloned().collect();
    for page in pages {
        files.extend(page.referenced_files.iter().cloned());
    }
    files
}

fn render_page(
    theme: &Theme,
    locale: &Locale,
    page: &Page,
    strings: &Strings,
    site_title: Option<&str>,
) -> Result<String, Error> {
    let depth = page.output.matches('/').count() + 1;
    let view = PageView {
        lang: &locale.name,
        dir: if is_rtl(&locale.name) { "rtl" } else { "ltr" },
        title: &page.title,
        description: page.front_matter.description.as_deref(),
        body: &page.body,
        root: "../".repeat(depth),
        path: &page.path,
        url: &page.output,
        meta: &page.front_matter.fields,
        headings: page
            .headings
            .iter()
            .map(|h| HeadingView {
                level: h.level,
                id: &h.id,
                text: &h.text,
            })
            .collect(),
    };
    let context = TemplateContext {
        page: view,
        site: SiteView { title: site_title },
        strings: strings.all(),
    };
    theme.render("page.html", &context).map_err(|e| {
        Error::Usage(format!(
            "theme template page.html failed on {}: {e}",
            page.site_path
        ))
    })
}
