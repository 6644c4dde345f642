"""The educational platform's sections of other pages: a partner's, an agreement's and a person's
programmes."""

from django.db.models import Q

from partnerships.agreements.models import Agreement
from partnerships.core.models import College, Strand, Theme
from partnerships.core.panels import list_url, panel, register_page_panel
from partnerships.organisations.models import Organisation, Person

from .models import Programme
from .overview import term_overview

TEMPLATE = "programmes/panels/programmes.html"


def _programmes(request):
    return Programme.objects.restrict(request.user, "view").order_by("title_en", "pk")


def organisation_programmes(request, organisation):
    rows = panel(
        _programmes(request).filter(partner=organisation),
        url=list_url("programmes:programme_list", partner=organisation.pk),
    )
    return rows or None


def agreement_programmes(request, agreement):
    rows = panel(
        _programmes(request).filter(agreement=agreement),
        url=list_url("programmes:programme_list", agreement=agreement.pk),
    )
    return rows or None


def person_programmes(request, person):
    rows = panel(
        _programmes(request).filter(Q(lead_home=person) | Q(lead_partner=person)),
        url=list_url("programmes:programme_list", lead=person.pk),
    )
    return rows or None


def register() -> None:
    for model, field in ((Strand, "strands"), (Theme, "themes"), (College, "colleges")):
        register_page_panel(
            model, "programmes", template="programmes/panels/overview.html", order=30, build=term_overview(field)
        )
    register_page_panel(Organisation, "programmes", template=TEMPLATE, order=57, build=organisation_programmes)
    register_page_panel(Agreement, "programmes", template=TEMPLATE, order=20, build=agreement_programmes)
    register_page_panel(Person, "programmes", template=TEMPLATE, order=57, build=person_programmes)
