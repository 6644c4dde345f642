"""API reads make whole records only of what they print: linked records they list by id are read as ids."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.core.models import Strand

from .conftest import join_business_team
from .factories import (
    DealFactory,
    InteractionFactory,
    IPAssetFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
)


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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, field, link_table, linked_column",
    [
        ("/api/ip-assets/", "inventors", "business_ipasset_inventors", '"organisations_person"."family_name"'),
        ("/api/deals/", "team", "business_deal_team", '"organisations_person"."family_name"'),
        ("/api/deals/", "ip_assets", "business_deal_ip_assets", '"business_ipasset"."title_en"'),
    ],
)
def test_a_business_list_reads_the_ids_of_linked_records_not_the_records(
    profile, editor, editor_client, url, field, link_table, linked_column
):
    """IP assets' inventors, deals' team and IP: ids from the link tables (read by the business team)."""
    join_business_team(editor)
    person, asset, deal = PersonFactory(), IPAssetFactory(), DealFactory()
    asset.inventors.set([person])
    deal.team.set([person])
    deal.ip_assets.set([asset])
    expected = {"inventors": [person.pk], "team": [person.pk], "ip_assets": [asset.pk]}[field]

    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(url)

    record = asset if url == "/api/ip-assets/" else deal
    row = next(r for r in response.json()["results"] if r["id"] == record.pk)
    assert row[field] == expected
    linked = [q["sql"] for q in queries.captured_queries if link_table in q["sql"]]
    assert linked, f"the {field} are read in a prefetch"
    columns = [sql.split(" FROM ")[0] for sql in linked]
    assert all(linked_column not in c for c in columns), columns


@pytest.mark.django_db
def test_a_programme_list_reads_the_ids_of_its_tags_and_partner_not_the_records(profile, viewer_client):
    """Programmes' strands come as ids from the link table; partner and leads are the row's own columns."""
    programme = ProgrammeFactory(lead_home=PersonFactory())
    programme.strands.set(Strand.objects.all()[:2])

    with CaptureQueriesContext(connection) as queries:
        response = viewer_client.get("/api/programmes/")

    row = next(r for r in response.json()["results"] if r["id"] == programme.pk)
    assert sorted(row["strands"]) == sorted(s.pk for s in Strand.objects.all()[:2])
    assert (row["partner"], row["lead_home"]) == (programme.partner_id, programme.lead_home_id)
    linked = [q["sql"] for q in queries.captured_queries if "programmes_programme_strands" in q["sql"]]
    assert linked, "the strands are read in a prefetch"
    columns = [sql.split(" FROM ")[0] for sql in linked]
    assert all('"core_strand"."name_en"' not in c for c in columns), columns
    assert not [q for q in queries.captured_queries if '"organisations_organisation"' in q["sql"]]
