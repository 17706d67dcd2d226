//! The findings as the server keeps them between rebuilds: as the stages made them, by the
//! file they are on, and as reported (the policy applied: severities, `ignore:`, merged,
//! sorted, with source lines), file by file. Since a finding is reported by the file it is
//! on (the policy sorts and merges by file first), a file's reported findings depend on its
//! own findings only: a rebuild takes out the findings of what it made again, puts in the
//! new ones, and reports again only the files whose findings changed. What appeared and
//! what went away is what the terminal shows after a rebuild.

use crate::diagnostic::{Counts, Diagnostic};
use crate::policy::SitePolicy;
use crate::source::Sources;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// The findings of the site (see the module's doc).
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    /// As made, by file.
    made: HashMap<Arc<str>, Vec<Diagnostic>>,
    /// As reported, by file, in the order of the report (the files in path order).
    reported: BTreeMap<Arc<str>, Vec<Diagnostic>>,
    /// The files whose findings as made changed since the last report.
    dirty: BTreeSet<Arc<str>>,
    /// Of the reported findings.
    counts: Counts,
}

/// What a report changed.
#[derive(Debug, Default)]
pub(crate) struct Change {
    /// The findings reported now that were not before, in report order.
    pub(crate) appeared: Vec<Diagnostic>,
    /// How many of those reported before are not any more.
    pub(crate) gone: usize,
    /// The files whose reported findings changed.
    pub(crate) files: Vec<Arc<str>>,
}

impl Ledger {
    /// Takes out every finding as made (a full rebuild adds them all again); the next
    /// report compares with what was reported.
    pub(crate) fn clear(&mut self) {
        self.dirty.extend(self.made.drain().map(|(file, _)| file));
        self.dirty.extend(self.reported.keys().cloned());
    }

    /// Adds findings as made.
    pub(crate) fn add(&mut self, found: impl IntoIterator<Item = Diagnostic>) {
        for d in found {
            self.dirty.insert(d.file.clone());
            self.made.entry(d.file.clone()).or_default().push(d);
        }
    }

    /// Takes out findings added before (each once).
    pub(crate) fn remove(&mut self, found: &[Diagnostic]) {
        for d in found {
            let Some(list) = self.made.get_mut(&d.file) else {
                continue;
            };
            if let Some(i) = list.iter().position(|m| m == d) {
                list.swap_remove(i);
                self.dirty.insert(d.file.clone());
            }
            if list.is_empty() {
                self.made.remove(&d.file);
            }
        }
    }

    /// [`Ledger::remove`] `old`, then [`Ledger::add`] `new`, when they differ.
    pub(crate) fn replace(&mut self, old: &[Diagnostic], new: &[Diagnostic]) {
        if old != new {
            self.remove(old);
            self.add(new.iter().cloned());
        }
    }

    /// Reports again the files whose findings changed; what appeared and went away.
    pub(crate) fn report(&mut self, policy: &SitePolicy<'_>, sources: &Sources) -> Change {
        let mut change = Change::default();
        for file in std::mem::take(&mut self.dirty) {
            let made = self.made.get(&file).cloned().unwrap_or_default();
            let now = policy.finish(sources, made);
            let before = self.reported.remove(&file).unwrap_or_default();
            if before != now {
                let (b, n) = (Counts::of(&before), Counts::of(&now));
                self.counts.errors = self.counts.errors + n.errors - b.errors;
                self.counts.warnings = self.counts.warnings + n.warnings - b.warnings;
                let mut left: Vec<&Diagnostic> = before.iter().collect();
                for d in &now {
                    match left.iter().position(|b| *b == d) {
                        Some(i) => {
                            left.swap_remove(i);
                        }
                        None => change.appeared.push(d.clone()),
                    }
                }
                change.gone += left.len();
                change.files.push(file.clone());
            }
            if !now.is_empty() {
                self.reported.insert(file, now);
            }
        }
        change
    }

    /// The reported findings' counts by severity.
    pub(crate) fn counts(&self) -> Counts {
        self.counts
    }

    /// The reported findings of a file.
    pub(crate) fn of_file(&self, file: &str) -> &[Diagnostic] {
        self.reported.get(file).map_or(&[], Vec::as_slice)
    }

    /// Every reported finding, in report order.
    #[cfg(test)]
    pub(crate) fn all(&self) -> impl Iterator<Item = &Diagnostic> {
        self.reported.values().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Location};
    use crate::site::Site;

    fn finding(file: &str, line: u32, message: &str) -> Diagnostic {
        Diagnostic::new(
            Code::BrokenLink,
            Some("es-es"),
            &Location::new(file.into(), line, 1),
            message,
        )
    }

    /// A site of one empty locale, in a folder the caller keeps.
    fn site(dir: &tempfile::TempDir) -> Site {
        std::fs::create_dir_all(dir.path().join("content/es-es")).unwrap_or_else(|e| panic!("{e}"));
        Site::discover(dir.path(), &mut Vec::new()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_report_shows_what_appeared_and_counts_what_went_away_file_by_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let site = site(&dir);
        let policy = SitePolicy::new(&site, &[]);
        let sources = Sources::default();
        let mut ledger = Ledger::default();
        let a1 = finding("content/es-es/a.md", 1, "one");
        let a2 = finding("content/es-es/a.md", 2, "two");
        let b1 = finding("content/es-es/b.md", 1, "three");
        ledger.add([a2.clone(), a1.clone(), b1.clone()]);
        let first = ledger.report(&policy, &sources);
        assert_eq!(first.appeared, [a1.clone(), a2.clone(), b1.clone()]);
        assert_eq!((first.gone, ledger.counts().errors), (0, 3));
        // Nothing changed: nothing to say.
        ledger.replace(std::slice::from_ref(&b1), std::slice::from_ref(&b1));
        let none = ledger.report(&policy, &sources);
        assert!(none.appeared.is_empty() && none.gone == 0 && none.files.is_empty());
        // One goes away, one appears in another file, one stays.
        let c1 = finding("content/es-es/c.md", 4, "four");
        ledger.replace(std::slice::from_ref(&a2), std::slice::from_ref(&c1));
        let change = ledger.report(&policy, &sources);
        assert_eq!(change.appeared, std::slice::from_ref(&c1));
        assert_eq!(change.gone, 1);
        assert_eq!(change.files.len(), 2);
        let all: Vec<&Diagnostic> = ledger.all().collect();
        assert_eq!(all, [&a1, &b1, &c1]);
        assert_eq!(ledger.counts().errors, 3);
        // The same finding made twice (an include's, from two pages) is reported once, and
        // goes away only when neither page makes it.
        ledger.add([c1.clone()]);
        assert!(ledger.report(&policy, &sources).appeared.is_empty());
        ledger.remove(std::slice::from_ref(&c1));
        assert_eq!(ledger.report(&policy, &sources).gone, 0);
        ledger.remove(std::slice::from_ref(&c1));
        assert_eq!(ledger.report(&policy, &sources).gone, 1);
        assert_eq!(ledger.of_file("content/es-es/c.md"), &[] as &[Diagnostic]);
    }
}
