//! Versions (monikers) in the reader's site: a page's version picker (its own versions and
//! those of its twins in other docfx.json content groups, which the picker moves to), the
//! versions the search index files it under, and the version shown when the reader has
//! chosen none. The theme's script does the rest: the choice in `?view=`, kept by links and
//! the language switcher, blocks and entries of other versions hidden.

use super::Prepared;
use crate::page::Page;
use crate::site::paths::{parent, relative_url};
use serde::Serialize;

/// What a page template sees as `page.versions`.
#[derive(Serialize)]
pub(super) struct VersionsView<'a> {
    /// The page's versions, space-separated (`vs-2017 vs-2019`).
    names: String,
    /// Each of the page's versions, for the search index's `version` filter.
    search: Vec<&'a str>,
    /// The version shown when the reader has chosen none.
    default: &'a str,
    /// The version shown when the address asks for one the page lacks: its newest (in the
    /// default version's product when it has some there).
    newest: &'a str,
    /// The picker, grouped by product; `None` when the page needs none (no range of its
    /// own and no moniker block).
    picker: Option<Vec<ProductView<'a>>>,
    /// The titles of the versions the picker lacks, as a JSON object (name → title): the
    /// notice on a page opened for one of them names it.
    others: String,
}

/// A product in the picker.
#[derive(Serialize)]
struct ProductView<'a> {
    /// Its name, when the picker shows several products.
    label: Option<String>,
    options: Vec<OptionView<'a>>,
}

/// A version in the picker.
#[derive(Serialize)]
struct OptionView<'a> {
    /// The moniker (`vs-2019`).
    name: &'a str,
    /// Its title in the page's language.
    title: &'a str,
    /// The twin page that has this version, relative to the page; `None`: this page.
    href: Option<String>,
}

impl<'a> Prepared<'a> {
    /// The versions view of page `page` of locale `l`; `None` in a site without versions.
    pub(super) fn versions_view<'s>(
        &'s self,
        l: usize,
        page: &'s Page,
    ) -> Option<VersionsView<'s>> {
        let monikers = page.monikers.as_deref()?;
        let defs = &*self.versions.definitions;
        let own = &monikers.versions;
        let titles = &self.locales[l].version_titles;
        let default_product = self
            .versions
            .default
            .and_then(|d| defs.monikers.get(d))
            .map(|m| m.product);
        let default = self
            .versions
            .default
            .filter(|d| own.contains(*d))
            .or_else(|| defs.newest(own, default_product))
            .and_then(|i| defs.monikers.get(i))
            .map_or("", |m| m.name.as_str());
        let newest = defs
            .newest(own, default_product)
            .and_then(|i| defs.monikers.get(i))
            .map_or("", |m| m.name.as_str());
        let search = own
            .iter()
            .filter_map(|i| defs.monikers.get(i))
            .map(|m| m.name.as_str())
            .collect();
        let mut others_json = String::new();
        let picker = monikers.picker().then(|| {
            // Each version: this page, else the first twin that has it.
            let mut choices: Vec<(usize, Option<String>)> = own.iter().map(|i| (i, None)).collect();
            let from = format!("{}/{}", self.locales[l].locale.name, parent(&page.output));
            for twin in &monikers.twins {
                let Some(twin) = self.page_by_path(l, twin) else {
                    continue;
                };
                let Some(versions) = twin.monikers.as_ref().map(|m| &m.versions) else {
                    continue;
                };
                let href = relative_url(
                    &from,
                    &format!("{}/{}", self.locales[l].locale.name, twin.output),
                );
                for i in versions.iter() {
                    if !choices.iter().any(|(c, _)| *c == i) {
                        choices.push((i, Some(href.clone())));
                    }
                }
            }
            choices.sort_by_key(|(i, _)| *i);
            let others: serde_json::Map<String, serde_json::Value> = defs
                .monikers
                .iter()
                .enumerate()
                .filter(|(i, _)| !choices.iter().any(|(c, _)| c == i))
                .map(|(i, m)| {
                    let title = titles.get(i).map_or(m.name.as_str(), String::as_str);
                    (m.name.clone(), serde_json::Value::from(title))
                })
                .collect();
            others_json = serde_json::Value::Object(others).to_string();
            let mut products: Vec<(usize, Vec<OptionView<'s>>)> = Vec::new();
            for (i, href) in choices {
                let Some(m) = defs.monikers.get(i) else {
                    continue;
                };
                let option = OptionView {
                    name: &m.name,
                    title: titles.get(i).map_or(&m.name, |t| t.as_str()),
                    href,
                };
                match products.last_mut() {
                    Some((p, options)) if *p == m.product => options.push(option),
                    _ => products.push((m.product, vec![option])),
                }
            }
            let several = products.len() > 1;
            let strings = self.locales[l].strings;
            products
                .into_iter()
                .map(|(p, options)| ProductView {
                    label: several.then(|| {
                        let name = defs.products.get(p).map_or("", |p| p.name.as_str());
                        strings
                            .lookup(&format!("moniker-product-{name}"))
                            .unwrap_or(name)
                            .to_owned()
                    }),
                    options,
                })
                .collect()
        });
        Some(VersionsView {
            names: defs.names(own),
            search,
            default,
            newest,
            picker,
            others: others_json,
        })
    }

    /// The page of locale `l` at a source path.
    fn page_by_path(&self, l: usize, path: &str) -> Option<&'a Page> {
        let locale = &self.locales[l];
        locale
            .page_index
            .get(path)
            .and_then(|&i| locale.pages.get(i))
    }
}
