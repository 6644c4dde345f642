"""Table pieces shared by every list page.

Tables are declared with django-tables2 (columns, sorting, pagination, exports), but a page's rows
are rendered by `PlatformTable.body_html()`: the same values, renderers and links as
django-tables2's `BoundRow.get_cell()`, planned once per column instead of looked up for every cell,
and joined in Python instead of a template loop over every cell. A 25-row page of interactions
took about 60 ms the django-tables2 way and takes a few now (docs/benchmarks.md);
`tests/test_tables.py` holds every table to django-tables2's own output.
"""

from collections import defaultdict
from html import escape
from itertools import islice

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F
from django.template.defaultfilters import date as date_filter
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _
from django_tables2.columns import ManyToManyColumn, library
from django_tables2.rows import BoundRow
from django_tables2.utils import A, signature

# What django-tables2 may pass to a column's render(), by name.
CELL_ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")


class PlatformTable(tables.Table):
    class Meta:
        # Sort and page links stay boosted (htmx); record links in the body are ordinary navigation.
        attrs = {"class": "table", "tbody": {"hx-boost": "false"}}
        per_page = 25

    def body_html(self):
        """The current page's rows as `<tr>`s, as django-tables2's template would render them."""
        plans = [_CellPlan(self, bound_column) for bound_column in self.columns]
        rows = list(self.page.object_list if getattr(self, "page", None) else self.rows)
        self._load_links(plans, [row.record for row in rows])
        html = []
        for row in rows:
            html.append("<tr>")
            for plan in plans:
                html.append("<td>")
                html.append(plan.html(row))
                html.append("</td>")
            html.append("</tr>")
        return mark_safe("".join(html))  # noqa: S308 - every cell went through conditional_escape

    def export_rows(self, exclude=(), chunk_size=2000):
        """What django-tables2's `as_values()` yields (header, then every row's values, not one page),
        with the rows read from the database `chunk_size` at a time rather than all held at once."""
        columns = [c for c in self.columns.iterall() if not (c.column.exclude_from_export or c.name in exclude)]
        yield [force_str(column.header, strings_only=True) for column in columns]
        plans = [_CellPlan(self, column) for column in columns]
        data = getattr(self.data, "data", None)
        records = data.iterator(chunk_size=chunk_size) if isinstance(data, models.QuerySet) else iter(self.data)
        while chunk := list(islice(records, chunk_size)):
            self._load_links(plans, chunk)
            for record in chunk:
                row = BoundRow(record, table=self)
                yield [force_str(plan.export_value(row), strings_only=True) for plan in plans]

    def _load_links(self, plans, records) -> None:
        ids = [record.pk for record in records]
        for plan in plans:
            if plan.linked:
                plan.links = plan.column.linked(self._meta.model, plan.name, ids) if ids else {}


class _CellPlan:
    """How one column's cells are found and rendered, worked out once for the whole page."""

    def __init__(self, table, bound_column):
        self.table = table
        self.bound_column = bound_column
        self.column = bound_column.column
        self.name = bound_column.name
        self.accessor = A(bound_column.accessor)
        self.bits = self.accessor.bits
        # Accessors with arguments to pass to a callable go through django-tables2 every time.
        self.plain = not (self.accessor.callable_args or self.accessor.callable_kwargs)
        self.render = bound_column.render
        self.export = bound_column.value
        self.link = bound_column.link
        # The usual link (linkify=True): the cell's object's page, else the row's; built without
        # django-tables2's attribute machinery when nothing else about the link was asked for.
        self.plain_link = self.link is not None and not (
            self.link.url or self.link.attrs or self.link.accessor or self.link.reverse_args.get("viewname")
        )
        self.default = bound_column.default
        self.empty_values = self.column.empty_values
        self.many = isinstance(self.column, ManyToManyColumn)
        self.linked = isinstance(self.column, LinkedColumn)
        self.links = {}
        parameters, catch_all = signature(self.render)
        self.arguments = CELL_ARGUMENTS if catch_all else parameters
        # As django-tables2's call_with_appropriate: a renderer asking for something else is not called.
        self.callable = bool(catch_all) or all(name in CELL_ARGUMENTS for name in parameters)
        # A column's own value() is its render() (TemplateColumn's without the tags): call render() with
        # the arguments worked out above, not through call_with_appropriate for every cell.
        self.export_by_render = getattr(self.export, "__func__", None) in (
            tables.Column.value,
            tables.TemplateColumn.value,
        )
        self.strip = getattr(self.export, "__func__", None) is tables.TemplateColumn.value
        parameters, catch_all = signature(self.export)
        self.export_arguments = CELL_ARGUMENTS if catch_all else parameters
        self.export_callable = bool(catch_all) or all(name in CELL_ARGUMENTS for name in parameters)
        self.choices = None  # {stored value: label} when the cell shows a choice's label; decided on the first row

    def value(self, record):
        """The cell's value as django-tables2 finds it, with choice labels looked up in a dict made once
        per page instead of through get_FOO_display() (which rebuilds the choices for every call)."""
        if self.choices is None:
            self.choices = self._choices(record)
        if self.choices:
            holder = self.accessor.penultimate(record)[0] if self.display_path else record
            if holder is None:
                return None
            raw = getattr(holder, self.attname)
            return self.choices.get(raw, raw)
        return self.resolve(record)

    def resolve(self, record):
        """django-tables2's Accessor.resolve(quiet=True) for model records and attribute paths; anything
        else (dicts, list indexes, a failing lookup) is left to the library itself."""
        if not (self.plain and isinstance(record, models.Model)):
            return self.accessor.resolve(record, quiet=True)
        current = record
        for bit in self.bits:
            try:
                current = getattr(current, bit)
            except (AttributeError, TypeError, models.ObjectDoesNotExist):
                return self.accessor.resolve(record, quiet=True)
            if callable(current):
                if getattr(current, "alters_data", False):
                    return None  # the library refuses (ValueError), which quiet turns into None
                if not getattr(current, "do_not_call_in_templates", False):
                    current = current()
            if current is None:
                break
        return current

    def _choices(self, record) -> dict:
        """As django-tables2: a model field with choices shows its label (so does an explicit
        `…__get_FOO_display` accessor)."""
        bits = self.accessor.bits
        holder, remainder = self.accessor.penultimate(record)
        name = remainder
        if remainder.startswith("get_") and remainder.endswith("_display"):
            name = remainder[4:-8]
        if not isinstance(holder, models.Model):
            return {}
        try:
            field = holder._meta.get_field(name)
        except FieldDoesNotExist:
            return {}
        if not getattr(field, "choices", None) or not hasattr(holder, f"get_{name}_display"):
            return {}
        self.attname = field.attname
        self.display_path = len(bits) > 1
        return {value: str(label) for value, label in field.flatchoices}

    def html(self, row) -> str:
        record = row.record
        if self.linked:
            return str(self.column.render_items(self.links.get(record.pk, ())))
        value = self.value(record)
        if value in self.empty_values or (self.many and not value.exists()):
            content = self.default
        else:
            arguments = {
                "value": value,
                "record": record,
                "column": self.column,
                "bound_column": self.bound_column,
                "bound_row": row,
                "table": self.table,
            }
            content = self.render(**{name: arguments[name] for name in self.arguments}) if self.callable else None
            if self.plain_link:
                content = self._linked(content, record)
            elif self.link:
                content = self.link(content, **arguments)
        if isinstance(content, SafeData):
            return str(content)
        if isinstance(content, str):
            return escape(content)  # the standard library's: Django's wraps it for lazy strings
        # What `{{ cell }}` does in a template: local time and number formats, then escaping.
        return conditional_escape(localize(template_localtime(content)))

    def _linked(self, content, record):
        """LinkTransform's `<a href="…">` for linkify=True: the object the column's name leads to, if it
        has a page, else the row's record."""
        target = getattr(record, self.name, None) if self.name else record
        if not hasattr(target, "get_absolute_url"):
            target = record
        return SafeString(f'<a href="{escape(target.get_absolute_url())}">{conditional_escape(content)}</a>')

    def export_value(self, row):
        """As BoundRow.get_cell_value(): the column's value_FOO / value(), no markup, None when empty."""
        record = row.record
        if self.linked:
            return self.column.value_items(self.links.get(record.pk, ()))
        value = self.value(record)
        if value in self.empty_values or (self.many and not value.exists()):
            return None
        arguments = {
            "value": value,
            "record": record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": self.table,
        }
        if self.export_by_render:
            if not self.callable:
                return None
            content = self.render(**{name: arguments[name] for name in self.arguments})
            return strip_tags(content).strip() if self.strip and isinstance(content, str) else content
        if not self.export_callable:
            return None
        return self.export(**{name: arguments[name] for name in self.export_arguments})


@library.register
class DateColumn(tables.DateColumn):
    """django-tables2's DateColumn compiles its one-line template for every cell; this formats the same
    way (`{{ value|date:format|default:default }}`) without a template. Registered, so model date
    fields get it."""

    def __init__(self, format=None, short=True, *args, **kwargs):
        super().__init__(format, short, *args, **kwargs)
        self.format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")

    def render(self, value, bound_column, **kwargs):
        return date_filter(template_localtime(value), self.format) or bound_column.default

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return cls(**kwargs)


@library.register
class DateTimeColumn(tables.DateTimeColumn):
    """The same for date-times (shown in local time, as the template would)."""

    def __init__(self, format=None, short=True, *args, **kwargs):
        super().__init__(format, short, *args, **kwargs)
        self.format = format or ("SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")

    def render(self, value, bound_column, **kwargs):
        return date_filter(template_localtime(value), self.format) or bound_column.default

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DateTimeField):
            return cls(**kwargs)


class LinkedColumn(tables.Column):
    """Records linked to the row — a many-to-many of the row's model named like the column, or any
    other model reached through `back` (a lookup from it to the row) — loaded for a whole page (or an
    export chunk) in one query, with only the fields the cell shows, by `PlatformTable`. A prefetch
    per relation built a model instance and a queryset for every link of every row: most of a list
    page's time. On its own (django-tables2's rendering) the column reads one row's links at a time.
    """

    def __init__(self, *args, related=None, back=None, only=(), order_by=None, **kwargs):
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("accessor", "pk")
        super().__init__(*args, **kwargs)
        self.related, self.back, self.only, self.link_order = related, back, tuple(only), order_by

    def linked(self, model, name: str, ids) -> dict:
        """Row id → its linked records, in the linked model's order (or `order_by`)."""
        if self.back is None:
            field = model._meta.get_field(name)
            related, back = field.related_model, field.related_query_name()
        else:
            related, back = self.related, self.back
        queryset = related._default_manager.filter(**{f"{back}__in": ids}).annotate(_linked_row=F(back))
        if self.only:
            queryset = queryset.only(*self.only)
        if self.link_order:
            queryset = queryset.order_by(*self.link_order)
        rows = defaultdict(list)
        for obj in queryset:
            rows[obj._linked_row].append(obj)
        return rows

    def render(self, record, bound_column):
        return self.render_items(self.linked(type(record), bound_column.name, [record.pk]).get(record.pk, []))

    def value(self, record, bound_column):
        return self.value_items(self.linked(type(record), bound_column.name, [record.pk]).get(record.pk, []))

    def render_items(self, items) -> str:
        return SafeString(", ".join(f'<a href="{escape(o.get_absolute_url())}">{escape(str(o))}</a>' for o in items))

    def value_items(self, items) -> str:
        return "; ".join(str(o) for o in items)


class TagsColumn(LinkedColumn):
    """Profile terms (strands, colleges, themes) shown as badges."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("only", ("code", "name_en", "name_zh"))
        super().__init__(*args, **kwargs)

    def render_items(self, items) -> str:
        return SafeString(" ".join(f'<span class="badge">{escape(t.name)}</span>' for t in items))

    def value_items(self, items) -> str:
        return "; ".join(t.name for t in items)


class ManyColumn(LinkedColumn):
    """Linked records listed by name, each a link to its page."""


class TaggedTable(PlatformTable):
    """Adds the profile tags; the view's queryset must prefetch strands, colleges and themes."""

    strands = TagsColumn(verbose_name=_("strands"))
    colleges = TagsColumn(verbose_name=_("colleges"))
    themes = TagsColumn(verbose_name=_("themes"))

    class Meta(PlatformTable.Meta):
        pass
