import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.filters import PlatformFilterSet, TaggedFilterSet
from partnerships.organisations.models import Organisation, Person
from partnerships.research.models import Project

from .choices import DealKind, DealStage, IPKind, IPStatus, MatchStatus, NeedSource, NeedStatus
from .models import Deal, Expertise, IPAsset, Match, Need, Sector


class IPAssetFilterSet(TaggedFilterSet):
    search_fields = ("title_en", "title_zh", "summary_en", "summary_zh", "patent_numbers")
    kind = django_filters.MultipleChoiceFilter(choices=IPKind.choices, label=_("Kind"))
    status = django_filters.MultipleChoiceFilter(choices=IPStatus.choices, label=_("Status"))
    inventor = django_filters.ModelChoiceFilter(
        field_name="inventors", queryset=Person.objects.all(), label=_("Inventor")
    )
    sector = django_filters.ModelMultipleChoiceFilter(
        field_name="sectors__code", to_field_name="code", queryset=Sector.objects.all(), label=_("Sectors")
    )
    person = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(), method="inventor_or_owner", label=_("Inventor or case manager")
    )
    project = django_filters.ModelChoiceFilter(
        field_name="projects", queryset=Project.objects.all(), label=_("Project")
    )
    trl_min = django_filters.NumberFilter(field_name="trl", lookup_expr="gte", label=_("Readiness at least"))

    class Meta:
        model = IPAsset
        fields = [
            "q",
            "kind",
            "status",
            "inventor",
            "owner",
            "person",
            "sector",
            "project",
            "trl_min",
            "strands",
            "colleges",
            "themes",
        ]

    def inventor_or_owner(self, queryset, name, value):
        """A person's IP: what they invented or look after (a person page's section, in full)."""
        named = IPAsset.inventors.through.objects.filter(person=value).values("ipasset")
        return queryset.filter(Q(pk__in=named) | Q(owner=value))


class NeedFilterSet(TaggedFilterSet):
    search_fields = ("title_en", "title_zh", "problem_en", "problem_zh", "requirements_en", "requirements_zh")
    status = django_filters.MultipleChoiceFilter(choices=NeedStatus.choices, label=_("Status"))
    source = django_filters.MultipleChoiceFilter(choices=NeedSource.choices, label=_("Source"))
    company = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Company"))
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lte", label=_("Deadline by"))

    class Meta:
        model = Need
        fields = [
            "q",
            "status",
            "source",
            "company",
            "sector",
            "owner",
            "deadline_before",
            "strands",
            "colleges",
            "themes",
        ]


class ExpertiseFilterSet(TaggedFilterSet):
    search_fields = ("keywords", "statement_en", "statement_zh", "person__family_name", "person__name_zh")
    sector = django_filters.ModelMultipleChoiceFilter(
        field_name="sectors__code", to_field_name="code", queryset=Sector.objects.all(), label=_("Sectors")
    )

    class Meta:
        model = Expertise
        fields = ["q", "person", "available", "sector", "strands", "colleges", "themes"]


class MatchFilterSet(PlatformFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=MatchStatus.choices, label=_("Status"))
    has_ip = django_filters.BooleanFilter(
        field_name="ip_asset", lookup_expr="isnull", exclude=True, label=_("IP match")
    )

    class Meta:
        model = Match
        fields = ["need", "ip_asset", "expert", "status", "has_ip"]


class DealFilterSet(TaggedFilterSet):
    search_fields = ("title", "notes", "next_action", "lost_reason")
    kind = django_filters.MultipleChoiceFilter(choices=DealKind.choices, label=_("Kind"))
    stage = django_filters.MultipleChoiceFilter(choices=DealStage.choices, label=_("Stage"))
    company = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Company"))
    ip_asset = django_filters.ModelChoiceFilter(
        field_name="ip_assets", queryset=IPAsset.objects.all(), label=_("IP asset")
    )
    agreement = django_filters.ModelChoiceFilter(queryset=Agreement.objects.all(), label=_("Agreement"))
    member = django_filters.ModelChoiceFilter(field_name="team", queryset=Person.objects.all(), label=_("Team member"))
    person = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(), method="member_or_owner", label=_("Owner or team member")
    )
    close_after = django_filters.DateFilter(field_name="expected_close", lookup_expr="gte", label=_("Closes from"))
    close_before = django_filters.DateFilter(field_name="expected_close", lookup_expr="lte", label=_("Closes by"))

    class Meta:
        model = Deal
        fields = [
            "q", "kind", "stage", "company", "need", "ip_asset", "agreement", "owner", "member", "person",
            "close_after", "close_before", "strands", "colleges", "themes",
        ]  # fmt: skip

    def member_or_owner(self, queryset, name, value):
        """A person's deals: those they own or are on the team of (a person page's section, in full)."""
        named = Deal.team.through.objects.filter(person=value).values("deal")
        return queryset.filter(Q(pk__in=named) | Q(owner=value))


class SectorFilterSet(PlatformFilterSet):
    search_fields = ("code", "name_en", "name_zh")

    class Meta:
        model = Sector
        fields = ["q"]
