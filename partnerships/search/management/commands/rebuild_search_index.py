"""`manage.py rebuild_search_index`: write the global search index again from every registered model."""

from django.core.management.base import BaseCommand

from partnerships.search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Empty the global search index and index every registered record again. Needed only after writes "
        "that bypass model signals (QuerySet.update, bulk_create, loaddata) or a change to what is indexed."
    )

    def handle(self, *args, **options):
        total = rebuild(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} records."))
