"""Business engagement's daily job: remind deal owners of next actions falling due (core/jobs.py).

Runs with the other daily jobs at DAILY_JOBS_AT; `manage.py send_deal_reminders` does the same by
hand. Each reminder is sent once (its key names the deal, the horizon and the date).
"""

from django.utils.translation import gettext_lazy as _

from partnerships.core.jobs import register_job

from .reminders import send_deal_reminders


def daily(progress) -> dict:
    progress(0, 1, _("Reminding deal owners of next actions"))
    summary = send_deal_reminders()
    progress(1, 1)
    return {
        "sent": len(summary.sent),
        "already_sent": len(summary.already_sent),
        "no_recipient": len(summary.no_recipient),
    }


def register() -> None:
    register_job(
        "business.daily",
        daily,
        label=_("Remind deal owners of next actions due"),
        startable=True,
        daily_at="DAILY_JOBS_AT",
    )
