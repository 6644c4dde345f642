"""`manage.py rebuild_duplicates`: find every likely duplicate pair again, with the whole-register algorithm."""

import time

from django.core.management.base import BaseCommand

from partnerships.organisations.duplicate_index import rebuild


class Command(BaseCommand):
    help = (
        "Compute the blocking keys and likely duplicate pairs of every organisation and person again. Needed only "
        "after writes that bypass model signals (QuerySet.update, bulk_create, loaddata) or a change to the matching."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        found = rebuild(stdout=self.stdout)
        pairs = ", ".join(f"{count} {kind} pairs" for kind, count in found.items())
        self.stdout.write(self.style.SUCCESS(f"Found {pairs} in {time.perf_counter() - started:.1f} s."))
