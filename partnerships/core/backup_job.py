"""The nightly backup as a background job (core/jobs.py): at BACKUP_AT on the worker's schedule, or
started by an admin from the jobs page; keeps the newest BACKUP_KEEP archives in BACKUP_DIR."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .backup import create_backup
from .jobs import register_job


def backup(progress) -> dict:
    archive = create_backup(keep=settings.BACKUP_KEEP, progress=progress)
    return {"archive": str(archive), "bytes": archive.stat().st_size}


def register() -> None:
    register_job("core.backup", backup, label=_("Back up the register"), startable=True, daily_at="BACKUP_AT")
