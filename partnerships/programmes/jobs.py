"""The educational platform's daily job: remind programme leads of reviews, approvals and
accreditations falling due (core/jobs.py), with the other daily jobs at DAILY_JOBS_AT."""

from django.utils.translation import gettext_lazy as _

from partnerships.core.jobs import register_job

from .reminders import send_programme_reminders


def daily(progress) -> dict:
    progress(0, 1, _("Reminding programme leads of quality dates"))
    summary = send_programme_reminders()
    progress(1, 1)
    return {
        "sent": len(summary.sent),
        "already_sent": len(summary.already_sent),
        "no_recipient": len(summary.no_recipient),
    }


def register() -> None:
    register_job(
        "programmes.daily",
        daily,
        label=_("Remind programme leads of reviews, approvals and accreditations due"),
        startable=True,
        daily_at="DAILY_JOBS_AT",
    )
