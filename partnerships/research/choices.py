from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROPOSED = "proposed", _("Proposed")
    SUBMITTED = "submitted", _("Submitted")
    FUNDED = "funded", _("Funded")
    ACTIVE = "active", pgettext_lazy("project status", "Active")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The lifecycle: each status and where it may go next (moved only by services.project_transition).
# A declined bid may be reworked and proposed again; completed and withdrawn projects are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ProjectStatus.IDEA: (ProjectStatus.PROPOSED, ProjectStatus.WITHDRAWN),
    ProjectStatus.PROPOSED: (ProjectStatus.IDEA, ProjectStatus.SUBMITTED, ProjectStatus.WITHDRAWN),
    ProjectStatus.SUBMITTED: (ProjectStatus.FUNDED, ProjectStatus.DECLINED, ProjectStatus.WITHDRAWN),
    ProjectStatus.FUNDED: (ProjectStatus.ACTIVE, ProjectStatus.WITHDRAWN),
    ProjectStatus.ACTIVE: (ProjectStatus.COMPLETED,),
    ProjectStatus.COMPLETED: (),
    ProjectStatus.DECLINED: (ProjectStatus.PROPOSED,),
    ProjectStatus.WITHDRAWN: (),
}
# Under way or won: what a strand's overview counts as active work.
LIVE = (ProjectStatus.FUNDED, ProjectStatus.ACTIVE)
# Not yet decided: the pipeline.
PIPELINE = (ProjectStatus.IDEA, ProjectStatus.PROPOSED, ProjectStatus.SUBMITTED)


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
    HOST = "host", _("Host")


class MemberRole(models.TextChoices):
    PI = "pi", _("Principal investigator")
    CO_I = "co_i", _("Co-investigator")
    RESEARCHER = "researcher", _("Researcher")


class Currency(models.TextChoices):
    GBP = "GBP", _("Pound sterling (GBP)")
    CNY = "CNY", _("Renminbi (CNY)")
    EUR = "EUR", _("Euro (EUR)")
    USD = "USD", _("US dollar (USD)")
    HKD = "HKD", _("Hong Kong dollar (HKD)")


class OutputKind(models.TextChoices):
    PUBLICATION = "publication", _("Publication")
    PATENT = "patent", _("Patent")
    DATASET = "dataset", _("Dataset")
    SOFTWARE = "software", _("Software")
