#!/usr/bin/env python3
"""Times `rosetta serve` at scale: a generated site of several locales with many findings
(bench/gen `--locales` and `--broken`). Measures how long the server takes to be ready
(from its start to `serving at`, the first build's findings read as they are printed)
against `rosetta build --no-search` of the same site, both into an empty folder (paired
runs, taking turns) and over the build's previous output; the time from a one-page edit
saved to the reload message on a tab's WebSocket; and what the terminal prints after a
rebuild (only the findings that appeared, a count of those that went away, the summary).

Usage: serve_scale.py ROSETTA GEN WORK_DIR [N] [LOCALES] [BROKEN] [EDITS] [ROUNDS]
  defaults: N=5000 articles per locale, LOCALES=zh-tw,es-es,pl-pl, BROKEN=3.3 broken
  links per article (about 50,000 findings at N=5000), EDITS=20, ROUNDS=3.
Writes WORK_DIR/serve-scale-N.json (read by report.py) and prints a summary on stderr.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from serve import Server, Tab, save, say


def build_seconds(rosetta, site, out):
    """Wall time of `rosetta build --no-search` into `out` (its findings read from a pipe,
    as the server's are)."""
    t0 = time.perf_counter()
    subprocess.run(
        [rosetta, "build", str(site), "--out", str(out), "--no-search"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    return time.perf_counter() - t0


def edit(server, page_url, source, text):
    """Saves `text` to `source`; the seconds to the reload message and the lines the
    rebuild printed (the summary last)."""
    tab = Tab(server.port, page_url)
    start = server.mark()
    t0 = time.perf_counter()
    save(source, text)
    tab.wait_reload()
    took = time.perf_counter() - t0
    tab.close()
    server.wait_for("rebuilt ", start)
    with server.lock:
        lines = list(server.lines[start:])
    end = next(i for i, line in enumerate(lines) if "rebuilt " in line)
    return took, lines[: end + 1]


def main():
    rosetta, gen, work = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
    locales = sys.argv[5] if len(sys.argv) > 5 else "zh-tw,es-es,pl-pl"
    broken = sys.argv[6] if len(sys.argv) > 6 else "3.3"
    edits = int(sys.argv[7]) if len(sys.argv) > 7 else 20
    rounds = int(sys.argv[8]) if len(sys.argv) > 8 else 3
    work.mkdir(parents=True, exist_ok=True)
    site = work / f"serve-scale-site-{n}"
    say(f"generating {locales} at N={n} with {broken} broken links per article")
    subprocess.run(
        [gen, "site", str(site), "--locales", locales, "--articles", str(n), "--broken", broken],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    out = work / f"serve-scale-out-{n}"
    first = locales.split(",")[1 if "," in locales else 0]
    docs = site / "content" / first / "docs"
    articles = sorted(p for p in docs.rglob("*.md") if "includes" not in p.parts and p.name != "TOC.md")
    page = articles[len(articles) // 2]
    page_url = f"{first}/docs/" + page.relative_to(docs).with_suffix(".html").as_posix()
    original = page.read_text(encoding="utf-8")
    result = {"n": n, "locales": locales, "broken": broken, "edits": edits, "rounds": rounds}

    # Into an empty folder, as the server writes: a build and a server in turn, each into
    # a folder of its own, and nothing removed until all have run (a file system may
    # create files slowly just after many were removed, which would fall on one side).
    fresh, readies, servers, findings = [], [], [], None
    say(f"{rounds} rounds of build --no-search into an empty folder and serve, taking turns")
    outs = [out.with_name(f"{out.name}-fresh-{r}") for r in range(rounds)]
    for folder in outs:
        shutil.rmtree(folder, ignore_errors=True)
    try:
        for round in range(rounds):
            fresh.append(build_seconds(rosetta, site, outs[round]))
            servers.append(Server(rosetta, site))
            readies.append(servers[-1].ready)
            summary = servers[-1].wait_for("built ", 0)
            findings = int(re.search(r": (\d+) errors", summary).group(1))
    finally:
        server = servers.pop() if servers else None
        for other in servers:
            other.stop()
    result["build_fresh"] = fresh
    result["ready"] = readies
    result["findings"] = findings
    if server is None:
        raise SystemExit("the server did not start")

    try:
        say(f"{edits} one-page edits")
        reloads, printed = [], []
        for i in range(edits):
            took, lines = edit(server, page_url, page, original + f"\nEdición número {i}.\n")
            reloads.append(took)
            printed.append(len(lines))
            time.sleep(0.2)
        result["page_to_reload"] = reloads
        result["page_lines_printed"] = printed
        result["page_summary"] = lines[-1]

        say("an edit that adds a broken link, then one that removes it")
        broken_link = "\n[Enlace roto](no-such-page-anywhere.md)\n"
        took, added = edit(server, page_url, page, original + broken_link)
        time.sleep(0.2)
        took2, removed = edit(server, page_url, page, original)
        result["added_lines"] = added
        result["removed_lines"] = removed
        result["rss_kib"] = server.rss_kib()
        result["peak_kib"] = server.rss_kib("VmHWM")
    finally:
        save(page, original)
        server.stop()
        for folder in outs:
            shutil.rmtree(folder, ignore_errors=True)

    # Over its own previous output (files whose bytes did not change are linked from it,
    # so it creates no files): the build of a writer who builds again.
    say(f"{rounds} builds --no-search over the previous output")
    build_seconds(rosetta, site, out)
    over = [build_seconds(rosetta, site, out) for _ in range(rounds)]
    result["build_over"] = over

    (work / f"serve-scale-{n}.json").write_text(json.dumps(result, indent=1))
    med = statistics.median
    to_fresh = med([r / b for r, b in zip(readies, fresh)])
    to_over = med(readies) / med(over)
    say(
        f"{findings} findings; ready {med(readies):.2f} s against build --no-search "
        f"{med(fresh):.2f} s into an empty folder (ratio {to_fresh:.2f}, paired) and "
        f"{med(over):.2f} s over its output (ratio of medians {to_over:.2f}); one-page edit to reload "
        f"{med(reloads) * 1000:.0f} ms (median of {edits}), {max(printed)} lines printed at most; "
        f"a broken link added printed {len(added)} lines, removed {len(removed)}"
    )


if __name__ == "__main__":
    main()
