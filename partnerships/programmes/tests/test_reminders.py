"""A programme's review, PRC approval and accreditations reach its Birmingham lead once per horizon."""

import datetime

import pytest

from partnerships.core.models import Notification
from partnerships.programmes.models import Accreditation, Programme
from partnerships.programmes.reminders import send_programme_reminders
from tests.conftest import make_user
from tests.factories import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


def test_the_lead_is_reminded_of_each_date_once(profile):
    lead = StaffFactory(email="lead@example.ac.uk", user=make_user("lead"))
    programme = Programme.objects.create(
        title_en="BSc Economics", subject="Economics", partner=OrganisationFactory(), lead_home=lead,
        status="running", periodic_review_due=TODAY + datetime.timedelta(days=20),
        prc_approval_number="MOE44GB2A20190001N", prc_valid_until=TODAY + datetime.timedelta(days=75),
    )  # fmt: skip
    Accreditation.objects.create(programme=programme, body="IMA", expires_on=TODAY + datetime.timedelta(days=150))
    summary = send_programme_reminders(today=TODAY)
    assert sorted(k.split("@")[0] for k in summary.sent) == sorted(
        [
            f"programme:{programme.pk}:review:30",
            f"programme:{programme.pk}:approval:90",
            f"programme:{programme.pk}:accreditation-{programme.accreditations.get().pk}:180",
        ]
    )
    assert Notification.objects.filter(user=lead.user).count() == 3
    assert send_programme_reminders(today=TODAY).sent == []
    later = TODAY + datetime.timedelta(days=50)
    assert [k.split(":")[2] for k in send_programme_reminders(today=later - datetime.timedelta(days=1)).sent] == [
        "approval"
    ]
    Notification.objects.all().delete()  # forget what was sent: only the status holds the next ones back
    programme.status = "closed"
    programme.save()
    # 50 days on, the approval is 25 days away (a new horizon): a closed programme is not reminded.
    assert send_programme_reminders(today=TODAY + datetime.timedelta(days=50)).sent == []
