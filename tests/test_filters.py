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
        # A choice of several values on the record's own column (django-filter adds DISTINCT to those too).
        "/agreements/?status=active&status=draft",
        "/api/agreements/?status=active",
        "/interactions/?kind=meeting&kind=visit",
    ],
)
def test_unfiltered_lists_read_without_distinct(editor_client, profile, url):
    """Any parameter binds the filters (a page number, a sort, an export), and filters on the record's
    own columns repeat no row: still no DISTINCT."""
    InteractionFactory()
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(url).status_code == 200
    assert not [q["sql"] for q in queries if "DISTINCT" in q["sql"].upper()]


@pytest.mark.django_db
@pytest.mark.parametrize("threshold", [1, 500])
def test_many_valued_filters_give_the_same_rows_by_ids_or_by_a_check_per_row(
    editor_client, two_strands, threshold, monkeypatch
):
    """Few matches are narrowed by their ids, many by a per-row check: the same list either way."""
    monkeypatch.setattr("partnerships.core.filters.NARROW_THRESHOLD", threshold)
    for n in range(6):
        InteractionFactory(title=f"Strand visit {n}").strands.set(two_strands[: 1 + n % 2])
    InteractionFactory(title="Untagged visit")

    with CaptureQueriesContext(connection) as queries:
        count, html = listed(editor_client, f"/interactions/?strands={two_strands[1].code}")

    assert count == 3
    assert all(f"Strand visit {n}" in html for n in (1, 3, 5)) and "Untagged" not in html
    # The filter's own DISTINCT (django-filter's default) would compare whole rows in the count and the check.
    assert not [q["sql"] for q in queries if "DISTINCT" in q["sql"].upper()]


@pytest.mark.django_db
def test_a_lists_text_search_is_answered_from_the_search_index(editor_client, profile):
    """`q` on an indexed model finds records by the words of their names in either script, pinyin and
    acronyms, without scanning the table (no LIKE in any query)."""
    OrganisationFactory(name_en="Sun Yat-sen University", name_zh="中山大学", acronyms=["SYSU"])
    OrganisationFactory(name_en="South China University of Technology", name_zh="华南理工大学")
    for q in ("SYSU", "中山大学", "zhongshan", "sun yat"):
        with CaptureQueriesContext(connection) as queries:
            count, html = listed(editor_client, f"/organisations/?q={q}")
        assert count == 1 and "Sun Yat-sen University" in html, q
        assert not [x["sql"] for x in queries if "LIKE" in x["sql"].upper()], q


@pytest.mark.django_db
def test_a_higher_app_adds_a_filter_to_a_lower_apps_list(editor_client, profile):
    """The agreements app gives the interaction list, API and schema their "agreement" filter
    (core.filters.register_filter): the relationships app does not know agreements."""
    from .factories import AgreementFactory

    agreement = AgreementFactory()
    under = InteractionFactory(title="Under the agreement")
    InteractionFactory(title="Elsewhere")
    agreement.interactions.add(under)

    count, html = listed(editor_client, f"/interactions/?agreement={agreement.pk}")
    assert count == 1 and "Under the agreement" in html and "Elsewhere" not in html
    assert 'name="agreement"' in html  # offered on the filter form
    api = editor_client.get(f"/api/interactions/?agreement={agreement.pk}").json()
    assert [row["id"] for row in api["results"]] == [under.pk]
    schema = editor_client.get("/api/schema/", {"format": "json"}).json()
    parameters = {p["name"] for p in schema["paths"]["/api/interactions/"]["get"]["parameters"]}
    assert "agreement" in parameters
