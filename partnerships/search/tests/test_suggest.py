""" "Did you mean…?": suggestions while typing a new organisation's name, and a warning on saving a likely duplicate."""

import pytest
from django.contrib.auth.models import Permission

from partnerships.organisations.models import Organisation
from partnerships.search.index import get_index
from partnerships.search.resolver import resolve
from partnerships.search.suggest import SUGGEST_FLOOR, suggestions
from tests.conftest import client_for, make_user

SUGGEST = "/organisations/suggest/"
ADD = "/organisations/add/"


@pytest.fixture
def sysu(small_registry):
    return Organisation.objects.create(
        name_en="Sun Yat-sen University", name_zh="中山大学", acronyms=["SYSU"], ror_id="0064kty71", country="CN"
    )


def htmx_get(client, params):
    return client.get(SUGGEST, params, HTTP_HX_REQUEST="true")


def test_typing_a_variant_offers_the_existing_record(sysu, viewer_client):
    """ "Sun Yat Sen Univ." in the English name field links to the centre's record."""
    response = htmx_get(viewer_client, {"name_en": "Sun Yat Sen Univ."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a partial, for the box under the field
    assert f'href="/organisations/{sysu.pk}/"' in html and "Sun Yat-sen University" in html


def test_chinese_field_is_read_too(sysu, viewer_client):
    html = htmx_get(viewer_client, {"name_zh": "中山大學"}).content.decode()
    assert f'href="/organisations/{sysu.pk}/"' in html


def test_registry_entries_link_to_the_entry_page(small_registry, viewer_client):
    """An organisation the centre has no record of yet is offered as its registry entry, whose page can create it."""
    html = htmx_get(viewer_client, {"name_en": "South China Univ of Technology"}).content.decode()
    assert 'href="/registry/0530pts50/"' in html


def test_weak_candidates_below_the_threshold_are_offered(small_registry, viewer):
    """A misspelt name the resolver would not answer with is still a suggestion, if above the floor."""
    text = "Jinan Univercity"
    resolution = resolve(text)
    assert resolution.match is None and resolution.candidates
    shown = suggestions(text, viewer)
    assert [s.candidate.ror_id for s in shown] == ["02xe5ns62"]
    assert shown[0].candidate.score >= SUGGEST_FLOOR


def test_junk_is_not_offered(small_registry, viewer_client):
    """A lone place name is a weak candidate, not a suggestion; nothing at all shows an empty box."""
    for text in ("Guangzhou", "Acme Widgets", ""):
        assert htmx_get(viewer_client, {"name_en": text}).content.decode().strip() == ""


def test_suggestions_are_permission_filtered(sysu, db):
    """Without view_organisation the centre's record is not offered; without view_registryentry no entry is."""
    registry_only = make_user("registry-reader")
    registry_only.user_permissions.add(Permission.objects.get(codename="view_registryentry"))
    html = htmx_get(client_for(registry_only), {"name_en": "Sun Yat Sen Univ."}).content.decode()
    assert "/organisations/" not in html and 'href="/registry/0064kty71/"' in html

    organisations_only = make_user("organisation-reader")
    organisations_only.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    client = client_for(organisations_only)
    assert f'href="/organisations/{sysu.pk}/"' in htmx_get(client, {"name_en": "SYSU"}).content.decode()
    assert "/registry/" not in htmx_get(client, {"name_en": "South China University of Technology"}).content.decode()


def test_a_user_who_may_view_neither_gets_403(small_registry, nobody):
    assert htmx_get(client_for(nobody), {"name_en": "SYSU"}).status_code == 403


def test_the_create_form_asks_for_suggestions_under_each_name_field(profile, editor_client):
    html = editor_client.get(ADD).content.decode()
    for field in ("name_en", "name_zh"):
        assert f'hx-target="#suggestions-id_{field}"' in html and f'id="suggestions-id_{field}"' in html
    assert f'hx-get="{SUGGEST}"' in html
    assert 'type="checkbox" name="confirm_new"' not in html  # no warning, no checkbox


def test_the_edit_form_does_not_suggest(profile, sysu, editor_client):
    html = editor_client.get(f"/organisations/{sysu.pk}/edit/").content.decode()
    assert "hx-get" not in html and "confirm_new" not in html


def test_saving_a_likely_duplicate_is_stopped_with_a_link(profile, sysu, editor_client):
    """The form comes back (400) naming the existing record; nothing is saved."""
    response = editor_client.post(ADD, {"name_en": "Sun Yat Sen University", "kind": "university"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "An organisation with this name may already exist" in html
    assert f'<a href="/organisations/{sysu.pk}/">Sun Yat-sen University</a>' in html
    assert 'type="checkbox" name="confirm_new"' in html
    assert Organisation.objects.count() == 1


def test_confirm_new_saves_anyway(profile, sysu, editor_client):
    response = editor_client.post(ADD, {"name_en": "Sun Yat Sen University", "kind": "university", "confirm_new": "on"})
    assert response.status_code == 302
    assert Organisation.objects.filter(name_en="Sun Yat Sen University").exists()


def test_a_new_name_saves_without_a_warning(profile, sysu, editor_client):
    response = editor_client.post(ADD, {"name_en": "Jinan University", "kind": "university"})
    assert response.status_code == 302  # a registry entry, not a centre record: no duplicate


def test_the_index_sees_an_organisation_created_after_it_was_built(profile, small_registry, editor_client):
    """The cached index is rebuilt when organisations change, so a record made a moment ago is offered."""
    get_index()
    assert htmx_get(editor_client, {"name_en": "Guangdong Pharmaceutical Univ"}).content.decode().strip() == ""
    created = Organisation.objects.create(name_en="Guangdong Pharmaceutical University", country="CN")
    html = htmx_get(editor_client, {"name_en": "Guangdong Pharmaceutical Univ"}).content.decode()
    assert f'href="/organisations/{created.pk}/"' in html
    assert editor_client.post(ADD, {"name_en": "Guangdong Pharmaceutical University"}).status_code == 400


def test_suggestions_cost_a_fixed_number_of_queries(sysu, small_registry, viewer_client, django_assert_max_num_queries):
    """Every keystroke asks: the fragment runs no layout queries, and the count does not grow with the hits."""
    htmx_get(viewer_client, {"name_en": "University"})  # the index is built once per process
    # session, user, language preference, permissions (2), index freshness (2), organisations and entries shown
    with django_assert_max_num_queries(9):
        html = htmx_get(viewer_client, {"name_en": "Sun Yat Sen Univ."}).content.decode()
    assert "Sun Yat-sen University" in html
