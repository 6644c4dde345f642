"""`manage.py send_reminders`: each horizon once, the smallest when several are crossed, never twice."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from partnerships.agreements.choices import Status
from partnerships.agreements.reminders import send_reminders, smallest_horizon
from partnerships.core.models import Notification, UserPreference
from tests.conftest import client_for, make_user
from tests.factories import AgreementFactory, ObligationFactory, StaffFactory

from .conftest import put_in

TODAY = datetime.date(2030, 1, 10)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def run(today=TODAY, *extra) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--today", f"{today:%Y-%m-%d}", *extra, stdout=out)
    return out.getvalue()


def keys() -> list[str]:
    return sorted(Notification.objects.values_list("key", flat=True))


@pytest.fixture
def manager(profile):
    """A staff member who signs in (user "jane") and has an e-mail address."""
    return StaffFactory(email="jane.smith@example.ac.uk", user=make_user("jane"))


def agreement_in_force(manager, **fields):
    fields.setdefault("title_en", "Sun Yat-sen MoU")
    fields.setdefault("title_zh", "中山大学合作备忘录")
    return put_in(AgreementFactory(responsible=manager, **fields), Status.ACTIVE)


def test_the_smallest_horizon_crossed_is_the_one():
    assert smallest_horizon(200, [180, 90, 30]) is None
    assert smallest_horizon(180, [180, 90, 30]) == 180
    assert smallest_horizon(91, [180, 90, 30]) == 180
    assert smallest_horizon(20, [180, 90, 30]) == 30
    assert smallest_horizon(0, [180, 90, 30]) == 30
    assert smallest_horizon(-1, [180, 90, 30]) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("left", "horizon"), [(180, 180), (170, 180), (90, 90), (80, 90), (30, 30), (20, 30), (0, 30)])
def test_end_reminder_at_each_horizon(manager, left, horizon):
    """The responsible person hears once, by e-mail and in the app, keyed by agreement, horizon and date."""
    agreement = agreement_in_force(manager, end_date=days(left))

    output = run()

    notification = Notification.objects.get()
    assert notification.key == f"agreement:{agreement.pk}:end:{horizon}@{days(left):%Y-%m-%d}"
    assert notification.user == manager.user and notification.email == "jane.smith@example.ac.uk"
    assert notification.url == agreement.get_absolute_url()
    assert "Sun Yat-sen MoU" in notification.subject and f"{days(left):%Y-%m-%d}" in notification.body
    assert "中山大学合作备忘录" in notification.body  # both titles, whichever language it is written in
    assert [m.to for m in mail.outbox] == [["jane.smith@example.ac.uk"]]
    assert mail.outbox[0].subject == notification.subject
    assert agreement.get_absolute_url() in mail.outbox[0].body
    assert output == "1 sent, 0 already sent.\n"


@pytest.mark.django_db
@pytest.mark.parametrize(("left", "horizon"), [(180, 180), (100, 180), (90, 90), (45, 90), (30, 30), (1, 30)])
def test_notice_reminder_at_each_horizon(manager, left, horizon):
    """The notice deadline is the end date less the notice period; it is reminded of on its own key."""
    agreement = agreement_in_force(manager, end_date=days(left + 365), notice_period_days=365, auto_renew=True)

    run()

    notification = Notification.objects.get()
    assert notification.key == f"agreement:{agreement.pk}:notice:{horizon}@{days(left):%Y-%m-%d}"
    assert notification.subject.startswith("Notice due")
    assert "renews automatically" in notification.body
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_end_and_notice_each_get_their_reminder(manager):
    agreement = agreement_in_force(manager, end_date=days(80), notice_period_days=60)

    run()

    assert keys() == [
        f"agreement:{agreement.pk}:end:90@{days(80):%Y-%m-%d}",
        f"agreement:{agreement.pk}:notice:30@{days(20):%Y-%m-%d}",
    ]


@pytest.mark.django_db
def test_nothing_beyond_the_largest_horizon_or_after_the_date(manager):
    agreement_in_force(manager, end_date=days(181))
    agreement_in_force(manager, end_date=days(-1))
    agreement_in_force(manager, end_date=None)  # open-ended

    # The one that ended yesterday is not reminded of: the daily run marks it expired instead.
    assert run() == "0 sent, 0 already sent.\n1 agreement(s) past their end date marked expired.\n"
    assert not mail.outbox


@pytest.mark.django_db
@pytest.mark.parametrize("status", [s for s in Status.values if s not in (Status.SIGNED, Status.ACTIVE)])
def test_only_agreements_in_force_are_reminded_of(manager, status):
    put_in(AgreementFactory(responsible=manager, end_date=days(20), notice_period_days=10), status)
    run()
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_a_signed_agreement_not_yet_active_is_reminded_of(manager):
    agreement = put_in(AgreementFactory(responsible=manager, end_date=days(20)), Status.SIGNED)
    run()
    assert keys() == [f"agreement:{agreement.pk}:end:30@{days(20):%Y-%m-%d}"]


@pytest.mark.django_db
def test_running_twice_the_same_day_sends_nothing_twice(manager):
    agreement_in_force(manager, end_date=days(20), notice_period_days=10)
    ObligationFactory(agreement=agreement_in_force(manager, end_date=days(400)), due_date=days(60), owner=manager)

    assert run() == "3 sent, 0 already sent.\n"
    assert run() == "0 sent, 3 already sent.\n"

    assert Notification.objects.count() == 3 and len(mail.outbox) == 3


@pytest.mark.django_db
def test_each_smaller_horizon_is_sent_as_it_is_reached(manager):
    """Day after day: 180 once, nothing again until 90, then 90 once, then 30 once."""
    agreement = agreement_in_force(manager, end_date=days(200))
    end = f"{days(200):%Y-%m-%d}"
    sent_by_day = {}
    for day in (0, 20, 21, 60, 110, 111, 150, 170, 171, 200, 201):
        out = run(days(day))
        sent_by_day[day] = int(out.split(" sent")[0])

    assert sent_by_day == {0: 0, 20: 1, 21: 0, 60: 0, 110: 1, 111: 0, 150: 0, 170: 1, 171: 0, 200: 0, 201: 0}
    assert keys() == [f"agreement:{agreement.pk}:end:{h}@{end}" for h in (180, 30, 90)]
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_several_horizons_crossed_at_once_send_only_the_smallest(manager):
    """First run with 20 days left: one "30 days" reminder, and the 180 and 90 ones never come later."""
    agreement = agreement_in_force(manager, end_date=days(20))

    run()
    for day in range(1, 21):
        run(days(day))

    assert keys() == [f"agreement:{agreement.pk}:end:30@{days(20):%Y-%m-%d}"]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_moved_end_date_is_reminded_of_afresh(manager):
    """An amendment that extends the agreement starts the reminders for the new date."""
    agreement = agreement_in_force(manager, end_date=days(20))
    run()
    agreement.end_date = days(100)
    agreement.save()

    run(days(1))

    assert keys() == [
        f"agreement:{agreement.pk}:end:180@{days(100):%Y-%m-%d}",
        f"agreement:{agreement.pk}:end:30@{days(20):%Y-%m-%d}",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("left", "horizon"), [(180, 180), (120, 180), (90, 90), (31, 90), (30, 30), (0, 30)])
def test_obligation_reminder_at_each_horizon(manager, left, horizon):
    """The obligation's owner is told, not the agreement's responsible person."""
    owner = StaffFactory(email="owner@example.ac.uk")
    agreement = agreement_in_force(manager, end_date=days(1000))
    obligation = ObligationFactory(agreement=agreement, due_date=days(left), owner=owner)

    run()

    notification = Notification.objects.get()
    assert notification.key == f"obligation:{obligation.pk}:{horizon}@{days(left):%Y-%m-%d}"
    assert notification.email == "owner@example.ac.uk" and notification.user is None
    assert notification.subject.startswith("Obligation due") and obligation.description in notification.subject
    assert [m.to for m in mail.outbox] == [["owner@example.ac.uk"]]


@pytest.mark.django_db
def test_an_obligation_without_owner_goes_to_the_responsible_person(manager):
    obligation = ObligationFactory(agreement=agreement_in_force(manager), due_date=days(10), owner=None)

    run()

    assert Notification.objects.get(key__startswith=f"obligation:{obligation.pk}:").user == manager.user
    assert [m.to for m in mail.outbox] == [["jane.smith@example.ac.uk"]]


@pytest.mark.django_db
def test_done_obligations_and_those_of_unsigned_or_terminated_agreements_are_not_reminded_of(manager):
    ObligationFactory(agreement=agreement_in_force(manager), due_date=days(10), owner=manager, done=True)
    for status in (Status.DRAFT, Status.APPROVED, Status.TERMINATED):
        agreement = put_in(AgreementFactory(responsible=manager), status)
        ObligationFactory(agreement=agreement, due_date=days(10), owner=manager)

    run()

    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_an_obligation_outlives_its_expired_agreement(manager):
    """The final report is still due after the agreement has ended."""
    agreement = put_in(AgreementFactory(responsible=manager), Status.EXPIRED)
    obligation = ObligationFactory(agreement=agreement, due_date=days(60), owner=manager)
    run()
    assert keys() == [f"obligation:{obligation.pk}:90@{days(60):%Y-%m-%d}"]


@pytest.mark.django_db
def test_without_an_address_only_the_app_tells_them(profile):
    person = StaffFactory(email="", user=make_user("wang"))
    agreement_in_force(person, end_date=days(20))

    run()

    assert Notification.objects.get().user == person.user
    assert not mail.outbox


@pytest.mark.django_db
def test_without_a_login_only_the_e_mail_tells_them(profile):
    person = StaffFactory(email="no.login@example.ac.uk")
    agreement_in_force(person, end_date=days(20))

    run()

    assert Notification.objects.get().user is None
    assert [m.to for m in mail.outbox] == [["no.login@example.ac.uk"]]


@pytest.mark.django_db
def test_with_nobody_to_tell_the_reminder_waits(profile, manager):
    """No responsible person yet: nothing is sent or spent; once someone is named, they hear."""
    agreement = agreement_in_force(None, end_date=days(20))

    assert "0 sent, 0 already sent, 1 with nobody to send to" in run()
    assert not Notification.objects.exists()

    agreement.responsible = manager
    agreement.save()
    assert run() == "1 sent, 0 already sent.\n"


@pytest.mark.django_db
def test_the_reminder_is_written_in_the_recipients_language(manager):
    UserPreference.objects.create(user=manager.user, language="zh-hans")
    agreement_in_force(manager, end_date=days(20))

    run()

    assert "中山大学合作备忘录" in Notification.objects.get().subject


@pytest.mark.django_db
def test_the_notifications_page_lists_it_for_that_user_only(manager):
    agreement_in_force(manager, end_date=days(20))
    run()
    subject = Notification.objects.get().subject

    assert subject in client_for(manager.user).get("/notifications/").content.decode()
    assert subject not in client_for(make_user("someone-else")).get("/notifications/").content.decode()


@pytest.mark.django_db
def test_horizons_can_be_chosen(manager):
    agreement = agreement_in_force(manager, end_date=days(50))

    assert run(TODAY, "--horizons", "60,7") == "1 sent, 0 already sent.\n"

    assert keys() == [f"agreement:{agreement.pk}:end:60@{days(50):%Y-%m-%d}"]


@pytest.mark.django_db
@override_settings(REMINDER_HORIZONS=[14])
def test_the_default_horizons_come_from_the_settings(manager):
    agreement_in_force(manager, end_date=days(20))
    agreement = agreement_in_force(manager, end_date=days(10))

    send_reminders(today=TODAY)

    assert keys() == [f"agreement:{agreement.pk}:end:14@{days(10):%Y-%m-%d}"]


@pytest.mark.django_db
@pytest.mark.parametrize("args", [("--horizons", "soon"), ("--horizons", "90,-30"), ("--today", "10/01/2030")])
def test_bad_arguments_are_refused(args):
    with pytest.raises(CommandError):
        call_command("send_reminders", *args, stdout=io.StringIO())
