"""Every write path records who, when, what, and the values before and after."""

import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from partnerships.core.changelog import change_context
from partnerships.core.models import ObjectChange
from partnerships.organisations.models import Organisation

from .factories import InteractionFactory, OrganisationFactory, PersonFactory


def changes_for(obj):
    return ObjectChange.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


@pytest.mark.django_db
def test_page_create_update_delete_are_logged(profile, editor, editor_client):
    """A record created, edited and deleted on the pages has three entries, by the editor, from the web."""
    response = editor_client.post(
        reverse("organisations:organisation_add"),
        {"name_en": "Jinan University", "name_zh": "暨南大学", "kind": "university"},
    )
    assert response.status_code == 302
    org = Organisation.objects.get(name_en="Jinan University")
    editor_client.post(
        reverse("organisations:organisation_edit", args=[org.pk]),
        {
            "name_en": "Jinan University",
            "name_zh": "暨南大学",
            "kind": "university",
            "city": "Guangzhou",
            "version": org.version,
        },
    )
    editor_client.post(reverse("organisations:organisation_delete", args=[org.pk]))

    create, update, delete = changes_for(org).order_by("pk")
    assert [c.action for c in (create, update, delete)] == ["create", "update", "delete"]
    assert {c.user for c in (create, update, delete)} == {editor}
    assert {c.source for c in (create, update, delete)} == {"web"}
    assert create.prechange_data is None and create.postchange_data["name_zh"] == "暨南大学"
    assert create.postchange_data["pinyin"] == "ji nan da xue"
    assert update.diff() == [("city", "", "Guangzhou")]
    assert delete.prechange_data["city"] == "Guangzhou" and delete.postchange_data is None


@pytest.mark.django_db
def test_many_to_many_changes_fold_into_the_same_entry(profile, editor_client):
    """Tags saved with a form are part of that form's change, not separate entries."""
    from partnerships.core.models import Strand

    strand = Strand.objects.get(code="research")
    editor_client.post(
        reverse("organisations:organisation_add"), {"name_en": "SCUT", "kind": "university", "strands": [strand.pk]}
    )
    org = Organisation.objects.get(name_en="SCUT")
    (change,) = changes_for(org)
    assert change.postchange_data["strands"] == [strand.pk]


@pytest.mark.django_db
def test_api_writes_are_logged(profile, editor, editor_client):
    response = editor_client.post(
        "/api/organisations/",
        json.dumps({"name_en": "GIEC", "kind": "research_institute"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = editor_client.patch(
        f"/api/organisations/{pk}/",
        json.dumps({"city": "Guangzhou"}),
        content_type="application/json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200, response.content
    editor_client.delete(f"/api/organisations/{pk}/")
    entries = ObjectChange.objects.filter(object_id=str(pk), content_type__model="organisation").order_by("pk")
    assert [(c.action, c.source, c.user) for c in entries] == [
        ("create", "api", editor),
        ("update", "api", editor),
        ("delete", "api", editor),
    ]
    assert entries[1].diff() == [("city", "", "Guangzhou")]


@pytest.mark.django_db
def test_token_api_writes_name_the_token_user(profile, editor):
    """A token-authenticated request is attributed to the token's user, not to nobody."""
    from django.test import Client
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=editor)
    response = Client().post(
        "/api/organisations/",
        json.dumps({"name_en": "Token Org"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 201
    assert (
        ObjectChange.objects.get(object_id=str(response.json()["id"]), content_type__model="organisation").user
        == editor
    )


@pytest.mark.django_db
def test_command_writes_are_logged(profile):
    """Management commands log their changes too, marked as from a command."""
    entries = ObjectChange.objects.filter(content_type__model="college")
    assert entries.count() == 5 and {c.source for c in entries} == {"command"}
    # Loading the same profile again changes nothing, so logs nothing.
    call_command("load_profile", "profiles/birmingham-guangzhou.yaml", stdout=io.StringIO())
    assert ObjectChange.objects.filter(content_type__model="college").count() == 5


@pytest.mark.django_db
def test_change_context_attributes_a_user(profile, editor):
    with change_context(user=editor, source="import"):
        org = OrganisationFactory()
    (change,) = changes_for(org)
    assert (change.user, change.source) == (editor, "import")


@pytest.mark.django_db
def test_related_changes_show_in_the_organisation_history(profile, editor_client):
    """A person's affiliation and an interaction appear in the organisation's history."""
    org = OrganisationFactory()
    person = PersonFactory()
    editor_client.post(
        reverse("organisations:affiliation_add"), {"person": person.pk, "organisation": org.pk, "role": "Dean"}
    )
    InteractionFactory(organisations=[org], title="Kick-off meeting")
    page = editor_client.get(org.get_absolute_url()).content.decode()
    history = page[page.index('id="history"') :]
    assert "Kick-off meeting" in history
    assert str(person) in history


@pytest.mark.django_db
def test_no_op_save_logs_nothing(profile):
    org = OrganisationFactory()
    org.save()
    assert changes_for(org).count() == 1
