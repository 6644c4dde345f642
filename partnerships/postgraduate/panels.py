"""The postgraduate app's sections of other pages: a person's training (as student or supervisor), a
partner's, a project's, an agreement's, an initiative's and an objective's students, and the
postgraduate overview on strand, theme and college pages."""

from collections import Counter

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from partnerships.agreements.models import Agreement
from partnerships.core.charts import bar_chart
from partnerships.core.models import College, Strand, Theme
from partnerships.core.panels import list_url, panel, register_home_count, register_page_panel
from partnerships.organisations.models import Organisation, Person
from partnerships.research.models import Project
from partnerships.strategy.models import Initiative, Objective

from .choices import CURRENT, TrainingKind, TrainingStatus
from .models import Supervision, TrainingRecord

TEMPLATE = "postgraduate/panels/training.html"


def _records(request):
    return TrainingRecord.objects.restrict(request.user, "view").select_related("student", "partner").order_by("-pk")


def person_training(request, person):
    supervised = Supervision.objects.filter(person=person).values("record")
    rows = panel(
        _records(request).filter(Q(student=person) | Q(pk__in=supervised)),
        url=list_url("postgraduate:trainingrecord_list", student=person.pk),
    )
    return rows or None


def by(field: str, list_filter: str | None = None, *, hide_empty: bool = False):
    """A panel of the records whose `field` is the page's record."""

    def build(request, obj):
        rows = panel(
            _records(request).filter(**{field: obj}),
            url=list_url("postgraduate:trainingrecord_list", **{list_filter or field: obj.pk}),
        )
        return (rows or None) if hide_empty else rows

    return build


def overview(field: str):
    def build(request, term):
        records = TrainingRecord.objects.restrict(request.user, "view").filter(**{field: term})
        by_status = Counter(dict(records.order_by().values_list("status").annotate(n=Count("id"))))
        if not by_status:
            return None
        url = reverse("postgraduate:trainingrecord_list")
        query = {field: term.code}
        kinds = Counter(dict(records.order_by().values_list("kind").annotate(n=Count("id"))))
        years = dict(
            records.order_by().annotate(year=ExtractYear("intake")).values_list("year").annotate(n=Count("id"))
        )
        years = sorted((y, n) for y, n in years.items() if y)
        current = records.filter(status__in=CURRENT).select_related("student", "partner").order_by("-pk")
        proposed = records.filter(status=TrainingStatus.PROPOSED).select_related("student", "partner").order_by("-pk")
        return {
            "statuses": [
                (label, by_status[v], f"{url}?{urlencode({**query, 'status': v})}")
                for v, label in TrainingStatus.choices
            ],
            "kinds": [(label, kinds[v]) for v, label in TrainingKind.choices if kinds[v]],
            "current_count": sum(by_status[s] for s in CURRENT),
            "total": sum(by_status.values()),
            "current": panel(current, url=f"{url}?{urlencode({**query, 'status': list(CURRENT)}, doseq=True)}"),
            "proposed": panel(proposed, url=f"{url}?{urlencode({**query, 'status': 'proposed'})}"),
            "chart": bar_chart(_("Students by intake year"), [str(y) for y, _n in years], [n for _y, n in years]),
        }

    return build


def register() -> None:
    register_home_count(TrainingRecord, 60)
    register_page_panel(Person, "training", template=TEMPLATE, order=45, build=person_training)
    register_page_panel(Organisation, "training", template=TEMPLATE, order=55, build=by("partner", hide_empty=True))
    register_page_panel(Project, "training", template=TEMPLATE, order=20, build=by("projects", "project"))
    register_page_panel(Agreement, "training", template=TEMPLATE, order=20, build=by("agreement", hide_empty=True))
    register_page_panel(Initiative, "training", template=TEMPLATE, order=20, build=by("initiative"))
    register_page_panel(
        Objective, "training", template=TEMPLATE, order=20, build=by("objectives", "objective", hide_empty=True)
    )
    for model, field in ((Strand, "strands"), (Theme, "themes"), (College, "colleges")):
        register_page_panel(
            model, "postgraduate", template="postgraduate/panels/overview.html", order=20, build=overview(field)
        )
