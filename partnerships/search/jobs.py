"""The search app's background job: rebuilding the global search index, with progress (core/jobs.py)."""

from django.utils.translation import gettext_lazy as _

from partnerships.core.jobs import register_job

from .indexing import rebuild


def rebuild_index(progress) -> dict:
    """One transaction: a stopped worker leaves the old index in place, and the retry builds it whole."""
    return {"indexed": rebuild(progress=progress)}


def register() -> None:
    register_job("search.rebuild_index", rebuild_index, label=_("Rebuild the search index"), startable=True)
