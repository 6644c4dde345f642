"""Reminders: agreements reaching their end or notice deadline, obligations coming due — each sent once.

`send_reminders` is run daily (`manage.py send_reminders`). For every deadline it looks at the
horizons (180, 90, 30 days by default) the deadline is already within and sends the reminder for
the *smallest* of them, keyed `agreement:<pk>:end:<horizon>@<date>` (`notice` for the notice
deadline, `obligation:<pk>:<horizon>@<date>` for an obligation). `notify` sends a key once, so a
rerun on the same day, or any later day inside the same horizon, sends nothing again.

When several horizons are crossed at once (first run, timer down for weeks) only the smallest goes
out: the person needs to hear "30 days left", not three messages. The larger ones need no mark,
because days left only shrink: a larger horizon can never again be the smallest for that date.
The date is in the key so that moving a deadline (an amended end date) starts its reminders afresh.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.core.events import notify
from partnerships.organisations.models import Person

from .choices import IN_FORCE, Status
from .models import Agreement, Obligation

# An obligation binds once the agreement is signed; it stops binding if the agreement is terminated.
OBLIGATIONS_BIND = (Status.SIGNED, Status.ACTIVE, Status.EXPIRED, Status.SUPERSEDED)


@dataclass
class Reminder:
    """One reminder due today: its once-only key, who should get it, and the deadline it is about."""

    key: str
    person: Person | None
    deadline: date
    horizon: int
    what: str  # "end", "notice" or "obligation"
    agreement: Agreement
    obligation: Obligation | None = None


@dataclass
class Summary:
    sent: list[str] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    no_recipient: list[str] = field(default_factory=list)


def default_horizons() -> list[int]:
    return list(getattr(settings, "REMINDER_HORIZONS", [180, 90, 30]))


def smallest_horizon(days_left: int, horizons: Iterable[int]) -> int | None:
    """The smallest horizon a deadline `days_left` days away is within, or None (past or too far)."""
    within = [h for h in horizons if 0 <= days_left <= h]
    return min(within) if within else None


def due_reminders(*, today: date, horizons: Iterable[int]) -> Iterator[Reminder]:
    """Every reminder due on `today`, whether or not it went out before."""
    horizons = sorted({int(h) for h in horizons})
    if not horizons:
        return
    furthest = today + timedelta(days=max(horizons))
    # The notice deadline is end date minus notice period, so it is never later than the end date:
    # agreements ending beyond the furthest horizon can still have a notice deadline inside it.
    agreements = (
        Agreement.objects.filter(status__in=IN_FORCE, end_date__gte=today)
        .filter(Q(end_date__lte=furthest) | Q(notice_period_days__isnull=False))
        .select_related("responsible__user")
        .order_by("end_date", "pk")
    )
    for agreement in agreements:
        for what, deadline in (("notice", agreement.notice_deadline), ("end", agreement.end_date)):
            horizon = smallest_horizon((deadline - today).days, horizons) if deadline else None
            if horizon is not None:
                yield Reminder(
                    key=f"agreement:{agreement.pk}:{what}:{horizon}@{deadline:%Y-%m-%d}",
                    person=agreement.responsible,
                    deadline=deadline,
                    horizon=horizon,
                    what=what,
                    agreement=agreement,
                )
    obligations = (
        Obligation.objects.filter(
            done=False, due_date__gte=today, due_date__lte=furthest, agreement__status__in=OBLIGATIONS_BIND
        )
        .select_related("owner__user", "agreement__responsible__user")
        .order_by("due_date", "pk")
    )
    for obligation in obligations:
        horizon = smallest_horizon((obligation.due_date - today).days, horizons)
        if horizon is not None:
            yield Reminder(
                key=f"obligation:{obligation.pk}:{horizon}@{obligation.due_date:%Y-%m-%d}",
                person=obligation.owner or obligation.agreement.responsible,
                deadline=obligation.due_date,
                horizon=horizon,
                what="obligation",
                agreement=obligation.agreement,
                obligation=obligation,
            )


def send_reminders(*, today: date | None = None, horizons: Iterable[int] | None = None) -> Summary:
    """Send every reminder due today that has not gone out before; say what was sent and what was not."""
    today = today or timezone.localdate()
    summary = Summary()
    for reminder in due_reminders(today=today, horizons=default_horizons() if horizons is None else horizons):
        person = reminder.person
        user, email = (person.user, person.email) if person is not None else (None, "")
        if user is None and not email:
            # Keep the key unspent: once someone is named (or given an address) the reminder goes out.
            summary.no_recipient.append(reminder.key)
            continue
        with translation.override(language_of(user)):
            subject, body = _message(reminder, today)
        sent = notify(
            key=reminder.key, subject=subject, body=body, url=_url(reminder.agreement), user=user, email=email
        )
        (summary.sent if sent else summary.already_sent).append(reminder.key)
    return summary


def language_of(user) -> str:
    """The language a reminder to `user` is written in: theirs, or the site's (business's reminders too)."""
    preference = getattr(user, "preference", None) if user is not None else None  # None when never saved
    return (preference.language if preference is not None else "") or settings.LANGUAGE_CODE


def _url(agreement: Agreement) -> str:
    # An e-mail needs an absolute link; SITE_URL (e.g. https://partners.example.ac.uk) gives it one.
    return getattr(settings, "SITE_URL", "").rstrip("/") + agreement.get_absolute_url()


def _message(reminder: Reminder, today: date) -> tuple[str, str]:
    """Subject and body in the active language; both titles are given so either reader can find it."""
    agreement = reminder.agreement
    days = (reminder.deadline - today).days
    params = {
        "title": agreement.title,
        "date": f"{reminder.deadline:%Y-%m-%d}",
        "days": days,
        "end": f"{agreement.end_date:%Y-%m-%d}" if agreement.end_date else "",
    }
    in_days = ngettext("in %(days)s day", "in %(days)s days", days) % params if days else _("today")
    if reminder.what == "end":
        subject = _("Agreement ends %(in_days)s: %(title)s") % {**params, "in_days": in_days}
        body = _("“%(title)s” ends on %(date)s. Decide whether to renew it, and start the renewal in good time.")
    elif reminder.what == "notice":
        subject = _("Notice due %(in_days)s: %(title)s") % {**params, "in_days": in_days}
        body = _("Notice to end or renegotiate “%(title)s” must be given by %(date)s; the agreement ends on %(end)s.")
        if agreement.auto_renew:
            body += " " + _("Without notice it renews automatically.")
    else:
        params["obligation"] = reminder.obligation.description
        subject = _("Obligation due %(in_days)s: %(obligation)s") % {**params, "in_days": in_days}
        body = _("“%(obligation)s” under “%(title)s” is due on %(date)s.")
    lines = [body % params]
    titles = [t for t in (agreement.title_en, agreement.title_zh) if t]
    if len(titles) == 2:
        lines.append(" / ".join(titles))
    return subject[:300], "\n".join(lines)
