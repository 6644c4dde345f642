"""The bench's Markdown: every page against the bare view, the one-query view and itself on the demo data."""

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

    failures = []
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
                if group != "api" and ratio > BARE:
                    failures.append(f"{label}: {ratio:.1f} bare views at {s} scale")
            if len(names) > 1:
                growth = scales[names[-1]]["pages"][label]["1"]["p50"] / scales[names[0]]["pages"][label]["1"]["p50"]
                cells.append(f"{growth:.2f}")
                if growth > FLAT:
                    failures.append(f"{label}: {growth:.2f}× its demo p50 at {names[-1]} scale")
            last = scales[names[-1]]["pages"][label]
            for c in clients[1:]:
                if c in last:
                    cells += [f"{_ms(last[c]['p50'])} / {_ms(last[c]['p95'])}", f"{last[c]['per_second']:.0f}"]
                else:
                    cells += ["", ""]
            cells.append(" → ".join(f"{scales[s]['pages'][label]['bytes'] / 1024:.0f}" for s in names))
            cells.append(" → ".join(str(scales[s]["pages"][label]["queries"]) for s in names))
            if group == "search" and label.startswith("search “"):
                p95 = last["1"]["p95"]
                if p95 > SEARCH_P95_MS:
                    failures.append(f"{label}: p95 {p95:.0f} ms at {names[-1]} scale")
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
        if sizes and max(sizes) > RSS_MB:
            failures.append(f"a worker holds {max(sizes):.0f} MB at {s} scale")

    out("\n## Against the targets\n")
    if failures:
        out("\n".join(f"- ✗ {line}" for line in failures))
    else:
        out(
            f"- ✓ every page within {FLAT}× of its demo p50 and {BARE} bare views; search p95 ≤ {SEARCH_P95_MS} ms; workers ≤ {RSS_MB} MB"
        )
