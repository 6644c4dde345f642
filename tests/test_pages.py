"""What the pages show: home, health, the board, strand pages, the API schema, the profile."""

import json

import pytest
from django.urls import reverse

from partnerships.core.models import Institution, Strand

from .conftest import client_for, join_business_team, make_user
from .factories import (
    DealFactory,
    InteractionFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RelationshipFactory,
    StaffFactory,
)


@pytest.mark.django_db
def test_health_answers_without_login(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_board_puts_each_relationship_in_its_stage(profile, viewer_client):
    RelationshipFactory(organisation=OrganisationFactory(name_en="Alpha Uni"), stage="strategic")
    RelationshipFactory(organisation=OrganisationFactory(name_en="Beta Uni"), stage="dormant")
    html = viewer_client.get(reverse("relationships:relationship_board")).content.decode()
    strategic = html[html.index('class="column stage-strategic"') : html.index('class="column stage-dormant"')]
    assert "Alpha Uni" in strategic and "Beta Uni" not in strategic


@pytest.mark.django_db
def test_deal_board_puts_each_deal_in_its_stage_for_the_team_alone(profile, viewer, viewer_client):
    DealFactory(title="Alpha licence", stage="negotiation")
    DealFactory(title="Beta consultancy", stage="lost")
    url = reverse("business:deal_board")
    outside = viewer_client.get(url).content.decode()
    assert "Alpha licence" not in outside and "Beta consultancy" not in outside
    join_business_team(viewer)
    html = viewer_client.get(url).content.decode()
    negotiation = html[html.index('class="column stage-negotiation"') : html.index('class="column stage-won"')]
    assert "Alpha licence" in negotiation and "Beta consultancy" not in negotiation
    assert "Beta consultancy" in html[html.index('class="column stage-lost"') :]


@pytest.mark.django_db
def test_strand_page_lists_tagged_records_by_type(profile, viewer_client):
    strand = Strand.objects.get(code="business")
    InteractionFactory(title="Licensing talk").strands.add(strand)
    InteractionFactory(title="Untagged chat")
    response = viewer_client.get(reverse("core:strand_detail", args=[strand.pk]))
    html = response.content.decode()
    assert "Licensing talk" in html and "Untagged chat" not in html
    assert "/interactions/?strands=business" in html


@pytest.mark.django_db
def test_strand_page_lists_tagged_programmes(profile, viewer_client):
    strand = Strand.objects.get(code="education")
    ProgrammeFactory(title_en="BSc Economics").strands.add(strand)
    ProgrammeFactory(title_en="Untagged programme")
    html = viewer_client.get(reverse("core:strand_detail", args=[strand.pk])).content.decode()
    assert "BSc Economics" in html and "Untagged programme" not in html
    assert "/programmes/?strands=education" in html


@pytest.mark.django_db
def test_strand_filter_on_list(profile, viewer_client):
    strand = Strand.objects.get(code="research")
    InteractionFactory(title="Tagged").strands.add(strand)
    InteractionFactory(title="Other")
    html = viewer_client.get("/interactions/?strands=research").content.decode()
    assert "Tagged" in html and "Other" not in html


@pytest.mark.django_db
def test_htmx_request_gets_only_the_results(profile, viewer_client):
    OrganisationFactory(name_en="Jinan University")
    full = viewer_client.get("/organisations/?q=jinan").content.decode()
    partial = viewer_client.get("/organisations/?q=jinan", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in full and "<html" not in partial and "Jinan University" in partial


@pytest.mark.django_db
def test_home_shows_follow_ups(profile, viewer_client):
    from django.utils import timezone

    InteractionFactory(
        title="Send MoU draft",
        date=timezone.localdate(),
        follow_up_date=timezone.localdate(),
        follow_up_owner=StaffFactory(),
    )
    assert "Send MoU draft" in viewer_client.get("/").content.decode()


@pytest.mark.django_db
def test_openapi_schema_covers_every_model(profile, viewer_client):
    response = viewer_client.get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = json.loads(response.content)["paths"]
    for prefix in (
        "organisations",
        "people",
        "affiliations",
        "relationships",
        "interactions",
        "colleges",
        "strands",
        "themes",
        "registry-entries",
        "ip-assets",
        "business-needs",
        "expertise",
        "matches",
        "deals",
        "sectors",
        "programmes",
        "programme-accreditations",
        "programme-cohorts",
        "offshore-return-codes",
    ):
        assert f"/api/{prefix}/" in paths, prefix
    assert "/api/business-needs/{id}/suggest/" in paths and "/api/deals/{id}/move/" in paths
    assert "/api/programmes/{id}/transition/" in paths


@pytest.mark.django_db
def test_api_docs_page_uses_no_cdn(profile, viewer_client):
    html = viewer_client.get("/api/docs/").content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html


@pytest.mark.django_db
def test_pages_load_no_external_assets(profile, viewer_client):
    html = viewer_client.get("/organisations/").content.decode()
    assert "http://" not in html.split("<body")[0] and "https://" not in html.split("<body")[0]


@pytest.mark.django_db
def test_admin_edits_the_profile(profile):
    admin = client_for(make_user("boss", "admin"))
    institution = Institution.current()
    response = admin.post(
        reverse("core:institution_edit", args=[institution.pk]),
        {
            "name_en": institution.name_en,
            "name_zh": institution.name_zh,
            "ror_id": "03angcq70",
            "host_city": "Guangzhou",
            "host_country": "CN",
            "version": institution.version,
            "centre_name_en": "Renamed Centre",
        },
    )
    assert response.status_code == 302
    assert "Renamed Centre" in admin.get("/").content.decode()


@pytest.mark.django_db
def test_registry_entry_becomes_an_organisation(profile, editor_client):
    from partnerships.registry.models import RegistryEntry

    RegistryEntry.objects.create(
        ror_id="0064kty71",
        name="Sun Yat-sen University",
        name_zh="中山大学",
        acronyms=["SYSU"],
        types=["education"],
        city="Guangzhou",
        country="CN",
        schema_version="2",
        record={},
    )
    response = editor_client.post(reverse("organisations:organisation_from_registry", args=["0064kty71"]))
    assert response.status_code == 302
    page = editor_client.get(response["Location"]).content.decode()
    assert "中山大学" in page and "SYSU" in page
    # A second attempt is refused with a message, not a duplicate.
    again = editor_client.post(reverse("organisations:organisation_from_registry", args=["0064kty71"]), follow=True)
    assert again.status_code == 200
    from partnerships.organisations.models import Organisation

    assert Organisation.objects.filter(ror_id="0064kty71").count() == 1


@pytest.mark.django_db
def test_viewer_cannot_create_from_registry(profile, viewer_client):
    from partnerships.registry.models import RegistryEntry

    RegistryEntry.objects.create(ror_id="0064kty71", name="Sun Yat-sen University", schema_version="2", record={})
    assert (
        viewer_client.post(reverse("organisations:organisation_from_registry", args=["0064kty71"])).status_code == 403
    )


@pytest.mark.django_db
def test_home_says_when_the_register_holds_demo_data(profile, viewer_client):
    assert "demo data" not in viewer_client.get("/").content.decode()
    OrganisationFactory(is_demo=True)
    assert "demo data" in viewer_client.get("/").content.decode()
