#!/usr/bin/env python3
"""Times `rosetta serve` on a generated site: from an edit saved to the reload message on a
tab's WebSocket, for a one-page edit and for an include used by 100 pages; the same page
built alone, for comparison; and the server's memory over a long run of edits.

Usage: serve.py ROSETTA GEN WORK_DIR N [EDITS] [LONG_EDITS]
Writes WORK_DIR/serve-N.json (read by report.py) and prints a summary on stderr.
"""

import base64
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

INCLUDERS = 100


def say(message):
    print(f"serve bench: {message}", file=sys.stderr, flush=True)


def save(path, text):
    """Saves as editors do: a temporary file renamed over the old one."""
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


class Server:
    def __init__(self, rosetta, site):
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [rosetta, "serve", str(site), "--port", "0", "--no-search"],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "NO_COLOR": "1"},
        )
        self.lines = []
        self.lock = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for("serving at ", 0, timeout=600)
        self.ready = time.perf_counter() - self.started
        self.port = int(re.search(r":(\d+)/", line).group(1))

    def _read(self):
        # In large reads: a first build may print 100,000s of lines, and a slow reader
        # would hold the server back.
        fd, rest = self.proc.stderr.fileno(), b""
        while chunk := os.read(fd, 1 << 20):
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            with self.lock:
                self.lines.extend(l.decode("utf-8", "replace") for l in lines)
                self.lock.notify_all()

    def mark(self):
        with self.lock:
            return len(self.lines)

    def wait_for(self, text, start, timeout=60):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                # Each line is looked at once: a first build may print 100,000s of lines.
                for line in self.lines[start:]:
                    if text in line:
                        return line
                start = len(self.lines)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SystemExit(f"no `{text}` from the server:\n" + "\n".join(self.lines[-20:]))
                self.lock.wait(left)

    def rss_kib(self, field="VmRSS"):
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(rf"{field}:\s+(\d+)", status).group(1))

    def stop(self):
        self.proc.send_signal(2)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Tab:
    """What a browser tab does: gets the page, then listens on the live-reload socket."""

    def __init__(self, port, page):
        html = urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}").read().decode()
        version = re.search(r'data-version="([0-9a-f]+)"', html).group(1)
        self.sock = socket.create_connection(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET /__rosetta/live?page={page}&version={version} HTTP/1.1\r\n"
                f"Host: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self.sock.recv(4096)
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        assert b" 101 " in head.split(b"\r\n")[0], head
        first = self.message()
        assert first["type"] == "findings", first

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def message(self):
        while True:
            b0, b1 = self._read(2)
            length = b1 & 0x7F
            if length == 126:
                length = int.from_bytes(self._read(2), "big")
            elif length == 127:
                length = int.from_bytes(self._read(8), "big")
            payload = self._read(length)
            if b0 & 0x0F == 1:
                return json.loads(payload)
            if b0 & 0x0F == 8:
                raise EOFError

    def wait_reload(self):
        while self.message()["type"] != "reload":
            pass

    def close(self):
        self.sock.close()


def rebuild_seconds(line):
    m = re.search(r" in (\d+) ms", line)
    return int(m.group(1)) / 1000 if m else None


def timed_edits(server, page_url, source, count, change, between=None):
    """Edits `source` `count` times; each time, the seconds from the save to the reload
    message, and the rebuild's own time as the server prints it. `between` runs after
    each edit."""
    to_reload, rebuild = [], []
    for i in range(count):
        tab = Tab(server.port, page_url)
        text = source.read_text(encoding="utf-8")
        start = server.mark()
        t0 = time.perf_counter()
        save(source, change(text, i))
        tab.wait_reload()
        to_reload.append(time.perf_counter() - t0)
        tab.close()
        line = server.wait_for("rebuilt ", start)
        rebuild.append(rebuild_seconds(line))
        time.sleep(0.2)
        if between:
            between()
            time.sleep(0.2)
    return to_reload, rebuild


def main():
    rosetta, gen, work, n = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    edits = int(sys.argv[5]) if len(sys.argv) > 5 else 20
    long_edits = int(sys.argv[6]) if len(sys.argv) > 6 else 1000
    site = work / f"serve-site-{n}"
    say(f"generating N={n}")
    subprocess.run([gen, "site", str(site), "--articles", str(n)], check=True, stderr=subprocess.DEVNULL)
    docs = site / "content/es-es/docs"
    articles = sorted(p for p in docs.rglob("*.md") if "includes" not in p.parts and p.name != "TOC.md")
    # One include that 100 pages use.
    shared = docs / "includes/bench-shared.md"
    shared.write_text("Texto compartido por cien páginas.\n", encoding="utf-8")
    includers = articles[:INCLUDERS]
    # In both locales, so that the translations stay alike (no findings to print).
    for locale in ("es-es", "zh-tw"):
        other = site / "content" / locale / "docs"
        (other / "includes/bench-shared.md").write_text("Texto compartido por cien páginas.\n", encoding="utf-8")
        for page in includers:
            twin = other / page.relative_to(docs)
            rel = os.path.relpath(shared, page.parent)
            twin.write_text(twin.read_text(encoding="utf-8") + f"\n[!INCLUDE[compartido]({rel})]\n", encoding="utf-8")
    page = articles[len(articles) // 2]
    page_url = "es-es/docs/" + page.relative_to(docs).with_suffix(".html").as_posix()
    includer_url = "es-es/docs/" + includers[0].relative_to(docs).with_suffix(".html").as_posix()

    # The same page built alone, as a site of its own (with the includes and images it
    # uses): built after each one-page edit, so that both are timed under the same load.
    alone = work / f"serve-alone-{n}"
    shutil.rmtree(alone, ignore_errors=True)
    target = alone / "content/es-es/docs" / page.relative_to(docs)
    target.parent.mkdir(parents=True)
    shutil.copy(page, target)
    for folder in ("includes", "media"):
        shutil.copytree(docs / folder, alone / "content/es-es/docs" / folder)
    shutil.copy(docs / "docfx.json", alone / "content/es-es/docs/docfx.json")
    walls, stages = [], []

    def build_alone():
        t0 = time.perf_counter()
        run = subprocess.run(
            [rosetta, "build", str(alone), "--out", str(work / f"serve-alone-out-{n}"), "--no-search", "-v"],
            capture_output=True,
            text=True,
            check=True,
        )
        walls.append(time.perf_counter() - t0)
        times = dict(
            (name, int(ms)) for name, ms in re.findall(r"(\w+) (\d+) ms", run.stderr)
        )
        stages.append((times.get("analyse", 0) + times.get("render", 0)) / 1000)

    say("starting the server")
    server = Server(rosetta, site)
    result = {"n": n, "edits": edits, "includers": INCLUDERS}
    try:
        say(f"{edits} one-page edits")
        reload, rebuild = timed_edits(
            server, page_url, page, edits, lambda t, i: t + f"\nEdición número {i}.\n", build_alone
        )
        result["page_to_reload"] = reload
        result["page_rebuild"] = rebuild
        say(f"{edits} edits of an include used by {INCLUDERS} pages")
        reload, rebuild = timed_edits(
            server, includer_url, shared, edits, lambda t, i: f"Texto compartido, versión {i}.\n"
        )
        result["include_to_reload"] = reload
        result["include_rebuild"] = rebuild

        say(f"{long_edits} edits for memory")
        samples = []
        original = page.read_text(encoding="utf-8")
        for i in range(long_edits):
            start = server.mark()
            save(page, original + f"\nVuelta {i}.\n")
            server.wait_for("rebuilt ", start)
            if (i + 1) % (long_edits // 10 or 1) == 0:
                samples.append([i + 1, server.rss_kib()])
        result["memory_rss_kib"] = samples
        result["memory_peak_kib"] = server.rss_kib("VmHWM")
    finally:
        server.stop()

    result["alone_wall"] = walls
    result["alone_analyse_render"] = stages
    (work / f"serve-{n}.json").write_text(json.dumps(result, indent=1))
    med = statistics.median
    say(
        f"one page: {med(result['page_to_reload'])*1000:.0f} ms to reload "
        f"(rebuild {med(result['page_rebuild'])*1000:.0f} ms); include of {INCLUDERS}: "
        f"{med(result['include_to_reload'])*1000:.0f} ms; page alone: {med(walls)*1000:.0f} ms "
        f"(analyse+render {med(stages)*1000:.0f} ms); RSS {samples[0][1]//1024}→{samples[-1][1]//1024} MiB"
    )


if __name__ == "__main__":
    main()
