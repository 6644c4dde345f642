"""FilterSet pieces shared by every model: free-text `q` and the profile tags."""

import django_filters
from django.db.models import Q
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

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition).distinct()


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

    def filter_queryset(self, queryset):
        # Filtering across many-to-many joins can repeat rows.
        return super().filter_queryset(queryset).distinct()
