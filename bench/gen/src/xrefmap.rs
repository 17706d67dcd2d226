//! A large xref map shaped like Microsoft Learn's .NET API map (`.xrefmap.json`): one JSON
//! object with `references`, each a type or member of a made-up API (uid, name, href,
//! commentId, fullName, nameWithType), with the generic arity marks, parameter lists and
//! overload groups (`Method*`) that the real map has. Deterministic for a seed.

use crate::rng::Rng;
use std::io::Write;
use std::path::Path;

const ROOTS: &[&str] = &["System", "Microsoft", "Windows", "Azure"];
const AREAS: &[&str] = &[
    "Collections",
    "Net",
    "Data",
    "Text",
    "Threading",
    "Security",
    "Diagnostics",
    "IO",
    "Runtime",
    "Xml",
    "Drawing",
    "Globalization",
    "Reflection",
    "Resources",
    "Web",
    "Build",
    "VisualStudio",
    "Extensions",
    "Identity",
    "Storage",
    "Messaging",
    "Json",
];
const PARTS: &[&str] = &[
    "Generic",
    "Concurrent",
    "Http",
    "Headers",
    "Sockets",
    "Common",
    "SqlClient",
    "Encodings",
    "Tasks",
    "Channels",
    "Cryptography",
    "X509Certificates",
    "Tracing",
    "Compression",
    "Pipes",
    "InteropServices",
    "Serialization",
    "Schema",
    "Imaging",
    "Emit",
    "Editor",
    "Shell",
    "Hosting",
    "Logging",
    "Options",
    "Blobs",
    "Queues",
    "Primitives",
];
const NOUNS: &[&str] = &[
    "Buffer",
    "Channel",
    "Client",
    "Collection",
    "Context",
    "Converter",
    "Descriptor",
    "Dictionary",
    "Encoder",
    "Entry",
    "Factory",
    "Handler",
    "Header",
    "Info",
    "Item",
    "Listener",
    "Manager",
    "Message",
    "Node",
    "Options",
    "Parser",
    "Pipeline",
    "Provider",
    "Reader",
    "Reference",
    "Request",
    "Response",
    "Segment",
    "Serializer",
    "Service",
    "Session",
    "Stream",
    "Token",
    "Value",
    "Writer",
    "Builder",
    "Credential",
    "Policy",
];
const PREFIXES: &[&str] = &[
    "Async",
    "Binary",
    "Cached",
    "Default",
    "Dynamic",
    "Immutable",
    "Json",
    "Memory",
    "Network",
    "Pooled",
    "ReadOnly",
    "Secure",
    "Sorted",
    "String",
    "Text",
    "Typed",
];
const VERBS: &[&str] = &[
    "Add",
    "Append",
    "Begin",
    "Clear",
    "Close",
    "Copy",
    "Create",
    "Dispose",
    "End",
    "Flush",
    "Get",
    "Open",
    "Parse",
    "Read",
    "Remove",
    "Reset",
    "Resolve",
    "Set",
    "Start",
    "Stop",
    "TryAdd",
    "TryGetValue",
    "TryParse",
    "Validate",
    "Write",
    "Find",
    "Load",
];
const PARAMS: &[&str] = &[
    "System.String",
    "System.Int32",
    "System.Int64",
    "System.Boolean",
    "System.Object",
    "System.Byte[]",
    "System.Threading.CancellationToken",
    "System.IO.Stream",
    "System.ReadOnlySpan{System.Char}",
    "System.TimeSpan",
    "System.Double",
];

/// Writes a map of (about) `uids` entries to `out`; returns the number written.
pub fn generate(out: &Path, uids: usize, seed: u64) -> Result<usize, String> {
    let file = std::fs::File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut written = 0usize;
    let io = |e: std::io::Error| e.to_string();
    w.write_all(b"{\"references\":[").map_err(io)?;
    let mut t = 0u64;
    while written < uids {
        let mut rng = Rng::stream(seed, &[t]);
        t += 1;
        let namespace = format!(
            "{}.{}.{}",
            rng.choose(ROOTS),
            rng.choose(AREAS),
            rng.choose(PARTS)
        );
        let arity = if rng.chance(150) { rng.range(1, 2) } else { 0 };
        let type_name = format!("{}{}{t}", rng.choose(PREFIXES), rng.choose(NOUNS));
        let type_uid = if arity > 0 {
            format!("{namespace}.{type_name}`{arity}")
        } else {
            format!("{namespace}.{type_name}")
        };
        let generic = match arity {
            0 => String::new(),
            1 => "<T>".to_owned(),
            _ => "<TKey,TValue>".to_owned(),
        };
        let type_href = format!(
            "https://learn.microsoft.com/en-us/dotnet/api/{}",
            type_uid.to_lowercase().replace('`', "-")
        );
        let mut entries = vec![Spec {
            uid: type_uid.clone(),
            name: format!("{type_name}{generic}"),
            href: type_href.clone(),
            comment_id: format!("T:{type_uid}"),
            full_name: format!("{namespace}.{type_name}{generic}"),
            name_with_type: format!("{type_name}{generic}"),
        }];
        let members = rng.range(4, 24);
        for m in 0..members {
            let verb = rng.choose(VERBS);
            let overloads = if rng.chance(300) { rng.range(2, 4) } else { 1 };
            if overloads > 1 {
                entries.push(Spec {
                    uid: format!("{type_uid}.{verb}{m}*"),
                    name: format!("{verb}{m}"),
                    href: format!("{type_href}.{}{m}", verb.to_lowercase()),
                    comment_id: format!("Overload:{type_uid}.{verb}{m}"),
                    full_name: format!("{namespace}.{type_name}{generic}.{verb}{m}"),
                    name_with_type: format!("{type_name}{generic}.{verb}{m}"),
                });
            }
            for o in 0..overloads {
                let params: Vec<&str> = (0..rng.range(0, 3) + o)
                    .map(|_| rng.choose(PARAMS))
                    .collect();
                let short: Vec<&str> = params
                    .iter()
                    .map(|p| p.rsplit('.').next().unwrap_or(p))
                    .collect();
                let list = if params.is_empty() {
                    String::new()
                } else {
                    format!("({})", params.join(","))
                };
                let uid = format!("{type_uid}.{verb}{m}{list}");
                entries.push(Spec {
                    comment_id: format!("M:{uid}"),
                    href: format!("{type_href}.{}{m}", verb.to_lowercase()),
                    name: format!("{verb}{m}({})", short.join(", ")),
                    full_name: format!(
                        "{namespace}.{type_name}{generic}.{verb}{m}({})",
                        params.join(", ")
                    ),
                    name_with_type: format!("{type_name}{generic}.{verb}{m}({})", short.join(", ")),
                    uid,
                });
            }
        }
        for spec in entries {
            if written == uids {
                break;
            }
            if written > 0 {
                w.write_all(b",").map_err(io)?;
            }
            spec.write(&mut w).map_err(io)?;
            written += 1;
        }
    }
    w.write_all(b"]}\n").map_err(io)?;
    w.flush().map_err(io)?;
    Ok(written)
}

/// Beside a map written by [`generate`] (`dir/.xrefmap.json`): `dir/small.json`, a map of
/// only the entries a page uses, and `dir/refs.md`, a page with `refs` cross references to
/// uids spread over the map, a tenth of them written in another letter case, and ten that
/// no map has. Returns the number of references.
pub fn page(dir: &Path, refs: usize) -> Result<usize, String> {
    let map = dir.join(".xrefmap.json");
    let text = std::fs::read_to_string(&map).map_err(|e| format!("{}: {e}", map.display()))?;
    let entries: Vec<&str> = text
        .trim_end()
        .trim_start_matches("{\"references\":[")
        .trim_end_matches("]}")
        .split("},{")
        .collect();
    let step = (entries.len() / refs.max(1)).max(1);
    let chosen: Vec<&str> = entries.iter().step_by(step).take(refs).copied().collect();
    let mut small = String::from("{\"references\":[");
    let mut md = String::from("---\ntitle: References\n---\n# References\n\n");
    for (i, entry) in chosen.iter().enumerate() {
        let body = entry.trim_start_matches('{').trim_end_matches('}');
        if i > 0 {
            small.push(',');
        }
        small.push('{');
        small.push_str(body);
        small.push('}');
        let uid = body
            .trim_start_matches("\"uid\":\"")
            .split('"')
            .next()
            .unwrap_or("");
        let written = if i % 10 == 9 {
            uid.to_uppercase()
        } else {
            uid.to_owned()
        };
        md.push_str(&format!("- <xref:{written}>\n"));
    }
    for i in 0..10 {
        md.push_str(&format!("- <xref:Nowhere.Missing{i}>\n"));
    }
    small.push_str("]}\n");
    for (name, content) in [("small.json", small), ("refs.md", md)] {
        std::fs::write(dir.join(name), content).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(chosen.len() + 10)
}

struct Spec {
    uid: String,
    name: String,
    href: String,
    comment_id: String,
    full_name: String,
    name_with_type: String,
}

impl Spec {
    fn write(&self, w: &mut impl Write) -> std::io::Result<()> {
        // JSON strings: the names hold no quote, backslash or control character, but `<`
        // and `>`, which .NET's writer escapes (as the real map does).
        let esc = |s: &str| s.replace('<', "\\u003C").replace('>', "\\u003E");
        write!(
            w,
            "{{\"uid\":\"{}\",\"name\":\"{}\",\"href\":\"{}\",\"commentId\":\"{}\",\"fullName\":\"{}\",\"nameWithType\":\"{}\"}}",
            self.uid,
            esc(&self.name),
            self.href,
            self.comment_id,
            esc(&self.full_name),
            esc(&self.name_with_type)
        )
    }
}
