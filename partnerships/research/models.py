"""The research alliance: joint projects with Guangzhou partners, who works on them, and their funding.

A project's status moves only through `services.project_transition`, like an agreement's. Amounts are
kept in the currency awarded; totals in GBP use the exchange rate in force on the award date
(`ExchangeRate`, dated data admins keep: the product runs offline, with no live rate service).
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.agreements.models import Agreement
from partnerships.core.models import BaseModel, Tagged, in_chinese
from partnerships.organisations.models import Organisation, Person
from partnerships.strategy.models import Initiative, Objective

from .choices import Currency, MemberRole, OutputKind, PartnerRole, ProjectStatus


class Project(BaseModel, Tagged):
    """A joint research project: a bid, a funded award, or work under way with partners."""

    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    abstract_en = models.TextField(_("abstract (English)"), blank=True)
    abstract_zh = models.TextField(_("abstract (Chinese)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA, editable=False
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("runs under (agreement)"),
    )

    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("signature initiative"),
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="projects", verbose_name=_("objectives served")
    )

    # Strand, theme and college pages show projects in the research overview (panels.py).
    term_page_panel = True

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["status", "id"], name="project_status_recent")]
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return self.title_zh if in_chinese() and self.title_zh else self.title_en

    @property
    def abstract(self) -> str:
        return self.abstract_zh if in_chinese() and self.abstract_zh else self.abstract_en

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    def changelog_related(self):
        return [partner.organisation for partner in self.partners.all()] if self.pk else []


class ProjectPartner(BaseModel):
    """An organisation taking part in a project, in a role (lead, partner, funder, host)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="project_partnerships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER)

    # Who takes part is what the project is, not activity under its agreement.
    activity_date_field = None

    class Meta:
        ordering = ["pk"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        # An organisation's projects, newest first (its page's panel), read from the index.
        indexes = [models.Index(fields=["organisation", "project"], name="project_partner_organisation")]
        constraints = [models.UniqueConstraint(fields=["project", "organisation"], name="unique_project_partner")]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    def changelog_related(self):
        return [self.project, self.organisation]


class ProjectMember(BaseModel):
    """A researcher on a project, on either side, with a role; `organisation` is the one they work for."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members", verbose_name=_("project"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="project_roles", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.RESEARCHER)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("for (organisation)"),
    )

    activity_date_field = None

    class Meta:
        ordering = ["pk"]
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        indexes = [models.Index(fields=["person", "project"], name="project_member_person")]
        constraints = [models.UniqueConstraint(fields=["project", "person", "role"], name="unique_project_member_role")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def changelog_related(self):
        return [self.project, self.person]


class Funding(BaseModel):
    """An award towards a project: who funds it, under which scheme, how much, and the home share."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding", verbose_name=_("project"))
    funder = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funded_awards",
        verbose_name=_("funder"),
    )
    scheme = models.CharField(_("scheme"), max_length=200, blank=True)
    award_reference = models.CharField(_("award reference"), max_length=100, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.GBP)
    home_share = models.DecimalField(
        _("home share"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The part of the amount that comes to the home institution, in the same currency."),
    )
    awarded_on = models.DateField(
        _("awarded on"), null=True, blank=True, help_text=_("Converted to GBP at the rate in force that day.")
    )

    class Meta:
        ordering = ["-awarded_on", "-pk"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")

    def __str__(self):
        scheme = f"{self.scheme} " if self.scheme else ""
        return f"{scheme}{self.amount:,.2f} {self.currency}"

    def clean(self):
        if self.home_share is not None and self.amount is not None and self.home_share > self.amount:
            raise ValidationError({"home_share": _("The home share is more than the amount.")})

    def changelog_related(self):
        return [self.project]


class ExchangeRate(BaseModel):
    """How many pounds one unit of a currency was worth from a date on, until the next rate."""

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    valid_from = models.DateField(_("valid from"))
    gbp_per_unit = models.DecimalField(
        _("GBP per unit"), max_digits=12, decimal_places=6, validators=[MinValueValidator(Decimal("0.000001"))]
    )

    class Meta:
        ordering = ["currency", "-valid_from"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [models.UniqueConstraint(fields=["currency", "valid_from"], name="unique_exchange_rate")]

    def __str__(self):
        return f"1 {self.currency} = £{self.gbp_per_unit} ({self.valid_from:%Y-%m-%d})"

    def clean(self):
        if self.currency == Currency.GBP and self.gbp_per_unit is not None and self.gbp_per_unit != 1:
            raise ValidationError({"gbp_per_unit": _("One pound is always worth one pound.")})


DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")


def normalise_doi(value: str) -> str:
    """A DOI as stored: without its resolver prefix, lower-case (DOIs are case-insensitive)."""
    value = (value or "").strip()
    value = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", value, flags=re.IGNORECASE)
    return value.lower()


class Output(BaseModel):
    """A publication, patent, dataset or software from the alliance's projects. Co-authored with a
    partner, it counts towards that partner (its page lists it)."""

    kind = models.CharField(_("kind"), max_length=20, choices=OutputKind.choices, default=OutputKind.PUBLICATION)
    title = models.CharField(_("title"), max_length=500)
    authors = models.TextField(_("authors"), blank=True, help_text=_("As printed, separated by semicolons."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    venue = models.CharField(
        _("venue"),
        max_length=300,
        blank=True,
        help_text=_("Journal, conference, publisher, patent office or repository."),
    )
    doi = models.CharField(_("DOI"), max_length=200, blank=True, help_text=_("e.g. 10.1016/j.envint.2024.108000"))
    url = models.URLField(_("link"), max_length=500, blank=True)
    projects = models.ManyToManyField(Project, blank=True, related_name="outputs", verbose_name=_("projects"))
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="research_outputs", verbose_name=_("partner co-authors")
    )

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("research output")
        verbose_name_plural = _("research outputs")
        constraints = [models.UniqueConstraint(fields=["doi"], condition=~models.Q(doi=""), name="unique_output_doi")]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def clean(self):
        self.doi = normalise_doi(self.doi)
        if self.doi and not DOI_PATTERN.match(self.doi):
            raise ValidationError({"doi": _("Not a DOI: it starts 10., then a number, a slash and the rest.")})
        if self.year is not None and not 1900 <= self.year <= 2200:
            raise ValidationError({"year": _("Give a year, such as 2026.")})
