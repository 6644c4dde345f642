"""Test data factories: every test makes the records it needs, nothing depends on ../shared/."""

import datetime

import factory

from partnerships.core.models import College
from partnerships.organisations.choices import PersonKind
from partnerships.organisations.models import Affiliation, Organisation, Person
from partnerships.relationships.models import Interaction, Relationship


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Guangzhou Test University {n}")
    name_zh = factory.Sequence(lambda n: f"广州测试大学{n}")
    kind = "university"
    city = "Guangzhou"
    country = "CN"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    family_name = factory.Sequence(lambda n: f"Li{n}")
    given_name = "Wei"
    name_zh = factory.Sequence(lambda n: f"李伟{n}")
    family_name_first = True
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class StaffFactory(PersonFactory):
    family_name = factory.Sequence(lambda n: f"Smith{n}")
    given_name = "Jane"
    name_zh = ""
    family_name_first = False
    kind = PersonKind.STAFF
    college = factory.LazyFunction(lambda: College.objects.first())


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Professor"


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    organisation = factory.SubFactory(OrganisationFactory)
    stage = "developing"


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Meeting {n}")
    date = datetime.date(2026, 5, 1)
    kind = "meeting"

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create:
            self.organisations.set(extracted or [OrganisationFactory()])
