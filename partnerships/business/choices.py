from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The role that sees and writes every business-engagement record (core.roles.register_team).
TEAM = "business-engagement"


class IPKind(models.TextChoices):
    PATENT_FAMILY = "patent_family", _("Patent family")
    PATENT_APPLICATION = "patent_application", _("Patent application")
    SOFTWARE = "software", _("Software")
    KNOW_HOW = "know_how", _("Know-how")
    DESIGN = "design", _("Design")
    DATASET = "dataset", _("Dataset")
    OTHER = "other", pgettext_lazy("IP kind", "Other")


class IPStatus(models.TextChoices):
    DISCLOSED = "disclosed", _("Disclosed")
    ASSESSING = "assessing", _("Assessing")
    FILED = "filed", _("Filed")
    GRANTED = "granted", _("Granted")
    AVAILABLE = "available", _("Available for licensing")
    OPTIONED = "optioned", _("Optioned")
    LICENSED = "licensed", _("Licensed")
    ABANDONED = "abandoned", _("Abandoned")


# IP that can still be offered to a company: what matching ranks.
IP_OFFERABLE = (IPStatus.DISCLOSED, IPStatus.ASSESSING, IPStatus.FILED, IPStatus.GRANTED, IPStatus.AVAILABLE)


class NeedSource(models.TextChoices):
    VISIT = "visit", _("Visit")
    EVENT = "event", _("Event")
    REFERRAL = "referral", _("Referral")
    DEVELOPMENT_ZONE = "development_zone", _("Development zone")
    INBOUND_FORM = "inbound_form", _("Inbound form")


class NeedStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("need status", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", pgettext_lazy("need status", "Closed")


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONTACTED = "contacted", _("Contacted")
    INTERESTED = "interested", _("Interested")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


class DealKind(models.TextChoices):
    CONSULTANCY = "consultancy", _("Consultancy")
    CONTRACT_RESEARCH = "contract_research", _("Contract research")
    LICENCE = "licence", _("Licence")
    OPTION = "option", _("Option")
    SPIN_OUT = "spin_out", _("Spin-out")
    KTP = "ktp", _("Knowledge Transfer Partnership")
    STUDENTSHIP = "studentship", _("Sponsored studentship")


class DealStage(models.TextChoices):
    LEAD = "lead", _("Lead")
    QUALIFIED = "qualified", _("Qualified")
    PROPOSAL = "proposal", _("Proposal")
    NEGOTIATION = "negotiation", _("Negotiation")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


OPEN_STAGES = (DealStage.LEAD, DealStage.QUALIFIED, DealStage.PROPOSAL, DealStage.NEGOTIATION)
CLOSED_STAGES = (DealStage.WON, DealStage.LOST)
# The probability a deal takes when it enters a stage, unless someone has set one of their own.
STAGE_PROBABILITY = {
    DealStage.LEAD: 10,
    DealStage.QUALIFIED: 25,
    DealStage.PROPOSAL: 50,
    DealStage.NEGOTIATION: 75,
    DealStage.WON: 100,
    DealStage.LOST: 0,
}
# Any open stage may move to any other stage (deals skip and slip back); won and lost may reopen.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    stage: tuple(s for s in DealStage.values if s != stage) for stage in DealStage.values
}
