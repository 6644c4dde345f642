"""The global search: every kind of query, ranking, grouping, permissions, the page, the API, the query budget."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.organisations.models import Organisation
from partnerships.search.queries import search
from tests import conftest
from tests.conftest import client_for, make_user
from tests.factories import AgreementFactory, InteractionFactory, OrganisationFactory, PartyFactory, PersonFactory

pytestmark = pytest.mark.django_db
# The project's shared fixtures live in tests/conftest.py, outside this package's conftest chain.
profile, viewer, viewer_client = conftest.profile, conftest.viewer, conftest.viewer_client


@pytest.fixture
def sysu(db):
    return OrganisationFactory(
        name_en="Sun Yat-sen University",
        name_zh="中山大学",
        acronyms=["SYSU"],
        former_names=["National Kwangtung University", "国立广东大学"],
        city="Guangzhou",
    )


@pytest.fixture
def partners(sysu):
    return {
        "sysu": sysu,
        "scut": OrganisationFactory(
            name_en="South China University of Technology", name_zh="华南理工大学", acronyms=["SCUT", "华工"]
        ),
        "hospital": OrganisationFactory(
            name_en="The First Affiliated Hospital, Sun Yat-sen University", name_zh="中山大学附属第一医院"
        ),
        "birmingham": OrganisationFactory(name_en="University of Birmingham", name_zh="伯明翰大学", country="GB"),
    }


def hits(user, text, key="organisations-organisation"):
    """The records found for `text` in one group, best first."""
    for group in search(user, text):
        if group.key == key:
            return [hit.obj for hit in group.hits]
    return []


@pytest.mark.parametrize(
    "text",
    [
        "中山大学",  # Chinese
        "中山大學",  # traditional characters
        "中山",  # part of the name
        "山大学",  # characters inside the name
        "中大",  # the usual abbreviation
        "zhongshan",  # pinyin, toneless
        "zhong shan",  # pinyin, spaced
        "Zhōngshān Dàxué",  # pinyin with tones
        "zhongshandaxue",
        "zsdx",  # pinyin initials
        "SYSU",  # acronym
        "sysu",
        "National Kwangtung University",  # former name
        "国立广东大学",
        "Sun Yat-sen",  # English words
        "yat sen univ",
        "Zhongshen",  # typos
        "Sun Yat-sen Univeristy",
    ],
)
def test_every_kind_of_query_finds_sun_yat_sen_first(partners, viewer, text):
    assert hits(viewer, text)[:1] == [partners["sysu"]], text


@pytest.mark.parametrize("text", ["华南理工", "华工", "SCUT", "South China Technology", "hua nan li gong", "hnlgdx"])
def test_short_forms_and_given_acronyms(partners, viewer, text):
    assert hits(viewer, text)[:1] == [partners["scut"]]


def test_exact_abbreviation_outranks_a_name_that_contains_it(partners, viewer):
    """中大 is the university; its hospital, whose name begins with the university's, comes after."""
    found = hits(viewer, "中大")
    assert found[0] == partners["sysu"] and partners["hospital"] in found


def test_unrelated_records_are_not_hits(partners, viewer):
    assert partners["birmingham"] not in hits(viewer, "中山大学")
    assert hits(viewer, "Oxford") == []


def test_people_by_either_script_pinyin_and_email(db, viewer):
    person = PersonFactory(family_name="Li", given_name="Wei", name_zh="李伟", email="wei.li@sysu.edu.cn")
    for text in ("李伟", "Li Wei", "liwei", "wei.li@sysu.edu.cn"):
        assert hits(viewer, text, "organisations-person") == [person], text


def test_agreements_and_interactions_are_found_by_their_partners_names(partners, viewer):
    agreement = PartyFactory(organisation=partners["sysu"], agreement=AgreementFactory(title_en="Joint PhD")).agreement
    interaction = InteractionFactory(title="Delegation visit", organisations=[partners["sysu"]])
    groups = {group.key: [h.obj for h in group.hits] for group in search(viewer, "SYSU")}
    assert groups["agreements-agreement"] == [agreement]
    assert groups["relationships-interaction"] == [interaction]
    assert list(groups)[0] == "organisations-organisation"


def test_a_user_sees_only_the_types_they_may_view(partners, db):
    """A user with view_organisation alone gets organisation hits and nothing about people."""
    PersonFactory(family_name="Sun", given_name="Yat-sen", name_zh="孙中山")
    user = make_user("orgs-only")
    user.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    assert [g.key for g in search(user, "Sun")] == ["organisations-organisation"]
    assert search(make_user("no-role"), "Sun") == []


def test_rows_a_user_may_not_view_are_neither_hits_nor_counted(partners, viewer, monkeypatch):
    """Row-level restriction (restrict_rows) applies to search as it does to lists."""

    def hide_hospital(queryset, user, action):
        return queryset.exclude(pk=partners["hospital"].pk)

    monkeypatch.setattr(Organisation, "restrict_rows", staticmethod(hide_hospital), raising=False)
    (group,) = search(viewer, "中山大学")
    assert [h.obj for h in group.hits] == [partners["sysu"]] and group.count == 1


def test_the_page_groups_hits_and_shows_both_scripts(partners, viewer_client):
    PersonFactory(family_name="Zhong", given_name="Shan", name_zh="钟山")
    html = viewer_client.get("/search/", {"q": "zhongshan"}).content.decode()
    assert 'id="search-organisations-organisation"' in html and 'id="search-organisations-person"' in html
    assert f'href="/organisations/{partners["sysu"].pk}/"' in html
    assert "Sun Yat-sen University" in html and "中山大学" in html
    assert 'id="global-search"' in html  # the top bar's box


def test_htmx_gets_the_results_alone(partners, viewer_client):
    html = viewer_client.get("/search/", {"q": "SYSU"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Sun Yat-sen University" in html and "<html" not in html


def test_anonymous_users_are_sent_to_log_in(partners, client):
    response = client.get("/search/", {"q": "SYSU"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/search/", {"q": "SYSU"}).status_code in (401, 403)


def test_api_answers_grouped_json(partners, viewer_client):
    body = viewer_client.get("/api/search/", {"q": "中大"}).json()
    assert body["query"] == "中大"
    group = body["groups"][0]
    assert group["type"] == "organisations-organisation" and group["count"] == 2
    first = group["hits"][0]
    assert first["id"] == partners["sysu"].pk and first["match"] == "exact"
    assert first["name"] == "Sun Yat-sen University" and first["other_name"] == "中山大学"
    assert first["url"].endswith(f"/organisations/{partners['sysu'].pk}/")


def test_api_applies_the_same_permissions(partners, db):
    user = make_user("people-only")
    user.user_permissions.add(Permission.objects.get(codename="view_person"))
    assert client_for(user).get("/api/search/", {"q": "SYSU"}).json()["groups"] == []


def test_empty_query_has_no_hits(viewer_client):
    assert viewer_client.get("/api/search/", {"q": "  "}).json()["groups"] == []
    assert viewer_client.get("/search/").status_code == 200


def queries_for(client, text) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/search/", {"q": text}).status_code == 200
    return len(ctx)


def test_the_page_makes_a_fixed_number_of_queries(profile, viewer_client):
    """However many records match, the page makes the same number of queries."""
    org = OrganisationFactory(name_en="Budget University 0", name_zh="预算大学")
    PartyFactory(organisation=org)
    InteractionFactory(organisations=[org])
    queries_for(viewer_client, "Budget")  # the first request fills per-process caches (content types)
    few = queries_for(viewer_client, "Budget")
    for n in range(1, 9):
        org = OrganisationFactory(name_en=f"Budget University {n}")
        PartyFactory(organisation=org)
        InteractionFactory(organisations=[org])
    assert queries_for(viewer_client, "Budget") == few
