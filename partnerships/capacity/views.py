from partnerships.core import views as generic
from partnerships.core.panels import list_url, panel

from . import filters, forms, tables
from .models import Activity, ParticipantCount

TAGS = ("strands", "colleges", "themes")


class ActivityListView(generic.ObjectListView):
    model = Activity
    queryset = Activity.objects.select_related("lead")
    filterset_class = filters.ActivityFilterSet
    table_class = tables.ActivityTable


class ActivityDetailView(generic.ObjectDetailView):
    model = Activity
    queryset = Activity.objects.select_related("lead", "agreement", "initiative").prefetch_related(
        *TAGS, "partners", "objectives"
    )

    def extra_context(self, request, obj):
        headcounts = list(obj.headcounts.all())
        return {
            "headcounts": headcounts,
            "headcount_total": sum(h.count for h in headcounts),
            "participants": panel(
                obj.participants.restrict(request.user, "view").order_by("family_name", "pk"),
                url=list_url("organisations:person_list", activity=obj.pk),
            ),
        }


class ActivityEditView(generic.ObjectEditView):
    model = Activity
    form_class = forms.ActivityForm


class ActivityDeleteView(generic.ObjectDeleteView):
    model = Activity


class SubRecordMixin:
    def get_success_url(self, request, obj):
        return obj.activity.get_absolute_url()


class ParticipantCountListView(generic.ObjectListView):
    model = ParticipantCount
    queryset = ParticipantCount.objects.select_related("activity")
    filterset_class = filters.ParticipantCountFilterSet
    table_class = tables.ParticipantCountTable


class ParticipantCountDetailView(generic.ObjectDetailView):
    model = ParticipantCount
    template_name = "capacity/participantcount.html"


class ParticipantCountEditView(SubRecordMixin, generic.ObjectEditView):
    model = ParticipantCount
    form_class = forms.ParticipantCountForm


class ParticipantCountDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = ParticipantCount
