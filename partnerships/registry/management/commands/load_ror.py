"""`manage.py load_ror [PATH]`: load ROR records into the registry, all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from partnerships.core.jobs import run_now
from partnerships.core.progress import terminal_bar
from partnerships.registry.parsing import RecordError


class Command(BaseCommand):
    help = (
        "Load ROR records into the registry. With no PATH, the shipped China/Hong Kong/Macau/UK files; "
        "with PATH, a .jsonl file, a .json array (ROR's full v2 dump) or the .zip ROR distributes it in. "
        "Running it again updates changed records and leaves the rest alone. The same work runs as a "
        "background job from the jobs page."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="a .jsonl, .json or .zip of ROR records (default: the shipped files)"
        )
        parser.add_argument("--batch-size", type=int, default=1000, help="rows written per query (default 1000)")

    def handle(self, *args, path=None, batch_size=1000, **options):
        try:
            with terminal_bar(self.stdout) as bar:
                result = run_now("registry.load", bar=bar, path=path, batch_size=batch_size)
        except RecordError as exc:
            raise CommandError(f"{exc}. Nothing was loaded.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Read {result['read']:,} records from {result['files']}: "
                f"{result['created']:,} created, {result['updated']:,} updated, {result['unchanged']:,} unchanged, "
                f"{result['kept']:,} kept (a newer copy is stored), {result['duplicates']:,} repeated IDs skipped. "
                f"The registry holds {result['entries']:,} entries."
            )
        )
