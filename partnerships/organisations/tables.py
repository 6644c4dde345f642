import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import ManyColumn, PlatformTable, TaggedTable

from .models import Affiliation, Organisation, Person

# What a linked organisation's or person's name is made of (core.tables.LinkedColumn loads only these).
NAMES = ("name_en", "name_zh")
PERSON_NAMES = ("title", "family_name", "given_name", "name_zh", "family_name_first")


class OrganisationTable(TaggedTable):
    name_en = tables.Column(linkify=True, verbose_name=_("name (English)"))
    name_zh = tables.Column(linkify=True)
    acronyms = tables.Column(orderable=False)
    relationship = tables.Column(
        accessor="relationship__get_stage_display", order_by="relationship__stage", verbose_name=_("relationship stage")
    )

    class Meta(TaggedTable.Meta):
        model = Organisation
        fields = (
            "name_en",
            "name_zh",
            "acronyms",
            "kind",
            "city",
            "country",
            "relationship",
            "ror_id",
            "strands",
            "colleges",
            "themes",
        )

    def render_acronyms(self, value):
        return ", ".join(value)

    def value_acronyms(self, value):
        return "; ".join(value)


class PersonTable(TaggedTable):
    family_name = tables.Column(linkify=True)
    organisations = ManyColumn(
        related=Organisation, back="affiliations__person", only=NAMES, verbose_name=_("organisations")
    )

    class Meta(TaggedTable.Meta):
        model = Person
        fields = (
            "title",
            "family_name",
            "given_name",
            "name_zh",
            "kind",
            "college",
            "organisations",
            "email",
            "preferred_language",
            "strands",
            "colleges",
        )
        exclude = ("themes",)


class AffiliationTable(PlatformTable):
    person = tables.Column(linkify=True)
    organisation = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = Affiliation
        fields = ("person", "organisation", "role", "department", "start_date", "end_date")
