"""A signature initiative groups projects and agreements; grouping is not activity under an agreement."""

import datetime

import pytest
from django.utils import timezone

from partnerships.agreements import queries
from partnerships.agreements.models import Agreement
from partnerships.strategy.models import Initiative, Objective
from tests.factories import AgreementFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_an_initiative_page_shows_its_objectives_agreements_and_projects(profile, viewer_client):
    agreement = AgreementFactory(title_en="Umbrella MoU")
    objective = Objective.objects.create(code="UOB-G1", title_en="Deepen partnerships")
    initiative = Initiative.objects.create(name_en="Joint Institute for Environmental Health")
    initiative.agreements.add(agreement)
    initiative.objectives.add(objective)
    ProjectFactory(title_en="Air quality cohort", initiative=initiative)
    ProjectFactory(title_en="Elsewhere")

    html = viewer_client.get(initiative.get_absolute_url()).content.decode()
    assert "Umbrella MoU" in html and "Deepen partnerships" in html
    projects = html[html.index('id="projects"') :]
    assert "Air quality cohort" in projects and "Elsewhere" not in projects
    # And the agreement's page names the initiative; its list filters by it.
    assert (
        "Joint Institute for Environmental Health" in viewer_client.get(agreement.get_absolute_url()).content.decode()
    )
    listed = viewer_client.get(f"/agreements/?initiative={initiative.pk}")
    assert listed.context["table"].paginator.count == 1


def test_grouping_an_agreement_does_not_wake_it(profile):
    long_ago = timezone.localdate() - datetime.timedelta(days=800)
    agreement = AgreementFactory()
    Agreement.objects.filter(pk=agreement.pk).update(status="active", start_date=long_ago)
    Initiative.objects.create(name_en="Flagship").agreements.add(agreement)
    assert queries.dormant(Agreement.objects.all()).filter(pk=agreement.pk).exists()


def test_initiatives_and_objectives_are_searched_in_either_language(profile, viewer_client):
    Initiative.objects.create(name_en="Guangzhou Energy Flagship", name_zh="广州能源旗舰合作")
    Objective.objects.create(code="EPS-1", title_en="Energy transition with industry", title_zh="能源转型")
    html = viewer_client.get("/search/", {"q": "能源旗舰"}).content.decode()
    assert "Guangzhou Energy Flagship" in html or "广州能源旗舰合作" in html
    html = viewer_client.get("/search/", {"q": "energy transition"}).content.decode()
    assert "Energy transition with industry" in html
