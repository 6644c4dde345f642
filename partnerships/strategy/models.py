"""Strategy as data: the University's and each College's objectives, and the signature initiatives
that serve them — the named strategic programmes projects, training, activities and agreements are
grouped under.

Work names the objectives it serves and the initiative it belongs to from the apps above (research,
postgraduate, capacity building); an agreement is grouped under an initiative here, since the
agreements app sits below this one (docs/architecture.md).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.models import BaseModel, College, Tagged, in_chinese
from partnerships.organisations.models import Person

from .choices import InitiativeKind, InitiativeStatus


class Objective(BaseModel):
    """A strategic objective of the University (no college) or of one College, for a period."""

    code = models.CharField(_("code"), max_length=30, unique=True, help_text=_("As the strategy document numbers it."))
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    college = models.ForeignKey(
        College,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="objectives",
        verbose_name=_("college"),
        help_text=_("Leave empty for a University objective."),
    )
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_objectives",
        verbose_name=_("owner"),
    )
    period_start = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("to (year)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("strategy objective")
        verbose_name_plural = _("strategy objectives")

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return self.title_zh if in_chinese() and self.title_zh else self.title_en

    @property
    def level(self) -> str:
        return str(self.college) if self.college_id else str(_("University"))

    def clean(self):
        for field in ("period_start", "period_end"):
            year = getattr(self, field)
            if year is not None and not 1900 <= year <= 2200:
                raise ValidationError({field: _("Give a year, such as 2026.")})
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})


class Initiative(BaseModel, Tagged):
    """A signature initiative: a named strategic programme (a joint institute, a centre of excellence,
    a flagship partnership) with its lead, its aims and the objectives it serves."""

    name_en = models.CharField(_("name (English)"), max_length=300)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.FLAGSHIP)
    status = models.CharField(
        _("status"), max_length=10, choices=InitiativeStatus.choices, default=InitiativeStatus.ACTIVE
    )
    lead = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="led_initiatives", verbose_name=_("lead")
    )
    aims = models.TextField(_("aims"), blank=True, help_text=_("In either language."))
    start_date = models.DateField(_("start"), null=True, blank=True)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="initiatives", verbose_name=_("objectives served")
    )
    agreements = models.ManyToManyField(Agreement, blank=True, related_name="initiatives", verbose_name=_("agreements"))

    # Grouping an agreement under an initiative is not activity under the agreement (dormancy).
    activity_date_field = None

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("signature initiative")
        verbose_name_plural = _("signature initiatives")

    def __str__(self):
        return self.name_zh if in_chinese() and self.name_zh else self.name_en
