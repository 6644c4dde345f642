"""`manage.py restore ARCHIVE`: replace the database and the documents with an archive's (docs/backup.md).

The archive is checked whole before anything is touched; every refusal says what is wrong and that
nothing was changed. The work is `core.backup.restore_backup`; this command asks for confirmation
(a restore replaces everything) and shows a progress bar when it runs in a terminal.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from partnerships.core.backup import BackupError, Manifest, restore_backup, verify_archive

from .backup import progress_bar


class Command(BaseCommand):
    help = (
        "Restore the database and every uploaded document from an archive made by `manage.py backup`, "
        "after checking it whole. Stop the web server and workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive written by `manage.py backup`.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument("--check", action="store_true", help="Only check the archive; change nothing.")

    def handle(self, *args, archive, yes=False, check=False, **options):
        if check:
            with progress_bar(self.stdout) as progress:
                try:
                    manifest = verify_archive(archive, progress=progress)
                except BackupError as exc:
                    raise CommandError(f"Not a good archive: {exc}") from exc
            self.stdout.write(self.style.SUCCESS(f"{archive} can be restored here: {describe(manifest)}."))
            return
        if not yes and not sys.stdin.isatty():
            raise CommandError(
                "Not restored: a restore replaces everything; pass --yes to run it unattended. Nothing was changed."
            )
        with progress_bar(self.stdout) as progress:
            try:
                result = restore_backup(archive, progress=progress, confirm=None if yes else self.confirm)
            except BackupError as exc:
                raise CommandError(str(exc)) from exc
        migrated = f"; then migrated forward: {', '.join(result.migrated)}" if result.migrated else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {describe(result.manifest)}; deleted {result.documents_deleted} document(s) "
                f"that were not in it{migrated}. Restart the web server and workers."
            )
        )

    def confirm(self, manifest: Manifest) -> bool:
        database = connection.settings_dict["NAME"]
        answer = input(
            f"\nThis replaces the database {database} and every stored document with the archive's "
            f"({describe(manifest)}).\nType 'yes' to restore: "
        )
        return answer.strip().lower() == "yes"


def describe(manifest: Manifest) -> str:
    return (
        f"a {manifest.vendor} database and {len(manifest.documents)} document(s), "
        f"made {manifest.created_at} with {len(manifest.migrations)} migrations applied"
    )
