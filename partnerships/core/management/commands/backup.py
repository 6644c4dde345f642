"""`manage.py backup`: one archive of the database and every uploaded document (docs/backup.md).

Safe while the site runs: the database is read as one consistent snapshot while writes go on. The
work is `core.backup.create_backup`, which a background job calls the same way; this command only
reads the options and shows a progress bar when it runs in a terminal.
"""

import sys
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from partnerships.core.backup import BackupError, create_backup


@contextmanager
def progress_bar(stdout):
    """A tqdm bar fed by a service's `progress(done, total, message)`, or None when not on a terminal."""
    if not stdout.isatty():
        yield None
        return
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is a nicety; the work goes on without it
        yield None
        return
    # The stream under Django's OutputWrapper, which would end each of the bar's redraws with a newline.
    bar = tqdm(total=1, file=getattr(stdout, "_out", sys.stdout), dynamic_ncols=True, leave=False)

    def progress(done: int, total: int, message: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_description_str(message if len(message) <= 40 else "…" + message[-39:], refresh=False)
        bar.refresh()

    try:
        yield progress
    finally:
        bar.close()


class Command(BaseCommand):
    help = (
        "Write one .tar.gz archive of the database and every uploaded document, with a manifest of "
        "checksums, to BACKUP_DIR (or --output); keep the newest BACKUP_KEEP archives (or --keep)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="A folder to write into (made if need be), or the new archive's name ending in .tar.gz."
        )
        parser.add_argument(
            "--keep",
            type=int,
            help="How many of this command's archives to keep in that folder, this one included "
            "(default BACKUP_KEEP, 14; 0 keeps all). Other files there are never touched.",
        )

    def handle(self, *args, output=None, keep=None, **options):
        with progress_bar(self.stdout) as progress:
            try:
                path = create_backup(output, keep=keep, progress=progress)
            except BackupError as exc:
                raise CommandError(f"No backup was written: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
