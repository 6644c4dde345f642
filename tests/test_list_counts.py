"""Lists count their rows up to a cap and say "more than" past it, so a list costs the same at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.core.views import CappedPaginator

from .conftest import join_business_team
from .factories import NeedFactory, OrganisationFactory, PersonFactory, ProgrammeFactory


@pytest.fixture
def cap_of_five(monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 5)


@pytest.mark.django_db
def test_a_list_under_the_cap_shows_its_exact_count(profile, viewer_client, cap_of_five):
    for _ in range(4):
        OrganisationFactory()
    html = viewer_client.get("/organisations/").content.decode()
    assert "4 records" in html and "More than" not in html


@pytest.mark.django_db
def test_a_list_over_the_cap_says_more_than_and_counts_no_further(profile, viewer_client, cap_of_five):
    for _ in range(7):
        OrganisationFactory()
    with CaptureQueriesContext(connection) as queries:
        html = viewer_client.get("/organisations/").content.decode()
    assert "More than 5 records" in html
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "organisations_organisation" in q["sql"]]
    assert counts and all("LIMIT 6" in sql for sql in counts), counts


@pytest.mark.django_db
def test_a_filtered_list_is_counted_after_filtering(profile, viewer_client, cap_of_five):
    for _ in range(7):
        OrganisationFactory(city="Foshan")
    OrganisationFactory(city="Zhaoqing")
    html = viewer_client.get("/organisations/?city=Zhaoqing").content.decode()
    assert "1 record" in html and "More than" not in html


@pytest.mark.django_db
def test_a_confidential_list_counts_only_the_rows_its_reader_may_see(profile, editor, editor_client, cap_of_five):
    """Needs are counted after restrict(): none for an editor outside the business-engagement team,
    and up to the cap for the team."""
    for _ in range(7):
        NeedFactory()
    assert "0 records" in editor_client.get("/business-needs/").content.decode()
    join_business_team(editor)
    assert "More than 5 records" in editor_client.get("/business-needs/").content.decode()


@pytest.mark.django_db
def test_programmes_led_by_a_person_are_counted_after_filtering(profile, viewer_client, cap_of_five):
    """The lead filter (Birmingham's lead or the partner's, the person page's "All programmes") is
    applied before the count: the exact number under the cap, "more than" past it."""
    person = PersonFactory()
    for _ in range(7):
        ProgrammeFactory()
    ProgrammeFactory(lead_home=person)
    ProgrammeFactory(lead_partner=person)
    assert "More than 5 records" in viewer_client.get("/programmes/").content.decode()
    html = viewer_client.get(f"/programmes/?lead={person.pk}").content.decode()
    assert "2 records" in html and "More than" not in html
