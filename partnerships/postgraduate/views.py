from partnerships.core import views as generic
from partnerships.core.panels import list_url, panel

from . import filters, forms, tables
from .models import Supervision, TrainingRecord

TAGS = ("strands", "colleges", "themes")


class TrainingRecordListView(generic.ObjectListView):
    model = TrainingRecord
    queryset = TrainingRecord.objects.select_related("student", "partner")
    filterset_class = filters.TrainingRecordFilterSet
    table_class = tables.TrainingRecordTable


class TrainingRecordDetailView(generic.ObjectDetailView):
    model = TrainingRecord
    queryset = TrainingRecord.objects.select_related(
        "student", "partner", "funder", "agreement", "initiative"
    ).prefetch_related(*TAGS, "projects", "objectives")

    def extra_context(self, request, obj):
        return {
            "supervisions": panel(
                obj.supervisions.select_related("person", "organisation"),
                url=list_url("postgraduate:supervision_list", record=obj.pk),
            )
        }


class TrainingRecordEditView(generic.ObjectEditView):
    model = TrainingRecord
    form_class = forms.TrainingRecordForm


class TrainingRecordDeleteView(generic.ObjectDeleteView):
    model = TrainingRecord


class SubRecordMixin:
    def get_success_url(self, request, obj):
        return obj.record.get_absolute_url()


class SupervisionListView(generic.ObjectListView):
    model = Supervision
    queryset = Supervision.objects.select_related("person", "organisation", "record__student")
    filterset_class = filters.SupervisionFilterSet
    table_class = tables.SupervisionTable


class SupervisionDetailView(generic.ObjectDetailView):
    model = Supervision
    template_name = "postgraduate/supervision.html"


class SupervisionEditView(SubRecordMixin, generic.ObjectEditView):
    model = Supervision
    form_class = forms.SupervisionForm


class SupervisionDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = Supervision
