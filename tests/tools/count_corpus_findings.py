#!/usr/bin/env python3
"""Counts the link findings of a rosetta site on its own, to check rosetta's numbers.

It shares no code with rosetta: the Markdown is parsed with markdown-it-py (a CommonMark
parser), raw HTML with Python's html.parser, and paths are resolved against the files on
disk. Links inside HTML comments, code spans and code blocks do not count, because the
parsers never see them as links.

Usage: count_corpus_findings.py SITE
Prints one JSON document:
  {"counts": {"missing-resource": {"es-es": 46, ...}, ...},
   "findings": [["missing-resource", "content/es-es/x.md", 12], ...]}

Codes counted: missing-resource, link-case, broken-link, link-backslash and broken-anchor
(fragments checked against `<a name>`/`<a id>`, `{#custom}` and heading slugs). Pages are
the `.md` files outside `includes/` folders and other than TOC files; include files are
read when a page (or an included file) includes them, and a finding in an include file is
counted once, at the include file. `TOC.md` files are read for their links too (resolved
from the TOC's folder); `toc.yml` files are not read.
"""

import html.parser
import json
import os
import re
import sys
import unicodedata
import urllib.parse

from markdown_it import MarkdownIt

INCLUDE_OPENER = "[!include"
RESOURCE_TAGS = {
    "img": "src", "video": "src", "audio": "src", "source": "src", "track": "src",
    "embed": "src", "iframe": "src", "script": "src", "object": "data", "link": "href",
}
LINK_TAGS = {"a": "href", "area": "href"}


class Tags(html.parser.HTMLParser):
    """Start tags of an HTML fragment with their attributes (comments are skipped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def html_tags(fragment):
    parser = Tags()
    parser.feed(fragment)
    parser.close()
    return parser.tags


def strip_front_matter(text):
    """The body and the number of lines before it."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return text, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "".join(lines[i + 1:]), i + 1
    return text, 0


class Locale:
    def __init__(self, site, name):
        self.name = name
        self.root = os.path.join(site, "content", name)
        self.files = set()
        self.folders = set()
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            rel_folder = os.path.relpath(folder, self.root).replace(os.sep, "/")
            if rel_folder != ".":
                self.folders.add(rel_folder)
            for f in files:
                if f.startswith("."):
                    continue
                rel = f if rel_folder == "." else rel_folder + "/" + f
                self.files.add(rel)
        self.folded = {}
        for p in sorted(self.files | self.folders):
            self.folded.setdefault(p.lower(), p)
        self.pages = sorted(
            p for p in self.files
            if p.lower().endswith(".md")
            and os.path.basename(p).lower() != "toc.md"
            and "includes" not in [part.lower() for part in p.split("/")[:-1]]
        )

    def lookup(self, path):
        """('found' | 'case' | 'missing', real path)."""
        if path in self.files or path in self.folders:
            return "found", path
        real = self.folded.get(path.lower())
        if real is not None:
            return "case", real
        return "missing", path


def normalize(base, ref):
    parts = []
    for part in (base.split("/") if base else []) + ref.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def unchecked(dest):
    if not dest or dest.startswith("/") or dest.startswith("~"):
        return True
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", dest) is not None


def slug(text, used):
    out = []
    for ch in text.lower():
        cat = unicodedata.category(ch)
        if cat[0] in "LN" or ch in "-_":
            out.append(ch)
        elif ch.isspace():
            out.append("-")
    base = "".join(out)
    candidate, n = base, 0
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class Refs:
    """What one file holds: references, include directives, anchors."""

    def __init__(self):
        self.refs = []  # (kind, dest, line)
        self.includes = []  # (path, line)
        self.anchors = []  # ids in order
        self.headings = []  # text of headings without explicit or custom id


def inline_refs(token, line, out, heading):
    """Walks the children of an inline token; `line` is the token's first line."""
    children = token.children or []
    explicit = None
    for i, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "text" and "\n" in child.content:
            line += child.content.count("\n")
        elif child.type == "link_open":
            before = children[i - 1].content if i > 0 and children[i - 1].type == "text" else ""
            if before.lower().endswith(INCLUDE_OPENER):
                out.includes.append((child.attrs.get("href", ""), line))
            else:
                out.refs.append(("link", child.attrs.get("href", ""), line))
        elif child.type == "image":
            out.refs.append(("resource", child.attrs.get("src", ""), line))
        elif child.type == "html_inline":
            for tag, attrs in html_tags(child.content):
                html_refs(tag, attrs, line, out)
                if tag == "a" and (attrs.get("name") or attrs.get("id")) and explicit is None:
                    explicit = attrs.get("id") or attrs.get("name")
    if heading is not None:
        text = "".join(c.content for c in children if c.type in ("text", "code_inline"))
        custom = re.search(r"\{#([^}\s]+)\}\s*$", text)
        if explicit is None and custom is None:
            heading.append(text.strip())
        elif custom is not None and explicit is None:
            out.anchors.append(custom.group(1))


def html_refs(tag, attrs, line, out):
    if tag == "a" and (attrs.get("name") or attrs.get("id")):
        out.anchors.append(attrs.get("id") or attrs.get("name"))
    elif attrs.get("id"):
        out.anchors.append(attrs["id"])
    if tag in RESOURCE_TAGS and attrs.get(RESOURCE_TAGS[tag]) is not None:
        out.refs.append(("resource", attrs[RESOURCE_TAGS[tag]], line))
    if tag in LINK_TAGS and attrs.get(LINK_TAGS[tag]) is not None:
        out.refs.append(("link", attrs[LINK_TAGS[tag]], line))


def file_refs(md, text):
    body, skipped = strip_front_matter(text)
    out = Refs()
    tokens = md.parse(body)
    in_heading = False
    for tok in tokens:
        if tok.type == "heading_open":
            in_heading = True
        elif tok.type == "heading_close":
            in_heading = False
        elif tok.type == "inline" and tok.map:
            headings = [] if in_heading else None
            inline_refs(tok, tok.map[0] + 1 + skipped, out, headings)
            if headings:
                out.headings.extend(headings)
        elif tok.type == "html_block" and tok.map:
            # One fragment for the whole block keeps comments that span lines intact; the
            # line of each tag is found by feeding the lines one by one to one parser.
            parser = Tags()
            first = tok.map[0] + 1 + skipped
            for n, line_text in enumerate(tok.content.splitlines(keepends=True)):
                before = len(parser.tags)
                parser.feed(line_text)
                for tag, attrs in parser.tags[before:]:
                    html_refs(tag, attrs, first + n, out)
            parser.close()
    return out


def main():
    site = sys.argv[1]
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    counts = {}
    findings = []

    def report(code, locale, file, line):
        counts.setdefault(code, {}).setdefault(locale, 0)
        counts[code][locale] += 1
        findings.append([code, f"content/{locale}/{file}", line])

    content = os.path.join(site, "content")
    for name in sorted(os.listdir(content)):
        if not os.path.isdir(os.path.join(content, name)) or name.startswith((".", "_")):
            continue
        loc = Locale(site, name)
        parsed = {}

        def parse(path):
            if path not in parsed:
                with open(os.path.join(loc.root, path), encoding="utf-8", errors="replace") as fh:
                    parsed[path] = file_refs(md, fh.read())
            return parsed[path]

        # Files to read: every page, then every include reached from one.
        queue = list(loc.pages)
        seen = set(queue)
        while queue:
            path = queue.pop(0)
            folder = path.rsplit("/", 1)[0] if "/" in path else ""
            for inc, _line in parse(path).includes:
                target = normalize(folder, urllib.parse.unquote(inc).replace("\\", "/"))
                if target is None:
                    continue
                state, real = loc.lookup(target)
                if state != "missing" and real not in seen and real.lower().endswith(".md"):
                    seen.add(real)
                    queue.append(real)

        # The ids of each page: its own anchors, then the anchors of the includes it pulls in.
        def ids_of(page):
            ids, used, stack, visited = set(), set(), [page], set()
            while stack:
                path = stack.pop()
                if path in visited:
                    continue
                visited.add(path)
                refs = parse(path)
                for a in refs.anchors:
                    if isinstance(a, tuple):
                        continue
                    ids.add(a)
                    used.add(a)
                folder = path.rsplit("/", 1)[0] if "/" in path else ""
                for inc, _ in refs.includes:
                    target = normalize(folder, urllib.parse.unquote(inc).replace("\\", "/"))
                    if target is not None:
                        state, real = loc.lookup(target)
                        if state != "missing":
                            stack.append(real)
            for text in parse(page).headings:
                s = slug(text, used)
                used.add(s)
                ids.add(s)
            return ids

        tocs = [p for p in loc.files if os.path.basename(p).lower() == "toc.md"]
        for path in sorted(seen | set(tocs)):
            folder = path.rsplit("/", 1)[0] if "/" in path else ""
            for kind, dest, line in parse(path).refs:
                dest = dest.strip()
                if unchecked(dest):
                    continue
                without_fragment, _, fragment = dest.partition("#")
                raw_path = without_fragment.split("?", 1)[0]
                fragment = urllib.parse.unquote(fragment) if "#" in dest else None
                if raw_path == "":
                    if fragment and path in loc.pages and fragment not in ids_of(path):
                        report("broken-anchor", name, path, line)
                    continue
                if "\\" in raw_path:
                    report("link-backslash", name, path, line)
                target = normalize(folder, urllib.parse.unquote(raw_path).replace("\\", "/"))
                missing = "missing-resource" if kind == "resource" else "broken-link"
                if target is None:
                    report("broken-link", name, path, line)
                    continue
                state, real = loc.lookup(target)
                if state == "missing":
                    report(missing, name, path, line)
                    continue
                if state == "case":
                    report("link-case", name, path, line)
                if real.lower().endswith(".md") and real not in loc.pages:
                    report(missing, name, path, line)
                elif fragment and real in loc.pages and fragment not in ids_of(real):
                    report("broken-anchor", name, path, line)

    findings.sort()
    json.dump({"counts": counts, "findings": findings}, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
