//! `human`: rustc-style findings for a terminal: `file:line:col`, the source line, a caret
//! under the column, notes for related places and a help line.

use crate::diagnostic::{Diagnostic, Severity, Snippet};
use anstyle::{AnsiColor, Style};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthChar;

/// The findings in the human format; `color` adds ANSI styles.
pub fn human(diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    for d in diagnostics {
        write_human(&mut out, d, color);
    }
    out
}

fn paint(out: &mut String, style: Style, color: bool, text: &str) {
    if color {
        let _ = write!(out, "{}{}{}", style.render(), text, style.render_reset());
    } else {
        out.push_str(text);
    }
}

fn write_human(out: &mut String, d: &Diagnostic, color: bool) {
    let sev_style = match d.severity {
        Severity::Error => AnsiColor::BrightRed.on_default().bold(),
        Severity::Warning => AnsiColor::BrightYellow.on_default().bold(),
    };
    let blue = AnsiColor::BrightBlue.on_default().bold();
    paint(
        out,
        sev_style,
        color,
        &format!("{}[{}]", d.severity.as_str(), d.code),
    );
    paint(out, Style::new().bold(), color, &format!(": {}", d.message));
    out.push('\n');
    let gutter = d.line.to_string().len();
    let pad = " ".repeat(gutter);
    paint(out, blue, color, &format!("{pad}--> "));
    let _ = writeln!(out, "{}:{}:{}", d.file, d.line, d.column);
    if let Some(snippet) = &d.snippet {
        paint(out, blue, color, &format!("{pad} |\n{} | ", d.line));
        out.push_str(&snippet_text(snippet));
        out.push('\n');
        paint(out, blue, color, &format!("{pad} | "));
        out.push_str(&caret_indent(snippet));
        paint(out, sev_style, color, "^");
        out.push('\n');
    }
    for r in &d.related {
        paint(out, blue, color, &format!("{pad} = "));
        let _ = writeln!(
            out,
            "note: {}:{}:{}: {}",
            r.file, r.line, r.column, r.message
        );
    }
    paint(out, blue, color, &format!("{pad} = "));
    let _ = writeln!(out, "help: {}", d.code.help());
    out.push('\n');
}

fn snippet_text(s: &Snippet) -> String {
    let mut text = String::with_capacity(s.text.len() + 6);
    if s.cut_before {
        text.push('…');
    }
    text.push_str(&s.text);
    if s.cut_after {
        text.push('…');
    }
    text
}

/// White space as wide as the excerpt before the caret: tabs kept, wide (CJK) characters
/// counted double, so that the caret stands under its character in a terminal.
fn caret_indent(s: &Snippet) -> String {
    let mut indent = String::new();
    if s.cut_before {
        indent.push(' ');
    }
    for c in s.text.chars().take(s.caret) {
        if c == '\t' {
            indent.push('\t');
        } else {
            indent.extend(std::iter::repeat_n(' ', c.width().unwrap_or(0)));
        }
    }
    indent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::format::test_finding as finding;

    #[test]
    fn human_format_points_a_caret_at_the_column_under_wide_characters() {
        let text = human(&[finding("請參閱[說明](x.md)", 4)], false);
        assert!(text.starts_with("error[broken-link]: link target `x.md` does not exist\n"));
        assert!(text.contains(" --> content/zh-tw/a.md:3:4\n"));
        // three CJK characters are six columns wide in a terminal
        assert!(
            text.contains("3 | 請參閱[說明](x.md)\n  |       ^\n"),
            "{text}"
        );
        assert!(text.contains("= help: "));
    }

    #[test]
    fn human_format_cuts_very_long_lines_around_the_column() {
        let line = "a".repeat(5000) + "[x](y.md)";
        let text = human(&[finding(&line, 5001)], false);
        let shown = text
            .lines()
            .find(|l| l.starts_with("3 | "))
            .unwrap_or_default();
        assert!(shown.chars().count() < 200, "{}", shown.len());
        assert!(shown.contains("[x](y.md)"));
    }
}
