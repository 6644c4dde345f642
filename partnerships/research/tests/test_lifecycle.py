"""A project's lifecycle through the one service, from the page and the API alike."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from partnerships.core.models import TimelineEvent
from partnerships.research import services
from partnerships.research.choices import TRANSITIONS, ProjectStatus
from partnerships.research.models import Project
from tests.factories import FundingFactory, ProjectFactory

ALLOWED = [(a, b) for a, targets in TRANSITIONS.items() for b in targets]
FORBIDDEN = [(a, b) for a in ProjectStatus.values for b in ProjectStatus.values if b not in TRANSITIONS[a]]


def ready(status: str) -> Project:
    """A project in `status` with what every move needs (an award, a start date)."""
    project = ProjectFactory(start_date=datetime.date(2026, 1, 1))
    FundingFactory(project=project)
    Project.objects.filter(pk=project.pk).update(status=status)
    project.refresh_from_db()
    return project


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_move_is_made_and_recorded(source, target):
    project = services.project_transition(project=ready(source), to=target, reason="board decision")
    assert project.status == target and project.version == 2  # created at 1
    event = TimelineEvent.objects.get(content_type=ContentType.objects.get_for_model(Project), object_id=project.pk)
    assert event.kind == f"project.{target}" and event.message.endswith(": board decision")


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_every_other_move_is_refused_and_changes_nothing(source, target):
    project = ready(source)
    with pytest.raises(ValidationError):
        services.project_transition(project=project, to=target)
    project.refresh_from_db()
    assert project.status == source and project.version == 1
    assert not TimelineEvent.objects.exists()


@pytest.mark.django_db
def test_funded_needs_an_award_and_active_a_start_date():
    project = ProjectFactory(status=ProjectStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="Record the award"):
        services.project_transition(project=project, to=ProjectStatus.FUNDED)
    FundingFactory(project=project)
    project = services.project_transition(project=project, to=ProjectStatus.FUNDED)
    with pytest.raises(ValidationError, match="start date"):
        services.project_transition(project=project, to=ProjectStatus.ACTIVE)
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.FUNDED


@pytest.mark.django_db
def test_the_page_button_and_the_api_use_the_service(profile, editor_client):
    project = ProjectFactory()
    response = editor_client.post(
        f"/projects/{project.pk}/transition/", {"to": "proposed", "version": 1, "reason": ""}, follow=True
    )
    assert "The project is now Proposed" in response.content.decode()
    refused = editor_client.post(
        f"/api/projects/{project.pk}/transition/", {"to": "funded"}, content_type="application/json"
    )
    assert refused.status_code == 400 and "to" in refused.json()
    moved = editor_client.post(
        f"/api/projects/{project.pk}/transition/", {"to": "submitted"}, content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["status"] == "submitted"
    # The status is read-only everywhere else.
    editor_client.patch(
        f"/api/projects/{project.pk}/", {"status": "completed"}, content_type="application/json", HTTP_IF_MATCH='"3"'
    )
    assert Project.objects.get(pk=project.pk).status == "submitted"


@pytest.mark.django_db
def test_a_viewer_cannot_move_a_project(profile, viewer_client):
    project = ProjectFactory()
    assert (
        viewer_client.post(f"/projects/{project.pk}/transition/", {"to": "proposed", "version": 1}).status_code == 403
    )
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.IDEA


@pytest.mark.django_db
def test_a_stale_if_match_on_a_move_is_refused(profile, editor_client):
    project = ProjectFactory()  # version 1
    stale = editor_client.post(
        f"/api/projects/{project.pk}/transition/",
        {"to": "proposed"},
        content_type="application/json",
        HTTP_IF_MATCH='"7"',
    )
    assert stale.status_code == 412
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.IDEA
    fresh = editor_client.post(
        f"/api/projects/{project.pk}/transition/",
        {"to": "proposed"},
        content_type="application/json",
        HTTP_IF_MATCH='W/"1"',
    )
    assert fresh.status_code == 200 and fresh["ETag"] == '"2"'
