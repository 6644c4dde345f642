"""No lost updates, and bad input gets field errors with nothing written."""

import json

import pytest
from django.urls import reverse

from partnerships.organisations.models import Organisation, Person

from .factories import OrganisationFactory


def org_form(org, **overrides):
    data = {"name_en": org.name_en, "name_zh": org.name_zh, "kind": org.kind, "version": org.version}
    return {**data, **overrides}


@pytest.mark.django_db
def test_stale_page_edit_is_refused(profile, editor_client):
    """Two people open the same record; the second to save gets the conflict message, nothing saved."""
    org = OrganisationFactory(name_en="Original")
    stale_version = org.version
    first = editor_client.post(
        reverse("organisations:organisation_edit", args=[org.pk]), org_form(org, name_en="First")
    )
    assert first.status_code == 302
    second = editor_client.post(
        reverse("organisations:organisation_edit", args=[org.pk]),
        org_form(org, name_en="Second", version=stale_version),
    )
    assert second.status_code == 409
    assert "Someone else changed this record" in second.content.decode()
    org.refresh_from_db()
    assert org.name_en == "First" and org.version == stale_version + 1


@pytest.mark.django_db
def test_stale_api_update_gets_412(profile, editor_client):
    org = OrganisationFactory()
    etag = editor_client.get(f"/api/organisations/{org.pk}/")["ETag"]
    ok = editor_client.patch(
        f"/api/organisations/{org.pk}/",
        json.dumps({"city": "Foshan"}),
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert ok.status_code == 200 and ok["ETag"] != etag
    stale = editor_client.patch(
        f"/api/organisations/{org.pk}/",
        json.dumps({"city": "Shenzhen"}),
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert stale.status_code == 412
    org.refresh_from_db()
    assert org.city == "Foshan"


@pytest.mark.django_db
def test_api_update_needs_a_precondition(profile, editor_client):
    org = OrganisationFactory()
    response = editor_client.patch(
        f"/api/organisations/{org.pk}/", json.dumps({"city": "Foshan"}), content_type="application/json"
    )
    assert response.status_code == 428
    by_body = editor_client.patch(
        f"/api/organisations/{org.pk}/",
        json.dumps({"city": "Foshan", "version": org.version}),
        content_type="application/json",
    )
    assert by_body.status_code == 200


@pytest.mark.django_db
def test_bad_form_input_gets_field_errors_and_writes_nothing(profile, editor_client):
    response = editor_client.post(
        reverse("organisations:organisation_add"),
        {"name_en": "", "kind": "spaceship", "uscc": "123", "website": "not a url"},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"name_en", "kind", "website"} <= set(errors)
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_model_rules_are_field_errors_on_the_page(profile, editor_client):
    response = editor_client.post(reverse("organisations:person_add"), {"family_name": "Smith", "kind": "staff"})
    assert response.status_code == 400
    assert "college" in response.context["form"].errors
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_bad_api_input_gets_field_errors_and_writes_nothing(profile, editor_client):
    response = editor_client.post(
        "/api/organisations/",
        json.dumps({"name_en": "", "kind": "spaceship", "uscc": "123"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert {"name_en", "kind"} <= set(body)
    response = editor_client.post(
        "/api/organisations/", json.dumps({"name_en": "X", "uscc": "123"}), content_type="application/json"
    )
    assert response.status_code == 400 and "uscc" in response.json()
    response = editor_client.post(
        "/api/people/", json.dumps({"family_name": "Smith", "kind": "staff"}), content_type="application/json"
    )
    assert response.status_code == 400 and "college" in response.json()
    assert not Organisation.objects.exists() and not Person.objects.exists()


@pytest.mark.django_db
def test_interaction_needs_an_organisation(profile, editor_client):
    response = editor_client.post(
        reverse("relationships:interaction_add"), {"kind": "meeting", "title": "Lunch", "date": "2026-05-01"}
    )
    assert response.status_code == 400
    assert "organisations" in response.context["form"].errors


@pytest.mark.django_db
def test_an_organisation_cannot_be_its_own_ancestor(profile, editor_client):
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    response = editor_client.post(
        reverse("organisations:organisation_edit", args=[parent.pk]), org_form(parent, parent=child.pk)
    )
    assert response.status_code == 400 and "parent" in response.context["form"].errors
