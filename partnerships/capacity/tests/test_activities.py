"""Capacity-building activities: on their partners', people's, agreements' and strands' pages, counted by
participants, and as activity under their agreement."""

import datetime

import pytest
from django.utils import timezone

from partnerships.agreements import queries
from partnerships.agreements.models import Agreement
from partnerships.capacity.models import Activity, ParticipantCount
from partnerships.core.models import Strand
from tests.factories import AgreementFactory, OrganisationFactory, PersonFactory, StaffFactory

pytestmark = pytest.mark.django_db


def activity(**fields):
    partners = fields.pop("partners", None) or [OrganisationFactory()]
    fields.setdefault("title_en", "Summer school")
    fields.setdefault("start_date", datetime.date(2026, 7, 1))
    record = Activity.objects.create(**fields)
    record.partners.set(partners)
    return record


def test_an_activity_shows_on_its_partner_lead_participant_and_agreement_pages(profile, viewer_client):
    partner, lead, participant, agreement = OrganisationFactory(), StaffFactory(), PersonFactory(), AgreementFactory()
    summer = activity(title_en="Environmental health summer school", partners=[partner], lead=lead, agreement=agreement)
    summer.participants.add(participant)
    for page in (partner, lead, participant, agreement):
        html = viewer_client.get(page.get_absolute_url()).content.decode()
        assert summer.get_absolute_url() in html[html.index('id="activities"') :], page
    # The activity's named participants link to the people list filtered to it.
    listed = viewer_client.get(f"/people/?activity={summer.pk}")
    assert listed.context["table"].paginator.count == 1


def test_a_capacity_strand_page_counts_participants_by_year(profile, viewer_client):
    strand = Strand.objects.get(code="capacity")
    counted = activity(title_en="Counted", start_date=datetime.date(2025, 7, 1), kind="summer_school")
    ParticipantCount.objects.create(activity=counted, category="students", count=40)
    ParticipantCount.objects.create(activity=counted, category="academic_staff", count=5)
    named = activity(title_en="Named only", start_date=datetime.date(2026, 3, 1), kind="workshop")
    named.participants.add(PersonFactory(), PersonFactory())
    for record in (counted, named):
        record.strands.add(strand)

    html = viewer_client.get(strand.get_absolute_url()).content.decode()
    overview = html[html.index('id="capacity-overview"') :]
    assert "<td>2025</td><td>45</td>" in overview and "<td>2026</td><td>2</td>" in overview
    assert "<b>47</b>" in overview
    assert "Workshop: 1" in overview and 'id="chart-capacity-participants"' in overview


def test_an_activity_under_an_agreement_wakes_it_by_its_date(profile):
    long_ago = timezone.localdate() - datetime.timedelta(days=800)
    agreement = AgreementFactory()
    Agreement.objects.filter(pk=agreement.pk).update(status="active", start_date=long_ago)
    old = activity(agreement=agreement, start_date=long_ago)
    assert queries.dormant(Agreement.objects.all()).filter(pk=agreement.pk).exists(), "an old activity is no activity"
    old.start_date = timezone.localdate() - datetime.timedelta(days=10)
    old.save()
    assert not queries.dormant(Agreement.objects.all()).filter(pk=agreement.pk).exists()


def test_bad_input_is_refused_with_field_errors(profile, editor_client):
    partner = OrganisationFactory()
    base = {"kind": "workshop", "title_en": "Workshop", "partners": [partner.pk], "start_date": "2026-05-01"}
    for fields, message in (
        ({"end_date": "2026-04-01"}, "The end date is before the start date."),
        ({"feedback_score": "7"}, "less than or equal to 5"),
        ({"partners": []}, "This field is required."),
    ):
        response = editor_client.post("/capacity-building/add/", {**base, **fields})
        assert response.status_code == 400 and message in response.content.decode(), fields
    assert not Activity.objects.exists()
    api = editor_client.post(
        "/api/capacity-activities/", {**base, "feedback_score": "0.5"}, content_type="application/json"
    )
    assert api.status_code == 400 and "feedback_score" in api.json()
