"""Postgraduate training linked to the research alliance: joint, split-site and co-supervised PhDs,
studentships and taught postgraduate training.

Each record links to one or more research projects, as the centre's objectives tie postgraduate
training to the projects; a record without a project is allowed only while it is proposed
(`rules.check_projects`, applied by the form, the API and every write), and the list shows it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.models import BaseModel, Tagged
from partnerships.organisations.models import Organisation, Person
from partnerships.research.models import Project
from partnerships.strategy.models import Initiative, Objective

from .choices import SupervisorRole, TrainingKind, TrainingStatus

MONTHS = [MaxValueValidator(120)]


class TrainingRecord(BaseModel, Tagged):
    """A postgraduate student's training with a partner: who, where, when, under which projects."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=TrainingKind.choices, default=TrainingKind.CO_SUPERVISED_PHD
    )
    student = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="training_records", verbose_name=_("student")
    )
    partner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_records",
        verbose_name=_("partner institution"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TrainingStatus.choices, default=TrainingStatus.PROPOSED
    )
    projects = models.ManyToManyField(
        Project, blank=True, related_name="training_records", verbose_name=_("research projects")
    )
    intake = models.DateField(_("intake"), null=True, blank=True, help_text=_("When the student starts."))
    expected_completion = models.DateField(_("expected completion"), null=True, blank=True)
    actual_completion = models.DateField(_("actual completion"), null=True, blank=True)
    months_home_planned = models.PositiveSmallIntegerField(
        _("months at home (planned)"), null=True, blank=True, validators=MONTHS
    )
    months_partner_planned = models.PositiveSmallIntegerField(
        _("months at the partner (planned)"), null=True, blank=True, validators=MONTHS
    )
    months_home_actual = models.PositiveSmallIntegerField(
        _("months at home (actual)"), null=True, blank=True, validators=MONTHS
    )
    months_partner_actual = models.PositiveSmallIntegerField(
        _("months at the partner (actual)"), null=True, blank=True, validators=MONTHS
    )
    funder = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("funder")
    )
    funding = models.CharField(_("funding"), max_length=300, blank=True, help_text=_("Scheme, stipend, fees covered."))
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_records",
        verbose_name=_("runs under (agreement)"),
    )
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_records",
        verbose_name=_("signature initiative"),
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="training_records", verbose_name=_("objectives served")
    )
    notes = models.TextField(_("notes"), blank=True)

    # Strand, theme and college pages show training in the postgraduate overview (panels.py).
    term_page_panel = True

    class Meta:
        ordering = ["-intake", "-pk"]
        indexes = [models.Index(fields=["status", "id"], name="training_status_recent")]
        verbose_name = _("postgraduate training record")
        verbose_name_plural = _("postgraduate training records")

    def __str__(self):
        return f"{self.student} – {self.get_kind_display()}"

    def clean(self):
        if self.expected_completion and self.intake and self.expected_completion < self.intake:
            raise ValidationError({"expected_completion": _("The expected completion is before the intake.")})
        if self.actual_completion and self.intake and self.actual_completion < self.intake:
            raise ValidationError({"actual_completion": _("The completion is before the intake.")})
        if self.status == TrainingStatus.COMPLETED and not self.actual_completion:
            raise ValidationError({"actual_completion": _("Give the date the student completed.")})

    def changelog_related(self):
        return [self.student, *([self.partner] if self.partner_id else [])]


class Supervision(BaseModel):
    """A supervisor of a training record, at home or at the partner."""

    record = models.ForeignKey(
        TrainingRecord, on_delete=models.CASCADE, related_name="supervisions", verbose_name=_("training record")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="supervisions", verbose_name=_("supervisor")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("at (organisation)"),
    )
    role = models.CharField(_("role"), max_length=10, choices=SupervisorRole.choices, default=SupervisorRole.CO)

    activity_date_field = None

    class Meta:
        ordering = ["pk"]
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        indexes = [models.Index(fields=["person", "record"], name="supervision_person")]
        constraints = [models.UniqueConstraint(fields=["record", "person"], name="unique_supervisor")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def changelog_related(self):
        return [self.record, self.person]
