"""Filters across many-valued relations (tags, an interaction's organisations, a person's affiliations)
select ids in a subquery: a record shows once however many of its links match, and an unfiltered
list reads plainly, without DISTINCT."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.core.models import Strand

from .factories import AffiliationFactory, InteractionFactory, OrganisationFactory


@pytest.fixture
def two_strands(profile):
    return list(Strand.objects.order_by("pk")[:2])


def listed(client, url) -> tuple[int, str]:
    response = client.get(url)
    assert response.status_code == 200
    return response.context["table"].paginator.count, response.content.decode()


@pytest.mark.django_db
def test_a_record_matching_two_chosen_strands_is_listed_once(editor_client, two_strands):
    both = InteractionFactory(title="Tagged twice")
    both.strands.set(two_strands)
    InteractionFactory(title="Tagged once").strands.set(two_strands[:1])
    InteractionFactory(title="Not tagged")
    codes = "&".join(f"strands={s.code}" for s in two_strands)

    count, html = listed(editor_client, f"/interactions/?{codes}")

    assert count == 2
    assert html.count("Tagged twice") == 1
    assert "Not tagged" not in html


@pytest.mark.django_db
def test_text_search_through_several_linked_records_lists_the_record_once(editor_client, profile):
    InteractionFactory(
        title="Joint visit",
        organisations=[OrganisationFactory(name_en="Pearl River One"), OrganisationFactory(name_en="Pearl River Two")],
    )

    count, html = listed(editor_client, "/interactions/?q=Pearl+River")

    assert count == 1
    assert html.count("Joint visit") == 1


@pytest.mark.django_db
def test_filter_by_organisation_counts_people_once_with_two_posts_there(editor_client, profile):
    organisation = OrganisationFactory()
    person = AffiliationFactory(organisation=organisation).person
    AffiliationFactory(organisation=organisation, person=person, role="Dean")

    count, _html = listed(editor_client, f"/people/?organisation={organisation.pk}")

    assert count == 1


@pytest.mark.django_db
def test_the_api_applies_the_same_filters_without_repeats(editor_client, two_strands):
    both = InteractionFactory()
    both.strands.set(two_strands)
    codes = "&".join(f"strands={s.code}" for s in two_strands)

    body = editor_client.get(f"/api/interactions/?{codes}").json()

    assert body["count"] == 1
    assert [row["id"] for row in body["results"]] == [both.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/organisations/?page=1",
        "/people/?sort=family_name",
        "/interactions/?page=1",
        "/agreements/?page=1",
        "/interactions/?export=csv",
        "/api/interactions/",
    ],
)
def test_unfiltered_lists_read_without_distinct(editor_client, profile, url):
    """Any parameter binds the filters (a page number, a sort, an export): still no DISTINCT."""
    InteractionFactory()
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(url).status_code == 200
    assert not [q["sql"] for q in queries if "DISTINCT" in q["sql"].upper()]
