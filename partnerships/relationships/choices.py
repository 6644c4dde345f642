from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    EXPLORING = "exploring", _("Exploring")
    DEVELOPING = "developing", _("Developing")
    ACTIVE = "active", _("Active")
    STRATEGIC = "strategic", _("Strategic")
    DORMANT = "dormant", _("Dormant")
    ENDED = "ended", _("Ended")


class Health(models.TextChoices):
    GOOD = "good", _("Good")
    AT_RISK = "at_risk", _("At risk")
    POOR = "poor", _("Poor")


class InteractionKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    VISIT_INCOMING = "visit_in", _("Visit (incoming)")
    VISIT_OUTGOING = "visit_out", _("Visit (outgoing)")
    DELEGATION = "delegation", _("Delegation")
    EVENT = "event", _("Event")
    CALL = "call", _("Call")
    EMAIL = "email", _("E-mail")
