import django_filters
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.filters import PlatformFilterSet, TaggedFilterSet
from partnerships.organisations.models import Organisation, Person
from partnerships.strategy.models import Initiative, Objective

from .choices import Currency, OutputKind, ProjectStatus
from .models import ExchangeRate, Funding, Output, Project, ProjectMember, ProjectPartner


class ProjectFilterSet(TaggedFilterSet):
    search_fields = ("title_en", "title_zh", "abstract_en", "abstract_zh")
    status = django_filters.MultipleChoiceFilter(choices=ProjectStatus.choices, label=_("Status"))
    partner = django_filters.ModelChoiceFilter(
        field_name="partners__organisation", queryset=Organisation.objects.all(), label=_("Partner")
    )
    person = django_filters.ModelChoiceFilter(
        field_name="members__person", queryset=Person.objects.all(), label=_("Investigator")
    )
    agreement = django_filters.ModelChoiceFilter(queryset=Agreement.objects.all(), label=_("Agreement"))
    initiative = django_filters.ModelChoiceFilter(queryset=Initiative.objects.all(), label=_("Initiative"))
    objective = django_filters.ModelChoiceFilter(
        field_name="objectives", queryset=Objective.objects.all(), label=_("Objective")
    )
    start_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte", label=_("Starts from"))
    start_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte", label=_("Starts by"))

    class Meta:
        model = Project
        fields = [
            "q",
            "status",
            "partner",
            "person",
            "agreement",
            "initiative",
            "objective",
            "themes",
            "colleges",
            "strands",
            "start_after",
            "start_before",
        ]


# The parts of a project, each with a list page that its panel on the project's page links to.


class ProjectPartnerFilterSet(PlatformFilterSet):
    search_fields = ("organisation__name_en", "organisation__name_zh", "project__title_en", "project__title_zh")

    class Meta:
        model = ProjectPartner
        fields = ["q", "project", "organisation", "role"]


class ProjectMemberFilterSet(PlatformFilterSet):
    search_fields = ("person__family_name", "person__given_name", "person__name_zh", "project__title_en")

    class Meta:
        model = ProjectMember
        fields = ["q", "project", "person", "role", "organisation"]


class FundingFilterSet(PlatformFilterSet):
    search_fields = ("scheme", "award_reference", "funder__name_en", "funder__name_zh", "project__title_en")
    currency = django_filters.MultipleChoiceFilter(choices=Currency.choices, label=_("Currency"))

    class Meta:
        model = Funding
        fields = ["q", "project", "funder", "currency"]


class ExchangeRateFilterSet(PlatformFilterSet):
    currency = django_filters.MultipleChoiceFilter(choices=Currency.choices, label=_("Currency"))

    class Meta:
        model = ExchangeRate
        fields = ["currency"]


class OutputFilterSet(PlatformFilterSet):
    search_fields = ("title", "authors", "venue", "doi")
    kind = django_filters.MultipleChoiceFilter(choices=OutputKind.choices, label=_("Kind"))
    project = django_filters.ModelChoiceFilter(
        field_name="projects", queryset=Project.objects.all(), label=_("Project")
    )
    partner = django_filters.ModelChoiceFilter(
        field_name="partners", queryset=Organisation.objects.all(), label=_("Partner co-author")
    )
    # The tags of the outputs' projects (a strand's overview links its outputs here).
    strands = django_filters.CharFilter(field_name="projects__strands__code", label=_("Strand (of a project)"))
    themes = django_filters.CharFilter(field_name="projects__themes__code", label=_("Theme (of a project)"))
    colleges = django_filters.CharFilter(field_name="projects__colleges__code", label=_("College (of a project)"))
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte", label=_("From (year)"))
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte", label=_("To (year)"))

    class Meta:
        model = Output
        fields = ["q", "kind", "project", "partner", "strands", "themes", "colleges", "year_from", "year_to"]
