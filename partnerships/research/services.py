"""Writes with rules for research projects (the lifecycle), and what their funding comes to in GBP.

Pages, API, imports, commands and the demo all call these; none changes `status` any other way.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.core.events import record_event
from partnerships.core.locking import claim_version

from .choices import TRANSITIONS, Currency, ProjectStatus
from .models import ExchangeRate, Funding, Project

PENNY = Decimal("0.01")


def allowed_transitions(project: Project) -> tuple[str, ...]:
    return TRANSITIONS[project.status]


@transaction.atomic
def project_transition(*, project: Project, to: str, user=None, reason: str = "", version: int | None = None):
    """Move a project to another status if the lifecycle allows it; record who, when and why.

    A project becomes funded only with an award recorded, and active only with a start date."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if to not in allowed_transitions(project):
        raise ValidationError(
            _("A project that is %(from)s cannot become %(to)s.")
            % {"from": project.get_status_display(), "to": dict(ProjectStatus.choices).get(to, to)}
        )
    if to == ProjectStatus.FUNDED and not project.funding.exists():
        raise ValidationError(_("Record the award (funder and amount) before marking the project funded."))
    if to == ProjectStatus.ACTIVE and not project.start_date:
        raise ValidationError(_("Give the project a start date before marking it active."))
    claim_version(project, project.version if version is None else version)
    previous = project.status
    project.status = to
    project.save(update_fields=["status", "version", "updated_at"])
    message = f"{ProjectStatus(previous).label} → {ProjectStatus(to).label}" + (f": {reason}" if reason else "")
    record_event(project, f"project.{to}", user=user, message=message)
    return project


@dataclass
class Totals:
    """Funding summed in GBP; `unconverted` lists the currencies that had no rate for an award's date."""

    amount: Decimal = Decimal("0")
    home_share: Decimal = Decimal("0")
    unconverted: set[str] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        return not self.unconverted


class Rates:
    """The exchange rates, read once, answering "GBP per unit of this currency on this day"."""

    def __init__(self):
        self.by_currency: dict[str, list[tuple[date, Decimal]]] = {}
        for rate in ExchangeRate.objects.order_by("currency", "valid_from"):
            self.by_currency.setdefault(rate.currency, []).append((rate.valid_from, rate.gbp_per_unit))

    def on(self, currency: str, day: date) -> Decimal | None:
        if currency == Currency.GBP:
            return Decimal("1")
        found = None
        for valid_from, value in self.by_currency.get(currency, ()):
            if valid_from > day:
                break
            found = value
        return found


def in_gbp(fundings, rates: Rates | None = None) -> Totals:
    """The awards' amounts and home shares in GBP, each at the rate in force on its award date (today
    when it has none). An award whose currency has no rate then is left out and named."""
    rates = rates or Rates()
    totals, today = Totals(), timezone.localdate()
    for funding in fundings:
        rate = rates.on(funding.currency, funding.awarded_on or today)
        if rate is None:
            totals.unconverted.add(funding.currency)
            continue
        totals.amount += (funding.amount * rate).quantize(PENNY, ROUND_HALF_UP)
        if funding.home_share is not None:
            totals.home_share += (funding.home_share * rate).quantize(PENNY, ROUND_HALF_UP)
    return totals


def project_totals(project: Project) -> Totals:
    return in_gbp(Funding.objects.filter(project=project))
