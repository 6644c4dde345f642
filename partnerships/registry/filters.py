import django_filters
from django.utils.translation import gettext_lazy as _

from partnerships.core.filters import PlatformFilterSet

from .models import RegistryEntry, RegistryName


class RegistryEntryFilterSet(PlatformFilterSet):
    search_fields = ("ror_id", "name", "name_zh", "aliases", "acronyms", "city")
    country = django_filters.CharFilter(lookup_expr="iexact", label=_("Country code"))
    city = django_filters.CharFilter(lookup_expr="icontains", label=_("City"))
    types = django_filters.CharFilter(lookup_expr="icontains", label=_("Type"))
    status = django_filters.CharFilter(label=_("Status"))

    class Meta:
        model = RegistryEntry
        fields = ["q", "country", "city", "types", "status"]


class RegistryNameFilterSet(PlatformFilterSet):
    search_fields = ("ror_id", "name", "source")
    ror_id = django_filters.CharFilter(label=_("ROR ID"))

    class Meta:
        model = RegistryName
        fields = ["q", "ror_id", "kind", "language"]
