import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from partnerships.core.tables import ManyColumn, PlatformTable, TaggedTable
from partnerships.organisations.models import Organisation
from partnerships.organisations.tables import NAMES

from .models import ExchangeRate, Funding, Output, Project, ProjectMember, ProjectPartner


class ProjectTable(TaggedTable):
    title_en = tables.Column(linkify=True, verbose_name=_("title"))
    # Every partner, in the order they were added.
    partners = ManyColumn(
        related=Organisation,
        back="project_partnerships__project",
        only=NAMES,
        order_by=("project_partnerships",),
        verbose_name=_("partners"),
    )
    agreement = tables.Column(linkify=True)

    class Meta(TaggedTable.Meta):
        model = Project
        fields = (
            "title_en",
            "title_zh",
            "status",
            "partners",
            "start_date",
            "end_date",
            "agreement",
            "themes",
            "colleges",
            "strands",
        )


class ProjectPartnerTable(PlatformTable):
    organisation = tables.Column(linkify=True)
    project = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = ProjectPartner
        fields = ("organisation", "role", "project")


class ProjectMemberTable(PlatformTable):
    person = tables.Column(linkify=True)
    project = tables.Column(linkify=True)
    organisation = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = ProjectMember
        fields = ("person", "role", "organisation", "project")


class FundingTable(PlatformTable):
    project = tables.Column(linkify=True)
    funder = tables.Column(linkify=True)
    scheme = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = Funding
        fields = ("project", "funder", "scheme", "award_reference", "amount", "currency", "home_share", "awarded_on")


class ExchangeRateTable(PlatformTable):
    currency = tables.Column(linkify=True)

    class Meta(PlatformTable.Meta):
        model = ExchangeRate
        fields = ("currency", "valid_from", "gbp_per_unit")


class OutputTable(PlatformTable):
    title = tables.Column(linkify=True)
    partners = ManyColumn(only=NAMES, verbose_name=_("partner co-authors"))

    class Meta(PlatformTable.Meta):
        model = Output
        fields = ("year", "kind", "title", "authors", "venue", "doi", "partners")
