from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.core import views as generic
from partnerships.core.events import timeline_for
from partnerships.core.export import EXPORT_FORMATS, rows_response
from partnerships.core.imports import ImportRefused
from partnerships.core.lifecycle import transition_view
from partnerships.core.panels import list_url, panel
from partnerships.core.permissions import has_model_permission

from . import filters, forms, services, tables
from .aor import offshore_return, rows_for_export
from .cohort_import import import_cohorts
from .models import Accreditation, AorCode, Cohort, Programme

TAGS = ("strands", "colleges", "themes")


class ProgrammeListView(generic.ObjectListView):
    model = Programme
    queryset = Programme.objects.select_related("partner")
    filterset_class = filters.ProgrammeFilterSet
    table_class = tables.ProgrammeTable


class ProgrammeDetailView(generic.ObjectDetailView):
    """A programme: who designs, delivers and accredits it, its approvals, accreditations and cohorts."""

    model = Programme
    queryset = Programme.objects.select_related("partner", "agreement", "lead_home", "lead_partner").prefetch_related(
        *TAGS
    )

    def extra_context(self, request, obj):
        return {
            "cohorts": panel(
                obj.cohorts.order_by("-academic_year"), url=list_url("programmes:cohort_list", programme=obj.pk)
            ),
            "accreditations": panel(
                obj.accreditations.order_by("expires_on", "pk"),
                url=list_url("programmes:accreditation_list", programme=obj.pk),
            ),
            "timeline": timeline_for(obj),
            "transitions": [
                (value, label)
                for value, label in obj._meta.get_field("status").choices
                if value in services.allowed_transitions(obj)
            ]
            if has_model_permission(request.user, Programme, "change")
            else [],
        }


class ProgrammeEditView(generic.ObjectEditView):
    model = Programme
    form_class = forms.ProgrammeForm


class ProgrammeDeleteView(generic.ObjectDeleteView):
    model = Programme


programme_transition = transition_view(
    Programme,
    services.programme_transition,
    record_arg="programme",
    done=gettext_lazy("The programme is now %(status)s."),
)


class SubRecordMixin:
    """Accreditations and cohorts are edited from, and return to, their programme."""

    def get_success_url(self, request, obj):
        return obj.programme.get_absolute_url()


class AccreditationListView(generic.ObjectListView):
    model = Accreditation
    queryset = Accreditation.objects.select_related("programme")
    filterset_class = filters.AccreditationFilterSet
    table_class = tables.AccreditationTable


class AccreditationDetailView(generic.ObjectDetailView):
    model = Accreditation
    queryset = Accreditation.objects.select_related("programme")


class AccreditationEditView(SubRecordMixin, generic.ObjectEditView):
    model = Accreditation
    form_class = forms.AccreditationForm


class AccreditationDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = Accreditation


class CohortListView(generic.ObjectListView):
    model = Cohort
    queryset = Cohort.objects.select_related("programme")
    filterset_class = filters.CohortFilterSet
    table_class = tables.CohortTable


class CohortDetailView(generic.ObjectDetailView):
    model = Cohort
    queryset = Cohort.objects.select_related("programme")


class CohortEditView(SubRecordMixin, generic.ObjectEditView):
    model = Cohort
    form_class = forms.CohortForm


class CohortDeleteView(SubRecordMixin, generic.ObjectDeleteView):
    model = Cohort


class OffshoreReturnView(generic.ObjectView):
    """The HESA Aggregate Offshore Record for a reporting year (?year=2024), its validation report,
    and the return as CSV or XLSX (?export=csv|xlsx)."""

    model = Cohort

    def get(self, request):
        self.require(request, "view")
        today = timezone.localdate()
        default = today.year - 1 if today.month < 8 else today.year
        raw = request.GET.get("year", "")
        year = int(raw) if raw.isdigit() and 1990 <= int(raw) <= 2100 else default
        result = offshore_return(year)
        export = request.GET.get("export")
        if export in EXPORT_FORMATS:
            return rows_response(rows_for_export(result), export, f"hesa-aor-{year}")
        context = {**self.base_context(request), "result": result, "years": range(default - 5, default + 2)}
        return render(request, "programmes/offshore_return.html", context)


class AorCodeListView(generic.ObjectListView):
    model = AorCode
    queryset = AorCode.objects.all()
    filterset_class = filters.AorCodeFilterSet
    table_class = tables.AorCodeTable


class AorCodeDetailView(generic.ObjectDetailView):
    model = AorCode
    template_name = "programmes/aorcode.html"


class AorCodeEditView(generic.ObjectEditView):
    model = AorCode
    form_class = forms.AorCodeForm


class AorCodeDeleteView(generic.ObjectDeleteView):
    model = AorCode


def cohort_import(request, pk=None):
    """Upload a spreadsheet of cohorts (for one programme at /programmes/<pk>/cohorts/import/): all
    rows are imported, or none and every problem is listed by row and column."""

    if not (has_model_permission(request.user, Cohort, "add") and has_model_permission(request.user, Cohort, "change")):
        raise PermissionDenied
    programme = get_object_or_404(Programme.objects.restrict(request.user, "view"), pk=pk) if pk else None
    form = forms.CohortImportForm(request.POST or None, request.FILES or None)
    context, status = {"form": form, "programme": programme}, 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["result"] = import_cohorts(upload, upload.name, user=request.user, programme=programme)
        except ImportRefused as refused:
            context["errors"], status = refused.errors, 400
    elif request.method == "POST":
        status = 400
    context["title"] = _("Import cohorts") + (f": {programme}" if programme else "")
    return render(request, "programmes/cohort_import.html", context, status=status)
