import django_filters
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.filters import PlatformFilterSet, TaggedFilterSet
from partnerships.organisations.models import Organisation, Person
from partnerships.research.models import Project
from partnerships.strategy.models import Initiative, Objective

from .choices import TrainingKind, TrainingStatus
from .models import Supervision, TrainingRecord


class TrainingRecordFilterSet(TaggedFilterSet):
    search_fields = ("student__family_name", "student__given_name", "student__name_zh", "funding", "notes")
    kind = django_filters.MultipleChoiceFilter(choices=TrainingKind.choices, label=_("Kind"))
    status = django_filters.MultipleChoiceFilter(choices=TrainingStatus.choices, label=_("Status"))
    project = django_filters.ModelChoiceFilter(
        field_name="projects", queryset=Project.objects.all(), label=_("Research project")
    )
    without_project = django_filters.BooleanFilter(
        field_name="projects", lookup_expr="isnull", label=_("Without a research project")
    )
    supervisor = django_filters.ModelChoiceFilter(
        field_name="supervisions__person", queryset=Person.objects.all(), label=_("Supervisor")
    )
    partner = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Partner institution"))
    agreement = django_filters.ModelChoiceFilter(queryset=Agreement.objects.all(), label=_("Agreement"))
    initiative = django_filters.ModelChoiceFilter(queryset=Initiative.objects.all(), label=_("Initiative"))
    objective = django_filters.ModelChoiceFilter(
        field_name="objectives", queryset=Objective.objects.all(), label=_("Objective")
    )
    intake_after = django_filters.DateFilter(field_name="intake", lookup_expr="gte", label=_("Intake from"))
    intake_before = django_filters.DateFilter(field_name="intake", lookup_expr="lte", label=_("Intake by"))

    class Meta:
        model = TrainingRecord
        fields = [
            "q", "kind", "status", "student", "partner", "supervisor", "project", "without_project", "agreement",
            "initiative", "objective", "intake_after", "intake_before", "themes", "colleges", "strands",
        ]  # fmt: skip


class SupervisionFilterSet(PlatformFilterSet):
    search_fields = ("person__family_name", "person__given_name", "person__name_zh")

    class Meta:
        model = Supervision
        fields = ["q", "record", "person", "organisation", "role"]
