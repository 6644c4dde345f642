"""Throughput of the deployment `make run` makes, and of the multi-process one (docs/deployment.md):
requests a second that several clients get from a mix of pages, served by one gunicorn and a job
worker, then by two gunicorns and the worker against the same database, the clients spread over both.

On one machine the two servers share its cores, so the second line shows that the set-up works and
what it costs, not what a second machine would add.
"""

import random
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from bench.load import Client, Request
from bench.server import Server

# A working day's mix: lists, records, search, the API.
MIX_LABELS = (
    "home page",
    "organisation list",
    "a partner's page",
    "interaction list",
    "agreement list",
    "agreement page",
    "search “",
    "API /api/organisations/",
)


@dataclass
class Throughput:
    servers: int
    clients: int
    requests: int
    errors: int
    seconds: float
    p50: float
    p95: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def mix(requests: list[Request]) -> list[Request]:
    chosen = [r for r in requests if r.group in ("page", "search", "api") and r.method == "GET"]
    preferred = [r for r in chosen if any(r.label.startswith(label) for label in MIX_LABELS)]
    return preferred or chosen[:8]


def _client(args) -> tuple[list[float], int]:
    base, cookies, token, requests, seconds, seed = args
    client, rng = Client(base, cookies, token), random.Random(seed)
    times, errors = [], 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        status, _size, _queries, _first, total = client.fetch(rng.choice(requests))
        if status == 200:
            times.append(total)
        else:
            errors += 1
    return times, errors


def drive(bases: list[str], cookies, token, requests, *, clients: int, seconds: float) -> Throughput:
    args = [(bases[i % len(bases)], cookies, token, requests, seconds, i) for i in range(clients)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=clients) as pool:
        parts = list(pool.map(_client, args))
    wall = time.perf_counter() - started
    times = sorted(t for part, _ in parts for t in part)
    errors = sum(e for _, e in parts)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] if times else 0.0
    return Throughput(len(bases), clients, len(times), errors, wall, statistics.median(times) if times else 0.0, p95)


def measure(
    db_url: str, var_dir, requests, cookies, token, *, clients: int, seconds: float, workers: int, threads: int
):
    """One server and the worker, then two servers and the worker, on the same database."""
    pages = mix(requests)
    servers = [Server(db_url=db_url, var_dir=var_dir, workers=workers, threads=threads, name=f"tp{i}") for i in (1, 2)]
    results = []
    try:
        servers[0].start()
        servers[0].start_worker()
        for server in servers[:1]:
            Client(server.base, cookies, token).fetch(pages[0])
        results.append(drive([servers[0].base], cookies, token, pages, clients=clients, seconds=seconds))
        servers[1].start()
        results.append(drive([s.base for s in servers], cookies, token, pages, clients=clients, seconds=seconds))
    finally:
        for server in servers:
            server.stop()
    return {"pages": [p.label for p in pages], "runs": [r.__dict__ | {"per_second": r.per_second} for r in results]}


def report(result: dict, out) -> None:
    out("\n## Throughput: `make run`'s set-up and the multi-process one\n")
    out(f"A mix of {len(result['pages'])} pages ({', '.join(result['pages'])}), chosen at random by each client.\n")
    out("| app servers (+ 1 job worker) | clients | requests/s | p50 ms | p95 ms | errors |")
    out("|---:|---:|---:|---:|---:|---:|")
    for run in result["runs"]:
        out(
            f"| {run['servers']} | {run['clients']} | {run['per_second']:.1f} | {run['p50']:.1f} | "
            f"{run['p95']:.1f} | {run['errors']} |"
        )
