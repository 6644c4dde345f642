"""FilterSet pieces shared by every model: free-text `q` and the profile tags.

A filter across a many-valued relation (an interaction's organisations, a record's strands) would
repeat a row once per match, and `.distinct()` over every column made each list, count and export
pay for it even unfiltered. Such filters here select the matching ids in a subquery instead, so a
row appears once and an unfiltered list is a plain, index-ordered read.
"""

import django_filters
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext_lazy as _

from .forms import restrict_choices
from .models import College, Strand, Theme
from .widgets import use_autocomplete


class PlatformFilterSet(django_filters.FilterSet):
    """`q` searches the fields in `search_fields`; the same FilterSet serves pages, API and exports."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple[str, ...] = ()

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
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
                queryset = filter_.filter(queryset, value)
                continue
            matching = filter_.filter(model._base_manager.all(), value)
            if matching.query.where:  # an empty value filters nothing
                queryset = queryset.filter(pk__in=matching.values("pk"))
        return queryset

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        if any(is_many_valued(queryset.model, field) for field in self.search_fields):
            return queryset.filter(pk__in=queryset.model._base_manager.filter(condition).values("pk"))
        return queryset.filter(condition)


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
