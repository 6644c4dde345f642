"""`make bench`: resolution throughput against the shipped registry, and page latency at 10× and 100× the demo data.

Runs in a throwaway database (Django's test database: a temporary SQLite file, or test_<name> on the
PostgreSQL in DATABASE_URL), never the one in var/. Prints one table; copy the figures into
docs/benchmarks.md. Not part of `make test`: timings are reported, never asserted.

    .venv/bin/python bench/run.py [--scales 1 10 100] [--requests 30] [--runs 3] [--pages lists resolve search]

`--pages search --runs 0` times the global search alone (no resolution throughput, no list pages).
"""

import argparse
import copy
import io
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerships.settings.test")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="partnerships-bench-"))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

PROFILE = ROOT / "profiles" / "birmingham-guangzhou.yaml"
# The pages a user opens most; `q` is the list pages' own text filter.
PAGES = [
    ("organisation list", "/organisations/"),
    ("organisation list ?q=university", "/organisations/?q=university"),
    ("people list", "/people/"),
    ("people list ?q=li", "/people/?q=li"),
    ("interaction list", "/interactions/"),
    ("relationship list", "/relationships/"),
    ("affiliation list", "/affiliations/"),
]
RESOLVE_QUERIES = ["Sun Yat Sen Univ.", "中山大學", "SYSU", "zhongshan daxue", "South China Univ Technol, Guangzhou"]
PAGE_BUDGET_S = 8
MIN_REQUESTS = 5
# The last is a typo: nothing matches as typed, so the near-spelling path runs.
SEARCH_QUERIES = ["zhongshan", "中大", "SYSU", "Sun Yat-sen", "university", "Univeristy"]
PAGE_KINDS = ["lists", "resolve", "search"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100], help="multiples of the demo data")
    parser.add_argument("--requests", type=int, default=30, help="requests per page and scale")
    parser.add_argument("--runs", type=int, default=3, help="runs of the resolution throughput (0: skip it)")
    parser.add_argument(
        "--pages", nargs="+", choices=PAGE_KINDS, default=PAGE_KINDS, help="which pages to time (default: all)"
    )
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)  # collectstatic not run

    setup_test_environment()
    if connection.vendor == "sqlite":
        # A file, not memory: closer to a real install (the bench runs in one thread anyway).
        connection.settings_dict["TEST"]["NAME"] = str(Path(os.environ["VAR_DIR"]) / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        load_data()
        print(f"# {machine()}; database {connection.vendor}; set-up {time.perf_counter() - started:.0f} s; {load()}\n")
        if args.runs:
            bench_resolution(args.runs)
        bench_pages(args.scales, args.requests, args.pages)
        print(f"\n# finished; {load()}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    return f"Python {platform.python_version()}, {os.cpu_count()} CPUs ({cpu})"


def load() -> str:
    """The date and the load average: the figures mean little on a machine busy with other work."""
    averages = " ".join(f"{n:.1f}" for n in os.getloadavg())
    return f"{time.strftime('%Y-%m-%d %H:%M %Z')}, load average {averages} (1, 5, 15 min)"


def load_data() -> None:
    quiet = {"stdout": io.StringIO()}
    call_command("load_profile", str(PROFILE), **quiet)
    call_command("load_ror", **quiet)
    call_command("load_demo", **quiet)


# Resolution ----------------------------------------------------------------------------------------


def bench_resolution(runs: int) -> None:
    from partnerships.registry.models import RegistryEntry
    from partnerships.search.datasets import DATASETS, load_dataset
    from partnerships.search.index import clear_index, get_index
    from partnerships.search.resolver import Resolver

    strings = [row.text for name in DATASETS for row in load_dataset(name)]
    builds, rates = [], []
    for _ in range(runs):
        clear_index()
        started = time.perf_counter()
        index = get_index(registry_only=True)
        builds.append(time.perf_counter() - started)
        resolver = Resolver(index)
        started = time.perf_counter()
        for text in strings:
            resolver.resolve(text)
        rates.append(len(strings) / (time.perf_counter() - started))
    entries = RegistryEntry.objects.count()
    print(f"## Resolution, registry only ({entries:,} entries, {len(strings):,} affiliation strings, {runs} runs)\n")
    print("| measure | median | min | max |\n|---|---:|---:|---:|")
    print(f"| strings / second | {statistics.median(rates):,.0f} | {min(rates):,.0f} | {max(rates):,.0f} |")
    print(f"| index build, s | {statistics.median(builds):.2f} | {min(builds):.2f} | {max(builds):.2f} |\n")


# Pages at scale ------------------------------------------------------------------------------------


def bench_pages(scales: list[int], requests: int, kinds=PAGE_KINDS) -> None:
    from partnerships.core.roles import EDITOR

    user = get_user_model().objects.create_user(username="bench-editor", password="x")
    user.groups.add(Group.objects.get(name=EDITOR))
    client = Client()
    client.force_login(user)
    by_kind = {
        "lists": [(label, url, "get") for label, url in PAGES],
        "resolve": resolve_pages(),
        "search": search_pages(),
    }
    pages = [page for kind in PAGE_KINDS if kind in kinds for page in by_kind[kind]]
    results, counts, rebuilds = {}, {}, {}
    current = 1
    for scale in sorted(scales):
        if scale > current:
            grow(current, scale - current)
            current = scale
            if search_pages():  # bulk_create passes by the search index's signals: rebuild it
                started = time.perf_counter()
                call_command("rebuild_search_index", stdout=io.StringIO())
                rebuilds[scale] = time.perf_counter() - started
        analyse()
        counts[scale] = record_counts()
        for label, url, kind in pages:
            results[(label, scale)] = time_requests(client, url, kind, requests)
    print("## Records at each scale\n")
    models = list(next(iter(counts.values())))
    print("| scale | " + " | ".join(models) + " |\n|---|" + "---:|" * len(models))
    for scale, row in counts.items():
        print(f"| {scale}× | " + " | ".join(f"{row[m]:,}" for m in models) + " |")
    print(
        f"\n## Latency, ms per request (up to {requests} requests each, at least {MIN_REQUESTS} or {PAGE_BUDGET_S} s; median / p95; Django test Client, editor)\n"
    )
    print("| page | " + " | ".join(f"{s}× median | {s}× p95" for s in sorted(scales)) + " |")
    print("|---|" + "---:|---:|" * len(scales))
    for label, _url, _kind in pages:
        cells = []
        for scale in sorted(scales):
            median, p95 = results[(label, scale)]
            cells += [f"{median:.1f}", f"{p95:.1f}"]
        print(f"| {label} | " + " | ".join(cells) + " |")
    if "search" in kinds and not search_pages():
        print("\n(global search: no partnerships/search/views.py with a `search:search` route yet; skipped)")
    for scale, seconds in rebuilds.items():
        print(f"\n`rebuild_search_index` at {scale}×: {seconds:.1f} s")


def analyse() -> None:
    """PostgreSQL: what autovacuum does on a live server soon after a bulk load. ANALYZE gathers the
    planner's statistics (without them it guesses: a sequential scan of the vocabulary for every
    near-spelling lookup, for one); VACUUM moves the rows just added to a GIN index from its pending
    list, which every search would otherwise read through, into the index. Without this the figures
    would measure the minute after the load. SQLite gathers no statistics unless asked, nor does an
    install: left as it is."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def resolve_pages() -> list[tuple[str, str, str]]:
    """The resolver as users meet it: the API and the create form's suggestions (index warm)."""
    pages = []
    for query in RESOLVE_QUERIES[:3]:
        pages.append((f"POST /api/resolve/ “{query}”", query, "resolve"))
    pages.append(("suggest “Sun Yat Sen Univ.”", "/organisations/suggest/?name_en=Sun+Yat+Sen+Univ.", "htmx"))
    return pages


def search_pages() -> list[tuple[str, str, str]]:
    if not (ROOT / "partnerships" / "search" / "views.py").exists():
        return []
    for name in ("search:search", "search"):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        return [(f"search “{q}”", f"{url}?q={q}", "get") for q in SEARCH_QUERIES]
    return []


def time_requests(client: Client, url: str, kind: str, requests: int) -> tuple[float, float]:
    def once():
        if kind == "resolve":
            return client.post("/api/resolve/", {"query": url}, content_type="application/json")
        if kind == "htmx":
            return client.get(url, HTTP_HX_REQUEST="true")
        return client.get(url)

    response = once()  # warm: caches, the resolver index
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    deadline = time.perf_counter() + PAGE_BUDGET_S
    # A slow page gets fewer requests (at least MIN_REQUESTS), so a full run stays near ten minutes.
    while len(times) < requests and (len(times) < MIN_REQUESTS or time.perf_counter() < deadline):
        started = time.perf_counter()
        once()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def record_counts() -> dict[str, int]:
    from partnerships.organisations.models import Affiliation, Organisation, Person
    from partnerships.relationships.models import Interaction, Relationship

    models = {
        "organisations": Organisation,
        "people": Person,
        "affiliations": Affiliation,
        "relationships": Relationship,
        "interactions": Interaction,
    }
    return {name: model.objects.count() for name, model in models.items()}


ORIGINALS: dict = {}


@transaction.atomic
def grow(first: int, copies: int) -> None:
    """Add copies number `first`… of the demo organisations, people, affiliations, relationships and
    interactions, linked among themselves as the originals are (bulk_create: the change log is not
    what is measured; tags are not copied)."""
    from partnerships.organisations.models import Affiliation, Organisation, Person
    from partnerships.relationships.models import Interaction, Relationship

    if not ORIGINALS:
        ORIGINALS["organisations"] = list(Organisation.objects.filter(is_demo=True))
        ORIGINALS["people"] = list(Person.objects.filter(is_demo=True))
        org_ids = {o.pk for o in ORIGINALS["organisations"]}
        person_ids = {p.pk for p in ORIGINALS["people"]}
        ORIGINALS["affiliations"] = list(
            Affiliation.objects.filter(person_id__in=person_ids, organisation_id__in=org_ids)
        )
        ORIGINALS["relationships"] = list(Relationship.objects.filter(organisation_id__in=org_ids))
        ORIGINALS["interactions"] = list(
            Interaction.objects.filter(is_demo=True).prefetch_related("organisations", "people")
        )
    organisations, people, interactions = (ORIGINALS[k] for k in ("organisations", "people", "interactions"))
    through = Interaction.organisations.through, Interaction.people.through
    for n in range(first, first + copies):
        org_map = clone(
            organisations, n, name_en=lambda o, n: f"{o.name_en} #{n}", name_zh=suffix_zh, ror_id="", uscc=""
        )
        person_map = clone(people, n, family_name=lambda p, n: f"{p.family_name}{n}", email=copy_email, user=None)
        clone(
            ORIGINALS["affiliations"],
            n,
            person_id=lambda a, n, people=person_map: people[a.person_id],
            organisation_id=lambda a, n, orgs=org_map: orgs[a.organisation_id],
        )
        clone(ORIGINALS["relationships"], n, organisation_id=lambda r, n, orgs=org_map: orgs[r.organisation_id])
        new = clone(interactions, n, title=lambda i, n: f"{i.title} #{n}")
        through[0].objects.bulk_create(
            through[0](interaction_id=new[i.pk], organisation_id=org_map.get(o.pk, o.pk))
            for i in interactions
            for o in i.organisations.all()
        )
        through[1].objects.bulk_create(
            through[1](interaction_id=new[i.pk], person_id=person_map.get(p.pk, p.pk))
            for i in interactions
            for p in i.people.all()
        )


def suffix_zh(organisation, n):
    return f"{organisation.name_zh}{n}号" if organisation.name_zh else ""


def copy_email(person, n):
    local, _, domain = person.email.partition("@")
    return f"{local}+{n}@{domain}" if person.email else ""


def clone(objects: list, n: int, **changes) -> dict[int, int]:
    """Bulk-create copies of the objects with the given fields changed; returns old pk → new pk."""
    if not objects:
        return {}
    model = type(objects[0])
    copies = []
    for obj in objects:
        new = copy.copy(obj)
        new.pk = None
        new._state = copy.copy(obj._state)
        new._state.adding = True
        for field, value in changes.items():
            setattr(new, field, value(obj, n) if callable(value) else value)
        copies.append(new)
    created = model.objects.bulk_create(copies)
    if created[0].pk is None:  # backends that do not return keys: find them by order
        created = list(model.objects.order_by("-pk")[: len(copies)])[::-1]
    return {old.pk: new.pk for old, new in zip(objects, created, strict=True)}


if __name__ == "__main__":
    main()
