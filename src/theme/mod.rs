//! The render stage's templates: the embedded default theme, overridden file by file by a
//! site's `themes/<name>/`. The only user of `tera`. Templates are compiled once per build;
//! page bodies are passed in as finished HTML and never evaluated as templates.

use crate::error::Error;
use include_dir::{Dir, include_dir};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tera::{Context, Tera};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Values that many renders share (a locale's UI strings), converted for the templates once
/// instead of once per page.
#[derive(Clone, Default)]
pub(crate) struct Shared(Vec<(&'static str, tera::Value)>);

impl Shared {
    /// Adds `value` under the name `key` (a top-level name the templates see).
    pub(crate) fn with<T: Serialize + ?Sized>(mut self, key: &'static str, value: &T) -> Shared {
        self.0.push((key, tera::Value::from_serializable(value)));
        self
    }
}

/// A compiled theme: templates and static files.
pub(crate) struct Theme {
    tera: Tera,
    /// Static files, path relative to the theme's `static/` → bytes. Written to `_rosetta/`.
    assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Loads the embedded default theme and applies `SITE/themes/<name>/` over it.
    pub(crate) fn load(site_root: &Path, name: &str) -> Result<Theme, Error> {
        let mut templates: BTreeMap<String, String> = BTreeMap::new();
        let mut assets: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        collect_embedded(&EMBEDDED, &mut templates, &mut assets);
        let dir = site_root.join("themes").join(name);
        if dir.is_dir() {
            collect_dir(&dir, &mut templates, &mut assets)?;
        } else if name != "default" {
            return Err(Error::Config {
                file: "rosetta.yaml".into(),
                line: 1,
                column: 1,
                message: format!("theme `{name}` has no folder themes/{name}/"),
            });
        }
        let mut tera = Tera::new();
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| Error::Config {
                file: format!("themes/{name}/templates"),
                line: 1,
                column: 1,
                message: format!("template error: {e}"),
            })?;
        Ok(Theme { tera, assets })
    }

    /// Renders a template with a serializable context; `what` names the page being
    /// rendered for the error message.
    pub(crate) fn render<T: Serialize>(
        &self,
        template: &str,
        context: &T,
        what: &str,
    ) -> Result<String, Error> {
        self.render_with(template, context, &Shared::default(), what)
    }

    /// [`Theme::render`] with `shared` values added to the context (cloning them is cheap).
    pub(crate) fn render_with<T: Serialize>(
        &self,
        template: &str,
        context: &T,
        shared: &Shared,
        what: &str,
    ) -> Result<String, Error> {
        let failed = |e: tera::Error| {
            let mut message = format!("{what}: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            Error::Template {
                template: template.to_owned(),
                message,
            }
        };
        let mut ctx = Context::from_serialize(context).map_err(failed)?;
        for (key, value) in &shared.0 {
            ctx.insert_value(*key, value.clone());
        }
        self.tera.render(template, &ctx).map_err(failed)
    }

    /// The theme's static files (path under `_rosetta/` → bytes).
    pub(crate) fn assets(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.assets
    }
}

fn collect_embedded(
    dir: &Dir<'static>,
    templates: &mut BTreeMap<String, String>,
    assets: &mut BTreeMap<String, Vec<u8>>,
) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_prefix("templates/") {
            templates.insert(
                name.to_owned(),
                String::from_utf8_lossy(file.contents()).into_owned(),
            );
        } else if let Some(name) = path.strip_prefix("static/") {
            assets.insert(name.to_owned(), file.contents().to_vec());
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, templates, assets);
    }
}

fn collect_dir(
    dir: &Path,
    templates: &mut BTreeMap<String, String>,
    assets: &mut BTreeMap<String, Vec<u8>>,
) -> Result<(), Error> {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Io(format!("cannot read theme: {e}")))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let read = || {
            std::fs::read(entry.path())
                .map_err(|e| Error::Io(format!("cannot read {}: {e}", entry.path().display())))
        };
        if let Some(name) = rel.strip_prefix("templates/") {
            templates.insert(
                name.to_owned(),
                String::from_utf8_lossy(&read()?).into_owned(),
            );
        } else if let Some(name) = rel.strip_prefix("static/") {
            assets.insert(name.to_owned(), read()?);
        }
    }
    Ok(())
}
