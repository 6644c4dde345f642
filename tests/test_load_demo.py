"""`manage.py load_demo`: what it creates, that a rerun changes nothing, and where organisations come from."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from partnerships.core.models import ChangeRelation, College, ObjectChange, Strand, TimelineEvent
from partnerships.organisations import demo_data as organisation_data
from partnerships.organisations.models import Affiliation, Organisation, Person
from partnerships.postgraduate import demo as postgraduate_demo
from partnerships.registry.models import RegistryEntry
from partnerships.relationships import demo_data
from partnerships.relationships.choices import InteractionKind, Stage
from partnerships.relationships.models import Interaction, Relationship

PROFILE = Path(__file__).resolve().parents[1] / "profiles" / "birmingham-guangzhou.yaml"
MODELS = (Organisation, Person, Affiliation, Relationship, Interaction)


@pytest.fixture
def profile(db):
    call_command("load_profile", str(PROFILE), stdout=io.StringIO())


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in (*MODELS, ObjectChange, ChangeRelation)}
    for model in (Organisation, Relationship, Interaction):
        for name in ("strands", "colleges", "themes"):
            counts[f"{model.__name__}.{name}"] = getattr(model, name).through.objects.count()
    counts["Interaction.people"] = Interaction.people.through.objects.count()
    from partnerships.business.models import Deal, Expertise, IPAsset, Match, Need

    for model in (IPAsset, Need, Expertise, Match, Deal):
        counts[model.__name__] = model.objects.count()
    counts["TimelineEvent"] = TimelineEvent.objects.count()  # matches declined, deals moved
    from partnerships.programmes.models import Accreditation, Cohort, Programme

    for model in (Programme, Cohort, Accreditation):
        counts[model.__name__] = model.objects.count()
    for name in ("strands", "colleges"):
        counts[f"Programme.{name}"] = getattr(Programme, name).through.objects.count()
    return counts


def registry_entry(ror_id: str, name: str, **fields) -> RegistryEntry:
    return RegistryEntry.objects.create(ror_id=ror_id, name=name, schema_version="2", record={}, **fields)


@pytest.mark.django_db
def test_creates_the_demo_records_all_marked_as_demo(profile):
    """Partners, people, affiliations, relationships and interactions are created, every one marked is_demo."""
    output = load_demo()

    assert Organisation.objects.count() == len(organisation_data.ORGANISATIONS)
    people = len(organisation_data.CONTACTS) + len(organisation_data.STAFF)
    assert Person.objects.count() == people + len(postgraduate_demo.RECORDS)  # and the students
    assert Affiliation.objects.count() == people
    assert Relationship.objects.count() == len(demo_data.RELATIONSHIPS)
    assert Interaction.objects.count() == len(demo_data.INTERACTIONS)
    for model in MODELS:
        assert not model.objects.filter(is_demo=False).exists(), model.__name__
    assert "Created: 15 organisations" in output
    assert ObjectChange.objects.filter(source="command").exists()


@pytest.mark.one_database
@pytest.mark.django_db
def test_interactions_cover_every_strand_college_and_kind(profile):
    """Every strand and every college appears on some interaction, and every kind of interaction is used."""
    load_demo()

    for strand in Strand.objects.all():
        assert Interaction.objects.filter(strands=strand).exists(), strand.code
    for college in College.objects.all():
        assert Interaction.objects.filter(colleges=college).exists(), college.code
    assert set(Interaction.objects.values_list("kind", flat=True)) == set(InteractionKind.values)
    assert set(Relationship.objects.values_list("stage", flat=True)) == set(Stage.values)


@pytest.mark.one_database
@pytest.mark.django_db
def test_a_year_of_interactions_with_open_and_overdue_follow_ups(profile):
    """Interactions fall in the last twelve months; some follow-ups are due within 30 days and one is overdue."""
    load_demo()
    today = timezone.localdate()
    open_follow_ups = Interaction.objects.filter(follow_up_done=False, follow_up_date__isnull=False)

    assert not Interaction.objects.filter(date__lt=today - timedelta(days=365)).exists()
    assert not Interaction.objects.filter(date__gt=today).exists()
    assert open_follow_ups.filter(follow_up_date__lt=today).count() == 1
    assert (
        open_follow_ups.filter(follow_up_date__gte=today, follow_up_date__lte=today + timedelta(days=30)).count() >= 3
    )
    assert not open_follow_ups.filter(follow_up_owner__isnull=True).exists()


@pytest.mark.one_database
@pytest.mark.django_db
def test_people_are_bilingual_and_carry_personal_data_fields(profile):
    """Contacts have Chinese names written family name first; staff have a college; all have the data-protection fields."""
    load_demo()
    contact = Person.objects.get(email="chen.xiaoyan@sysu.example.org")
    staff = Person.objects.filter(kind="staff")

    assert (contact.name_zh, contact.latin_name, contact.wechat_id) == ("陈晓燕", "CHEN Xiaoyan", "chenxy_sysu_demo")
    assert contact.affiliations.get().organisation.ror_id == "0064kty71"
    assert staff.count() == len(organisation_data.STAFF)
    assert not staff.filter(college__isnull=True).exists()
    assert set(staff.values_list("affiliations__organisation__ror_id", flat=True)) == {"03angcq70"}
    assert not Person.objects.filter(lawful_basis="").exists()
    assert not Person.objects.filter(retain_until__isnull=True).exists()


@pytest.mark.django_db
def test_running_twice_changes_nothing(profile):
    """A second run creates no rows and no change-log entries."""
    load_demo()
    before = row_counts()

    output = load_demo()

    assert row_counts() == before
    assert "nothing created" in output


@pytest.mark.one_database
@pytest.mark.django_db
def test_without_the_registry_organisations_come_from_the_demo_data(profile):
    """With no registry loaded, partners are made from the fallback data, ROR IDs and Chinese names included."""
    output = load_demo()

    sysu = Organisation.objects.get(ror_id="0064kty71")
    assert (sysu.name_en, sysu.name_zh, sysu.pinyin) == ("Sun Yat-sen University", "中山大学", "zhong shan da xue")
    assert sysu.acronyms == ["SYSU"]
    assert Organisation.objects.get(ror_id="037p24858").parent == sysu
    assert Organisation.objects.filter(kind="company").exclude(uscc="").count() == 3
    assert "0 from the ROR registry, 15 from the demo data file" in output


@pytest.mark.one_database
@pytest.mark.django_db
def test_with_the_registry_organisations_come_from_their_entries(profile):
    """A partner whose ROR entry is loaded is made from it, keeps its ROR ID, and gets the acronym the demo adds."""
    registry_entry(
        "0064kty71",
        "Sun Yat-sen University",
        name_zh="中山大学",
        aliases=["Zhongshan University", "Sun Yat-sen Univ"],
        types=["education"],
        city="Guangzhou",
        country="CN",
        website="https://www.sysu.edu.cn",
    )
    registry_entry("03angcq70", "University of Birmingham", types=["education"], city="Birmingham", country="GB")

    output = load_demo()

    sysu = Organisation.objects.get(ror_id="0064kty71")
    assert sysu.is_demo
    assert sysu.website == "https://www.sysu.edu.cn"  # only the registry has it
    assert sysu.aliases == ["Zhongshan University", "Sun Yat-sen Univ"]
    assert sysu.acronyms == ["SYSU"]
    assert set(sysu.strands.values_list("code", flat=True)) == {"research", "postgraduate", "capacity"}
    assert Organisation.objects.get(ror_id="03angcq70").name_zh == "伯明翰大学"
    assert "2 from the ROR registry, 13 from the demo data file" in output


@pytest.mark.one_database
@pytest.mark.django_db
def test_loading_the_registry_between_runs_makes_no_duplicates(profile):
    """Organisations made from the fallback data are found again by ROR ID once the registry is loaded."""
    load_demo()
    before = row_counts()
    registry_entry("0064kty71", "Sun Yat-sen University", name_zh="中山大学")
    registry_entry("07zz0zz00", "Guangdong University of Technology", name_zh="广东工业大学")

    load_demo()

    assert row_counts() == before


@pytest.mark.one_database
@pytest.mark.django_db
def test_an_organisation_already_recorded_is_used_as_it_is(profile):
    """A partner the centre already recorded (same ROR ID) is reused, not duplicated and not marked as demo."""
    own = Organisation.objects.create(name_en="SYSU (our record)", ror_id="0064kty71")

    load_demo()

    own.refresh_from_db()
    assert Organisation.objects.filter(ror_id="0064kty71").count() == 1
    assert (own.name_en, own.is_demo) == ("SYSU (our record)", False)
    assert own.relationship.is_demo


@pytest.mark.django_db
def test_without_the_profile_it_refuses_and_writes_nothing():
    """Without the institution profile the command says to load it first."""
    with pytest.raises(CommandError, match="load_profile"):
        load_demo()

    assert not Organisation.objects.exists()


def test_demo_data_is_consistent():
    """Keys resolve, titles and e-mails are unique, e-mails are on example domains, follow-ups come after the interaction."""
    organisations = {item["key"] for item in organisation_data.ORGANISATIONS}
    people = {**organisation_data.CONTACTS, **organisation_data.STAFF}
    titles = [item["title"] for item in demo_data.INTERACTIONS]
    emails = [person["email"].lower() for person in people.values()]

    assert len(titles) == len(set(titles))
    assert len(emails) == len(set(emails))
    assert all(e.endswith((".example.org", "@example.ac.uk")) for e in emails)
    assert organisation_data.HOME in organisations
    assert {p["organisation"] for p in organisation_data.CONTACTS.values()} <= organisations
    assert set(demo_data.RELATIONSHIPS) == organisations - {organisation_data.HOME}
    assert {r["manager"] for r in demo_data.RELATIONSHIPS.values()} <= set(organisation_data.STAFF)
    for item in demo_data.INTERACTIONS:
        assert set(item["organisations"]) <= organisations, item["title"]
        assert set(item.get("people", [])) <= set(people), item["title"]
        assert 0 <= item["days_ago"] < 365, item["title"]
        if "follow_up" in item:
            assert item["follow_up"]["owner"] in organisation_data.STAFF
            assert item["follow_up"]["in_days"] >= -item["days_ago"], item["title"]


def test_each_app_owns_its_demo_and_lower_apps_load_first():
    """Every app with demo data registers its own loader; they run in the layers' order."""
    from partnerships.core.demo import loaders

    assert [label for label, _load in loaders()] == [
        "organisations",
        "relationships",
        "agreements",
        "strategy",
        "research",
        "postgraduate",
        "capacity",
        "business",
        "programmes",
    ]


@pytest.mark.django_db
def test_an_app_that_refuses_stops_the_whole_load(profile, monkeypatch):
    """A loader raising ValidationError (here the last one) leaves nothing of the others written."""
    from django.core.exceptions import ValidationError

    from partnerships.core import demo

    def refuse(run):
        raise ValidationError("the agreements' demo cannot load")

    monkeypatch.setitem(demo.LOADERS, "agreements", refuse)
    with pytest.raises(CommandError, match="nothing was written: the agreements' demo cannot load"):
        load_demo()
    assert not Organisation.objects.exists() and not Interaction.objects.exists()


@pytest.mark.one_database
@pytest.mark.django_db
def test_the_strategy_and_research_demo_covers_the_themes_colleges_initiatives_and_objectives(profile):
    """Projects in all four themes and five colleges, two signature initiatives, and objectives both
    served and not yet served (the objective page's plain "nothing serves it")."""
    from partnerships.core.models import Theme
    from partnerships.research.models import Project
    from partnerships.strategy.models import Initiative, Objective

    load_demo()

    assert set(Theme.objects.filter(research_project_set__isnull=False).values_list("code", flat=True)) == {
        "medicine",
        "environment",
        "energy",
        "manufacturing",
    }
    assert College.objects.filter(research_project_set__isnull=False).distinct().count() == College.objects.count() == 5
    assert Initiative.objects.count() == 2
    assert all(i.projects.exists() and i.agreements.exists() for i in Initiative.objects.all())
    served = (
        Objective.objects.filter(projects__isnull=False).distinct()
        | Objective.objects.filter(initiatives__isnull=False).distinct()
    )
    assert served.distinct().count() >= 3
    assert Objective.objects.exclude(pk__in=served.values("pk")).exists()
    assert set(Project.objects.values_list("status", flat=True)) >= {
        "idea",
        "proposed",
        "submitted",
        "funded",
        "active",
        "completed",
        "declined",
    }


@pytest.mark.one_database
@pytest.mark.django_db
def test_the_business_demo_has_ip_needs_experts_matches_and_a_deal_at_every_stage(profile):
    """IP, needs (some only in Chinese), experts, the matches the engine proposes (some found not relevant,
    with a reason) and a deal at every stage, all marked as demo and said in the command's output."""
    from partnerships.business import demo_data as business_data
    from partnerships.business.choices import DealStage, MatchStatus
    from partnerships.business.models import Deal, Expertise, IPAsset, Match, Need

    output = load_demo()

    assert IPAsset.objects.count() == len(business_data.IP_ASSETS)
    assert Need.objects.count() == len(business_data.NEEDS)
    assert Expertise.objects.count() == len(business_data.EXPERTISE)
    assert Deal.objects.count() == len(business_data.DEALS)
    for model in (IPAsset, Need, Expertise, Match, Deal):
        assert model.objects.exists() and not model.objects.filter(is_demo=False).exists(), model.__name__
    assert Need.objects.filter(title_en="").exclude(title_zh="").exists()
    assert set(Deal.objects.values_list("stage", flat=True)) == set(DealStage.values)
    declined = Match.objects.filter(status=MatchStatus.NOT_RELEVANT)
    # The lowest IP suggestion of the first two needs offered more than one.
    assert declined.count() == 2 and not declined.filter(reason="").exists()
    assert (
        f"Demo business engagement created: {len(business_data.IP_ASSETS)} IP assets, "
        f"{len(business_data.NEEDS)} needs, {len(business_data.EXPERTISE)} experts, "
        f"{Match.objects.count()} matches, {len(business_data.DEALS)} deals." in output
    )

    again = load_demo()

    assert (
        f"Demo business engagement already loaded: nothing created. {len(business_data.IP_ASSETS)} IP assets, "
        f"{len(business_data.NEEDS)} needs, {len(business_data.EXPERTISE)} experts, 0 matches, "
        f"{len(business_data.DEALS)} deals found." in again
    )


@pytest.mark.one_database
@pytest.mark.django_db
def test_the_programmes_demo_has_three_programmes_with_five_years_of_cohorts(profile):
    """Three programmes with SCUT under the joint-programme agreement, each with cohorts for five
    consecutive academic years, one with its PRC approval ending within 90 days; all marked as demo,
    said in the command's output, and a rerun creates nothing."""
    from partnerships.programmes import demo as programmes_demo
    from partnerships.programmes.models import Accreditation, Cohort, Programme

    output = load_demo()

    programmes = Programme.objects.all()
    assert programmes.count() == len(programmes_demo.PROGRAMMES) == 3
    for programme in programmes:
        years = sorted(programme.cohorts.values_list("academic_year", flat=True))
        assert len(years) == 5 and years == list(range(years[0], years[0] + 5)), programme.title_en
        assert programme.partner.acronyms == ["SCUT"] and programme.agreement is not None, programme.title_en
        assert programme.strands.filter(code="education").exists(), programme.title_en
    assert len({tuple(p.cohorts.values_list("academic_year", flat=True)) for p in programmes}) == 1
    today = timezone.localdate()
    ending = programmes.filter(prc_valid_until__gte=today, prc_valid_until__lte=today + timedelta(days=90))
    assert ending.count() == 1
    for model in (Programme, Cohort, Accreditation):
        assert model.objects.exists() and not model.objects.filter(is_demo=False).exists(), model.__name__
    assert (
        f"Demo programmes created: 3 programmes, {Cohort.objects.count()} cohorts, "
        f"{Accreditation.objects.count()} accreditations." in output
    )
    before = row_counts()

    again = load_demo()

    assert row_counts() == before
    assert "Demo programmes already loaded: nothing created. 3 programmes found." in again
