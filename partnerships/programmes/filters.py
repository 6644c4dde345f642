import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.filters import PlatformFilterSet, TaggedFilterSet
from partnerships.organisations.models import Organisation, Person

from .choices import DeliveryModel, Level, Status
from .models import Accreditation, AorCode, Cohort, Programme


class ProgrammeFilterSet(TaggedFilterSet):
    search_fields = ("title_en", "title_zh", "subject", "awards", "prc_approval_number")
    level = django_filters.MultipleChoiceFilter(choices=Level.choices, label=_("Level"))
    delivery_model = django_filters.MultipleChoiceFilter(choices=DeliveryModel.choices, label=_("Delivery model"))
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label=_("Status"))
    partner = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Partner"))
    agreement = django_filters.ModelChoiceFilter(queryset=Agreement.objects.all(), label=_("Agreement"))
    lead = django_filters.ModelChoiceFilter(queryset=Person.objects.all(), method="led_by", label=_("Lead"))
    review_before = django_filters.DateFilter(
        field_name="periodic_review_due", lookup_expr="lte", label=_("Review due by")
    )

    class Meta:
        model = Programme
        fields = [
            "q", "level", "delivery_model", "status", "partner", "agreement", "lead", "review_before",
            "strands", "colleges", "themes",
        ]  # fmt: skip

    def led_by(self, queryset, name, value):
        return queryset.filter(Q(lead_home=value) | Q(lead_partner=value))


class AccreditationFilterSet(PlatformFilterSet):
    search_fields = ("body", "notes")
    expires_before = django_filters.DateFilter(field_name="expires_on", lookup_expr="lte", label=_("Expires by"))

    class Meta:
        model = Accreditation
        fields = ["q", "programme", "expires_before"]


class CohortFilterSet(PlatformFilterSet):
    year_from = django_filters.NumberFilter(field_name="academic_year", lookup_expr="gte", label=_("From year"))
    year_to = django_filters.NumberFilter(field_name="academic_year", lookup_expr="lte", label=_("To year"))

    class Meta:
        model = Cohort
        fields = ["programme", "academic_year", "year_from", "year_to"]


class AorCodeFilterSet(PlatformFilterSet):
    search_fields = ("value", "code", "label")

    class Meta:
        model = AorCode
        fields = ["q", "field"]
