import django_filters
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.filters import PlatformFilterSet, TaggedFilterSet, register_filter
from partnerships.core.models import College

from .choices import InitiativeKind, InitiativeStatus
from .models import Initiative, Objective


class ObjectiveFilterSet(PlatformFilterSet):
    search_fields = ("code", "title_en", "title_zh", "description")
    college = django_filters.ModelMultipleChoiceFilter(queryset=College.objects.all(), label=_("College"))
    university = django_filters.BooleanFilter(
        field_name="college", lookup_expr="isnull", label=_("University objectives")
    )
    initiative = django_filters.ModelChoiceFilter(
        field_name="initiatives", queryset=Initiative.objects.all(), label=_("Initiative")
    )

    class Meta:
        model = Objective
        fields = ["q", "college", "university", "owner", "initiative"]


class InitiativeFilterSet(TaggedFilterSet):
    search_fields = ("name_en", "name_zh", "aims")
    kind = django_filters.MultipleChoiceFilter(choices=InitiativeKind.choices, label=_("Kind"))
    status = django_filters.MultipleChoiceFilter(choices=InitiativeStatus.choices, label=_("Status"))
    objective = django_filters.ModelChoiceFilter(
        field_name="objectives", queryset=Objective.objects.all(), label=_("Objective")
    )
    agreement = django_filters.ModelChoiceFilter(
        field_name="agreements", queryset=Agreement.objects.all(), label=_("Agreement")
    )

    class Meta:
        model = Initiative
        fields = ["q", "kind", "status", "lead", "objective", "agreement", "strands", "colleges", "themes"]


def register() -> None:
    """Agreements filtered by the initiative they are grouped under (an initiative's "All agreements")."""
    register_filter(
        Agreement,
        "initiative",
        django_filters.ModelChoiceFilter(
            field_name="initiatives", queryset=Initiative.objects.all(), label=_("Initiative")
        ),
    )
