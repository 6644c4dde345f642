import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import ManyColumn, PlatformTable, TaggedTable
from partnerships.organisations.tables import NAMES

from .models import Activity, ParticipantCount


class ActivityTable(TaggedTable):
    title_en = tables.Column(linkify=True, verbose_name=_("title"))
    partners = ManyColumn(only=NAMES, verbose_name=_("partners"))
    lead = tables.Column(linkify=True)

    class Meta(TaggedTable.Meta):
        model = Activity
        fields = (
            "start_date", "kind", "title_en", "title_zh", "partners", "place", "lead", "feedback_score",
            "colleges", "strands", "themes",
        )  # fmt: skip


class ParticipantCountTable(PlatformTable):
    activity = tables.Column(linkify=True)
    category = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = ParticipantCount
        fields = ("activity", "category", "count")
