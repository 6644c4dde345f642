"""The deal board's totals and moves, and the forecast by quarter, in GBP at today's rates."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.business.models import Deal
from partnerships.research.models import ExchangeRate
from tests.conftest import client_for, make_user
from tests.factories import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def deal(stage, value, currency="GBP", close=None, **fields):
    return Deal.objects.create(
        title=f"{stage} {value} {currency}",
        company=OrganisationFactory(kind="company"),
        stage=stage,
        value=Decimal(value),
        currency=currency,
        probability={"lead": 10, "proposal": 50, "won": 100, "lost": 0}.get(stage, 25),
        expected_close=close,
        **fields,
    )


@pytest.fixture
def deals(profile):
    ExchangeRate.objects.create(currency="CNY", valid_from=datetime.date(2020, 1, 1), gbp_per_unit="0.1")
    return [
        deal("proposal", "10000", close=datetime.date(2027, 2, 10)),
        deal("proposal", "100000", "CNY", close=datetime.date(2027, 3, 31)),
        deal("lead", "5000", "USD", close=datetime.date(2027, 5, 1)),  # no USD rate: named, not summed
        deal("won", "40000", closed_on=datetime.date(2026, 11, 2)),
        deal("proposal", "2000"),  # no expected close
    ]


def column(context, stage):
    return next(c for c in context["columns"] if c["stage"] == stage)


def test_each_column_sums_value_and_weighted_value_in_pounds(team_editor, deals):
    response = client_for(team_editor).get(reverse("business:deal_board"))
    proposal = column(response.context, "proposal")
    assert proposal["count"] == 3
    assert proposal["money"].value == Decimal("22000")  # 10,000 + 100,000 CNY × 0.1 + 2,000
    assert proposal["money"].weighted == Decimal("11000")
    lead = column(response.context, "lead")
    assert (lead["count"], lead["money"].value, lead["money"].unconverted) == (1, 0, {"USD"})
    assert "without USD" in response.content.decode()


def test_a_card_moves_by_htmx_and_the_board_comes_back(team_editor, deals):
    moving = deals[0]
    client = client_for(team_editor)
    url = reverse("business:deal_board_move", args=[moving.pk])
    response = client.post(url, {"to": "won", "version": moving.version}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert column(response.context, "won")["count"] == 2
    assert 'id="deal-board"' in response.content.decode() and "<html" not in response.content.decode()
    moving.refresh_from_db()
    assert moving.stage == "won" and moving.probability == 100


def test_a_refused_move_says_why_and_changes_nothing(team_editor, deals):
    moving = deals[0]
    url = reverse("business:deal_board_move", args=[moving.pk])
    response = client_for(team_editor).post(url, {"to": "lost", "version": moving.version}, HTTP_HX_REQUEST="true")
    assert "Say why the deal was lost." in response.content.decode()
    moving.refresh_from_db()
    assert moving.stage == "proposal"


def test_a_viewer_named_on_a_deal_sees_it_alone_without_move_buttons(deals):
    viewer = make_user("named-viewer", "viewer")
    deals[0].owner = StaffFactory(user=viewer)
    deals[0].save()
    response = client_for(viewer).get(reverse("business:deal_board"))
    body = response.content.decode()
    assert deals[0].title in body and deals[1].title not in body and "board-move" not in body
    assert column(response.context, "proposal")["money"].value == Decimal("10000")


def test_the_forecast_groups_open_deals_by_quarter_and_won_deals_by_when_they_closed(team_user, deals):
    response = client_for(team_user).get(reverse("business:deal_forecast"))
    rows = {row["key"]: row for row in response.context["rows"]}
    assert rows[(2027, 1)]["open"] == 2
    assert rows[(2027, 1)]["pipeline"].value == Decimal("20000")
    assert rows[(2027, 1)]["pipeline"].weighted == Decimal("10000")
    assert rows[(2027, 2)]["pipeline"].unconverted == {"USD"}
    assert (rows[(2026, 4)]["won_n"], rows[(2026, 4)]["won"].value) == (1, Decimal("40000"))
    assert response.context["undated_n"] == 1 and response.context["undated"].value == Decimal("2000")
