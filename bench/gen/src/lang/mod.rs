//! Prose for each generated locale. Everything is written for this generator (no corpus
//! text): word lists combined by templates, driven by the caller's PRNG stream.

mod cjk;
mod de;
pub mod en;
mod es;
mod ja;
mod pl;
mod zh;

use crate::rng::Rng;

/// The words of a list, in order (a word listed twice is drawn twice as often).
fn words(list: &'static str) -> Vec<&'static str> {
    list.split_whitespace().collect()
}

/// The words of a list, first occurrence kept.
fn unique_words(list: &'static str) -> Vec<&'static str> {
    let mut seen = std::collections::HashSet::new();
    list.split_whitespace()
        .filter(|w| seen.insert(*w))
        .collect()
}

/// `s` with its first letter in upper case.
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => format!("{}{}", c.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// The locales a generated site has by default, in `rosetta.yaml` order.
pub const LOCALES: [&str; 2] = ["zh-tw", "es-es"];

/// Every locale the generator writes prose for.
pub const KNOWN: [&str; 5] = ["zh-tw", "ja-jp", "es-es", "pl-pl", "de-de"];

/// A locale's prose generator.
pub enum Prose {
    Chinese(zh::Chinese),
    Japanese(ja::Japanese),
    Spanish(es::Spanish),
    Polish(pl::Polish),
    German(de::German),
}

macro_rules! both {
    ($self:ident, $p:ident => $e:expr) => {
        match $self {
            Prose::Chinese($p) => $e,
            Prose::Japanese($p) => $e,
            Prose::Spanish($p) => $e,
            Prose::Polish($p) => $e,
            Prose::German($p) => $e,
        }
    };
}

impl Prose {
    pub fn for_locale(locale: &str) -> Prose {
        match locale.split('-').next().unwrap_or(locale) {
            "zh" => Prose::Chinese(zh::Chinese::new()),
            "ja" => Prose::Japanese(ja::Japanese::new()),
            "pl" => Prose::Polish(pl::Polish::new()),
            "de" => Prose::German(de::German::new()),
            _ => Prose::Spanish(es::Spanish::new()),
        }
    }

    pub fn sentence(&self, r: &mut Rng) -> String {
        both!(self, p => p.sentence(r))
    }

    /// Sentences joined as the locale writes them (translation memories leave a space
    /// after `。` about half the time).
    pub fn join(&self, r: &mut Rng, sentences: &[String]) -> String {
        match self {
            Prose::Chinese(_) => {
                let sep = if r.chance(500) { " " } else { "" };
                sentences.join(sep)
            }
            Prose::Japanese(_) => sentences.join(""),
            _ => sentences.join(" "),
        }
    }

    pub fn heading(&self, r: &mut Rng) -> String {
        both!(self, p => p.heading(r))
    }

    pub fn label(&self, r: &mut Rng) -> String {
        both!(self, p => p.label(r))
    }

    pub fn phrase(&self, r: &mut Rng) -> String {
        both!(self, p => p.phrase(r))
    }

    pub fn procedure_intro(&self, r: &mut Rng) -> String {
        both!(self, p => p.procedure_intro(r))
    }

    pub fn step(&self, r: &mut Rng) -> String {
        both!(self, p => p.step(r))
    }

    pub fn with_link(&self, r: &mut Rng, link: &str) -> String {
        both!(self, p => p.with_link(r, link))
    }

    pub fn code_sentence(&self, r: &mut Rng, code: &str) -> String {
        both!(self, p => p.code_sentence(r, code))
    }

    /// "Yes"/"No" for table cells.
    pub fn yes_no(&self, yes: bool) -> &'static str {
        match (self, yes) {
            (Prose::Chinese(_), true) => "是",
            (Prose::Chinese(_), false) => "否",
            (Prose::Japanese(_), true) => "はい",
            (Prose::Japanese(_), false) => "いいえ",
            (Prose::Spanish(_), true) => "Sí",
            (Prose::Spanish(_), false) => "No",
            (Prose::Polish(_), true) => "Tak",
            (Prose::Polish(_), false) => "Nie",
            (Prose::German(_), true) => "Ja",
            (Prose::German(_), false) => "Nein",
        }
    }

    pub fn table_headers(&self) -> [&'static str; 3] {
        both!(self, p => p.table_headers())
    }
}
