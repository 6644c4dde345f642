import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import ManyColumn, PlatformTable, TaggedTable
from partnerships.organisations.tables import PERSON_NAMES

from .models import Deal, Expertise, IPAsset, Match, Need, Sector


class IPAssetTable(TaggedTable):
    title_en = tables.Column(linkify=True, verbose_name=_("title"))
    inventors = ManyColumn(only=PERSON_NAMES, verbose_name=_("inventors"))
    sectors = ManyColumn(only=("code", "name_en", "name_zh"), verbose_name=_("sectors"))

    class Meta(TaggedTable.Meta):
        model = IPAsset
        fields = (
            "title_en",
            "title_zh",
            "kind",
            "status",
            "trl",
            "inventors",
            "sectors",
            "jurisdictions",
            "themes",
            "colleges",
        )


class NeedTable(TaggedTable):
    title_en = tables.Column(linkify=True, verbose_name=_("title"))
    company = tables.Column(linkify=True)
    owner = tables.Column(linkify=True)

    class Meta(TaggedTable.Meta):
        model = Need
        fields = ("title_en", "title_zh", "company", "sector", "status", "source", "deadline", "owner", "themes")


class ExpertiseTable(TaggedTable):
    person = tables.Column(linkify=True)
    sectors = ManyColumn(only=("code", "name_en", "name_zh"), verbose_name=_("sectors"))

    class Meta(TaggedTable.Meta):
        model = Expertise
        fields = ("person", "keywords", "available", "sectors", "themes", "colleges")


class MatchTable(PlatformTable):
    need = tables.Column(linkify=True)
    ip_asset = tables.Column(linkify=True)
    expert = tables.Column(linkify=True)
    score = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(PlatformTable.Meta):
        model = Match
        fields = ("need", "ip_asset", "expert", "score", "status", "reason")


class DealTable(TaggedTable):
    title = tables.Column(linkify=True)
    company = tables.Column(linkify=True)
    owner = tables.Column(linkify=True)

    class Meta(TaggedTable.Meta):
        model = Deal
        fields = (
            "title", "kind", "company", "stage", "value", "currency", "probability", "expected_close", "owner",
            "next_action_date", "themes", "colleges",
        )  # fmt: skip


class SectorTable(PlatformTable):
    code = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = Sector
        fields = ("code", "name_en", "name_zh", "order")
