import django_filters
from django.utils.translation import gettext_lazy as _

from partnerships.core.filters import PlatformFilterSet, TaggedFilterSet, register_filter
from partnerships.organisations.models import Organisation
from partnerships.relationships.models import Interaction

from . import queries
from .choices import Status
from .models import Agreement, AgreementKind, Document, Obligation, Party, Signatory


class AgreementFilterSet(TaggedFilterSet):
    search_fields = (
        "title_en",
        "title_zh",
        "reference",
        "summary",
        "parties__organisation__name_en",
        "parties__organisation__name_zh",
    )
    kind = django_filters.ModelMultipleChoiceFilter(
        field_name="kind__code", to_field_name="code", queryset=AgreementKind.objects.all(), label=_("Kind")
    )
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label=_("Status"))
    partner = django_filters.ModelChoiceFilter(
        field_name="parties__organisation", queryset=Organisation.objects.all(), label=_("Partner")
    )
    expiring_within = django_filters.NumberFilter(
        method="filter_expiring", label=_("Expiring within (days)"), min_value=0
    )
    dormant = django_filters.BooleanFilter(method="filter_dormant", label=_("Dormant"))
    end_after = django_filters.DateFilter(field_name="end_date", lookup_expr="gte", label=_("Ends from"))
    end_before = django_filters.DateFilter(field_name="end_date", lookup_expr="lte", label=_("Ends by"))

    class Meta:
        model = Agreement
        fields = [
            "q",
            "kind",
            "status",
            "partner",
            "colleges",
            "strands",
            "themes",
            "expiring_within",
            "end_after",
            "end_before",
            "dormant",
            "responsible",
            "parent",
        ]

    def filter_expiring(self, queryset, name, value):
        return queryset if value is None else queries.expiring_within(queryset, int(value))

    def filter_dormant(self, queryset, name, value):
        if value is None:
            return queryset
        dormant = queries.dormant(queryset.model.objects.all()).values("pk")
        return queryset.filter(pk__in=dormant) if value else queryset.exclude(pk__in=dormant)


class AgreementKindFilterSet(PlatformFilterSet):
    search_fields = ("code", "name_en", "name_zh")

    class Meta:
        model = AgreementKind
        fields = ["q"]


# The parts of an agreement, each with a list page that its panel on the agreement's page links to
# ("All parties …"); the API filters them the same way.


class PartyFilterSet(PlatformFilterSet):
    search_fields = ("organisation__name_en", "organisation__name_zh", "agreement__title_en", "agreement__title_zh")

    class Meta:
        model = Party
        fields = ["q", "agreement", "organisation", "role"]


class SignatoryFilterSet(PlatformFilterSet):
    search_fields = ("person__family_name", "person__given_name", "person__name_zh", "capacity")
    # A party is named by its organisation.
    party = django_filters.ModelChoiceFilter(queryset=Party.objects.select_related("organisation"), label=_("Party"))

    class Meta:
        model = Signatory
        fields = ["q", "party", "person"]


class ObligationFilterSet(PlatformFilterSet):
    search_fields = ("description", "agreement__title_en", "agreement__title_zh")

    class Meta:
        model = Obligation
        fields = ["q", "agreement", "owner", "done", "side"]


class DocumentFilterSet(PlatformFilterSet):
    search_fields = ("title", "original_name", "agreement__title_en", "agreement__title_zh")

    class Meta:
        model = Document
        fields = ["q", "agreement", "doc_type", "title"]


def register() -> None:
    """Interactions filtered by the agreement they concern (the agreement page's "All interactions")."""
    register_filter(
        Interaction,
        "agreement",
        django_filters.ModelChoiceFilter(
            field_name="agreements", queryset=Agreement.objects.all(), label=_("Agreement")
        ),
    )
