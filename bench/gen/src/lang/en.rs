//! English slugs for file names and `<a name>` anchors, which DocFX translation repositories
//! keep in English in every locale.

use super::words;
use crate::rng::Rng;

const VERBS: &str = "enroll configure install update remove reset sync check set change use \
manage turn-on turn-off fix troubleshoot send find protect encrypt unlock lock rename share connect \
verify review access sign-in sign-out create delete restore back-up download upload scan approve \
block allow deny renew request replace import export print pair track report restart disable enable \
choose open close add edit move test recover wipe retire register migrate";

const NOUNS: &str = "device phone tablet computer app account password profile email network \
connection certificate policy setting portal website browser update version file folder report log \
error issue threat data storage battery screen notification security privacy company school group \
user administrator license subscription server location camera contact calendar message permission \
code key token backup store catalog task form schedule keyboard driver mailbox printer badge \
workspace session catalog quota status warning alert rule category label option feature";

const ADJECTIVES: &str = "work personal managed new old secure required optional mobile remote \
local shared corporate lost blocked";

const PLATFORMS: [&str; 9] = [
    "android", "ios", "windows", "macos", "linux", "web", "iOS", "macOS", "OS",
];

/// English slug vocabulary.
pub struct English {
    verbs: Vec<&'static str>,
    nouns: Vec<&'static str>,
    adjectives: Vec<&'static str>,
}

impl English {
    pub fn new() -> English {
        English {
            verbs: words(VERBS),
            nouns: words(NOUNS),
            adjectives: words(ADJECTIVES),
        }
    }

    /// A file-name slug; a few carry upper-case platform names, as real repositories do.
    pub fn file_slug(&self, r: &mut Rng) -> String {
        let platform = *r.pick(&PLATFORMS);
        let platform = if r.chance(850) {
            platform.to_ascii_lowercase()
        } else {
            platform.to_string()
        };
        match r.below(4) {
            0 => format!(
                "{}-your-{}-{platform}",
                r.pick(&self.verbs),
                r.pick(&self.nouns)
            ),
            1 => format!(
                "you-need-to-{}-your-{}-{}",
                r.pick(&self.verbs),
                r.pick(&self.adjectives),
                r.pick(&self.nouns)
            ),
            2 => format!(
                "what-happens-if-you-{}-the-{}-{platform}",
                r.pick(&self.verbs),
                r.pick(&self.nouns)
            ),
            _ => format!(
                "{}-{}-{}",
                r.pick(&self.nouns),
                r.pick(&self.nouns),
                r.pick(&self.verbs)
            ),
        }
    }

    /// An anchor name (lower case, hyphens).
    pub fn anchor(&self, r: &mut Rng) -> String {
        match r.below(5) {
            0 => format!("how-to-{}-the-{}", r.pick(&self.verbs), r.pick(&self.nouns)),
            1 => format!(
                "what-happens-when-you-{}-your-{}",
                r.pick(&self.verbs),
                r.pick(&self.nouns)
            ),
            2 => format!(
                "{}-a-{}-{}",
                r.pick(&self.verbs),
                r.pick(&self.adjectives),
                r.pick(&self.nouns)
            ),
            3 => format!("{}-{}", r.pick(&self.nouns), r.pick(&self.nouns)),
            _ => format!(
                "{}-your-{}-on-{}",
                r.pick(&self.verbs),
                r.pick(&self.nouns),
                r.pick(&PLATFORMS).to_ascii_lowercase()
            ),
        }
    }
}
