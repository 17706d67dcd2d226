//! Each locale's `xrefmap.yml`: its uids, for other sites' cross references.

use super::Prepared;
use crate::dfm;
use crate::error::Error;
use crate::output::Output;

impl Prepared<'_> {
    /// Writes locale `l`'s uids to `<locale>/xrefmap.yml` (hrefs relative to the locale's
    /// folder; `baseUrl` when the site has an absolute base URL); nothing when its pages
    /// have none.
    pub(super) fn write_xrefmap(&self, out: &Output, l: usize) -> Result<(), Error> {
        let locale = &self.locales[l].locale;
        let specs: Vec<dfm::xref::XrefSpec> = self.locales[l]
            .pages
            .iter()
            .filter_map(|p| {
                Some(dfm::xref::XrefSpec {
                    uid: p.front_matter.uid()?.to_owned(),
                    name: Some(p.title.clone()),
                    href: Some(p.output.clone()),
                    ..Default::default()
                })
            })
            .collect();
        if !specs.is_empty() {
            let base = self.urls.absolute(&format!("{}/", locale.name));
            let map = dfm::xrefmap::write(&specs, base.as_deref());
            out.write(&format!("{}/xrefmap.yml", locale.name), map.as_bytes())?;
        }
        Ok(())
    }
}
