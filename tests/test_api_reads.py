"""API reads make whole records only of what they print: linked records they list by id are read as ids."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.core.models import Strand

from .factories import InteractionFactory, OrganisationFactory


@pytest.mark.django_db
def test_a_list_reads_the_ids_of_linked_records_not_the_records(profile, editor_client):
    organisation = OrganisationFactory(name_en="Linked Only By Id University")
    interaction = InteractionFactory()
    interaction.organisations.set([organisation])
    interaction.strands.set(Strand.objects.all()[:2])

    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get("/api/interactions/")

    row = next(r for r in response.json()["results"] if r["id"] == interaction.pk)
    assert row["organisations"] == [organisation.pk]
    assert sorted(row["strands"]) == sorted(s.pk for s in Strand.objects.all()[:2])
    linked = [q["sql"] for q in queries.captured_queries if "relationships_interaction_organisations" in q["sql"]]
    assert linked, "the organisations are read in a prefetch"
    columns = [sql.split(" FROM ")[0] for sql in linked]
    assert all('"organisations_organisation"."name_en"' not in c for c in columns), columns


@pytest.mark.django_db
def test_a_write_still_answers_with_the_whole_record(profile, editor_client):
    organisation = OrganisationFactory()
    response = editor_client.post(
        "/api/interactions/",
        {"kind": "meeting", "title": "Written", "date": "2026-11-30", "organisations": [organisation.pk]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["organisations"] == [organisation.pk]
