"""The capacity-building app's sections of other pages: a partner's, a person's, an agreement's, an
initiative's and an objective's activities, and the capacity-building overview on strand, theme and
college pages (activities by kind, participants by year)."""

from collections import Counter, defaultdict

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from partnerships.agreements.models import Agreement
from partnerships.core.charts import bar_chart
from partnerships.core.models import College, Strand, Theme
from partnerships.core.panels import linked, list_url, panel, register_home_count, register_page_panel
from partnerships.organisations.models import Organisation, Person
from partnerships.strategy.models import Initiative, Objective

from .choices import ActivityKind
from .models import Activity, ParticipantCount

TEMPLATE = "capacity/panels/activities.html"


def _activities(request):
    return Activity.objects.restrict(request.user, "view").order_by("-start_date", "-pk")


def organisation_activities(request, organisation):
    rows = panel(
        linked(_activities(request), Activity.partners.through.objects.filter(organisation=organisation), "activity"),
        url=list_url("capacity:activity_list", partner=organisation.pk),
    )
    return rows or None


def person_activities(request, person):
    named = Activity.participants.through.objects.filter(person=person).values("activity")
    rows = panel(
        _activities(request).filter(Q(lead=person) | Q(pk__in=named)),
        url=list_url("capacity:activity_list", participant=person.pk),
    )
    return rows or None


def by(field: str, list_filter: str | None = None, *, hide_empty: bool = False):
    def build(request, obj):
        rows = panel(
            _activities(request).filter(**{field: obj}),
            url=list_url("capacity:activity_list", **{list_filter or field: obj.pk}),
        )
        return (rows or None) if hide_empty else rows

    return build


def overview(field: str):
    """Activities tagged with the term: how many of each kind, participants by year, the latest."""

    def build(request, term):
        activities = Activity.objects.restrict(request.user, "view").filter(**{field: term})
        kinds = Counter(dict(activities.order_by().values_list("kind").annotate(n=Count("id"))))
        if not kinds:
            return None
        visible = activities.values("pk")
        years = defaultdict(int)
        counted = (
            ParticipantCount.objects.filter(activity__in=visible)
            .annotate(year=ExtractYear("activity__start_date"))
            .order_by()
            .values_list("year")
            .annotate(n=Sum("count"))
        )
        for year, n in counted:
            years[year] += n or 0
        # Named participants count too where no headcount was given for the activity.
        named = (
            Activity.participants.through.objects.filter(activity__in=visible)
            .exclude(activity__headcounts__isnull=False)
            .annotate(year=ExtractYear("activity__start_date"))
            .order_by()
            .values_list("year")
            .annotate(n=Count("person_id"))
        )
        for year, n in named:
            years[year] += n
        ordered = sorted(years.items())
        url = reverse("capacity:activity_list")
        today = timezone.localdate()
        return {
            "kinds": [
                (label, kinds[v], f"{url}?{urlencode({field: term.code, 'kind': v})}")
                for v, label in ActivityKind.choices
                if kinds[v]
            ],
            "total": sum(kinds.values()),
            "participants": sum(years.values()),
            "years": ordered,
            "recent": panel(
                activities.filter(start_date__lte=today).order_by("-start_date", "-pk"),
                url=f"{url}?{urlencode({field: term.code, 'start_before': today.isoformat()})}",
            ),
            "upcoming": panel(
                activities.filter(start_date__gt=today).order_by("start_date", "pk"),
                url=f"{url}?{urlencode({field: term.code, 'start_after': today.isoformat()})}",
            ),
            "chart": bar_chart(_("Participants by year"), [str(y) for y, _n in ordered], [n for _y, n in ordered]),
        }

    return build


def register() -> None:
    register_home_count(Activity, 70)
    register_page_panel(Organisation, "activities", template=TEMPLATE, order=60, build=organisation_activities)
    register_page_panel(Person, "activities", template=TEMPLATE, order=50, build=person_activities)
    register_page_panel(Agreement, "activities", template=TEMPLATE, order=30, build=by("agreement", hide_empty=True))
    register_page_panel(Initiative, "activities", template=TEMPLATE, order=30, build=by("initiative"))
    register_page_panel(
        Objective, "activities", template=TEMPLATE, order=30, build=by("objectives", "objective", hide_empty=True)
    )
    for model, field in ((Strand, "strands"), (Theme, "themes"), (College, "colleges")):
        register_page_panel(
            model, "capacity", template="capacity/panels/overview.html", order=30, build=overview(field)
        )
