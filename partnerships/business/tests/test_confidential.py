"""Confidentiality is a platform feature: every channel that can show a record shows a confidential
one only to the business-engagement team, admins and the people named on it.

Each channel is walked as outsiders (a viewer and an editor outside the team) and as insiders (a
team member, an admin, the person named as owner). Every confidential text carries a marker; an
outsider's response containing it, or a count that includes the record, is a leak. The insiders'
walk proves each channel would show the record, so an outsider's silence means something.
"""

import datetime
import io
import json

import openpyxl
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from partnerships.business.models import Deal, IPAsset, Need
from partnerships.business.reminders import send_deal_reminders
from partnerships.core.models import Notification, Strand, Theme
from tests.conftest import make_user

from .conftest import MARK, MARK_ZH

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(world, team_user, team_editor):
    owner = make_user("owner", "viewer")
    world["need"].owner = world["inventor"].__class__.objects.create(
        family_name="Goodwin", given_name="Rose", kind="staff", user=owner
    )
    world["need"].save()
    return {
        "viewer": make_user("outsider-viewer", "viewer"),
        "editor": make_user("outsider-editor", "editor"),
        "team": team_user,
        "team_editor": team_editor,
        "admin": make_user("admin-user", "admin"),
        "owner": owner,
    }


def text(response) -> str:
    """A response's text; a spreadsheet's cells, one per line."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in response.get("Content-Type", ""):
        sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
        return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
    return body.decode()


def leaks(body: str) -> bool:
    return MARK in body or MARK_ZH in body


def pages(world) -> dict[str, str]:
    """Every page and API read that could show a business record, by channel."""
    need, ip, deal, match, company = world["need"], world["ip"], world["deal"], world["match"], world["company"]
    energy, business = Theme.objects.get(code="energy"), Strand.objects.get(code="business")
    return {
        "need list": reverse("business:need_list"),
        "IP list": reverse("business:ipasset_list"),
        "deal list": reverse("business:deal_list"),
        "match list": reverse("business:match_list"),
        "deal board": reverse("business:deal_board"),
        "deal forecast": reverse("business:deal_forecast"),
        "need export": reverse("business:need_list") + "?export=csv",
        "deal export": reverse("business:deal_list") + "?export=xlsx",
        "match export": reverse("business:match_list") + "?export=csv",
        # Words of the records, not the marker: a search page repeats its query.
        "global search": reverse("search:search") + "?q=battery",
        "global search in Chinese": reverse("search:search") + "?q=电池健康状态",
        "search for the company": reverse("search:search") + "?q=Suilan",
        "search API": reverse("api_search") + "?q=battery",
        "autocomplete of needs": reverse("core:autocomplete", args=["business.need"]) + f"?q={MARK}",
        "autocomplete of deals": reverse("core:autocomplete", args=["business.deal"]) + f"?q={MARK}",
        "did you mean (organisation suggestions)": reverse("search:organisation_suggest") + f"?name={MARK}",
        "API needs": "/api/business-needs/",
        "API needs filtered by company": f"/api/business-needs/?company={company.pk}",
        "API deals filtered by IP": f"/api/deals/?ip_asset={ip.pk}",
        "API IP": "/api/ip-assets/",
        "API matches": "/api/matches/",
        "API deals": "/api/deals/",
        "partner page": company.get_absolute_url(),
        "inventor page": world["inventor"].get_absolute_url(),
        "project page": world["project"].get_absolute_url(),
        "strand page": reverse("core:strand_detail", args=[business.pk]),
        "theme page": reverse("core:theme_detail", args=[energy.pk]),
        "partner history": reverse("history", args=["organisations.organisation", company.pk]),
        "home": reverse("home"),
        "calendar": reverse("agreements:agreement_calendar"),
        "notifications": reverse("notifications"),
        # Detail pages answer 404 to an outsider (their body is checked too).
        "need page": need.get_absolute_url(),
        "IP page": ip.get_absolute_url(),
        "deal page": deal.get_absolute_url(),
        "match page": match.get_absolute_url(),
        "need history": reverse("history", args=["business.need", need.pk]),
        "API need": f"/api/business-needs/{need.pk}/",
        "API deal": f"/api/deals/{deal.pk}/",
    }


# Channels that show the record to an insider (the rest only prove an outsider sees nothing: the
# home page and calendar carry no business records for anyone).
SHOWN_TO_INSIDERS = {
    "need list", "IP list", "deal list", "match list", "deal board", "need export", "match export",
    "global search", "global search in Chinese", "search for the company", "search API", "autocomplete of needs", "autocomplete of deals",
    "API needs", "API needs filtered by company", "API deals filtered by IP", "API IP", "API deals",
    "partner page", "inventor page", "project page", "strand page", "theme page", "need page", "IP page",
    "deal page", "match page", "API need", "API deal",
}  # fmt: skip


def _send_reminder(world, people):
    deal = world["deal"]
    deal.owner = world["need"].owner
    deal.next_action, deal.next_action_date = f"Call {MARK}", datetime.date.today() + datetime.timedelta(days=3)
    deal.save()
    assert send_deal_reminders().sent


@pytest.mark.parametrize("who", ["viewer", "editor"])
def test_an_outsider_finds_no_trace_through_any_channel(world, people, who):
    _send_reminder(world, people)
    client = client_for(people[who])
    found = {}
    for channel, url in pages(world).items():
        response = client.get(url)
        # 400: a filter naming a record one may not see is refused as one naming no record at all.
        assert response.status_code in (200, 400, 404), (channel, response.status_code)
        if leaks(text(response)):
            found[channel] = url
    assert found == {}, f"confidential records leak to an outsider ({who}) through {sorted(found)}"
    for name in ("need page", "IP page", "deal page", "match page", "API need", "API deal", "need history"):
        assert client.get(pages(world)[name]).status_code == 404, name


def test_outsiders_counts_leave_confidential_records_out(world, people):
    """Counts, not only names: a list's total, the search's type counts and the board's totals."""
    client = client_for(people["viewer"])
    assert json.loads(text(client.get("/api/business-needs/")))["count"] == 0
    assert json.loads(text(client.get("/api/deals/")))["count"] == 0
    board = text(client.get(reverse("business:deal_board")))
    assert "50,000" not in board and "£50" not in board
    assert "<b>0</b> business needs" in text(client.get(reverse("home")))
    assert "<b>1</b> business needs" in text(client_for(people["team"]).get(reverse("home")))
    # The search's groups (the results alone, as the page's search box asks for them).
    search = text(client.get(reverse("search:search") + "?q=storage", HTTP_HX_REQUEST="true"))
    assert "business need" not in search.lower() and "deal" not in search.lower()
    strand = text(client.get(reverse("core:strand_detail", args=[Strand.objects.get(code="business").pk])))
    assert "/business-needs/?strands=" not in strand and "/deals/?strands=" not in strand
    assert 'id="business-overview"' not in strand
    insider = client_for(people["team"])
    overview = insider.get(reverse("core:strand_detail", args=[Strand.objects.get(code="business").pk]))
    section = next(p["panel"] for p in overview.context["panels"] if p["key"] == "business")
    stages = {label: (count, money.value) for label, count, money, _url in section["stages"]}
    assert stages["Lead"] == (1, 50000)
    assert "/business-needs/?strands=" in text(
        insider.get(reverse("core:strand_detail", args=[Strand.objects.get(code="business").pk]))
    )
    assert "deal" in text(insider.get(reverse("search:search") + "?q=storage", HTTP_HX_REQUEST="true")).lower()


@pytest.mark.parametrize("who", ["team", "admin"])
def test_insiders_see_the_records_through_every_channel(world, people, who):
    client = client_for(people[who])
    missing = []
    for channel, url in pages(world).items():
        response = client.get(url)
        assert response.status_code == 200, (channel, response.status_code)
        if channel in SHOWN_TO_INSIDERS and not leaks(text(response)):
            missing.append(channel)
    assert missing == [], f"channels that would not show the record even to an insider: {missing}"


def test_the_person_named_sees_their_need_and_nothing_else(world, people):
    client = client_for(people["owner"])
    assert client.get(world["need"].get_absolute_url()).status_code == 200
    assert client.get(world["deal"].get_absolute_url()).status_code == 404
    assert client.get(world["ip"].get_absolute_url()).status_code == 404
    listed = json.loads(text(client.get("/api/business-needs/")))
    assert [row["id"] for row in listed["results"]] == [world["need"].pk]


def test_the_reminder_reaches_only_the_deal_owner(world, people):
    _send_reminder(world, people)
    sent = Notification.objects.filter(subject__contains=MARK)
    assert [n.user for n in sent] == [people["owner"]]
    assert all(MARK not in m.subject for m in mail.outbox if people["owner"].email not in m.to)


def moving(page: str) -> str:
    """The merge page's "What moves" section."""
    start = page.index('id="merge-moving"')
    return page[start : page.index("</section>", start)]


def test_merging_the_company_tells_an_outsider_nothing(world, people):
    """The merge page counts only what its reader may see; the merge's message on the timeline,
    read by everyone, names no confidential type; every record still moves."""
    from partnerships.organisations.models import Organisation

    twin = Organisation.objects.create(name_en="Suilan Energy Storage", kind="company")
    url = reverse("organisations:organisation_merge", args=[world["company"].pk]) + f"?into={twin.pk}"
    outsider = moving(text(client_for(people["editor"]).get(url)))
    insider = moving(text(client_for(people["team_editor"]).get(url)))
    assert "business needs" in insider.lower() and "deals" in insider.lower()
    assert "business needs" not in outsider.lower() and "deals" not in outsider.lower()
    response = client_for(people["editor"]).post(
        url, {"survivor_version": twin.version, "loser_version": world["company"].version}
    )
    assert response.status_code == 302
    assert Need.objects.get(pk=world["need"].pk).company == twin
    assert Deal.objects.get(pk=world["deal"].pk).company == twin
    page = text(client_for(people["viewer"]).get(twin.get_absolute_url()))
    assert not leaks(page)
    assert "business need" not in page.lower().split('<main id="main">')[1]


def test_the_api_schema_carries_no_record(world, people):
    body = text(client_for(people["viewer"]).get("/api/schema/"))
    assert not leaks(body)
    assert "/api/business-needs/" in body


def test_an_outsider_cannot_write_what_they_cannot_see(world, people):
    client = client_for(people["editor"])
    need = world["need"]
    assert client.get(reverse("business:need_edit", args=[need.pk])).status_code == 404
    assert client.post(reverse("business:need_rematch", args=[need.pk])).status_code in (403, 404)
    response = client.patch(
        f"/api/business-needs/{need.pk}/", {"title_en": "x"}, content_type="application/json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 404
    assert client.post(f"/api/deals/{world['deal'].pk}/move/", {"to": "won"}).status_code == 404
    # A deal form offers only the needs and IP the editor may see.
    form = text(client.get(reverse("business:deal_add")))
    assert not leaks(form)
    assert IPAsset.objects.get(pk=world["ip"].pk).title_en.startswith(MARK)


def test_exports_for_the_team_hold_the_rows(world, people):
    body = text(client_for(people["team"]).get(reverse("business:need_list") + "?export=csv"))
    assert MARK in body
    assert io.StringIO(body).readline()


def test_a_named_person_reads_neither_side_they_are_not_named_on(world, people):
    """The need's owner does not see the match to an IP asset they may not see (nor its title), and
    a deal's team member outside the team reads neither the need nor the IP through the deal."""
    owner = client_for(people["owner"])
    need_page = text(owner.get(world["need"].get_absolute_url()))
    assert "state-of-health estimation" not in need_page
    assert owner.get(world["match"].get_absolute_url()).status_code == 404
    assert json.loads(text(owner.get("/api/matches/")))["count"] == 0
    member = make_user("deal-member", "viewer")
    world["deal"].team.add(world["inventor"].__class__.objects.create(family_name="Lin", kind="staff", user=member))
    deal_page = text(client_for(member).get(world["deal"].get_absolute_url()))
    assert world["deal"].title in deal_page
    assert world["need"].title_en not in deal_page and "state-of-health estimation" not in deal_page


def test_the_api_refuses_links_to_records_one_may_not_see_as_if_they_did_not_exist(world, people):
    client = client_for(people["editor"])
    body = {"title": "A deal", "company": world["company"].pk, "need": world["need"].pk}
    hidden = client.post("/api/deals/", json.dumps(body), content_type="application/json")
    missing = client.post(
        "/api/deals/", json.dumps({**body, "need": world["need"].pk + 1000}), content_type="application/json"
    )
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["need"][0].replace(str(world["need"].pk), "N") == missing.json()["need"][0].replace(
        str(world["need"].pk + 1000), "N"
    )
    assert not Deal.objects.filter(title="A deal").exists()
