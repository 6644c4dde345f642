"""The profile's few rows that every page reads, kept in each process instead of read on every request.

The layout shows the institution and its strands; every list's filter form and every record's form
offers the strands, colleges and themes. Read each time, they were four or five of a page's fifteen
queries, for rows an administrator changes a few times a year. Here they are read once a process and
kept for `TTL` seconds:

- a change made in this process (a save or delete of one of them, a migration, a test database's
  flush) clears them at once, by signals;
- a change made in another process (another worker, `load_profile`) shows here within `TTL`, as with
  Django's own caches of sites and content types, which never expire at all;
- rows read inside a transaction are not kept, since it may yet roll back (and a test's transaction
  always does): only autocommit reads, as page requests make, are shared.

Choice fields over these models take their options from here (`ReferenceChoices`, applied by
`core.forms.restrict_choices`) when their queryset is the model's whole table in its default order.
"""

import time

from django.db import connection
from django.db.models.signals import post_delete, post_migrate, post_save
from django.forms.models import ModelChoiceIterator

TTL = 60.0  # seconds another process's change may take to show here

MODELS: set[type] = set()
_kept: dict[object, tuple[float, object]] = {}


def _read(key, load):
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    value = load()
    if not connection.in_atomic_block:
        _kept[key] = (now + TTL, value)
    return value


def rows(model) -> list:
    """Every row of a registered model, in its default order."""
    return _read(model, lambda: list(model._default_manager.all()))


def institution():
    """The institution profile (`Institution.current()`), or None before one is loaded."""
    from .models import Institution

    return _read("institution", Institution.current)


def clear(**kwargs) -> None:
    _kept.clear()


def register(*models) -> None:
    """Keep these models' rows; any save or delete of one clears what this process keeps."""
    for model in models:
        MODELS.add(model)
        post_save.connect(clear, sender=model, dispatch_uid=f"reference-save-{model._meta.label}")
        post_delete.connect(clear, sender=model, dispatch_uid=f"reference-delete-{model._meta.label}")
    post_migrate.connect(clear, dispatch_uid="reference-migrate")


def is_whole_table(queryset) -> bool:
    """Whether a queryset selects what `rows()` holds: the whole table in the model's default order."""
    query = queryset.query
    return (
        queryset.model in MODELS
        and not query.where
        and not query.order_by
        and query.default_ordering
        and not query.extra
        and not query.annotations
        and query.low_mark == 0
        and query.high_mark is None
    )


class ReferenceChoices(ModelChoiceIterator):
    """A choice field's options from `rows()` instead of a query of its queryset."""

    def _leading(self) -> list[tuple]:
        leading = [("", self.field.empty_label)] if self.field.empty_label is not None else []
        if getattr(self.field, "null_label", None) is not None:  # django-filter's "none" choice
            leading.append((self.field.null_value, self.field.null_label))
        return leading

    def __iter__(self):
        yield from self._leading()
        for obj in rows(self.queryset.model):
            yield self.choice(obj)

    def __len__(self):
        return len(self._leading()) + len(rows(self.queryset.model))

    def __bool__(self):
        return bool(self._leading()) or bool(rows(self.queryset.model))


_field_classes: dict[type, type] = {}


def use_reference_rows(field) -> None:
    """Give a choice field over a whole reference table, or the field a filter will make, its options
    from this process's copy."""
    if hasattr(field, "field_class"):  # a django-filter Filter: its form field is made later
        base = field.field_class
        if base not in _field_classes:
            _field_classes[base] = type(base.__name__, (base,), {"iterator": ReferenceChoices})
        field.field_class = _field_classes[base]
    else:
        field.iterator = ReferenceChoices
        field.widget.choices = ReferenceChoices(field)
