"""The bench's Markdown: every page against the bare view, the one-query view and itself on the demo data.

    .venv/bin/python bench/report.py var/bench/last-results-sqlite.json var/bench/last-results-postgresql.json

prints the two databases' runs side by side, as docs/benchmarks.md shows them.
"""

import json
import sys
from pathlib import Path

FLAT = 1.5  # a page at mature scale may cost this many times its cost on the demo data
BARE = 10  # … and this many bare views
SEARCH_P95_MS = 50
RSS_MB = 300


class Output:
    """Prints and keeps a copy in var/bench/."""

    def __init__(self, path: Path):
        self.path = path
        self.lines: list[str] = []

    def __call__(self, line: str = "") -> None:
        print(line)
        sys.stdout.flush()
        self.lines.append(line)
        self.path.write_text("\n".join(self.lines) + "\n")


def _ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def write(results: dict, out: Output) -> None:
    if results.get("matching"):
        matching(results["matching"], out)
    scales = results["scales"]
    names = list(scales)
    if not names:
        return
    clients = sorted({c for s in scales.values() for row in s["pages"].values() for c in row if c.isdigit()}, key=int)

    out("## Reference views (same run), ms\n")
    out(
        "| view | "
        + " | ".join(f"{s} p50 ({c} client{'s' if c != '1' else ''})" for s in names for c in clients)
        + " |"
    )
    out("|---|" + "---:|" * (len(names) * len(clients)))
    for label in ("bare view", "one-query view"):
        cells = [
            _ms(scales[s]["pages"][label][c]["p50"]) for s in names for c in clients if c in scales[s]["pages"][label]
        ]
        out(f"| {label} | " + " | ".join(cells) + " |")

    verdicts = Verdicts()
    for group, title in (("page", "Pages"), ("search", "Search and resolution"), ("api", "API (JSON unless said)")):
        labels = [label for label, row in scales[names[0]]["pages"].items() if row["group"] == group]
        if not labels:
            continue
        out(f"\n## {title}\n")
        head = ["page"]
        for s in names:
            head += [f"{s} p50", f"{s} p95", f"{s} ÷ bare"]
        if len(names) > 1:
            head.append(f"{names[-1]} ÷ {names[0]}")
        for c in clients[1:]:
            head += [f"{names[-1]} p50 / p95, {c} clients", f"req/s, {c} clients"]
        head += ["KB " + " → ".join(names), "queries " + " → ".join(names)]
        out("| " + " | ".join(head) + " |")
        out("|---|" + "---:|" * (len(head) - 1))
        for label in labels:
            cells = []
            for s in names:
                row = scales[s]["pages"][label]
                bare = scales[s]["pages"]["bare view"]["1"]["p50"]
                ratio = row["1"]["p50"] / bare
                cells += [_ms(row["1"]["p50"]), _ms(row["1"]["p95"]), f"{ratio:.1f}"]
                if group != "api":
                    verdicts.bare.setdefault(s, []).append((label, ratio))
            if len(names) > 1:
                growth = scales[names[-1]]["pages"][label]["1"]["p50"] / scales[names[0]]["pages"][label]["1"]["p50"]
                cells.append(f"{growth:.2f}")
                verdicts.growth.append((label, growth))
                sizes = [scales[s]["pages"][label]["bytes"] for s in (names[0], names[-1])]
                verdicts.html.append((label, *sizes))
            last = scales[names[-1]]["pages"][label]
            for c in clients[1:]:
                if c in last:
                    cells += [f"{_ms(last[c]['p50'])} / {_ms(last[c]['p95'])}", f"{last[c]['per_second']:.0f}"]
                else:
                    cells += ["", ""]
            cells.append(" → ".join(f"{scales[s]['pages'][label]['bytes'] / 1024:.0f}" for s in names))
            cells.append(" → ".join(str(scales[s]["pages"][label]["queries"]) for s in names))
            if group == "search" and label.startswith("search “"):
                verdicts.search.append((label, last["1"]["p95"]))
            out(f"| {label} | " + " | ".join(cells) + " |")

    exports = [label for label, row in scales[names[0]]["pages"].items() if row["group"] == "export"]
    if exports:
        out("\n## Exports (one client; they stream, so the first byte comes early)\n")
        head = ["export"]
        for s in names:
            head += [f"{s} first byte", f"{s} last byte", f"{s} MB"]
        out("| " + " | ".join(head) + " |")
        out("|---|" + "---:|" * (len(head) - 1))
        for label in exports:
            cells = []
            for s in names:
                row = scales[s]["pages"][label]
                cells += [_ms(row["1"]["first_byte_p50"]), _ms(row["1"]["p50"]), f"{row['bytes'] / 1e6:.2f}"]
            out(f"| {label} | " + " | ".join(cells) + " |")

    out("\n## Memory: each worker's resident size after serving every page, MB\n")
    for s in names:
        sizes = scales[s].get("worker_rss_mb") or []
        out(f"- {s}: " + ", ".join(f"{mb:.0f}" for mb in sizes))
        verdicts.rss[s] = max(sizes, default=0)

    out("\n## Against the targets\n")
    for line in verdicts.lines(names):
        out(line)


def matching(figures: dict, out: Output) -> None:
    """Every open need ranked against the offerable IP and the available experts, at each scale."""
    names = list(figures)
    out("## Matching: every open need ranked against the IP and expert pools (bench/matching.py)\n")
    out("| measure | " + " | ".join(names) + " |")
    out("|---|" + "---:|" * len(names))

    def row(label: str, fmt) -> None:
        out(f"| {label} | " + " | ".join(fmt(figures[s]) for s in names) + " |")

    row(
        "open needs × (offerable IP + available experts)",
        lambda f: f"{f['open_needs']:,} × ({f['ip_pool']:,} + {f['expert_pool']:,})",
    )
    row("pools and needs read once, s (queries)", lambda f: f"{f['load_seconds']:.2f} ({f['load_queries']})")
    row("candidates' profiles built once, ms", lambda f: _ms(f["profiles_ms"]))
    row("first need, cold (lexicon, jieba, every text's concepts), ms", lambda f: _ms(f["cold_ms"]))
    row("all open needs, s", lambda f: f"{f['seconds']:.2f}")
    row("needs / second (all; warm)", lambda f: f"{f['needs_per_second']:,.0f}; {f['warm_needs_per_second']:,.0f}")
    row("per need, warm, p50 / p95, ms", lambda f: f"{_ms(f['warm_p50_ms'])} / {_ms(f['warm_p95_ms'])}")
    row(
        "`suggest_matches`' loop (profiles rebuilt each need), p50 ms",
        lambda f: f"{_ms(f['suggest_loop']['p50_ms'])} ({f['suggest_loop']['needs']} needs)"
        if "suggest_loop" in f
        else "",
    )
    row(
        "`ranked_needs` for the IP page's asset, p50 ms (queries)",
        lambda f: f"{_ms(f['ranked_needs']['p50_ms'])} ({f['ranked_needs']['queries']})" if "ranked_needs" in f else "",
    )
    out("")


class Verdicts:
    """Each target of the issue that asked for this bench, met or not, with the pages that miss it."""

    def __init__(self):
        self.bare: dict[str, list[tuple[str, float]]] = {}  # scale → (page, p50 ÷ bare), pages and search
        self.growth: list[tuple[str, float]] = []  # (page, mature p50 ÷ demo p50)
        self.html: list[tuple[str, int, int]] = []  # (page, demo bytes, mature bytes)
        self.search: list[tuple[str, float]] = []  # (query, p95 ms at the last scale)
        self.rss: dict[str, float] = {}

    def lines(self, names: list[str]) -> list[str]:
        lines = []
        for scale, ratios in self.bare.items():
            over = sorted((r, label) for label, r in ratios if r > BARE)
            lines.append(
                _verdict(
                    not over, f"p50 within {BARE} bare views at {scale} scale", len(ratios) - len(over), len(ratios)
                )
                + (f"; the others {over[0][0]:.0f}–{over[-1][0]:.0f}" if over else "")
            )
        if self.growth:
            over = sorted(((g, label) for label, g in self.growth if g > FLAT), reverse=True)
            lines.append(
                _verdict(
                    not over,
                    f"p50 at {names[-1]} scale within {FLAT}× of {names[0]}",
                    len(self.growth) - len(over),
                    len(self.growth),
                )
                + (": over, " + "; ".join(f"{label} {g:.2f}×" for g, label in over) if over else "")
            )
            grown = [(label, a, b) for label, a, b in self.html if b > a * FLAT and b - a > 2048]
            lines.append(
                _verdict(
                    not grown,
                    f"HTML within {FLAT}× of its {names[0]} size",
                    len(self.html) - len(grown),
                    len(self.html),
                )
                + (
                    ": larger, " + "; ".join(f"{label} {a / 1024:.0f} → {b / 1024:.0f} KB" for label, a, b in grown)
                    if grown
                    else ""
                )
            )
        if self.search:
            worst = max(self.search, key=lambda item: item[1])
            lines.append(
                _verdict(
                    worst[1] <= SEARCH_P95_MS,
                    f"global search p95 ≤ {SEARCH_P95_MS} ms at {names[-1]} scale: the slowest, {worst[0]}, {worst[1]:.0f} ms",
                    None,
                    None,
                )
            )
        for scale, mb in self.rss.items():
            lines.append(
                _verdict(
                    mb < RSS_MB, f"every worker under {RSS_MB} MB at {scale} scale: the largest {mb:.0f} MB", None, None
                )
            )
        return lines


def _verdict(met: bool, what: str, good: int | None, total: int | None) -> str:
    counted = f" ({good} of {total} pages)" if total is not None else ""
    return f"- {'✓' if met else '✗'} {what}{counted}"


def side_by_side(runs: list[dict], out=print) -> None:
    """One table a group, each page's figures on every database of `runs` (each a run's results)."""
    names = [run["database"] for run in runs]
    for group, title in (("page", "Pages"), ("search", "Search and resolution"), ("api", "API (JSON unless said)")):
        labels = [label for label, row in runs[0]["scales"]["demo"]["pages"].items() if row["group"] == group]
        if not labels:
            continue
        head = ["page"]
        for name in names:
            head += [f"{name} demo", f"{name} mature", "÷ bare", "mature ÷ demo"]
        head += [f"mature, 4 clients ({' / '.join(names)})", "KB demo → mature", "queries"]
        out(f"\n### {title}\n")
        out("| " + " | ".join(head) + " |")
        out("|---|" + "---:|" * (len(head) - 1))
        for label in labels:
            cells, busy = [], []
            for run in runs:
                demo, mature = (run["scales"][s]["pages"] for s in ("demo", "mature"))
                ratios = [pages[label]["1"]["p50"] / pages["bare view"]["1"]["p50"] for pages in (demo, mature)]
                cells += [
                    _ms(demo[label]["1"]["p50"]),
                    _ms(mature[label]["1"]["p50"]),
                    " / ".join(f"{r:.0f}" for r in ratios),
                    f"{mature[label]['1']['p50'] / demo[label]['1']['p50']:.2f}",
                ]
                busy.append(_ms(mature[label]["4"]["p50"]) if "4" in mature[label] else "")
            first = runs[0]["scales"]
            cells.append(" / ".join(b for b in busy if b))
            cells.append(
                f"{first['demo']['pages'][label]['bytes'] / 1024:.0f} → {first['mature']['pages'][label]['bytes'] / 1024:.0f}"
            )
            cells.append(f"{first['demo']['pages'][label]['queries']} → {first['mature']['pages'][label]['queries']}")
            out(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    side_by_side([json.loads(Path(path).read_text()) for path in sys.argv[1:]])
