"""The agreements' daily job: expire what has ended, then send the day's reminders (core/jobs.py).

Runs every day at DAILY_JOBS_AT on the worker's schedule; `manage.py send_reminders` does the same by
hand. Both steps are idempotent (an expired agreement stays expired, a reminder's key is spent once),
so a retry after a stopped worker sends nothing twice.
"""

from django.utils.translation import gettext_lazy as _

from partnerships.core.jobs import register_job

from .reminders import default_horizons, send_reminders
from .services import agreements_expire


def daily(progress) -> dict:
    progress(0, 2, _("Marking agreements past their end date expired"))
    expired = agreements_expire()
    progress(1, 2, _("Sending reminders"))
    summary = send_reminders(horizons=default_horizons())
    progress(2, 2)
    return {
        "expired": len(expired),
        "sent": len(summary.sent),
        "already_sent": len(summary.already_sent),
        "no_recipient": len(summary.no_recipient),
    }


def register() -> None:
    register_job(
        "agreements.daily",
        daily,
        label=_("Expire ended agreements and send the day's reminders"),
        startable=True,
        daily_at="DAILY_JOBS_AT",
    )
