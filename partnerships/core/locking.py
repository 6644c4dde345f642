"""Optimistic locking: an edit based on an old version of a record is refused, never silently lost."""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class StaleVersion(Exception):
    """The record changed since the editor loaded it."""

    message = _(
        "Someone else changed this record while you were editing it. "
        "Your changes were not saved: reload the page to see the current version, then edit again."
    )


def claim_version(instance, expected: int) -> None:
    """Bump the stored version if it is still `expected`; call inside the transaction that saves.

    The conditional UPDATE is atomic on every database, so of two concurrent editors exactly one wins.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim_version must run inside transaction.atomic()")
    updated = type(instance)._base_manager.filter(pk=instance.pk, version=expected).update(version=F("version") + 1)
    if not updated:
        raise StaleVersion()
    instance.version = expected + 1
