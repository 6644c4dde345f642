"""Reads with rules for cross-cutting data."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .models import ObjectChange

HISTORY_LIMIT = 50


def history_for(obj, limit: int = HISTORY_LIMIT):
    """The record's own changes and those of records tied to it (its affiliations, its interactions)."""
    ct = ContentType.objects.get_for_model(obj)
    key = str(obj.pk)
    own = Q(content_type=ct, object_id=key)
    related = Q(relations__content_type=ct, relations__object_id=key)
    ids = ObjectChange.objects.filter(own | related).values("pk")
    return ObjectChange.objects.filter(pk__in=ids).select_related("content_type")[:limit]
