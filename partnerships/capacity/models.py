"""Capacity building with Guangzhou universities: training courses, staff development, visiting
scholars, workshops, summer schools and curriculum development, with who took part and how it went."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.models import BaseModel, Tagged, in_chinese
from partnerships.organisations.models import Organisation, Person
from partnerships.strategy.models import Initiative, Objective

from .choices import ActivityKind, ParticipantCategory


class Activity(BaseModel, Tagged):
    """A capacity-building activity with one or more partners, on dates, at a place."""

    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices, default=ActivityKind.WORKSHOP)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    partners = models.ManyToManyField(Organisation, related_name="capacity_activities", verbose_name=_("partners"))
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    lead = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="led_activities", verbose_name=_("lead")
    )
    participants = models.ManyToManyField(
        Person, blank=True, related_name="capacity_activities", verbose_name=_("named participants")
    )
    outcomes = models.TextField(_("outcomes"), blank=True, help_text=_("In either language."))
    feedback_score = models.DecimalField(
        _("feedback score"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
        help_text=_("Average participant rating, 1 to 5."),
    )
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="capacity_activities",
        verbose_name=_("runs under (agreement)"),
    )
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="capacity_activities",
        verbose_name=_("signature initiative"),
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="capacity_activities", verbose_name=_("objectives served")
    )

    # An activity under an agreement happened when it started (dormant-agreement detection).
    activity_date_field = "start_date"
    # Strand, theme and college pages show activities in the capacity-building overview (panels.py).
    term_page_panel = True

    class Meta:
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["start_date", "id"], name="activity_date_order")]
        verbose_name = _("capacity-building activity")
        verbose_name_plural = _("capacity-building activities")

    def __str__(self):
        return self.title_zh if in_chinese() and self.title_zh else self.title_en

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    def changelog_related(self):
        return list(self.partners.all()) if self.pk else []


class ParticipantCount(BaseModel):
    """How many took part in an activity, by category (named participants are listed on the activity)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="headcounts", verbose_name=_("activity")
    )
    category = models.CharField(_("category"), max_length=20, choices=ParticipantCategory.choices)
    count = models.PositiveIntegerField(_("number"), validators=[MaxValueValidator(100000)])

    activity_date_field = None

    class Meta:
        ordering = ["pk"]
        verbose_name = _("headcount")
        verbose_name_plural = _("headcounts")
        constraints = [models.UniqueConstraint(fields=["activity", "category"], name="unique_headcount_category")]

    def __str__(self):
        return f"{self.get_category_display()}: {self.count}"

    def changelog_related(self):
        return [self.activity]
