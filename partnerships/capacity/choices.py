from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    TRAINING_COURSE = "training_course", _("Training course")
    STAFF_DEVELOPMENT = "staff_development", _("Staff development")
    VISITING_SCHOLARS = "visiting_scholars", _("Visiting scholars")
    WORKSHOP = "workshop", _("Workshop")
    SUMMER_SCHOOL = "summer_school", _("Summer school")
    CURRICULUM = "curriculum", _("Curriculum development")


class ParticipantCategory(models.TextChoices):
    STUDENTS = "students", _("Students")
    ACADEMIC_STAFF = "academic_staff", _("Academic staff")
    PROFESSIONAL_STAFF = "professional_staff", _("Professional staff")
    OTHER = "other", _("Others")
