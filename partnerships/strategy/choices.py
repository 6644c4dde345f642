from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeKind(models.TextChoices):
    JOINT_INSTITUTE = "joint_institute", _("Joint institute")
    CENTRE = "centre", _("Centre of excellence")
    FLAGSHIP = "flagship", _("Flagship partnership")
    PROGRAMME = "programme", _("Strategic programme")
    OTHER = "other", _("Other")


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Under way")
    CLOSED = "closed", _("Closed")
