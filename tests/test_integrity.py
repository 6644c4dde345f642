"""Links are never lost silently, and what a page shows respects who is reading it."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from partnerships.core.models import ObjectChange, Strand
from partnerships.organisations.models import Organisation

from .conftest import client_for, make_user
from .factories import AffiliationFactory, InteractionFactory, OrganisationFactory, PersonFactory


@pytest.mark.django_db
def test_an_organisation_in_interactions_cannot_be_deleted(profile, editor_client):
    """Deleting it would silently empty the interactions' organisation lists; refused instead."""
    org = OrganisationFactory()
    InteractionFactory(organisations=[org])
    page = editor_client.post(
        reverse("organisations:organisation_delete", args=[org.pk]), {"version": org.version}, follow=True
    )
    assert "still referred to" in page.content.decode()
    assert editor_client.delete(f"/api/organisations/{org.pk}/").status_code == 409
    assert Organisation.objects.filter(pk=org.pk).exists()


@pytest.mark.django_db
def test_a_strand_in_use_cannot_be_deleted(profile):
    admin = client_for(make_user("boss", "admin"))
    strand = Strand.objects.get(code="research")
    InteractionFactory().strands.add(strand)
    admin.post(reverse("core:strand_delete", args=[strand.pk]), {"version": strand.version})
    assert Strand.objects.filter(pk=strand.pk).exists()


@pytest.mark.django_db
def test_stale_delete_is_refused(profile, editor_client):
    org = OrganisationFactory()
    stale = org.version
    org.city = "Foshan"
    org.version += 1
    org.save()
    editor_client.post(reverse("organisations:organisation_delete", args=[org.pk]), {"version": stale})
    assert Organisation.objects.filter(pk=org.pk).exists()
    response = editor_client.delete(f"/api/organisations/{org.pk}/", HTTP_IF_MATCH=f'"{stale}"')
    assert response.status_code == 412


@pytest.mark.django_db
def test_reverse_clear_is_logged_on_each_interaction(profile):
    person = PersonFactory()
    meeting = InteractionFactory()
    meeting.people.add(person)
    person.interactions.clear()
    change = ObjectChange.objects.filter(content_type__model="interaction", object_id=str(meeting.pk)).first()
    assert change.prechange_data["people"] == [person.pk] and change.postchange_data["people"] == []


@pytest.mark.django_db
def test_a_moved_affiliation_shows_in_both_organisations_histories(profile, editor_client):
    old, new = OrganisationFactory(name_en="Old Employer"), OrganisationFactory(name_en="New Employer")
    affiliation = AffiliationFactory(organisation=old)
    editor_client.post(
        reverse("organisations:affiliation_edit", args=[affiliation.pk]),
        {"person": affiliation.person_id, "organisation": new.pk, "version": affiliation.version},
    )
    for org in (old, new):
        history = editor_client.get(org.get_absolute_url()).content.decode().split('id="history"')[1]
        assert "New Employer" in history, org


@pytest.mark.django_db
def test_chinese_aliases_are_searchable(profile, viewer_client):
    OrganisationFactory(name_en="Sun Yat-sen University", former_names=["中山医科大学"])
    html = viewer_client.get("/organisations/?q=中山医科").content.decode()
    assert "Sun Yat-sen University" in html


@pytest.mark.django_db
def test_login_link_is_not_editable_by_editors(profile, editor, editor_client):
    person = PersonFactory()
    assert (
        "user" not in editor_client.get(reverse("organisations:person_edit", args=[person.pk])).context["form"].fields
    )
    editor_client.patch(
        f"/api/people/{person.pk}/",
        json.dumps({"user": editor.pk}),
        content_type="application/json",
        HTTP_IF_MATCH=f'"{person.version}"',
    )
    person.refresh_from_db()
    assert person.user is None


@pytest.mark.django_db
def test_history_shows_only_record_types_the_reader_may_view(profile):
    org = OrganisationFactory()
    InteractionFactory(organisations=[org], title="Confidential chat")
    reader = make_user("org-only")
    reader.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    html = client_for(reader).get(org.get_absolute_url()).content.decode()
    assert "Confidential chat" not in html


@pytest.mark.django_db
def test_choice_lists_offer_only_visible_records(profile):
    """A user who may not view people is offered none in the interaction form's list."""
    PersonFactory(family_name="Hidden")
    user = make_user("limited")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_interaction", "view_interaction", "view_organisation"])
    )
    form = client_for(user).get(reverse("relationships:interaction_add")).context["form"]
    assert form.fields["people"].queryset.count() == 0


@pytest.mark.django_db
def test_chinese_export_file_name_is_properly_encoded(profile, viewer_client):
    with translation.override("zh-hans"):
        response = viewer_client.get("/organisations/?export=csv", HTTP_ACCEPT_LANGUAGE="zh-hans")
    header = response["Content-Disposition"]
    assert header.startswith("attachment;") and "filename*=utf-8''" in header


@pytest.mark.django_db
def test_api_normalises_like_the_pages(profile, editor_client):
    response = editor_client.post(
        "/api/organisations/",
        json.dumps({"name_en": "X", "country": "cn", "acronyms": ["SYSU", " sysu "]}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["country"] == "CN" and response.json()["acronyms"] == ["SYSU"]
