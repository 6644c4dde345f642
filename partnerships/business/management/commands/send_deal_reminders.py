"""Remind deal owners of next actions falling due; the daily job `business.daily` does the same."""

from django.core.management.base import BaseCommand

from partnerships.agreements.management.commands.send_reminders import today_arg
from partnerships.business.reminders import send_deal_reminders


class Command(BaseCommand):
    help = (
        "Remind the owners of open deals whose next-action date is within a horizon (DEAL_REMINDER_HORIZONS, "
        "14, 7 and 1 days by default). Each reminder goes out once: rerunning sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=today_arg, help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        summary = send_deal_reminders(today=today)
        self.stdout.write(
            f"Deal reminders: {len(summary.sent)} sent, {len(summary.already_sent)} already sent, "
            f"{len(summary.no_recipient)} without anyone to send to."
        )
        for key in summary.no_recipient:
            self.stdout.write(f"  no owner with a login or e-mail: {key}")
