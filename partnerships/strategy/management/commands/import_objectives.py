"""`manage.py import_objectives FILE`: strategy objectives from an XLSX or CSV file, all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partnerships.core.changelog import change_context
from partnerships.strategy.importing import ImportRefused, objectives_import, read_table


class Command(BaseCommand):
    help = "Import strategy objectives from an XLSX or CSV file (see docs/strategy.md); nothing is written if any row is bad."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            with change_context(source="import"):
                result = objectives_import(read_table(path.name, path.read_bytes()))
        except ImportRefused as refused:
            lines = [f"row {e.row or '—'}, {e.column or 'file'}: {e.message}" for e in refused.errors]
            raise CommandError("Nothing was imported:\n" + "\n".join(lines)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Objectives: {len(result.created)} created, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged."
            )
        )
