"""Programmes: who designs, delivers and accredits; the lifecycle through one service; cohorts'
headcounts checked; pages and API alike."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships.programmes import services
from partnerships.programmes.models import Cohort, Programme
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(profile):
    return Programme.objects.create(
        title_en="BSc Applied Mathematics", subject="Mathematics", partner=OrganisationFactory(kind="university")
    )


def test_the_lifecycle_moves_only_by_its_rules(programme):
    with pytest.raises(ValidationError):
        services.programme_transition(programme=programme, to="running")
    with pytest.raises(ValidationError):  # approved needs the UK approval date
        services.programme_transition(programme=programme, to="approved")
    programme.uk_approval_date = datetime.date(2024, 5, 1)
    programme.save()
    services.programme_transition(programme=programme, to="approved", reason="Senate")
    programme.refresh_from_db()
    assert programme.status == "approved"


def test_a_split_programme_says_its_months_and_an_approval_has_its_number(programme):
    programme.location = "split"
    programme.prc_valid_until = datetime.date(2030, 1, 1)
    with pytest.raises(ValidationError) as refused:
        programme.full_clean()
    assert {"months_partner", "prc_approval_number"} <= set(refused.value.message_dict)
    programme.hecos_code = "10040"
    with pytest.raises(ValidationError) as refused:
        programme.full_clean()
    assert "hecos_code" in refused.value.message_dict


def test_a_cohort_s_numbers_must_add_up(programme):
    cohort = Cohort(programme=programme, academic_year=2024, applications=10, offers=20, intake=30)
    with pytest.raises(ValidationError) as refused:
        cohort.full_clean()
    assert {"offers", "intake"} <= set(refused.value.message_dict)
    assert Cohort(programme=programme, academic_year=2024, year_1=30, year_2=25).enrolled == 55


def test_pages_and_api_refuse_bad_input_and_move_through_the_service(editor_client, programme):
    response = editor_client.post(
        reverse("programmes:cohort_add"), {"programme": programme.pk, "academic_year": "1850", "year_1": "-3"}
    )
    assert response.status_code == 400 and {"academic_year", "year_1"} <= set(response.context["form"].errors)
    api = editor_client.post(
        "/api/programme-cohorts/",
        json.dumps({"programme": programme.pk, "academic_year": 2024, "offers": 5, "intake": 9}),
        content_type="application/json",
    )
    assert api.status_code == 400 and "intake" in api.json()
    assert not Cohort.objects.exists()
    refused = editor_client.post(f"/api/programmes/{programme.pk}/transition/", {"to": "approved"})
    assert refused.status_code == 400 and "to" in refused.json()
    page = editor_client.get(programme.get_absolute_url()).content.decode()
    assert "Designed by" in page and 'id="programme-status"' in page


def test_the_partner_page_lists_its_programmes(editor_client, programme):
    page = editor_client.get(programme.partner.get_absolute_url()).content.decode()
    assert programme.title_en in page


def test_the_strand_page_shows_programmes_students_and_what_falls_due(viewer_client, programme):
    from partnerships.core.models import Strand
    from partnerships.programmes.models import Accreditation

    education = Strand.objects.get(code="education")
    programme.strands.add(education)
    programme.periodic_review_due = datetime.date.today() + datetime.timedelta(days=40)
    programme.save()
    Cohort.objects.create(programme=programme, academic_year=2023, intake=50, year_1=48)
    Cohort.objects.create(programme=programme, academic_year=2024, intake=60, year_1=58, year_2=45)
    Accreditation.objects.create(
        programme=programme, body="IMA", expires_on=datetime.date.today() + datetime.timedelta(days=20)
    )
    response = viewer_client.get(reverse("core:strand_detail", args=[education.pk]))
    section = next(p["panel"] for p in response.context["panels"] if p["key"] == "programmes")
    assert section["students"] == [(2023, [48, 0, 0]), (2024, [103, 0, 0])]
    assert section["chart"]["series"][0]["data"] == [50, 60]
    assert list(section["reviews"]) == [programme] and [a.body for a in section["accreditations"]] == ["IMA"]
    assert 'data-chart="chart-programmes-intake"' in response.content.decode()
