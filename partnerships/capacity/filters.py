import django_filters
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.filters import PlatformFilterSet, TaggedFilterSet
from partnerships.organisations.models import Organisation, Person
from partnerships.strategy.models import Initiative, Objective

from .choices import ActivityKind, ParticipantCategory
from .models import Activity, ParticipantCount


class ActivityFilterSet(TaggedFilterSet):
    search_fields = ("title_en", "title_zh", "place", "outcomes")
    kind = django_filters.MultipleChoiceFilter(choices=ActivityKind.choices, label=_("Kind"))
    partner = django_filters.ModelChoiceFilter(
        field_name="partners", queryset=Organisation.objects.all(), label=_("Partner")
    )
    participant = django_filters.ModelChoiceFilter(
        field_name="participants", queryset=Person.objects.all(), label=_("Participant")
    )
    agreement = django_filters.ModelChoiceFilter(queryset=Agreement.objects.all(), label=_("Agreement"))
    initiative = django_filters.ModelChoiceFilter(queryset=Initiative.objects.all(), label=_("Initiative"))
    objective = django_filters.ModelChoiceFilter(
        field_name="objectives", queryset=Objective.objects.all(), label=_("Objective")
    )
    start_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte", label=_("Starts from"))
    start_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte", label=_("Starts by"))

    class Meta:
        model = Activity
        fields = [
            "q", "kind", "partner", "lead", "participant", "agreement", "initiative", "objective",
            "start_after", "start_before", "strands", "colleges", "themes",
        ]  # fmt: skip


class ParticipantCountFilterSet(PlatformFilterSet):
    category = django_filters.MultipleChoiceFilter(choices=ParticipantCategory.choices, label=_("Category"))

    class Meta:
        model = ParticipantCount
        fields = ["activity", "category"]
