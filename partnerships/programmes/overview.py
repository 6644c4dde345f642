"""The educational platform on a strand's, theme's or college's page: programmes by status and
delivery model, students by level and academic year, a chart of intake over the years, and the
approvals, reviews and accreditations falling due.

Counted by the database in groups, so the section reads a handful of rows however many programmes
and cohorts there are."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import Count, F, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from partnerships.core.charts import bar_chart
from partnerships.core.panels import panel

from .choices import DeliveryModel, Level, Status
from .models import Accreditation, Cohort, Programme

# Dates within this many days are "falling due".
DUE_DAYS = 180


def overview(request, field: str, term) -> dict | None:
    programmes = Programme.objects.restrict(request.user, "view").filter(**{field: term})
    by_status, by_model = Counter(), Counter()
    for status, model, n in programmes.order_by().values_list("status", "delivery_model").annotate(n=Count("id")):
        by_status[status] += n
        by_model[model] += n
    if not by_status:
        return None
    cohorts = Cohort.objects.restrict(request.user, "view").filter(programme__in=programmes.values("pk"))
    enrolled = F("year_1") + F("year_2") + F("year_3") + F("year_4") + F("year_5")
    rows = (
        cohorts.order_by()
        .values("academic_year", "programme__level")
        .annotate(intake=Sum("intake"), students=Sum(enrolled))
    )
    students: dict[int, Counter] = defaultdict(Counter)
    intake: Counter = Counter()
    for row in rows:
        students[row["academic_year"]][row["programme__level"]] += row["students"] or 0
        intake[row["academic_year"]] += row["intake"] or 0
    years = sorted(students)[-8:]
    today = timezone.localdate()
    soon = today + timedelta(days=DUE_DAYS)
    list_url = reverse("programmes:programme_list")

    def url(**params) -> str:
        return f"{list_url}?{urlencode({field: term.code, **params})}"

    return {
        "programmes": panel(programmes.select_related("partner").order_by("title_en", "pk"), url=url()),
        "statuses": [
            (label, by_status[value], url(status=value)) for value, label in Status.choices if by_status[value]
        ],
        "models": [
            (label, by_model[value], url(delivery_model=value))
            for value, label in DeliveryModel.choices
            if by_model[value]
        ],
        "levels": [(value, label) for value, label in Level.choices],
        "students": [(year, [students[year][value] for value, _l in Level.choices]) for year in years],
        "chart": bar_chart(
            _("Intake by academic year"), [f"{y}/{(y + 1) % 100:02d}" for y in years], [intake[y] for y in years]
        ),
        "reviews": panel(
            programmes.filter(periodic_review_due__lte=soon).order_by("periodic_review_due", "pk"),
            url=url(review_before=f"{soon:%Y-%m-%d}"),
            size=5,
        ),
        "approvals": panel(
            programmes.filter(
                prc_valid_until__lte=soon, status__in=[Status.RECRUITING, Status.RUNNING, Status.TEACHING_OUT]
            ).order_by("prc_valid_until", "pk"),
            size=5,
        ),
        "accreditations": panel(
            Accreditation.objects.restrict(request.user, "view")
            .filter(programme__in=programmes.values("pk"), expires_on__lte=soon)
            .select_related("programme")
            .order_by("expires_on", "pk"),
            size=5,
        ),
    }


def term_overview(field: str):
    def build(request, term):
        return overview(request, field, term)

    return build
