//! `rosetta.yaml`: every key optional, unknown keys and wrong types refused.

use crate::dfm::moniker::{Definitions, MonikerEntry};
use crate::diagnostic::{Code, Severity, line_column};
use crate::error::Error;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The site title: one for all locales, or one per locale.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub(crate) enum Title {
    One(String),
    PerLocale(BTreeMap<String, String>),
}

/// `edit_url:`: the address of a page's file in an editor, one pattern for all locales or
/// one per locale; `{path}` is the file relative to its locale folder, `{locale}` the locale.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub(crate) enum EditUrl {
    One(String),
    PerLocale(BTreeMap<String, String>),
}

/// `locales:`: a list of names (each in `content/<name>/`), or a map from name to the
/// locale's folder relative to the site root, in the order written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Locales(pub(crate) Vec<LocaleEntry>);

/// One locale of `locales:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LocaleEntry {
    /// The locale's name (`zh-tw`).
    pub(crate) name: String,
    /// Its folder relative to the site root, when not `content/<name>`.
    pub(crate) folder: Option<String>,
}

impl Locales {
    /// Whether a locale of this name is listed.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|e| e.name == name)
    }
}

impl<'de> Deserialize<'de> for Locales {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Locales;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of locale names, or a map from locale name to folder")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Locales, A::Error> {
                let mut list = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    list.push(LocaleEntry { name, folder: None });
                }
                Ok(Locales(list))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Locales, A::Error> {
                let mut list: Vec<LocaleEntry> = Vec::new();
                while let Some((name, folder)) = map.next_entry::<String, String>()? {
                    if list.iter().any(|e| e.name == name) {
                        return Err(serde::de::Error::custom(format!(
                            "locale `{name}` is given twice"
                        )));
                    }
                    list.push(LocaleEntry {
                        name,
                        folder: Some(folder),
                    });
                }
                Ok(Locales(list))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `monikers:`: each product with its monikers, oldest first, in the order written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Monikers(pub(crate) Vec<(String, Vec<MonikerEntry>)>);

/// One moniker of `monikers:`: a name, or `{name, title}`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
enum MonikerItem {
    Name(String),
    Full(MonikerFull),
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct MonikerFull {
    name: String,
    #[serde(default)]
    title: Option<String>,
}

impl<'de> Deserialize<'de> for Monikers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Monikers;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "a map from product to its monikers, oldest first (each a name or {name, title})",
                )
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Monikers, A::Error> {
                let mut list: Vec<(String, Vec<MonikerEntry>)> = Vec::new();
                while let Some((product, items)) = map.next_entry::<String, Vec<MonikerItem>>()? {
                    if list.iter().any(|(p, _)| *p == product) {
                        return Err(serde::de::Error::custom(format!(
                            "product `{product}` is given twice"
                        )));
                    }
                    let entries = items
                        .into_iter()
                        .map(|item| match item {
                            MonikerItem::Name(name) => MonikerEntry { name, title: None },
                            MonikerItem::Full(f) => MonikerEntry {
                                name: f.name,
                                title: f.title,
                            },
                        })
                        .collect();
                    list.push((product, entries));
                }
                Ok(Monikers(list))
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// A severity as `checks:` writes it.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    Error,
    Warning,
    Off,
}

/// The site's configuration (README, "rosetta.yaml").
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    #[serde(default)]
    pub title: Option<Title>,
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub locales: Option<Locales>,
    #[serde(default)]
    pub reference_locale: Option<String>,
    /// The locale the others are translated from; none for peer translations.
    #[serde(default)]
    pub source_locale: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_true")]
    pub search: bool,
    #[serde(default)]
    pub checks: BTreeMap<String, Level>,
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Other sites' xref maps whose uids pages may name: files (relative to SITE) or
    /// http(s) URLs, in DocFX's YAML or JSON form.
    #[serde(default)]
    pub xref: Vec<String>,
    /// Where a page is edited: its "Edit this page" link.
    #[serde(default)]
    pub edit_url: Option<EditUrl>,
    /// The versions (DocFX monikers) of each product, oldest first; inferred from the
    /// ranges in use when not given.
    #[serde(default)]
    pub monikers: Option<Monikers>,
    /// The version a reader sees first; default: the newest of the first product.
    #[serde(default)]
    pub default_moniker: Option<String>,
}

fn default_theme() -> String {
    "default".into()
}

fn default_true() -> bool {
    true
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: None,
            base_url: None,
            locales: None,
            reference_locale: None,
            source_locale: None,
            theme: default_theme(),
            search: true,
            checks: BTreeMap::new(),
            xref: Vec::new(),
            ignore: Vec::new(),
            edit_url: None,
            monikers: None,
            default_moniker: None,
        }
    }
}

/// Accepts a base URL (`rosetta.yaml` or `--base-url`): an absolute http(s) URL or a path
/// starting with `/`.
pub(crate) fn check_base_url(url: &str) -> Result<String, String> {
    if url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/') {
        Ok(url.to_owned())
    } else {
        Err(format!(
            "`{url}` must be an absolute http(s) URL or start with `/`"
        ))
    }
}

/// A configuration file that cannot be used: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ConfigError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl ConfigError {
    /// The run-stopping error for this problem in configuration file `file`.
    pub(crate) fn in_file(self, file: &str) -> Error {
        Error::Config {
            file: file.to_owned(),
            line: self.line,
            column: self.column,
            message: self.message,
        }
    }
}

/// The line where `key` starts a line of `text` (after indentation); 1 when none does.
fn key_line(text: &str, key: &str) -> u32 {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(key) {
            return line_column(text, offset).0;
        }
        offset += line.len();
    }
    1
}

/// The configuration file of a site root, if it has one.
pub(crate) fn file_name(site_root: &Path) -> Option<&'static str> {
    ["rosetta.yaml", "rosetta.yml"]
        .into_iter()
        .find(|n| site_root.join(n).is_file())
}

impl Config {
    /// Checks that `source_locale` and `reference_locale` name locales the site has (`names`,
    /// as found when `locales:` is not given): a misspelt name is an error at its key.
    pub(crate) fn check_locale_names(&self, site_root: &Path, names: &[&str]) -> Result<(), Error> {
        for (key, value) in [
            ("source_locale", &self.source_locale),
            ("reference_locale", &self.reference_locale),
        ] {
            let Some(value) = value else { continue };
            if names.contains(&value.as_str()) {
                continue;
            }
            let file = file_name(site_root).unwrap_or("rosetta.yaml");
            let text = std::fs::read_to_string(site_root.join(file)).unwrap_or_default();
            return Err(ConfigError {
                line: key_line(&text, key),
                column: 1,
                message: format!(
                    "{key} `{value}` is not a locale of the site (its locales: {})",
                    names.join(", ")
                ),
            }
            .in_file(file));
        }
        Ok(())
    }

    /// Reads `rosetta.yaml` from the site root; a missing file means every default.
    pub(crate) fn load(site_root: &Path) -> Result<Config, Error> {
        let Some(name) = file_name(site_root) else {
            return Ok(Config::default());
        };
        let text = std::fs::read_to_string(site_root.join(name)).map_err(|e| Error::Config {
            file: name.to_owned(),
            line: 1,
            column: 1,
            message: format!("cannot read {name}: {e}"),
        })?;
        Config::parse(&text).map_err(|e| e.in_file(name))
    }

    /// Parses the text of `rosetta.yaml`.
    pub(crate) fn parse(text: &str) -> Result<Config, ConfigError> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let config: Config = serde_yaml::from_str(text).map_err(|err| {
            let (line, column) = err
                .location()
                .map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
            let message = err.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            ConfigError {
                line,
                column,
                message,
            }
        })?;
        config.validate(text)?;
        Ok(config)
    }

    fn validate(&self, text: &str) -> Result<(), ConfigError> {
        let line_of = |key: &str| key_line(text, key);
        for code in self.checks.keys() {
            if Code::from_name(code).is_none() {
                return Err(ConfigError {
                    line: line_of(code),
                    column: 1,
                    message: format!("checks: unknown diagnostic code `{code}`"),
                });
            }
        }
        for pattern in &self.ignore {
            if let Err(e) = globset::Glob::new(pattern) {
                return Err(ConfigError {
                    line: line_of(&format!("- {pattern}")),
                    column: 1,
                    message: format!("ignore: `{pattern}` is not a valid glob: {e}"),
                });
            }
        }
        if let (Some(reference), Some(locales)) = (&self.reference_locale, &self.locales)
            && !locales.contains(reference)
        {
            return Err(ConfigError {
                line: line_of("reference_locale"),
                column: 1,
                message: format!("reference_locale `{reference}` is not one of `locales`"),
            });
        }
        if let (Some(source), Some(locales)) = (&self.source_locale, &self.locales)
            && !locales.contains(source)
        {
            return Err(ConfigError {
                line: line_of("source_locale"),
                column: 1,
                message: format!("source_locale `{source}` is not one of `locales`"),
            });
        }
        if let Some(monikers) = &self.monikers {
            let definitions = Definitions::new(&monikers.0).map_err(|message| ConfigError {
                line: line_of("monikers"),
                column: 1,
                message: format!("monikers: {message}"),
            })?;
            if let Some(default) = &self.default_moniker
                && definitions.index(default).is_none()
            {
                return Err(ConfigError {
                    line: line_of("default_moniker"),
                    column: 1,
                    message: format!("default_moniker `{default}` is not one of `monikers`"),
                });
            }
        }
        if let Some(url) = &self.base_url
            && let Err(message) = check_base_url(url)
        {
            return Err(ConfigError {
                line: line_of("base_url"),
                column: 1,
                message: format!("base_url: {message}"),
            });
        }
        Ok(())
    }

    /// The versions `monikers:` defines (empty when not given).
    pub(crate) fn moniker_definitions(&self) -> Definitions {
        self.monikers
            .as_ref()
            .and_then(|m| Definitions::new(&m.0).ok())
            .unwrap_or_default()
    }

    /// The severity `code` is reported with, `None` when switched off.
    pub(crate) fn severity(&self, code: Code) -> Option<Severity> {
        match self.checks.get(code.as_str()) {
            Some(Level::Off) => None,
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            None => Some(code.default_severity()),
        }
    }

    /// The `edit_url` pattern of a locale: the one pattern, or the locale's own (none when
    /// the map does not name it).
    pub(crate) fn edit_url_for(&self, locale: &str) -> Option<&str> {
        match &self.edit_url {
            Some(EditUrl::One(pattern)) => Some(pattern),
            Some(EditUrl::PerLocale(map)) => map.get(locale).map(String::as_str),
            None => None,
        }
    }

    /// The site title for a locale.
    pub(crate) fn title_for(&self, locale: &str) -> Option<&str> {
        match &self.title {
            Some(Title::One(t)) => Some(t),
            Some(Title::PerLocale(map)) => map
                .get(locale)
                .or_else(|| map.values().next())
                .map(String::as_str),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional() {
        let c = Config::parse("").expect("an empty file is a valid configuration");
        assert_eq!(c.theme, "default");
        assert!(c.search);
    }

    #[test]
    fn reads_the_documented_keys() {
        let text = "title:\n  zh-tw: 說明\n  es-es: Ayuda\nbase_url: https://docs.example.org/\nlocales: [zh-tw, es-es]\nreference_locale: es-es\nsearch: false\nchecks:\n  missing-translation: off\n  link-case: error\nignore:\n  - \"**/localization-*.md\"\n";
        let c = Config::parse(text).expect("valid");
        assert_eq!(c.title_for("es-es"), Some("Ayuda"));
        assert_eq!(c.severity(Code::MissingTranslation), None);
        assert_eq!(c.severity(Code::LinkCase), Some(Severity::Error));
        assert_eq!(c.severity(Code::BrokenLink), Some(Severity::Error));
        assert!(!c.search);
        let names: Vec<&str> = c
            .locales
            .iter()
            .flat_map(|l| &l.0)
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names, ["zh-tw", "es-es"]);
    }

    #[test]
    fn edit_url_is_one_pattern_or_one_per_locale() {
        let one = Config::parse("edit_url: https://github.com/o/r/edit/main/{locale}/{path}\n")
            .expect("valid");
        assert_eq!(
            one.edit_url_for("es-es"),
            Some("https://github.com/o/r/edit/main/{locale}/{path}")
        );
        let each = Config::parse(
            "edit_url:\n  en-us: https://github.com/o/docs/blob/main/{path}\n  es-es: https://github.com/o/docs.es-es/blob/live/{path}\n",
        )
        .expect("valid");
        assert_eq!(
            each.edit_url_for("es-es"),
            Some("https://github.com/o/docs.es-es/blob/live/{path}")
        );
        assert_eq!(each.edit_url_for("zh-tw"), None);
        assert_eq!(
            Config::parse("").expect("valid").edit_url_for("en-us"),
            None
        );
        let err = Config::parse("edit_url: [a, b]\n").expect_err("not a pattern");
        assert_eq!(err.line, 1);
    }

    #[test]
    fn locales_may_name_their_folders_in_order() {
        let c = Config::parse(
            "locales:
  zh-tw: ../Docs.zh-tw
  en-us: ../Docs
source_locale: en-us
",
        )
        .expect("valid");
        let entries = c.locales.expect("locales").0;
        assert_eq!(
            entries,
            [
                LocaleEntry {
                    name: "zh-tw".into(),
                    folder: Some("../Docs.zh-tw".into())
                },
                LocaleEntry {
                    name: "en-us".into(),
                    folder: Some("../Docs".into())
                }
            ]
        );
        let err = Config::parse(
            "locales: {a: x, a: y}
",
        )
        .expect_err("twice");
        assert!(err.message.contains("twice"), "{}", err.message);
        let err = Config::parse(
            "locales: 3
",
        )
        .expect_err("not a list");
        assert_eq!(err.line, 1);
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let err = Config::parse("title: x\nserch: false\n").expect_err("unknown key");
        assert_eq!(err.line, 2);
        assert!(err.message.contains("serch"), "{}", err.message);
    }

    #[test]
    fn monikers_are_products_with_their_versions_in_order() {
        let c = Config::parse(
            "monikers:\n  visual-studio: [vs-2015, vs-2017, {name: vs-2019, title: Visual Studio 2019}, vs-2022]\n  sql: [sql-2016]\ndefault_moniker: VS-2019\n",
        )
        .expect("valid");
        let defs = c.moniker_definitions();
        assert_eq!(
            defs.names(&defs.all()),
            "vs-2015 vs-2017 vs-2019 vs-2022 sql-2016"
        );
        assert_eq!(defs.products[1].name, "sql");
        assert_eq!(
            defs.monikers[2].title.as_deref(),
            Some("Visual Studio 2019")
        );
        let err = Config::parse("monikers:\n  a: [x-1]\ndefault_moniker: x-2\n")
            .expect_err("undefined default");
        assert_eq!(err.line, 3);
        let err = Config::parse("monikers:\n  a: [x-1, X-1]\n").expect_err("twice");
        assert!(err.message.contains("twice"), "{}", err.message);
        let err =
            Config::parse("monikers:\n  a: [{name: x-1, titel: X}]\n").expect_err("unknown key");
        assert_eq!(err.line, 2);
        let err = Config::parse("monikers: [a, b]\n").expect_err("not a map");
        assert_eq!(err.line, 1);
    }

    #[test]
    fn a_wrong_type_is_refused() {
        let err = Config::parse("search: [1]\n").expect_err("wrong type");
        assert_eq!(err.line, 1);
        let err = Config::parse("checks:\n  broken-lnk: off\n").expect_err("unknown code");
        assert_eq!(err.line, 2);
    }
}
