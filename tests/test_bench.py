"""`make bench` is not part of the suite, but its parts must keep working as the models change:
the generator fills every model it knows at a small size, and the reference views answer."""

import io

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from bench.dataset import Size, generate
from partnerships.agreements.models import Agreement, Party
from partnerships.business.models import Deal, IPAsset, Match, Need
from partnerships.core.models import ChangeRelation, Institution, ObjectChange
from partnerships.organisations.models import Affiliation, Organisation, Person
from partnerships.programmes.models import Cohort
from partnerships.registry.models import RegistryEntry
from partnerships.relationships.models import Interaction, Relationship
from tests.conftest import make_user

SMALL = Size(
    organisations=40, people=120, staff=10, relationships=12, interactions=300, agreements=25,
    projects=20, outputs=30, students=10, activities=15, objectives=5, initiatives=2,
    ip_assets=60, needs=24, experts=8, deals=30, matched_needs=10,
    programmes=16, cohorts=110, accreditations=20,
)  # fmt: skip


@pytest.fixture
def small_register(profile):
    home = Institution.current()
    Organisation.objects.create(name_en=home.name_en, ror_id=home.ror_id, country="GB")
    for n in range(40):
        RegistryEntry.objects.create(
            ror_id=f"0{n:08d}", name=f"Guangzhou Institute {n}", name_zh=f"广州研究所{n}",
            types=["education"] if n % 4 == 0 else ["facility"], city="Guangzhou", country="CN",
            schema_version="2", record={},
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
def test_the_generator_makes_business_records_the_matcher_can_work_on(small_register):
    from partnerships.business import matching, services
    from partnerships.business.models import Expertise

    assert IPAsset.objects.count() == SMALL.ip_assets and Need.objects.count() == SMALL.needs
    assert Expertise.objects.count() == SMALL.experts and Deal.objects.count() == SMALL.deals
    # Expertise is on home staff; needs come from companies, some written only in Chinese.
    assert not Expertise.objects.exclude(person__kind="staff").exists()
    assert not Need.objects.exclude(company__kind="company").exists()
    chinese = Need.objects.filter(title_en="", problem_en="").exclude(title_zh="")
    assert 0 < chinese.count() < SMALL.needs
    # Every text names concepts of the lexicon, so ranking at scale does real work.
    for profile in [
        *map(matching.need_profile, Need.objects.all()),
        *map(matching.ip_profile, IPAsset.objects.all()),
        *map(matching.expertise_profile, Expertise.objects.all()),
    ]:
        assert len(matching.concepts_in(profile.text)) >= 2, profile.text
    # The recorded matches are the engine's: a need's best IP candidate is among its matches.
    assert Match.objects.count() > SMALL.matched_needs
    need = Match.objects.filter(ip_asset__isnull=False).order_by("pk").first().need
    best = matching.rank(
        matching.need_profile(need), [matching.ip_profile(ip) for ip in services.offerable_ip()], limit=1
    )[0]
    assert Match.objects.filter(need=need, ip_asset_id=int(best.key.split(":")[1])).exists()
    # Deals at every stage, in pounds and yuan, with IP and tags.
    assert set(Deal.objects.values_list("stage", flat=True)) == {
        "lead", "qualified", "proposal", "negotiation", "won", "lost"
    }  # fmt: skip
    assert set(Deal.objects.values_list("currency", flat=True)) == {"GBP", "CNY"}
    assert Deal.objects.filter(ip_assets__isnull=False).exists()
    assert IPAsset.objects.filter(themes__isnull=False).exists() and Need.objects.filter(sector__isnull=False).exists()
    assert not Deal.objects.filter(stage__in=["won", "lost"], closed_on__isnull=True).exists()


@pytest.mark.django_db
def test_the_generator_makes_programmes_with_cohorts_that_add_up(small_register):
    from django.db.models import F

    from partnerships.programmes.aor import offshore_return
    from partnerships.programmes.models import Accreditation, Cohort, Programme

    assert Programme.objects.count() == SMALL.programmes and Cohort.objects.count() == SMALL.cohorts
    assert Accreditation.objects.count() == SMALL.accreditations
    # Partners are the generated universities; most programmes run or recruit; most carry the education strand.
    assert not Programme.objects.exclude(partner__kind="university").exists()
    statuses = list(Programme.objects.values_list("status", flat=True))
    assert statuses.count("running") + statuses.count("recruiting") > len(statuses) / 2
    assert Programme.objects.filter(strands__code="education").count() > SMALL.programmes / 2
    assert Programme.objects.exclude(prc_approval_number="").exists()
    # Every record passes the model's rules (offers ≤ applications, intake ≤ offers, split months …).
    for record in [*Programme.objects.all(), *Cohort.objects.all(), *Accreditation.objects.all()]:
        record.full_clean()
    # Consecutive academic years, none for a programme that has not recruited yet.
    for programme in Programme.objects.prefetch_related("cohorts"):
        years = sorted(c.academic_year for c in programme.cohorts.all())
        assert years == list(range(years[0], years[0] + len(years))) if years else True
        assert not years or programme.status not in ("in_design", "approved")
    # The last completed reporting year's return sums cohorts and reports a year-1 count over the intake.
    today = timezone.localdate()
    result = offshore_return((today.year if today.month >= 8 else today.year - 1) - 1)
    assert result.rows and sum(row.headcount for row in result.rows) > 0
    assert any("more enrolled in year 1" in problem.message for problem in result.problems)
    assert Cohort.objects.filter(year_1__gt=F("intake")).count() < SMALL.cohorts / 10


@pytest.mark.django_db
def test_researchers_are_added_as_staff_when_more_experts_are_asked_for_than_staff(profile):
    from partnerships.business.models import Expertise

    home = Institution.current()
    Organisation.objects.create(name_en=home.name_en, ror_id=home.ror_id, country="GB")
    size = Size(organisations=5, people=20, staff=3, relationships=3, interactions=30, agreements=4, experts=5)
    generate(size, seed=5, stdout=io.StringIO())
    assert Expertise.objects.count() == 5
    assert Person.objects.filter(kind="staff").count() == 5
    assert Affiliation.objects.filter(person__expertise__isnull=False, organisation__ror_id=home.ror_id).count() == 5


@pytest.mark.django_db
def test_the_generated_change_log_ties_changes_to_related_records(small_register):
    records = SMALL.organisations - 1 + SMALL.people + SMALL.interactions + SMALL.agreements
    records += SMALL.ip_assets + SMALL.needs + SMALL.experts + SMALL.deals
    records += SMALL.programmes + SMALL.cohorts + SMALL.accreditations
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
    size = Size(
        organisations=8, people=20, staff=3, relationships=3, interactions=30, agreements=4,
        ip_assets=10, needs=6, experts=3, deals=5, matched_needs=3, programmes=4, cohorts=20, accreditations=3,
    )  # fmt: skip

    def run():
        with transaction.atomic():
            generate(size, seed=5, stdout=io.StringIO())
            made = (
                list(Interaction.objects.order_by("pk").values_list("title", "date", "kind")),
                list(Agreement.objects.order_by("pk").values_list("title_en", "status", "end_date")),
                list(IPAsset.objects.order_by("pk").values_list("title_en", "summary_en", "status")),
                list(Need.objects.order_by("pk").values_list("title_en", "title_zh", "problem_zh", "company__name_en")),
                list(Match.objects.order_by("pk").values_list("need__title_zh", "ip_asset__title_en", "score")),
                list(Deal.objects.order_by("pk").values_list("title", "stage", "value", "currency")),
                list(Cohort.objects.order_by("pk").values_list("programme__title_en", "academic_year", "intake")),
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


@pytest.mark.django_db
def test_the_matching_speed_ranks_every_open_need_and_is_reported(small_register):
    from bench.matching import bench_matching
    from bench.report import matching
    from partnerships.business.models import IPAsset
    from partnerships.business.services import open_needs

    # The bench opens a demo asset's page; here, one the engine matched to an open need.
    matched = IPAsset.objects.filter(matches__need__status="open").order_by("pk").first()
    IPAsset.objects.filter(pk=matched.pk).update(is_demo=True)
    figures = bench_matching(user=make_user("bench-team", "business-engagement"))
    assert figures["open_needs"] == open_needs().count() > 0
    assert figures["cold_ms"] > 0 and figures["needs_per_second"] > 0
    # The first need is the cold one; the others (if any) make the warm figures.
    assert (figures["warm_needs_per_second"] > 0) == (figures["open_needs"] > 1)
    assert figures["suggest_loop"]["p50_ms"] > 0 and figures["ranked_needs"]["found"] > 0
    lines = []
    matching({"demo": figures, "mature": figures}, out=lines.append)
    assert lines[1] == "| measure | demo | mature |"
    assert len([line for line in lines if line.count("|") == 4]) == 11  # head, rule, 9 measures
