"""The organisations app's sections of record pages: an organisation's people, a person's posts, and
on a registry entry's page the centre's record of it (or the way to make one)."""

from partnerships.core.panels import list_url, panel, register_home_count, register_page_panel
from partnerships.core.permissions import has_model_permission
from partnerships.registry.models import RegistryEntry

from .from_registry import namesakes
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


def registry_record(request, entry):
    """The organisation recorded under the entry's ROR ID; else, for those who may add organisations, the
    button that makes one and the namesakes recorded by hand that may be the same (made only on request)."""
    organisation = Organisation.objects.restrict(request.user, "view").filter(ror_id=entry.ror_id).first()
    can_create = has_model_permission(request.user, Organisation, "add")
    if organisation is None and not can_create:
        return None
    found = namesakes(entry, request.user) if organisation is None else []
    return {"organisation": organisation, "can_create": can_create, "namesakes": found}


def register() -> None:
    register_home_count(Organisation, 10)
    register_home_count(Person, 20)
    register_page_panel(
        Organisation, "people", template="organisations/panels/people.html", order=20, build=organisation_people
    )
    register_page_panel(
        Person, "affiliations", template="organisations/panels/affiliations.html", order=20, build=person_affiliations
    )
    register_page_panel(
        RegistryEntry,
        "centre_record",
        template="organisations/panels/registry_record.html",
        order=10,
        build=registry_record,
    )
