"""Where a page's time goes: one page requested in-process many times under cProfile.

    .venv/bin/python bench/hotspots.py /organisations/ [--db var/bench/cache-mature-….sqlite3] [-n 50]

Uses the bench settings (production, DEBUG off) and the bench editor, so the profile is of the
same code path `make bench` times, without the server and the network. Prints the functions with
the most cumulative and own time, and the time per request.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path")
    parser.add_argument("--db", help="a SQLite file (default: the app's own database)")
    parser.add_argument("-n", type=int, default=50, help="requests profiled (after 3 to warm up)")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--limit", type=int, default=40)
    args = parser.parse_args()
    if args.db:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.db).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("BENCH_STATIC_ROOT", str(ROOT / "var" / "bench" / "static"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", "--no-input", verbosity=0)
    from django.test import Client

    from bench.run import bench_user

    client = Client()
    client.force_login(bench_user())
    for _ in range(3):
        response = client.get(args.path)
    print(f"{args.path}: {response.status_code}, {len(response.content):,} bytes")
    started = time.perf_counter()
    for _ in range(args.n):
        client.get(args.path)
    plain = (time.perf_counter() - started) / args.n
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.n):
        client.get(args.path)
    profiler.disable()
    print(f"{plain * 1000:.2f} ms a request unprofiled")
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.limit)


if __name__ == "__main__":
    main()
