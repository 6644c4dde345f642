"""The educational platform: English-taught programmes with a partner university in Guangzhou, their
approvals and quality dates, and their cohorts (headcounts by academic year; no student records)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.models import BaseModel, Tagged, in_chinese
from partnerships.organisations.models import Organisation, Person

from .choices import DeliveryModel, Level, Location, Side, Status

HECOS = RegexValidator(re.compile(r"^\d{6}$"), _("A HECoS code has six digits, e.g. 100403."))
HEADCOUNT = [MaxValueValidator(100000)]


class Programme(BaseModel, Tagged):
    """A degree programme taught in English with a partner university; its owning college is among its colleges."""

    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    level = models.CharField(_("level"), max_length=5, choices=Level.choices, default=Level.UNDERGRADUATE)
    subject = models.CharField(_("subject"), max_length=200)
    hecos_code = models.CharField(_("HECoS code"), max_length=6, blank=True, validators=[HECOS])
    awards = models.CharField(_("awards"), max_length=300, blank=True, help_text=_("e.g. BSc Mathematics; 理学学士"))
    awarding_bodies = models.CharField(_("awarding bodies"), max_length=300, blank=True)
    partner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("partner university")
    )
    delivery_model = models.CharField(
        _("delivery model"), max_length=20, choices=DeliveryModel.choices, default=DeliveryModel.JOINTLY_DELIVERED
    )
    designed_by = models.CharField(_("designed by"), max_length=12, choices=Side.choices, default=Side.BOTH)
    delivered_by = models.CharField(_("delivered by"), max_length=12, choices=Side.choices, default=Side.BOTH)
    accredited_by = models.CharField(_("accredited by"), max_length=12, choices=Side.choices, default=Side.BIRMINGHAM)
    language = models.CharField(_("language of instruction"), max_length=100, default="English")
    location = models.CharField(
        _("where it is taught"), max_length=12, choices=Location.choices, default=Location.PARTNER_CAMPUS
    )
    months_partner = models.PositiveSmallIntegerField(_("months at the partner"), null=True, blank=True)
    months_home = models.PositiveSmallIntegerField(_("months in Birmingham"), null=True, blank=True)
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("runs under (agreement)"),
    )
    school = models.CharField(_("school"), max_length=200, blank=True)
    lead_home = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes_led",
        verbose_name=_("programme lead (Birmingham)"),
    )
    lead_partner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_programmes_led",
        verbose_name=_("programme lead (partner)"),
    )
    uk_approval_date = models.DateField(_("UK approval"), null=True, blank=True)
    periodic_review_due = models.DateField(_("periodic review due"), null=True, blank=True)
    prc_approval_number = models.CharField(
        _("PRC approval number"), max_length=100, blank=True, help_text=_("Exactly as issued, e.g. MOE44UK2A20191234N.")
    )
    prc_approving_body = models.CharField(_("PRC approving body"), max_length=200, blank=True)
    prc_valid_from = models.DateField(_("PRC approval from"), null=True, blank=True)
    prc_valid_until = models.DateField(_("PRC approval until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.IN_DESIGN, editable=False
    )

    # A programme running under an agreement is activity under it, whenever it changes.
    activity_date_field = "updated_at"
    # Strand, theme and college pages show programmes in the educational-platform overview (overview.py).
    term_page_panel = True

    class Meta:
        ordering = ["title_en", "pk"]
        indexes = [models.Index(fields=["status", "id"], name="programme_status_recent")]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return self.title_zh if in_chinese() and self.title_zh else self.title_en

    def clean(self):
        errors = {}
        self.prc_approval_number = (self.prc_approval_number or "").strip()
        if self.location == Location.SPLIT and not (self.months_partner and self.months_home):
            errors["months_partner"] = _("A split programme says how many months are spent at each place.")
        if self.location != Location.SPLIT and (self.months_partner or self.months_home):
            errors["location"] = _("Months at each place are for a programme split between the two.")
        if self.prc_valid_from and self.prc_valid_until and self.prc_valid_until < self.prc_valid_from:
            errors["prc_valid_until"] = _("The approval ends before it starts.")
        if (self.prc_valid_from or self.prc_valid_until or self.prc_approving_body) and not self.prc_approval_number:
            errors["prc_approval_number"] = _("Give the approval number as issued.")
        if errors:
            raise ValidationError(errors)

    def changelog_related(self):
        return [self.partner] if self.partner_id else []


class Accreditation(BaseModel):
    """A professional or statutory body's accreditation of a programme, until it expires."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="accreditations", verbose_name=_("programme")
    )
    body = models.CharField(_("accrediting body"), max_length=200)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    activity_date_field = None

    class Meta:
        ordering = ["expires_on", "pk"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")

    def __str__(self):
        return self.body

    def changelog_related(self):
        return [self.programme]


class Cohort(BaseModel):
    """A programme's headcounts for one academic year (2024 is 2024/25)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="cohorts", verbose_name=_("programme")
    )
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), help_text=_("The year it starts: 2024 for 2024/25.")
    )
    applications = models.PositiveIntegerField(_("applications"), null=True, blank=True, validators=HEADCOUNT)
    offers = models.PositiveIntegerField(_("offers"), null=True, blank=True, validators=HEADCOUNT)
    intake = models.PositiveIntegerField(_("intake"), null=True, blank=True, validators=HEADCOUNT)
    year_1 = models.PositiveIntegerField(_("enrolled, year 1"), default=0, validators=HEADCOUNT)
    year_2 = models.PositiveIntegerField(_("enrolled, year 2"), default=0, validators=HEADCOUNT)
    year_3 = models.PositiveIntegerField(_("enrolled, year 3"), default=0, validators=HEADCOUNT)
    year_4 = models.PositiveIntegerField(_("enrolled, year 4"), default=0, validators=HEADCOUNT)
    year_5 = models.PositiveIntegerField(_("enrolled, year 5+"), default=0, validators=HEADCOUNT)
    graduated = models.PositiveIntegerField(_("graduated"), default=0, validators=HEADCOUNT)
    withdrawn = models.PositiveIntegerField(_("withdrawn"), default=0, validators=HEADCOUNT)
    dormant = models.PositiveIntegerField(_("dormant"), default=0, validators=HEADCOUNT)

    activity_date_field = None

    class Meta:
        ordering = ["programme", "-academic_year"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [models.UniqueConstraint(fields=["programme", "academic_year"], name="unique_cohort_year")]

    def __str__(self):
        return f"{self.programme} {self.year_label}"

    @property
    def year_label(self) -> str:
        return f"{self.academic_year}/{(self.academic_year + 1) % 100:02d}" if self.academic_year else ""

    @property
    def enrolled(self) -> int:
        return sum(getattr(self, f"year_{n}") or 0 for n in range(1, 6))

    def clean(self):
        errors = {}
        if self.academic_year is not None and not 1990 <= self.academic_year <= 2100:
            errors["academic_year"] = _("Give the year the academic year starts, e.g. 2024.")
        if self.offers is not None and self.applications is not None and self.offers > self.applications:
            errors["offers"] = _("More offers than applications.")
        if self.intake is not None and self.offers is not None and self.intake > self.offers:
            errors["intake"] = _("A larger intake than offers made.")
        if errors:
            raise ValidationError(errors)

    def changelog_related(self):
        return [self.programme]


class AorCode(BaseModel):
    """How a programme's level or delivery model is coded in the HESA Aggregate Offshore Record.

    Data an admin keeps, not a guess buried in code: the starting codes are the assumptions written
    down in docs/hesa-aor.md, to be checked against the coding manual of the year being returned."""

    class Field(models.TextChoices):
        LEVEL = "LEVEL", _("LEVEL (level of study)")
        TYPE = "TYPE", _("TYPE (type of provision)")

    field = models.CharField(_("HESA field"), max_length=10, choices=Field.choices)
    value = models.CharField(_("platform value"), max_length=30, help_text=_("A level or a delivery model."))
    code = models.CharField(_("HESA code"), max_length=10)
    label = models.CharField(_("HESA label"), max_length=300, blank=True)

    class Meta:
        ordering = ["field", "value"]
        verbose_name = _("offshore return code")
        verbose_name_plural = _("offshore return codes")
        constraints = [models.UniqueConstraint(fields=["field", "value"], name="unique_aor_code")]

    def __str__(self):
        return f"{self.field} {self.value} → {self.code}"

    def clean(self):
        from .choices import DeliveryModel, Level

        allowed = Level.values if self.field == self.Field.LEVEL else DeliveryModel.values
        if self.value not in allowed:
            raise ValidationError({"value": _("Choose one of: %(values)s.") % {"values": ", ".join(allowed)}})
