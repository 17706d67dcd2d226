//! `rosetta serve`: the site built into a folder outside SITE, served over HTTP, rebuilt
//! when its sources change, and the browser tabs that show a changed page reloaded.
//!
//! Four parts, one thread or task each:
//!
//! - [`watch`]: a debounced file watcher on content/, themes/, i18n/, locale folders kept
//!   elsewhere, the configuration and the redirection file; it sends batches of changed paths.
//! - [`rebuild`]: the builder thread. It gathers a burst of batches into one rebuild, writes
//!   into the output folder in place (only the files whose bytes changed, removing those no
//!   longer produced), prints the findings, and publishes a new [`Generation`] naming the
//!   files that changed.
//! - [`http`]: the files of the output (never a listing, never outside it), with the
//!   live-reload script injected into each HTML page as it is sent.
//! - [`live`]: one WebSocket per open tab; after a rebuild it tells the tab to reload when
//!   the bytes it shows changed, to swap changed stylesheets, and which findings its page has.
//!
//! Only this module uses `axum` and `notify` (and `tempfile` outside tests); it runs on
//! `tokio`, as the search index does.

mod generation;
mod http;
mod invalidation;
mod ledger;
mod live;
mod rebuild;
mod session;
mod watch;

use crate::error::Error;
use generation::Generation;
use std::io::Write;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// What `rosetta serve` is asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The site folder.
    pub site: PathBuf,
    /// The address to listen on (`127.0.0.1` unless asked otherwise): an IP or a host name.
    pub bind: String,
    /// The port; 0 picks a free one (the address is printed).
    pub port: u16,
    /// Open the site in the default browser once it is built.
    pub open: bool,
    /// Build the search index (when the site's configuration has search on).
    pub search: bool,
    /// Read downloaded xref maps from the cache only (`--offline`).
    pub offline: bool,
}

/// What the builder shares with the HTTP and WebSocket handlers.
pub(crate) struct Shared {
    /// The output folder being served.
    pub(crate) out: PathBuf,
    /// The latest published state of the output.
    pub(crate) current: RwLock<Arc<Generation>>,
    /// Each published state, for the open tabs.
    pub(crate) updates: broadcast::Sender<Arc<generation::Update>>,
}

impl Shared {
    /// The latest published state.
    pub(crate) fn generation(&self) -> Arc<Generation> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Builds the site, serves it and rebuilds it on every change until Ctrl-C (or SIGTERM).
/// The output lives in a temporary folder that is removed when the server stops; the site's
/// own `public/` is never touched.
pub fn serve(opts: &ServeOptions) -> Result<(), Error> {
    if !opts.site.is_dir() {
        return Err(Error::Usage(format!(
            "site folder `{}` does not exist",
            opts.site.display()
        )));
    }
    let listener = bind(&opts.bind, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Io(format!("cannot read the listening address: {e}")))?;
    let temp = tempfile::Builder::new()
        .prefix("rosetta-serve-")
        .tempdir()
        .map_err(|e| Error::Io(format!("cannot create a temporary folder: {e}")))?;
    let out = temp.path().join("site");
    let result = run(opts, listener, addr, out);
    // The builder has stopped by now: nothing writes into the folder any more.
    let removed = temp.close();
    result?;
    removed.map_err(|e| Error::Io(format!("cannot remove the temporary output: {e}")))
}

/// Everything between binding and cleaning up.
fn run(
    opts: &ServeOptions,
    listener: std::net::TcpListener,
    addr: SocketAddr,
    out: PathBuf,
) -> Result<(), Error> {
    let site = std::path::absolute(&opts.site)
        .map_err(|e| Error::Io(format!("cannot resolve `{}`: {e}", opts.site.display())))?;
    let mut builder = rebuild::Builder::new(site.clone(), out.clone(), opts.search, opts.offline);
    let first = builder.first_build()?;
    let (updates, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        out,
        current: RwLock::new(Arc::new(first)),
        updates,
    });
    let url = page_url(addr);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Io(format!("cannot start the server: {e}")))?;
    let (events, changes) = std::sync::mpsc::channel();
    let watcher = watch::Watcher::start(&site, builder.locale_dirs_elsewhere(), events.clone())?;
    let stop = rebuild::Builder::stopper(events.clone());
    let builder_thread = {
        let shared = shared.clone();
        std::thread::Builder::new()
            .name("rosetta-rebuild".into())
            .spawn(move || builder.run(changes, events, &shared))
            .map_err(|e| Error::Io(format!("cannot start the builder: {e}")))?
    };
    let served = runtime.block_on(async {
        let signal = shutdown_signal();
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::Io(format!("cannot listen on {addr}: {e}")))?;
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Error::Io(format!("cannot listen on {addr}: {e}")))?;
        let _ = writeln!(
            std::io::stderr(),
            "serving at {url} (watching for changes; Ctrl-C to stop)"
        );
        if opts.open
            && let Err(e) = open::that_detached(&url)
        {
            let _ = writeln!(std::io::stderr(), "cannot open a browser: {e}");
        }
        http::serve(listener, shared.clone(), signal).await
    });
    // Stop watching first, then let the builder finish the build it may be in.
    drop(watcher);
    stop.stop();
    let _ = builder_thread.join();
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    let _ = writeln!(std::io::stderr(), "stopped");
    served
}

/// Binds the listening socket: a port in use or an address that is not this machine's is a
/// usage error (exit 2) that says so.
fn bind(host: &str, port: u16) -> Result<std::net::TcpListener, Error> {
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| {
            Error::Usage(format!(
                "--bind {host}: not an address of this machine ({e})"
            ))
        })?
        .collect();
    let mut last = None;
    for addr in &addrs {
        match std::net::TcpListener::bind(addr) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some((*addr, e)),
        }
    }
    Err(match last {
        Some((addr, e)) if e.kind() == std::io::ErrorKind::AddrInUse => Error::Usage(format!(
            "cannot listen on {addr}: the port is in use (is another server running?); choose another with --port"
        )),
        Some((addr, e)) if e.kind() == std::io::ErrorKind::AddrNotAvailable => {
            Error::Usage(format!(
                "cannot listen on {addr}: the address is not one of this machine's; check --bind"
            ))
        }
        Some((addr, e)) => Error::Usage(format!("cannot listen on {addr}: {e}")),
        None => Error::Usage(format!("--bind {host}: no address to listen on")),
    })
}

/// The URL to print and open: a wildcard address is reached through loopback.
fn page_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_owned(),
        ip if ip.is_unspecified() => "[::1]".to_owned(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    format!("http://{ip}:{}/", addr.port())
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM. The handlers are in place when this returns
/// (it runs inside the runtime): a signal that comes before the future is polled is not lost.
#[cfg(unix)]
fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    use tokio::signal::unix::{SignalKind, signal};
    let interrupt = signal(SignalKind::interrupt()).ok();
    let terminate = signal(SignalKind::terminate()).ok();
    async move {
        let wait = |s: Option<tokio::signal::unix::Signal>| async move {
            match s {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            () = wait(interrupt) => {}
            () = wait(terminate) => {}
        }
    }
}

/// Resolves on Ctrl-C.
#[cfg(not(unix))]
fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_address_is_shown_as_loopback() {
        assert_eq!(
            page_url("0.0.0.0:4000".parse().unwrap_or_else(|e| panic!("{e}"))),
            "http://127.0.0.1:4000/"
        );
        assert_eq!(
            page_url("[::1]:80".parse().unwrap_or_else(|e| panic!("{e}"))),
            "http://[::1]:80/"
        );
    }

    #[test]
    fn a_port_in_use_is_a_usage_error_that_says_so() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
        let port = taken.local_addr().map(|a| a.port()).unwrap_or(0);
        match bind("127.0.0.1", port) {
            Err(Error::Usage(message)) => assert!(message.contains("in use"), "{message}"),
            other => panic!("expected a usage error, got {other:?}"),
        }
    }
}
