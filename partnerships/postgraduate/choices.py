from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingKind(models.TextChoices):
    JOINT_PHD = "joint_phd", _("Joint PhD")
    SPLIT_SITE_PHD = "split_site_phd", _("Split-site PhD")
    CO_SUPERVISED_PHD = "co_supervised_phd", _("Co-supervised PhD")
    STUDENTSHIP = "studentship", _("Studentship")
    TAUGHT_PG = "taught_pg", _("Taught postgraduate training")


class TrainingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPLIED = "applied", _("Applied")
    OFFERED = "offered", _("Offered")
    ENROLLED = "enrolled", _("Enrolled")
    SUSPENDED = "suspended", _("Suspended")
    SUBMITTED = "submitted", _("Thesis submitted")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Studying now: what a strand's overview counts as current students.
CURRENT = (TrainingStatus.ENROLLED, TrainingStatus.SUSPENDED, TrainingStatus.SUBMITTED)


class SupervisorRole(models.TextChoices):
    LEAD = "lead", _("Lead supervisor")
    CO = "co", _("Co-supervisor")
    ADVISER = "adviser", _("Adviser")
