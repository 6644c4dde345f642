"""Business engagement on a strand's, theme's or college's page: needs by status, IP by status, deals
by stage with their value and weighted value in GBP, what was won each year (chart and table), and the
latest open needs.

Everything reads through `restrict()`: an outsider sees no section at all (the build returns None),
a person named on one deal sees that deal's figures alone. Counted by the database in groups, so the
section reads a handful of rows however many records there are.
"""

from collections import Counter

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from partnerships.core.charts import bar_chart
from partnerships.core.panels import panel
from partnerships.research.services import Rates

from .board import Money, _sums
from .choices import DealStage, IPStatus, NeedStatus
from .models import Deal, IPAsset, Need


def _counts(queryset, field: str) -> Counter:
    return Counter(dict(queryset.order_by().values_list(field).annotate(n=Count("id"))))


def overview(request, field: str, term) -> dict | None:
    needs = Need.objects.restrict(request.user, "view").filter(**{field: term})
    assets = IPAsset.objects.restrict(request.user, "view").filter(**{field: term})
    deals = Deal.objects.restrict(request.user, "view").filter(**{field: term})
    need_counts, asset_counts = _counts(needs, "status"), _counts(assets, "status")
    rates, today = Rates(), timezone.localdate()
    stages = {stage: Money() for stage in DealStage.values}
    deal_counts = Counter()
    for row in _sums(deals, "stage"):
        stages[row["stage"]].add(row["currency"], row["total"], row["weighted_sum"], rates, today)
        deal_counts[row["stage"]] += row["n"]
    if not (need_counts or asset_counts or deal_counts):
        return None
    won_by_year: dict[int, Money] = {}
    won = deals.filter(stage=DealStage.WON, closed_on__isnull=False).annotate(year=ExtractYear("closed_on"))
    for row in _sums(won, "year"):
        won_by_year.setdefault(row["year"], Money()).add(
            row["currency"], row["total"], row["weighted_sum"], rates, today
        )
    years = [(year, won_by_year[year].value) for year in sorted(won_by_year)]

    def url(name: str, **params) -> str:
        return f"{reverse(f'business:{name}_list')}?{urlencode({field: term.code, **params})}"

    unconverted = sorted({c for m in [*stages.values(), *won_by_year.values()] for c in m.unconverted})
    return {
        "needs": [(label, need_counts[value], url("need", status=value)) for value, label in NeedStatus.choices],
        "assets": [
            (label, asset_counts[value], url("ipasset", status=value))
            for value, label in IPStatus.choices
            if asset_counts[value]
        ],
        "stages": [
            (label, deal_counts[value], stages[value], url("deal", stage=value)) for value, label in DealStage.choices
        ],
        "years": years,
        "unconverted": unconverted,
        "chart": bar_chart(_("Deals won by year (GBP)"), [str(y) for y, _v in years], [float(v) for _y, v in years]),
        "open_needs": panel(
            needs.filter(status=NeedStatus.OPEN).select_related("company").order_by("-pk"),
            url=url("need", status=NeedStatus.OPEN),
            size=5,
        ),
    }


def term_overview(field: str):
    def build(request, term):
        return overview(request, field, term)

    return build
