"""Postgraduate training is tied to research: a record names a project unless it is only proposed."""

import pytest

from partnerships.core.models import Strand
from partnerships.postgraduate.models import Supervision, TrainingRecord
from tests.factories import AgreementFactory, OrganisationFactory, PersonFactory, ProjectFactory, StaffFactory

pytestmark = pytest.mark.django_db


def form_data(student, **fields):
    return {"kind": "co_supervised_phd", "student": student.pk, "status": "proposed", **fields}


def test_without_a_project_a_record_may_only_be_proposed_on_the_page(profile, editor_client):
    student = PersonFactory()
    refused = editor_client.post("/postgraduate/add/", form_data(student, status="enrolled"))
    assert refused.status_code == 400
    assert "only a proposed record may have none" in refused.content.decode()
    assert not TrainingRecord.objects.exists()

    assert editor_client.post("/postgraduate/add/", form_data(student)).status_code == 302
    project = ProjectFactory()
    record = TrainingRecord.objects.get()
    moved = editor_client.post(
        f"/postgraduate/{record.pk}/edit/",
        {**form_data(student, status="enrolled", projects=[project.pk]), "version": record.version},
    )
    assert moved.status_code == 302
    assert TrainingRecord.objects.get().status == "enrolled"


def test_the_api_applies_the_same_rule(profile, editor_client):
    student = PersonFactory()
    refused = editor_client.post(
        "/api/training-records/",
        {"kind": "joint_phd", "student": student.pk, "status": "enrolled"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "projects" in refused.json()
    project = ProjectFactory()
    made = editor_client.post(
        "/api/training-records/",
        {"kind": "joint_phd", "student": student.pk, "status": "enrolled", "projects": [project.pk]},
        content_type="application/json",
    )
    assert made.status_code == 201
    # Taking the last project away from an enrolled record is refused too.
    record = made.json()
    cleared = editor_client.patch(
        f"/api/training-records/{record['id']}/",
        {"projects": []},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{record["version"]}"',
    )
    assert cleared.status_code == 400
    assert TrainingRecord.objects.get().projects.count() == 1


def test_the_list_shows_a_proposed_record_without_a_project_as_such(profile, viewer_client):
    TrainingRecord.objects.create(kind="studentship", student=PersonFactory(family_name="Huang"))
    html = viewer_client.get("/postgraduate/").content.decode()
    assert "none yet (proposed)" in html
    listed = viewer_client.get("/postgraduate/?without_project=true")
    assert listed.context["table"].paginator.count == 1


def test_a_student_shows_on_the_project_partner_supervisor_and_agreement_pages(profile, viewer_client):
    project, partner, agreement = ProjectFactory(), OrganisationFactory(), AgreementFactory()
    student, supervisor = PersonFactory(family_name="Li", given_name="Na"), StaffFactory(family_name="Whitfield")
    record = TrainingRecord.objects.create(
        kind="co_supervised_phd", student=student, partner=partner, status="enrolled", agreement=agreement
    )
    record.projects.add(project)
    Supervision.objects.create(record=record, person=supervisor, role="lead")
    for page in (project, partner, agreement, student, supervisor):
        html = viewer_client.get(page.get_absolute_url()).content.decode()
        section = html[html.index('id="training"') :]
        assert record.get_absolute_url() in section, page


def test_a_postgraduate_strand_page_counts_students_by_status(profile, viewer_client):
    strand = Strand.objects.get(code="postgraduate")
    for status in ("enrolled", "enrolled", "proposed", "completed"):
        record = TrainingRecord.objects.create(kind="joint_phd", student=PersonFactory(), status=status)
        record.strands.add(strand)
    html = viewer_client.get(strand.get_absolute_url()).content.decode()
    overview = html[html.index('id="postgraduate-overview"') :]
    assert "Enrolled: 2" in overview and "Proposed: 1" in overview and "Completed: 1" in overview
    assert 'id="chart-postgraduate-intake"' in overview


def test_bad_dates_are_field_errors(profile, editor_client):
    student = PersonFactory()
    response = editor_client.post(
        "/postgraduate/add/", form_data(student, intake="2026-09-01", expected_completion="2025-09-01")
    )
    assert response.status_code == 400 and "before the intake" in response.content.decode()
    response = editor_client.post("/postgraduate/add/", form_data(student, months_home_planned="500"))
    assert response.status_code == 400
    assert not TrainingRecord.objects.exists()
