"""The search index follows every write path: pages, API, commands, the ORM, deletes, related records."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from partnerships.core.changelog import change_context
from partnerships.organisations.models import Organisation
from partnerships.search.models import SearchEntry
from partnerships.search.queries import search
from tests import conftest
from tests.factories import AgreementFactory, InteractionFactory, OrganisationFactory, PartyFactory

pytestmark = pytest.mark.django_db
profile, viewer, editor, editor_client = conftest.profile, conftest.viewer, conftest.editor, conftest.editor_client


def found(user, text, key="organisations-organisation"):
    return [h.obj for g in search(user, text) if g.key == key for h in g.hits]


def test_page_form_create_and_edit(profile, editor, editor_client):
    response = editor_client.post(
        "/organisations/add/", {"name_en": "Guangzhou Institute of Energy Conversion", "kind": "research_institute"}
    )
    assert response.status_code == 302, response.content
    org = Organisation.objects.get(name_en="Guangzhou Institute of Energy Conversion")
    assert found(editor, "Energy Conversion") == [org]
    form = {"name_en": org.name_en, "name_zh": "广州能源研究所", "acronyms": "GIEC", "kind": "research_institute"}
    response = editor_client.post(f"/organisations/{org.pk}/edit/", {**form, "version": org.version})
    assert response.status_code == 302, response.content
    assert found(editor, "GIEC") == [org] and found(editor, "广州能源") == [org]


def test_api_create_update_delete(profile, editor, editor_client):
    response = editor_client.post(
        "/api/organisations/", json.dumps({"name_en": "Jinan University", "kind": "university"}), "application/json"
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert [o.pk for o in found(editor, "Jinan")] == [pk]
    response = editor_client.patch(
        f"/api/organisations/{pk}/", json.dumps({"name_zh": "暨南大学"}), "application/json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.content
    assert [o.pk for o in found(editor, "暨大")] == [pk]
    assert editor_client.delete(f"/api/organisations/{pk}/").status_code == 204
    assert found(editor, "Jinan") == [] and not SearchEntry.objects.filter(object_id=pk).exists()


def test_a_command_or_shell_save_is_indexed(viewer):
    with change_context(source="command"):
        org = Organisation.objects.create(name_en="Sun Yat-sen University", name_zh="中山大学")
    assert found(viewer, "中大") == [org]


@pytest.mark.one_database
def test_load_demo_indexes_what_it_creates(profile, viewer):
    call_command("load_demo", stdout=io.StringIO())
    sysu = Organisation.objects.get(name_zh="中山大学")
    for text in ("zhongshan", "中大", "中山大學"):
        assert found(viewer, text)[:1] == [sysu], text


def test_delete_removes_the_entry(viewer):
    org = OrganisationFactory(name_en="Short-lived Institute")
    org.delete()
    assert found(viewer, "Short-lived") == [] and SearchEntry.objects.count() == 0


def test_renaming_an_organisation_updates_its_agreements_and_interactions(viewer):
    org = OrganisationFactory(name_en="Zhongshan University", name_zh="")
    agreement = PartyFactory(organisation=org).agreement
    interaction = InteractionFactory(organisations=[org])
    org.name_en = "Sun Yat-sen University"
    org.save()
    assert found(viewer, "Yat-sen", "agreements-agreement") == [agreement]
    assert found(viewer, "Yat-sen", "relationships-interaction") == [interaction]
    assert found(viewer, "Zhongshan University", "agreements-agreement") == []


def test_adding_and_removing_parties_and_participants(viewer):
    org = OrganisationFactory(name_en="Guangdong Academy of Sciences")
    agreement = AgreementFactory(title_en="Framework")
    party = PartyFactory(agreement=agreement, organisation=org)
    assert found(viewer, "Guangdong Academy", "agreements-agreement") == [agreement]
    party.delete()
    assert found(viewer, "Guangdong Academy", "agreements-agreement") == []

    interaction = InteractionFactory(title="Campus visit")
    interaction.organisations.add(org)
    assert found(viewer, "Guangdong Academy", "relationships-interaction") == [interaction]
    org.interactions.clear()  # from the other side
    assert found(viewer, "Guangdong Academy", "relationships-interaction") == []


def test_a_rolled_back_edit_leaves_the_index_as_it_was(viewer):
    org = OrganisationFactory(name_en="Steady University")
    with pytest.raises(RuntimeError), transaction.atomic():
        org.name_en = "Renamed University"
        org.save()
        raise RuntimeError
    assert found(viewer, "Steady") == [org] and found(viewer, "Renamed") == []


def test_rebuild_command_restores_a_lost_index(viewer):
    org = OrganisationFactory(name_en="Sun Yat-sen University", name_zh="中山大学")
    PartyFactory(organisation=org)
    Organisation.objects.filter(pk=org.pk).update(acronyms=["SYSU"])  # bypasses signals
    assert found(viewer, "SYSU") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed" in out.getvalue()
    assert found(viewer, "SYSU") == [org]
    assert SearchEntry.objects.count() == 2  # the organisation and its agreement


def test_a_merge_moves_hits_to_the_survivor(viewer):
    """After a merge the loser's names find the survivor, and its agreements show the survivor's name."""
    merge = pytest.importorskip("partnerships.organisations.merge")
    survivor = OrganisationFactory(name_en="Sun Yat-sen University", name_zh="中山大学")
    loser = OrganisationFactory(name_en="Zhongshan Univ. (old record)", name_zh="")
    agreement = PartyFactory(organisation=loser).agreement
    merge.organisation_merge(survivor=survivor, loser=loser)
    assert found(viewer, "Zhongshan Univ. (old record)") == [survivor]
    assert found(viewer, "中山大学", "agreements-agreement") == [agreement]
    assert not SearchEntry.objects.filter(object_id=loser.pk, content_type__model="organisation").exists()
