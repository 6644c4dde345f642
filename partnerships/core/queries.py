"""Reads with rules for cross-cutting data."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery

from .models import BaseModel, ChangeRelation, ObjectChange
from .panels import Panel
from .permissions import has_model_permission

HISTORY_PAGE = 10


def history_for(obj, user, *, before: int | None = None, limit: int = HISTORY_PAGE) -> Panel:
    """The record's own changes and those of records tied to it (its affiliations, its interactions).

    Tied records' changes show only for types the reader may view; types with row-level
    restriction (confidential records) are left out of other records' histories altogether.

    Newest first by id (ids grow with time), `limit` at a time, older than change `before`. The cost
    stays the same however long the log and the record's history: two reads that each walk an index
    from the newest end and stop after `limit + 1` ids — the record's own changes on
    (content_type, object_id, id), the tied ones on ChangeRelation (content_type, object_id, change) —
    merged here, then one fetch of the rows. No OFFSET, no count.
    """
    ct = ContentType.objects.get_for_model(obj)
    own = ObjectChange.objects.filter(content_type=ct, object_id=str(obj.pk))
    tied = ChangeRelation.objects.filter(content_type=ct, object_id=str(obj.pk))
    if before is not None:
        own, tied = own.filter(pk__lt=before), tied.filter(change_id__lt=before)
    # Each tied change's type is looked up by primary key as the relation index is walked, a scalar
    # subquery rather than a join: a planner may not turn it into a merge or hash join that reads
    # the change log from its newest end (PostgreSQL does, for a record with many relations).
    change_type = ObjectChange.objects.filter(pk=OuterRef("change_id")).order_by().values("content_type")
    tied = tied.alias(change_type=Subquery(change_type)).filter(change_type__in=_readable_types(user))
    # The newest `limit` of the union are among the newest `limit + 1` of each side; one more says
    # whether anything older is left.
    ids = {
        *own.order_by("-pk").values_list("pk", flat=True)[: limit + 1],
        *tied.order_by("-change_id").values_list("change_id", flat=True)[: limit + 1],
    }
    newest = sorted(ids, reverse=True)
    changes = ObjectChange.objects.filter(pk__in=newest[:limit]).select_related("content_type").order_by("-pk")
    return Panel(rows=list(changes), more=len(newest) > limit)


def _readable_types(user) -> list[int]:
    models = [m for m in apps.get_models() if issubclass(m, BaseModel)]
    return [
        ct.pk
        for model, ct in ContentType.objects.get_for_models(*models).items()
        if has_model_permission(user, model, "view") and not hasattr(model, "restrict_rows")
    ]
