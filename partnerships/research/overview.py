"""A strand's, theme's or college's research at a glance: what is under way, what is in the pipeline,
and totals by theme, college and year — projects and funding in GBP — with charts.

Everything is counted by the database in groups (status, theme, college, year; awards by currency and
award date), so the page reads a few dozen rows however many projects there are; each group of awards
is converted at the rate in force on its award date, as a project's own total is.
"""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from partnerships.core import reference
from partnerships.core.charts import bar_chart
from partnerships.core.models import College, Theme
from partnerships.core.panels import panel

from .choices import LIVE, PIPELINE, ProjectStatus
from .models import Funding, Output, Project
from .services import PENNY, Rates

FILTERS = {"strands": "strands", "themes": "themes", "colleges": "colleges"}


def overview(request, field: str, term) -> dict | None:
    projects = Project.objects.restrict(request.user, "view").filter(**{field: term})
    by_status = Counter(dict(projects.order_by().values_list("status").annotate(n=Count("id"))))
    if not by_status:
        return None
    list_url = reverse("research:project_list")

    def url(**params) -> str:
        return f"{list_url}?{urlencode({field: term.code, **params}, doseq=True)}"

    money = _funding(request, projects)
    themes = _by_term(projects, "themes", Theme, money["themes"])
    colleges = _by_term(projects, "colleges", College, money["colleges"])
    years = _by_year(projects, money["years"])
    return {
        # The latest outputs of these projects.
        "outputs": panel(
            Output.objects.restrict(request.user, "view")
            .filter(pk__in=Output.projects.through.objects.filter(project__in=projects.values("pk")).values("output"))
            .order_by("-year", "-pk"),
            url=f"{reverse('research:output_list')}?{urlencode({field: term.code})}",
        ),
        "live": panel(projects.filter(status__in=LIVE).order_by("-pk"), url=url(status=list(LIVE))),
        "pipeline": panel(projects.filter(status__in=PIPELINE).order_by("-pk"), url=url(status=list(PIPELINE))),
        "statuses": [(label, by_status[value], url(status=value)) for value, label in ProjectStatus.choices],
        "live_count": sum(by_status[s] for s in LIVE),
        "pipeline_count": sum(by_status[s] for s in PIPELINE),
        "total": money["total"],
        "home_share": money["home_share"],
        "unconverted": sorted(money["unconverted"]),
        "themes": themes,
        "colleges": colleges,
        "years": years,
        "charts": {
            "years": bar_chart(
                _("Projects by start year"), [str(y["year"]) for y in years], [y["count"] for y in years]
            ),
            "themes": bar_chart(
                _("Funding by theme (GBP)"), [t["name"] for t in themes], [float(t["funding"]) for t in themes]
            ),
        },
    }


def _funding(request, projects) -> dict:
    """Funding in GBP: in all, by theme, by college and by award year, from awards grouped by the database."""
    awards = Funding.objects.restrict(request.user, "view").filter(project__in=projects.values("pk")).order_by()
    rates = Rates()
    out = {"total": Decimal("0"), "home_share": Decimal("0"), "unconverted": set()}
    for key, group in (("themes", "project__themes"), ("colleges", "project__colleges"), ("years", None)):
        values = ["currency", "awarded_on"] + ([group] if group else [])
        sums = defaultdict(Decimal)
        for row in awards.values(*values).annotate(amount=Sum("amount"), home=Sum("home_share")):
            gbp = _in_gbp(rates, row["currency"], row["awarded_on"], row["amount"], out["unconverted"])
            if gbp is None:
                continue
            if group:
                sums[row[group]] += gbp
            else:
                sums[row["awarded_on"].year if row["awarded_on"] else None] += gbp
                out["total"] += gbp
                home = _in_gbp(rates, row["currency"], row["awarded_on"], row["home"] or 0, set())
                out["home_share"] += home or 0
        out[key] = sums
    return out


def _in_gbp(rates: Rates, currency: str, day, amount, unconverted: set) -> Decimal | None:
    rate = rates.on(currency, day or timezone.localdate())
    if rate is None:
        unconverted.add(currency)
        return None
    return (Decimal(amount) * rate).quantize(PENNY)


def _by_term(projects, field: str, model, funding: dict) -> list[dict]:
    through = getattr(Project, field).through
    column = f"{model._meta.model_name}_id"
    counts = dict(
        through.objects.filter(project__in=projects.values("pk"))
        .order_by()
        .values_list(column)
        .annotate(n=Count("project_id"))
    )
    return [
        {"name": term.name, "code": term.code, "count": counts.get(term.pk, 0), "funding": funding.get(term.pk, 0)}
        for term in reference.rows(model)
        if counts.get(term.pk) or funding.get(term.pk)
    ]


def _by_year(projects, funding: dict) -> list[dict]:
    counts = dict(
        projects.order_by().annotate(year=ExtractYear("start_date")).values_list("year").annotate(n=Count("id"))
    )
    years = sorted({y for y in counts if y} | {y for y in funding if y})
    return [{"year": y, "count": counts.get(y, 0), "funding": funding.get(y, 0)} for y in years]
