"""Writes with rules for organisations and people."""

from django.db import transaction

from .models import Affiliation, Person


@transaction.atomic
def person_create(*, person: Person, organisation=None, role: str = "") -> Person:
    """Save a new person and, when an organisation is given, their current affiliation to it."""
    person.full_clean()
    person.save()
    if organisation is not None:
        affiliation = Affiliation(person=person, organisation=organisation, role=role)
        affiliation.full_clean()
        affiliation.save()
    return person
