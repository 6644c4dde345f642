"""Projects on their partners', people's, agreements' and strands' pages, in the search, and as activity."""

import datetime

import pytest
from django.utils import timezone

from partnerships.agreements import queries
from partnerships.agreements.models import Agreement
from partnerships.core.models import College, Strand, Theme
from tests.factories import (
    AgreementFactory,
    ExchangeRateFactory,
    FundingFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectMemberFactory,
    ProjectPartnerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def test_a_project_shows_on_its_partners_people_and_agreements_pages(profile, viewer_client):
    agreement = AgreementFactory()
    project = ProjectFactory(title_en="Cardiac imaging cohort", agreement=agreement)
    partner = ProjectPartnerFactory(project=project).organisation
    person = ProjectMemberFactory(project=project, role="pi").person
    ProjectFactory(title_en="Unrelated project")

    for record in (partner, person, agreement):
        html = viewer_client.get(record.get_absolute_url()).content.decode()
        section = html[html.index('id="projects"') :]
        assert "Cardiac imaging cohort" in section and "Unrelated project" not in section, record


def test_a_research_strand_page_is_an_overview(profile, viewer_client):
    research = Strand.objects.get(code="research")
    medicine, energy = Theme.objects.get(code="medicine"), Theme.objects.get(code="energy")
    mds = College.objects.get(code="mds")
    ExchangeRateFactory(currency="CNY", valid_from=datetime.date(2020, 1, 1), gbp_per_unit="0.1")
    active = ProjectFactory(title_en="Active medicine project", status="active", start_date=datetime.date(2025, 9, 1))
    proposed = ProjectFactory(
        title_en="Proposed energy project", status="proposed", start_date=datetime.date(2026, 3, 1)
    )
    for project, theme in ((active, medicine), (proposed, energy)):
        project.strands.add(research)
        project.themes.add(theme)
        project.colleges.add(mds)
    FundingFactory(
        project=active, amount=1_000_000, currency="CNY", home_share=500_000, awarded_on=datetime.date(2025, 8, 1)
    )
    ProjectFactory(title_en="Not in the strand", status="active")

    html = viewer_client.get(research.get_absolute_url()).content.decode()
    overview = html[html.index('id="research-overview"') :]

    assert "Active medicine project" in overview and "Proposed energy project" in overview
    assert "Not in the strand" not in overview
    assert "£100,000" in overview and "£50,000" in overview  # in all, and the home share
    assert "Active: 1" in overview and "Proposed: 1" in overview
    assert 'id="chart-research-years"' in overview and 'id="chart-research-themes"' in overview
    assert '"data": ["2025", "2026"]' in overview  # projects by start year
    # By theme: medicine has the funding, energy the proposal.
    assert "Medicine" in overview and "Integrated energy systems" in overview
    # The generic "tagged with this" group leaves projects to the overview.
    assert html.count("Active medicine project") == 1


def test_a_strand_without_projects_has_no_research_section(profile, viewer_client):
    html = viewer_client.get(Strand.objects.get(code="business").get_absolute_url()).content.decode()
    assert 'id="research-overview"' not in html


def test_the_overview_counts_only_what_the_user_may_see(profile, nobody):
    from tests.conftest import client_for

    project = ProjectFactory(status="active")
    project.strands.add(Strand.objects.get(code="research"))
    response = client_for(nobody).get(Strand.objects.get(code="research").get_absolute_url())
    assert response.status_code in (200, 403)
    assert 'id="research-overview"' not in response.content.decode()


def test_a_project_under_an_agreement_is_activity_under_it(profile):
    """A dormant agreement wakes when a project under it is recorded or changes."""
    long_ago = timezone.localdate() - datetime.timedelta(days=800)
    agreement = AgreementFactory()
    Agreement.objects.filter(pk=agreement.pk).update(status="active", start_date=long_ago, updated_at=timezone.now())
    assert queries.dormant(Agreement.objects.all()).filter(pk=agreement.pk).exists()

    ProjectFactory(agreement=agreement)

    assert not queries.dormant(Agreement.objects.all()).filter(pk=agreement.pk).exists()


def test_projects_are_found_by_the_global_search_in_either_language(profile, viewer_client):
    ProjectFactory(title_en="Pearl River air quality", title_zh="珠江空气质量研究")
    for query in ("air quality", "珠江空气质量", "空气质量"):
        html = viewer_client.get("/search/", {"q": query}).content.decode()
        assert "Pearl River air quality" in html or "珠江空气质量研究" in html, query


def test_the_list_filters_by_partner_investigator_and_agreement_and_exports(profile, viewer_client):
    partner, agreement = OrganisationFactory(), AgreementFactory()
    investigator = StaffFactory()
    wanted = ProjectFactory(title_en="Wanted project", agreement=agreement)
    ProjectPartnerFactory(project=wanted, organisation=partner)
    ProjectMemberFactory(project=wanted, person=investigator)
    ProjectFactory(title_en="Other project")
    for query in (
        f"partner={partner.pk}",
        f"person={investigator.pk}",
        f"agreement={agreement.pk}",
        "status=idea&q=Wanted",
    ):
        response = viewer_client.get(f"/projects/?{query}")
        assert response.context["table"].paginator.count == 1, query
    csv = viewer_client.get(f"/projects/?partner={partner.pk}&format=csv")
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Wanted project" in body and "Other project" not in body


def test_a_project_form_with_an_end_before_its_start_is_refused(profile, editor_client):
    from partnerships.research.models import Project

    response = editor_client.post(
        "/projects/add/", {"title_en": "Backwards", "start_date": "2026-05-01", "end_date": "2026-01-01"}
    )
    assert response.status_code == 400 and "The end date is before the start date." in response.content.decode()
    assert not Project.objects.exists()


def test_changes_to_a_project_are_in_its_history(profile, editor_client):
    response = editor_client.post("/projects/add/", {"title_en": "Logged project"})
    assert response.status_code == 302
    from partnerships.core.models import ObjectChange
    from partnerships.research.models import Project

    project = Project.objects.get()
    assert ObjectChange.objects.filter(object_id=str(project.pk), action="create").exists()
