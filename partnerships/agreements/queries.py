"""Reads with rules for agreements: what is expiring, what is dormant."""

from datetime import datetime, time, timedelta

from django.db import models
from django.db.models import Exists, F, Func, OuterRef, Q
from django.utils import timezone

from partnerships.core.models import BaseModel

from .choices import Status

DORMANT_AFTER_DAYS = 365


def expiring_within(queryset, days: int):
    """Agreements in force whose end date falls in the next `days` days."""
    today = timezone.localdate()
    return queryset.filter(
        status__in=(Status.SIGNED, Status.ACTIVE), end_date__gte=today, end_date__lte=today + timedelta(days=days)
    )


class NoticeDeadline(Func):
    """An agreement's notice deadline in SQL: the end date less the notice period in days (NULL without one)."""

    output_field = models.DateField()

    def __init__(self, end="end_date", days="notice_period_days"):
        super().__init__(F(end), F(days))

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL: date - integer is a date.
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="date(%(expressions)s || ' days')", arg_joiner=", '-' || ", **extra_context
        )


def due_between(queryset, start, end):
    """Agreements whose end date or notice deadline falls on or after `start` and before `end`."""
    return queryset.alias(notice_deadline_at=NoticeDeadline()).filter(
        Q(end_date__gte=start, end_date__lt=end) | Q(notice_deadline_at__gte=start, notice_deadline_at__lt=end)
    )


def activity_sources(model) -> list[tuple[type, str, str]]:
    """(model, lookup to the agreement, date field) for every kind of record that can happen under one.

    Found from the relations, so interactions, child agreements, documents, obligations — and the
    projects, programmes or deals that later apps link with a foreign key — count with no change
    here. A model names the date that means "it happened" with `activity_date_field` (an
    interaction's date); otherwise its last update counts; `activity_date_field = None` says the
    model is part of the agreement rather than activity under it (parties). Many-to-many links
    declared on the agreement count only for models that name such a date (so tags do not).
    """
    sources = []
    for relation in model._meta.get_fields():
        related = relation.related_model
        if not (
            relation.is_relation and relation.auto_created is not None and related and issubclass(related, BaseModel)
        ):
            continue
        # Reverse one-to-one counts too: a drafted renewal (`successor`), or a later app's one-to-one link.
        if relation.auto_created and (relation.one_to_many or relation.one_to_one or relation.many_to_many):
            date_field = getattr(related, "activity_date_field", "updated_at")
            if date_field:
                sources.append((related, relation.field.name, date_field))
        elif relation.many_to_many and getattr(related, "activity_date_field", None):
            sources.append((related, relation.remote_field.related_name, related.activity_date_field))
    return sources


def dormant(queryset, days: int = DORMANT_AFTER_DAYS):
    """Active agreements in force for over `days` days with nothing happening under them in that time."""
    cutoff = timezone.localdate() - timedelta(days=days)
    cutoff_time = timezone.make_aware(datetime.combine(cutoff, time.min))
    queryset = queryset.filter(status=Status.ACTIVE).filter(
        Q(start_date__lt=cutoff) | Q(start_date__isnull=True, signed_date__lt=cutoff)
    )
    for related, link, date_field in activity_sources(queryset.model):
        since = cutoff_time if isinstance(related._meta.get_field(date_field), models.DateTimeField) else cutoff
        recent = related._base_manager.filter(**{link: OuterRef("pk"), f"{date_field}__gte": since})
        queryset = queryset.exclude(Exists(recent))
    return queryset
