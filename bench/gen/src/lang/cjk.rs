//! What Chinese and Japanese prose share: nouns written without spaces, joined into noun
//! phrases by a particle or into compounds, and spaces only around Latin text.

use super::unique_words;
use crate::rng::Rng;

/// Nouns, adjectives and adverbs of a language written without spaces, split once.
pub(super) struct Words {
    nouns: Vec<&'static str>,
    adjectives: Vec<&'static str>,
    adverbs: Vec<&'static str>,
    products: &'static [&'static str],
    /// The particle between a noun and the noun it qualifies: 的, の.
    particle: char,
}

impl Words {
    pub fn new(
        nouns: &'static str,
        adjectives: &'static str,
        adverbs: &'static str,
        products: &'static [&'static str],
        particle: char,
    ) -> Words {
        Words {
            nouns: unique_words(nouns),
            adjectives: unique_words(adjectives),
            adverbs: unique_words(adverbs),
            products,
            particle,
        }
    }

    pub fn noun(&self, r: &mut Rng) -> &'static str {
        r.choose(&self.nouns)
    }

    pub fn adverb(&self, r: &mut Rng) -> &'static str {
        r.choose(&self.adverbs)
    }

    /// A noun phrase: [adjective] [noun + particle | product] noun, sometimes a compound
    /// (裝置設定, デバイス設定).
    pub fn np(&self, r: &mut Rng) -> String {
        let mut s = String::new();
        if r.chance(250) {
            s.push_str(r.choose(&self.adjectives));
        }
        match r.below(10) {
            0 | 1 => {
                s.push_str(self.noun(r));
                s.push(self.particle);
            }
            2 => {
                s.push(' ');
                s.push_str(r.choose(self.products));
                s.push(' ');
            }
            3 => s.push_str(self.noun(r)),
            _ => {}
        }
        s.push_str(self.noun(r));
        s
    }
}

/// Spaces only next to Latin text, never doubled, never at the ends, never between two
/// CJK characters, and never next to `stops` (the language's full-width punctuation) or
/// inside brackets (`（「…」）`).
pub(super) fn tidy(s: String, stops: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    for (k, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = out.chars().last().unwrap_or(' ');
            let next = chars.get(k + 1).copied().unwrap_or(' ');
            let latin = prev.is_ascii() || next.is_ascii();
            let punct = stops.contains(next)
                || stops.contains(prev)
                || "）」".contains(next)
                || "（「".contains(prev);
            if prev == ' ' || next == ' ' || !latin || punct {
                continue;
            }
        }
        out.push(c);
    }
    out
}
