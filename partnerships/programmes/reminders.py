"""Reminders of a programme's quality dates — its periodic review, the end of its PRC approval, an
accreditation's expiry — sent as agreement deadlines are (agreements.reminders): at the smallest of
REMINDER_HORIZONS (180, 90, 30 days) a date is within, once per key
`programme:<pk>:<what>:<horizon>@<date>`, to the Birmingham programme lead (in the app and by e-mail).
A programme that is closed is not reminded."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.agreements.reminders import Summary, default_horizons, language_of, smallest_horizon
from partnerships.core.events import notify

from .choices import Status
from .models import Accreditation, Programme


def _due(today: date, horizons: list[int]) -> Iterator[tuple[str, Programme, date, int, str]]:
    furthest = today + timedelta(days=max(horizons))
    window = Q(periodic_review_due__range=(today, furthest)) | Q(prc_valid_until__range=(today, furthest))
    programmes = (
        Programme.objects.exclude(status=Status.CLOSED).filter(window).select_related("lead_home__user").order_by("pk")
    )
    for programme in programmes:
        for what, when in (("review", programme.periodic_review_due), ("approval", programme.prc_valid_until)):
            horizon = smallest_horizon((when - today).days, horizons) if when else None
            if horizon is not None:
                yield what, programme, when, horizon, ""
    accreditations = (
        Accreditation.objects.filter(expires_on__range=(today, furthest))
        .exclude(programme__status=Status.CLOSED)
        .select_related("programme__lead_home__user")
        .order_by("pk")
    )
    for accreditation in accreditations:
        horizon = smallest_horizon((accreditation.expires_on - today).days, horizons)
        if horizon is not None:
            yield (
                f"accreditation-{accreditation.pk}",
                accreditation.programme,
                accreditation.expires_on,
                horizon,
                (accreditation.body),
            )


def send_programme_reminders(*, today: date | None = None) -> Summary:
    today = today or timezone.localdate()
    summary, horizons = Summary(), sorted(default_horizons())
    for what, programme, when, horizon, body in _due(today, horizons):
        key = f"programme:{programme.pk}:{what}:{horizon}@{when:%Y-%m-%d}"
        person = programme.lead_home
        user, email = (person.user, person.email) if person is not None else (None, "")
        if user is None and not email:
            summary.no_recipient.append(key)
            continue
        with translation.override(language_of(user)):
            days = (when - today).days
            in_days = ngettext("in %(days)s day", "in %(days)s days", days) % {"days": days} if days else _("today")
            params = {"title": programme.title_en, "date": f"{when:%Y-%m-%d}", "in_days": in_days, "body": body}
            if what == "review":
                subject = _("Periodic review due %(in_days)s: %(title)s") % params
            elif what == "approval":
                subject = _("PRC approval ends %(in_days)s: %(title)s") % params
            else:
                subject = _("Accreditation by %(body)s ends %(in_days)s: %(title)s") % params
        url = getattr(settings, "SITE_URL", "").rstrip("/") + programme.get_absolute_url()
        sent = notify(
            key=key, subject=subject[:300], body=f"{subject} ({params['date']})", url=url, user=user, email=email
        )
        (summary.sent if sent else summary.already_sent).append(key)
    return summary
