import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import PlatformTable, TaggedTable

from .models import Accreditation, AorCode, Cohort, Programme


class ProgrammeTable(TaggedTable):
    title_en = tables.Column(linkify=True, verbose_name=_("title"))
    partner = tables.Column(linkify=True)

    class Meta(TaggedTable.Meta):
        model = Programme
        fields = (
            "title_en", "title_zh", "level", "partner", "delivery_model", "designed_by", "delivered_by",
            "accredited_by", "status", "periodic_review_due", "prc_valid_until", "colleges",
        )  # fmt: skip


class AccreditationTable(PlatformTable):
    body = tables.Column(linkify=True)
    programme = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = Accreditation
        fields = ("body", "programme", "expires_on", "notes")


class CohortTable(PlatformTable):
    programme = tables.Column(linkify=True)
    academic_year = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(PlatformTable.Meta):
        model = Cohort
        fields = (
            "programme", "academic_year", "applications", "offers", "intake", "year_1", "year_2", "year_3",
            "year_4", "year_5", "graduated", "withdrawn", "dormant",
        )  # fmt: skip


class AorCodeTable(PlatformTable):
    value = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = AorCode
        fields = ("field", "value", "code", "label")
