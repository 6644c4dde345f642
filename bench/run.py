"""`make bench`: every page served by gunicorn as in production, at demo scale and at a mature centre's scale.

    .venv/bin/python bench/run.py [--scales demo mature] [--clients 1 4] [--requests 20] [--groups page search api export]
                                  [--runs 0] [--reuse] [--only LABEL …]

Runs in a throwaway database (Django's test database: a file under var/bench/, or test_<name> on the
PostgreSQL in DATABASE_URL), never the one in var/. It loads the demo data (the profile, the shipped
registry and the demo data), copies that database, tops the original up to the mature size
(`bench/dataset/`), then serves both at once, each with its own gunicorn and the bench settings
(production settings plus an `X-Queries` header), and requests every page of `bench/pages.py` over
HTTP on loopback: once to warm up, then with one client, the two scales in turn (so the machine's
drift falls on both), and with several clients at once, one scale after the other. Each page's
median is reported as a ratio to a bare view and to a one-query view measured in the same run, and
to its own median on the demo data. At each scale it also times matching (`bench/matching.py`: every
open need ranked against the offerable IP and available experts). Prints Markdown (copy it into docs/benchmarks.md)
and keeps the raw figures in var/bench/. Timings are reported, never asserted in tests.

`--reuse` keeps each scale's database (SQLite: a file in var/bench/; PostgreSQL: a database named
benchcache_<scale>_<signature>, copied as a template) and starts from it next time if the code that
makes it has not changed (saves the generation while working on pages). `--runs N` also times
resolution throughput (N runs).
"""

import argparse
import contextlib
import hashlib
import io
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
VAR = Path(os.environ.get("BENCH_DIR", ROOT / "var" / "bench"))
VAR.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("VAR_DIR", str(VAR))
os.environ.setdefault("MEDIA_ROOT", str(VAR / "media"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import DatabaseError, connection, transaction  # noqa: E402

from bench import report  # noqa: E402
from bench.load import Client, Load, Request, run_paired  # noqa: E402
from bench.server import Server, database_url  # noqa: E402

PROFILE = ROOT / "profiles" / "birmingham-guangzhou.yaml"
GROUPS = ["page", "search", "api", "export"]
BENCH_SESSION = "benchsession" + "0" * 20
TOKEN = "b" * 40
SNAPSHOTS: list[str] = []  # PostgreSQL databases copied for a scale, dropped at the end
REFERENCES = [
    Request("bare view", "/bench/bare/", group="reference"),
    Request("one-query view", "/bench/one-query/", group="reference"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["demo", "mature"], choices=["demo", "mature"])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4], help="concurrent clients")
    parser.add_argument("--requests", type=int, default=20, help="requests per page and client")
    parser.add_argument("--budget", type=float, default=8, help="seconds per page and client (at least 3 requests)")
    parser.add_argument("--groups", nargs="+", default=GROUPS, choices=GROUPS)
    parser.add_argument("--only", nargs="*", help="pages whose label contains one of these")
    parser.add_argument("--runs", type=int, default=0, help="runs of the resolution throughput (0: skip it)")
    parser.add_argument(
        "--reuse", action="store_true", help="start from the kept databases (var/bench/, benchcache_*) when up to date"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--throughput-seconds", type=float, default=20, help="seconds of each throughput run (0: skip them)"
    )
    parser.add_argument("--throughput-clients", type=int, default=8)
    args = parser.parse_args()

    out = report.Output(VAR / f"bench-{time.strftime('%Y%m%d-%H%M%S')}-{connection.vendor}.md")
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        connection.settings_dict["TEST"]["NAME"] = str(VAR / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    started = time.perf_counter()
    results: dict = {"scales": {}, "machine": machine(), "database": connection.vendor}
    try:
        out(f"# {machine()}; database {connection.vendor} {database_version()}; {load_average()}\n")
        prepare_demo(args.reuse)
        ensure_session()
        results["matching"] = {}
        if "demo" in args.scales:
            results["matching"]["demo"] = matching_speed("demo")
        if args.runs:
            from bench.resolution import bench_resolution

            bench_resolution(args.runs, out)
        requests = [
            r for r in pages() if r.group in args.groups and (not args.only or any(o in r.label for o in args.only))
        ]
        databases = {}
        if "demo" in args.scales:
            databases["demo"] = snapshot("demo") if "mature" in args.scales else database_url(connection.settings_dict)
        if "mature" in args.scales:
            prepare_mature(args.seed, args.reuse, out)
            ensure_session()
            results["matching"]["mature"] = matching_speed("mature")
            databases["mature"] = database_url(connection.settings_dict)
        try:
            results["scales"] = serve_and_measure(requests, databases, args)
            if args.throughput_seconds > 0:
                from bench import throughput

                scale = list(databases)[-1]
                results["throughput"] = {"scale": scale} | throughput.measure(
                    databases[scale],
                    VAR,
                    requests,
                    {settings.SESSION_COOKIE_NAME: BENCH_SESSION},
                    TOKEN,
                    clients=args.throughput_clients,
                    seconds=args.throughput_seconds,
                    workers=args.workers,
                    threads=args.threads,
                )
        finally:
            drop_snapshots()
        report.write(results, out)
        if "throughput" in results:
            throughput.report(results["throughput"], out)
        out(f"\n# finished in {time.perf_counter() - started:.0f} s; {load_average()}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    (VAR / f"last-results-{connection.vendor}.json").write_text(json.dumps(results, indent=1))
    print(f"\nWritten to {out.path}", file=sys.stderr)


# Data ----------------------------------------------------------------------------------------------


def prepare_demo(reuse: bool) -> None:
    if reuse and restore("demo"):
        return
    quiet = {"stdout": io.StringIO()}
    call_command("load_profile", str(PROFILE), **quiet)
    call_command("load_ror", **quiet)
    call_command("load_demo", **quiet)
    bench_user()
    analyse()
    if reuse:
        keep("demo")


def prepare_mature(seed: int, reuse: bool, out) -> None:
    if reuse and restore("mature"):
        out(f"(mature data restored from var/bench/, {signature()})\n")
        return
    from bench.dataset import generate

    started = time.perf_counter()
    counts = generate(seed=seed, stdout=sys.stderr)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    call_command("rebuild_search_index", stdout=io.StringIO())
    indexed = time.perf_counter() - started
    analyse()
    out(f"## Mature register (bench/dataset.py, seed {seed})\n")
    out("| " + " | ".join(counts) + " |\n|" + "---:|" * len(counts))
    out("| " + " | ".join(f"{n:,}" for n in counts.values()) + " |\n")
    out(f"Generated in {generated:.0f} s; `rebuild_search_index` {indexed:.0f} s.\n")
    if reuse:
        keep("mature")


def bench_user():
    """An editor in the business-engagement team, who sees every confidential row (needs, IP,
    matches, deals), so that those pages are measured with their rows."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from partnerships.business.choices import TEAM
    from partnerships.core.roles import EDITOR

    user, _ = get_user_model().objects.get_or_create(username="bench-editor")
    user.groups.add(Group.objects.get(name=EDITOR), Group.objects.get(name=TEAM))
    Token.objects.get_or_create(user=user, key=TOKEN)
    return user


def ensure_session() -> None:
    """The bench editor's session under a fixed key, in the database in use (every scale's copy
    holds the same one, so one cookie serves them all)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    user = bench_user()
    Session.objects.filter(session_key=BENCH_SESSION).delete()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session._session_key = BENCH_SESSION  # after the data: reading a missing session forgets its key
    session.save(must_create=True)


def matching_speed(scale: str) -> dict:
    """Every open need ranked against the pools, in the database in use (bench/matching.py)."""
    from bench.matching import bench_matching

    started = time.perf_counter()
    figures = bench_matching(user=bench_user())
    print(
        f"== matching at {scale} scale: {figures['open_needs']} open needs, warm "
        f"{figures['warm_needs_per_second']:.0f} needs/s ({time.perf_counter() - started:.1f} s in all)",
        file=sys.stderr,
    )
    return figures


def snapshot(scale: str) -> str:
    """A copy of the database as it is now, for a second server to serve while this one grows."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        copy = VAR / f"bench-{scale}.sqlite3"
        shutil.copyfile(connection.settings_dict["NAME"], copy)
        return database_url({**connection.settings_dict, "NAME": str(copy)})
    name = f"{connection.settings_dict['NAME']}_{scale}"
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{connection.settings_dict["NAME"]}"')
    SNAPSHOTS.append(name)
    return database_url({**connection.settings_dict, "NAME": name})


def drop_snapshots() -> None:
    connection.close()
    for name in SNAPSHOTS:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    SNAPSHOTS.clear()
    for copy in VAR.glob("bench-demo.sqlite3*"):
        copy.unlink()


def analyse() -> None:
    """PostgreSQL: what autovacuum does on a live server soon after a bulk load (planner statistics,
    GIN pending lists flushed), then a checkpoint, so that writing out the load's gigabyte of dirty
    pages does not run in the background of the measurements (it made the one-query view 1.8 times
    slower at mature scale). SQLite gathers no statistics unless asked, nor does an install."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            try:
                with transaction.atomic():
                    cursor.execute("CHECKPOINT")  # a superuser's or pg_checkpoint's right
            except DatabaseError as error:
                print(f"(no CHECKPOINT: {error})", file=sys.stderr)


def signature() -> str:
    """What the cached databases depend on: the migrations and the code that fills them."""
    digest = hashlib.sha256()
    paths = sorted(ROOT.glob("partnerships/*/migrations/*.py")) + sorted((ROOT / "bench").rglob("*.py"))
    paths += sorted(ROOT.glob("partnerships/*/demo*.py")) + [PROFILE]
    for path in paths:
        if path.name in ("run.py", "report.py", "load.py", "pages.py", "server.py", "hotspots.py", "matching.py"):
            continue
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cache_path(scale: str) -> Path:
    return VAR / f"cache-{scale}-{signature()}.sqlite3"


def cache_database(scale: str) -> str:
    """PostgreSQL keeps a scale's data as a database to copy from (`CREATE DATABASE … TEMPLATE`)."""
    return f"benchcache_{scale}_{signature()}"


def keep(scale: str) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        for old in VAR.glob(f"cache-{scale}-*.sqlite3"):
            old.unlink()
        shutil.copyfile(connection.settings_dict["NAME"], cache_path(scale))
        return
    name = connection.settings_dict["NAME"]
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"benchcache_{scale}_%"])
        for (old,) in cursor.fetchall():
            cursor.execute(f'DROP DATABASE "{old}"')
        cursor.execute(f'CREATE DATABASE "{cache_database(scale)}" TEMPLATE "{name}"')


def restore(scale: str) -> bool:
    if connection.vendor == "sqlite":
        cached = cache_path(scale)
        if not cached.exists():
            return False
        connection.close()
        name = Path(connection.settings_dict["NAME"])
        for suffix in ("-wal", "-shm"):
            Path(str(name) + suffix).unlink(missing_ok=True)
        shutil.copyfile(cached, name)
        return True
    name = connection.settings_dict["NAME"]
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cache_database(scale)])
        if cursor.fetchone() is None:
            return False
        cursor.execute(f'DROP DATABASE "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{cache_database(scale)}"')
    analyse()  # the copy's writing checkpointed before the measurements
    return True


# Measuring -----------------------------------------------------------------------------------------


def pages() -> list[Request]:
    from bench.pages import catalogue

    return catalogue()


def serve_and_measure(requests: list[Request], databases: dict[str, str], args) -> dict:
    """Every page at every scale, each scale's database served by its own gunicorn at the same time.

    With one client the scales are requested in turn (demo, mature, demo, …), so that the machine's
    drift during the run (its speed varies by a third from minute to minute) falls on both alike and
    "mature ÷ demo" measures the app; with several clients each scale is driven on its own."""
    connection.close()  # the server's processes have the databases to themselves
    servers = {
        scale: Server(db_url=url, var_dir=VAR, workers=args.workers, threads=args.threads, name=scale)
        for scale, url in databases.items()
    }
    next(iter(servers.values())).collectstatic()
    cookies = {settings.SESSION_COOKIE_NAME: BENCH_SESSION}
    rows = {scale: {} for scale in servers}
    loads = {scale: Load(server.base, cookies, TOKEN) for scale, server in servers.items()}
    try:
        for server in servers.values():
            server.start()
            server.start_worker()
        print("== " + ", ".join(f"{scale}: {server.base}" for scale, server in servers.items()), file=sys.stderr)
        for request in [*REFERENCES, *requests]:
            export = request.group == "export"
            count = 200 if request.group == "reference" else (3 if export else args.requests)
            budget = 60 if export else args.budget
            for scale, load in loads.items():
                status, size, queries = load.warm(request)
                if status != 200:
                    raise SystemExit(f"{request.label} ({request.path}) answered {status} at {scale} scale")
                rows[scale][request.label] = {
                    "path": request.path,
                    "group": request.group,
                    "bytes": size,
                    "queries": queries,
                }
            for clients in args.clients:
                if export and clients > 1:
                    continue
                if clients == 1:
                    measured = run_paired(
                        {scale: Client(load.base, cookies, TOKEN) for scale, load in loads.items()},
                        request,
                        count,
                        budget * len(loads),
                    )
                else:
                    measured = {
                        scale: load.measure(request, clients=clients, count=max(5, count // 2), budget_s=budget)
                        for scale, load in loads.items()
                    }
                for scale, result in measured.items():
                    rows[scale][request.label][str(clients)] = {
                        "p50": result.p50,
                        "p95": result.p95,
                        "first_byte_p50": result.first_byte_p50,
                        "per_second": result.per_second,
                        "n": len(result.times_ms),
                    }
            print(
                f"  {request.label}: "
                + ", ".join(
                    f"{scale} {rows[scale][request.label]['1']['p50']:.1f} ms "
                    f"{rows[scale][request.label]['bytes'] / 1024:.0f} KB {rows[scale][request.label]['queries']} q"
                    for scale in servers
                ),
                file=sys.stderr,
            )
        rss = {scale: server.worker_rss_mb() for scale, server in servers.items()}
    finally:
        for load in loads.values():
            load.close()
        for server in servers.values():
            server.stop()
    return {scale: {"pages": rows[scale], "worker_rss_mb": rss[scale]} for scale in servers}


# The machine ---------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.machine()
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return f"Python {platform.python_version()}, {os.cpu_count()} CPUs ({cpu})"


def database_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        return cursor.fetchone()[0]


def load_average() -> str:
    """The date and the load average: the figures mean little on a machine busy with other work."""
    averages = " ".join(f"{n:.1f}" for n in os.getloadavg())
    return f"{time.strftime('%Y-%m-%d %H:%M %Z')}, load average {averages} (1, 5, 15 min)"


if __name__ == "__main__":
    main()
