"""HTTP clients on loopback: one client in a loop, or several at once in their own processes.

Each client keeps one connection open (gunicorn's threaded workers keep it alive) and reads every
response to the end, so a streamed export counts until its last byte.
"""

import http.client
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Request:
    """One page as the bench asks for it."""

    label: str
    path: str
    method: str = "GET"
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()
    group: str = "page"


@dataclass
class Result:
    times_ms: list[float] = field(default_factory=list)
    first_byte_ms: list[float] = field(default_factory=list)
    size: int = 0
    queries: int | None = None
    status: int = 0
    wall_s: float = 0.0

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def first_byte_p50(self) -> float:
        return statistics.median(self.first_byte_ms)

    @property
    def per_second(self) -> float:
        return len(self.times_ms) / self.wall_s if self.wall_s else 0.0


class Client:
    """A keep-alive connection to the server, as one browser tab or API client."""

    def __init__(self, base: str, cookies: dict[str, str], token: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        self.token = token
        self.connection = None

    def fetch(self, request: Request) -> tuple[int, int, int | None, float, float]:
        """(status, bytes, queries, ms to the first byte, ms to the last)."""
        headers = dict(request.headers)
        if request.path.startswith("/api/"):
            headers.setdefault("Authorization", f"Token {self.token}")
            headers.setdefault("Accept", "application/json")
        elif not request.path.startswith("/bench/"):
            headers.setdefault("Cookie", self.cookie)
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
            started = time.perf_counter()
            try:
                self.connection.request(request.method, request.path, body=request.body, headers=headers)
                response = self.connection.getresponse()
                first = time.perf_counter()
                size = 0
                while chunk := response.read(65536):
                    size += len(chunk)
                done = time.perf_counter()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
                continue
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
            queries = response.getheader("X-Queries")
            return (
                response.status,
                size,
                int(queries) if queries else None,
                (first - started) * 1000,
                (done - started) * 1000,
            )
        raise RuntimeError("unreachable")


def run_one(base: str, cookies: dict, token: str, request: Request, count: int, budget_s: float) -> Result:
    """`count` requests one after another (fewer if they take longer than `budget_s`, at least 3)."""
    client = Client(base, cookies, token)
    result = Result()
    started = time.perf_counter()
    deadline = started + budget_s
    while len(result.times_ms) < count and (len(result.times_ms) < 3 or time.perf_counter() < deadline):
        status, size, queries, first, total = client.fetch(request)
        result.status, result.size, result.queries = status, size, queries
        result.first_byte_ms.append(first)
        result.times_ms.append(total)
    result.wall_s = time.perf_counter() - started
    return result


def run_paired(clients: dict[str, Client], request: Request, count: int, budget_s: float) -> dict[str, Result]:
    """`count` rounds of one request to each server in turn (fewer past `budget_s`, at least 3), so
    that a change in the machine's speed during the run falls on every server alike."""
    results = {name: Result() for name in clients}
    started = time.perf_counter()
    deadline = started + budget_s
    rounds = 0
    while rounds < count and (rounds < 3 or time.perf_counter() < deadline):
        for name, client in clients.items():
            status, size, queries, first, total = client.fetch(request)
            result = results[name]
            result.status, result.size, result.queries = status, size, queries
            result.first_byte_ms.append(first)
            result.times_ms.append(total)
        rounds += 1
    wall = time.perf_counter() - started
    for result in results.values():
        result.wall_s = wall / len(clients)
    return results


def _worker(args) -> Result:
    return run_one(*args)


class Load:
    """Drives one page at a given number of concurrent clients."""

    def __init__(self, base: str, cookies: dict[str, str], token: str):
        self.base, self.cookies, self.token = base, cookies, token
        self.pool = None

    def warm(self, request: Request) -> tuple[int, int, int | None]:
        status, size, queries, _first, _total = Client(self.base, self.cookies, self.token).fetch(request)
        return status, size, queries

    def measure(self, request: Request, *, clients: int, count: int, budget_s: float) -> Result:
        if clients == 1:
            return run_one(self.base, self.cookies, self.token, request, count, budget_s)
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=clients)
        started = time.perf_counter()
        args = [(self.base, self.cookies, self.token, request, count, budget_s)] * clients
        parts = list(self.pool.map(_worker, args))
        merged = Result(status=parts[0].status, size=parts[0].size, queries=parts[0].queries)
        for part in parts:
            merged.times_ms += part.times_ms
            merged.first_byte_ms += part.first_byte_ms
        merged.wall_s = time.perf_counter() - started
        return merged

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None
