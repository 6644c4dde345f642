"""`make bench` is not part of the suite, but its parts must keep working as the models change:
the generator fills every model it knows at a small size, and the reference views answer."""

import io

import pytest
from django.db import transaction
from django.test import override_settings

from bench.dataset import Size, generate
from partnerships.agreements.models import Agreement, Party
from partnerships.core.models import ChangeRelation, Institution, ObjectChange
from partnerships.organisations.models import Affiliation, Organisation, Person
from partnerships.registry.models import RegistryEntry
from partnerships.relationships.models import Interaction, Relationship

SMALL = Size(
    organisations=40, people=120, staff=10, relationships=12, interactions=300, agreements=25,
    projects=20, outputs=30, students=10, activities=15, objectives=5, initiatives=2,
)  # fmt: skip


@pytest.fixture
def small_register(profile):
    home = Institution.current()
    Organisation.objects.create(name_en=home.name_en, ror_id=home.ror_id, country="GB")
    for n in range(40):
        RegistryEntry.objects.create(
            ror_id=f"0{n:08d}", name=f"Guangzhou Institute {n}", name_zh=f"广州研究所{n}", types=["facility"],
            city="Guangzhou", country="CN", schema_version="2", record={},
        )  # fmt: skip
    return generate(SMALL, seed=3, stdout=io.StringIO())


@pytest.mark.django_db
def test_the_generator_fills_the_register_to_the_size_asked(small_register):
    assert Organisation.objects.count() == SMALL.organisations
    assert Person.objects.count() == SMALL.people
    assert Person.objects.filter(kind="staff").count() == SMALL.staff
    assert Relationship.objects.count() == SMALL.relationships
    assert Interaction.objects.count() == SMALL.interactions
    assert Agreement.objects.count() == SMALL.agreements
    assert Affiliation.objects.count() >= SMALL.people
    # The home institution is party to every agreement; interactions have organisations and tags.
    home = Organisation.objects.get(ror_id=Institution.current().ror_id)
    assert Party.objects.filter(organisation=home).count() == SMALL.agreements
    assert not Interaction.objects.filter(organisations__isnull=True).exists()
    assert Interaction.objects.filter(strands__isnull=False).exists()
    # The alliance's work: projects with partners and members, outputs, students, activities.
    from partnerships.capacity.models import Activity
    from partnerships.postgraduate.models import TrainingRecord
    from partnerships.research.models import Output, Project

    assert Project.objects.count() == SMALL.projects and Output.objects.count() == SMALL.outputs
    assert TrainingRecord.objects.count() == SMALL.students and Activity.objects.count() == SMALL.activities
    assert not Project.objects.filter(partners__isnull=True).exists()
    assert not TrainingRecord.objects.exclude(status="proposed").filter(projects__isnull=True).exists()
    assert not Activity.objects.filter(partners__isnull=True).exists()


@pytest.mark.django_db
def test_the_generated_change_log_ties_changes_to_related_records(small_register):
    records = SMALL.organisations - 1 + SMALL.people + SMALL.interactions + SMALL.agreements
    assert ObjectChange.objects.filter(action="create").count() >= records
    assert ObjectChange.objects.filter(action="update").exists()
    assert ChangeRelation.objects.count() > SMALL.interactions
    # Ids grow with time, as in a live log (the history pages read newest first by id).
    generated = ObjectChange.objects.filter(user_name__startswith="bench-")
    times = list(generated.order_by("pk").values_list("time", flat=True))
    assert times == sorted(times)


@pytest.mark.django_db
def test_the_generator_is_reproducible_from_its_seed(profile):
    """Two runs with one seed make the same register (compared here: interactions and agreements)."""
    home = Institution.current()
    Organisation.objects.create(name_en=home.name_en, ror_id=home.ror_id, country="GB")
    size = Size(organisations=5, people=20, staff=3, relationships=3, interactions=30, agreements=4)

    def run():
        with transaction.atomic():
            generate(size, seed=5, stdout=io.StringIO())
            made = (
                list(Interaction.objects.order_by("pk").values_list("title", "date", "kind")),
                list(Agreement.objects.order_by("pk").values_list("title_en", "status", "end_date")),
            )
            transaction.set_rollback(True)
        return made

    first = run()
    assert len(first[0]) == size.interactions
    assert run() == first


@override_settings(ROOT_URLCONF="bench.urls")
@pytest.mark.django_db
def test_the_reference_views_answer_without_login(client):
    assert client.get("/bench/bare/").content == b"ok"
    assert client.get("/bench/one-query/").status_code == 200


@override_settings(ROOT_URLCONF="bench.urls", MIDDLEWARE=["bench.urls.QueryCountMiddleware"])
@pytest.mark.django_db
def test_the_bench_counts_each_responses_queries(client, profile):
    assert client.get("/bench/bare/")["X-Queries"] == "0"
    assert client.get("/bench/one-query/")["X-Queries"] == "1"


def test_the_report_says_which_targets_are_met_and_which_pages_miss_them():
    from bench.report import Verdicts

    verdicts = Verdicts()
    verdicts.bare = {"demo": [("list", 8.0), ("page", 12.0)], "mature": [("list", 9.0), ("page", 9.5)]}
    verdicts.growth = [("list", 1.1), ("page", 1.9)]
    verdicts.html = [("list", 10_000, 11_000), ("page", 4_000, 30_000)]
    verdicts.search = [("search “a”", 40.0), ("search “b”", 61.0)]
    verdicts.rss = {"mature": 280.0}
    lines = verdicts.lines(["demo", "mature"])
    assert lines[0] == "- ✗ p50 within 10 bare views at demo scale (1 of 2 pages); the others 12–12"
    assert lines[1] == "- ✓ p50 within 10 bare views at mature scale (2 of 2 pages)"
    assert lines[2].startswith("- ✗ p50 at mature scale within 1.5× of demo (1 of 2 pages): over, page 1.90×")
    assert lines[3].startswith("- ✗ HTML within 1.5× of its demo size (1 of 2 pages): larger, page 4 → 29 KB")
    assert lines[4].startswith("- ✗ global search p95 ≤ 50 ms at mature scale: the slowest, search “b”, 61 ms")
    assert lines[5] == "- ✓ every worker under 300 MB at mature scale: the largest 280 MB"


def test_two_databases_runs_print_side_by_side():
    from bench.report import side_by_side

    def run(database, demo_ms, mature_ms):
        def pages(page_ms):
            return {
                "bare view": {"group": "reference", "bytes": 2, "queries": 0, "1": {"p50": 1.0}},
                "organisation list": {"group": "page", "bytes": 15 * 1024, "queries": 11, "1": {"p50": page_ms}},
            }

        return {
            "database": database,
            "scales": {"demo": {"pages": pages(demo_ms)}, "mature": {"pages": pages(mature_ms)}},
        }

    lines = []
    side_by_side([run("sqlite", 20.0, 30.0), run("postgresql", 25.0, 25.0)], out=lines.append)
    assert (
        "| organisation list | 20.0 | 30.0 | 20 / 30 | 1.50 | 25.0 | 25.0 | 25 / 25 | 1.00 |  | 15 → 15 | 11 → 11 |"
        in lines
    )
