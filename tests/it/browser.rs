//! The shared browser harness: one headless Chromium per test binary, driven over the
//! DevTools protocol, and folders served over loopback HTTP from a thread of the test.
//!
//! The protocol is spoken as plain JSON over one WebSocket (no generated bindings), so a
//! newer Chromium with new events or fields does not break the tests. Every test opens its
//! own [`Tab`]; commands from all tabs share the connection behind one lock.
//!
//! ```ignore
//! let Some(browser) = browser::browser() else { return }; // skipped without Chromium
//! let server = browser::serve(site.path().join("public"));
//! let tab = browser.tab();
//! tab.navigate(&server.url("zh-tw/a.html"));
//! let lang = tab.eval("document.documentElement.lang");
//! let requests = tab.requests(); // every URL the page asked for
//! ```
//!
//! Chromium is found as `$ROSETTA_CHROMIUM`, else `chromium`, `chromium-browser`,
//! `google-chrome` on the `PATH`; when absent the tests skip (or fail under
//! `ROSETTA_TEST_STRICT`, see [`crate::harness::missing`]).

#![allow(dead_code)]

use crate::harness::{TestSite, missing, walk};
use base64::Engine as _;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

/// How long one navigation or command may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The browser every test of this binary shares.
pub struct Browser {
    conn: Mutex<Connection>,
    next_id: AtomicU64,
    /// Kept open for the life of the test binary: when the process exits the pipe closes and
    /// the launcher script stops Chromium and removes its profile.
    _launcher_stdin: Mutex<ChildStdin>,
    _launcher: Mutex<Child>,
}

struct Connection {
    socket: WebSocket<TcpStream>,
    /// Events received while waiting for responses, per session.
    events: HashMap<String, Vec<Value>>,
    /// The page session of each dedicated worker's session: a worker's events (its network
    /// requests) count as its page's.
    worker_pages: HashMap<String, String>,
}

/// Starts Chromium once per test binary; `None` (after a notice) when it is not installed.
pub fn browser() -> Option<&'static Browser> {
    static BROWSER: OnceLock<Option<Browser>> = OnceLock::new();
    let browser = BROWSER.get_or_init(|| {
        let exe = find_chromium()?;
        Some(launch(&exe).unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display())))
    });
    match browser {
        Some(b) => Some(b),
        None => missing("Chromium (for browser tests)"),
    }
}

/// axe-core's script (`axe.min.js`), for accessibility checks in the page: `$ROSETTA_AXE`,
/// else `target/tools/node_modules/axe-core/axe.min.js` (where `.ci/run` installs it with
/// npm); `None` (after a notice) when absent.
pub fn axe_script() -> Option<&'static str> {
    static SCRIPT: OnceLock<Option<String>> = OnceLock::new();
    let script = SCRIPT.get_or_init(|| {
        let path = std::env::var_os("ROSETTA_AXE")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                crate::harness::project_root().join("target/tools/node_modules/axe-core/axe.min.js")
            });
        std::fs::read_to_string(path).ok()
    });
    match script {
        Some(s) => Some(s),
        None => missing("axe-core (`npm install --prefix target/tools axe-core`, or $ROSETTA_AXE)"),
    }
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ROSETTA_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

fn launch(exe: &Path) -> Result<Browser, String> {
    let profile = std::env::temp_dir().join(format!(
        "rosetta-chromium-{}-{}",
        std::process::id(),
        Instant::now().elapsed().as_nanos()
    ));
    std::fs::create_dir_all(&profile).map_err(|e| e.to_string())?;
    // The launcher stops Chromium when its stdin closes, that is when the test binary exits
    // (a static browser is never dropped).
    let script = r#"exe="$1"; profile="$2"; shift 2
"$exe" "$@" --user-data-dir="$profile" >"$profile.log" 2>&1 &
pid=$!
cat >/dev/null
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
rm -rf "$profile" "$profile.log""#;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(exe)
        .arg(&profile)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            // Tests run in parallel tabs: none may be throttled as a background tab.
            "--disable-background-timer-throttling",
            "--disable-backgrounding-occluded-windows",
            "--disable-renderer-backgrounding",
            "--disable-default-apps",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--mute-audio",
            "--remote-debugging-port=0",
            "--window-size=1280,800",
            "about:blank",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let stdin = child.stdin.take().ok_or("no stdin")?;
    // Chromium writes the port and the browser's WebSocket path here once it listens.
    let active = profile.join("DevToolsActivePort");
    let started = Instant::now();
    let (port, path) = loop {
        if let Ok(text) = std::fs::read_to_string(&active) {
            let mut lines = text.lines();
            if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                break (port.trim().to_owned(), path.trim().to_owned());
            }
        }
        if started.elapsed() > TIMEOUT {
            let log = std::fs::read_to_string(profile.with_extension("log")).unwrap_or_default();
            return Err(format!("Chromium did not start listening:\n{log}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stream = TcpStream::connect(format!("127.0.0.1:{port}")).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(TIMEOUT))
        .map_err(|e| e.to_string())?;
    let url = format!("ws://127.0.0.1:{port}{path}");
    let (socket, _) = tungstenite::client(url.as_str(), stream).map_err(|e| e.to_string())?;
    Ok(Browser {
        conn: Mutex::new(Connection {
            socket,
            events: HashMap::new(),
            worker_pages: HashMap::new(),
        }),
        next_id: AtomicU64::new(1),
        _launcher_stdin: Mutex::new(stdin),
        _launcher: Mutex::new(child),
    })
}

impl Browser {
    /// Sends a command (to a page session, or to the browser when `session` is `None`) and
    /// returns its result; a protocol error fails the test.
    pub fn call(&self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.try_call(session, method, params)
            .unwrap_or_else(|error| panic!("DevTools: {method} failed: {error}"))
    }

    /// [`Browser::call`] that returns a protocol error (e.g. a page that navigated away
    /// while it was asked something) instead of failing.
    pub fn try_call(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, Value> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        conn.socket
            .send(Message::text(message.to_string()))
            .unwrap_or_else(|e| panic!("DevTools: cannot send {method}: {e}"));
        loop {
            let frame = conn
                .socket
                .read()
                .unwrap_or_else(|e| panic!("DevTools: no answer to {method}: {e}"));
            let Message::Text(text) = frame else {
                continue;
            };
            let Ok(value) = serde_json::from_str::<Value>(text.as_str()) else {
                continue;
            };
            if value["id"].as_u64() == Some(id) {
                if let Some(error) = value.get("error") {
                    return Err(error.clone());
                }
                return Ok(value["result"].clone());
            }
            if value.get("method").is_some() {
                let mut session = value["sessionId"].as_str().unwrap_or("").to_owned();
                if value["method"] == "Target.attachedToTarget" {
                    self.start_attached(&mut conn, &session, &value["params"]);
                }
                if let Some(page) = conn.worker_pages.get(&session) {
                    session = page.clone();
                }
                conn.events.entry(session).or_default().push(value);
            }
        }
    }

    /// A target a page started (it waits for us): a dedicated worker gets its network
    /// events enabled, so that its requests are in the page's log; then it runs.
    fn start_attached(&self, conn: &mut Connection, page: &str, params: &Value) {
        let Some(child) = params["sessionId"].as_str() else {
            return;
        };
        let mut methods = vec!["Runtime.runIfWaitingForDebugger"];
        if params["targetInfo"]["type"] == "worker" {
            conn.worker_pages.insert(child.to_owned(), page.to_owned());
            methods.insert(0, "Network.enable");
        }
        for method in methods {
            // Answers are not awaited: they arrive later and are skipped by id.
            let id = self.next_id.fetch_add(1, Ordering::Relaxed);
            let message = json!({"id": id, "method": method, "params": {}, "sessionId": child});
            let _ = conn.socket.send(Message::text(message.to_string()));
        }
    }

    /// Opens a new tab (its own page and network log).
    pub fn tab(&self) -> Tab<'_> {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().unwrap_or_default().to_owned();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        let session = attached["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let tab = Tab {
            browser: self,
            session,
            target_id,
            requests: Vec::new().into(),
        };
        tab.call("Page.enable", json!({}));
        tab.call(
            "Emulation.setFocusEmulationEnabled",
            json!({"enabled": true}),
        );
        tab.call("Network.enable", json!({}));
        tab.call("Runtime.enable", json!({}));
        // Workers the page starts wait until their network log is on (see `start_attached`).
        tab.call(
            "Target.setAutoAttach",
            json!({"autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true}),
        );
        tab.resize(1280, 800);
        tab
    }

    fn take_events(&self, session: &str) -> Vec<Value> {
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        conn.events.remove(session).unwrap_or_default()
    }
}

/// One page of the shared browser. Closed when dropped.
pub struct Tab<'b> {
    browser: &'b Browser,
    session: String,
    target_id: String,
    requests: Mutex<Vec<String>>,
}

impl Tab<'_> {
    /// A DevTools command on this page.
    pub fn call(&self, method: &str, params: Value) -> Value {
        self.browser.call(Some(&self.session), method, params)
    }

    /// Sets the viewport (CSS pixels); below 600 px wide the page is emulated as a phone
    /// (meta viewport honoured, touch).
    pub fn resize(&self, width: u32, height: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
    }

    /// Goes to `url` and waits until the document and its resources have loaded.
    pub fn navigate(&self, url: &str) {
        let result = self.call("Page.navigate", json!({"url": url}));
        if let Some(error) = result.get("errorText") {
            panic!("cannot open {url}: {error}");
        }
        let started = Instant::now();
        loop {
            // A page that navigates on by itself (the root page choosing a language) may be
            // gone while it is asked: that is "not loaded yet".
            let state = self
                .try_eval("document.readyState + ' ' + location.href")
                .unwrap_or_default();
            if state
                .as_str()
                .is_some_and(|s| s.starts_with("complete ") && !s.ends_with("about:blank"))
            {
                break;
            }
            if started.elapsed() > TIMEOUT {
                panic!("{url} did not finish loading: {state}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // Let scripts that run on load (navigation tree, switcher) finish.
        let _ = self.try_eval("new Promise(r => setTimeout(() => setTimeout(r, 0), 0))");
    }

    /// Evaluates a JavaScript expression (promises awaited) and returns its value as JSON.
    /// An exception fails the test.
    pub fn eval(&self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("JavaScript `{expression}` threw: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// [`Tab::eval`] that returns an exception or protocol error instead of failing.
    pub fn try_eval(&self, expression: &str) -> Result<Value, Value> {
        let result = self.browser.try_call(
            Some(&self.session),
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        )?;
        match result.get("exceptionDetails") {
            Some(exception) => Err(exception.clone()),
            None => Ok(result["result"]["value"].clone()),
        }
    }

    /// Goes to `url`, which navigates on by itself (a redirect page), and waits until the
    /// JavaScript `condition` holds on the page it lands on.
    pub fn navigate_until(&self, url: &str, condition: &str) {
        let result = self.call("Page.navigate", json!({"url": url}));
        if let Some(error) = result.get("errorText") {
            panic!("cannot open {url}: {error}");
        }
        self.wait_for(condition);
    }

    /// Waits until the JavaScript `condition` is true (the page may navigate meanwhile).
    pub fn wait_for(&self, condition: &str) {
        let started = Instant::now();
        while self.try_eval(condition) != Ok(Value::Bool(true)) {
            if started.elapsed() > TIMEOUT {
                panic!("timed out waiting for `{condition}`");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `eval` for a string result.
    pub fn eval_string(&self, expression: &str) -> String {
        match self.eval(expression) {
            Value::String(s) => s,
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }

    /// Emulates the system's colour scheme (`"light"` or `"dark"`) and the media type
    /// (`"screen"`, `"print"`).
    pub fn emulate_media(&self, media: &str, scheme: &str) {
        self.call(
            "Emulation.setEmulatedMedia",
            json!({"media": media, "features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
    }

    /// Runs `source` in every document this tab opens from now on, before the page's own
    /// scripts (to record what the page looks like as it starts).
    pub fn on_new_document(&self, source: &str) {
        self.call(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": source}),
        );
    }

    /// Presses one key as a reader does (down, then up): a named key (`Enter`, `Escape`,
    /// `ArrowDown`, `ArrowUp`, `Tab`, `Backspace`) or one character; `ctrl` and `meta` hold
    /// those modifiers.
    pub fn press(&self, key: &str, ctrl: bool, meta: bool) {
        let (code, vk, text) = match key {
            "Enter" => ("Enter".to_owned(), 13, "\r".to_owned()),
            "Escape" => ("Escape".to_owned(), 27, String::new()),
            "ArrowDown" => ("ArrowDown".to_owned(), 40, String::new()),
            "ArrowUp" => ("ArrowUp".to_owned(), 38, String::new()),
            "Tab" => ("Tab".to_owned(), 9, String::new()),
            "Backspace" => ("Backspace".to_owned(), 8, String::new()),
            "/" => ("Slash".to_owned(), 191, "/".to_owned()),
            c if c.chars().count() == 1 && c.is_ascii() => {
                let upper = c.to_ascii_uppercase();
                (
                    format!("Key{upper}"),
                    u32::from(upper.as_bytes()[0]),
                    c.to_owned(),
                )
            }
            other => panic!("press: unknown key {other:?}"),
        };
        let modifiers = u32::from(ctrl) * 2 + u32::from(meta) * 4;
        let text = if ctrl || meta { String::new() } else { text };
        let down = if text.is_empty() {
            "rawKeyDown"
        } else {
            "keyDown"
        };
        for kind in [down, "keyUp"] {
            let mut event = json!({"type": kind, "key": key, "code": code,
                "windowsVirtualKeyCode": vk, "modifiers": modifiers});
            if kind != "keyUp" && !text.is_empty() {
                event["text"] = json!(text);
            }
            self.call("Input.dispatchKeyEvent", event);
        }
    }

    /// Types text into the focused element one character at a time, as a keyboard or an
    /// input method does (CJK too), waiting `gap` between characters.
    pub fn type_text(&self, text: &str, gap: Duration) {
        for (i, c) in text.chars().enumerate() {
            if i > 0 {
                std::thread::sleep(gap);
            }
            self.call("Input.insertText", json!({"text": c.to_string()}));
        }
    }

    /// Clicks the middle of the first element matching `selector` with the mouse (after
    /// scrolling it into view when `scroll`).
    pub fn click(&self, selector: &str, scroll: bool) {
        let selector_js = serde_json::to_string(selector).unwrap_or_default();
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({selector_js}); if (!e) return null; \
             if ({scroll}) e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        let (Some(x), Some(y)) = (at[0].as_f64(), at[1].as_f64()) else {
            panic!("click: nothing matches `{selector}`");
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// The accessibility problems axe-core finds in the page as it is now (WCAG 2.1 A and
    /// AA and axe's best practices), one line each: rule, impact and the elements.
    pub fn axe(&self, script: &str) -> Vec<String> {
        self.eval(script);
        let found = self.eval(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})\
             .then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' \
             + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')))",
        );
        found
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Writes a PNG of the viewport (or the whole page) to `path`.
    pub fn screenshot(&self, path: &Path, full_page: bool) {
        // A tab behind another may wait for a frame that never comes: capture it in front.
        self.call("Page.bringToFront", json!({}));
        let mut params = json!({"format": "png"});
        if full_page {
            let size = self.eval(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]",
            );
            let width = size[0].as_f64().unwrap_or(1280.0);
            let height = size[1].as_f64().unwrap_or(800.0).min(16000.0);
            params = json!({"format": "png", "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}});
        }
        let shot = self.call("Page.captureScreenshot", params);
        let data = shot["data"].as_str().unwrap_or_default();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap_or_else(|e| panic!("screenshot is not base64: {e}"));
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    /// Every URL this tab has requested so far (documents, scripts, styles, fetches, also
    /// those of its dedicated workers), in order: to assert that a page asks nothing of the
    /// network beyond loopback.
    pub fn requests(&self) -> Vec<String> {
        // A round trip first, so that events sent before it have arrived.
        self.eval("0");
        let mut log = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        for event in self.browser.take_events(&self.session) {
            if event["method"] == "Network.requestWillBeSent"
                && let Some(url) = event["params"]["request"]["url"].as_str()
            {
                log.push(url.to_owned());
            }
        }
        log.clone()
    }

    /// The font families Chromium actually used to draw the text of the first element
    /// matching `selector` (e.g. `["Noto Sans CJK TC"]`).
    pub fn fonts_used(&self, selector: &str) -> Vec<String> {
        self.call("DOM.enable", json!({}));
        self.call("CSS.enable", json!({}));
        let doc = self.call("DOM.getDocument", json!({"depth": 0}));
        let root = doc["root"]["nodeId"].clone();
        let found = self.call(
            "DOM.querySelector",
            json!({"nodeId": root, "selector": selector}),
        );
        let node = found["nodeId"].as_u64().unwrap_or(0);
        assert!(node != 0, "no element matches `{selector}`");
        let fonts = self.call("CSS.getPlatformFontsForNode", json!({"nodeId": node}));
        fonts["fonts"]
            .as_array()
            .map(|fonts| {
                fonts
                    .iter()
                    .filter_map(|f| f["familyName"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for Tab<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return; // the connection may be what failed
        }
        self.browser.take_events(&self.session);
        self.browser.call(
            None,
            "Target.closeTarget",
            json!({"targetId": self.target_id}),
        );
    }
}

/// A folder served over HTTP on 127.0.0.1 for the life of the test binary.
pub struct Server {
    port: u16,
}

impl Server {
    /// `http://127.0.0.1:PORT/<path>`.
    pub fn url(&self, path: &str) -> String {
        format!(
            "http://127.0.0.1:{}/{}",
            self.port,
            path.trim_start_matches('/')
        )
    }

    /// The origin (`http://127.0.0.1:PORT`), for asserting where requests go.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// A site built once per test binary and served over loopback.
pub struct Served {
    /// Keeps the temporary copy alive.
    _site: TestSite,
    pub public: PathBuf,
    pub server: Server,
    /// What the build printed (its summary).
    pub stderr: String,
}

impl Served {
    /// Builds `site` (already in a temporary folder) into its `public/` and serves it.
    pub fn build(site: TestSite, args: &[&str]) -> Served {
        let run = site.build(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let public = site.path().join("public");
        let server = serve(&public);
        Served {
            _site: site,
            public,
            server,
            stderr: run.stderr,
        }
    }

    /// A site already built into `public` and served by `server`; `site` keeps the folder.
    pub fn from_parts(site: TestSite, public: PathBuf, server: Server) -> Served {
        Served {
            _site: site,
            public,
            server,
            stderr: String::new(),
        }
    }

    /// Output paths (relative to `public/`) of the pages of one locale.
    pub fn pages(&self, locale: &str) -> Vec<String> {
        walk(&self.public.join(locale))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .filter_map(|p| {
                Some(
                    p.strip_prefix(&self.public)
                        .ok()?
                        .to_string_lossy()
                        .replace('\\', "/"),
                )
            })
            .collect()
    }
}

/// Serves `root` (GET and HEAD; `index.html` for folders; `404.html` with status 404 for
/// what is missing) from a background thread.
pub fn serve(root: impl Into<PathBuf>) -> Server {
    let root: Arc<PathBuf> = Arc::new(root.into());
    let listener =
        TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("cannot listen: {e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = answer(&root, stream);
            });
        }
    });
    Server { port }
}

fn answer(root: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path);
    let safe = !decoded.split('/').any(|p| p == "..");
    let mut file = root.join(decoded.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, file) = if safe && file.is_file() {
        ("200 OK", Some(file))
    } else {
        let fallback = root.join("404.html");
        ("404 Not Found", fallback.is_file().then_some(fallback))
    };
    let mut body = Vec::new();
    if let Some(file) = &file {
        std::fs::File::open(file)?.read_to_end(&mut body)?;
    }
    let content_type = file
        .as_deref()
        .and_then(|f| f.extension())
        .and_then(|e| e.to_str())
        .map_or("text/html; charset=utf-8", content_type);
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

fn content_type(ext: &str) -> &'static str {
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::TestSite;

    #[test]
    fn the_harness_serves_navigates_evaluates_and_logs_requests() {
        let Some(browser) = browser() else { return };
        let site = TestSite::new();
        site.file(
            "www/a b/index.html",
            "<!DOCTYPE html><html lang=\"zh-tw\"><head><meta name=\"viewport\" content=\"width=device-width\"><link rel=\"stylesheet\" href=\"s.css\"><title>T</title></head><body><p id=\"x\">中文</p><script>fetch('data.json').then(r => r.json()).then(d => document.title = d.t)</script></body></html>",
        );
        site.file("www/a b/s.css", "p { color: rgb(1, 2, 3) }");
        site.file("www/a b/data.json", "{\"t\": \"loaded\"}");
        site.file("www/404.html", "<title>not here</title>");
        let server = serve(site.path().join("www"));
        let tab = browser.tab();
        tab.navigate(&server.url("a%20b/"));
        assert_eq!(tab.eval_string("document.documentElement.lang"), "zh-tw");
        assert_eq!(
            tab.eval_string("getComputedStyle(document.getElementById('x')).color"),
            "rgb(1, 2, 3)"
        );
        tab.eval("new Promise(r => { const t = () => document.title === 'loaded' ? r() : setTimeout(t, 10); t(); })");
        tab.resize(390, 800);
        assert_eq!(tab.eval("window.innerWidth"), json!(390));
        let requests = tab.requests();
        for wanted in ["a%20b/s.css", "a%20b/data.json"] {
            assert!(
                requests.iter().any(|r| r == &server.url(wanted)),
                "{wanted} not in {requests:?}"
            );
        }
        let shot = site.path().join("shot.png");
        tab.screenshot(&shot, true);
        let png = std::fs::read(&shot).unwrap_or_default();
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        tab.navigate(&server.url("missing.html"));
        assert_eq!(tab.eval_string("document.title"), "not here");
    }

    #[test]
    fn axe_reports_what_a_page_does_wrong() {
        let (Some(browser), Some(axe)) = (browser(), axe_script()) else {
            return;
        };
        let site = TestSite::new();
        site.file(
            "www/index.html",
            "<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body><main><h1>T</h1><img src=\"x.png\"><p style=\"color:#ccc;background:#fff\">faint</p></main></body></html>",
        );
        let server = serve(site.path().join("www"));
        let tab = browser.tab();
        tab.navigate(&server.url("index.html"));
        let found = tab.axe(axe);
        for rule in ["image-alt", "color-contrast"] {
            assert!(
                found.iter().any(|f| f.starts_with(rule)),
                "{rule} not in {found:?}"
            );
        }
    }
}
