"""`manage.py rebuild_search_index`: write the global search index again from every registered model."""

from django.core.management.base import BaseCommand

from partnerships.core.jobs import run_now
from partnerships.core.progress import terminal_bar


class Command(BaseCommand):
    help = (
        "Empty the global search index and index every registered record again. Needed only after writes "
        "that bypass model signals (QuerySet.update, bulk_create, loaddata) or a change to what is indexed. "
        "The same work runs as a background job from the jobs page."
    )

    def handle(self, *args, **options):
        with terminal_bar(self.stdout) as bar:
            result = run_now("search.rebuild_index", bar=bar)
        self.stdout.write(self.style.SUCCESS(f"Indexed {result['indexed']} records."))
