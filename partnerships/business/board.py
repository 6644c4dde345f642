"""The deal board (deals in their stage's column, with totals and weighted value per stage, moved
with HTMX) and the forecast by quarter.

Money is summed in the database by stage (or quarter) and currency, then converted to GBP at
today's exchange rates (research.services.Rates): a handful of rows whatever the number of deals.
A currency with no rate is named rather than silently left out of a total.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.core import views as generic
from partnerships.core.lifecycle import TransitionForm
from partnerships.core.locking import StaleVersion
from partnerships.core.panels import CappedCount, panel
from partnerships.core.permissions import has_model_permission
from partnerships.research.services import Rates

from . import filters, services
from .choices import CLOSED_STAGES, DealStage
from .models import Deal

POUND = Decimal("1")


@dataclass
class Money:
    """A sum in GBP, and the currencies that could not be converted."""

    value: Decimal = Decimal("0")
    weighted: Decimal = Decimal("0")
    unconverted: set[str] = field(default_factory=set)

    def add(self, currency: str, value, weighted, rates: Rates, day) -> None:
        """Add a currency's sums (`weighted` as value × percentage, divided here)."""
        if value is None:
            return
        weighted = Decimal(weighted or 0) / 100
        rate = rates.on(currency, day)
        if rate is None:
            self.unconverted.add(currency)
            return
        self.value += (value * rate).quantize(POUND, ROUND_HALF_UP)
        self.weighted += (weighted * rate).quantize(POUND, ROUND_HALF_UP)


def _sums(queryset, *group):
    """Deals counted and their value and weighted value summed, by `group` and currency."""
    return (
        queryset.order_by()
        .values(*group, "currency")
        .annotate(
            n=Count("pk"),
            total=Sum("value"),
            weighted_sum=Sum(
                ExpressionWrapper(
                    F("value") * F("probability"), output_field=DecimalField(max_digits=20, decimal_places=2)
                )
            ),
        )
    )


def _visible(request):
    queryset = Deal.objects.select_related("company", "owner").order_by("-updated_at", "-pk")
    return filters.DealFilterSet(request.GET or None, queryset=queryset.restrict(request.user, "view"), request=request)


class DealBoardView(generic.ObjectView):
    """Deals as cards in their stage's column; each column says how many, their value and their
    weighted value (value × probability) in GBP. A card moves with a button (HTMX: the board
    comes back redrawn); the list page's filters apply."""

    model = Deal

    def get(self, request):
        self.require(request, "view")
        return render(request, "business/deal_board.html", board_context(self, request))


def board_context(view, request) -> dict:
    filterset = _visible(request)
    rates, today = Rates(), timezone.localdate()
    money = {stage: Money() for stage in DealStage.values}
    counts = dict.fromkeys(DealStage.values, 0)
    for row in _sums(filterset.qs, "stage"):
        money[row["stage"]].add(row["currency"], row["total"], row["weighted_sum"], rates, today)
        counts[row["stage"]] += row["n"]
    list_url = reverse("business:deal_list")
    can_move = has_model_permission(request.user, Deal, "change")
    columns = []
    for value, label in DealStage.choices:
        cards = panel(filterset.qs.filter(stage=value), url=f"{list_url}?{_with_stage(request, value)}")
        more = CappedCount(value=counts[value] - len(cards), capped=False)
        columns.append(
            {
                "stage": value,
                "label": label,
                "cards": cards,
                "count": counts[value],
                "more": more,
                "money": money[value],
            }
        )
    stages = [(v, label) for v, label in DealStage.choices] if can_move else []
    return {**view.base_context(request), "filterset": filterset, "columns": columns, "stages": stages}


def _with_stage(request, stage: str) -> str:
    params = request.GET.copy()
    params.setlist("stage", [stage])
    return params.urlencode()


@require_POST
def deal_board_move(request, pk):
    """Move a card to another stage and send the board back (the whole page without HTMX)."""
    if not has_model_permission(request.user, Deal, "change"):
        raise PermissionDenied
    deal = get_object_or_404(Deal.objects.restrict(request.user, "change"), pk=pk)
    form = TransitionForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("The request was incomplete; nothing changed.")
    else:
        try:
            services.deal_move(deal=deal, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except StaleVersion as exc:
            error = exc.message
    if not request.htmx:
        # Without HTMX: back to the board (a refresh then does not post the move again).
        (messages.error if error else messages.success)(request, error or _("Moved."))
        query = request.GET.urlencode()
        return redirect(reverse("business:deal_board") + (f"?{query}" if query else ""))
    context = {**board_context(DealBoardView(), request), "error": error, "moved": deal.pk}
    return render(request, "business/_deal_board.html", context)


class DealForecastView(generic.ObjectView):
    """Open deals by the quarter they are expected to close (value and weighted value in GBP), and
    what was won in each quarter; open deals without a date are counted apart."""

    model = Deal

    def get(self, request):
        self.require(request, "view")
        filterset = _visible(request)
        rates, today = Rates(), timezone.localdate()
        open_deals = filterset.qs.exclude(stage__in=CLOSED_STAGES)
        quarters: dict[tuple, dict] = {}

        def row(key):
            return quarters.setdefault(key, {"key": key, "open": 0, "pipeline": Money(), "won": Money(), "won_n": 0})

        dated = open_deals.filter(expected_close__isnull=False).annotate(
            year=ExtractYear("expected_close"), quarter=ExtractQuarter("expected_close")
        )
        for r in _sums(dated, "year", "quarter"):
            q = row((r["year"], r["quarter"]))
            q["open"] += r["n"]
            q["pipeline"].add(r["currency"], r["total"], r["weighted_sum"], rates, today)
        won = filterset.qs.filter(stage=DealStage.WON, closed_on__isnull=False).annotate(
            year=ExtractYear("closed_on"), quarter=ExtractQuarter("closed_on")
        )
        for r in _sums(won, "year", "quarter"):
            q = row((r["year"], r["quarter"]))
            q["won_n"] += r["n"]
            q["won"].add(r["currency"], r["total"], r["weighted_sum"], rates, today)
        undated = Money()
        undated_n = 0
        for r in _sums(open_deals.filter(expected_close__isnull=True)):
            undated_n += r["n"]
            undated.add(r["currency"], r["total"], r["weighted_sum"], rates, today)
        rows = [quarters[k] for k in sorted(quarters)]
        total = Money(unconverted=set(undated.unconverted))
        for q in rows:
            total.value += q["pipeline"].value
            total.weighted += q["pipeline"].weighted
            total.unconverted |= q["pipeline"].unconverted | q["won"].unconverted
        context = {
            **self.base_context(request),
            "filterset": filterset,
            "rows": rows,
            "undated": undated,
            "undated_n": undated_n,
            "total": total,
        }
        return render(request, "business/deal_forecast.html", context)
