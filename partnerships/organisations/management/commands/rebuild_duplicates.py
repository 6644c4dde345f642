"""`manage.py rebuild_duplicates`: find every likely duplicate pair again, with the whole-register algorithm."""

import time

from django.core.management.base import BaseCommand

from partnerships.core.jobs import run_now
from partnerships.core.progress import terminal_bar


class Command(BaseCommand):
    help = (
        "Compute the blocking keys and likely duplicate pairs of every organisation and person again. Needed only "
        "after writes that bypass model signals (QuerySet.update, bulk_create, loaddata) or a change to the matching. "
        "The same work runs as a background job from the jobs page."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        with terminal_bar(self.stdout, unit="kinds") as bar:
            found = run_now("organisations.rebuild_duplicates", bar=bar)
        pairs = ", ".join(f"{count} {kind}" for kind, count in found.items())
        self.stdout.write(self.style.SUCCESS(f"Found {pairs} in {time.perf_counter() - started:.1f} s."))
