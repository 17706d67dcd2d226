#!/usr/bin/env python3
"""Turns the measurements of bench/run into bench/RESULTS.md (printed on stdout).

Usage: report.py WORK_DIR "1000 5000"
       report.py --serve-section WORK_DIR N   (only the `rosetta serve` section, from
                                               serve.py's WORK_DIR/serve-N.json)
       report.py --scale-section WORK_DIR     (only the section of bench/scale)
       report.py --serve-scale-section WORK_DIR N   (only `rosetta serve` at scale, from
                                               serve_scale.py's WORK_DIR/serve-scale-N.json)
"""

import json
import statistics
import sys
from pathlib import Path

bench = Path(__file__).resolve().parent


def serve_section(work, n):
    """The `rosetta serve` section: edit to reload message, against the page built alone,
    and memory over a long run (serve.py)."""
    path = work / f"serve-{n}.json"
    if not path.exists():
        return []
    r = json.loads(path.read_text())
    med = statistics.median
    lines = []
    w = lines.append
    w("## rosetta serve")
    w("")
    w(f"`bench/serve.py` on the generated site at N = {n} per locale (`--no-search`): a tab's "
      "WebSocket is open on the page; the time is from the edit saved (a temporary file "
      "renamed over the page, as editors save) to the reload message on the socket, so it "
      "includes the file watcher's debounce. The rebuild time is the server's own figure "
      "(from the batch of changes to the tabs told). The page alone is `rosetta build "
      "--no-search` of a site holding only that page (with its includes and images): the "
      "whole process, and its analyse and render stages; it is built after each one-page "
      "edit, so that the two are timed under the same load.")
    w("")
    w(f"| measure ({r['edits']} edits each) | median ms | min – max ms |")
    w("|---|---|---|")

    def ms_row(name, values):
        values = [v for v in values if v is not None]
        w(f"| {name} | {med(values)*1000:.0f} | {min(values)*1000:.0f} – {max(values)*1000:.0f} |")

    ms_row("one-page edit → reload message", r["page_to_reload"])
    ms_row("one-page edit: rebuild in the server", r["page_rebuild"])
    ms_row(f"include used by {r['includers']} pages → reload message", r["include_to_reload"])
    ms_row(f"include used by {r['includers']} pages: rebuild in the server", r["include_rebuild"])
    ms_row("the page alone: `rosetta build` process", r["alone_wall"])
    ms_row("the page alone: analyse + render stages", r["alone_analyse_render"])
    w("")
    samples = r["memory_rss_kib"]
    w(f"Resident memory of the server over {samples[-1][0]} one-page edits (MiB, after every "
      f"{samples[0][0]}): " + ", ".join(f"{kib/1024:.0f}" for _, kib in samples)
      + f"; peak (VmHWM) {r['memory_peak_kib']/1024:.0f} MiB.")
    w("")
    w("| target | measured | limit | holds |")
    w("|---|---|---|---|")
    page = med(r["page_to_reload"]) * 1000
    alone = med(r["alone_wall"]) * 1000
    inc = med(r["include_to_reload"]) * 1000
    first, last = samples[0][1] / 1024, samples[-1][1] / 1024

    def target(name, value, limit, holds):
        w(f"| {name} | {value} | {limit} | {'yes' if holds else '**no**'} |")

    target("one-page edit → reload (ms)", f"{page:.0f}", "≤ 100", page <= 100)
    target("one-page edit → reload / the page built alone", f"{page/alone:.2f}", "≤ 2", page <= 2 * alone)
    target(f"include of {r['includers']} pages → reload (ms)", f"{inc:.0f}", "≤ 300", inc <= 300)
    target("memory after the last edits vs the first (MiB)", f"{first:.0f} → {last:.0f}",
           "no growth (≤ +10%)", last <= first * 1.1)
    w("")
    return lines


def read_scale(path):
    """Runs of bench/scale: {(site, command): (pages, [seconds], [peak MiB])}."""
    runs = {}
    if not path.exists():
        return runs
    for line in path.read_text().splitlines()[1:]:
        site, pages, command, seconds, kib = line.split("\t")
        entry = runs.setdefault((site, command), (int(pages), [], []))
        entry[1].append(float(seconds))
        entry[2].append(int(kib) / 1024)
    return runs


def scale_section(work):
    """Search per locale against the Pagefind CLI, and the five-locale site (bench/scale)."""
    per_locale = read_scale(work / "scale.tsv")
    five = read_scale(work / "scale-five.tsv")
    if not per_locale and not five:
        return []
    med = statistics.median
    lines = []
    w = lines.append
    w("## Search per locale and the five-locale site")
    w("")
    runs = len(next(iter(per_locale.values()))[1]) if per_locale else 0
    w("`bench/scale`: a generated site of one locale at a time, built with and without search, "
      "and the Pagefind CLI (`pagefind_extended`) indexing the `--no-search` output; then the "
      "five-locale site, whole and each locale alone (its folder only). Every command writes "
      f"over its own previous output; {runs} runs per command, taken in turns; time is the "
      "median wall time, memory the largest peak resident memory of the runs. The search "
      "stage's time is what search adds to a build (build − build --no-search); its memory is "
      "compared as the whole build's peak, analyse and render included.")
    w("")
    if per_locale:
        w("| locale | pages | build --no-search s | build s | search stage s | Pagefind CLI s "
          "| time vs CLI | build peak MiB | Pagefind CLI peak MiB | memory vs CLI |")
        w("|---|---|---|---|---|---|---|---|---|---|")
        rows = []
        for locale in dict.fromkeys(site for site, _ in per_locale):
            pages, ns, ns_mib = per_locale[(locale, "build --no-search")]
            _, full, full_mib = per_locale[(locale, "build")]
            _, cli, cli_mib = per_locale[(locale, "pagefind CLI")]
            stage = med(full) - med(ns)
            t, m = stage / med(cli), max(full_mib) / max(cli_mib)
            rows.append((locale, t, m))
            w(f"| {locale} | {pages} | {med(ns):.2f} | {med(full):.2f} | {stage:.2f} | "
              f"{med(cli):.2f} | {t:.2f} | {max(full_mib):.0f} | {max(cli_mib):.0f} | {m:.2f} |")
        w("")
    if five:
        w("| site | pages | command | median s | peak MiB |")
        w("|---|---|---|---|---|")
        for (site, command), (pages, secs, mib) in five.items():
            w(f"| {site} | {pages} | {command} | {med(secs):.1f} | {max(mib):.0f} |")
        w("")
    w("| target | measured | limit | holds |")
    w("|---|---|---|---|")

    def target(name, value, limit, holds):
        w(f"| {name} | {value} | {limit} | {'yes' if holds else '**no**'} |")

    for locale, t, m in rows if per_locale else []:
        tl, ml = (0.7, 0.5) if locale == "zh-tw" else (1.0, 1.0)
        target(f"{locale}: search stage time / Pagefind CLI time", f"{t:.2f}", f"≤ {tl}", t <= tl)
        target(f"{locale}: build peak memory / Pagefind CLI peak memory", f"{m:.2f}", f"≤ {ml}",
               m <= ml)
    if five:
        whole = max(five[("five locales", "build")][2])
        alone = {site: max(mib) for (site, command), (_, _, mib) in five.items()
                 if site.endswith(" alone")}
        largest = max(alone, key=alone.get)
        target("five locales: build peak (MiB)", f"{whole:.0f}", "< 2560", whole < 2560)
        r = whole / alone[largest]
        target(f"five locales: build peak / the largest locale alone ({largest})", f"{r:.2f}",
               "≤ 1.5", r <= 1.5)
    w("")
    return lines


def serve_scale_section(work, n):
    """`rosetta serve` at scale (serve_scale.py): ready against `build --no-search`, a
    one-page edit to the reload message, and what a rebuild prints."""
    path = work / f"serve-scale-{n}.json"
    if not path.exists():
        return []
    r = json.loads(path.read_text())
    med = statistics.median
    lines = []
    w = lines.append
    locales = r["locales"].split(",")
    w("## rosetta serve at scale")
    w("")
    w(f"`bench/serve_scale.py` on a generated site of {len(locales)} locales "
      f"({', '.join(locales)}) of {n} articles each, with {r['broken']} broken links per "
      f"article on average (`rosetta-bench-gen site --locales … --broken {r['broken']}`): "
      f"{r['findings']:,} findings, `--no-search`. Ready is from the server's start to its "
      "`serving at` line, its first build's findings read as they are printed (as a "
      "terminal would); `build --no-search` reads its findings from a pipe too. Into an "
      "empty folder: a build and a server in turn, each into a folder of its own, "
      f"{r['rounds']} rounds (the ratio is the median of the rounds' ratios); over its "
      "output: the build of a writer who builds again (files whose bytes did not change "
      "are linked from the previous output), timed after the servers.")
    w("")
    w("| measure | median | min – max |")
    w("|---|---|---|")

    def row(name, values, unit="s", scale=1):
        w(f"| {name} | {med(values)*scale:.2f} {unit} | {min(values)*scale:.2f} – "
          f"{max(values)*scale:.2f} {unit} |")

    row("`rosetta serve` ready", r["ready"])
    row("`build --no-search` into an empty folder", r["build_fresh"])
    row("`build --no-search` over its output", r["build_over"])
    row(f"one-page edit → reload message ({r['edits']} edits)", r["page_to_reload"], "ms", 1000)
    w("")
    to_fresh = med([a / b for a, b in zip(r["ready"], r["build_fresh"])])
    to_over = med(r["ready"]) / med(r["build_over"])
    reload = med(r["page_to_reload"]) * 1000
    printed = max(r["page_lines_printed"])
    w("What the terminal shows after a one-page edit that changes no finding, after one "
      "that adds a broken link, and after the one that removes it again:")
    w("")
    w("```")
    w(r["page_summary"])
    lines.extend(r["added_lines"])
    lines.extend(r["removed_lines"])
    w("```")
    w("")
    w("| target | measured | limit | holds |")
    w("|---|---|---|---|")

    def target(name, value, limit, holds):
        w(f"| {name} | {value} | {limit} | {'yes' if holds else '**no**'} |")

    target("ready / build --no-search into an empty folder (paired)", f"{to_fresh:.2f}", "≤ 1.5",
           to_fresh <= 1.5)
    target("ready / build --no-search over its output (medians)", f"{to_over:.2f}", "≤ 1.5",
           to_over <= 1.5)
    target("one-page edit → reload (ms, median)", f"{reload:.0f}", "≤ 100", reload <= 100)
    target("lines a one-page rebuild prints (most)", printed, "the summary only (1)", printed == 1)
    appeared = sum(1 for line in r["added_lines"] if line.startswith(("error[", "warning[")))
    target("findings a rebuild that adds one prints", appeared, "1", appeared == 1)
    w("")
    return lines


if len(sys.argv) > 1 and sys.argv[1] == "--scale-section":
    print("\n".join(scale_section(Path(sys.argv[2]))))
    sys.exit(0)

if len(sys.argv) > 1 and sys.argv[1] == "--serve-section":
    print("\n".join(serve_section(Path(sys.argv[2]), int(sys.argv[3]))))
    sys.exit(0)

if len(sys.argv) > 1 and sys.argv[1] == "--serve-scale-section":
    print("\n".join(serve_scale_section(Path(sys.argv[2]), int(sys.argv[3]))))
    sys.exit(0)

work = Path(sys.argv[1])
sizes = [int(n) for n in sys.argv[2].split()]


def read_machine():
    info = {}
    for line in (work / "machine.txt").read_text().splitlines():
        key, _, value = line.partition("=")
        info[key] = value
    return info


def read_times(n):
    """Every timed run of each command, over all rounds (times-N-ROUND.json)."""
    runs = {}
    for path in sorted(work.glob(f"times-{n}-*.json")):
        for r in json.loads(path.read_text())["results"]:
            runs.setdefault(r["command"], []).extend(r["times"])
    return {
        name: {
            "times": t,
            "median": statistics.median(t),
            "min": min(t),
            "max": max(t),
            "stddev": statistics.stdev(t) if len(t) > 1 else 0.0,
        }
        for name, t in runs.items()
    }


def read_rss(n):
    rss = {}
    for line in (work / f"rss-{n}.tsv").read_text().splitlines():
        name, _, kib = line.partition("\t")
        try:
            rss.setdefault(name, []).append(int(kib))
        except ValueError:
            pass
    return {name: max(values) / 1024 for name, values in rss.items()}


def fmt_s(x):
    return f"{x:.3f}"


machine = read_machine()
times = {n: read_times(n) for n in sizes}
rss = {n: read_rss(n) for n in sizes}
commands = list(next(iter(times.values())).keys())

out = []
w = out.append
w("# Benchmark results")
w("")
rounds = len(list(work.glob(f"times-{sizes[0]}-*.json")))
w("Generated by `bench/run` (see bench/README.md). Each figure is over "
  f"{len(next(iter(times.values()))[commands[0]]['times'])} timed runs after one warm-up run, "
  f"taken in {rounds} rounds in which the commands take turns; "
  "every command rebuilds over its own previous output.")
w("")
w("## Machine")
w("")
for key in ["cpus", "cpu", "memory", "kernel", "rosetta", "hugo", "pagefind", "hyperfine"]:
    w(f"- {key}: {machine.get(key, '?')}")
w("")
w("## Commands")
w("")
w("| name | command |")
w("|---|---|")
command_lines = dict(
    line.split("\t", 1) for line in (work / f"commands-{sizes[0]}.tsv").read_text().splitlines() if "\t" in line
)
for name in commands:
    cmd = command_lines.get(name, "").replace(str(work), "$WORK").replace(str(bench.parent), "$ROOT")
    w(f"| {name} | `{cmd}` |")
w("")
w("## Times and memory")
w("")
w("Wall time in seconds: median (min – max, standard deviation); peak resident memory of the "
  "largest process, MiB (the most of several runs under `/usr/bin/time -v`).")
w("")
w("| N per locale | command | median s | min – max s | σ s | peak MiB |")
w("|---|---|---|---|---|---|")
for n in sizes:
    for name in commands:
        r = times[n][name]
        w(f"| {n} | {name} | {fmt_s(r['median'])} | {fmt_s(r['min'])} – {fmt_s(r['max'])} | "
          f"{fmt_s(r['stddev'] or 0)} | {rss[n].get(name, float('nan')):.0f} |")
w("")


def med(n, name):
    return times[n][name]["median"]


w("## Targets")
w("")
w("| target | N | measured | limit | holds |")
w("|---|---|---|---|---|")


def row(target, n, value, limit, holds, fmt="{:.2f}"):
    w(f"| {target} | {n} | {fmt.format(value)} | {limit} | {'yes' if holds else '**no**'} |")


for n in sizes:
    r = med(n, "rosetta build --no-search") / med(n, "floor")
    row("build --no-search / floor", n, r, "≤ 1.5", r <= 1.5)
    r = med(n, "hugo") / med(n, "rosetta build --no-search")
    row("Hugo / build --no-search", n, r, "≥ 4", r >= 4)
    r = med(n, "rosetta check") / med(n, "floor")
    row("check / floor", n, r, "≤ 1.0", r <= 1.0)
    cost = med(n, "rosetta build") - med(n, "rosetta build --no-search")
    cli = med(n, "pagefind CLI")
    row("search cost in build (s) vs Pagefind CLI (s)", n, cost, f"≤ {cli:.3f}", cost <= cli, "{:.3f}")
    b, p = rss[n].get("rosetta build", 0), rss[n].get("pagefind CLI", 0)
    row("build peak MiB vs Pagefind CLI peak MiB", n, b, f"≤ {p:.0f}", b <= p, "{:.0f}")
if len(sizes) >= 2:
    lo, hi = min(sizes), max(sizes)
    factor = hi / lo
    limit = 5.5 * factor / 5
    for name in ["rosetta build --no-search", "rosetta check"]:
        r = med(hi, name) / med(lo, name)
        row(f"{name}: time at {hi} / time at {lo}", f"{lo}→{hi}", r, f"≤ {limit:.2f}", r <= limit)
    r = med(hi, "rosetta build") / med(lo, "rosetta build")
    p = med(hi, "pagefind CLI") / med(lo, "pagefind CLI")
    row(f"rosetta build scaling vs Pagefind CLI scaling", f"{lo}→{hi}", r, f"≤ {p:.2f}", r <= p)
    peak = rss[hi].get("rosetta build --no-search", 0)
    row("build --no-search peak MiB", hi, peak, "≤ 512", peak <= 512, "{:.0f}")
w("")
for n in sizes:
    out.extend(serve_section(work, n))
out.extend(serve_scale_section(work, 5000))
out.extend(scale_section(work))
w("## Generated site and the real corpus")
w("")
w("Per-article statistics (`rosetta-bench-gen stats`), so the generated shape can be compared "
  "with `shared/corpus/user-help`.")
w("")
for n in sizes:
    w(f"### Generated, N = {n}")
    w("")
    w((work / f"stats-{n}.md").read_text().strip())
    w("")
corpus = work / "stats-corpus.md"
if corpus.exists():
    w("### The real corpus (user-help, 113 articles per locale)")
    w("")
    w(corpus.read_text().strip())
    w("")
notes = bench / "profile.md"
if notes.exists():
    w(notes.read_text().strip())
    w("")
status = work / "status.md"
if status.exists():
    # `bench/status`'s last measurement of translation status.
    w(status.read_text().strip())
    w("")
print("\n".join(out))
