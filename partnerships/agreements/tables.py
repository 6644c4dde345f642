import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import ManyColumn, PlatformTable, TaggedTable
from partnerships.organisations.models import Organisation
from partnerships.organisations.tables import NAMES

from .models import Agreement, AgreementKind, Document, Obligation, Party, Signatory


class AgreementTable(TaggedTable):
    title_en = tables.Column(linkify=True, verbose_name=_("title"))
    # Every party, in the order they were added.
    partners = ManyColumn(
        related=Organisation,
        back="agreement_parties__agreement",
        only=NAMES,
        order_by=("agreement_parties",),
        verbose_name=_("parties"),
    )

    class Meta(TaggedTable.Meta):
        model = Agreement
        fields = (
            "title_en",
            "title_zh",
            "kind",
            "status",
            "partners",
            "start_date",
            "end_date",
            "responsible",
            "colleges",
            "strands",
            "themes",
        )


class AgreementKindTable(PlatformTable):
    name_en = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = AgreementKind
        fields = ("code", "name_en", "name_zh", "order")


class PartyTable(PlatformTable):
    organisation = tables.Column(linkify=True)
    agreement = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = Party
        fields = ("organisation", "role", "agreement")


class SignatoryTable(PlatformTable):
    person = tables.Column(linkify=True)
    party = tables.Column(linkify=True)
    agreement = tables.Column(accessor="party__agreement", linkify=True, verbose_name=_("agreement"))

    class Meta(PlatformTable.Meta):
        model = Signatory
        fields = ("person", "capacity", "signed_on", "party", "agreement")


class ObligationTable(PlatformTable):
    description = tables.Column(linkify=True)
    agreement = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = Obligation
        fields = ("description", "side", "due_date", "owner", "done", "agreement")


class DocumentTable(PlatformTable):
    original_name = tables.Column(linkify=True)  # the download
    agreement = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = Document
        fields = ("title", "version_number", "doc_type", "original_name", "size", "created_at", "agreement")
