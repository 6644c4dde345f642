"""`manage.py import_cohorts FILE [--programme PK] [--dry-run]`: cohort headcounts from an XLSX or CSV
file, all rows or none (see docs/programmes.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partnerships.core.imports import ImportRefused
from partnerships.programmes.cohort_import import import_cohorts


class Command(BaseCommand):
    help = (
        "Import cohort headcounts from an XLSX or CSV file (see docs/programmes.md); "
        "nothing is written if any row is bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--programme", type=int, help="every row is for this programme (its number)")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report; write nothing")

    def handle(self, *args, file, programme=None, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            result = import_cohorts(path.read_bytes(), path.name, programme=programme, dry_run=dry_run)
        except ImportRefused as refused:
            lines = [f"row {e.row or '—'}, {e.column or 'file'}: {e.message}" for e in refused.errors]
            raise CommandError("Nothing was imported:\n" + "\n".join(lines)) from None
        would = "would be " if dry_run else ""
        for label in result.created:
            self.stdout.write(f"{would}created: {label}")
        for label in result.updated:
            self.stdout.write(f"{would}updated: {label}")
        summary = (
            f"Cohorts: {len(result.created)} {would}created, {len(result.updated)} {would}updated, "
            f"{len(result.unchanged)} unchanged."
        )
        if dry_run:
            summary += " Dry run: nothing was written."
        self.stdout.write(self.style.SUCCESS(summary))
