from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    UNDERGRADUATE = "ug", _("Undergraduate")
    POSTGRADUATE_TAUGHT = "pgt", _("Postgraduate taught")
    POSTGRADUATE_RESEARCH = "pgr", _("Postgraduate research")


class DeliveryModel(models.TextChoices):
    BIRMINGHAM_ALONE = "birmingham_alone", _("Designed, delivered and accredited by Birmingham alone")
    JOINTLY_DESIGNED = "jointly_designed", _("Jointly designed")
    JOINTLY_DELIVERED = "jointly_delivered", _("Jointly delivered")
    DUAL_DEGREE = "dual_degree", _("Dual degree")
    JOINT_DEGREE = "joint_degree", _("Joint degree")
    ARTICULATION_2_2 = "articulation_2_2", _("Articulation 2+2")
    ARTICULATION_3_1 = "articulation_3_1", _("Articulation 3+1")
    FRANCHISE = "franchise", _("Franchise")
    VALIDATION = "validation", _("Validation")


class Side(models.TextChoices):
    BIRMINGHAM = "birmingham", _("Birmingham")
    PARTNER = "partner", _("Partner")
    BOTH = "both", _("Both")


class Location(models.TextChoices):
    PARTNER_CAMPUS = "partner", _("The partner's campus")
    BIRMINGHAM = "birmingham", _("Birmingham")
    SPLIT = "split", _("Split between the two")


class Status(models.TextChoices):
    IN_DESIGN = "in_design", _("In design")
    APPROVED = "approved", _("Approved")
    RECRUITING = "recruiting", _("Recruiting")
    RUNNING = "running", _("Running")
    TEACHING_OUT = "teaching_out", _("Teaching out")
    CLOSED = "closed", _("Closed")


# The lifecycle: each status and where it may go next (moved only by services.programme_transition).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.IN_DESIGN: (Status.APPROVED, Status.CLOSED),
    Status.APPROVED: (Status.RECRUITING, Status.IN_DESIGN, Status.CLOSED),
    Status.RECRUITING: (Status.RUNNING, Status.TEACHING_OUT, Status.CLOSED),
    Status.RUNNING: (Status.RECRUITING, Status.TEACHING_OUT),
    Status.TEACHING_OUT: (Status.CLOSED,),
    Status.CLOSED: (),
}
# Students are being taught: what needs a current approval.
TEACHING = (Status.RECRUITING, Status.RUNNING, Status.TEACHING_OUT)
