"""`/api/resolve/`: the command's JSON shape over HTTP, filtered by what the user may view."""

import pytest
from django.contrib.auth.models import Permission

from partnerships.organisations.models import Organisation
from tests.conftest import client_for, make_user

URL = "/api/resolve/"


def user_with(*codenames):
    user = make_user("-".join(codenames) or "plain")
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def sysu(small_registry):
    return Organisation.objects.create(
        name_en="Sun Yat-sen University", name_zh="中山大学", acronyms=["SYSU"], ror_id="0064kty71", country="CN"
    )


def test_post_answers_with_the_centres_record_and_the_registry_id(sysu, viewer_client):
    """A confident match carries both IDs, in the shape `resolve_organisations` writes."""
    response = viewer_client.post(
        URL, {"query": "Dept of Surgery, Sun Yat-sen Univ, Guangzhou, China"}, "application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"query", "match", "score", "reasons", "candidates"}
    assert body["match"] == {"ror_id": "0064kty71", "organisation_id": sysu.pk, "name": "Sun Yat-sen University"}
    assert body["score"] >= 0.9 and body["reasons"]
    assert body["candidates"][0] == {**body["match"], "score": body["candidates"][0]["score"]}
    assert len(body["candidates"]) <= 5


def test_get_with_q(sysu, viewer_client):
    body = viewer_client.get(URL, {"q": "中山大學"}).json()
    assert body["query"] == "中山大學" and body["match"]["organisation_id"] == sysu.pk


def test_no_confident_match_is_null(small_registry, viewer_client):
    """A string naming nothing in the index abstains: match null, score 0, no candidates."""
    body = viewer_client.post(URL, {"query": "Acme Widgets Ltd, Ohio"}, "application/json").json()
    assert body["match"] is None and body["candidates"] == [] and body["score"] == 0


def test_registry_only_ignores_the_centres_records(sysu, viewer_client):
    body = viewer_client.post(URL, {"query": "SYSU", "registry_only": True}, "application/json").json()
    assert body["match"] == {"ror_id": "0064kty71", "organisation_id": None, "name": "Sun Yat-sen University"}


@pytest.mark.parametrize("query", ["", "   ", "x" * 501])
def test_empty_or_overlong_query_is_400(small_registry, viewer_client, query):
    assert viewer_client.post(URL, {"query": query}, "application/json").status_code == 400
    assert viewer_client.get(URL, {"q": query}).status_code == 400


def test_missing_query_is_400(small_registry, viewer_client):
    assert viewer_client.post(URL, {}, "application/json").status_code == 400
    assert viewer_client.get(URL).status_code == 400


def test_anonymous_is_refused(small_registry, client):
    assert client.get(URL, {"q": "SYSU"}).status_code in (401, 403)


def test_a_user_who_may_view_neither_gets_403(small_registry, nobody):
    assert client_for(nobody).get(URL, {"q": "SYSU"}).status_code == 403


def test_without_view_organisation_only_registry_entries(sysu, db):
    """The centre's own record is not revealed; the answer comes from the registry alone."""
    Organisation.objects.create(name_en="Centre-only Partner Institute", country="CN")
    client = client_for(user_with("view_registryentry"))
    body = client.get(URL, {"q": "Sun Yat-sen University"}).json()
    assert body["match"] == {"ror_id": "0064kty71", "organisation_id": None, "name": "Sun Yat-sen University"}
    assert all(c["organisation_id"] is None for c in body["candidates"])
    hidden = client.get(URL, {"q": "Centre-only Partner Institute"}).json()
    assert hidden["match"] is None and hidden["candidates"] == []


def test_without_view_registryentry_no_registry_entries(sysu, db):
    """Organisations are answered; an entry the centre holds no record of is not shown."""
    client = client_for(user_with("view_organisation"))
    assert client.get(URL, {"q": "SYSU"}).json()["match"]["organisation_id"] == sysu.pk
    body = client.get(URL, {"q": "South China University of Technology"}).json()
    assert body["match"] is None and body["candidates"] == []
    assert client.get(URL, {"q": "SCUT", "registry_only": "true"}).json()["candidates"] == []


def test_documented_in_the_schema(db, viewer_client):
    schema = viewer_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operations = schema["paths"]["/api/resolve/"]
    assert {"get", "post"} <= set(operations)
    assert "ResolveRequest" in schema["components"]["schemas"]
    assert "Resolution" in schema["components"]["schemas"]
