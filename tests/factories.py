"""Test data factories: every test makes the records it needs, nothing depends on ../shared/."""

import datetime

import factory
from django.core.files.base import ContentFile

from partnerships.agreements.models import AgreementKind
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


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.Agreement"

    kind = factory.LazyFunction(lambda: AgreementKind.objects.get_or_create(code="mou", defaults={"name_en": "MoU"})[0])
    title_en = factory.Sequence(lambda n: f"Memorandum of understanding {n}")
    title_zh = factory.Sequence(lambda n: f"合作备忘录{n}")


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.Party"

    agreement = factory.SubFactory(AgreementFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.Signatory"

    party = factory.SubFactory(PartyFactory)
    person = factory.SubFactory(PersonFactory)


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.Obligation"

    agreement = factory.SubFactory(AgreementFactory)
    description = "Annual report to the steering committee"
    due_date = datetime.date(2027, 1, 31)


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.Document"

    agreement = factory.SubFactory(AgreementFactory)
    title = "Signed MoU"
    version_number = factory.Sequence(lambda n: n + 1)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="mou.pdf"))
    original_name = "mou.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "research.Project"

    title_en = factory.Sequence(lambda n: f"Joint research project {n}")
    title_zh = factory.Sequence(lambda n: f"联合研究项目{n}")


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "research.ProjectPartner"

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ProjectMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "research.ProjectMember"

    project = factory.SubFactory(ProjectFactory)
    person = factory.SubFactory(PersonFactory)


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "research.Funding"

    project = factory.SubFactory(ProjectFactory)
    funder = factory.SubFactory(OrganisationFactory)
    scheme = "Joint research fund"
    amount = 100000
    currency = "GBP"


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "research.ExchangeRate"

    currency = "CNY"
    valid_from = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    gbp_per_unit = "0.11"


def _sector():
    from partnerships.business.models import Sector

    return Sector.objects.order_by("order", "pk").first()


class IPAssetFactory(factory.django.DjangoModelFactory):
    """An IP asset, confidential: only the business-engagement team, admins and the people it names see it."""

    class Meta:
        model = "business.IPAsset"

    title_en = factory.Sequence(lambda n: f"Battery ageing model {n}")
    title_zh = factory.Sequence(lambda n: f"电池老化模型{n}")
    summary_en = "Battery state-of-health estimation for electric vehicles."
    kind = "patent_application"
    status = "available"
    trl = 4


class NeedFactory(factory.django.DjangoModelFactory):
    """A company's R&D need (confidential)."""

    class Meta:
        model = "business.Need"

    title_en = factory.Sequence(lambda n: f"Predict battery ageing in fleet {n}")
    title_zh = factory.Sequence(lambda n: f"预测车队电池老化{n}")
    company = factory.SubFactory(
        OrganisationFactory, kind="company", name_en=factory.Sequence(lambda n: f"Guangzhou Test Company {n}")
    )
    sector = factory.LazyFunction(_sector)
    problem_en = "Estimate the state of health of the batteries in an electric vehicle fleet."
    budget_min = 100000
    budget_max = 500000
    currency = "CNY"


class ExpertiseFactory(factory.django.DjangoModelFactory):
    """A home researcher's expertise (seen by every viewer)."""

    class Meta:
        model = "business.Expertise"

    person = factory.SubFactory(StaffFactory)
    keywords = "battery ageing, 储能"
    statement_en = "Models of how batteries age in use."


class MatchFactory(factory.django.DjangoModelFactory):
    """A need paired with an IP asset; pass `ip_asset=None, expert=ExpertiseFactory()` for an expert."""

    class Meta:
        model = "business.Match"

    need = factory.SubFactory(NeedFactory)
    ip_asset = factory.SubFactory(IPAssetFactory)
    score = "0.500"
    reasons = factory.LazyFunction(dict)


class DealFactory(factory.django.DjangoModelFactory):
    """A deal with a company (confidential), at the lead stage unless `stage` is given."""

    class Meta:
        model = "business.Deal"

    title = factory.Sequence(lambda n: f"Licence deal {n}")
    company = factory.SubFactory(
        OrganisationFactory, kind="company", name_en=factory.Sequence(lambda n: f"Guangzhou Test Company {n}")
    )
    value = 100000
    currency = "GBP"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """An English-taught programme with a partner university (in design unless `status` is given)."""

    class Meta:
        model = "programmes.Programme"

    title_en = factory.Sequence(lambda n: f"BSc Applied Mathematics {n}")
    title_zh = factory.Sequence(lambda n: f"应用数学理学学士{n}")
    subject = "Applied mathematics"
    partner = factory.SubFactory(OrganisationFactory, kind="university")


class AccreditationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programmes.Accreditation"

    programme = factory.SubFactory(ProgrammeFactory)
    body = factory.Sequence(lambda n: f"Institute of Mathematics {n}")
    expires_on = factory.Sequence(lambda n: datetime.date(2027, 1, 1) + datetime.timedelta(days=n))


class CohortFactory(factory.django.DjangoModelFactory):
    """A programme's headcounts for one academic year: a year of its own from 2015 on, so a programme's
    cohorts never share one (the years stay within the model's 1990-2100)."""

    class Meta:
        model = "programmes.Cohort"

    programme = factory.SubFactory(ProgrammeFactory)
    academic_year = factory.Sequence(lambda n: 2015 + n % 85)
    applications = 200
    offers = 100
    intake = 50
    year_1 = 48
    withdrawn = 2
