from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    HOSPITAL = "hospital", _("Hospital")
    GOVERNMENT = "government", _("Government body")
    PUBLIC_SERVICE = "public_service", _("Other public service provider")
    COMPANY = "company", _("Company")
    FUNDER = "funder", _("Funder")
    OTHER = "other", _("Other")


class PersonKind(models.TextChoices):
    CONTACT = "contact", _("Partner contact")
    STAFF = "staff", _("Home staff")


class PreferredLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    CHINESE = "zh", _("Chinese")
    OTHER = "other", _("Other")


class LawfulBasis(models.TextChoices):
    """UK GDPR Article 6 bases; PIPL's are close enough to map onto these for the register."""

    CONSENT = "consent", _("Consent")
    CONTRACT = "contract", _("Contract")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    VITAL_INTERESTS = "vital_interests", _("Vital interests")
    PUBLIC_TASK = "public_task", _("Public task")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Legitimate interests")


class DataOrigin(models.TextChoices):
    UK = "uk", _("Collected in the UK")
    PRC = "prc", _("Collected in the PRC")
    OTHER = "other", _("Collected elsewhere")


class DuplicateKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    PERSON = "person", _("Person")
