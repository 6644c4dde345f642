"""Reads with rules for cross-cutting data."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .models import BaseModel, ObjectChange
from .permissions import has_model_permission

HISTORY_LIMIT = 50


def history_for(obj, user, limit: int = HISTORY_LIMIT):
    """The record's own changes and those of records tied to it (its affiliations, its interactions).

    Tied records' changes show only for types the reader may view; types with row-level
    restriction (confidential records) are left out of other records' histories altogether.
    """
    ct = ContentType.objects.get_for_model(obj)
    key = str(obj.pk)
    own = Q(content_type=ct, object_id=key)
    related = Q(relations__content_type=ct, relations__object_id=key, content_type__in=_readable_types(user))
    ids = ObjectChange.objects.filter(own | related).values("pk")
    return ObjectChange.objects.filter(pk__in=ids).select_related("content_type")[:limit]


def _readable_types(user) -> list[int]:
    models = [m for m in apps.get_models() if issubclass(m, BaseModel)]
    return [
        ct.pk
        for model, ct in ContentType.objects.get_for_models(*models).items()
        if has_model_permission(user, model, "view") and not hasattr(model, "restrict_rows")
    ]
