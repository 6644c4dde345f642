import django_filters
from django.utils.translation import gettext_lazy as _

from partnerships.core.filters import TaggedFilterSet
from partnerships.organisations.models import Organisation, Person

from .choices import Health, InteractionKind, Stage
from .models import Interaction, Relationship


class RelationshipFilterSet(TaggedFilterSet):
    search_fields = ("organisation__name_en", "organisation__name_zh", "organisation__pinyin", "summary")
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices, label=_("Stage"))
    health = django_filters.ChoiceFilter(choices=Health.choices, label=_("Health"))

    class Meta:
        model = Relationship
        fields = ["q", "stage", "health", "manager", "organisation", "strands", "colleges", "themes"]


class InteractionFilterSet(TaggedFilterSet):
    search_fields = ("title", "notes", "location", "organisations__name_en", "organisations__name_zh")
    kind = django_filters.MultipleChoiceFilter(choices=InteractionKind.choices, label=_("Kind"))
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Until"))
    organisation = django_filters.ModelChoiceFilter(
        field_name="organisations", queryset=Organisation.objects.all(), label=_("Organisation")
    )
    person = django_filters.ModelChoiceFilter(field_name="people", queryset=Person.objects.all(), label=_("Person"))
    follow_up_open = django_filters.BooleanFilter(method="filter_follow_up_open", label=_("Open follow-up"))

    class Meta:
        model = Interaction
        fields = [
            "q",
            "kind",
            "date_after",
            "date_before",
            "organisation",
            "person",
            "follow_up_owner",
            "follow_up_open",
            "strands",
            "colleges",
            "themes",
        ]

    def filter_follow_up_open(self, queryset, name, value):
        if value is None:
            return queryset
        open_ = queryset.filter(follow_up_date__isnull=False, follow_up_done=False)
        return open_ if value else queryset.exclude(pk__in=open_.values("pk"))
