"""Reminders of a deal's next action, sent as agreement deadlines are (agreements.reminders): at the
smallest horizon the date is within (14, 7 and 1 days by default, DEAL_REMINDER_HORIZONS), once per
key `deal:<pk>:next:<horizon>@<date>`, to the deal's owner — someone named on the deal, so the
reminder never tells anyone of a deal they may not see.
"""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.agreements.reminders import Summary, language_of, smallest_horizon
from partnerships.core.events import notify

from .choices import OPEN_STAGES
from .models import Deal


def horizons() -> list[int]:
    return sorted(int(h) for h in settings.DEAL_REMINDER_HORIZONS) or [14, 7, 1]


def send_deal_reminders(*, today: date | None = None) -> Summary:
    today = today or timezone.localdate()
    summary, days = Summary(), horizons()
    deals = (
        Deal.objects.filter(
            stage__in=OPEN_STAGES,
            next_action_date__gte=today,
            next_action_date__lte=today + timedelta(days=max(days)),
        )
        .select_related("owner__user")
        .order_by("next_action_date", "pk")
    )
    for deal in deals:
        horizon = smallest_horizon((deal.next_action_date - today).days, days)
        if horizon is None:
            continue
        key = f"deal:{deal.pk}:next:{horizon}@{deal.next_action_date:%Y-%m-%d}"
        person = deal.owner
        # A login is needed to see the deal: someone without one is not told of it by e-mail either.
        user = person.user if person is not None else None
        email = person.email if user is not None else ""
        if user is None:
            summary.no_recipient.append(key)
            continue
        with translation.override(language_of(user)):
            left = (deal.next_action_date - today).days
            when = ngettext("in %(days)s day", "in %(days)s days", left) % {"days": left} if left else _("today")
            subject = _("Deal action due %(when)s: %(title)s") % {"when": when, "title": deal.title}
            body = _("“%(action)s” on “%(title)s” is due on %(date)s.") % {
                "action": deal.next_action or _("Next action"),
                "title": deal.title,
                "date": f"{deal.next_action_date:%Y-%m-%d}",
            }
        url = getattr(settings, "SITE_URL", "").rstrip("/") + deal.get_absolute_url()
        sent = notify(key=key, subject=subject[:300], body=body, url=url, user=user, email=email)
        (summary.sent if sent else summary.already_sent).append(key)
    return summary
