"""The global search's registry group: a partner not yet in the register is found in the ROR registry,
one click from a centre record; entries already recorded are not offered as new."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from partnerships.organisations.models import Organisation
from partnerships.search import registry_hits
from partnerships.search.registry_hits import KEY
from partnerships.search.views import grouped_results
from tests.conftest import client_for, make_user
from tests.factories import OrganisationFactory

from .conftest import entry

pytestmark = pytest.mark.django_db
CREATE_URL = "/organisations/from-registry/05v9jqt67/"


@pytest.fixture
def scau(db):
    return entry(
        "05v9jqt67",
        "South China Agricultural University",
        name_zh="华南农业大学",
        acronyms=["SCAU"],
        city="Guangzhou",
    )


@pytest.fixture
def namesakes(scau):
    """Five universities that share the acronym NAU: none is the answer, all are candidates."""
    return [
        entry(f"0{n}nau000", f"{place} Agricultural University", acronyms=["NAU"], city=place)
        for n, place in enumerate(("Nanjing", "Nanchang", "Ningbo", "Nanning", "Neijiang"))
    ]


def registry_group(user, text, **kwargs):
    return next((g for g in grouped_results(user, text, **kwargs) if g.key == KEY), None)


def entries_found(user, text) -> list[str]:
    group = registry_group(user, text)
    return [hit.entry.ror_id for hit in group.hits] if group else []


def user_with(*codenames):
    user = make_user("-".join(codenames))
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.mark.parametrize(
    "text",
    [
        "华南农业大学",  # Chinese
        "華南農業大學",  # traditional characters
        "South China Agricultural University",  # English
        "South China Agricultural Univ",
        "SCAU",  # acronym
        "scau",  # typed in lower case
        "hua nan nong ye da xue",  # pinyin
    ],
)
def test_a_partner_not_in_the_register_is_found_in_the_registry(scau, viewer, text):
    assert entries_found(viewer, text)[:1] == ["05v9jqt67"], text


def test_an_acronym_several_entries_share_offers_each(namesakes, viewer):
    assert set(entries_found(viewer, "NAU")) == {e.ror_id for e in namesakes}


def test_a_place_or_an_unknown_name_offers_no_entry(scau, viewer):
    """ "Guangzhou" names a city, not an organisation: below the suggestion floor."""
    assert entries_found(viewer, "Guangzhou") == []
    assert entries_found(viewer, "University of Nowhere") == []


def test_the_registry_group_comes_after_the_record_types(scau, viewer):
    OrganisationFactory(name_en="SCAU Alumni Association", name_zh="华农校友会")
    assert [g.key for g in grouped_results(viewer, "SCAU")] == ["organisations-organisation", KEY]


def test_editors_get_the_entry_and_a_create_button(scau, editor_client):
    html = editor_client.get("/search/", {"q": "华南农业大学"}).content.decode()
    assert f'id="search-{KEY}"' in html and 'href="/registry/05v9jqt67/"' in html
    assert "South China Agricultural University" in html and "ROR 05v9jqt67" in html
    assert f'action="{CREATE_URL}"' in html and "Create an organisation from this entry" in html


def test_viewers_get_the_entry_without_create(scau, viewer_client):
    """Viewers may not add organisations."""
    html = viewer_client.get("/search/", {"q": "SCAU"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'href="/registry/05v9jqt67/"' in html and CREATE_URL not in html


def test_once_created_the_organisation_is_found_instead_of_the_entry(scau, editor, editor_client):
    response = editor_client.post(CREATE_URL)
    organisation = Organisation.objects.get(ror_id="05v9jqt67")
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    groups = {g.key: [h.obj for h in g.hits] for g in grouped_results(editor, "SCAU")}
    assert groups == {"organisations-organisation": [organisation]}


def test_an_entry_recorded_under_other_names_links_to_the_organisation(scau, editor, editor_client):
    """An organisation carrying the ROR ID but not among the hits is named, and no second record is offered."""
    organisation = OrganisationFactory(name_en="Guangzhou Agri Campus", name_zh="广州农业校区", ror_id="05v9jqt67")
    (hit,) = registry_group(editor, "SCAU").hits
    assert hit.organisation == organisation and not hit.can_create
    html = editor_client.get("/search/", {"q": "SCAU"}).content.decode()
    assert "already in the register" in html and f'href="{organisation.get_absolute_url()}"' in html
    assert CREATE_URL not in html


def test_an_entry_recorded_in_an_organisation_the_user_may_not_view_is_left_out(scau):
    """Neither the organisation nor its existence shows; without it, the entry does."""
    user = user_with("view_registryentry", "add_organisation")
    assert entries_found(user, "SCAU") == ["05v9jqt67"]
    OrganisationFactory(name_en="Guangzhou Agri Campus", ror_id="05v9jqt67")
    assert registry_group(user, "SCAU") is None


def test_without_registry_permission_there_is_no_registry_group(scau, nobody):
    user = user_with("view_organisation")
    assert registry_group(user, "SCAU") is None
    assert registry_group(nobody, "SCAU") is None
    html = client_for(user).get("/search/", {"q": "SCAU"}).content.decode()
    assert f"search-{KEY}" not in html and "05v9jqt67" not in html
    assert client_for(user).get("/api/search/", {"q": "SCAU"}).json()["groups"] == []


def test_names_follow_the_interface_language(scau, viewer):
    with translation.override("zh-hans"):
        (hit,) = registry_group(viewer, "SCAU").hits
        assert (hit.name, hit.other_name) == ("华南农业大学", "South China Agricultural University")


def test_api_group(scau, viewer_client):
    body = viewer_client.get("/api/search/", {"q": "华南农业大学"}).json()
    (group,) = body["groups"]
    assert {k: group[k] for k in ("type", "label", "count", "more")} == {
        "type": KEY,
        "label": "registry entries",
        "count": 1,
        "more": False,
    }
    (hit,) = group["hits"]
    assert hit["url"].endswith("/registry/05v9jqt67/")
    del hit["url"]
    assert hit == {
        "id": "05v9jqt67",
        "name": "South China Agricultural University",
        "other_name": "华南农业大学",
        "match": "exact",
        "score": 1.0,
        "organisation_url": None,
    }


def test_api_types_and_limit(namesakes, viewer_client):
    OrganisationFactory(name_en="NAU Partners Ltd", name_zh="")

    def types_for(**params):
        body = viewer_client.get("/api/search/", {"q": "NAU", **params}).json()
        return [g["type"] for g in body["groups"]]

    assert types_for() == ["organisations-organisation", KEY]
    assert types_for(types="organisations-organisation") == ["organisations-organisation"]
    assert types_for(types=KEY) == [KEY]
    (group,) = viewer_client.get("/api/search/", {"q": "NAU", "types": KEY, "limit": 2}).json()["groups"]
    assert len(group["hits"]) == 2 and group["count"] == 5 and group["more"] is True


def test_api_names_the_recorded_organisation(scau, viewer_client):
    organisation = OrganisationFactory(name_en="Guangzhou Agri Campus", name_zh="广州农业校区", ror_id="05v9jqt67")
    (group,) = viewer_client.get("/api/search/", {"q": "SCAU"}).json()["groups"]
    assert group["hits"][0]["organisation_url"].endswith(organisation.get_absolute_url())


def queries_for(client, text) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/search/", {"q": text}).status_code == 200
    return len(ctx)


def test_the_registry_group_makes_a_fixed_number_of_queries(editor_client):
    """One registry hit or five, recorded or not: the same queries (index check, entries, organisations)."""
    first = entry("00nau000", "Nanjing Agricultural University", acronyms=["NAU"])
    queries_for(editor_client, "NAU")  # the first request builds the resolver's index
    one = queries_for(editor_client, "NAU")
    others = [entry(f"0{n}nau000", f"Agricultural University {n}", acronyms=["NAU"]) for n in range(1, 5)]
    for recorded in (first, others[0]):
        OrganisationFactory(name_en=f"Recorded as {recorded.ror_id}", name_zh="", ror_id=recorded.ror_id)
    queries_for(editor_client, "NAU")  # new entries: the index is rebuilt once
    page = editor_client.get("/search/", {"q": "NAU"}).content.decode()
    assert page.count("already in the register") == 2 and page.count("/organisations/from-registry/") == 3
    assert queries_for(editor_client, "NAU") == one


def test_the_registry_group_costs_three_queries(namesakes, editor):
    """The index's freshness check, the entries, the organisations with their ROR IDs; one without candidates."""
    OrganisationFactory(name_en="Recorded NAU", ror_id=namesakes[0].ror_id)
    registry_hits.registry_group(editor, "NAU", [], limit=10)  # builds the resolver's index
    with CaptureQueriesContext(connection) as ctx:
        group = registry_hits.registry_group(editor, "NAU", [], limit=10)
    assert len(ctx) == 3 and group.count == 5
    with CaptureQueriesContext(connection) as ctx:
        assert registry_hits.registry_group(editor, "University of Nowhere", [], limit=10) is None
    assert len(ctx) == 1


@pytest.mark.slow
def test_the_shipped_registry_answers_for_south_china_agricultural_university(viewer):
    """The brief's example against the 4,543 shipped entries, where near namesakes abound."""
    call_command("load_ror", stdout=io.StringIO())
    for text in ("华南农业大学", "South China Agricultural University", "SCAU"):
        assert entries_found(viewer, text)[:1] == ["05v9jqt67"], text
