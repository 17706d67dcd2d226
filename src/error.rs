//! The error that stops a run (exit code 2). Bad content is never an [`Error`]: it is a
//! [`Diagnostic`](crate::diagnostic::Diagnostic).

/// A failure that stops a run (exit code 2): bad usage or configuration, or output I/O.
/// Bad *content* is never an `Error`: it is a [`Diagnostic`](crate::diagnostic::Diagnostic).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Missing site, refused output folder and the like.
    Usage(String),
    /// A configuration file that cannot be used.
    Config {
        /// The file, relative to the site root.
        file: String,
        /// 1-based line of the problem.
        line: u32,
        /// 1-based column of the problem.
        column: u32,
        /// What is wrong.
        message: String,
    },
    /// A theme template that does not render.
    Template {
        /// The template's name (`page.html`).
        template: String,
        /// What went wrong, and on which page.
        message: String,
    },
    /// Reading the site's structure or writing the output failed.
    Io(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Usage(m) | Error::Io(m) => f.write_str(m),
            Error::Template { template, message } => {
                write!(f, "theme template {template} failed: {message}")
            }
            Error::Config {
                file,
                line,
                column,
                message,
            } => write!(f, "{file}:{line}:{column}: {message}"),
        }
    }
}

impl std::error::Error for Error {}
