"""The organisations app's sections of record pages: an organisation's people, a person's posts."""

from partnerships.core.panels import list_url, panel, register_page_panel

from .models import Affiliation, Organisation, Person


def organisation_people(request, organisation):
    return panel(
        Affiliation.objects.restrict(request.user, "view").filter(organisation=organisation).select_related("person"),
        url=list_url("organisations:affiliation_list", organisation=organisation.pk),
    )


def person_affiliations(request, person):
    return panel(
        Affiliation.objects.restrict(request.user, "view").filter(person=person).select_related("organisation"),
        url=list_url("organisations:affiliation_list", person=person.pk),
    )


def register() -> None:
    register_page_panel(
        Organisation, "people", template="organisations/panels/people.html", order=20, build=organisation_people
    )
    register_page_panel(
        Person, "affiliations", template="organisations/panels/affiliations.html", order=20, build=person_affiliations
    )
