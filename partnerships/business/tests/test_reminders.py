"""A deal's next action reaches its owner once per horizon, as agreement deadlines do."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from partnerships.business.models import Deal
from partnerships.core.models import Notification
from tests.conftest import make_user
from tests.factories import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


def deal(days: int, stage: str = "proposal", **fields) -> Deal:
    return Deal.objects.create(
        title=f"Deal due in {days}",
        company=OrganisationFactory(kind="company"),
        stage=stage,
        next_action="Send the draft licence",
        next_action_date=TODAY + datetime.timedelta(days=days),
        **fields,
    )


def run(today=TODAY) -> str:
    out = io.StringIO()
    call_command("send_deal_reminders", f"--today={today:%Y-%m-%d}", stdout=out)
    return out.getvalue()


def test_the_owner_is_reminded_once_at_the_smallest_horizon(profile):
    owner = StaffFactory(email="r.goodwin@example.ac.uk", user=make_user("goodwin"))
    due = deal(5, owner=owner)
    deal(30, owner=owner)  # beyond every horizon
    deal(3, stage="won", owner=owner)  # closed deals need no action
    assert "1 sent" in run()
    note = Notification.objects.get()
    assert (note.user, note.key) == (owner.user, f"deal:{due.pk}:next:7@{due.next_action_date:%Y-%m-%d}")
    assert "Send the draft licence" in note.body and len(mail.outbox) == 1
    assert "0 sent, 1 already sent" in run()
    assert "1 sent" in run(TODAY + datetime.timedelta(days=4))  # now within a day: the next horizon


def test_a_deal_without_an_owner_is_reported_not_sent(profile):
    deal(2)
    assert "1 without anyone" in run()
    assert not Notification.objects.exists()
