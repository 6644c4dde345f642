import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import PlatformTable, TaggedTable

from .models import Affiliation, Organisation, Person


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
    organisations = tables.Column(accessor="pk", orderable=False, verbose_name=_("organisations"))

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

    def render_organisations(self, record):
        return ", ".join(str(a.organisation) for a in record.affiliations.all())

    value_organisations = render_organisations


class AffiliationTable(PlatformTable):
    person = tables.Column(linkify=True)
    organisation = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = Affiliation
        fields = ("person", "organisation", "role", "department", "start_date", "end_date")
