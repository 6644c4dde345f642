import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import PlatformTable

from .models import RegistryEntry, RegistryName


class RegistryEntryTable(PlatformTable):
    name = tables.Column(linkify=True)
    name_zh = tables.Column(linkify=True)
    types = tables.Column(orderable=False, verbose_name=_("types"))

    class Meta(PlatformTable.Meta):
        model = RegistryEntry
        fields = ("ror_id", "name", "name_zh", "types", "city", "province", "country", "status")

    def render_types(self, value):
        return ", ".join(value)

    value_types = render_types


class RegistryNameTable(PlatformTable):
    name = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = RegistryName
        fields = ("name", "kind", "language", "ror_id", "source", "updated_at")
