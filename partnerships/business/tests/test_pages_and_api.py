"""Pages and API of business engagement call the same services and refuse bad input alike."""

import json

import pytest
from django.urls import reverse

from partnerships.business.models import Deal, Match, Need
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_need_saved_on_its_page_is_matched_at_once(team_editor, world):
    Match.objects.all().delete()
    client = client_for(team_editor)
    response = client.post(
        reverse("business:need_add"),
        {
            "title_zh": "储能电池健康状态在线评估",
            "problem_zh": "需要在线评估锂电池储能电站的电池健康状态。",
            "company": world["company"].pk,
            "currency": "CNY",
            "source": "visit",
            "status": "open",
        },
    )
    assert response.status_code == 302
    need = Need.objects.get(title_zh="储能电池健康状态在线评估")
    page = client.get(need.get_absolute_url()).content.decode()
    assert world["ip"].title_en in page
    assert need.matches.filter(ip_asset=world["ip"]).exists()


def test_bad_input_is_refused_with_field_errors_and_nothing_written(team_editor, world):
    client = client_for(team_editor)
    before = Need.objects.count()
    response = client.post(
        reverse("business:need_add"),
        {"company": world["company"].pk, "currency": "CNY", "source": "visit", "status": "open",
         "budget_min": "500", "budget_max": "100"},
    )  # fmt: skip
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "title_en" in errors and "budget_max" in errors
    api = client.post(
        "/api/business-needs/",
        json.dumps({"company": world["company"].pk, "title_en": "X", "budget_min": "5", "budget_max": "1"}),
        content_type="application/json",
    )
    assert api.status_code == 400 and "budget_max" in api.json()
    assert Need.objects.count() == before
    api = client.post("/api/ip-assets/", json.dumps({"title_en": "Sensor", "trl": 12}), content_type="application/json")
    assert api.status_code == 400 and "trl" in api.json()


def test_the_match_page_declines_with_a_reason_and_starts_a_deal(team_editor, world):
    world["deal"].ip_assets.clear()  # the world's deal is not one started from its match
    client = client_for(team_editor)
    match = world["match"]
    refused = client.post(
        reverse("business:match_decide", args=[match.pk]), {"to": "not_relevant", "version": match.version}
    )
    assert refused.status_code == 302
    match.refresh_from_db()
    assert match.status == "suggested"
    response = client.post(reverse("business:match_start_deal", args=[match.pk]))
    deal = Deal.objects.exclude(pk=world["deal"].pk).get()
    assert response.url == deal.get_absolute_url()
    assert list(deal.ip_assets.all()) == [world["ip"]]


def test_the_api_suggests_decides_starts_and_moves(team_editor, world):
    world["deal"].ip_assets.clear()  # the world's deal is not one started from its match
    client = client_for(team_editor)
    need, match = world["need"], world["match"]
    suggested = client.post(f"/api/business-needs/{need.pk}/suggest/")
    assert suggested.status_code == 200 and match.pk in [m["id"] for m in suggested.json()]
    assert client.post("/api/matches/", {"need": need.pk}).status_code == 400
    refused = client.post(f"/api/matches/{match.pk}/decide/", {"to": "not_relevant"})
    assert refused.status_code == 400 and "to" in refused.json()
    decided = client.post(f"/api/matches/{match.pk}/decide/", {"to": "contacted"})
    assert decided.json()["status"] == "contacted"
    started = client.post(f"/api/matches/{match.pk}/start-deal/")
    assert started.status_code == 201
    deal_id = started.json()["id"]
    lost = client.post(f"/api/deals/{deal_id}/move/", {"to": "lost"})
    assert lost.status_code == 400 and Deal.objects.get(pk=deal_id).stage == "lead"
    moved = client.post(f"/api/deals/{deal_id}/move/", {"to": "lost", "reason": "Budget cut"})
    assert moved.status_code == 200 and moved.json()["stage"] == "lost" and moved.json()["lost_reason"] == "Budget cut"
    stale = client.post(f"/api/deals/{deal_id}/move/", {"to": "lead"}, HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412


def test_stage_is_not_written_by_an_edit(team_editor, world):
    deal = world["deal"]
    client = client_for(team_editor)
    response = client.patch(
        f"/api/deals/{deal.pk}/",
        json.dumps({"stage": "won", "notes": "Call in March"}),
        content_type="application/json",
        HTTP_IF_MATCH=f'"{deal.version}"',
    )
    assert response.status_code == 200
    deal.refresh_from_db()
    assert (deal.stage, deal.notes) == ("lead", "Call in March")


def test_an_ip_asset_page_ranks_the_needs_it_could_answer(team_user, world):
    page = client_for(team_user).get(world["ip"].get_absolute_url()).content.decode()
    section = page[page.index('id="ranked-needs"') :]
    assert world["need"].title in section[: section.index("</section>")]


def test_expertise_is_for_home_staff_only(team_editor, world):
    from tests.factories import PersonFactory

    contact = PersonFactory(kind="contact")
    response = client_for(team_editor).post(
        reverse("business:expertise_add"), {"person": contact.pk, "keywords": "储能", "available": "on"}
    )
    assert response.status_code == 400 and "person" in response.context["form"].errors
