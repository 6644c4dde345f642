"""Deleting a record that other records still list in a many-to-many is refused, like PROTECT.

Django deletes many-to-many rows silently (no signals), so without this an organisation could
vanish from interactions, or a strand untag every record, with nothing in their history.
"""

from django.db.models import ProtectedError

from .locking import claim_version


def delete_record(obj, *, version: int | None = None) -> None:
    """Delete `obj` (checking its version when given) unless logged records still link to it."""
    from .changelog import _is_logged

    for relation in obj._meta.related_objects:
        if relation.many_to_many and _is_logged(relation.related_model):
            linked = relation.related_model._base_manager.filter(**{relation.field.name: obj})
            if linked.exists():
                raise ProtectedError(
                    f"{obj} is still linked from {relation.related_model._meta.verbose_name_plural}.", set(linked[:10])
                )
    if version is not None:
        claim_version(obj, version)
    obj.delete()
