from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    NEGOTIATION = "negotiation", _("In negotiation")
    LEGAL_REVIEW = "legal_review", _("Legal review")
    APPROVED = "approved", _("Approved")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", pgettext_lazy("agreement status", "Active")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")
    SUPERSEDED = "superseded", _("Superseded")


# The lifecycle: each status and where it may go next. Renewal supersedes through `agreement_renew`.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.NEGOTIATION, Status.TERMINATED),
    Status.NEGOTIATION: (Status.DRAFT, Status.LEGAL_REVIEW, Status.TERMINATED),
    Status.LEGAL_REVIEW: (Status.NEGOTIATION, Status.APPROVED, Status.TERMINATED),
    Status.APPROVED: (Status.LEGAL_REVIEW, Status.SIGNED, Status.TERMINATED),
    Status.SIGNED: (Status.ACTIVE, Status.TERMINATED),
    Status.ACTIVE: (Status.EXPIRED, Status.TERMINATED, Status.SUPERSEDED),
    Status.EXPIRED: (Status.SUPERSEDED,),
    Status.TERMINATED: (),
    Status.SUPERSEDED: (),
}
IN_FORCE = (Status.SIGNED, Status.ACTIVE)


class ControllingLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    CHINESE = "zh", _("Chinese")
    EQUAL = "equal", _("Both equally authentic")


class PartyRole(models.TextChoices):
    HOME = "home", _("Home institution")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
    OTHER = "other", _("Other party")


class DocumentType(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed copy")
    ANNEX = "annex", _("Annex")
    TRANSLATION = "translation", _("Translation")
    CORRESPONDENCE = "correspondence", _("Correspondence")
    OTHER = "other", _("Other")


class ObligationSide(models.TextChoices):
    HOME = "home", _("Home institution")
    PARTNER = "partner", _("Partner")
    BOTH = "both", _("Both")
