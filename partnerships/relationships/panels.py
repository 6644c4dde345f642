"""The relationships app's sections of organisations' and people's pages: the relationship with an
organisation and the latest interactions."""

from django.urls import reverse

from partnerships.core.panels import linked, list_url, panel, register_page_panel
from partnerships.organisations.models import Organisation, Person

from .models import Interaction, Relationship


def organisation_relationship(request, organisation):
    relationship = (
        Relationship.objects.restrict(request.user, "view")
        .filter(organisation=organisation)
        .select_related("manager")
        .first()
    )
    return {"relationship": relationship}


def interactions_of(request, links, url: str, add_url: str = "") -> dict:
    rows = linked(
        Interaction.objects.restrict(request.user, "view").prefetch_related("organisations"), links, "interaction"
    )
    return {"rows": panel(rows, url=url), "add_url": add_url}


def organisation_interactions(request, organisation):
    return interactions_of(
        request,
        Interaction.organisations.through.objects.filter(organisation=organisation),
        list_url("relationships:interaction_list", organisation=organisation.pk),
        f"{reverse('relationships:interaction_add')}?organisations={organisation.pk}",
    )


def person_interactions(request, person):
    return interactions_of(
        request,
        Interaction.people.through.objects.filter(person=person),
        list_url("relationships:interaction_list", person=person.pk),
    )


def register() -> None:
    register_page_panel(
        Organisation,
        "relationship",
        template="relationships/panels/relationship.html",
        order=10,
        build=organisation_relationship,
    )
    register_page_panel(
        Organisation,
        "interactions",
        template="relationships/panels/interactions.html",
        order=30,
        build=organisation_interactions,
    )
    register_page_panel(
        Person, "interactions", template="relationships/panels/interactions.html", order=30, build=person_interactions
    )
