"""Business engagement: IP with commercial potential, companies' R&D needs, researchers' expertise,
the matches proposed between them, and the deals that follow.

Needs, IP, matches and deals are commercially confidential (core.confidential): the
business-engagement team and admins see them all, anyone else only the ones that name them.
Expertise is a researcher's public profile and is seen by every viewer.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.confidential import Confidential
from partnerships.core.models import BaseModel, NamedTerm, Tagged, in_chinese
from partnerships.organisations.models import Organisation, Person
from partnerships.research.choices import Currency
from partnerships.research.models import Project

from .choices import (
    TEAM,
    DealKind,
    DealStage,
    IPKind,
    IPStatus,
    MatchStatus,
    NeedSource,
    NeedStatus,
)


class Sector(NamedTerm):
    """An industry sector a company works in or an invention serves (admin-kept reference data)."""

    class Meta(NamedTerm.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


def _either(obj, en: str, zh: str) -> str:
    first, second = (getattr(obj, zh), getattr(obj, en)) if in_chinese() else (getattr(obj, en), getattr(obj, zh))
    return first or second


class IPAsset(Confidential, BaseModel, Tagged):
    """Intellectual property with commercial potential: a patent family, software, know-how …"""

    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=IPKind.choices, default=IPKind.PATENT_APPLICATION)
    status = models.CharField(_("status"), max_length=20, choices=IPStatus.choices, default=IPStatus.DISCLOSED)
    inventors = models.ManyToManyField(
        Person, blank=True, related_name="ip_assets", verbose_name=_("inventors and creators")
    )
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_ip_assets",
        verbose_name=_("case manager"),
        help_text=_("Who looks after its commercialisation."),
    )
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("1 (basic principles) to 9 (proven in operation)."),
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="ip_assets", verbose_name=_("sectors"))
    jurisdictions = models.CharField(
        _("jurisdictions"), max_length=200, blank=True, help_text=_("Where protection is sought, e.g. GB, CN, EP, PCT.")
    )
    patent_numbers = models.TextField(
        _("application and patent numbers"), blank=True, help_text=_("One per line, exactly as issued.")
    )
    projects = models.ManyToManyField(
        Project, blank=True, related_name="ip_assets", verbose_name=_("from research projects")
    )
    commercial_notes = models.TextField(_("commercial notes"), blank=True)

    confidential_team = TEAM
    confidential_named = ("owner__user", "inventors__user")
    activity_date_field = None
    # Strand, theme and college pages show it in the business-engagement overview (overview.py).
    term_page_panel = True

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("IP asset")
        verbose_name_plural = _("IP assets")

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return _either(self, "title_en", "title_zh")

    @property
    def summary(self) -> str:
        return _either(self, "summary_en", "summary_zh")

    def clean(self):
        if not (self.title_en or self.title_zh):
            raise ValidationError({"title_en": _("Give a title in English or Chinese (or both).")})


class Need(Confidential, BaseModel, Tagged):
    """A company's research and development challenge, in Chinese, English or both."""

    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    company = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="business_needs", verbose_name=_("company")
    )
    sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.PROTECT, related_name="needs", verbose_name=_("sector")
    )
    problem_en = models.TextField(_("problem (English)"), blank=True)
    problem_zh = models.TextField(_("problem (Chinese)"), blank=True)
    requirements_en = models.TextField(_("what a solution must do (English)"), blank=True)
    requirements_zh = models.TextField(_("what a solution must do (Chinese)"), blank=True)
    budget_min = models.DecimalField(_("budget from"), max_digits=14, decimal_places=2, null=True, blank=True)
    budget_max = models.DecimalField(_("budget up to"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    trl_min = models.PositiveSmallIntegerField(
        _("lowest readiness wanted"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("The lowest technology readiness level (1–9) the company could take on, if it said."),
    )
    contact = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="business_needs_raised",
        verbose_name=_("company contact"),
    )
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_business_needs",
        verbose_name=_("owner"),
        help_text=_("Who in the centre follows it up."),
    )
    source = models.CharField(_("source"), max_length=20, choices=NeedSource.choices, default=NeedSource.VISIT)
    status = models.CharField(_("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    received_on = models.DateField(_("received"), null=True, blank=True)

    confidential_team = TEAM
    confidential_named = ("owner__user",)
    activity_date_field = None
    term_page_panel = True

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["status", "id"], name="need_status_recent")]
        verbose_name = _("business need")
        verbose_name_plural = _("business needs")

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return _either(self, "title_en", "title_zh")

    @property
    def problem(self) -> str:
        return _either(self, "problem_en", "problem_zh")

    def clean(self):
        errors = {}
        if not (self.title_en or self.title_zh):
            errors["title_en"] = _("Give a title in English or Chinese (or both).")
        if self.budget_min is not None and self.budget_max is not None and self.budget_max < self.budget_min:
            errors["budget_max"] = _("The top of the budget is below its bottom.")
        for field in ("budget_min", "budget_max"):
            if getattr(self, field) is not None and getattr(self, field) < 0:
                errors[field] = _("A budget cannot be negative.")
        if errors:
            raise ValidationError(errors)

    def changelog_related(self):
        return [self.company] if self.company_id else []


class Expertise(BaseModel, Tagged):
    """What a home researcher can offer companies, in keywords and a short statement in either language."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="expertise", verbose_name=_("researcher")
    )
    keywords = models.CharField(
        _("keywords"), max_length=500, help_text=_("Separated by commas, in English or Chinese: 储能, battery ageing.")
    )
    statement_en = models.TextField(_("statement (English)"), blank=True)
    statement_zh = models.TextField(_("statement (Chinese)"), blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="expertise", verbose_name=_("sectors"))
    available = models.BooleanField(_("open to approaches"), default=True)

    activity_date_field = None

    class Meta:
        ordering = ["person__family_name", "pk"]
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")

    def __str__(self):
        return str(self.person)

    @property
    def statement(self) -> str:
        return _either(self, "statement_en", "statement_zh")

    def clean(self):
        from partnerships.organisations.choices import PersonKind

        if self.person_id and self.person.kind != PersonKind.STAFF:
            raise ValidationError({"person": _("Expertise is recorded for home staff only.")})


class Match(Confidential, BaseModel):
    """A need paired with an IP asset or an expert, with the score and the reasons it was proposed."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches", verbose_name=_("need"))
    ip_asset = models.ForeignKey(
        IPAsset, null=True, blank=True, on_delete=models.CASCADE, related_name="matches", verbose_name=_("IP asset")
    )
    expert = models.ForeignKey(
        Expertise, null=True, blank=True, on_delete=models.CASCADE, related_name="matches", verbose_name=_("expert")
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=3, default=0)
    reasons = models.JSONField(_("reasons"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.SUGGESTED, editable=False
    )
    reason = models.CharField(_("why not relevant"), max_length=500, blank=True, editable=False)

    confidential_team = TEAM
    confidential_named = ("need__owner__user",)
    activity_date_field = None

    @classmethod
    def restrict_rows(cls, queryset, user, action: str):
        """A match shows both sides: outside the team it is seen only by someone who may see the need
        and the IP asset (an expert is not confidential)."""
        if cls.sees_all(user):
            return queryset
        needs = Need.objects.restrict(user, "view").values("pk")
        assets = IPAsset.objects.restrict(user, "view").values("pk")
        return queryset.filter(need__in=needs).filter(Q(ip_asset__isnull=True) | Q(ip_asset__in=assets))

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.CheckConstraint(
                condition=Q(ip_asset__isnull=False, expert__isnull=True)
                | Q(ip_asset__isnull=True, expert__isnull=False),
                name="match_ip_or_expert",
            ),
            models.UniqueConstraint(
                fields=["need", "ip_asset"], condition=Q(ip_asset__isnull=False), name="unique_match_need_ip"
            ),
            models.UniqueConstraint(
                fields=["need", "expert"], condition=Q(expert__isnull=False), name="unique_match_need_expert"
            ),
        ]

    def __str__(self):
        return f"{self.need} ↔ {self.ip_asset or self.expert}"

    @property
    def candidate(self):
        return self.ip_asset or self.expert

    def changelog_related(self):
        return [self.need]


class Deal(Confidential, BaseModel, Tagged):
    """A commercial engagement with a company, from first lead to won or lost."""

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=DealKind.choices, default=DealKind.CONTRACT_RESEARCH)
    company = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="deals", verbose_name=_("company"))
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.PROTECT, related_name="deals", verbose_name=_("need")
    )
    ip_assets = models.ManyToManyField(IPAsset, blank=True, related_name="deals", verbose_name=_("IP assets"))
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.PROTECT, related_name="deals", verbose_name=_("agreement")
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=DealStage.choices, default=DealStage.LEAD, editable=False
    )
    lost_reason = models.CharField(_("why lost"), max_length=500, blank=True, editable=False)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.GBP)
    probability = models.PositiveSmallIntegerField(
        _("probability (%)"),
        default=10,
        validators=[MaxValueValidator(100)],
        help_text=_("Set from the stage when it moves; change it when you know better."),
    )
    expected_close = models.DateField(_("expected close"), null=True, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True, editable=False)
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="owned_deals", verbose_name=_("owner")
    )
    team = models.ManyToManyField(Person, blank=True, related_name="deals", verbose_name=_("deal team"))
    next_action = models.CharField(_("next action"), max_length=300, blank=True)
    next_action_date = models.DateField(_("next action by"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    confidential_team = TEAM
    confidential_named = ("owner__user", "team__user")
    activity_date_field = None
    term_page_panel = True

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["stage", "id"], name="deal_stage_recent")]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")

    def __str__(self):
        return self.title

    @property
    def weighted_value(self):
        return None if self.value is None else self.value * self.probability / 100

    def clean(self):
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("A value cannot be negative.")})

    def changelog_related(self):
        return [self.company] if self.company_id else []
