"""FilterSet pieces shared by every model: free-text `q` and the profile tags.

A filter across a many-valued relation (an interaction's organisations, a record's strands) would
repeat a row once per match, and `.distinct()` over every column made each list, count and export
pay for it even unfiltered. Such filters here narrow by the matching ids instead (`narrow`), so a
row appears once and an unfiltered list is a plain, index-ordered read.

`q` on a model the global search indexes is answered from that index (words the record's names and
text begin with, in either script), found through `TEXT_SEARCH`, which the search app fills: core
cannot import it. Other models' `q` is a substring match over their `search_fields`.

A filter that names a higher app's model (interactions by agreement) is added by that app with
`register_filter`: the lower app's FilterSet cannot import it (docs/architecture.md).
"""

import copy
from collections.abc import Callable

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from .forms import restrict_choices
from .models import College, Strand, Theme
from .widgets import use_autocomplete

# A filter matching this many records or fewer narrows by their ids; more, by a per-row check while
# the list is read in its order, which stops soon because so many match. Between the two, a list's
# page and its count (up to a thousand) read at most a few thousand rows either way.
NARROW_THRESHOLD = 5000
# Model → text → (SQL selecting the ids of the records that match, its parameters), or None when the
# text holds nothing the index can look up. Filled by the search app for the models it indexes.
TEXT_SEARCH: dict[type, Callable[[str], tuple[str, list] | None]] = {}


def register_text_search(model, finder) -> None:
    TEXT_SEARCH[model] = finder


# Model → filter name → filter, added by higher apps to every FilterSet of the model.
EXTRA_FILTERS: dict[type, dict[str, django_filters.Filter]] = {}


def register_filter(model, name: str, filter_: django_filters.Filter) -> None:
    """Add a filter to the model's FilterSets (pages, API, exports and the API schema alike)."""
    EXTRA_FILTERS.setdefault(model, {})[name] = filter_
    for filterset in _subclasses(PlatformFilterSet):
        if filterset._meta.model is model:
            filterset.base_filters.setdefault(name, copy.deepcopy(filter_))


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


class PlatformFilterSet(django_filters.FilterSet):
    """`q` searches the fields in `search_fields`; the same FilterSet serves pages, API and exports."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple[str, ...] = ()

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # A FilterSet defined after a higher app registered its filters gets them here.
        for name, extra in EXTRA_FILTERS.get(self._meta.model, {}).items():
            if name not in self.filters:
                self.filters[name] = copy.deepcopy(extra)
                self.filters[name].model = self._meta.model
                self.filters[name].parent = self
        user = getattr(request, "user", None)
        if user is not None:
            # Choice lists offer only what the user may see: restrict(), as everywhere else.
            restrict_choices(self.filters.values(), user)
        # Before the form is built: the widget goes into the fields the filters make.
        use_autocomplete(self.filters.values())

    def filter_queryset(self, queryset):
        model = queryset.model
        for name, value in self.form.cleaned_data.items():
            filter_ = self.filters[name]
            if getattr(filter_, "method", None) or not is_many_valued(model, filter_.field_name):
                filter_.distinct = False  # one value a row repeats no row (a multiple choice would add DISTINCT)
                queryset = filter_.filter(queryset, value)
                continue
            matching = filter_.filter(model._base_manager.all(), value)
            if matching.query.where:  # an empty value filters nothing
                queryset = narrow(queryset, matching)
        return queryset

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        finder = TEXT_SEARCH.get(queryset.model)
        found = finder(value) if finder is not None else None
        if found is not None:
            return narrow_by_sql(queryset, *found)
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        if any(is_many_valued(queryset.model, field) for field in self.search_fields):
            return narrow(queryset, queryset.model._base_manager.filter(condition))
        return queryset.filter(condition)


def narrow(queryset, matching):
    """`queryset` limited to the records of `matching` (a queryset of the same model, through joins
    that may repeat a record), planned for a list read a page at a time in its own order: with few
    matches, by their ids; with many, by a check on each row as the list's index is walked, which
    stops after a page because so many match. (`pk IN (subquery)` made SQLite gather every match
    first: forty thousand interactions of a strand on every page.)"""
    matching = matching.order_by()
    # A filter's own `.distinct()` (django-filter's default across a relation) would make the count
    # below and each check compare whole rows; an id repeated among the matches changes nothing here
    # but may tip the count towards the per-row check, which is right for so many matches anyway.
    matching.query.distinct, matching.query.distinct_fields = False, ()
    if matching[: NARROW_THRESHOLD + 1].count() <= NARROW_THRESHOLD:
        return queryset.filter(pk__in=matching.values("pk"))
    return queryset.filter(Exists(matching.filter(pk=OuterRef("pk"))))


def narrow_by_sql(queryset, sql: str, params: list):
    """The records whose ids an SQL statement selects (an index's matches, which it finds by lookup)."""
    return queryset.filter(pk__in=RawSQL(sql, params))


def is_many_valued(model, path: str) -> bool:
    """Whether a lookup path crosses a relation with many rows per record (a join that repeats rows)."""
    for part in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except Exception:  # noqa: BLE001 - a lookup (`__in`) or a transform ends the path
            return False
        if not field.is_relation:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


class TaggedFilterSet(PlatformFilterSet):
    strands = django_filters.ModelMultipleChoiceFilter(
        field_name="strands__code", to_field_name="code", queryset=Strand.objects.all(), label=_("Strands")
    )
    colleges = django_filters.ModelMultipleChoiceFilter(
        field_name="colleges__code", to_field_name="code", queryset=College.objects.all(), label=_("Colleges")
    )
    themes = django_filters.ModelMultipleChoiceFilter(
        field_name="themes__code", to_field_name="code", queryset=Theme.objects.all(), label=_("Themes")
    )
