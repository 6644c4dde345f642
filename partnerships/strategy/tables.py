import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import PlatformTable, TaggedTable

from .models import Initiative, Objective


class ObjectiveTable(PlatformTable):
    code = tables.Column(linkify=True)
    title_en = tables.Column(linkify=True, verbose_name=_("title"))
    college = tables.Column(default=_("University"))

    class Meta(PlatformTable.Meta):
        model = Objective
        fields = ("code", "title_en", "title_zh", "college", "owner", "period_start", "period_end")


class InitiativeTable(TaggedTable):
    name_en = tables.Column(linkify=True, verbose_name=_("name"))
    lead = tables.Column(linkify=True)

    class Meta(TaggedTable.Meta):
        model = Initiative
        fields = ("name_en", "name_zh", "kind", "status", "lead", "start_date", "strands", "colleges", "themes")
