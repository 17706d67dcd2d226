//! `rosetta serve`: HTTP, live reload in Chromium, findings overlay, bad input while
//! serving, and a clean stop. Every server listens on a free port (`--port 0`) and is
//! stopped (SIGINT, then killed) when its test ends, also when the test fails.

use crate::browser;
use crate::harness::{TestSite, git};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// How long a rebuild or a reload may take before a test fails.
const WAIT: Duration = Duration::from_secs(30);

/// A running `rosetta serve`.
struct Server {
    child: Option<Child>,
    port: u16,
    /// Every line it has printed on stderr, shared with the thread that reads them.
    log: Arc<(Mutex<Vec<String>>, Condvar)>,
    /// What `TMPDIR` was for it: its temporary output goes there.
    tmp: tempfile::TempDir,
}

impl Server {
    /// Starts `rosetta serve SITE --port 0 ARGS` and waits until it serves.
    fn start(site: &Path, args: &[&str]) -> Server {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_rosetta"))
            .arg("serve")
            .arg(site)
            .args(["--port", "0"])
            .args(args)
            .env("NO_COLOR", "1")
            .env("TMPDIR", tmp.path())
            .env_remove("CI")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run rosetta serve: {e}"));
        let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
        let log: Arc<(Mutex<Vec<String>>, Condvar)> = Arc::default();
        let reader_log = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let (lines, changed) = &*reader_log;
                lines.lock().unwrap_or_else(|e| e.into_inner()).push(line);
                changed.notify_all();
            }
        });
        let mut server = Server {
            child: Some(child),
            port: 0,
            log,
            tmp,
        };
        let line = server.wait_line(0, "serving at ");
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in `{line}`"));
        server.port = port;
        server
    }

    fn url(&self, path: &str) -> String {
        format!(
            "http://127.0.0.1:{}/{}",
            self.port,
            path.trim_start_matches('/')
        )
    }

    /// How many lines have been printed so far.
    fn lines(&self) -> usize {
        self.log.0.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The whole log so far.
    fn log(&self) -> String {
        self.log
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .join("\n")
    }

    /// Waits for a line containing `text` among the lines from `from` on; returns it.
    fn wait_line(&self, from: usize, text: &str) -> String {
        let started = Instant::now();
        let (lines, changed) = &*self.log;
        let mut guard = lines.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(line) = guard.iter().skip(from).find(|l| l.contains(text)) {
                return line.clone();
            }
            let left = WAIT.saturating_sub(started.elapsed());
            if left.is_zero() {
                let all = guard.join("\n");
                drop(guard);
                panic!("no line with `{text}` after {WAIT:?}; the server printed:\n{all}");
            }
            guard = changed
                .wait_timeout(guard, left.min(Duration::from_millis(200)))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Runs `edit`, then waits for the rebuild whose output contains `expect` (and for its
    /// summary line); returns what the server printed since the edit.
    fn after(&self, expect: &str, edit: impl FnOnce()) -> String {
        let from = self.lines();
        edit();
        let started = Instant::now();
        loop {
            let log: Vec<String> =
                self.log.0.lock().unwrap_or_else(|e| e.into_inner())[from..].to_vec();
            if let Some(found) = log.iter().position(|l| l.contains(expect))
                && log[found..]
                    .iter()
                    .any(|l| l.starts_with("rebuilt ") || l.contains("the build failed"))
            {
                return log.join("\n");
            }
            assert!(
                started.elapsed() < WAIT,
                "no rebuild with `{expect}` after the edit:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `condition` holds in `tab`; on failure shows what the server printed.
    fn wait(&self, tab: &browser::Tab<'_>, condition: &str) {
        let started = Instant::now();
        while tab.try_eval(condition) != Ok(serde_json::Value::Bool(true)) {
            assert!(
                started.elapsed() < WAIT,
                "timed out waiting for `{condition}`; the server printed:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    /// Stops it as Ctrl-C does; returns the exit code.
    fn interrupt(&mut self) -> Option<i32> {
        let mut child = self.child.take()?;
        // SAFETY: signalling our own child by its pid.
        unsafe {
            libc::kill(child.id() as libc::pid_t, libc::SIGINT);
        }
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return status.code();
            }
            if started.elapsed() > Duration::from_secs(10) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("rosetta serve did not stop on SIGINT within 10 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SAFETY: signalling our own child by its pid.
            unsafe {
                libc::kill(child.id() as libc::pid_t, libc::SIGINT);
            }
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(5) {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A response read from a raw HTTP/1.1 exchange.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `GET <target>` exactly as written (no normalisation of `..`).
fn get(port: u16, target: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("{e}"));
    stream
        .set_read_timeout(Some(WAIT))
        .unwrap_or_else(|e| panic!("{e}"));
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("{e}"));
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// A two-locale site with pages that include one file, one that does not, and an image.
fn site() -> TestSite {
    let site = TestSite::new();
    let long: String = (1..=120)
        .map(|i| format!("Párrafo {i} del texto largo de la página.\n\n"))
        .collect();
    site.file(
        "content/es-es/a.md",
        format!(
            "---\ntitle: Página A\nms.assetid: a\n---\n# Página A\n\nAlfa viejo.\n\n[!INCLUDE[nota](includes/nota.md)]\n\n{long}## <a name=\"fin\"></a>Fin\n\nÚltimo.\n"
        ),
    );
    site.file(
        "content/es-es/b.md",
        "---\ntitle: Página B\nms.assetid: b\n---\n# Página B\n\n[!INCLUDE[nota](includes/nota.md)]\n\n![logo](media/logo.png)\n",
    );
    site.file(
        "content/es-es/c.md",
        "---\ntitle: Página C\nms.assetid: c\n---\n# Página C\n\nCe sin cambios.\n",
    );
    site.file("content/es-es/includes/nota.md", "Nota compartida uno.\n");
    site.file("content/es-es/media/logo.png", PNG);
    for (name, id) in [("a", "a"), ("b", "b"), ("c", "c")] {
        site.file(
            &format!("content/zh-tw/{name}.md"),
            format!("---\ntitle: 頁面 {name}\nms.assetid: {id}\n---\n# 頁面 {name}\n\n內容。\n"),
        );
    }
    site
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// Replaces `from` by `to` in a site file, the way editors save: a temporary file renamed
/// over the old one.
fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "`{from}` is not in {rel}");
    let path = site.path().join(rel);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&temp, text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::rename(&temp, &path).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn serve_answers_with_content_types_the_not_found_page_and_never_outside_the_output() {
    let site = site();
    let server = Server::start(site.path(), &["--no-search"]);
    let page = get(server.port, "/es-es/a.html");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.text().contains("Alfa viejo."));
    assert!(
        page.text().contains("<script src=\"/__rosetta/live.js\""),
        "the live-reload script is added to pages as they are served"
    );
    for (path, wanted) in [
        ("/_rosetta/rosetta.css", "text/css; charset=utf-8"),
        ("/_rosetta/rosetta.js", "text/javascript; charset=utf-8"),
        ("/es-es/media/logo.png", "image/png"),
        ("/__rosetta/live.js", "text/javascript; charset=utf-8"),
    ] {
        let response = get(server.port, path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), Some(wanted), "{path}");
    }
    assert_eq!(get(server.port, "/es-es/media/logo.png").body, PNG);

    // A folder URL serves its index.html; without the slash it is redirected first.
    let home = get(server.port, "/es-es/");
    assert_eq!(home.status, 200);
    assert!(
        home.text().contains("<html lang=\"es-es\""),
        "{}",
        home.text()
    );
    let redirect = get(server.port, "/es-es");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/es-es/"));

    // Missing pages and folders without index.html: the site's 404.html, status 404, no
    // listing.
    for missing in ["/es-es/nope.html", "/es-es/media/", "/_rosetta/"] {
        let response = get(server.port, missing);
        assert_eq!(response.status, 404, "{missing}");
        let text = response.text();
        assert!(text.contains("class=\"not-found\""), "{missing}: {text}");
        assert!(
            !text.contains("logo.png"),
            "{missing} lists a folder: {text}"
        );
    }

    // Paths that leave the output are refused, however they are written.
    for escape in [
        "/../../../../etc/passwd",
        "/es-es/../../x",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/es-es/%2E%2E%2f%2E%2E%2fetc/passwd",
    ] {
        let response = get(server.port, escape);
        assert_eq!(response.status, 400, "{escape}");
        assert!(!response.text().contains("root:"), "{escape}");
    }
    assert!(!site.exists("public"), "serve never writes SITE/public");
}

#[test]
fn serve_on_a_port_in_use_or_an_address_not_of_this_machine_exits_2() {
    let site = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = taken
        .local_addr()
        .map(|a| a.port().to_string())
        .unwrap_or_default();
    let run = crate::harness::rosetta(site.path(), &["serve", ".", "--port", &port]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("in use"), "{}", run.stderr);
    assert!(run.stderr.contains("--port"), "{}", run.stderr);
    // 192.0.2.1 is reserved for documentation: never this machine's address.
    let run = crate::harness::rosetta(
        site.path(),
        &["serve", ".", "--port", "0", "--bind", "192.0.2.1"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--bind"), "{}", run.stderr);
    let run = crate::harness::rosetta(site.path(), &["serve", "no-such-site", "--port", "0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn serve_stops_on_ctrl_c_and_leaves_no_temporary_folder() {
    let site = site();
    let mut server = Server::start(site.path(), &["--no-search"]);
    let tmp = server.tmp.path().to_path_buf();
    let before: Vec<_> = std::fs::read_dir(&tmp)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(before.len(), 1, "the output is one temporary folder");
    assert_eq!(server.interrupt(), Some(0), "{}", server.log());
    let after: Vec<_> = std::fs::read_dir(&tmp)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(after.is_empty(), "left behind: {after:?}");
    assert!(!site.exists("public"));
}

#[test]
fn serve_rebuilds_after_bad_input_reports_it_and_stays_up() {
    let site = site();
    let mut server = Server::start(site.path(), &["--no-search"]);
    let ok = |server: &Server| {
        let page = get(server.port, "/es-es/c.html");
        assert_eq!(page.status, 200);
    };

    // Not UTF-8.
    let log = server.after("error[invalid-utf8]", || {
        site.file(
            "content/es-es/c.md",
            b"---\ntitle: C\n---\n# C\n\nbad \xff\xfe bytes\n".as_slice(),
        );
    });
    assert!(log.contains("error[invalid-utf8]"), "{log}");
    assert!(log.contains("at line 6, column 5"), "{log}");
    ok(&server);

    // A 10 MB line.
    let line = "palabra ".repeat(10 * 1024 * 1024 / 8);
    server.after("rebuilt ", || {
        site.file("content/es-es/.c.md.tmp", format!("# C\n\n{line}\n"));
        std::fs::rename(
            site.path().join("content/es-es/.c.md.tmp"),
            site.path().join("content/es-es/c.md"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    });
    assert!(get(server.port, "/es-es/c.html").body.len() > 10 * 1024 * 1024);

    // An include cycle.
    let log = server.after("error[include-cycle]", || {
        site.file("content/es-es/includes/x.md", "[!INCLUDE[y](y.md)]\n");
        site.file("content/es-es/includes/y.md", "[!INCLUDE[x](x.md)]\n");
        site.file(
            "content/es-es/c.md",
            "# C\n\n[!INCLUDE[x](includes/x.md)]\n",
        );
    });
    assert!(log.contains("error[include-cycle]"), "{log}");
    ok(&server);

    // The whole content folder deleted, then put back.
    let content = site.path().join("content");
    let aside = site.path().join("content-aside");
    let log = server.after("has no content/ folder", || {
        std::fs::rename(&content, &aside).unwrap_or_else(|e| panic!("{e}"))
    });
    assert!(log.contains("still serving the last good output"), "{log}");
    ok(&server);
    server.after("rebuilt ", || {
        std::fs::rename(&aside, &content).unwrap_or_else(|e| panic!("{e}"))
    });
    ok(&server);
    // Edits after that are still seen.
    server.after("1 page changed", || {
        edit(&site, "content/es-es/a.md", "Alfa viejo.", "Alfa vuelto.")
    });
    assert!(
        get(server.port, "/es-es/a.html")
            .text()
            .contains("Alfa vuelto.")
    );
    assert!(server.running(), "{}", server.log());
    assert!(!server.log().contains("panicked"), "{}", server.log());
}

#[test]
fn serve_reloads_the_tabs_whose_page_changed_and_shows_findings_in_an_overlay() {
    let Some(browser) = browser::browser() else {
        return;
    };
    let site = site();
    // The theme's stylesheet, overridden by the site, to change it while serving.
    let css = std::fs::read_to_string(
        crate::harness::project_root().join("themes/default/static/rosetta.css"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    site.file(
        "themes/default/static/rosetta.css",
        format!("{css}\nh1 {{ color: rgb(1, 2, 3); }}\n"),
    );
    let server = Server::start(site.path(), &["--no-search"]);

    let a = browser.tab();
    a.navigate(&server.url("es-es/a.html#fin"));
    let b = browser.tab();
    b.navigate(&server.url("es-es/b.html"));
    let c = browser.tab();
    c.navigate(&server.url("es-es/c.html"));
    let connected = "window.__rosettaLive?.connected === true";
    for tab in [&a, &b, &c] {
        server.wait(tab, connected);
        // Gone after a reload: tells a reload from an update in place.
        tab.eval("window.notReloaded = true");
    }
    a.eval("window.scrollTo(0, 1200)");
    let y = a.eval("window.scrollY").as_f64().unwrap_or(0.0);
    assert!(y > 1000.0, "the page is long enough to scroll: {y}");

    // The page's own source: its tab reloads at the same place, the others do not.
    server.after("rebuilt ", || {
        edit(&site, "content/es-es/a.md", "Alfa viejo.", "Alfa nuevo.")
    });
    server.wait(&a, "document.body.innerText.includes('Alfa nuevo.')");
    server.wait(&a, "document.readyState === 'complete'");
    server.wait(&a, &format!("Math.abs(window.scrollY - {y}) < 2"));
    assert_eq!(a.eval_string("location.hash"), "#fin");
    assert_eq!(a.eval("window.notReloaded === undefined"), true);
    for tab in [&b, &c] {
        assert_eq!(
            tab.eval("window.notReloaded"),
            true,
            "a tab reloaded for nothing"
        );
    }

    // An include: every page that includes it updates.
    server.wait(&a, connected);
    a.eval("window.notReloaded = true");
    server.after("rebuilt ", || {
        edit(&site, "content/es-es/includes/nota.md", "uno", "dos")
    });
    for tab in [&a, &b] {
        server.wait(
            tab,
            "document.body.innerText.includes('Nota compartida dos.')",
        );
    }
    assert_eq!(c.eval("window.notReloaded"), true);

    // A stylesheet: swapped in place, no reload.
    server.wait(&b, connected);
    b.eval("window.notReloaded = true");
    server.after("rebuilt ", || {
        edit(
            &site,
            "themes/default/static/rosetta.css",
            "rgb(1, 2, 3)",
            "rgb(4, 5, 6)",
        )
    });
    server.wait(
        &b,
        "getComputedStyle(document.querySelector('h1')).color === 'rgb(4, 5, 6)'",
    );
    assert_eq!(
        b.eval("window.notReloaded"),
        true,
        "the stylesheet was not swapped in place"
    );

    // Broken front matter: the overlay names the finding, the last good page stays.
    let overlay = "(document.querySelector('rosetta-findings')?.shadowRoot?.textContent || '')";
    server.after("error[front-matter]", || {
        edit(&site, "content/es-es/c.md", "title: Página C", "title: [C")
    });
    server.wait(&c, &format!("{overlay}.includes('front-matter')"));
    let text = c.eval_string(overlay);
    assert!(
        text.contains("content/es-es/c.md:3:11 error[front-matter]"),
        "{text}"
    );
    assert_eq!(
        c.eval("window.notReloaded"),
        true,
        "the last good page stays"
    );
    let title = c.eval_string("document.title");
    assert!(title.contains("Página C"), "{title}");
    // The overlay is light or dark as the page is.
    let background = "getComputedStyle(document.querySelector('rosetta-findings')).backgroundColor";
    c.eval("document.documentElement.dataset.theme = 'dark'");
    server.wait(&c, &format!("{background} === 'rgb(43, 26, 16)'"));
    c.eval("document.documentElement.dataset.theme = 'light'");
    server.wait(&c, &format!("{background} === 'rgb(255, 248, 240)'"));
    for tab in [&a, &b] {
        assert_eq!(tab.eval_string(overlay), "", "another page's finding");
    }
    // Dismissed, it goes away.
    c.eval("document.querySelector('rosetta-findings').shadowRoot.querySelector('button').click()");
    assert_eq!(
        c.eval("document.querySelector('rosetta-findings') === null"),
        true
    );

    // Fixed: the page reloads with the new title and no overlay.
    server.after("rebuilt ", || {
        edit(&site, "content/es-es/c.md", "title: [C", "title: Página Ce")
    });
    server.wait(&c, "document.title.includes('Página Ce')");
    assert_eq!(
        c.eval("document.querySelector('rosetta-findings') === null"),
        true
    );
    // Broken once more, elsewhere: shown again; fixed: the overlay goes.
    server.wait(&c, connected);
    server.after("error[front-matter]", || {
        edit(
            &site,
            "content/es-es/c.md",
            "ms.assetid: c",
            "ms.assetid: [c",
        )
    });
    server.wait(&c, &format!("{overlay}.includes('front-matter')"));
    server.after("rebuilt ", || {
        edit(
            &site,
            "content/es-es/c.md",
            "ms.assetid: [c",
            "ms.assetid: c",
        )
    });
    server.wait(&c, "document.querySelector('rosetta-findings') === null");
}

#[test]
fn serve_rebuilds_once_for_a_branch_switch_of_a_thousand_files() {
    let site = TestSite::new();
    for i in 0..1000 {
        site.file(
            &format!("content/es-es/area-{}/p{i}.md", i % 10),
            format!("# Página {i}\n\nPrimera versión.\n"),
        );
    }
    let dir = site.path();
    if git(dir, &["init", "-q"]).is_none() {
        return;
    }
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "one"]);
    git(dir, &["checkout", "-qb", "two"]);
    for i in 0..1000 {
        site.file(
            &format!("content/es-es/area-{}/p{i}.md", i % 10),
            format!("# Página {i}\n\nSegunda versión.\n"),
        );
    }
    site.file("content/es-es/new-area/new.md", "# Nueva\n");
    std::fs::remove_dir_all(dir.join("content/es-es/area-9")).unwrap_or_else(|e| panic!("{e}"));
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "two"]);
    git(dir, &["checkout", "-q", "main"]);

    let server = Server::start(dir, &["--no-search"]);
    let from = server.lines();
    let log = server.after("rebuilt ", || {
        git(dir, &["checkout", "-q", "two"]);
    });
    assert!(log.contains("rebuilt 901 pages"), "{log}");
    // Nothing more comes: the switch was one rebuild.
    std::thread::sleep(Duration::from_millis(1500));
    let rebuilds = server.log.0.lock().unwrap_or_else(|e| e.into_inner())[from..]
        .iter()
        .filter(|l| l.starts_with("rebuilt "))
        .count();
    assert_eq!(rebuilds, 1, "{}", server.log());
    assert!(
        get(server.port, "/es-es/area-0/p0.html")
            .text()
            .contains("Segunda versión.")
    );
    assert_eq!(get(server.port, "/es-es/area-9/p9.html").status, 404);
    assert_eq!(get(server.port, "/es-es/new-area/new.html").status, 200);
}

/// A small deterministic random number generator (splitmix64) for edit sequences.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A generated two-locale site: pages in folders with a TOC each, links with anchors
/// between them, cross references by uid (which show the target's title), includes (one
/// nested), images, asset IDs, moniker blocks (versions `v-1` to `v-3`, inferred).
fn generated_site(pages: usize) -> TestSite {
    let site = TestSite::new();
    site.file("rosetta.yaml", "title: Prueba\nlocales: [es-es, zh-tw]\n");
    for locale in ["es-es", "zh-tw"] {
        let mut toc = String::new();
        for i in 0..pages {
            let folder = format!("area-{}", i % 3);
            let next = (i + 1) % pages;
            let link = format!("../area-{}/p{next}.md#seccion-{next}", next % 3);
            site.file(
                &format!("content/{locale}/{folder}/p{i}.md"),
                format!(
                    "---\ntitle: Página {i} {locale}\nms.assetid: id-{i}\nuid: u{i}\n---\n# Página {i}\n\nTexto [siguiente]({link}), <xref:u{next}>.\n\n## <a name=\"seccion-{i}\"></a>Sección {i}\n\n![imagen](../media/m{}.png)\n\n{}\n{}",
                    i % 4,
                    if i % 5 == 0 { "[!INCLUDE[nota](../includes/nota.md)]" } else { "" },
                    match i % 4 {
                        1 => "\n::: moniker range=\">= v-2\"\n## Desde v-2\n\nSolo v-2 y v-3.\n::: moniker-end\n",
                        2 => "\n- Paso\n\n  ::: moniker range=\"v-1 || v-3\"\n  En v-1 y v-3.\n  ::: moniker-end\n",
                        _ => "",
                    }
                ),
            );
            toc.push_str(&format!("# [Página {i}]({folder}/p{i}.md)\n"));
        }
        site.file(&format!("content/{locale}/TOC.md"), toc);
        site.file(
            &format!("content/{locale}/includes/nota.md"),
            "Nota con [otra](../area-0/p0.md).\n\n[!INCLUDE[i](interna.md)]\n",
        );
        site.file(
            &format!("content/{locale}/includes/interna.md"),
            "Interna.\n",
        );
        for m in 0..4 {
            site.file(&format!("content/{locale}/media/m{m}.png"), PNG);
        }
    }
    site
}

/// The output folder of a server started by [`Server::start`] (in its `TMPDIR`).
fn served_folder(server: &Server) -> std::path::PathBuf {
    let dir = std::fs::read_dir(server.tmp.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("rosetta-serve-")
        })
        .unwrap_or_else(|| panic!("no output folder"));
    dir.path().join("site")
}

impl Server {
    /// Waits until the server has printed nothing for a while after its last rebuild.
    fn settle(&self) {
        let started = Instant::now();
        let mut seen = self.lines();
        let mut quiet_since = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let now = self.lines();
            if now != seen {
                seen = now;
                quiet_since = Instant::now();
            } else if quiet_since.elapsed() > Duration::from_millis(600) {
                return;
            }
            assert!(
                started.elapsed() < WAIT,
                "the server does not settle:\n{}",
                self.log()
            );
        }
    }
}

impl Server {
    /// What the server printed for its last build: the lines after the summary of the
    /// build before it, up to its own summary (included).
    fn last_build(&self) -> String {
        let lines = self.log.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let summary = |l: &String| l.starts_with("built ") || l.starts_with("rebuilt ");
        let end = lines.iter().rposition(summary).unwrap_or(0);
        let start = lines[..end].iter().rposition(summary).map_or(0, |i| i + 1);
        lines[start..=end.min(lines.len().saturating_sub(1))].join("\n")
    }
}

/// The findings in human output, each whole (headline, position, source line, notes),
/// sorted.
fn findings_of(output: &str) -> Vec<String> {
    let mut findings: Vec<String> = Vec::new();
    for line in output.lines() {
        if line.starts_with("error[") || line.starts_with("warning[") {
            findings.push(String::new());
        } else if line.starts_with("built ") || line.starts_with("rebuilt ") {
            break;
        }
        if let Some(finding) = findings.last_mut() {
            finding.push_str(line);
            finding.push('\n');
        }
    }
    findings.sort();
    findings
}

/// What is in `after` and not in `before` (as many times as it is more often there), and
/// how many of `before` are not in `after`.
fn appeared_and_gone(before: &[String], after: &[String]) -> (Vec<String>, usize) {
    let mut gone: Vec<&String> = before.iter().collect();
    let mut appeared = Vec::new();
    for finding in after {
        match gone.iter().position(|g| *g == finding) {
            Some(i) => {
                gone.remove(i);
            }
            None => appeared.push(finding.clone()),
        }
    }
    (appeared, gone.len())
}

/// The summary line of a run's output.
fn summary_of(output: &str) -> &str {
    output
        .lines()
        .rfind(|l| l.starts_with("built ") || l.starts_with("rebuilt "))
        .unwrap_or("")
}

/// Every difference between two output folders, file by file.
fn differences(served: &Path, fresh: &Path) -> Vec<String> {
    let a = crate::harness::snapshot(served);
    let b = crate::harness::snapshot(fresh);
    let mut out = Vec::new();
    for (path, bytes) in &b {
        match a.get(path) {
            None => out.push(format!("missing in the served output: {path}")),
            Some(other) if other != bytes => out.push(format!("differs: {path}")),
            _ => {}
        }
    }
    for path in a.keys().filter(|p| !b.contains_key(*p)) {
        out.push(format!("only in the served output: {path}"));
    }
    out
}

#[test]
fn serve_output_after_random_edits_is_what_a_fresh_build_writes() {
    random_edits(20260525);
}

#[test]
fn serve_output_after_other_random_edits_is_what_a_fresh_build_writes() {
    random_edits(7);
}

#[test]
fn serve_output_after_yet_other_random_edits_is_what_a_fresh_build_writes() {
    random_edits(31337);
}

/// A served site after a sequence of random edits (`seed`: every kind of edit twice, on
/// random pages of random locales) holds what a fresh build of it writes, and reports the
/// same findings, after each edit.
fn random_edits(seed: u64) {
    let site = generated_site(12);
    let server = Server::start(site.path(), &["--no-search"]);
    let served = served_folder(&server);
    let fresh = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut random = Random(seed);
    let mut pages: Vec<(String, usize)> = (0..12).map(|i| (format!("area-{}", i % 3), i)).collect();
    let mut next_page = 12;
    let mut kinds = std::collections::BTreeMap::new();
    // What the server reported so far: every finding after the first build.
    let mut reported = findings_of(&server.log());
    for step in 0..26 {
        let locale = ["es-es", "zh-tw"][random.below(2)];
        let (folder, i) = pages[random.below(pages.len())].clone();
        let page = format!("content/{locale}/{folder}/p{i}.md");
        // Every kind of edit in turn, on random pages of random locales.
        let kind = step % 13;
        let from = server.lines();
        let touched = match kind {
            // The body.
            0 => edit_file(&site, &page, |t| format!("{t}\nOtro párrafo {step}.\n")),
            // The title (the TOC shows its own titles; the home page lists others).
            1 => edit_file(&site, &page, |t| {
                t.replacen("title: ", &format!("title: {step} "), 1)
            }),
            // An include, nested in another.
            2 => edit_file(
                &site,
                &format!("content/{locale}/includes/interna.md"),
                |t| format!("{t}Más {step}.\n"),
            ),
            // An anchor other pages link to.
            3 => edit_file(&site, &page, |t| t.replacen("seccion-", "sec-", 1)),
            // The TOC.
            4 => edit_file(&site, &format!("content/{locale}/TOC.md"), |t| {
                t.replacen("# [Página", &format!("# [Paso {step}"), 1)
            }),
            // The asset ID, which pairs translations.
            5 => edit_file(&site, &page, |t| {
                t.replacen("ms.assetid: id-", &format!("ms.assetid: x{step}-"), 1)
            }),
            // Broken front matter, then (a later edit) anything else.
            6 => edit_file(&site, &page, |t| t.replacen("title: ", "title: [", 1)),
            // A new page.
            7 => {
                save_new(
                    &site,
                    &format!("content/{locale}/area-1/p{next_page}.md"),
                    &format!("# Nueva {next_page}\n\n[p0](../area-0/p0.md)\n"),
                );
                pages.push(("area-1".into(), next_page));
                next_page += 1;
                true
            }
            // A page removed.
            8 => std::fs::remove_file(site.path().join(&page)).is_ok(),
            // An image changed.
            9 => {
                save_new(
                    &site,
                    &format!("content/{locale}/media/m{}.png", step % 4),
                    &format!("png {step}"),
                );
                true
            }
            // The site's title.
            10 => edit_file(&site, "rosetta.yaml", |t| {
                t.replacen("title: ", &format!("title: {step} "), 1)
            }),
            // A moniker block: its range, or a new block (a version named the first time
            // changes the versions of the whole site).
            11 => edit_file(&site, &page, |t| {
                if t.contains("::: moniker range=\"") {
                    t.replacen("::: moniker range=\"", "::: moniker range=\"v-1 || ", 1)
                } else {
                    format!(
                        "{t}\n::: moniker range=\"v-{}\"\n## Bloque {step}\n\nSolo una versión.\n::: moniker-end\n",
                        1 + step % 4
                    )
                }
            }),
            // The page's own range (its picker, its navigation entry, its search filter).
            _ => edit_file(&site, &page, |t| match t.find("monikerRange: ") {
                Some(_) => t.replacen(
                    "monikerRange: ",
                    &format!("monikerRange: v-{} || ", 1 + step % 3),
                    1,
                ),
                None => t.replacen("---\n", "---\nmonikerRange: \">= v-2\"\n", 1),
            }),
        };
        if !touched {
            continue;
        }
        *kinds.entry(kind).or_insert(0) += 1;
        let _ = server.wait_line(from, "rebuilt ");
        server.settle();
        let run = crate::harness::rosetta(
            site.path(),
            &[
                "build",
                ".",
                "--no-search",
                "--out",
                &fresh.path().to_string_lossy(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        // The findings too: a rebuild prints those that appeared since the last one and
        // counts those that went away, and its summary counts what a fresh build finds.
        let fresh_findings = findings_of(&run.stderr);
        let (appeared, gone) = appeared_and_gone(&reported, &fresh_findings);
        let printed = server.last_build();
        assert_eq!(
            findings_of(&printed),
            appeared,
            "seed {seed}, after step {step} (edit kind {kind} of {page}) the server prints other findings than those that appeared since the last build"
        );
        let summary = summary_of(&printed).to_owned();
        let counts = |line: &str| {
            let start = line.find("): ").map_or(0, |i| i + 3);
            let end = line[start..].find(" warnings").map_or(start, |i| start + i);
            line[start..end].to_owned()
        };
        assert_eq!(
            counts(&summary),
            counts(summary_of(&run.stderr)),
            "seed {seed}, after step {step}: {summary}"
        );
        let news = format!(" ({} new, {gone} gone)", appeared.len());
        assert_eq!(
            summary.contains(&news),
            !appeared.is_empty() || gone > 0,
            "seed {seed}, after step {step}: `{summary}` should say{news}"
        );
        reported = fresh_findings;
        let differences = differences(&served, fresh.path());
        assert!(
            differences.is_empty(),
            "seed {seed}, after step {step} (edit kind {kind} of {page}) the served output differs from a fresh build: {differences:#?}\n{}",
            server.log()
        );
    }
    assert_eq!(
        kinds.len(),
        13,
        "seed {seed}: some kinds of edits never changed a file: {kinds:?}"
    );
    let log = server.log();
    assert!(log.contains("incremental: "), "{log}");
}

#[test]
fn a_moniker_block_edit_is_an_incremental_rebuild_and_a_new_version_a_full_one() {
    let site = generated_site(6);
    let server = Server::start(site.path(), &["--no-search"]);
    server.wait_line(0, "built ");
    let page = "content/es-es/area-1/p1.md";
    let log = server.after("rebuilt ", || {
        edit_file(&site, page, |t| {
            t.replacen("range=\">= v-2\"", "range=\"v-3\"", 1)
        });
    });
    let rebuilt = log
        .lines()
        .find(|l| l.starts_with("rebuilt "))
        .unwrap_or("");
    assert!(
        rebuilt.contains("incremental: ") && rebuilt.contains("1 page changed"),
        "{log}"
    );
    let html =
        String::from_utf8_lossy(&get(server.port, "/es-es/area-1/p1.html").body).into_owned();
    assert!(
        html.contains("data-moniker=\"v-3\""),
        "the block shows its new range"
    );
    // A version no range named before: every page's picker and search filter change.
    let log = server.after("rebuilt ", || {
        edit_file(&site, page, |t| {
            t.replacen("range=\"v-3\"", "range=\"v-4\"", 1)
        });
    });
    assert!(log.contains("full: "), "{log}");
}

/// Writes `rel` whole, as an editor saves (a temporary file renamed over it), so that
/// the server sees one change with the file's content, never a file still empty.
fn save_new(site: &TestSite, rel: &str, content: &str) {
    let path = site.path().join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    let temp = path.with_file_name(".new.tmp");
    std::fs::write(&temp, content).unwrap_or_else(|e| panic!("{e}"));
    std::fs::rename(&temp, &path).unwrap_or_else(|e| panic!("{e}"));
}

/// Rewrites a site file through `change`, the way editors save (a temporary file renamed
/// over it); a missing file is left missing.
/// Returns whether the file was there.
fn edit_file(site: &TestSite, rel: &str, change: impl FnOnce(&str) -> String) -> bool {
    let path = site.path().join(rel);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return false;
    };
    let temp = path.with_file_name(".edit.tmp");
    std::fs::write(&temp, change(&text)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::rename(&temp, &path).unwrap_or_else(|e| panic!("{e}"));
    true
}

#[test]
fn serve_refreshes_the_search_index_in_the_background_as_a_build_writes_it() {
    let site = generated_site(6);
    let server = Server::start(site.path(), &[]);
    let served = served_folder(&server);
    // The first index, built after the first build.
    server.wait_line(0, "search: ");
    let from = server.lines();
    edit_file(&site, "content/es-es/area-0/p0.md", |t| {
        format!("{t}\nPalabra hallazgo nueva.\n")
    });
    server.wait_line(from, "rebuilt ");
    server.wait_line(from, "search: ");
    let lines: Vec<String> =
        server.log.0.lock().unwrap_or_else(|e| e.into_inner())[from..].to_vec();
    let rebuilt = lines.iter().position(|l| l.starts_with("rebuilt "));
    let indexed = lines.iter().position(|l| l.starts_with("search: "));
    assert!(
        rebuilt < indexed,
        "the page is rebuilt (and reloaded) before the index:\n{}",
        server.log()
    );
    server.settle();
    let fresh = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let run = crate::harness::rosetta(
        site.path(),
        &["build", ".", "-q", "--out", &fresh.path().to_string_lossy()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fresh.path().join("_rosetta/search/es-es").is_dir());
    let differences = differences(&served, fresh.path());
    assert!(differences.is_empty(), "{differences:#?}");
}
