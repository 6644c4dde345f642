"""`manage.py load_ror [PATH]`: load ROR records into the registry, all or nothing."""

from itertools import chain
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partnerships.core.changelog import change_context
from partnerships.registry.models import RegistryEntry
from partnerships.registry.parsing import SHIPPED_FILES, RecordError, iter_records
from partnerships.registry.services import registry_load


class Command(BaseCommand):
    help = (
        "Load ROR records into the registry. With no PATH, the shipped China/Hong Kong/Macau/UK files; "
        "with PATH, a .jsonl file, a .json array (ROR's full v2 dump) or the .zip ROR distributes it in. "
        "Running it again updates changed records and leaves the rest alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="a .jsonl, .json or .zip of ROR records (default: the shipped files)"
        )
        parser.add_argument("--batch-size", type=int, default=1000, help="rows written per query (default 1000)")

    def handle(self, *args, path=None, batch_size=1000, **options):
        paths = [Path(path)] if path else list(SHIPPED_FILES)
        records = chain.from_iterable(iter_records(p) for p in paths)
        try:
            with change_context(source="command"):
                result = registry_load(records, batch_size=max(batch_size, 1))
        except RecordError as exc:
            raise CommandError(f"{exc}. Nothing was loaded.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Read {result.read:,} records from {', '.join(p.name for p in paths)}: "
                f"{result.created:,} created, {result.updated:,} updated, {result.unchanged:,} unchanged, "
                f"{result.kept:,} kept (a newer copy is stored), {result.duplicates:,} repeated IDs skipped. "
                f"The registry holds {RegistryEntry.objects.count():,} entries."
            )
        )
