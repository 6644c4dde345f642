"""The relationships app's sections of organisations' and people's pages (the relationship with an
organisation and the latest interactions) and of the home page (recent interactions, follow-ups due)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from partnerships.core.panels import HOME, linked, list_url, panel, register_home_count, register_page_panel
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


def home_recent(request, _obj):
    return Interaction.objects.restrict(request.user, "view").prefetch_related("organisations")[:8]


def home_follow_ups(request, _obj):
    today = timezone.localdate()
    due = (
        Interaction.objects.restrict(request.user, "view")
        .filter(follow_up_date__isnull=False, follow_up_done=False, follow_up_date__lte=today + timedelta(days=30))
        .select_related("follow_up_owner")
        .order_by("follow_up_date")[:8]
    )
    return {"rows": due, "today": today}


def register() -> None:
    register_home_count(Relationship, 30)
    register_home_count(Interaction, 40)
    register_page_panel(
        HOME, "recent_interactions", template="relationships/panels/home_recent.html", order=10, build=home_recent
    )
    register_page_panel(
        HOME, "follow_ups", template="relationships/panels/home_follow_ups.html", order=20, build=home_follow_ups
    )
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
