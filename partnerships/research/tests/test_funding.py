"""Funding in GBP at the rate in force on each award date; awards without a rate are named, not guessed."""

import datetime
from decimal import Decimal

import pytest

from partnerships.research import services
from tests.factories import ExchangeRateFactory, FundingFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_each_award_is_converted_at_the_rate_of_its_day():
    project = ProjectFactory()
    ExchangeRateFactory(currency="CNY", valid_from=datetime.date(2024, 1, 1), gbp_per_unit="0.1000")
    ExchangeRateFactory(currency="CNY", valid_from=datetime.date(2025, 1, 1), gbp_per_unit="0.1100")
    FundingFactory(project=project, amount=1000, currency="CNY", home_share=400, awarded_on=datetime.date(2024, 6, 1))
    FundingFactory(project=project, amount=1000, currency="CNY", awarded_on=datetime.date(2025, 6, 1))
    FundingFactory(project=project, amount=50, currency="GBP", home_share=50, awarded_on=datetime.date(2023, 1, 1))

    totals = services.project_totals(project)

    assert totals.amount == Decimal("100.00") + Decimal("110.00") + Decimal("50.00")
    assert totals.home_share == Decimal("40.00") + Decimal("50.00")
    assert totals.complete


def test_an_award_before_any_rate_is_left_out_and_named():
    project = ProjectFactory()
    ExchangeRateFactory(currency="CNY", valid_from=datetime.date(2025, 1, 1), gbp_per_unit="0.11")
    FundingFactory(project=project, amount=1000, currency="CNY", awarded_on=datetime.date(2024, 6, 1))
    FundingFactory(project=project, amount=200, currency="USD", awarded_on=datetime.date(2025, 6, 1))
    FundingFactory(project=project, amount=10, currency="GBP")

    totals = services.project_totals(project)

    assert totals.amount == Decimal("10.00")
    assert totals.unconverted == {"CNY", "USD"}


def test_the_project_page_shows_the_gbp_total_and_what_it_lacks(profile, viewer_client):
    project = ProjectFactory()
    ExchangeRateFactory(currency="CNY", valid_from=datetime.date(2020, 1, 1), gbp_per_unit="0.1")
    FundingFactory(project=project, amount=2000, currency="CNY", home_share=1000)
    FundingFactory(project=project, amount=7, currency="EUR")
    html = viewer_client.get(project.get_absolute_url()).content.decode()
    assert "£200.00" in html and "£100.00" in html
    assert "without EUR" in html


@pytest.mark.parametrize(
    ("fields", "error_field", "message"),
    [
        ({"amount": "100", "home_share": "150", "currency": "GBP"}, "home_share", "more than the amount"),
        ({"amount": "-5", "currency": "GBP"}, "amount", "greater than or equal to 0"),
        ({"amount": "100", "currency": "XYZ"}, "currency", "not one of the available choices"),
    ],
)
def test_bad_awards_are_refused_with_field_errors_on_the_page_and_in_the_api(
    profile, editor_client, fields, error_field, message
):
    from partnerships.research.models import Funding

    project = ProjectFactory()
    page = editor_client.post("/project-funding/add/", {"project": project.pk, **fields})
    assert page.status_code == 400 and message in page.content.decode()
    api = editor_client.post(
        "/api/project-funding/", {"project": project.pk, **fields}, content_type="application/json"
    )
    assert api.status_code == 400 and error_field in api.json()
    assert not Funding.objects.exists()


def test_a_pound_is_a_pound(profile, admin_user):
    from tests.conftest import client_for

    response = client_for(admin_user).post(
        "/exchange-rates/add/", {"currency": "GBP", "valid_from": "2026-01-01", "gbp_per_unit": "1.2"}
    )
    assert response.status_code == 400 and "One pound is always worth one pound" in response.content.decode()


def test_only_admins_keep_exchange_rates(profile, editor_client, admin_user):
    from tests.conftest import client_for

    data = {"currency": "CNY", "valid_from": "2026-01-01", "gbp_per_unit": "0.11"}
    assert editor_client.post("/exchange-rates/add/", data).status_code == 403
    assert client_for(admin_user).post("/exchange-rates/add/", data).status_code == 302
