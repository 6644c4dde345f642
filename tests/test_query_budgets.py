"""No N+1: list and detail pages make a fixed number of queries, however many rows they show."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.core.models import College, Institution, Strand, Theme
from partnerships.registry.models import RegistryEntry
from partnerships.strategy.models import Initiative, Objective

from .conftest import join_business_team
from .factories import (
    AccreditationFactory,
    AffiliationFactory,
    AgreementFactory,
    CohortFactory,
    DealFactory,
    DocumentFactory,
    ExchangeRateFactory,
    ExpertiseFactory,
    FundingFactory,
    InteractionFactory,
    IPAssetFactory,
    MatchFactory,
    NeedFactory,
    ObligationFactory,
    OrganisationFactory,
    PartyFactory,
    PersonFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectMemberFactory,
    ProjectPartnerFactory,
    RelationshipFactory,
    SignatoryFactory,
    StaffFactory,
)

# Pages that list records, with the factory that fills them.
LIST_PAGES = {
    "/organisations/": lambda: RelationshipFactory().organisation,
    "/people/": lambda: AffiliationFactory().person,
    "/affiliations/": AffiliationFactory,
    "/relationships/": lambda: RelationshipFactory(manager=StaffFactory()),
    "/relationships/board/": lambda: RelationshipFactory(manager=StaffFactory()),
    "/interactions/": lambda: InteractionFactory(),
    "/registry/": None,
    "/agreements/": lambda: tag(
        SignatoryFactory(party=PartyFactory(agreement=AgreementFactory(responsible=StaffFactory()))).party.agreement
    ),
    "/agreements/calendar/": lambda: _in_force(PartyFactory().agreement),
    "/agreement-parties/": PartyFactory,
    "/agreement-signatories/": SignatoryFactory,
    "/agreement-obligations/": lambda: ObligationFactory(owner=StaffFactory()),
    "/agreement-documents/": DocumentFactory,
    "/agreement-kinds/": None,
    "/projects/": lambda: ProjectPartnerFactory(project=FundingFactory().project).project,
    "/project-partners/": ProjectPartnerFactory,
    "/project-members/": ProjectMemberFactory,
    "/project-funding/": FundingFactory,
    "/exchange-rates/": ExchangeRateFactory,
    "/objectives/": lambda: Objective.objects.create(
        code=f"O-{Objective.objects.count()}",
        title_en="Objective",
        college=College.objects.first(),
        owner=StaffFactory(),
    ),
    "/initiatives/": lambda: Initiative.objects.create(name_en="Initiative", lead=StaffFactory()),
    "/outputs/": lambda: _output(),
    "/postgraduate/": lambda: _training(),
    "/supervisions/": lambda: _supervision(),
    "/capacity-building/": lambda: _activity(),
    "/headcounts/": lambda: _headcount(),
    "/ip-assets/": lambda: _ip_asset(),
    "/business-needs/": lambda: _need(),
    "/expertise/": lambda: _expertise(),
    "/matches/": lambda: _matched_need(),
    "/deals/": lambda: _deal(),
    # Two columns only: each fills past the cards it shows (the HTML budget's page of rows).
    "/deals/board/": lambda: _deal(stages=("lead", "negotiation")),
    "/deals/forecast/": lambda: _deal(),
    "/sectors/": None,
    "/programmes/": lambda: _programme(),
    "/accreditations/": lambda: AccreditationFactory(programme=_programme()),
    "/cohorts/": lambda: CohortFactory(programme=_programme()),
    # Reference data, a row for each level and delivery model (as the migration seeds them).
    "/offshore-return-codes/": lambda: _aor_codes(),
    "/colleges/": None,
    "/strands/": None,
    "/themes/": None,
}
# Business engagement's confidential records are seen by its team (and admins) alone: these pages are
# read by an editor on the team, who sees every row (an editor outside it would see none).
TEAM_PAGES = {"/ip-assets/", "/business-needs/", "/matches/", "/deals/", "/deals/board/", "/deals/forecast/"}
BUDGET = 25
# A strand's page carries each app's overview (research 10 queries, postgraduate 5, capacity 6,
# programmes 7) on top of the term page's own: more queries, but as fixed as any page's (the test's
# first assertion). Business engagement has no overview; its four tagged types (IP, needs, expertise,
# deals) are counted by the term page, one query each, and so are the educational platform's programmes.
# An agreement's page has a section for each app that runs under agreements (the programmes' the latest).
DETAIL_BUDGETS = {"research strand": 40, "strand with every overview": 53, "agreement": 31}


def tag(obj):
    if hasattr(obj, "strands"):
        obj.strands.set(Strand.objects.all()[:2])
        obj.colleges.set(College.objects.all()[:2])
        obj.themes.set(Theme.objects.all()[:1])
    return obj


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


@pytest.mark.django_db
@pytest.mark.parametrize("url", LIST_PAGES)
def test_list_pages_have_a_fixed_query_budget(profile, editor, editor_client, url):
    if url in TEAM_PAGES:
        join_business_team(editor)
    make = LIST_PAGES[url]
    if make:
        for _ in range(3):
            tag(make())
    few = count_queries(editor_client, url)
    if make:
        for _ in range(12):
            tag(make())
    many = count_queries(editor_client, url)
    assert many == few, f"{url}: {few} queries for 3 rows, {many} for 15"
    assert many <= BUDGET, f"{url}: {many} queries"


def _in_force(agreement):
    """Active, ending next month: inside the calendar's default window."""
    from datetime import timedelta

    from django.utils import timezone

    from partnerships.agreements.models import Agreement

    next_month = timezone.localdate().replace(day=1) + timedelta(days=40)
    Agreement.objects.filter(pk=agreement.pk).update(status="active", end_date=next_month, notice_period_days=90)
    return agreement


def rich_agreement():
    agreement = tag(AgreementFactory(responsible=StaffFactory(), parent=AgreementFactory()))
    for _ in range(3):
        SignatoryFactory(party=PartyFactory(agreement=agreement))
        ObligationFactory(agreement=agreement, owner=StaffFactory())
        DocumentFactory(agreement=agreement)
        AgreementFactory(parent=agreement)
        agreement.interactions.add(InteractionFactory())
    return agreement


def rich_organisation():
    org = tag(RelationshipFactory(manager=StaffFactory()).organisation)
    for _ in range(4):
        AffiliationFactory(organisation=org)
        InteractionFactory(organisations=[org, OrganisationFactory()]).people.add(PersonFactory())
    OrganisationFactory(parent=org)
    return org


def rich_project():
    project = tag(ProjectFactory(agreement=AgreementFactory()))
    for _ in range(3):
        ProjectPartnerFactory(project=project)
        ProjectMemberFactory(project=project, organisation=OrganisationFactory())
        FundingFactory(project=project, currency="CNY")
    return project


def research_strand():
    """A strand with projects under it: its page shows the research overview."""
    for _ in range(3):
        FundingFactory(project=tag(ProjectFactory(start_date=datetime.date(2025, 9, 1))), currency="CNY")
    tag(InteractionFactory())  # the test tags interactions before its second look: a type from the start
    return Strand.objects.first()


def rich_initiative():
    initiative = tag(Initiative.objects.create(name_en="Initiative", lead=StaffFactory()))
    for n in range(3):
        initiative.agreements.add(AgreementFactory())
        initiative.objectives.add(Objective.objects.create(code=f"I{initiative.pk}-{n}", title_en="Objective"))
        ProjectFactory(initiative=initiative)
    return initiative


def served_objective():
    objective = Objective.objects.create(code=f"S-{Objective.objects.count()}", title_en="Objective")
    for _ in range(3):
        ProjectFactory().objectives.add(objective)
        Initiative.objects.create(name_en="Initiative").objectives.add(objective)
    return objective


def _output():
    from partnerships.research.models import Output

    output = Output.objects.create(title="Paper", doi=f"10.5555/b.{Output.objects.count()}", year=2025)
    output.projects.add(ProjectFactory())
    output.partners.add(OrganisationFactory(), OrganisationFactory())
    return output


def _training():
    from partnerships.postgraduate.models import TrainingRecord

    record = tag(
        TrainingRecord.objects.create(kind="joint_phd", student=PersonFactory(), partner=OrganisationFactory())
    )
    record.projects.add(ProjectFactory(), ProjectFactory())
    return record


def _supervision():
    from partnerships.postgraduate.models import Supervision

    return Supervision.objects.create(record=_training(), person=StaffFactory(), organisation=OrganisationFactory())


def _activity():
    from partnerships.capacity.models import Activity, ParticipantCount

    activity = tag(
        Activity.objects.create(title_en="Workshop", start_date=datetime.date(2025, 5, 1), lead=StaffFactory())
    )
    activity.partners.add(OrganisationFactory(), OrganisationFactory())
    activity.participants.add(PersonFactory())
    ParticipantCount.objects.create(activity=activity, category="students", count=12)
    return activity


def _headcount():
    from partnerships.capacity.models import ParticipantCount

    return ParticipantCount.objects.filter(activity=_activity()).first()


def _ip_asset():
    asset = IPAssetFactory(owner=StaffFactory())
    asset.inventors.add(StaffFactory(), PersonFactory())
    asset.sectors.set(_sectors())
    asset.projects.add(ProjectFactory())
    return asset


def _sectors():
    from partnerships.business.models import Sector

    return Sector.objects.order_by("pk")[:2]


def _need():
    return NeedFactory(owner=StaffFactory(), contact=PersonFactory())


def _expertise():
    expertise = ExpertiseFactory()
    expertise.sectors.set(_sectors())
    return expertise


def _matched_need():
    """A need with an IP asset and an expert proposed for it."""
    need = _need()
    MatchFactory(need=need, ip_asset=_ip_asset(), reasons={"concepts": [{"en": "battery", "zh": "电池"}]})
    MatchFactory(need=need, ip_asset=None, expert=_expertise(), score="0.250")
    return need


def _deal(stages=()):
    """A deal at each stage in turn, in GBP or CNY (the board and forecast convert), named by team and IP."""
    from partnerships.business.choices import DealStage
    from partnerships.business.models import Deal

    n = Deal.objects.count()
    stages = stages or DealStage.values
    stage = stages[n % len(stages)]
    deal = DealFactory(
        owner=StaffFactory(),
        need=_need(),
        agreement=AgreementFactory(),
        stage=stage,
        currency=("GBP", "CNY")[n % 2],
        expected_close=datetime.date(2026, 1 + n % 12, 15),
        closed_on=datetime.date(2026, 3, 1) if stage in ("won", "lost") else None,
    )
    deal.team.add(StaffFactory())
    deal.ip_assets.add(IPAssetFactory())
    return deal


def rich_ip_asset():
    """An IP asset with matches and deals; its open needs are fewer than the five the page ranks, so
    the second, bigger page ranks more of them (each named with its company)."""
    asset = tag(_ip_asset())
    for _ in range(2):
        MatchFactory(ip_asset=asset, need=_need())
    for _ in range(3):
        DealFactory().ip_assets.add(asset)
    return asset


def rich_need():
    need = tag(_need())
    for status in ("suggested", "contacted", "not_relevant"):
        MatchFactory(need=need, ip_asset=_ip_asset(), status=status, reason="Another technology.")
        MatchFactory(need=need, ip_asset=None, expert=_expertise(), status=status, reason="Busy.")
        DealFactory(need=need, company=need.company, owner=StaffFactory())
    return need


def rich_expertise():
    expertise = tag(_expertise())
    for _ in range(3):
        MatchFactory(expert=expertise, ip_asset=None, need=_need())
    return expertise


def decided_match():
    from partnerships.business import services

    match = MatchFactory(need=tag(_need()), ip_asset=_ip_asset(), reasons={"themes": ["Energy"], "trl": "fits"})
    services.match_decide(match=match, to="contacted")
    services.match_decide(match=match, to="interested")
    return match


def rich_deal():
    from partnerships.business import services

    deal = tag(_deal())
    for _ in range(3):
        deal.team.add(StaffFactory())
        deal.ip_assets.add(_ip_asset())
    services.deal_move(deal=deal, to="qualified" if deal.stage != "qualified" else "proposal")
    return deal


def business_company():
    """A company with needs and deals: the business-engagement sections of its page."""
    company = OrganisationFactory(kind="company")
    for _ in range(3):
        NeedFactory(company=company, owner=StaffFactory())
        DealFactory(company=company, owner=StaffFactory())
    return company


def business_person():
    """A researcher with expertise, inventions and deals: the business sections of a person's page."""
    person = StaffFactory()
    ExpertiseFactory(person=person)
    for _ in range(3):
        IPAssetFactory(owner=StaffFactory()).inventors.add(person)
        DealFactory().team.add(person)
    return person


def _programme(**fields):
    """A programme under an agreement, with both leads."""
    return ProgrammeFactory(
        agreement=AgreementFactory(), lead_home=StaffFactory(), lead_partner=PersonFactory(), **fields
    )


def _aor_codes():
    """The offshore return's codes for every level and delivery model: the rows the migration seeds
    (made again if a transactional test's flush emptied the table)."""
    from partnerships.programmes.choices import DeliveryModel, Level
    from partnerships.programmes.models import AorCode

    for field, values, code in (
        (AorCode.Field.LEVEL, Level.values, "H"),
        (AorCode.Field.TYPE, DeliveryModel.values, "5"),
    ):
        for value in values:
            AorCode.objects.get_or_create(field=field, value=value, defaults={"code": code})
    return AorCode.objects.order_by("pk").first()


def rich_programme():
    """A programme with cohorts, accreditations and a move along its lifecycle (its timeline)."""
    from partnerships.programmes import services

    programme = tag(_programme(uk_approval_date=datetime.date(2024, 5, 1)))
    for _ in range(3):
        CohortFactory(programme=programme)
        AccreditationFactory(programme=programme)
    services.programme_transition(programme=programme, to="approved")
    return programme


def rich_training():
    from partnerships.postgraduate.models import Supervision

    record = _training()
    for _ in range(3):
        Supervision.objects.create(record=record, person=StaffFactory(), organisation=OrganisationFactory())
    return record


def every_strand_overview():
    """A strand with projects, students, activities and programmes with cohorts and accreditations
    falling due: every overview on one page."""
    research_strand()
    strand = Strand.objects.first()
    soon = datetime.date.today() + datetime.timedelta(days=30)
    for _ in range(3):
        _training().strands.add(strand)
        _activity().strands.add(strand)
        programme = _programme(periodic_review_due=soon)
        programme.strands.add(strand)
        CohortFactory(programme=programme)
        AccreditationFactory(programme=programme, expires_on=soon)
    return strand


DETAIL_PAGES = {
    "organisation": rich_organisation,
    "person": lambda: tag(AffiliationFactory().person),
    "relationship": lambda: tag(RelationshipFactory(manager=StaffFactory())),
    "interaction": lambda: tag(InteractionFactory()),
    "affiliation": AffiliationFactory,
    # Tagged relationships too: their names come from their organisation (a join, not a query each).
    "strand": lambda: tag(RelationshipFactory()) and tag(InteractionFactory()).strands.first(),
    "college": lambda: tag(InteractionFactory()).colleges.first(),
    "theme": lambda: tag(InteractionFactory()).themes.first(),
    "institution": lambda: Institution.current(),
    "project": rich_project,
    "research strand": research_strand,
    "strand with every overview": every_strand_overview,
    "output": _output,
    "training record": rich_training,
    "activity": _activity,
    "initiative": rich_initiative,
    "objective": served_objective,
    "agreement": rich_agreement,
    "registry entry": lambda: RegistryEntry.objects.create(
        ror_id=f"0{RegistryEntry.objects.count():08d}",
        name="Entry",
        relationships=[{"type": "parent", "id": "0064kty71", "label": "SYSU"}],
        schema_version="2",
        record={},
    ),
    "ip asset": rich_ip_asset,
    "need": rich_need,
    "expertise": rich_expertise,
    "match": decided_match,
    "deal": rich_deal,
    "sector": lambda: _ip_asset().sectors.first(),
    "company": business_company,
    "business person": business_person,
    "programme": rich_programme,
    "accreditation": lambda: AccreditationFactory(programme=_programme()),
    "cohort": lambda: CohortFactory(programme=_programme()),
    "offshore return code": _aor_codes,
}
# Read by an editor on the business-engagement team: the confidential records and sections are theirs to see.
TEAM_KINDS = {"ip asset", "need", "match", "deal", "company", "business person", "expertise"}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", DETAIL_PAGES)
def test_detail_pages_have_a_fixed_query_budget(profile, editor, editor_client, kind):
    if kind in TEAM_KINDS:
        join_business_team(editor)
    small = DETAIL_PAGES[kind]()
    editor_client.get(small.get_absolute_url())  # warm per-process caches (content types)
    few = count_queries(editor_client, small.get_absolute_url())
    big = DETAIL_PAGES[kind]()
    # More related records and more history must not mean more queries.
    for _ in range(5):
        tag(InteractionFactory(organisations=[OrganisationFactory()]))
        if hasattr(big, "description"):
            big.description += " more"
            big.save()
    # Per-process caches again: the resolver's name index (read by the registry entry page) is rebuilt
    # once after the writes above, a fixed cost of the first request, not one that grows with the records.
    editor_client.get(big.get_absolute_url())
    many = count_queries(editor_client, big.get_absolute_url())
    assert many == few, f"{kind}: {few} queries, then {many}"
    assert many <= DETAIL_BUDGETS.get(kind, BUDGET + 5), f"{kind}: {many} queries"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/api/organisations/", "/api/people/", "/api/interactions/", "/api/relationships/", "/api/affiliations/"]
)
def test_api_lists_have_a_fixed_query_budget(profile, editor_client, url):
    for _ in range(3):
        tag(InteractionFactory()).people.add(AffiliationFactory().person)
        RelationshipFactory()
    few = count_queries(editor_client, url)
    for _ in range(10):
        tag(InteractionFactory()).people.add(AffiliationFactory().person)
        RelationshipFactory()
    assert count_queries(editor_client, url) == few


def search_partner(n: int):
    """A record of each searchable kind with "Budget" in its name."""
    org = OrganisationFactory(name_en=f"Budget University {n}", acronyms=[f"BU{n}"])
    PartyFactory(organisation=org, agreement=AgreementFactory(title_en=f"Budget agreement {n}"))
    InteractionFactory(title=f"Budget visit {n}", organisations=[org])
    RelationshipFactory(organisation=org)
    PersonFactory(family_name=f"Budget{n}")
    IPAssetFactory(title_en=f"Budget battery model {n}")
    NeedFactory(title_en=f"Budget storage need {n}", company=OrganisationFactory(kind="company"))
    DealFactory(title=f"Budget licence {n}", company=org)
    ExpertiseFactory(person=StaffFactory(family_name=f"Budgetexpert{n}"))
    ProgrammeFactory(title_en=f"Budget programme {n}", partner=org)


@pytest.mark.django_db
@pytest.mark.parametrize("team", [False, True], ids=["outside the business team", "on the business team"])
@pytest.mark.parametrize("url", ["/search/?q=Budget", "/api/search/?q=Budget", "/search/?q=Budgte"])
def test_global_search_has_a_fixed_query_budget(profile, editor, editor_client, url, team):
    """However many records of however many types match (or nearly match), the search makes the same
    queries; the confidential business types are found by the team alone, at the same cost."""
    if team:
        join_business_team(editor)
    search_partner(0)
    count_queries(editor_client, url)  # warm per-process caches (content types, the pg_trgm check)
    few = count_queries(editor_client, url)
    for n in range(1, 13):
        search_partner(n)
    many = count_queries(editor_client, url)
    assert many == few, f"{url}: {few} queries for 1 match a type, {many} for 13"
    assert many <= BUDGET, f"{url}: {many} queries"


def offshore_programme(year: int, n: int):
    """A programme taught at the partner's campus: odd ones with a cohort in `year` (counted in a row),
    even ones with only the year before (a problem the return reports), so both parts of the page grow."""
    programme = ProgrammeFactory(
        status="running",
        location="partner",
        delivery_model=("dual_degree", "jointly_delivered")[n % 2],
        prc_approval_number=f"MOE44GB2A{n}",
        prc_valid_until=datetime.date(year + 3, 1, 1),
    )
    CohortFactory(programme=programme, academic_year=year if n % 2 else year - 1)


@pytest.mark.django_db
def test_the_offshore_return_has_a_fixed_query_budget(profile, editor_client):
    """The HESA offshore return reads the codes, the programmes and their cohorts once, however many."""
    _aor_codes()
    year = 2025
    url = f"/programmes/offshore-return/?year={year}"
    for n in range(3):
        offshore_programme(year, n)
    count_queries(editor_client, url)  # warm per-process caches
    few = count_queries(editor_client, url)
    for n in range(3, 15):
        offshore_programme(year, n)
    many = count_queries(editor_client, url)
    assert many == few, f"{few} queries for 3 programmes, {many} for 15"
    assert many <= BUDGET, f"{many} queries"
