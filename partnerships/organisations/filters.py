import django_filters
from django.utils.translation import gettext_lazy as _

from partnerships.core.filters import PlatformFilterSet, TaggedFilterSet

from .choices import OrganisationKind, PersonKind
from .models import Affiliation, Organisation, Person


class OrganisationFilterSet(TaggedFilterSet):
    search_fields = ("name_en", "name_zh", "pinyin", "acronyms", "former_names", "aliases", "city", "ror_id")
    kind = django_filters.MultipleChoiceFilter(choices=OrganisationKind.choices, label=_("Kind"))
    country = django_filters.CharFilter(lookup_expr="iexact", label=_("Country code"))
    city = django_filters.CharFilter(lookup_expr="icontains", label=_("City"))
    has_relationship = django_filters.BooleanFilter(
        field_name="relationship", lookup_expr="isnull", exclude=True, label=_("Has a relationship")
    )

    class Meta:
        model = Organisation
        fields = [
            "q",
            "kind",
            "country",
            "city",
            "parent",
            "ror_id",
            "has_relationship",
            "strands",
            "colleges",
            "themes",
        ]


class PersonFilterSet(TaggedFilterSet):
    search_fields = (
        "family_name",
        "given_name",
        "name_zh",
        "email",
        "wechat_id",
        "affiliations__organisation__name_en",
        "affiliations__organisation__name_zh",
    )
    kind = django_filters.ChoiceFilter(choices=PersonKind.choices, label=_("Kind"))
    organisation = django_filters.ModelChoiceFilter(
        field_name="affiliations__organisation", queryset=Organisation.objects.all(), label=_("Organisation")
    )

    class Meta:
        model = Person
        fields = ["q", "kind", "college", "organisation", "preferred_language", "strands", "colleges", "themes"]


class AffiliationFilterSet(PlatformFilterSet):
    search_fields = (
        "role",
        "department",
        "person__family_name",
        "person__name_zh",
        "organisation__name_en",
        "organisation__name_zh",
    )

    class Meta:
        model = Affiliation
        fields = ["q", "person", "organisation"]
