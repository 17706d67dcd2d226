//! Other sites' xref maps named by URL or file (`xref:` in rosetta.yaml, `build.xref` in
//! docfx.json), in DocFX's JSON and YAML forms: served here by a loopback HTTP server of the
//! test's own (no network), downloaded once into `.rosetta-cache/`, asked about again after
//! a day, read from the cache with `--offline`; a map that cannot be had is one `xref-map`
//! warning, and the build goes on.

use crate::harness::{Run, TestSite, rosetta_with_env, shared, with_code};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// How the test server answers a path.
#[derive(Clone)]
enum Answer {
    /// 200 with this body and an ETag of its length (`"n123"`); a request naming that
    /// ETag gets 304.
    Map(Vec<u8>),
    /// This status, without a map.
    Status(u16),
    /// Nothing at all: the request is read and never answered.
    Silence,
    /// `Content-Length: 1073741824` (1 GiB), then a trickle of bytes until the client hangs
    /// up (at most 16 MiB are sent).
    Huge,
    /// A body without a length, streamed until the client hangs up (at most 64 MiB).
    Endless,
}

/// The answers of a server, by path.
type Routes = Arc<Mutex<Vec<(&'static str, Answer)>>>;

/// The requests a server had: each path with its `If-None-Match`.
type Requests = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A loopback HTTP server with an answer per path (which a test may change), which records
/// every request.
struct MapServer {
    port: u16,
    stop: Arc<AtomicBool>,
    routes: Routes,
    requests: Requests,
}

impl MapServer {
    fn start(routes: Vec<(&'static str, Answer)>) -> MapServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let routes: Routes = Arc::new(Mutex::new(routes));
        let (stop2, requests2, routes2) = (stop.clone(), requests.clone(), routes.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (routes, stop, requests) = (routes2.clone(), stop2.clone(), requests2.clone());
                std::thread::spawn(move || answer(stream, &routes, &stop, &requests));
            }
        });
        MapServer {
            port,
            stop,
            routes,
            requests,
        }
    }

    /// From now on, answers `path` with `answer`.
    fn set(&self, path: &'static str, answer: Answer) {
        let mut routes = self.routes.lock().unwrap_or_else(|e| e.into_inner());
        routes.retain(|(p, _)| *p != path);
        routes.push((path, answer));
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The requests made for `path`, with their `If-None-Match`.
    fn requests(&self, path: &str) -> Vec<Option<String>> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, etag)| etag.clone())
            .collect()
    }
}

impl Drop for MapServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn answer(mut stream: TcpStream, routes: &Routes, stop: &AtomicBool, requests: &Requests) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let path = first.split_whitespace().nth(1).unwrap_or("").to_owned();
    let mut etag = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("if-none-match")
        {
            etag = Some(value.trim().to_owned());
        }
    }
    requests
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((path.clone(), etag.clone()));
    let route = routes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, a)| a.clone());
    let chunk = vec![b' '; 64 * 1024];
    match route.unwrap_or(Answer::Status(404)) {
        Answer::Map(body) if etag.as_deref() == Some(&etag_of(&body)) => {
            let head = format!(
                "HTTP/1.1 304 Not Modified\r\nETag: {}\r\nConnection: close\r\n\r\n",
                etag_of(&body)
            );
            let _ = stream.write_all(head.as_bytes());
        }
        Answer::Map(body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nETag: {}\r\nConnection: close\r\n\r\n",
                body.len(),
                etag_of(&body)
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
        Answer::Status(code) => {
            let head = format!(
                "HTTP/1.1 {code} Oops\r\nContent-Length: 9\r\nConnection: close\r\n\r\nno map\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
        }
        Answer::Silence => {
            let until = Instant::now() + Duration::from_secs(20);
            while !stop.load(Ordering::SeqCst) && Instant::now() < until {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        Answer::Huge => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\nConnection: close\r\n\r\n",
            );
            for _ in 0..256 {
                if stop.load(Ordering::SeqCst) || stream.write_all(&chunk).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        Answer::Endless => {
            let _ =
                stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"references\": [");
            for _ in 0..1024 {
                if stop.load(Ordering::SeqCst) || stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
    }
}

/// The ETag the test server gives a body.
fn etag_of(body: &[u8]) -> String {
    format!("\"n{}\"", body.len())
}

/// A map in Microsoft Learn's JSON form: `(uid, name, href)` entries.
fn json_map(entries: &[(&str, &str, &str)]) -> Vec<u8> {
    let references: Vec<Value> = entries
        .iter()
        .map(|(uid, name, href)| {
            serde_json::json!({
                "uid": uid, "name": name, "href": href,
                "fullName": uid, "commentId": format!("T:{uid}"), "monikers": ["net-8.0"]
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({ "references": references })).unwrap_or_default()
}

const DOTNET: &[(&str, &str, &str)] = &[
    (
        "System.String",
        "String",
        "https://learn.microsoft.com/dotnet/api/system.string",
    ),
    (
        "System.Console.WriteLine*",
        "WriteLine",
        "https://learn.microsoft.com/dotnet/api/system.console.writeline",
    ),
    ("System.IntPtr", "IntPtr", "api/system.intptr"),
];

/// A page of es-es and en-us using the map's uids (and one no map has, `Nowhere.Missing`).
fn site_with(xref: &str) -> TestSite {
    let site = TestSite::new();
    site.file(
        "rosetta.yaml",
        format!("locales: [en-us, es-es]\nxref:\n  - {xref}\n"),
    );
    for locale in ["en-us", "es-es"] {
        site.file(
            &format!("content/{locale}/api.md"),
            "---\ntitle: API\ndescription: Wraps <xref:System.IntPtr> handles.\n---\n# API\n\nSee <xref:System.String>, [the method](xref:System.Console.WriteLine*) and <xref:system.intptr?displayProperty=fullName>.\n\nAnd <xref:Nowhere.Missing>.\n",
        );
    }
    site
}

fn run(site: &TestSite, args: &[&str]) -> (Run, Vec<Value>) {
    let mut all = vec!["check", ".", "--format", "json"];
    all.extend_from_slice(args);
    let run = rosetta_with_env(site.path(), &all, &[("ROSETTA_XREF_TIMEOUT", "0.5")]);
    let diagnostics = run.json()["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (run, diagnostics)
}

fn messages<'d>(diagnostics: &'d [Value], code: &str) -> Vec<&'d str> {
    with_code(diagnostics, code)
        .into_iter()
        .filter_map(|d| d["message"].as_str())
        .collect()
}

/// Sets the modification time of every cached map of `site` to `ago` in the past.
fn age_cache(site: &TestSite, ago: Duration) {
    let dir = site.path().join(".rosetta-cache/xref");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        if entry.path().extension().is_some_and(|e| e == "map") {
            std::fs::File::options()
                .write(true)
                .open(entry.path())
                .and_then(|f| f.set_modified(SystemTime::now() - ago))
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[test]
fn a_map_by_url_resolves_references_and_is_downloaded_once() {
    let server = MapServer::start(vec![(
        "/dotnet/.xrefmap.json",
        Answer::Map(json_map(DOTNET)),
    )]);
    let site = site_with(&server.url("/dotnet/.xrefmap.json"));
    let (first, diagnostics) = run(&site, &[]);
    // Only the uid that no map has, once per locale.
    assert_eq!(
        messages(&diagnostics, "xref-not-found"),
        [
            "no page of this locale and no xref map has the uid `Nowhere.Missing`",
            "no page of this locale and no xref map has the uid `Nowhere.Missing`"
        ],
        "{}",
        first.stdout
    );
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert_eq!(server.requests("/dotnet/.xrefmap.json"), [None]);
    assert!(site.exists(".rosetta-cache/xref"), "the map is cached");
    // A second run, and a build, read the cached copy: nothing is downloaded again.
    run(&site, &[]);
    let built = rosetta_with_env(site.path(), &["build", ".", "--no-search"], &[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_eq!(server.requests("/dotnet/.xrefmap.json").len(), 1);
    let html = site.read("public/es-es/api.html");
    assert!(
        html.contains(
            "<a href=\"https://learn.microsoft.com/dotnet/api/system.string\" class=\"xref\">String</a>"
        ),
        "{html}"
    );
    assert!(
        html.contains("href=\"https://learn.microsoft.com/dotnet/api/system.console.writeline\""),
        "{html}"
    );
    // A relative href of a map without `baseUrl` resolves against the map's folder; the
    // letter case of a uid does not matter; `displayProperty` picks the name shown.
    assert!(
        html.contains(&format!(
            "<a href=\"{}\" class=\"xref\">System.IntPtr</a>",
            server.url("/dotnet/api/system.intptr")
        )),
        "{html}"
    );
    // An unresolved `<xref:…>` shows its uid as text.
    assert!(
        html.contains("<span class=\"xref\">Nowhere.Missing</span>"),
        "{html}"
    );
    // The description shows the reference's name, not its markup.
    assert!(
        html.contains("<meta name=\"description\" content=\"Wraps IntPtr handles.\""),
        "{html}"
    );
}

#[test]
fn a_day_old_copy_is_asked_about_again_and_kept_when_not_modified() {
    let server = MapServer::start(vec![("/m.json", Answer::Map(json_map(DOTNET)))]);
    let site = site_with(&server.url("/m.json"));
    run(&site, &[]);
    age_cache(&site, Duration::from_secs(23 * 3600));
    run(&site, &[]);
    assert_eq!(server.requests("/m.json").len(), 1, "fresh for a day");
    age_cache(&site, Duration::from_secs(25 * 3600));
    let (_, diagnostics) = run(&site, &[]);
    // The server is asked whether its copy changed; it did not: the cached copy serves.
    assert_eq!(
        server.requests("/m.json"),
        [None, Some(etag_of(&json_map(DOTNET)))]
    );
    assert_eq!(messages(&diagnostics, "xref-not-found").len(), 2);
    assert!(messages(&diagnostics, "xref-map").is_empty());
    // And it is fresh again.
    run(&site, &[]);
    assert_eq!(server.requests("/m.json").len(), 2);
}

#[test]
fn an_old_copy_serves_with_a_warning_when_the_server_fails() {
    let server = MapServer::start(vec![("/m.json", Answer::Map(json_map(DOTNET)))]);
    let site = site_with(&server.url("/m.json"));
    run(&site, &[]);
    age_cache(&site, Duration::from_secs(3 * 24 * 3600));
    server.set("/m.json", Answer::Status(500));
    let (_, diagnostics) = run(&site, &[]);
    assert_eq!(server.requests("/m.json").len(), 2);
    let warnings = messages(&diagnostics, "xref-map");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("cannot be downloaded again (HTTP 500")
            && warnings[0].contains("the copy cached 3 days ago is used"),
        "{}",
        warnings[0]
    );
    // The old copy resolves the references.
    assert_eq!(messages(&diagnostics, "xref-not-found").len(), 2);
    // A server that now answers something that is not a map: the old copy still serves.
    server.set("/m.json", Answer::Map(b"not: [a map".to_vec()));
    let (_, diagnostics) = run(&site, &[]);
    assert_eq!(messages(&diagnostics, "xref-not-found").len(), 2);
    assert_eq!(messages(&diagnostics, "xref-map").len(), 1);
}

#[test]
fn offline_without_a_cached_copy_is_one_warning_that_counts_the_references() {
    let server = MapServer::start(vec![("/m.json", Answer::Map(json_map(DOTNET)))]);
    let site = site_with(&server.url("/m.json"));
    let (run1, diagnostics) = run(&site, &["--offline"]);
    assert_eq!(
        server.requests("/m.json").len(),
        0,
        "--offline downloads nothing"
    );
    let warnings = messages(&diagnostics, "xref-map");
    assert_eq!(warnings.len(), 1, "{}", run1.stdout);
    assert!(
        warnings[0].contains("not in the download cache")
            && warnings[0].contains(
                "8 cross references that resolve nowhere are counted here instead of one `xref-not-found` finding each"
            ),
        "{}",
        warnings[0]
    );
    assert!(messages(&diagnostics, "xref-not-found").is_empty());
    let d = &with_code(&diagnostics, "xref-map")[0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("rosetta.yaml"), Some(3))
    );
    assert_eq!(run1.code, 0, "a warning only");
    // Once cached, --offline reads the copy.
    run(&site, &[]);
    let (_, diagnostics) = run(&site, &["--offline"]);
    assert!(messages(&diagnostics, "xref-map").is_empty());
    assert_eq!(messages(&diagnostics, "xref-not-found").len(), 2);
    // build and serve take the flag too (serve is not started here: its option parses).
    let built = rosetta_with_env(
        site.path(),
        &["build", ".", "--offline", "--no-search"],
        &[],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    let help = rosetta_with_env(site.path(), &["serve", "--help"], &[]);
    assert!(help.stdout.contains("--offline"), "{}", help.stdout);
}

#[test]
fn docfx_json_and_files_name_maps_in_yaml_and_json() {
    let site = TestSite::new();
    site.file(
        "rosetta.yaml",
        "locales: [en-us, es-es]\nxref:\n  - maps/site.yml\n",
    );
    site.file(
        "maps/site.yml",
        "### YamlMime:XRefMap\nsorted: true\nbaseUrl: https://other.example/docs/\nreferences:\n- uid: other.page\n  name: Other page\n  href: other/page.html\n",
    );
    site.file(
        "content/es-es/docs/docfx.json",
        "{\"build\": {\"content\": [{\"files\": [\"**/*.md\"]}], \"xref\": [\"../../../maps/api.json\", \"missing.json\"]}}",
    );
    site.file(
        "maps/api.json",
        json_map(&[("Api.Type", "Type", "https://api.example/type")]),
    );
    for locale in ["en-us", "es-es"] {
        site.file(
            &format!("content/{locale}/docs/a.md"),
            "# A\n\n<xref:other.page> and <xref:Api.Type>.\n",
        );
    }
    let (_, diagnostics) = run(&site, &[]);
    // en-us has no docfx.json naming the API map: its reference is not found; es-es's
    // docfx.json names it. The missing file is one warning, at its docfx.json line.
    let not_found: Vec<String> = with_code(&diagnostics, "xref-not-found")
        .iter()
        .map(|d| format!("{} {}", d["file"].as_str().unwrap_or(""), d["message"]))
        .collect();
    assert_eq!(not_found.len(), 1, "{not_found:#?}");
    assert!(
        not_found[0].starts_with("content/en-us/docs/a.md"),
        "{not_found:#?}"
    );
    let warnings = with_code(&diagnostics, "xref-map");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0]["file"], "content/es-es/docs/docfx.json");
    assert_eq!(warnings[0]["locale"], "es-es");
    let built = rosetta_with_env(site.path(), &["build", ".", "--no-search"], &[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let html = site.read("public/es-es/docs/a.html");
    assert!(
        html.contains("href=\"https://other.example/docs/other/page.html\""),
        "{html}"
    );
    assert!(html.contains("href=\"https://api.example/type\""), "{html}");
}

#[test]
fn maps_that_cannot_be_had_are_one_warning_each_and_the_build_goes_on() {
    let server = MapServer::start(vec![
        ("/good.json", Answer::Map(json_map(DOTNET))),
        (
            "/html.json",
            Answer::Map(b"<!DOCTYPE html><html><body>Sign in</body></html>".to_vec()),
        ),
        ("/gone.json", Answer::Status(404)),
        ("/silent.json", Answer::Silence),
        ("/huge.json", Answer::Huge),
    ]);
    let site = TestSite::new();
    site.file(
        "rosetta.yaml",
        format!(
            "xref:\n  - {}\n  - {}\n  - {}\n  - {}\n  - {}\n  - ftp://example.org/map.yml\n",
            server.url("/html.json"),
            server.url("/gone.json"),
            server.url("/silent.json"),
            server.url("/huge.json"),
            server.url("/good.json"),
        ),
    );
    site.file(
        "content/en-us/a.md",
        "# A\n\n<xref:System.String> and <xref:Nowhere.Missing>.\n",
    );
    let started = Instant::now();
    let built = rosetta_with_env(
        site.path(),
        &["build", ".", "--no-search"],
        &[("ROSETTA_XREF_TIMEOUT", "0.5")],
    );
    // Bounded: the silent server is given up after the timeout, the 1 GiB body is refused
    // from its length (a generous bound that a hang would break).
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(site.exists("public/en-us/a.html"));
    let (_, diagnostics) = run(&site, &[]);
    let warnings = messages(&diagnostics, "xref-map");
    assert_eq!(warnings.len(), 5, "{warnings:#?}");
    let expect = [
        ("/html.json", "not a YAML or JSON xref map"),
        ("/gone.json", "HTTP 404"),
        ("/silent.json", "no answer within 0.5 s"),
        ("/huge.json", "1024.0 MiB is larger than the 256.0 MiB cap"),
        ("ftp://", "is not read"),
    ];
    for (name, reason) in expect {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(name) && w.contains(reason)),
            "{name}: {reason}: {warnings:#?}"
        );
    }
    // The good map still resolves; the uid no map has is counted, not reported.
    assert!(messages(&diagnostics, "xref-not-found").is_empty());
    assert!(
        warnings
            .iter()
            .all(|w| w.contains("1 cross reference that resolves nowhere"))
    );
    let html = site.read("public/en-us/a.html");
    assert!(html.contains("class=\"xref\">String</a>"), "{html}");
    // Nothing that failed is cached.
    let cached = std::fs::read_dir(site.path().join(".rosetta-cache/xref"))
        .map(|d| d.flatten().count())
        .unwrap_or(0);
    assert_eq!(cached, 2, "the good map and its description only");
}

#[test]
fn a_body_without_length_is_cut_at_the_cap() {
    let server = MapServer::start(vec![("/endless.json", Answer::Endless)]);
    let site = TestSite::new();
    site.file(
        "rosetta.yaml",
        format!("xref:\n  - {}\n", server.url("/endless.json")),
    );
    site.file("content/en-us/a.md", "# A\n\n<xref:System.String>\n");
    let started = Instant::now();
    let run = rosetta_with_env(
        site.path(),
        &["check", ".", "--format", "json"],
        &[("ROSETTA_XREF_MAX_BYTES", "1048576")],
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    let diagnostics = run.json()["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let warnings = messages(&diagnostics, "xref-map");
    assert_eq!(warnings.len(), 1, "{}", run.stdout);
    assert!(
        warnings[0].contains("larger than the 1.0 MiB cap"),
        "{}",
        warnings[0]
    );
    assert_eq!(run.code, 0);
}

/// The .NET uids the Visual Studio translations name.
const VS2021_UIDS: [&str; 13] = [
    "System.Console.WriteLine",
    "System.Console.Write*",
    "System.Console.WriteLine*",
    "System.Console.ReadKey*",
    "System.Runtime.CompilerServices.InternalsVisibleToAttribute",
    "System.Windows.Controls.TextBlock",
    "System.Windows.Controls.RadioButton",
    "System.Windows.Controls.Button",
    "System.DateTime",
    "Azure.Identity.DefaultAzureCredential",
    "Azure.Identity.ManagedIdentityCredential",
    "Microsoft.AspNetCore.Builder.HttpsPolicyBuilderExtensions.UseHttpsRedirection*",
    "System.Speech.Synthesis",
];

/// A server of a map of [`VS2021_UIDS`] at `/en-us/dotnet/.xrefmap.json`, as Learn's.
fn vs2021_map_server() -> MapServer {
    let entries: Vec<(String, String, String)> = VS2021_UIDS
        .iter()
        .map(|uid| {
            let name = uid.trim_end_matches('*').rsplit('.').next().unwrap_or(uid);
            let href = format!(
                "https://learn.microsoft.com/dotnet/api/{}",
                uid.trim_end_matches('*').to_lowercase()
            );
            (uid.to_string(), name.to_owned(), href)
        })
        .collect();
    let borrowed: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|(u, n, h)| (u.as_str(), n.as_str(), h.as_str()))
        .collect();
    MapServer::start(vec![(
        "/en-us/dotnet/.xrefmap.json",
        Answer::Map(json_map(&borrowed)),
    )])
}

/// A copy of the Visual Studio translations whose rosetta.yaml names the xref map `map`;
/// `None` after a notice without the corpus.
fn vs2021_naming_map(map: &str) -> Option<TestSite> {
    let corpus = shared()?.join("corpus/vs2021");
    if !corpus.is_dir() {
        return crate::harness::missing("../shared/corpus/vs2021");
    }
    let site = TestSite::copy_of(&corpus);
    let config = site.read("rosetta.yaml");
    site.file("rosetta.yaml", format!("{config}xref:\n  - {map}\n"));
    Some(site)
}

/// The Visual Studio translations with a map of the .NET uids they use, served here.
#[test]
fn vs2021_resolves_its_api_references_through_a_map_and_offline_is_one_warning() {
    let server = vs2021_map_server();
    let Some(site) = vs2021_naming_map(&server.url("/en-us/dotnet/.xrefmap.json")) else {
        return;
    };
    let (_, diagnostics) = run(&site, &[]);
    assert!(
        with_code(&diagnostics, "xref-not-found").is_empty(),
        "{:#?}",
        with_code(&diagnostics, "xref-not-found")
    );
    assert!(with_code(&diagnostics, "xref-map").is_empty());
    let tab_anchors: Vec<&Value> = with_code(&diagnostics, "broken-anchor")
        .into_iter()
        .filter(|d| d["message"].as_str().is_some_and(|m| m.contains("#tab/")))
        .collect();
    assert!(tab_anchors.is_empty(), "{tab_anchors:#?}");
    let toc_config: Vec<&Value> = with_code(&diagnostics, "config")
        .into_iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with("toc.yml")))
        .collect();
    assert!(toc_config.is_empty(), "{toc_config:#?}");
    // Offline, without a cached copy: one warning counting the 90 references, and the
    // build runs.
    let Some(fresh) = vs2021_naming_map("https://learn.microsoft.com/en-us/dotnet/.xrefmap.json")
    else {
        return;
    };
    let built = rosetta_with_env(
        fresh.path(),
        &["build", ".", "--offline", "--no-search", "--out", "out"],
        &[],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_eq!(
        built.stderr.matches("warning[xref-map]").count(),
        1,
        "{}",
        built.stderr
    );
    assert!(
        built
            .stderr
            .contains("90 cross references that resolve nowhere"),
        "{}",
        built.stderr
    );
    assert!(!built.stderr.contains("error[xref-not-found]"));
    assert!(
        fresh.exists("out/zh-tw/docs/python/index.html") || fresh.exists("out/zh-tw/index.html")
    );
}

/// What a reader of the Visual Studio translations sees in Chromium: the tab headings that
/// carry an `<a name>` are tabs, `#tab/…` links open them, API references are links to
/// the .NET documentation (screenshots in `target/screenshots/`).
#[test]
fn vs2021_tabs_and_api_references_in_chromium() {
    let Some(browser) = crate::browser::browser() else {
        return;
    };
    let server = vs2021_map_server();
    let Some(site) = vs2021_naming_map(&server.url("/en-us/dotnet/.xrefmap.json")) else {
        return;
    };
    let built = rosetta_with_env(site.path(), &["build", ".", "--no-search"], &[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let pages = crate::browser::serve(site.path().join("public"));
    let tab = browser.tab();
    tab.resize(1280, 900);
    let shots = crate::harness::project_root().join("target/screenshots");
    let shown = "Array.from(document.querySelectorAll('[data-tab-group]')).map(g => Array.from(g.querySelectorAll(':scope > section[role=tabpanel]')).filter(p => !p.hidden).map(p => p.dataset.tab).join()).join('|')";
    for locale in ["zh-tw", "es-es", "pl-pl"] {
        let url = pages.url(&format!(
            "{locale}/docs/get-started/tutorial-open-project-from-repo-visual-studio-2019.html"
        ));
        tab.navigate(&url);
        assert_eq!(tab.eval_string(shown), "vs168later|vs168later", "{locale}");
        assert_eq!(
            tab.eval("document.querySelectorAll('.tab-list:not([hidden]) [role=tab]').length"),
            serde_json::json!(4),
            "{locale}"
        );
        if locale == "zh-tw" {
            tab.screenshot(&shots.join("vs2021-zh-tw-tabs.png"), false);
        }
        tab.navigate(&format!("{url}#tab/vs167earlier"));
        tab.wait_for("document.readyState === 'complete'");
        assert_eq!(
            tab.eval_string(shown),
            "vs167earlier|vs167earlier",
            "{locale}"
        );
        if locale == "zh-tw" {
            tab.screenshot(&shots.join("vs2021-zh-tw-tab-link.png"), false);
        }
        tab.navigate(&pages.url(&format!(
            "{locale}/docs/get-started/visual-basic/tutorial-console.html"
        )));
        let links = tab.eval_string(
            "Array.from(document.querySelectorAll('article a.xref')).map(a => a.textContent + ' ' + a.getAttribute('href')).join('\\n')",
        );
        assert!(
            links.contains(
                "WriteLine https://learn.microsoft.com/dotnet/api/system.console.writeline"
            ),
            "{locale}: {links}"
        );
        assert!(
            !tab.eval_string("document.querySelector('article').textContent")
                .contains("xref:"),
            "{locale}"
        );
        if locale == "zh-tw" {
            tab.eval("document.querySelector('article a.xref').scrollIntoView({block: 'center'})");
            tab.screenshot(&shots.join("vs2021-zh-tw-api-links.png"), false);
        }
    }
}
