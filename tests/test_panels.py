"""Record pages are bounded: each panel shows the latest few and links "All …" to the list filtered to the
record, so a page's queries and its HTML stay the same however many records are tied to it."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.core import panels
from partnerships.core.events import record_event
from partnerships.core.models import Notification, Strand
from partnerships.core.panels import PANEL_SIZE
from partnerships.relationships.models import Interaction

from .conftest import join_business_team
from .factories import (
    AffiliationFactory,
    AgreementFactory,
    DealFactory,
    DocumentFactory,
    ExpertiseFactory,
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
    RelationshipFactory,
    SignatoryFactory,
    StaffFactory,
)

FEW, MANY = PANEL_SIZE + 2, 5 * PANEL_SIZE
# After numbers are blanked out, pages may differ by no more than a changed number's grouping.
SLACK = 8


def organisation_page(n: int):
    org = OrganisationFactory()
    RelationshipFactory(organisation=org, manager=StaffFactory())
    for _ in range(n):
        OrganisationFactory(parent=org)
        AffiliationFactory(organisation=org)
        InteractionFactory(organisations=[org])
        PartyFactory(organisation=org)
    links = [
        ("/organisations/", {"parent": org.pk}),
        ("/affiliations/", {"organisation": org.pk}),
        ("/interactions/", {"organisation": org.pk}),
        ("/agreements/", {"partner": org.pk}),
    ]
    return org.get_absolute_url(), links


def person_page(n: int):
    person = PersonFactory()
    for _ in range(n):
        AffiliationFactory(person=person)
        InteractionFactory().people.add(person)
    return person.get_absolute_url(), [
        ("/affiliations/", {"person": person.pk}),
        ("/interactions/", {"person": person.pk}),
    ]


def relationship_page(n: int):
    relationship = RelationshipFactory(manager=StaffFactory())
    for _ in range(n):
        InteractionFactory(organisations=[relationship.organisation])
    return relationship.get_absolute_url(), [("/interactions/", {"organisation": relationship.organisation_id})]


def agreement_page(n: int):
    agreement = AgreementFactory(responsible=StaffFactory())
    for i in range(n):
        AgreementFactory(parent=agreement)
        PartyFactory(agreement=agreement)
        DocumentFactory(agreement=agreement)
        ObligationFactory(agreement=agreement, owner=StaffFactory())
        agreement.interactions.add(InteractionFactory())
        record_event(agreement, "agreement.note", message=f"Note {i}")
    first_party = agreement.parties.order_by("pk").first()
    for _ in range(n):
        SignatoryFactory(party=first_party)
    return agreement.get_absolute_url(), [
        ("/agreements/", {"parent": agreement.pk}),
        ("/agreement-parties/", {"agreement": agreement.pk}),
        ("/agreement-signatories/", {"party": first_party.pk}),
        ("/agreement-documents/", {"agreement": agreement.pk}),
        ("/agreement-obligations/", {"agreement": agreement.pk}),
        ("/interactions/", {"agreement": agreement.pk}),
    ]


def strand_page(n: int):
    """One strand of the profile, tagged on more records each time."""
    strand = Strand.objects.get(code="business")
    for _ in range(n - strand.relationships_relationship_set.count()):
        InteractionFactory().strands.add(strand)
        RelationshipFactory().strands.add(strand)
    return strand.get_absolute_url(), [("/interactions/", {"strands": strand.code})]


def board_page(n: int):
    """One board, whose columns fill up: every stage gets `n` relationships."""
    from partnerships.relationships.choices import Stage

    for stage in Stage.values:
        for _ in range(n - board_page.filled.get(stage, 0)):
            RelationshipFactory(stage=stage, manager=StaffFactory())
        board_page.filled[stage] = n
    return "/relationships/board/", [("/relationships/", {"stage": stage}) for stage in Stage.values]


board_page.filled = {}


def home_page(n: int):
    for _ in range(n):
        InteractionFactory()
    return "/", []


def _more(key: str, n: int) -> int:
    """How many records to add to a page built before: `n` in all, whichever call this is."""
    done = _more.made.get(key, 0)
    _more.made[key] = max(done, n)
    return n - done


_more.made = {}


def need_page(n: int):
    """A need with `n` IP and `n` experts proposed, `n` IP matches found not relevant, and `n` deals."""
    need = need_page.need = getattr(need_page, "need", None) or NeedFactory(owner=StaffFactory())
    for _ in range(_more("need", n)):
        MatchFactory(need=need, ip_asset=IPAssetFactory())
        MatchFactory(need=need, ip_asset=None, expert=ExpertiseFactory())
        MatchFactory(need=need, ip_asset=IPAssetFactory(), status="not_relevant", reason="Another technology.")
        DealFactory(need=need, company=need.company)
    return need.get_absolute_url(), [
        # The IP list holds the proposed and those found not relevant: 2 × n.
        ("/matches/", {"need": need.pk, "has_ip": "true"}, 2 * n),
        ("/matches/", {"need": need.pk, "has_ip": "false"}),
        ("/matches/", {"need": need.pk, "status": "not_relevant"}),
        ("/deals/", {"need": need.pk}),
    ]


def ip_asset_page(n: int):
    """An IP asset matched to `n` needs (open needs it could answer, too) and sold in `n` deals."""
    asset = ip_asset_page.asset = getattr(ip_asset_page, "asset", None) or IPAssetFactory(owner=StaffFactory())
    for _ in range(_more("ip asset", n)):
        MatchFactory(ip_asset=asset, need=NeedFactory())
        DealFactory().ip_assets.add(asset)
    return asset.get_absolute_url(), [("/matches/", {"ip_asset": asset.pk}), ("/deals/", {"ip_asset": asset.pk})]


def expertise_page(n: int):
    expertise = expertise_page.expertise = getattr(expertise_page, "expertise", None) or ExpertiseFactory()
    for _ in range(_more("expertise", n)):
        MatchFactory(expert=expertise, ip_asset=None, need=NeedFactory())
    return expertise.get_absolute_url(), [("/matches/", {"expert": expertise.pk})]


def company_page(n: int):
    """A company's page with its business needs and deals."""
    company = company_page.company = getattr(company_page, "company", None) or OrganisationFactory(kind="company")
    for _ in range(_more("company", n)):
        NeedFactory(company=company, owner=StaffFactory())
        DealFactory(company=company)
    return company.get_absolute_url(), [
        ("/business-needs/", {"company": company.pk}),
        ("/deals/", {"company": company.pk}),
    ]


def researcher_page(n: int):
    """A researcher's page with their expertise, the IP they invented or look after and the deals they
    are on or own: the "All" links list both kinds."""
    person = researcher_page.person = getattr(researcher_page, "person", None) or StaffFactory()
    if not hasattr(person, "expertise"):
        ExpertiseFactory(person=person)
    for i in range(_more("researcher", n)):
        if i % 2:
            IPAssetFactory(owner=person)
            DealFactory(owner=person)
        else:
            IPAssetFactory().inventors.add(person)
            DealFactory().team.add(person)
    return person.get_absolute_url(), [("/ip-assets/", {"person": person.pk}), ("/deals/", {"person": person.pk})]


def project_and_agreement_page(n: int):
    """A project's IP and an agreement's deals (one page each: the project's is measured)."""
    project = project_and_agreement_page.project = getattr(project_and_agreement_page, "project", None) or (
        ProjectFactory(agreement=AgreementFactory())
    )
    for _ in range(_more("project", n)):
        IPAssetFactory().projects.add(project)
        DealFactory(agreement=project.agreement)
    return project.get_absolute_url(), [
        ("/ip-assets/", {"project": project.pk}),
        # The agreement's own page links its deals; the link is checked there.
        ("/deals/", {"agreement": project.agreement_id}, n, project.agreement.get_absolute_url()),
    ]


def deal_board_page(n: int):
    """The deal board, whose columns fill up: every stage gets `n` deals."""
    from partnerships.business.choices import DealStage

    for stage in DealStage.values:
        for _ in range(_more(f"deal board {stage}", n)):
            DealFactory(stage=stage)
    return "/deals/board/", [("/deals/", {"stage": stage}) for stage in DealStage.values]


def programme_partner_page(n: int):
    """A partner university teaching `n` programmes with the centre."""
    partner = OrganisationFactory(kind="university")
    for _ in range(n):
        ProgrammeFactory(partner=partner)
    return partner.get_absolute_url(), [("/programmes/", {"partner": partner.pk})]


def programme_agreement_page(n: int):
    """An agreement `n` programmes run under."""
    agreement = AgreementFactory()
    for _ in range(n):
        ProgrammeFactory(agreement=agreement)
    return agreement.get_absolute_url(), [("/programmes/", {"agreement": agreement.pk})]


def programme_lead_page(n: int):
    """A person leading `n` programmes, for Birmingham or for the partner: the "All" link lists both."""
    person = PersonFactory()
    for i in range(n):
        ProgrammeFactory(**{("lead_home", "lead_partner")[i % 2]: person})
    return person.get_absolute_url(), [("/programmes/", {"lead": person.pk})]


PAGES = {
    "home": home_page,
    "organisation": organisation_page,
    "person": person_page,
    "relationship": relationship_page,
    "agreement": agreement_page,
    "strand": strand_page,
    "board": board_page,
    "need": need_page,
    "ip asset": ip_asset_page,
    "expertise": expertise_page,
    "company": company_page,
    "researcher": researcher_page,
    "project and agreement": project_and_agreement_page,
    "deal board": deal_board_page,
    "programme partner": programme_partner_page,
    "programme agreement": programme_agreement_page,
    "programme lead": programme_lead_page,
}
# Business engagement's pages and sections, read by an editor on its team (who sees every confidential
# record; outside it, an editor would find the sections left out and the records missing).
TEAM_PAGES = {"need", "ip asset", "expertise", "company", "researcher", "project and agreement", "deal board"}


def _forget_pages():
    """Each test builds its pages afresh."""
    board_page.filled.clear()
    _more.made.clear()
    for page, attribute in [
        (need_page, "need"),
        (ip_asset_page, "asset"),
        (expertise_page, "expertise"),
        (company_page, "company"),
        (researcher_page, "person"),
        (project_and_agreement_page, "project"),
    ]:
        if hasattr(page, attribute):
            delattr(page, attribute)


def shape(html: str) -> str:
    """The page with its numbers blanked out (ids, dates, counts) and its CSRF tokens dropped."""
    html = re.sub(r'(csrfmiddlewaretoken" value=")[^"]*', r"\1", html)
    html = re.sub(r'("X-CSRFToken": ")[^"]*', r"\1", html)
    return re.sub(r"\d+", "0", html)


def measure(client, url) -> tuple[int, str]:
    client.get(url)  # warm per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx), response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", PAGES)
def test_a_page_stays_the_same_size_however_many_records_are_tied_to_it(profile, editor, editor_client, kind):
    """N+2 or 5×N related records: the same queries and the same HTML, with "All …" links to the rest."""
    _forget_pages()
    if kind in TEAM_PAGES:
        join_business_team(editor)
    url, _ = PAGES[kind](FEW)
    few_queries, few_html = measure(editor_client, url)
    url, links = PAGES[kind](MANY)
    many_queries, many_html = measure(editor_client, url)

    assert many_queries == few_queries, f"{kind}: {few_queries} queries with {FEW} related, {many_queries} with {MANY}"
    grown = len(shape(many_html)) - len(shape(few_html))
    assert abs(grown) <= SLACK, f"{kind}: {len(few_html)} bytes with {FEW} related, {len(many_html)} with {MANY}"
    for path, params, *rest in links:
        # A link may say how many its list holds (if not MANY) and on which page it is (if not this one).
        count = rest[0] if rest else MANY
        page = rest[1] if len(rest) > 1 else None
        href = f"{path}?{urlencode(params)}"
        html = many_html if page is None else editor_client.get(page).content.decode()
        assert f'href="{href}"' in html.replace("&amp;", "&"), f"{kind}: no link to {href}"
        # The link's list holds them all: the FilterSet behind it serves the API too.
        assert editor_client.get(href).status_code == 200, href
        assert editor_client.get(f"/api{href}").json()["count"] == count, href


@pytest.mark.django_db
def test_no_all_link_when_everything_fits(profile, editor_client):
    url, links = organisation_page(PANEL_SIZE)
    html = editor_client.get(url).content.decode().replace("&amp;", "&")
    for path, params in links:
        assert f'href="{path}?{urlencode(params)}"' not in html


@pytest.mark.django_db
def test_counts_stop_at_the_cap(profile, viewer_client, monkeypatch):
    """A strand page and the board count no further than the cap, and say so ("20+")."""
    monkeypatch.setattr(panels, "COUNT_CAP", 20)
    url, _ = strand_page(25)
    assert "(20+)" in viewer_client.get(url).content.decode()

    board_page.filled.clear()
    board_page(25)
    html = viewer_client.get("/relationships/board/").content.decode()
    strategic = html[html.index('class="column stage-strategic"') :]
    strategic = strategic[: strategic.index("</section>")]
    assert "<small>20+</small>" in strategic and "10+ more" in strategic
    assert strategic.count('class="board-card"') == PANEL_SIZE


@pytest.mark.django_db
def test_the_board_says_how_many_more_a_column_holds(profile, viewer_client):
    for _ in range(PANEL_SIZE + 3):
        RelationshipFactory(stage="exploring")
    html = viewer_client.get("/relationships/board/?q=Guangzhou").content.decode()
    column = html[html.index('class="column stage-exploring"') :]
    column = column[: column.index("</section>")]
    assert f"<small>{PANEL_SIZE + 3}</small>" in column and "3 more" in column
    # The link keeps the board's filters and narrows the list to the stage.
    assert 'href="/relationships/?q=Guangzhou&amp;stage=exploring"' in column


@pytest.mark.django_db
def test_the_timeline_shows_the_latest_events_and_pages_back_to_the_first(profile, editor_client):
    """Newest first; "Earlier events" goes on from the last shown, by the time each event happened."""
    agreement = AgreementFactory()
    for i in range(2 * PANEL_SIZE + 3):
        record_event(agreement, "agreement.note", message=f"Note {i:02d}.")
    html = editor_client.get(agreement.get_absolute_url()).content.decode()
    timeline = html[html.index('id="timeline"') :]
    timeline = timeline[: timeline.index("</section>")]

    seen = re.findall(r"Note (\d+)\.", timeline)
    link = re.search(r'<li class="more"><a href="([^"]+)"', timeline)
    while link:
        more = editor_client.get(link.group(1).replace("&amp;", "&"), HTTP_HX_REQUEST="true").content.decode()
        seen += re.findall(r"Note (\d+)\.", more)
        link = re.search(r'<li class="more"><a href="([^"]+)"', more)

    assert seen == [f"{i:02d}" for i in reversed(range(2 * PANEL_SIZE + 3))]


@pytest.mark.django_db
def test_notifications_come_a_page_at_a_time(profile, viewer, viewer_client):
    from partnerships.core.pages import NOTIFICATIONS_PAGE

    for i in range(NOTIFICATIONS_PAGE + 5):
        Notification.objects.create(key=f"test:{i}", user=viewer, subject=f"Reminder {i:03d}")
    first = viewer_client.get("/notifications/").content.decode()
    shown = re.findall(r"Reminder (\d+)", first)
    assert len(shown) == NOTIFICATIONS_PAGE and shown[0] == f"{NOTIFICATIONS_PAGE + 4:03d}"
    older = re.search(r'href="(\?before=\d+)" id="older-reminders"', first).group(1)
    rest = re.findall(r"Reminder (\d+)", viewer_client.get(f"/notifications/{older}").content.decode())
    assert rest == [f"{i:03d}" for i in reversed(range(5))]


@pytest.mark.django_db
@pytest.mark.parametrize("threshold", [2, 500])
def test_linked_rows_are_the_filtered_rows_in_the_querysets_order(profile, threshold, monkeypatch):
    """Few links (fetched and sorted) or many (read in order and checked): the same rows, the same order."""
    monkeypatch.setattr(panels, "LINK_THRESHOLD", threshold)
    organisation = OrganisationFactory()
    for day in (3, 1, 4, 1, 5, 9, 2, 6):
        InteractionFactory(date=datetime.date(2026, 5, day), organisations=[organisation, OrganisationFactory()])
    InteractionFactory(date=datetime.date(2026, 5, 7))  # not linked

    rows = panels.linked(
        Interaction.objects.all(),
        Interaction.organisations.through.objects.filter(organisation=organisation),
        "interaction",
    )

    assert list(rows) == list(Interaction.objects.filter(organisations=organisation))


@pytest.mark.django_db
def test_a_term_page_counts_each_type_from_its_links(profile, viewer_client):
    """Counted on the link table (every row is visible to a viewer): the exact number under the cap."""
    strand = Strand.objects.get(code="business")
    for _ in range(3):
        InteractionFactory().strands.add(strand)
    RelationshipFactory().strands.add(strand)
    html = viewer_client.get(strand.get_absolute_url()).content.decode()
    assert "(3)" in html and "(1)" in html


@pytest.mark.django_db
def test_record_pages_are_composed_of_the_panels_each_app_registers(profile, editor_client, monkeypatch):
    """An organisation's and a person's sections come from the apps that own them, in their order;
    a panel whose build gives None is left out, and its app's query with it."""
    from partnerships.organisations.models import Organisation

    organisation, person = OrganisationFactory(), PersonFactory()
    PartyFactory(organisation=organisation)
    html = editor_client.get(organisation.get_absolute_url()).content.decode()
    ids = ["relationship", "people", "interactions", "agreements"]
    assert [html.index(f'id="{i}"') for i in ids] == sorted(html.index(f'id="{i}"') for i in ids)
    html = editor_client.get(person.get_absolute_url()).content.decode()
    assert html.index('id="affiliations"') < html.index('id="interactions"')

    before, _ = measure(editor_client, organisation.get_absolute_url())
    monkeypatch.setitem(panels.PAGE_PANELS, Organisation, dict(panels.PAGE_PANELS[Organisation]))
    panels.register_page_panel(
        Organisation, "agreements", template="agreements/panels/agreements.html", order=40, build=lambda r, o: None
    )
    after, html = measure(editor_client, organisation.get_absolute_url())
    assert 'id="agreements"' not in html and 'id="interactions"' in html
    assert after == before - 2  # the agreements' links and rows


@pytest.mark.django_db
def test_every_page_the_apps_extend_shows_a_registered_panel(profile, editor_client, monkeypatch, tmp_path, settings):
    """Organisation, person, agreement, strand, college, theme, registry entry and home pages each show a
    section an app registers for them, built with the record (None for the home page), in its order."""
    from django.urls import reverse

    from partnerships.agreements.models import Agreement
    from partnerships.core.models import College, Strand, Theme
    from partnerships.organisations.models import Organisation, Person
    from partnerships.registry.models import RegistryEntry

    (tmp_path / "probe.html").write_text('<section id="probe">probe for {{ panel }}</section>')
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]},
        *settings.TEMPLATES[1:],
    ]
    entry = RegistryEntry.objects.create(ror_id="0probe00", name="Probe University", schema_version="2", record={})
    pages = {
        Organisation: OrganisationFactory(),
        Person: PersonFactory(),
        Agreement: PartyFactory().agreement,
        Strand: Strand.objects.first(),
        College: College.objects.first(),
        Theme: Theme.objects.first(),
        RegistryEntry: entry,
        panels.HOME: None,
    }
    for page, record in pages.items():
        monkeypatch.setitem(panels.PAGE_PANELS, page, dict(panels.PAGE_PANELS.get(page, {})))
        panels.register_page_panel(
            page, "probe", template="probe.html", order=1, build=lambda request, obj: f"record {obj and obj.pk}"
        )
        url = reverse("home") if record is None else record.get_absolute_url()
        html = editor_client.get(url).content.decode()
        expected = f"record {record.pk}" if record is not None else "record None"
        assert f'<section id="probe">probe for {expected}</section>' in html, page
