//! Where a reference written in a file of a locale leads: the locale's own file, else
//! (with a source locale) the source's file at the same path, else the page a redirection
//! leads to. Every step is a hash lookup.

use super::paths::{self, FileKind, Lookup, Reference, Root};
use super::redirects::{Final, Redirects, page_variants};
use super::{Locale, Site};

/// What references of one locale resolve against.
#[derive(Clone, Copy)]
pub(crate) struct Resolver<'a> {
    /// Every locale of the site, in site order.
    pub(crate) locales: &'a [Locale],
    /// The locale references are written in.
    pub(crate) locale: usize,
    /// The source locale, when the site has one and it is not `locale`.
    pub(crate) source: Option<usize>,
    pub(crate) redirects: &'a Redirects,
}

/// An existing file a reference leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The locale that holds the file: the reference's own, or the source locale.
    pub(crate) locale: usize,
    /// Its path in that locale (real letter case).
    pub(crate) path: String,
    pub(crate) kind: FileKind,
    /// Whether it was found only under another letter case.
    pub(crate) case_fixed: bool,
    /// The redirected path the reference named, when a redirection led here.
    pub(crate) redirected_from: Option<String>,
}

/// What a reference resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// An existing file.
    Found(Found),
    /// A redirected path whose redirection ends at an absolute URL.
    Url {
        /// The URL.
        url: String,
        /// The redirected path.
        redirected_from: String,
    },
    /// Nothing there (the normalised path); a broken redirection of the path counts as
    /// nothing.
    Missing {
        /// The normalised path.
        path: String,
    },
    /// The path climbs out of the locale root.
    OutsideRoot,
    /// A site-absolute path whose first segment is no top folder of the locale: not checked.
    Unchecked,
}

impl<'a> Resolver<'a> {
    /// The resolver of locale `l` of `site`.
    pub(crate) fn new(site: &'a Site, l: usize) -> Self {
        Resolver {
            locales: &site.locales,
            locale: l,
            source: site.source_index().filter(|&s| s != l),
            redirects: &site.redirects,
        }
    }

    /// The locale references are written in.
    pub(crate) fn own(&self) -> &'a Locale {
        &self.locales[self.locale]
    }

    /// The normalised locale-relative path `reference` names from the file `file` (a path of
    /// the locale), or what stops it.
    pub(crate) fn normalize(
        &self,
        file: &str,
        reference: &Reference,
    ) -> Result<String, Resolution> {
        let base = match reference.root {
            Root::File => paths::parent(file),
            Root::Docset => self.own().docset_of(file),
            Root::Site => {
                let first = reference.path.split('/').next().unwrap_or("");
                let is_top_folder = matches!(
                    self.own().files.find(first),
                    Lookup::Found {
                        kind: FileKind::Folder,
                        ..
                    }
                );
                if !is_top_folder {
                    return Err(Resolution::Unchecked);
                }
                ""
            }
        };
        paths::normalize(base, &reference.path).ok_or(Resolution::OutsideRoot)
    }

    /// Resolves `reference`, written in the file `file` of the locale.
    pub(crate) fn resolve(&self, file: &str, reference: &Reference) -> Resolution {
        let path = match self.normalize(file, reference) {
            Ok(p) => p,
            Err(stop) => return stop,
        };
        // A site-absolute path may leave out `.md` (or `.yml`, a Landing or Hub page) or
        // write `.html`; a relative one may leave out the extension.
        let name = path.rsplit('/').next().unwrap_or(&path);
        let candidates = if reference.root == Root::Site || !name.contains('.') {
            page_variants(&path)
        } else {
            vec![path.clone()]
        };
        for candidate in &candidates {
            if let Some(mut found) = self.find(candidate) {
                // A site URL is read in any letter case: no `link-case` for it.
                if let (Root::Site, Resolution::Found(f)) = (reference.root, &mut found) {
                    f.case_fixed = false;
                }
                return found;
            }
        }
        Resolution::Missing { path }
    }

    /// Resolves a normalised path: the own file, the source's, then a redirection.
    pub(crate) fn find(&self, path: &str) -> Option<Resolution> {
        if let Some(found) = self.find_file(path) {
            return Some(Resolution::Found(found));
        }
        let (redirect, last) = self.redirects.follow(path)?;
        Some(match last {
            Final::Url(url) => Resolution::Url {
                url: url.clone(),
                redirected_from: redirect.from.clone(),
            },
            Final::Broken => Resolution::Missing {
                path: path.to_owned(),
            },
            Final::Page(target) => match self.find_file(target) {
                Some(mut found) if found.kind == FileKind::Page => {
                    found.redirected_from = Some(redirect.from.clone());
                    Resolution::Found(found)
                }
                _ => Resolution::Missing {
                    path: path.to_owned(),
                },
            },
        })
    }

    /// A normalised path as a file of the locale, else of the source locale (includes do not
    /// follow redirections).
    pub(crate) fn find_file(&self, path: &str) -> Option<Found> {
        self.lookup(self.locale, path)
            .or_else(|| self.source.and_then(|s| self.lookup(s, path)))
    }

    fn lookup(&self, locale: usize, path: &str) -> Option<Found> {
        match self.locales[locale].files.find(path) {
            Lookup::Found {
                path,
                kind,
                case_fixed,
            } => Some(Found {
                locale,
                path,
                kind,
                case_fixed,
                redirected_from: None,
            }),
            _ => None,
        }
    }
}
