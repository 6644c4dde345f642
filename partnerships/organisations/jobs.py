"""The organisations app's background job: finding every likely duplicate again (core/jobs.py)."""

from django.utils.translation import gettext_lazy as _

from partnerships.core.jobs import register_job

from .duplicate_index import rebuild


def rebuild_duplicates(progress) -> dict:
    """One transaction: the duplicates page shows the old pairs until the new ones are all stored."""
    return {f"{kind} pairs": count for kind, count in rebuild(progress=progress).items()}


def register() -> None:
    register_job(
        "organisations.rebuild_duplicates", rebuild_duplicates, label=_("Find likely duplicates again"), startable=True
    )
