from django.db.models import Prefetch

from partnerships.agreements.models import Agreement
from partnerships.core import views as generic
from partnerships.relationships.models import Interaction, Relationship

from . import filters, forms, tables
from .models import Affiliation, Organisation, Person
from .services import person_create

TAGS = ("strands", "colleges", "themes")


class OrganisationListView(generic.ObjectListView):
    model = Organisation
    queryset = Organisation.objects.select_related("relationship").prefetch_related(*TAGS)
    filterset_class = filters.OrganisationFilterSet
    table_class = tables.OrganisationTable


class OrganisationDetailView(generic.ObjectDetailView):
    model = Organisation
    queryset = Organisation.objects.select_related("parent").prefetch_related(*TAGS)

    def extra_context(self, request, obj):
        user = request.user
        relationship = (
            Relationship.objects.restrict(user, "view").filter(organisation=obj).select_related("manager").first()
        )
        return {
            "relationship": relationship,
            "children": obj.children.restrict(user, "view"),
            "affiliations": Affiliation.objects.restrict(user, "view")
            .filter(organisation=obj)
            .select_related("person"),
            "interactions": Interaction.objects.restrict(user, "view")
            .filter(organisations=obj)
            .prefetch_related("organisations", "people")[:50],
            "agreements": Agreement.objects.restrict(user, "view")
            .filter(parties__organisation=obj)
            .select_related("kind")
            .distinct(),
        }


class OrganisationEditView(generic.ObjectEditView):
    model = Organisation
    form_class = forms.OrganisationForm


class OrganisationDeleteView(generic.ObjectDeleteView):
    model = Organisation


class PersonListView(generic.ObjectListView):
    model = Person
    queryset = Person.objects.select_related("college").prefetch_related(
        *TAGS, Prefetch("affiliations", Affiliation.objects.select_related("organisation"))
    )
    filterset_class = filters.PersonFilterSet
    table_class = tables.PersonTable


class PersonDetailView(generic.ObjectDetailView):
    model = Person
    queryset = Person.objects.select_related("college").prefetch_related(*TAGS)

    def extra_context(self, request, obj):
        user = request.user
        return {
            "affiliations": Affiliation.objects.restrict(user, "view")
            .filter(person=obj)
            .select_related("organisation"),
            "interactions": Interaction.objects.restrict(user, "view")
            .filter(people=obj)
            .prefetch_related("organisations")[:50],
        }


class PersonEditView(generic.ObjectEditView):
    model = Person
    form_class = forms.PersonForm

    def save_form(self, request, form):
        if form.instance.pk:
            return form.save()
        person = person_create(
            person=form.save(commit=False),
            organisation=form.cleaned_data.get("organisation"),
            role=form.cleaned_data.get("role", ""),
        )
        form.save_m2m()
        return person


class PersonDeleteView(generic.ObjectDeleteView):
    model = Person


class AffiliationListView(generic.ObjectListView):
    model = Affiliation
    queryset = Affiliation.objects.select_related("person", "organisation")
    filterset_class = filters.AffiliationFilterSet
    table_class = tables.AffiliationTable


class AffiliationDetailView(generic.ObjectDetailView):
    model = Affiliation
    queryset = Affiliation.objects.select_related("person", "organisation")


class AffiliationEditView(generic.ObjectEditView):
    model = Affiliation
    form_class = forms.AffiliationForm

    def get_success_url(self, request, obj):
        return super().get_success_url(request, obj) if request.GET.get("next") else obj.person.get_absolute_url()


class AffiliationDeleteView(generic.ObjectDeleteView):
    model = Affiliation
