//! UI strings from Fluent files: embedded `i18n/<locale>.ftl` (with `en-us` as fallback),
//! overridden key by key by a site's own `i18n/<locale>.ftl`. The only user of `fluent`.

use crate::dfm::directive::AlertKind;
use crate::diagnostic::{Code, Diagnostic, Location, line_column};
use fluent::{FluentBundle, FluentResource};
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/i18n");

/// The locale whose strings fill in what another locale lacks.
pub(crate) const FALLBACK: &str = "en-us";

/// The UI strings of one locale, resolved once per build (no arguments: placeholders such
/// as `{ $count }` are left for the page script).
#[derive(Clone, Debug, Default)]
pub(crate) struct Strings {
    map: BTreeMap<String, String>,
    /// Whether `language-name` comes from a file for this locale (not the fallback).
    own_language_name: bool,
}

impl Strings {
    /// Loads the strings for `locale`: embedded fallback, embedded locale (by full name, then
    /// by language), then the site's overrides. Findings for a site file that does not parse.
    pub(crate) fn load(site_root: &Path, locale: &str, findings: &mut Vec<Diagnostic>) -> Strings {
        let mut strings = Strings::default();
        let language = locale.split(['-', '_']).next().unwrap_or(locale);
        let mut layers = vec![(FALLBACK.to_owned(), false)];
        if let Some(name) = embedded_for(locale, language) {
            layers.push((name, true));
        }
        for (name, own) in layers {
            if let Some(text) = EMBEDDED
                .get_file(format!("{name}.ftl"))
                .and_then(|f| f.contents_utf8())
            {
                strings.add(text, locale, None, findings);
                // The locale's own file (English's too) names its language.
                strings.own_language_name |=
                    own && text.lines().any(|l| l.starts_with("language-name"));
            }
        }
        let mut overrides = Vec::new();
        if language != locale {
            overrides.push(language);
        }
        overrides.push(locale);
        for name in overrides {
            let rel = format!("i18n/{name}.ftl");
            let path = site_root.join(&rel);
            if !path.is_file() {
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    strings.add(&text, locale, Some(&rel), findings);
                    strings.own_language_name |= text
                        .lines()
                        .any(|l| l.trim_start().starts_with("language-name"));
                }
                Err(e) => findings.push(Diagnostic::new(
                    Code::Io,
                    None,
                    &Location::file_start(rel.as_str().into()),
                    format!("cannot read: {e}"),
                )),
            }
        }
        strings
    }

    /// Adds the messages of one Fluent file, replacing those already there.
    fn add(
        &mut self,
        text: &str,
        locale: &str,
        file: Option<&str>,
        findings: &mut Vec<Diagnostic>,
    ) {
        let resource = match FluentResource::try_new(text.to_owned()) {
            Ok(r) => r,
            Err((r, errors)) => {
                if let (Some(file), Some(first)) = (file, errors.first()) {
                    let (line, column) = line_column(text, first.pos.start);
                    let at = Location::new(file.into(), line, column);
                    findings.push(Diagnostic::new(
                        Code::Config,
                        None,
                        &at,
                        format!("Fluent syntax error: {}", first.kind),
                    ));
                }
                r
            }
        };
        let ids: Vec<String> = resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) if m.value.is_some() => {
                    Some(m.id.name.to_owned())
                }
                _ => None,
            })
            .collect();
        let langid = locale.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![langid]);
        bundle.set_use_isolating(false);
        bundle.add_resource_overriding(resource);
        for id in ids {
            let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let value = bundle.format_pattern(pattern, None, &mut errors);
            self.map.insert(id, value.into_owned());
        }
    }

    /// The string for `key`, or the key itself when no file has it.
    pub(crate) fn get(&self, key: &str) -> String {
        self.map.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    /// The string for `key`, when a file has it.
    pub(crate) fn lookup(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// The locale's name in its own language (`繁體中文`), or the locale code when no file
    /// names it (the English fallback must not call every language "English").
    pub(crate) fn language_name(&self, locale: &str) -> String {
        match self.map.get("language-name") {
            Some(name) if self.own_language_name => name.clone(),
            _ => locale.to_owned(),
        }
    }

    /// Every string, for templates.
    pub(crate) fn all(&self) -> &BTreeMap<String, String> {
        &self.map
    }

    /// The alert labels in [`AlertKind::ALL`] order.
    pub(crate) fn alert_labels(&self) -> [String; 5] {
        AlertKind::ALL.map(|k| self.get(&format!("alert-{}", k.as_str())))
    }
}

/// A UI string with its Fluent variables (`{ $date }` or `{$date}`, left as written since
/// the strings are formatted without arguments) replaced.
pub(crate) fn fill(text: &str, vars: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in vars {
        for form in [format!("{{ ${name} }}"), format!("{{${name}}}")] {
            out = out.replace(&form, value);
        }
    }
    out
}

/// The embedded file for a locale: `zh-tw` itself, else another of its language (`es` for
/// `es-mx`: `es-es`).
fn embedded_for(locale: &str, language: &str) -> Option<String> {
    if EMBEDDED.get_file(format!("{locale}.ftl")).is_some() {
        return Some(locale.to_owned());
    }
    EMBEDDED
        .files()
        .filter_map(|f| f.path().to_str())
        .filter_map(|p| p.strip_suffix(".ftl"))
        .filter(|name| name.split('-').next() == Some(language))
        .min()
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fluent_variables_are_filled() {
        assert_eq!(
            fill(
                "since { $date }: {$count}",
                &[("date", "2019-12-06"), ("count", "3")]
            ),
            "since 2019-12-06: 3"
        );
    }

    #[test]
    fn embedded_strings_per_locale_with_fallback() {
        let mut findings = Vec::new();
        // A site folder without i18n/: only the embedded strings apply.
        let site = tempfile::tempdir().expect("a temporary folder");
        let dir = site.path();
        let zh = Strings::load(dir, "zh-tw", &mut findings);
        let es = Strings::load(dir, "es-es", &mut findings);
        let fr = Strings::load(dir, "fr-fr", &mut findings);
        assert_eq!(zh.alert_labels()[0], "附註");
        assert_eq!(es.alert_labels()[0], "Nota");
        assert_eq!(fr.alert_labels()[0], "Note");
        let mx = Strings::load(dir, "es-mx", &mut findings);
        assert_eq!(mx.alert_labels()[0], "Nota");
        assert_eq!(zh.language_name("zh-tw"), "繁體中文");
        let en = Strings::load(dir, "en-us", &mut findings);
        assert_eq!(en.language_name("en-us"), "English");
        assert_eq!(mx.language_name("es-mx"), "Español");
        assert_eq!(fr.language_name("fr-fr"), "fr-fr");
        assert!(findings.is_empty());
    }
}
