"""Send the day's reminders: agreements ending or due notice, obligations coming due. Meant for a daily timer."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from partnerships.agreements.reminders import default_horizons, send_reminders
from partnerships.agreements.services import agreements_expire


def horizons_arg(value: str) -> list[int]:
    try:
        horizons = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"--horizons: expected whole numbers of days such as 180,90,30, not {value!r}.") from None
    if not horizons or any(h <= 0 for h in horizons):
        raise CommandError(f"--horizons: expected positive numbers of days such as 180,90,30, not {value!r}.")
    return horizons


def today_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today: expected a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Mark active agreements past their end date expired, then remind responsible people of agreements reaching their end or notice deadline, and owners of "
        "obligations coming due, within each horizon. Each reminder goes out once: rerunning sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--horizons",
            help="Days ahead to remind at, comma-separated (default: the REMINDER_HORIZONS setting, 180,90,30).",
        )
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD); for tests and catch-up.")

    def handle(self, *args, horizons=None, today=None, **options):
        today = today_arg(today) if today else None
        expired = agreements_expire(today=today)
        summary = send_reminders(
            today=today,
            horizons=horizons_arg(horizons) if horizons else default_horizons(),
        )
        if options["verbosity"] > 1:
            for key in summary.sent:
                self.stdout.write(f"sent {key}")
            for key in summary.no_recipient:
                self.stdout.write(f"no recipient {key}")
        line = f"{len(summary.sent)} sent, {len(summary.already_sent)} already sent"
        if summary.no_recipient:
            line += f", {len(summary.no_recipient)} with nobody to send to (no responsible person, e-mail or login)"
        self.stdout.write(line + ".")
        if expired:
            self.stdout.write(f"{len(expired)} agreement(s) past their end date marked expired.")
