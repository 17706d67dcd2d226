//! `github`: one GitHub Actions workflow command per finding
//! (`::error file=…,line=…,col=…,title=code::message`), which the runner turns into an
//! annotation on the pull request's diff.

use super::from_base;
use crate::diagnostic::{Diagnostic, Severity};
use std::fmt::Write as _;

/// The findings as workflow commands; `base` is the site seen from the current directory.
pub fn github(diagnostics: &[Diagnostic], base: &str) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        for r in &d.related {
            let _ = write!(
                message,
                "\n{}:{}:{}: {}",
                from_base(base, &r.file),
                r.line,
                r.column,
                r.message
            );
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&from_base(base, &d.file)),
            d.line,
            d.column,
            escape_property(d.code.as_str()),
            escape_data(&message)
        );
    }
    out
}

/// A command's message: `%`, CR and LF would end or corrupt the command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: also `:` and `,`, which separate properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Location, Related};

    #[test]
    fn messages_and_paths_are_escaped() {
        let at = Location::new("content/es-es/a,b:c%.md".into(), 3, 7);
        let d = Diagnostic::new(
            Code::BrokenLink,
            Some("es-es"),
            &at,
            "100% broken, see: x\r\nnext",
        )
        .with_related(Related::new(
            &Location::new("content/es-es/i.md".into(), 2, 1),
            "included here",
        ));
        let text = github(&[d], "docs");
        assert_eq!(
            text,
            "::error file=docs/content/es-es/a%2Cb%3Ac%25.md,line=3,col=7,title=broken-link::100%25 broken, see: x%0D%0Anext%0Adocs/content/es-es/i.md:2:1: included here\n"
        );
    }

    #[test]
    fn warnings_are_warning_commands() {
        let at = Location::new("content/a.md".into(), 1, 1);
        let d = Diagnostic::new(Code::LinkCase, None, &at, "case");
        assert!(
            github(&[d], "")
                .starts_with("::warning file=content/a.md,line=1,col=1,title=link-case::case\n")
        );
    }
}
