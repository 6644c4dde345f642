"""The autocomplete endpoint: the list page's search over what the user may see, a few records at a time."""

import pytest
from django.apps import apps
from django.urls import reverse

from partnerships.core import autocomplete
from partnerships.core.models import UserPreference
from partnerships.core.widgets import simple_params
from partnerships.organisations.filters import OrganisationFilterSet
from partnerships.organisations.models import Organisation, Person

from .conftest import client_for, make_user
from .factories import OrganisationFactory, PersonFactory, StaffFactory

pytestmark = pytest.mark.django_db

ORGANISATIONS = reverse("core:autocomplete", args=["organisations.organisation"])
PEOPLE = reverse("core:autocomplete", args=["organisations.person"])


@pytest.fixture
def partners(profile):
    return {
        "sysu": OrganisationFactory(name_en="Sun Yat-sen University", name_zh="中山大学", acronyms=["SYSU"]),
        "scut": OrganisationFactory(
            name_en="South China University of Technology", name_zh="华南理工大学", acronyms=["SCUT"]
        ),
        "gac": OrganisationFactory(name_en="Guangzhou Automobile Group", name_zh="广州汽车集团", kind="company"),
    }


def answer(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def names(client, url, **params) -> list[str]:
    return [result["text"] for result in answer(client, url, **params)["results"]]


def test_q_matches_names_chinese_names_and_acronyms_as_the_list_search_does(partners, viewer, viewer_client):
    """`q` is the list page's search: English and Chinese names, acronyms; the same records in the same order."""
    assert names(viewer_client, ORGANISATIONS, q="sun yat") == ["Sun Yat-sen University"]
    assert names(viewer_client, ORGANISATIONS, q="中山") == ["Sun Yat-sen University"]
    assert names(viewer_client, ORGANISATIONS, q="scut") == ["South China University of Technology"]
    for q in ("university", "广州", "group", "nothing like it"):
        listed = OrganisationFilterSet({"q": q}, queryset=Organisation.objects.restrict(viewer, "view")).qs
        assert names(viewer_client, ORGANISATIONS, q=q) == [str(o) for o in listed], q


def test_each_result_is_the_records_pk_and_its_name(partners, viewer_client):
    assert answer(viewer_client, ORGANISATIONS, q="SYSU") == {
        "results": [{"value": partners["sysu"].pk, "text": "Sun Yat-sen University"}],
        "more": False,
    }


def test_names_are_in_the_users_language(partners, viewer, viewer_client):
    """The Chinese UI shows the Chinese name, as the record's own pages do."""
    UserPreference.objects.create(user=viewer, language="zh-hans")
    assert names(viewer_client, ORGANISATIONS, q="SYSU") == ["中山大学"]


def test_other_parameters_narrow_as_on_the_list_page(partners, viewer_client):
    assert names(viewer_client, ORGANISATIONS, kind="company") == ["Guangzhou Automobile Group"]
    assert names(viewer_client, ORGANISATIONS, q="automobile", kind="university") == []


def test_people_are_found_by_either_name(profile, viewer_client):
    PersonFactory(family_name="Wang", given_name="Xiaoming", name_zh="王小明")
    PersonFactory(family_name="Chen", given_name="Jing", name_zh="陈静")
    assert names(viewer_client, PEOPLE, q="wang") == ["WANG Xiaoming"]
    assert names(viewer_client, PEOPLE, q="陈") == ["CHEN Jing"]


def test_kind_staff_offers_home_staff_only(profile, viewer_client):
    """What a `limit_choices_to={"kind": "staff"}` field sends: contacts are not offered."""
    staff = StaffFactory(family_name="Pemberton", given_name="Sarah")
    PersonFactory(family_name="Pei", given_name="Lin")
    assert names(viewer_client, PEOPLE, q="pe", kind="staff") == [str(staff)]
    assert len(names(viewer_client, PEOPLE, q="pe")) == 2


def test_an_unknown_filter_value_is_refused_not_ignored(partners, viewer_client):
    """Ignoring `kind=nonsense` would offer every record, more than the field accepts."""
    response = viewer_client.get(PEOPLE, {"kind": "nonsense"})
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]


def test_at_most_twenty_results_and_more_says_there_are_others(profile, viewer_client):
    for n in range(25):
        OrganisationFactory(name_en=f"Pearl River College {n:02d}", name_zh="珠江学院")
    first = answer(viewer_client, ORGANISATIONS, q="pearl")
    assert len(first["results"]) == autocomplete.RESULTS == 20 and first["more"] is True
    narrower = answer(viewer_client, ORGANISATIONS, q="pearl river college 2")
    assert [r["text"] for r in narrower["results"]] == [f"Pearl River College {n}" for n in range(20, 25)]
    assert narrower["more"] is False


def test_rows_hidden_from_the_user_are_never_offered(partners, viewer_client, monkeypatch):
    """Row-level restriction (restrict_rows) applies here as on every list."""
    hidden = partners["sysu"]
    monkeypatch.setattr(
        Organisation, "restrict_rows", staticmethod(lambda qs, user, action: qs.exclude(pk=hidden.pk)), raising=False
    )
    assert names(viewer_client, ORGANISATIONS, q="中山") == []
    assert hidden.pk not in [r["value"] for r in answer(viewer_client, ORGANISATIONS)["results"]]


def test_a_user_without_the_view_permission_gets_403(partners):
    client = client_for(make_user("no-role"))
    assert client.get(ORGANISATIONS, {"q": "SYSU"}).status_code == 403


def test_the_model_permission_is_checked_per_model(partners):
    """view_organisation alone answers for organisations, not for people."""
    from django.contrib.auth.models import Permission

    user = make_user("orgs-only")
    user.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    client = client_for(user)
    assert client.get(ORGANISATIONS).status_code == 200
    assert client.get(PEOPLE).status_code == 403


def test_anonymous_is_sent_to_login(partners, client):
    response = client.get(ORGANISATIONS, {"q": "SYSU"})
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("label", ["organisations.nothing", "core.college", "auth.user", "organisation"])
def test_a_model_that_is_not_registered_is_not_found(partners, viewer_client, label):
    assert viewer_client.get(reverse("core:autocomplete", args=[label])).status_code == 404


def test_only_get(partners, editor_client):
    assert editor_client.post(ORGANISATIONS, {"q": "SYSU"}).status_code == 405


def test_the_large_models_are_registered_by_their_apps():
    assert set(autocomplete.REGISTRY) >= {
        "organisations.organisation",
        "organisations.person",
        "relationships.interaction",
        "agreements.agreement",
    }


def test_every_limit_choices_to_is_a_filter_of_the_target_filterset():
    """A field narrowed by `limit_choices_to` sends it to the endpoint as FilterSet parameters; an
    unknown one would be refused, so every key must be a filter of the registered model's FilterSet."""
    checked = 0
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.is_relation and not field.auto_created and field.related_model):
                continue
            entry = autocomplete.REGISTRY.get(field.related_model._meta.label_lower)
            params = simple_params(getattr(field.remote_field, "limit_choices_to", None))
            if entry is None or not params:
                continue
            assert set(params) <= set(entry.filterset_class.base_filters), f"{model.__name__}.{field.name}"
            assert entry.filterset_class(params).is_valid(), f"{model.__name__}.{field.name}: {params}"
            checked += 1
    assert checked >= 4  # relationship manager, follow-up owner, responsible, obligation owner


def test_the_endpoint_makes_a_fixed_number_of_queries(profile, viewer_client, django_assert_max_num_queries):
    for _ in range(30):
        PersonFactory()
    with django_assert_max_num_queries(8):
        assert len(names(viewer_client, PEOPLE, q="li")) == 20
    assert Person.objects.count() == 30
